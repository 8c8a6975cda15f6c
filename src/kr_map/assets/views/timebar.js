// The time bar: previous / play / next, the slider with its year ticks, speed, loop and,
// in predict mode, "Reveal next". It follows the clock and the playback, and acts through
// the player's commands (it never steps the clock itself).

import { formatNumber, t } from "../core/i18n.js";
import { MESSAGES } from "../core/messages.js";
import { SPEEDS } from "../core/playback.js";
import { barEnd } from "../core/frames.js";
import { button, el, wrapped } from "./dom.js";
import { Ticks } from "./ticks.js";

// After a click with the mouse, a button gives the keyboard focus back to the page, so
// the presenter's space plays or pauses instead of pressing that button again. A button
// pressed from the keyboard (a click with no pointer: detail 0) keeps its focus.
export function releaseAfterClick(node) {
  node.addEventListener("click", (event) => {
    if (event.detail > 0 && node.blur) {
      node.blur();
    }
  });
}

export class TimeBar {
  constructor(ctx, commands) {
    this.ctx = ctx;
    this.commands = commands;
    this.node = el("div", "krp-timebar");
    this.node.setAttribute("role", "group");
    this.node.setAttribute("aria-label", t(MESSAGES.timeLabel));
    this.buttonsBox = this.buttons();
    this.node.appendChild(this.buttonsBox);
    this.node.appendChild(this.track());
    this.node.appendChild(this.extras());
  }

  buttons() {
    const c = this.commands;
    this.prev = button("◀", t(MESSAGES.previousFrameHint), () => c.stepAndRelease(-1));
    this.play = button(t(MESSAGES.play), t(MESSAGES.playHint), () => c.toggle(), "krp-button krp-play");
    this.play.setAttribute("aria-pressed", "false");
    this.next = button("▶▶", t(MESSAGES.nextFrameHint), () => c.stepAndRelease(1));
    const box = el("div", "krp-buttons");
    [this.prev, this.play, this.next].forEach((b) => {
      releaseAfterClick(b);
      box.appendChild(b);
    });
    return box;
  }

  track() {
    const box = el("div", "krp-track");
    this.slider = el("input", "krp-slider");
    this.slider.type = "range";
    this.slider.min = "0";
    this.slider.step = "1";
    this.slider.setAttribute("aria-label", t(MESSAGES.dateLabel));
    this.slider.addEventListener("input", () => this.commands.scrub(Number(this.slider.value)));
    this.slider.addEventListener("change", () => {
      this.slider.value = String(this.ctx.clock.positionOf(this.ctx.clock.index));
      this.commands.settle();
    });
    this.stripSlot = el("div", "krp-strip-slot");
    box.appendChild(this.stripSlot);
    box.appendChild(this.slider);
    this.ticks = new Ticks(this.ctx, this.slider, (index) => this.commands.go(index));
    box.appendChild(this.ticks.node);
    return box;
  }

  extras() {
    const { playback, options } = this.ctx;
    this.extrasBox = el("div", "krp-extras");
    const speed = el("select", "krp-speed");
    speed.setAttribute("aria-label", t(MESSAGES.speedLabel));
    SPEEDS.forEach((s) => {
      const option = el("option", "", t(MESSAGES.seconds, { count: formatNumber(s) }));
      option.value = String(s);
      option.selected = s === playback.speed;
      speed.appendChild(option);
    });
    speed.addEventListener("change", () => playback.setSpeed(Number(speed.value)));
    this.extrasBox.appendChild(speed);
    const loop = el("label", "krp-loop");
    const box = el("input");
    box.type = "checkbox";
    box.checked = playback.loop;
    box.addEventListener("change", () => {
      playback.setLoop(box.checked);
      this.updateButtons();
    });
    loop.appendChild(box);
    loop.appendChild(document.createTextNode(` ${wrapped(t(MESSAGES.loop))}`));
    this.extrasBox.appendChild(loop);
    if (options.mode === "predict") {
      this.reveal = button(t(MESSAGES.revealNext), t(MESSAGES.revealNextHint),
        () => this.commands.reveal(), "krp-button krp-reveal");
      releaseAfterClick(this.reveal);
      this.extrasBox.appendChild(this.reveal);
    }
    return this.extrasBox;
  }

  subscribe() {
    const { clock, playback } = this.ctx;
    clock.on("frame", ({ index, frame }) => {
      this.slider.value = String(clock.positionOf(index));
      this.slider.setAttribute("aria-valuetext", frame.label);
      this.updateButtons();
    });
    clock.on("limit", () => this.updateLimit());
    playback.on("change", ({ playing }) => {
      this.play.textContent = wrapped(playing ? t(MESSAGES.pause) : t(MESSAGES.play));
      this.play.setAttribute("aria-pressed", String(playing));
    });
    this.ticks.subscribe();
    this.updateLimit();
  }

  // The ends of the bar move with the limit; Reveal is there while more can be shown.
  updateLimit() {
    const { clock } = this.ctx;
    this.slider.max = String(barEnd(clock.frames, clock.limit));
    if (this.reveal) {
      this.reveal.disabled = !this.commands.canReveal();
    }
    this.ticks.draw();
  }

  // Previous and next as the frame shown allows (called after every show, even a no-op).
  updateButtons() {
    const { clock, playback } = this.ctx;
    this.prev.disabled = clock.index === 0;
    this.next.disabled = clock.atLimit() && !playback.loop;
  }

  // The slider's box on the page and its last position: the charts' scale.
  geometry() {
    const box = this.slider.getBoundingClientRect();
    return { left: box.left, width: box.width, max: Number(this.slider.max) };
  }
}
