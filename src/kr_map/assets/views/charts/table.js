// The who-held-what chart as a table: the same facts, for screen readers and reading aloud.

import { quoted } from "../../core/rules.js";
import { dayNumber, frameForHolding } from "../../core/scales.js";
import { el } from "../dom.js";
import { isCut } from "./holdings.js";

const HEAD = ["Region", "Place", "Holder", "From", "Until", "How the source knows", "Source", ""];

function howKnown(h, cut) {
  const partly = h.segments.some((s) => !s.attested)
    ? `; partly not vouched for (last attested ${cut || !h.lastAttested ? "—" : h.lastAttested})` : "";
  return (h.basis === "inferred" ? "inferred" : "stated") + partly;
}

export function fillTable(chart, visible, end) {
  const { api, data, table } = chart;
  table.textContent = "";
  table.appendChild(el("caption", "", "Who held what, place by place along the border"));
  const head = el("tr");
  HEAD.forEach((text) => head.appendChild(el("th", "", text)));
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
      cut || !h.until ? "not revealed yet" : h.until,
      howKnown(h, cut), quoted(h.quote, h.seed)].forEach((text, k) => {
      row.appendChild(el(k === 1 ? "th" : "td", "", text));
    });
    const cell = el("td");
    const show = el("button", "krc-show", "Show on map");
    show.type = "button";
    show.setAttribute("aria-label", `Show ${place.name} held by ${name} on the map`);
    show.addEventListener("click", () => {
      chart.charts.go(frameForHolding(chart.charts.periods, h, dayNumber(h.from), api.clock.limit));
    });
    cell.appendChild(show);
    row.appendChild(cell);
    table.appendChild(row);
  });
}
