// The who-held-what chart as a table: the same facts, for screen readers and reading aloud.

import { sideIn, t } from "../../core/i18n.js";
import { MESSAGES } from "../../core/messages.js";
import { quoted } from "../../core/rules.js";
import { dayNumber, frameForHolding } from "../../core/scales.js";
import { el } from "../dom.js";
import { isCut } from "./holdings.js";

const HEAD = [MESSAGES.headRegion, MESSAGES.headPlace, MESSAGES.headHolder, MESSAGES.headFrom, MESSAGES.headUntil,
  MESSAGES.headHow, MESSAGES.headSource, ""];

function howKnown(h, cut) {
  const basis = h.basis === "inferred" ? t(MESSAGES.inferred) : t(MESSAGES.stated);
  return h.segments.some((s) => !s.attested)
    ? t(MESSAGES.partlyUnvouched, { basis, date: cut || !h.lastAttested ? "—" : h.lastAttested }) : basis;
}

export function fillTable(chart, visible, end) {
  const { api, data, table } = chart;
  table.textContent = "";
  table.appendChild(el("caption", "", t(MESSAGES.tableCaption)));
  const head = el("tr");
  HEAD.forEach((text) => head.appendChild(el("th", "", text ? t(text) : "")));
  table.appendChild(head);
  const regions = {};
  data.regions.forEach((r) => { regions[r.id] = r.title; });
  visible.slice().sort((a, b) => a.h.place - b.h.place || (a.h.from < b.h.from ? -1 : 1)).forEach((item) => {
    const h = item.h;
    const place = data.places[h.place];
    const holder = api.faction(h.faction);
    const name = holder ? holder.name : h.faction;
    const cut = isCut(h, end);
    const row = el("tr", "krc-row");
    row.setAttribute("data-holding", String(item.i));
    [regions[place.region] || "", place.name, name, h.since,
      cut || !h.until ? t(MESSAGES.notRevealed) : h.until,
      howKnown(h, cut), quoted(h.quote, h.seed)].forEach((text, k) => {
      row.appendChild(el(k === 1 ? "th" : "td", "", text));
    });
    const cell = el("td");
    const show = el("button", "krc-show", t(MESSAGES.showOnMap));
    show.type = "button";
    show.setAttribute("aria-label", t(MESSAGES.showHeldBy, { place: place.name, holder: sideIn(h.faction, name) }));
    show.addEventListener("click", () => {
      chart.charts.go(frameForHolding(chart.charts.periods, h, dayNumber(h.from), api.clock.limit));
    });
    cell.appendChild(show);
    row.appendChild(cell);
    table.appendChild(row);
  });
}
