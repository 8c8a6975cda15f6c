// The map's marks as SVG, drawn from the look Python sends (kr_map/symbols.py: look()):
// shapes, the arrow, sizes and colours are never typed here.

import { colourOr, svg } from "./dom.js";

function box(size, viewBox) {
  return svg("svg", { width: size, height: size, viewBox, "aria-hidden": "true", focusable: "false" });
}

// An event's shape; `vague`: a dashed ring around a smaller shape (dated only roughly).
export function shapeSvg(look, shape, fill, size, vague) {
  const root = box(size, "0 0 24 24");
  if (vague) {
    root.appendChild(svg("circle", { cx: 12, cy: 12, r: 11.3, fill: "none", stroke: look.outline,
      "stroke-width": 1.2, "stroke-dasharray": "2.5 2" }));
  }
  const body = svg("polygon", { points: look.shapes[shape] || look.shapes.dot, fill,
    stroke: look.outline, "stroke-width": 1.6, "stroke-linejoin": "round" });
  if (vague) {
    const group = svg("g", { transform: "translate(12 12) scale(0.72) translate(-12 -12)" });
    group.appendChild(body);
    root.appendChild(group);
  } else {
    root.appendChild(body);
  }
  return root;
}

// A held place: a disc in the holder's colour (hollow after its last attestation),
// dashed when the location is approximate, ringed in the old holder's colour when it
// changed hands in this frame, with the holder's mark written in it.
export function placeSvg(look, { fill, was, hollow, approx, size, mark, ink }) {
  const root = box(size, "0 0 40 40");
  if (was) {
    root.appendChild(svg("circle", { cx: 20, cy: 20, r: 16.5, fill: "none", stroke: was, "stroke-width": 6 }));
  }
  const disc = { cx: 20, cy: 20, r: 12.5, fill: hollow ? look.neutral : fill,
    stroke: hollow ? fill : look.outline, "stroke-width": hollow ? 4.5 : 2.5 };
  if (approx) {
    disc["stroke-dasharray"] = "4 3";
  }
  root.appendChild(svg("circle", disc));
  if (mark) {
    const text = svg("text", { x: 20, y: 20.5, "text-anchor": "middle", "dominant-baseline": "middle",
      "font-size": mark.length > 1 ? 11 : 14, "font-weight": 700,
      fill: hollow ? look.outline : colourOr(ink, look.outline),
      "font-family": "DejaVu Sans, Arial, sans-serif" });
    text.textContent = mark;
    root.appendChild(text);
  }
  return root;
}

// A movement's arrowhead, turned to its heading (degrees clockwise from north).
export function arrowSvg(look, colour, angle) {
  const arrow = look.arrow;
  const root = svg("svg", { width: arrow.size, height: arrow.size, viewBox: `0 0 ${arrow.box} ${arrow.box}`,
    "aria-hidden": "true", focusable: "false" });
  root.style.transform = `rotate(${Math.round(angle)}deg)`;
  root.appendChild(svg("polygon", { points: arrow.points, fill: colour, stroke: arrow.edge, "stroke-width": 1.2 }));
  return root;
}

export function tentSvg(look, size) {
  return shapeSvg(look, "tent", look.neutral, size, false);
}

// A short line in a movement's colour (the legend's sample).
export function lineSample(colour, dash) {
  const root = svg("svg", { width: 28, height: 12, viewBox: "0 0 28 12", "aria-hidden": "true" });
  const attrs = { x1: 1, y1: 6, x2: 27, y2: 6, stroke: colour, "stroke-width": 5 };
  if (dash) {
    attrs["stroke-dasharray"] = dash;
  }
  root.appendChild(svg("line", attrs));
  return root;
}
