// The legend lists only what the frame shows, so it stays short enough to read from afar.
// It follows the map layers ("drawn") and the filters.

import { formatNumber, t } from "../core/i18n.js";
import { MESSAGES } from "../core/messages.js";
import { governmentLegend } from "../core/rules.js";
import { colourOr, el } from "./dom.js";
import { areaSample } from "./areas.js";
import { lineSample, placeSvg, shapeSvg, tentSvg } from "./symbols.js";

// What the shown features need explained: holders, shapes, movement colours, flags.
export function legendNeeds(features) {
  const needs = { holders: {}, shapes: {}, colours: {}, flags: {}, statuses: {} };
  features.forEach((f) => {
    if (f.type === "place") {
      needs.holders[f.faction] = true;
      if (f.was) { needs.holders[f.was] = true; needs.flags.ring = true; }
      if (f.hollow) { needs.flags.hollow = true; }
      if (f.approx) { needs.flags.vague = true; }
    } else if (f.type === "symbol") {
      needs.shapes[f.shape] = true;
      if (f.faction) { needs.holders[f.faction] = true; }
      if (f.vague) { needs.flags.vague = true; }
      if (f.count > 1) { needs.flags.badge = true; }
    } else if (f.type === "move") {
      needs.colours[f.colour] = true;
      if (f.vague) { needs.flags.vague = true; }
      if (f.open) { needs.flags.open = true; }
    } else if (f.type === "zone") {
      needs.flags.zone = true;
      needs.holders[f.faction] = true;
    } else if (f.type === "area") {
      needs.statuses[f.status] = true;
      needs.holders[f.faction] = true;
    } else if (f.type === "camp") {
      needs.shapes.tent = true;
    }
  });
  return needs;
}

// The needs as a text that is the same for the same needs, whatever order they were met in.
export function needsKey(needs) {
  return Object.keys(needs).sort().map((group) => `${group}:${Object.keys(needs[group]).sort().join(",")}`).join(";");
}

export class Legend {
  constructor(ctx) {
    this.ctx = ctx;
    this.node = el("details", "krp-box krp-legend");
    // On the wall the legend is one line (who holds what, as chips); a click opens it.
    this.compact = Boolean(ctx.options.present);
    this.node.open = !ctx.options.legendClosed && !this.compact;
    const chipped = this.compact && ctx.options.panel !== false; // on a map box: the word only
    const summary = el("summary");
    summary.appendChild(el("span", "krp-legend-word",
      chipped ? t(MESSAGES.legendWord) : this.compact ? t(MESSAGES.legend) : t(MESSAGES.legendThisFrame)));
    this.chips = el("span", "krp-chips");
    // Folded on the wall, the legend's one line says when the zones of control are missing
    // from the map (a large dataset's, still being drawn: core/apart.js): that alone, in the
    // place of its word and chips, so no ellipsis takes it and it stays one line.
    this.waiting = el("span", "krp-waiting");
    if (this.compact) {
      summary.appendChild(this.waiting);
    }
    if (chipped) {
      summary.appendChild(this.chips);
    }
    this.node.appendChild(summary);
    this.body = el("div", "krp-legend-body");
    this.node.appendChild(this.body);
  }

  subscribe(layers) {
    layers.on("drawn", (detail) => this.fill(detail.features));
  }

  row(list, symbol, text) {
    const item = el("li");
    item.appendChild(symbol);
    item.appendChild(el("span", "", text));
    list.appendChild(item);
  }

  // The legend of what `features` need explained; built again only when that changed (most
  // switches show the same kinds of things: its nodes are then left as they are).
  fill(features) {
    const needs = legendNeeds(features);
    const frame = this.ctx.clock.frame;
    const g = frame && this.ctx.filters.governmentOn ? frame.government : null;
    const apart = this.ctx.doc.areasApart || null; // areas still to come, or failed to
    const key = JSON.stringify([needsKey(needs), g ? g.faction : null, apart, this.ctx.filters.layersOn.zones]);
    if (key !== this.filledFor) {
      this.filledFor = key;
      this.build(needs);
    }
  }

