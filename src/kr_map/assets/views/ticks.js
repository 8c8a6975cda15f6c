// The time axis under the slider: a mark at every frame, a year's name where it fits
// (the first in full, then '85 ... when narrow), every year in presentation mode; a
// click on a year shows it.

import { el } from "./dom.js";
import { inNativeDigits } from "../core/i18n.js";
import { UNITS } from "../core/frames.js";

export const THUMB = 28; // the slider's thumb: the ticks start and end half of it inside
const EDGE = 10; // how far a year's name may reach into the time bar's left padding
const ROWS_PRESENT = 3; // rows of year names on the wall, where one row has no room

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
    const { clock, options } = this.ctx;
    const box = this.node;
    box.textContent = "";
    const max = Math.max(1, Number(this.slider.max));
    const usable = Math.max(0, this.slider.clientWidth - THUMB);
    const perYear = (usable * UNITS) / max;
    // On the wall every year keeps its name: one that would touch its neighbour goes to
    // a second (or third) row. Elsewhere a name that does not fit is left out.
    const rows = options.present ? ROWS_PRESENT : 1;
    const lastRight = new Array(rows).fill(-Infinity);
    let used = 1;
    let lineHeight = 0;
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
      const full = perYear > 64 || (index === 0 && !options.present);
      const name = full ? String(frame.year) : `’${String(frame.year).slice(2)}`;
      const label = el("button", "krp-year", inNativeDigits(name));
      label.type = "button";
      label.tabIndex = -1;
      label.dataset.key = frame.key;
      label.setAttribute("aria-label", String(frame.year));
      label.addEventListener("click", () => this.go(index));
      box.appendChild(label);
      const width = label.offsetWidth;
      lineHeight = Math.max(lineHeight, label.offsetHeight);
      const left = x - width / 2;
      const row = lastRight.findIndex((right) => left >= right + 2);
      if (row < 0) {
        label.remove();
        return;
      }
      label.style.left = `${Math.max(x, width / 2 - EDGE)}px`; // the first name stays whole
      label.dataset.row = String(row);
      lastRight[row] = left + width;
      used = Math.max(used, row + 1);
    });
    box.querySelectorAll(".krp-year").forEach((label) => {
      label.style.top = `${2 + Number(label.dataset.row || 0) * lineHeight}px`;
    });
    // The track keeps room for the rows of names under the slider.
    const height = used > 1 && lineHeight ? `${used * lineHeight + 4}px` : "";
    box.style.height = height;
    if (box.parentNode) {
      box.parentNode.style.paddingBottom = height;
    }
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
