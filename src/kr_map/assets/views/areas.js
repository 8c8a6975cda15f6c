// Territory areas (contract B): a polygon per claim, its status readable in greyscale.
//   stated: solid fill, solid outline; inferred: hatched in the faction's colour;
//   after: dashed outline, no fill; contested: cross-hatched dark grey, solid outline.
// The hatchings are SVG patterns made in the page (no file, no network). Areas stay below
// every marker, take no Tab stop, and say what they are in a tooltip.

import { el, svg } from "./dom.js";

let made = 0;

// The patterns of one map: a zero-size SVG in the map's container holding <defs>.
export class Patterns {
  constructor(container, look) {
    made += 1;
    this.prefix = `krp${made}`;
    this.look = look;
    this.root = svg("svg", { width: 0, height: 0, class: "krp-patterns", "aria-hidden": "true", focusable: "false" });
    this.root.style.position = "absolute";
    this.defs = svg("defs");
    this.root.appendChild(this.defs);
    container.appendChild(this.root);
  }

  pattern(id, lines, colour) {
    const full = `${this.prefix}-${id}`;
    if (!this.defs.querySelector(`#${full}`)) {
      const gap = this.look.hatch.gap;
      const width = this.look.areas.hatchWidth;
      const node = svg("pattern", { id: full, width: gap, height: gap, patternUnits: "userSpaceOnUse",
        patternTransform: "rotate(45)" });
      lines.forEach((angle) => {
        const line = svg("line", { x1: gap / 2, y1: 0, x2: gap / 2, y2: gap, stroke: colour, "stroke-width": width });
        if (angle) {
          line.setAttribute("transform", `rotate(${angle} ${gap / 2} ${gap / 2})`);
        }
        node.appendChild(line);
      });
      this.defs.appendChild(node);
    }
    return `url(#${full})`;
  }

  // Diagonal lines in a faction's colour (inferred).
  hatch(factionId, colour) {
    return this.pattern(`hatch-${String(factionId).replace(/[^A-Za-z0-9_-]/g, "_")}`, [0], colour);
  }

  // Lines both ways in dark grey (contested).
  cross() {
    return this.pattern("cross", [0, 90], this.look.areas.contestedInk);
  }
}

// Leaflet path options for an area of `status` in `colour`.
export function areaStyle(ctx, status, factionId, colour) {
  const styles = ctx.look.areas.statuses;
  const style = styles[status] || styles.after;
  const options = { color: status === "contested" ? ctx.look.areas.contestedInk : colour,
    weight: style.weight, opacity: 1, dashArray: style.dash || null, className: `krp-area krp-area-${status}` };
  if (style.fill === "solid") {
    options.fillColor = colour;
    options.fillOpacity = style.fillOpacity;
  } else if (style.fill === "hatch") {
    options.fillColor = ctx.patterns.hatch(factionId, colour);
    options.fillOpacity = 1;
  } else if (style.fill === "cross") {
    options.fillColor = ctx.patterns.cross();
    options.fillOpacity = 1;
  } else {
    options.fill = false;
  }
  return options;
}

function validGeometry(geometry) {
  return Boolean(geometry) && (geometry.type === "Polygon" || geometry.type === "MultiPolygon") &&
    Array.isArray(geometry.coordinates);
}

// Leaflet listens for focus on a path with a tooltip, and Chromium then makes the path a
// Tab stop with no ring: a path drawn under `layer` is kept out of the Tab order (a click
// still reaches it; its cards are reached from the panel and the markers).
export function noTabStop(layer) {
  layer.on("add", () => {
    const parts = [];
    if (typeof layer.eachLayer === "function") {
      layer.eachLayer((part) => parts.push(part));
    } else {
      parts.push(layer);
    }
    parts.forEach((part) => {
      const node = typeof part.getElement === "function" ? part.getElement() : null;
      if (node) {
        node.setAttribute("tabindex", "-1");
      }
    });
  });
  return layer;
}

// The area as a Leaflet layer (null when its geometry is not a polygon).
export function areaLayer(ctx, feature) {
  if (!validGeometry(feature.geometry)) {
    return null;
  }
  const style = areaStyle(ctx, feature.status, feature.faction, ctx.colourOf(feature.faction));
  const layer = L.geoJSON({ type: "Feature", properties: {}, geometry: feature.geometry },
    { style: () => style, interactive: true });
  layer.bindTooltip(() => el("span", "", feature.tip), { sticky: true });
  return noTabStop(layer);
}

// The legend's sample of a status: a small rectangle drawn the same way.
export function areaSample(ctx, status) {
  const style = areaStyle(ctx, status, "sample", ctx.look.muted);
  const root = svg("svg", { width: 28, height: 16, viewBox: "0 0 28 16", "aria-hidden": "true",
    class: `krp-area-sample krp-area-${status}` });
  const attrs = { x: 2, y: 2, width: 24, height: 12, stroke: style.color, "stroke-width": Math.min(2, style.weight),
    fill: style.fill === false ? "none" : style.fillColor, "fill-opacity": style.fill === false ? 0 : style.fillOpacity };
  if (style.dashArray) {
    attrs["stroke-dasharray"] = "4 3";
  }
  root.appendChild(svg("rect", attrs));
  return root;
}
