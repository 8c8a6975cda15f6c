// The event strip on the slider: per frame, events dated within it (dark) and those
// reaching beyond it (lighter), stacked by kind; a click shows that frame. A hidden table
// says the same for screen readers.

import { formatNumber, t } from "../../core/i18n.js";
import { MESSAGES } from "../../core/messages.js";
import { el, svg } from "../dom.js";

export class Strip {
  constructor(charts) {
    this.charts = charts;
    this.api = charts.api;
    this.data = charts.data.strip;
    this.on = true;
    this.bars = null;
  }

  build(slot) {
    this.node = el("div", "krc-strip");
    this.svg = svg("svg", { class: "krc-strip-svg", "aria-hidden": "true", focusable: "false" });
    this.node.appendChild(this.svg);
    // A table is as wide as its cells whatever its own width says: the box around it is
    // the one cut to a pixel, so the hidden table never widens the page (a phone).
    const hidden = el("div", "krc-sr");
    this.table = el("table", "krc-strip-table");
    hidden.appendChild(this.table);
    this.node.appendChild(hidden);
    slot.appendChild(this.node);
    this.svg.addEventListener("click", (event) => {
      const target = event.target.closest ? event.target.closest(".krc-bar") : null;
      if (target) {
        this.charts.go(Number(target.getAttribute("data-index")));
      }
    });
  }

  title(index) {
    const counts = this.data.counts[index];
    const parts = this.data.kinds.map((kind, k) => {
      const beyond = counts[2 * k + 1];
      let text = t(MESSAGES.kindCount, { kind: kind.title, count: formatNumber(counts[2 * k]) });
      if (beyond) {
        text += ` ${t(MESSAGES.kindBeyond, { count: formatNumber(beyond) })}`;
      }
      return text;
    });
    return `${this.api.clock.frames[index].label} — ${parts.join("; ")}`;
  }

  draw() {
    const { clock } = this.api;
    const counts = this.data.counts;
    const limit = clock.limit;
    const box = this.svg;
    box.textContent = "";
    const width = this.node.clientWidth;
    const height = this.api.present ? 36 : 30;
    box.setAttribute("width", String(width));
    box.setAttribute("height", String(height));
    box.setAttribute("viewBox", `0 0 ${width} ${height}`);
    const x = this.charts.scale(this.node);
    let max = 1;
    for (let i = 0; i <= limit; i += 1) {
      max = Math.max(max, counts[i].reduce((a, b) => a + b, 0));
    }
    const end = Math.max(this.api.track().max, clock.positionOf(limit) + 1);
    this.bars = [];
    for (let j = 0; j <= limit; j += 1) {
      const left = x(clock.positionOf(j));
      const right = x(j < limit ? clock.positionOf(j + 1) : end);
      const bar = this.bar(j, left, Math.max(1, right - left), height, max);
      box.appendChild(bar);
      this.bars.push(bar);
    }
    this.current = svg("rect", { class: "krc-strip-current", y: 0.5, height: height - 1 });
    box.appendChild(this.current);
    this.fillTable();
    this.mark();
  }

  bar(index, left, width, height, max) {
    const counts = this.data.counts[index];
    const colours = this.api.look.strip;
    const frame = this.api.clock.frames[index];
    const group = svg("g", { class: "krc-bar", "data-index": index, "data-key": frame.key });
    const title = svg("title");
    title.textContent = this.title(index);
    group.appendChild(title);
    group.appendChild(svg("rect", { class: "krc-hit", x: left, y: 0, width, height }));
    const room = height - 3;
    const gap = width > 4 ? 1 : 0;
    let y = height;
    this.data.kinds.forEach((kind, k) => {
      group.setAttribute(`data-${kind.id}`, String(counts[2 * k]));
      group.setAttribute(`data-${kind.id}-beyond`, String(counts[2 * k + 1]));
      [0, 1].forEach((beyond) => {
        const n = counts[2 * k + beyond];
        if (!n) {
          return;
        }
        const h = Math.max(1.5, (room * n) / max);
        y -= h;
        group.appendChild(svg("rect", {
          class: `krc-seg krc-${kind.id}${beyond ? " krc-beyond" : " krc-within"}`,
          x: left + gap / 2, y, width: Math.max(1, width - gap), height: h,
          fill: (colours[kind.id] || colours.unknown)[beyond],
        }));
      });
    });
    return group;
  }

  mark() {
    if (!this.bars) {
      return;
    }
    const index = this.api.clock.index;
    const bar = this.bars[index];
    this.bars.forEach((b, i) => b.classList.toggle("krc-current", i === index));
    if (!bar) {
      this.current.setAttribute("width", "0");
      return;
    }
    const hit = bar.querySelector(".krc-hit");
    const w = Math.max(3, Number(hit.getAttribute("width")));
    const x = Number(hit.getAttribute("x")) - (w - Number(hit.getAttribute("width"))) / 2;
    this.current.setAttribute("x", String(x));
    this.current.setAttribute("width", String(w));
  }

  fillTable() {
    const table = this.table;
    table.textContent = "";
    table.appendChild(el("caption", "", t(MESSAGES.stripCaption)));
    const head = el("tr");
    head.appendChild(el("th", "", t(MESSAGES.headFrame)));
    this.data.kinds.forEach((kind) => {
      head.appendChild(el("th", "", kind.title));
      head.appendChild(el("th", "", t(MESSAGES.kindRough, { kind: kind.title })));
    });
    table.appendChild(head);
    for (let i = 0; i <= this.api.clock.limit; i += 1) {
      const row = el("tr");
      row.appendChild(el("th", "", this.api.clock.frames[i].label));
      this.data.counts[i].forEach((n) => row.appendChild(el("td", "", formatNumber(n))));
      table.appendChild(row);
    }
  }
}
