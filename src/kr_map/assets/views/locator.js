// A small map of Cambodia in a corner with the stage drawn on it, so the room keeps its
// bearings while the map is framed close in. Drawn from the document's own outline of the
// country (doc.territory, from the bundled borders: offline); shown only while the map
// shows less than most of the country (and not on compare's two narrow maps).

import { t } from "../core/i18n.js";
import { MESSAGES } from "../core/messages.js";
import { el, svg } from "./dom.js";
import { mapControl } from "./shell.js";

export const INSET = { width: 132, height: 108, margin: 6 };

function rings(geometry) {
  if (!geometry || !Array.isArray(geometry.coordinates)) {
    return [];
  }
  return geometry.type === "MultiPolygon" ? geometry.coordinates.flat() : geometry.coordinates;
}

// [[south, west], [north, east]] around a Polygon or MultiPolygon, or null.
export function extentOf(geometry) {
  const points = rings(geometry).flat();
  if (!points.length) {
    return null;
  }
  const lons = points.map((p) => p[0]);
  const lats = points.map((p) => p[1]);
  return [[Math.min(...lats), Math.min(...lons)], [Math.max(...lats), Math.max(...lons)]];
}

// (lat, lon) -> [x, y] in an inset of `size`, the extent fitted in with its margin, a
// degree of longitude shortened by the cosine of the middle latitude (as on the map).
export function insetProjection(extent, size = INSET) {
  const [[south, west], [north, east]] = extent;
  const squeeze = Math.cos((((south + north) / 2) * Math.PI) / 180);
  const spanX = Math.max(1e-9, (east - west) * squeeze);
  const spanY = Math.max(1e-9, north - south);
  const scale = Math.min((size.width - 2 * size.margin) / spanX, (size.height - 2 * size.margin) / spanY);
  const offX = (size.width - spanX * scale) / 2;
  const offY = (size.height - spanY * scale) / 2;
  return (lat, lon) => [offX + (lon - west) * squeeze * scale, offY + (north - lat) * scale];
}

// An SVG path of the outline's rings in the inset.
export function outlinePath(geometry, project) {
  return rings(geometry).map((ring) => ring.map(([lon, lat], i) => {
    const [x, y] = project(lat, lon);
    return `${i ? "L" : "M"}${x.toFixed(1)} ${y.toFixed(1)}`;
  }).join("") + "Z").join("");
}

// True when the map's bounds hold the whole extent (then the locator says nothing new).
export function holdsExtent(view, extent) {
  return view[0][0] <= extent[0][0] && view[0][1] <= extent[0][1] &&
    view[1][0] >= extent[1][0] && view[1][1] >= extent[1][1];
}

// The share of the extent's box that the view shows (0 to 1).
export function shownShare(view, extent) {
  const overlap = (a0, a1, b0, b1) => Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
  const height = overlap(view[0][0], view[1][0], extent[0][0], extent[1][0]);
  const width = overlap(view[0][1], view[1][1], extent[0][1], extent[1][1]);
  const whole = (extent[1][0] - extent[0][0]) * (extent[1][1] - extent[0][1]);
  return whole > 0 ? (height * width) / whole : 1;
}

// The view shows most of the country (the locator would say nothing new), as share.
export const MOSTLY = 0.7;

export class Locator {
  constructor(ctx) {
    this.ctx = ctx;
    this.extent = extentOf(ctx.doc.territory);
    this.node = el("div", "krp-locator");
    this.node.setAttribute("role", "img");
    this.node.setAttribute("aria-label", t(MESSAGES.locatorLabel));
    if (!this.extent) {
      this.node.hidden = true;
      return;
    }
    this.project = insetProjection(this.extent);
    const root = svg("svg", { width: INSET.width, height: INSET.height,
      viewBox: `0 0 ${INSET.width} ${INSET.height}`, "aria-hidden": "true", focusable: "false" });
    root.appendChild(svg("path", { class: "krp-locator-land", d: outlinePath(ctx.doc.territory, this.project) }));
    this.stage = svg("rect", { class: "krp-locator-stage" });
    root.appendChild(this.stage);
    this.node.appendChild(root);
    mapControl(ctx.map, "bottomleft", this.node);
  }

  subscribe() {
    if (this.extent) {
      this.ctx.map.on("moveend zoomend resize", () => this.update());
    }
  }

  // Draw the map's view on the inset (at least a few pixels wide, so a close view shows).
  update() {
    const bounds = this.ctx.map.getBounds();
    const view = [[bounds.getSouth(), bounds.getWest()], [bounds.getNorth(), bounds.getEast()]];
    // Compare's two narrow maps pan together and keep one view: no inset on them either.
    this.node.hidden = Boolean(this.ctx.options.sync) || holdsExtent(view, this.extent) ||
      shownShare(view, this.extent) >= MOSTLY;
    const [x0, y0] = this.project(view[1][0], view[0][1]);
    const [x1, y1] = this.project(view[0][0], view[1][1]);
    const clip = (v, max) => Math.max(1, Math.min(max - 1, v));
    const left = clip(x0, INSET.width);
    const top = clip(y0, INSET.height);
    const width = Math.max(6, clip(x1, INSET.width) - left);
    const height = Math.max(6, clip(y1, INSET.height) - top);
    [["x", left], ["y", top], ["width", width], ["height", height]].forEach(([name, value]) => {
      this.stage.setAttribute(name, value.toFixed(1));
    });
  }
}
