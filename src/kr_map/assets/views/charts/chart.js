// The who-held-what chart: a row per place someone held, grouped by region along the
// border, each holding a bar on the slider's time scale; a cursor marks the frame. A click
// shows the map at that date; the Table button gives the same facts as a table.

import { t } from "../../core/i18n.js";
import { MESSAGES } from "../../core/messages.js";
import { dayNumber, firstDayOfYear, frameForHolding, frameOfDay, yearOfDay } from "../../core/scales.js";
import { button, el, svg, wrapped } from "../dom.js";
import { drawHolding, holdingText, isCut } from "./holdings.js";
import { fillTable } from "./table.js";

const KEYS = [
  ["krc-key-stated", "stated", "solid: the source states the holding"],
  ["krc-key-inferred", "inferred", "hatched: the holding is inferred from the source"],
  ["krc-key-hollow", "not vouched for", "hollow, dashed: before a vague start is known, or after the last attestation"],
  ["krc-key-change", "changed hands", "black mark: the place passed to a new holder"],
];

let made = 0;

// Shorten a label that would run into the bars; the full name stays in its tooltip.
function fitText(node, room, full) {
  if (!node.getComputedTextLength || node.getComputedTextLength() <= room) {
    return;
  }
  let text = full;
  while (text.length > 3 && node.getComputedTextLength() > room) {
    text = text.slice(0, -1);
    node.textContent = `${text.replace(/\s+$/, "")}…`;
  }
  const title = svg("title");
  title.textContent = full;
  node.appendChild(title);
}

export class Chart {
  constructor(charts) {
    this.charts = charts;
    this.api = charts.api;
    this.data = charts.data.chart;
    made += 1;
    this.id = `krc${made}`; // names this chart's hatch patterns
    this.on = false;
    this.tableOn = false;
  }

  build(slot) {
    slot.setAttribute("aria-label", t(MESSAGES.whoHeldWhat));
    const box = el("div", "krc-chart");
    const head = el("div", "krc-head");
    head.appendChild(el("h2", "krc-title", t(MESSAGES.whoHeldWhat)));
    this.tableButton = button(t(MESSAGES.table), t(MESSAGES.tableHint), () => this.showTable(!this.tableOn),
      "krp-button krc-table-toggle");
    this.tableButton.setAttribute("aria-pressed", "false");
    head.appendChild(this.tableButton);
    head.appendChild(this.legend());
    box.appendChild(head);
    this.axis = svg("svg", { class: "krc-axis", "aria-hidden": "true", focusable: "false" });
    box.appendChild(this.axis);
    this.plot = el("div", "krc-plot");
    this.svg = svg("svg", { class: "krc-svg", role: "img", focusable: "false" });
    this.svg.setAttribute("aria-label", t(MESSAGES.chartLabel));
    this.plot.appendChild(this.svg);
    box.appendChild(this.plot);
    this.detail = el("p", "krc-detail", t(MESSAGES.chartDetail));
    this.detail.setAttribute("aria-live", "polite");
    box.appendChild(this.detail);
    this.tableBox = el("div", "krc-text");
    this.tableBox.hidden = true;
    this.table = el("table", "krc-table");
    this.tableBox.appendChild(this.table);
    box.appendChild(this.tableBox);
    slot.appendChild(box);
    this.svg.addEventListener("click", (event) => this.onClick(event));
    this.svg.addEventListener("mouseover", (event) => {
      const bar = event.target.closest ? event.target.closest(".krc-holding") : null;
      if (bar) {
        this.describe(this.data.holdings[Number(bar.getAttribute("data-holding"))]);
      }
    });
  }

  legend() {
    const list = el("ul", "krc-legend");
    KEYS.forEach(([className, text, title]) => {
      const item = el("li");
      item.title = title;
      item.appendChild(el("span", `krc-key ${className}`));
      item.appendChild(document.createTextNode(` ${text}`));
      list.appendChild(item);
    });
    return list;
  }

  layout() {
    const big = this.api.present;
    return { row: big ? 34 : 24, font: big ? 24 : 15, label: big ? 330 : 230, axis: big ? 34 : 24 };
  }

  visibleHoldings() {
    const end = this.charts.limitEnd();
    return this.data.holdings.map((h, i) => ({ h, i })).filter((item) => dayNumber(item.h.from) < end);
  }

  // Region headings, then their places that have a holding to show, top to bottom.
  rows(visible, size) {
    const shown = {};
    visible.forEach((item) => { shown[item.h.place] = true; });
    const rows = [];
    let y = 0;
    this.data.regions.forEach((region) => {
      const places = this.data.places.map((p, i) => ({ p, i }))
        .filter((item) => item.p.region === region.id && shown[item.i]);
      if (!places.length) {
        return;
      }
      rows.push({ region, y });
      y += size.row;
      places.forEach((item) => {
        rows.push({ place: item.p, index: item.i, y });
        y += size.row;
      });
    });
    return { rows, height: y + 2 };
  }

  draw() {
    if (!this.on) {
      return;
    }
    const size = this.layout();
    const box = this.svg;
    box.textContent = "";
    const width = this.plot.clientWidth;
    const x = this.charts.scale(this.plot, size.label + 16);
    size.labelRoom = Math.max(60, x(0) - 24);
    const start = dayNumber(this.data.start);
    const end = Math.min(dayNumber(this.data.end), this.charts.limitEnd());
    this.charts.dayX = (day) => x(this.charts.positionOfDay(day));
    const visible = this.visibleHoldings();
    const { rows, height } = this.rows(visible, size);
    this.rowY = {};
    box.setAttribute("width", String(width));
    box.setAttribute("height", String(height));
    box.setAttribute("viewBox", `0 0 ${width} ${height}`);
    const defs = svg("defs");
    box.appendChild(defs);
    this.drawYears(box, start, end, height, false);
    rows.forEach((row) => this.drawRow(box, row, size, width));
    visible.forEach((item) => drawHolding(this, { box, defs }, item.h, item.i, size, end));
    this.cursor = svg("g", { class: "krc-cursor" });
    this.cursor.appendChild(svg("rect", { class: "krc-cursor-band", y: 0, height }));
    this.cursor.appendChild(svg("rect", { class: "krc-cursor-line", y: 0, width: 3, height }));
    box.appendChild(this.cursor);
    this.drawAxis(start, end, size, width);
    fillTable(this, visible, end);
    this.moveCursor();
  }

