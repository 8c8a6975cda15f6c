// The presenter view: a second window on the teacher's laptop while the projector shows the
// map. It shows what the projector shows (mode, date, story step), the step's teacher
// notes and the next step's title, the lesson's elapsed time, and the controls (◀ ▶,
// first and last, the modes). It follows the projector and steers it over the channel
// (core/channel.js): it never moves time itself.

import { formatNumber, t } from "../core/i18n.js";
import { MESSAGES } from "../core/messages.js";
import { button, el, wrapped } from "./dom.js";
import { MODES, modeOf } from "./modes.js";
import { addTranslation } from "./translated.js";

// "4:05" or "1:02:09": elapsed milliseconds as a clock reads them.
export function elapsedText(ms) {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const pad = (n) => String(n).padStart(2, "0");
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return h ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

export const NOTES_IN_STORY = MESSAGES.notesInStory;

// What the presenter says about a projector's `show` message: {where, notes, next}.
export function presenterText(doc, shown) {
  const frame = (doc.frames || []).find((f) => f.key === shown.key);
  const steps = Array.isArray(doc.story) ? doc.story : [];
  const date = frame ? frame.label : shown.key;
  if (shown.mode !== "story" || !shown.step || !steps[shown.step - 1]) {
    return { where: t(MESSAGES.presenterWhere, { mode: t(modeOf(shown.mode).title), date }), notes: t(NOTES_IN_STORY), next: "" };
  }
  const step = steps[shown.step - 1];
  const following = steps[shown.step];
  return {
    where: t(MESSAGES.presenterStory, { number: formatNumber(shown.step), count: formatNumber(steps.length), title: step.title, date }),
    notes: step.teacherNotes || t(MESSAGES.noTeacherNotes),
    next: following ? `${formatNumber(following.step)}. ${following.title}` : t(MESSAGES.lastStep),
  };
}

export class Presenter {
  constructor(doc, channel, timers) {
    this.doc = doc;
    this.channel = channel;
    this.timers = timers;
    this.started = timers.now();
    this.node = el("main", "krp-presenter");
    this.node.setAttribute("aria-label", t(MESSAGES.presenterView));
    this.node.dataset.shown = "";
    this.build();
    channel.on((message) => {
      if (message.type === "show") {
        this.show(message);
      }
    });
    timers.every(() => this.tick(), 1000);
    this.tick();
    channel.send({ type: "command", action: "hello" });
  }

  build() {
    const head = el("header", "krp-presenter-head");
    head.appendChild(el("h1", "krp-presenter-title", t(MESSAGES.presenterView)));
    this.clock = el("p", "krp-presenter-clock");
    this.clock.setAttribute("aria-label", t(MESSAGES.lessonTime));
    head.appendChild(this.clock);
    head.appendChild(button(t(MESSAGES.restartClock), t(MESSAGES.restartClockHint), () => this.restart(), "krp-button"));
    this.node.appendChild(head);
    this.where = el("p", "krp-presenter-where", t(MESSAGES.waiting));
    this.where.setAttribute("aria-live", "polite");
    this.node.appendChild(this.where);
    this.notesBox = this.section(t(MESSAGES.teacherNotes), "krp-teacher-notes");
    this.nextBox = this.section(t(MESSAGES.nextStepTitle), "krp-next-step");
    this.node.appendChild(this.controls());
  }

  section(title, className) {
    const box = el("section", `krp-presenter-section ${className}-box`);
    box.appendChild(el("h2", "", title));
    const text = el("p", className);
    box.appendChild(text);
    box.hidden = true;
    this.node.appendChild(box);
    return text;
  }

  controls() {
    const box = el("nav", "krp-presenter-controls");
    box.setAttribute("aria-label", t(MESSAGES.steer));
    const send = (command) => this.channel.send({ type: "command", ...command });
    box.appendChild(button(t(MESSAGES.first), t(MESSAGES.firstHint), () => send({ action: "first" }), "krp-button"));
    box.appendChild(button(t(MESSAGES.back), t(MESSAGES.backHint), () => send({ action: "step", by: -1 }), "krp-button krp-presenter-back"));
    box.appendChild(button(t(MESSAGES.next), t(MESSAGES.nextHint), () => send({ action: "step", by: 1 }), "krp-button krp-presenter-next"));
    box.appendChild(button(t(MESSAGES.last), t(MESSAGES.lastHint), () => send({ action: "last" }), "krp-button"));
    const modes = el("div", "krp-presenter-modes");
    modes.setAttribute("role", "group");
    modes.setAttribute("aria-label", t(MESSAGES.presenterModes));
    this.modeButtons = MODES.map((mode) => {
      const node = button(t(mode.title), t(mode.hint), () => send({ action: "mode", mode: mode.id }), "krp-button krp-mode");
      node.dataset.mode = mode.id;
      modes.appendChild(node);
      return node;
    });
    box.appendChild(modes);
    return box;
  }

  // A key on the laptop (a clicker sends ← → or Page Up/Down) steers the projector.
  onKey(event) {
    const keys = { ArrowLeft: { action: "step", by: -1 }, PageUp: { action: "step", by: -1 },
      ArrowRight: { action: "step", by: 1 }, PageDown: { action: "step", by: 1 },
      Home: { action: "first" }, End: { action: "last" } };
    const tag = event.target && event.target.tagName;
    if (event.altKey || event.ctrlKey || event.metaKey || tag === "INPUT" || !Object.hasOwn(keys, event.key)) {
      return;
    }
    event.preventDefault();
    this.channel.send({ type: "command", ...keys[event.key] });
  }

  show(shown) {
    const text = presenterText(this.doc, shown);
    this.where.textContent = wrapped(text.where);
    this.notesBox.textContent = wrapped(text.notes);
    this.notesBox.parentNode.hidden = !text.notes;
    this.notesBox.parentNode.querySelectorAll(".krp-translated").forEach((node) => node.remove());
    const steps = Array.isArray(this.doc.story) ? this.doc.story : [];
    if (shown.mode === "story" && shown.step && steps[shown.step - 1]) {
      addTranslation(this.notesBox.parentNode, steps[shown.step - 1], "teacher_notes"); // beside, labelled
    }
    this.nextBox.textContent = wrapped(text.next);
    this.nextBox.parentNode.hidden = !text.next;
    this.modeButtons.forEach((node) => node.setAttribute("aria-pressed", String(node.dataset.mode === shown.mode)));
    this.node.dataset.shown = `${shown.mode}|${shown.key}|${shown.step || ""}`;
  }

  tick() {
    this.clock.textContent = elapsedText(this.timers.now() - this.started);
  }

  restart() {
    this.started = this.timers.now();
    this.tick();
  }
}
