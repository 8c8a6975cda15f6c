// The time axis under the slider: a mark at every frame, a year's name where it fits
// (the first in full, then '85 ... when narrow); a click on a year shows it.

import { el } from "./dom.js";
import { UNITS } from "../core/frames.js";

export const THUMB = 28; // the slider's thumb: the ticks start and end half of it inside

export class Ticks {
  constructor(ctx, slider, go) {
    this.ctx = ctx;
    this.slider = slider;
    this.go = go;
    this.node = el("div", "krp-ticks");
    this.node.setAttribute("aria-hidden", "true");
  }

  subscribe() {
    this.ctx.clock.on("frame", ({ frame }) => this.mark(frame));
  }

  draw() {
    const { clock } = this.ctx;
    const box = this.node;
    box.textContent = "";
    const max = Math.max(1, Number(this.slider.max));
    const usable = Math.max(0, this.slider.clientWidth - THUMB);
    const perYear = (usable * UNITS) / max;
    let lastRight = -Infinity;
    clock.frames.forEach((frame, index) => {
      if (index > clock.limit) {
        return;
      }
      const x = THUMB / 2 + (usable * clock.positionOf(index)) / max;
      const mark = el("span", frame.month ? "krp-tick krp-tick-month" : "krp-tick");
      mark.style.left = `${x}px`;
      box.appendChild(mark);
      if (frame.month) {
        return;
      }
      const full = index === 0 || perYear > 64;
      const label = el("button", "krp-year", full ? String(frame.year) : `’${String(frame.year).slice(2)}`);
      label.type = "button";
      label.tabIndex = -1;
      label.dataset.key = frame.key;
      label.setAttribute("aria-label", String(frame.year));
      label.addEventListener("click", () => this.go(index));
      box.appendChild(label);
      const width = label.offsetWidth;
      const left = x - width / 2;
      if (left < lastRight + 2) {
        label.remove();
        return;
      }
      label.style.left = `${x}px`;
      lastRight = left + width;
    });
    if (clock.frame) {
      this.mark(clock.frame);
    }
  }

  mark(frame) {
    this.node.querySelectorAll(".krp-year").forEach((label) => {
      label.classList.toggle("krp-current", label.dataset.key === String(frame.year));
    });
  }
}
