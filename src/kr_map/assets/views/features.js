// One feature of the frames document as a Leaflet layer, made once and reused: a held
// place, a camp, a movement (with a destination, or open: contract B), an event symbol,
// a zone or a territory area. Names reach Leaflet as options that set attributes.

import { colourOr, el } from "./dom.js";
import { areaLayer, noTabStop } from "./areas.js";
import { popupNode } from "./cards.js";
import { arrowSvg, placeSvg, shapeSvg, tentSvg } from "./symbols.js";

function tooltip(layer, text, options) {
  layer.bindTooltip(el("span", "", text), options || { sticky: false, direction: "top" });
}

function bindPopup(ctx, layer, feature) {
  layer.bindPopup(() => popupNode(ctx.doc, feature),
    { maxWidth: 440, autoPanPaddingTopLeft: [60, 60], className: "krp-leaflet-popup" });
  layer.on("popupopen", () => ctx.emit("popup", { events: feature.events || [] }));
}

// A marker whose icon is `node`; an interactive one is a button named once, by a hidden span.
function marker(ll, node, size, anchor, name, feature, interactive) {
  let content = node;
  if (!(content instanceof HTMLElement)) { // a bare SVG (arrowheads): give it a box
    content = el("div", "krp-svg-box");
    content.appendChild(node);
  }
  const icon = L.divIcon({ html: content, className: `krp-icon krp-${feature.layer}`,
    iconSize: [size, size], iconAnchor: anchor });
  const made = L.marker(ll, { icon, title: name, alt: name, interactive, keyboard: interactive,
    riseOnHover: interactive });
  if (interactive) {
    Array.prototype.forEach.call(content.children || [], (child) => child.setAttribute("aria-hidden", "true"));
    content.appendChild(el("span", "krp-sr", name));
    made.on("add", () => {
      const shown = made.getElement();
      if (shown) {
        shown.setAttribute("role", "button");
        shown.removeAttribute("title");
      }
    });
  }
  return made;
}

function zone(ctx, feature, group) {
  const colour = ctx.colourOf(feature.faction);
  const style = ctx.look.zone;
  const circle = L.circle(feature.ll, { radius: feature.r, color: colour, weight: style.weight,
    dashArray: style.dash, fillColor: colour, fillOpacity: style.fillOpacity, className: "krp-zone" });
  tooltip(circle, feature.tip, { sticky: true });
  group.addLayer(noTabStop(circle));
}

function place(ctx, feature, group) {
  const holder = ctx.faction(feature.faction) || {};
  const size = ctx.options.present ? ctx.look.sizes.placePresent : ctx.look.sizes.place;
  const box = el("div", "krp-place");
  box.appendChild(placeSvg(ctx.look, { fill: ctx.colourOf(feature.faction),
    was: feature.was ? ctx.colourOf(feature.was) : null, hollow: feature.hollow, approx: feature.approx,
    size, mark: holder.mark, ink: holder.ink }));
  const name = el("span", "krp-label krp-label-place", feature.label);
  name.dataset.priority = feature.was ? "0" : "1"; // a change of hands is the news
  box.appendChild(name);
  // The accessible name starts with what the marker shows: its mark and its name.
  const spoken = `${[holder.mark, feature.label].filter(Boolean).join(" ")}: ${feature.tip}`;
  const made = marker(feature.ll, box, size, [size / 2, size / 2], spoken, feature, true);
  tooltip(made, feature.tip);
  bindPopup(ctx, made, feature);
  group.addLayer(made);
}

function camp(ctx, feature, group) {
  const size = ctx.look.sizes.camp;
  const box = el("div", "krp-camp");
  box.appendChild(tentSvg(ctx.look, size));
  const name = el("span", "krp-label krp-label-camp", feature.label);
  name.dataset.priority = "2";
  box.appendChild(name);
  const made = marker(feature.ll, box, size, [-2, 34], `${feature.label}: ${feature.tip}`, feature, true);
  tooltip(made, feature.tip);
  group.addLayer(made);
}