  build(needs) {
    const { doc, look } = this.ctx;
    const list = el("ul");
    const size = look.sizes.legend;
    this.chips.textContent = "";
    doc.factions.forEach((f) => {
      if (needs.holders[f.id]) {
        const disc = placeSvg(look, { fill: colourOr(f.colour, look.neutral), size, mark: f.mark, ink: f.ink });
        this.row(list, disc, f.short);
        const chip = el("span", "krp-chip");
        chip.appendChild(placeSvg(look, { fill: colourOr(f.colour, look.neutral), size, mark: f.mark, ink: f.ink }));
        chip.appendChild(el("span", "", f.short));
        this.chips.appendChild(chip);
      }
    });
    if (needs.flags.ring) {
      this.row(list, placeSvg(look, { fill: look.neutral, was: look.muted, size }), t(MESSAGES.ringChanged));
    }
    if (needs.flags.hollow) {
      this.row(list, placeSvg(look, { fill: look.muted, hollow: true, size }), t(MESSAGES.hollowAfter));
    }
    this.fillAreas(list, needs);
    this.fillGovernment(list);
    const marks = el("ul");
    Object.keys(look.shapeNames).forEach((shape) => {
      if (needs.shapes[shape]) {
        const symbol = shape === "tent" ? tentSvg(look, look.sizes.legendShape)
          : shapeSvg(look, shape, look.neutral, look.sizes.legendShape, false);
        this.row(marks, symbol, look.shapeNames[shape]);
      }
    });
    this.fillMovements(marks, needs);
    if (needs.flags.vague) {
      this.row(marks, shapeSvg(look, "dot", look.neutral, look.sizes.legendShape, true), t(MESSAGES.dashedVague));
    }
    if (needs.flags.badge) {
      this.row(marks, el("span", "krp-badge-sample", formatNumber(3)), t(MESSAGES.eventsAtOnePlace));
    }
    if (needs.flags.zone) {
      this.row(marks, el("span", "krp-zone-sample"), t(MESSAGES.approximateZone));
    }
    if (!list.children.length && !marks.children.length) {
      list.appendChild(el("li", "", t(MESSAGES.nothingOnMap)));
    }
    this.body.textContent = "";
    this.body.appendChild(list);
    if (marks.children.length) {
      // The key to the marks: folded on a projector, where the legend must stay whole.
      const fold = el("details", "krp-legend-marks");
      fold.open = this.marksOpen === undefined ? !this.ctx.options.present : this.marksOpen;
      fold.addEventListener("toggle", () => { this.marksOpen = fold.open; });
      fold.appendChild(el("summary", "", t(MESSAGES.symbolsCount, { count: formatNumber(marks.children.length) })));
      fold.appendChild(marks);
      this.body.appendChild(fold);
    }
  }

  fillMovements(list, needs) {
    const colours = this.ctx.look.movementColours;
    if (needs.colours[colours.people]) {
      this.row(list, lineSample(colours.people), t(MESSAGES.civiliansMoving));
    }
    if (needs.colours[colours.troops]) {
      this.row(list, lineSample(colours.troops), t(MESSAGES.troopsMoving));
    }
    if (needs.flags.open) {
      this.row(list, lineSample(this.ctx.look.muted, "6 4"), t(MESSAGES.fadingOpen));
    }
  }

  // Territory (contract B): a line per status present, then how the areas are drawn; while
  // a large dataset's areas are still being made (core/apart.js), a line that says so.
  fillAreas(list, needs) {
    const { doc, look } = this.ctx;
    const apart = doc.areasApart && this.ctx.filters.layersOn.zones ? doc.areasApart : null;
    if (apart) {
      const waiting = apart === "failed" ? MESSAGES.areasFailed : MESSAGES.areasComing;
      list.appendChild(el("li", "krp-areas-apart", t(waiting)));
    }
    const short = apart === "failed" ? MESSAGES.areasFailedShort : MESSAGES.areasComingShort;
    this.waiting.textContent = apart ? t(short) : "";
    this.node.classList.toggle("krp-legend-waiting", Boolean(apart) && this.compact);
    let any = false;
    Object.keys(look.areas.statuses).forEach((status) => {
      if (needs.statuses[status]) {
        any = true;
        this.row(list, areaSample(this.ctx, status), look.areas.statuses[status].legend);
      }
    });
    if (any && typeof doc.territoryNote === "string" && doc.territoryNote) {
      // Folded to one line, so the legend stays whole on a projector; a click opens it.
      const note = el("li", "krp-territory-note");
      const fold = el("details", "krp-note-fold");
      fold.appendChild(el("summary", "krp-note-title", t(MESSAGES.howDrawn)));
      fold.appendChild(el("span", "krp-note-text", doc.territoryNote));
      note.appendChild(fold);
      list.appendChild(note);
    }
  }

  fillGovernment(list) {
    const frame = this.ctx.clock.frame;
    const g = frame ? frame.government : null;
    if (g && this.ctx.filters.governmentOn) {
      const swatch = el("span", "krp-gov-sample");
      swatch.style.background = this.ctx.colourOf(g.faction);
      this.row(list, swatch, governmentLegend(this.ctx.faction(g.faction)));
    }
  }
}

