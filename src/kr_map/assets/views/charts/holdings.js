// A holding in the who-held-what chart: its bar, cut into the stretches a source vouches
// for (solid, or hatched when inferred) and those it does not (hollow, dashed), an open
// end when held at the end of the sources, and a black mark where the place changed hands.

import { sideIn, t } from "../../core/i18n.js";
import { MESSAGES } from "../../core/messages.js";
import { quoted } from "../../core/rules.js";
import { dayNumber, isoOfDay } from "../../core/scales.js";
import { svg } from "../dom.js";

// True when the holding ends after the limit: its end is not revealed yet.
export function isCut(holding, end) {
  return holding.to !== null && dayNumber(holding.to) > end;
}

// A holding in words, with its source: the bar's tooltip and the chart's detail line.
export function holdingText(chart, h, cut) {
  const api = chart.api;
  const place = chart.data.places[h.place].name;
  const holder = api.faction(h.faction);
  // The end as the claims word it (a date only when a source states it); predict mode's
  // document leaves it blank for an end still to come.
  const until = cut || !h.until ? t(MESSAGES.laterNotRevealed) : h.until;
  const named = sideIn(h.faction, holder ? holder.name : h.faction); // with its article in French
  let text = `${t(MESSAGES.holding, { place, holder: named, since: h.since, until })} `;
  const quote = quoted(h.quote, h.seed);
  text += h.basis === "inferred" ? t(MESSAGES.inferredQuote, { quote }) : t(MESSAGES.statedQuote, { quote });
  if (h.endQuote && !cut && h.endQuote !== h.quote) {
    text += ` ${t(MESSAGES.endQuote, { quote: quoted(h.endQuote, h.endSeed) })}`;
  }
  if (h.changed) {
    const was = api.faction(h.was);
    text += ` ${t(MESSAGES.changedFrom, { holder: sideIn(h.was, was ? was.name : h.was) })}`;
  }
  return text;
}

function hatch(chart, defs, faction) {
  const id = `${chart.id}-hatch-${faction.replace(/[^A-Za-z0-9_-]/g, "_")}`;
  if (!defs.querySelector(`#${id}`)) {
    const { look } = chart.api;
    const size = look.hatch.gap;
    const pattern = svg("pattern", { id, width: size, height: size, patternUnits: "userSpaceOnUse",
      patternTransform: "rotate(45)" });
    pattern.appendChild(svg("rect", { width: size, height: size, fill: look.neutral }));
    pattern.appendChild(svg("rect", { width: look.hatch.width, height: size, fill: chart.api.colourOf(faction) }));
    defs.appendChild(pattern);
  }
  return `url(#${id})`;
}

function segment(chart, defs, h, s, box) {
  const { look } = chart.api;
  const colour = chart.api.colourOf(h.faction);
  const a = dayNumber(s.from);
  const b = Math.min(dayNumber(s.to), box.end);
  if (a >= b) {
    return null;
  }
  const x0 = chart.charts.dayX(a);
  const x1 = Math.max(chart.charts.dayX(b), x0 + 2);
  const attrs = { x: x0, y: box.top, width: x1 - x0, height: box.height, "data-from": s.from,
    "data-to": isoOfDay(b), class: "krc-seg" };
  if (!s.attested) {
    attrs.class += " krc-hollow";
    attrs.fill = look.neutral;
    attrs.stroke = colour;
    attrs["stroke-width"] = 2.5;
    attrs["stroke-dasharray"] = "6 3";
    attrs.x = x0 + 1.25;
    attrs.width = Math.max(1, x1 - x0 - 2.5);
  } else {
    attrs.class += " krc-attested";
    attrs.fill = h.basis === "inferred" ? hatch(chart, defs, h.faction) : colour;
    attrs.stroke = look.outline;
    attrs["stroke-width"] = 1;
  }
  return svg("rect", attrs);
}

function changeMark(chart, h, y, size, cut) {
  const ink = chart.api.look.outline;
  const cx = chart.charts.dayX(dayNumber(h.from));
  const mark = svg("g", { class: "krc-change", "data-place": chart.data.places[h.place].id, "data-from": h.from });
  const note = svg("title");
  note.textContent = holdingText(chart, h, cut);
  mark.appendChild(note);
  mark.appendChild(svg("rect", { x: cx - 1.5, y: y + 1, width: 3, height: size.row - 2, fill: ink }));
  mark.appendChild(svg("polygon", { points: [cx - 6, y, cx + 6, y, cx, y + 7].join(" "), fill: ink }));
  return mark;
}

export function drawHolding(chart, { box, defs }, h, index, size, end) {
  const y = chart.rowY[h.place];
  if (y === undefined) {
    return;
  }
  const colour = chart.api.colourOf(h.faction);
  const cut = isCut(h, end);
  const group = svg("g", { class: `krc-holding krc-${h.basis}`, "data-holding": index,
    "data-place": chart.data.places[h.place].id, "data-faction": h.faction,
    "data-from": h.from, "data-to": h.to === null || cut ? "" : h.to });
  const title = svg("title");
  title.textContent = holdingText(chart, h, cut);
  group.appendChild(title);
  const bar = { top: y + 4, height: size.row - 8, end };
  h.segments.forEach((s) => {
    const rect = segment(chart, defs, h, s, bar);
    if (rect) {
      group.appendChild(rect);
    }
  });
  if (h.to === null) { // held at the end of the sources: an open end
    const xe = chart.charts.dayX(end);
    group.appendChild(svg("polygon", { class: "krc-open-end", fill: colour, stroke: chart.api.look.outline,
      points: [xe, bar.top, xe + 8, bar.top + bar.height / 2, xe, bar.top + bar.height].join(" ") }));
  }
  box.appendChild(group);
  if (h.changed && dayNumber(h.from) >= dayNumber(chart.data.start)) {
    box.appendChild(changeMark(chart, h, y, size, cut));
  }
}