  drawYears(box, start, end, height, labelled) {
    const dayX = this.charts.dayX;
    const first = yearOfDay(start);
    const last = yearOfDay(end - 1);
    const perYear = dayX(firstDayOfYear(first + 1)) - dayX(firstDayOfYear(first));
    // A year's name is four digits (0.64 em each) and a gap: as few years apart as fit.
    const labelRoom = 4 * 0.64 * this.layout().font + 10;
    const every = [1, 2, 5, 10].find((n) => n * perYear >= labelRoom) || 20;
    for (let year = first; year <= last + 1; year += 1) {
      const gx = dayX(firstDayOfYear(year));
      if (!labelled) {
        box.appendChild(svg("line", { class: "krc-year-line", x1: gx, x2: gx, y1: 0, y2: height }));
      } else if (year <= last && (year - first) % every === 0) {
        const text = svg("text", { class: "krc-year-label", x: gx + 2, y: height - 6 });
        text.textContent = String(year);
        box.appendChild(text);
        const room = Number(box.getAttribute("width")) - gx - 2;
        if (text.getComputedTextLength && text.getComputedTextLength() > room) {
          text.remove();
        }
      }
    }
  }

  drawAxis(start, end, size, width) {
    const axis = this.axis;
    axis.textContent = "";
    axis.setAttribute("width", String(width));
    axis.setAttribute("height", String(size.axis));
    axis.setAttribute("viewBox", `0 0 ${width} ${size.axis}`);
    this.drawYears(axis, start, end, size.axis, true);
    this.axisCursor = svg("rect", { class: "krc-cursor-band", y: 0, height: size.axis });
    axis.appendChild(this.axisCursor);
  }

  drawRow(box, row, size, width) {
    if (row.region) {
      box.appendChild(svg("rect", { class: "krc-region-band", x: 0, y: row.y, width, height: size.row }));
      const heading = svg("text", { class: "krc-region", x: 8, y: row.y + size.row * 0.72 });
      heading.textContent = row.region.title;
      const rule = svg("title");
      rule.textContent = `${row.region.title}: ${row.region.rule}`;
      heading.appendChild(rule);
      box.appendChild(heading);
      return;
    }
    this.rowY[row.index] = row.y;
    box.appendChild(svg("line", { class: "krc-row-line", x1: 0, x2: width, y1: row.y + size.row, y2: row.y + size.row }));
    const label = svg("text", { class: "krc-place", x: 16, y: row.y + size.row * 0.72, "data-place": row.place.id });
    label.textContent = row.place.name;
    box.appendChild(label);
    fitText(label, size.labelRoom, row.place.name);
  }

  // The day under the pointer (dayX only grows with the day: a binary search).
  dayAt(event) {
    const b = this.svg.getBoundingClientRect();
    const px = event.clientX - b.left;
    let lo = dayNumber(this.data.start);
    let hi = dayNumber(this.data.end) - 1;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (this.charts.dayX(mid) <= px) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  onClick(event) {
    const day = this.dayAt(event);
    const { periods } = this.charts;
    const limit = this.api.clock.limit;
    const bar = event.target.closest ? event.target.closest(".krc-holding, .krc-change") : null;
    if (bar && bar.classList.contains("krc-holding")) {
      const holding = this.data.holdings[Number(bar.getAttribute("data-holding"))];
      this.describe(holding);
      this.charts.go(frameForHolding(periods, holding, day, limit));
    } else if (day < this.charts.limitEnd()) {
      this.charts.go(frameOfDay(periods, day, limit));
    }
  }

  describe(holding) {
    this.detail.textContent = wrapped(holdingText(this, holding, isCut(holding, this.charts.limitEnd())));
  }

  moveCursor() {
    if (!this.cursor || !this.on) {
      return;
    }
    const period = this.charts.periods[this.api.clock.index];
    const a = this.charts.dayX(period[0]);
    const b = this.charts.dayX(period[1]);
    const band = this.cursor.querySelector(".krc-cursor-band");
    band.setAttribute("x", String(a));
    band.setAttribute("width", String(Math.max(2, b - a)));
    // control is shown as it stood on the period's last day: the line marks that day
    this.cursor.querySelector(".krc-cursor-line").setAttribute("x", String(b - 1.5));
    this.cursor.setAttribute("data-key", this.api.clock.frames[this.api.clock.index].key);
    this.axisCursor.setAttribute("x", String(a));
    this.axisCursor.setAttribute("width", String(Math.max(2, b - a)));
  }

  // The table takes the plot's place: the same facts, readable by a screen reader.
  showTable(on) {
    this.tableOn = Boolean(on);
    this.tableBox.hidden = !this.tableOn;
    this.plot.hidden = this.tableOn;
    this.axis.style.display = this.tableOn ? "none" : "";
    this.tableButton.setAttribute("aria-pressed", String(this.tableOn));
    this.tableButton.textContent = wrapped(this.tableOn ? t(MESSAGES.bars) : t(MESSAGES.table));
    if (!this.tableOn) {
      this.draw();
    }
  }
}
