// The time axis under the slider: a mark at every frame, a year's name where it fits
// (the first in full, then '85 ... when narrow), every year in presentation mode, on one
// row; a click on a year shows it.

import { el } from "./dom.js";
import { inNativeDigits } from "../core/i18n.js";
import { UNITS } from "../core/frames.js";

export const THUMB = 28; // the slider's thumb: the ticks start and end half of it inside
const EDGE = 10; // how far a year's name may reach into the time bar's left padding
const ROWS_PRESENT = 3; // rows of year names on the wall, where one row has no room
// The forms of the names, tried in turn on the wall until they fit one row: in full where a
// year has the room (else '85, the first in full off the wall), '85, then 85.
const NAMES = [
  { wide: true, first: true, bare: false },
  { wide: false, first: false, bare: false },
  { wide: false, first: false, bare: true },
];

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
    // The names are measured: again whenever fonts come in (Khmer digits are wider in Noto
    // Sans Khmer than in the font the page drew them with before it loaded).
    if (document.fonts && document.fonts.addEventListener) {
      document.fonts.addEventListener("loadingdone", () => this.draw());
    }
  }

  // On the wall every year keeps its name on one row: 1985 where there is room, else '85,
  // else 85 (narrower: the Khmer '៨៣ took a second row at 1280x720), and only when even that
  // does not fit, on a second (or third) row. Elsewhere a name that does not fit is left out.
  draw() {
    const forms = this.ctx.options.present ? NAMES : [NAMES[0]];
    let used = Infinity;
    for (let i = 0; i < forms.length && used > 1; i += 1) {
      used = this.place(forms[i]);
    }
    const height = used > 1 && this.lineHeight ? `${used * this.lineHeight + 4}px` : "";
    this.node.style.height = height; // the track keeps room for the rows of names
    if (this.node.parentNode) {
      this.node.parentNode.style.paddingBottom = height;
    }
    if (this.ctx.clock.frame) {
      this.mark(this.ctx.clock.frame);
    }
  }

  // Draw the marks and the years' names in `form` (NAMES); returns the rows of names used.
  // Every name is written first and all are measured at once: one layout for the bar, not
  // one per year (measuring each name as it went in cost 140 ms of a 1.5 s first frame).
  place(form) {
    const { clock, options } = this.ctx;
    const box = this.node;
    box.textContent = "";
    const max = Math.max(1, Number(this.slider.max));
    const usable = Math.max(0, this.slider.clientWidth - THUMB);
    const perYear = (usable * UNITS) / max;
    const named = [];
    clock.frames.forEach((frame, index) => {
      if (index > clock.limit) {
        return;
      }
      const x = THUMB / 2 + (usable * clock.positionOf(index)) / max;
      const mark = el("span", frame.month ? "krp-tick krp-tick-month" : "krp-tick");
      mark.style.left = `${x}px`;
      box.appendChild(mark);
      if (!frame.month) {
        const full = perYear > 64 ? form.wide : form.first && index === 0 && !options.present;
        named.push({ x, label: this.yearLabel(frame, index, yearName(frame.year, full, form.bare)) });
      }
    });
    named.forEach(({ label }) => box.appendChild(label));
    const sizes = named.map(({ label }) => [label.offsetWidth, label.offsetHeight]);
    this.lineHeight = Math.max(0, ...sizes.map(([, height]) => height));
    const rows = options.present ? ROWS_PRESENT : 1;
    const lastRight = new Array(rows).fill(-Infinity);
    let used = 1;
    named.forEach(({ x, label }, i) => {
      const [width] = sizes[i];
      const left = Math.max(x, width / 2 - EDGE) - width / 2; // the first name stays whole
      const row = lastRight.findIndex((right) => left >= right + 2);
      if (row < 0) {
        label.remove();
        return;
      }
      label.style.left = `${left + width / 2}px`;
      label.style.top = `${2 + row * this.lineHeight}px`;
      lastRight[row] = left + width;
      used = Math.max(used, row + 1);
    });
    return used;
  }

  // A year's name: a button that shows the year (out of the tab order: the slider has it).
  yearLabel(frame, index, name) {
    const label = el("button", "krp-year", inNativeDigits(name));
    label.type = "button";
    label.tabIndex = -1;
    label.dataset.key = frame.key;
    label.setAttribute("aria-label", String(frame.year));
    label.addEventListener("click", () => this.go(index));
    return label;
  }

  mark(frame) {
    this.node.querySelectorAll(".krp-year").forEach((label) => {
      label.classList.toggle("krp-current", label.dataset.key === String(frame.year));
    });
  }
}

// A year's name on the bar: 1985 in full, else '85, or 85 where even the mark does not fit.
export function yearName(year, full, bare) {
  const digits = String(year);
  if (full) {
    return digits;
  }
  return bare ? digits.slice(2) : `’${digits.slice(2)}`;
}