function move(ctx, feature, group) {
  const line = L.polyline([feature.from, feature.to], { color: feature.colour, weight: feature.w,
    opacity: 0.85, dashArray: feature.vague ? "10 8" : null, className: "krp-move" });
  tooltip(line, feature.tip, { sticky: true });
  bindPopup(ctx, line, feature);
  const a = ctx.map.project(feature.from, 8);
  const b = ctx.map.project(feature.to, 8);
  const angle = (Math.atan2(b.x - a.x, a.y - b.y) * 180) / Math.PI;
  const head = marker(feature.to, arrowSvg(ctx.look, feature.colour, angle), ctx.look.arrow.size,
    [ctx.look.arrow.size / 2, ctx.look.arrow.size / 2], feature.tip, feature, true);
  bindPopup(ctx, head, feature);
  group.addLayer(noTabStop(line)); // the keyboard reaches the movement at its arrowhead
  group.addLayer(head);
}

// A movement whose destination the sources do not name: a line toward where it went that
// fades out, or, with no direction either, a small outward mark at its origin.
function openMove(ctx, feature, group) {
  const fade = ctx.look.openMove;
  if (Array.isArray(feature.toward)) {
    const [lat0, lon0] = feature.from;
    const [lat1, lon1] = feature.toward;
    fade.opacities.forEach((opacity, i) => {
      const n = fade.opacities.length;
      const a = [lat0 + ((lat1 - lat0) * i) / n, lon0 + ((lon1 - lon0) * i) / n];
      const b = [lat0 + ((lat1 - lat0) * (i + 1)) / n, lon0 + ((lon1 - lon0) * (i + 1)) / n];
      const part = L.polyline([a, b], { color: feature.colour, weight: feature.w, opacity,
        dashArray: feature.vague ? "10 8" : null, className: "krp-move krp-move-open" });
      tooltip(part, feature.tip, { sticky: true });
      bindPopup(ctx, part, feature);
      // One Tab stop per movement, with a ring (player.css): its first, strongest part.
      group.addLayer(i === 0 ? part : noTabStop(part));
    });
    return;
  }
  const mark = el("div", "krp-open-mark");
  mark.appendChild(shapeSvg(ctx.look, "outward", colourOr(feature.colour, ctx.look.muted), fade.markSize, false));
  const made = marker(feature.from, mark, fade.markSize, [fade.markSize / 2, fade.markSize / 2],
    feature.tip, feature, true);
  tooltip(made, feature.tip);
  bindPopup(ctx, made, feature);
  group.addLayer(made);
}

function symbol(ctx, feature, group) {
  const fill = feature.faction ? ctx.colourOf(feature.faction) : ctx.look.neutral;
  const box = el("div", "krp-symbol");
  box.appendChild(shapeSvg(ctx.look, feature.shape, fill, feature.size, feature.vague));
  if (feature.count > 1) {
    box.appendChild(el("span", "krp-badge", feature.count));
  }
  const shift = feature.size / 2 + 14;
  const anchor = feature.layer === "battles"
    ? [feature.size / 2 - shift, feature.size / 2 + shift]
    : [feature.size / 2 - shift, feature.size / 2 - shift];
  const made = marker(feature.ll, box, feature.size, anchor, feature.tip, feature, true);
  tooltip(made, feature.tip);
  bindPopup(ctx, made, feature);
  group.addLayer(made);
}

function area(ctx, feature, group) {
  const layer = areaLayer(ctx, feature);
  if (layer) {
    if (feature.cards && feature.cards.length) {
      bindPopup(ctx, layer, feature);
    }
    group.addLayer(layer);
  }
}

const MAKERS = { zone, place, camp, symbol, area };

// The layer group of one feature (empty for a type this player does not know).
export function featureLayer(ctx, feature) {
  const group = L.featureGroup();
  if (feature.type === "move") {
    (feature.open || !Array.isArray(feature.to) ? openMove : move)(ctx, feature, group);
  } else if (MAKERS[feature.type]) {
    MAKERS[feature.type](ctx, feature, group);
  }
  return group;
}
