// Place and camp names beside their markers, each where it collides with no other name
// (the rules: core/namespots.js). The page is read at once, then written at once: a name's
// box at each of its positions is measured once per name and size (eight reads for all new
// names together), so placing the names of a frame costs one layout, not one per try.

import { POSITIONS, overlaps, placeNames } from "../core/namespots.js";

// Markers, their count badges, event symbols (OBSTACLES) and the base map's names of countries
// and the lake (BACKDROP, drawn under ours): a name avoids them if it can.
const BACKDROP = ".kr-country-name";
const OBSTACLES = ".krp-icon.krp-control, .krp-icon.krp-camps, .krp-icon.krp-battles, .krp-icon.krp-events, " +
  ".krp-badge";
// The map's own boxes (zoom, layers, locator, scale, notes), drawn over it: never under a name.
const COVERS = ".leaflet-control";

// Each node matching `selector` with its box, those drawn only.
function boxesOf(container, selector) {
  return Array.from(container.querySelectorAll(selector))
    .map((node) => ({ node, box: node.getBoundingClientRect() })).filter(({ box }) => box.width > 0);
}

// map container -> (kind and sizes of a name and its marker -> {position: {dx, dy, width,
// height}}): where such a name's box lies against its marker's at each position.
const measuredIn = new WeakMap();

function showAt(label, position) {
  POSITIONS.forEach((p) => label.classList.toggle(`krp-pos-${p}`, p === position));
}

// What a name's measures hold for: its kind and the sizes of its box and its marker's (a
// font arriving changes them).
function sizeKey(camp, box, own) {
  return `${camp ? "camp" : "place"} ${box.width} ${box.height} ${own.width} ${own.height}`;
}

// Measure one name of each size given at every position: all moved to one position, then
// all read.
function measure(names, measured) {
  const found = names.map(() => ({}));
  POSITIONS.forEach((position) => {
    names.forEach(({ label }) => showAt(label, position));
    names.forEach(({ label, own }, i) => {
      const box = label.getBoundingClientRect();
      found[i][position] = { dx: box.left - own.left, dy: box.top - own.top, width: box.width, height: box.height };
    });
  });
  names.forEach(({ size }, i) => measured.set(size, found[i]));
}

function boxAt(at, own, position) {
  const { dx, dy, width, height } = at[position];
  const left = own.left + dx;
  const top = own.top + dy;
  return { left, top, right: left + width, bottom: top + height };
}

// Everything placing the names needs from the page, read at once: the names (measured at
// every position when of a size not seen yet), what they avoid, the map's box.
export function readNames(map) {
  const container = map.getContainer();
  const labels = Array.from(container.querySelectorAll(".krp-label-place, .krp-label-camp"));
  const frame = container.getBoundingClientRect();
  const backdrop = Array.from(container.querySelectorAll(BACKDROP));
  const backdropBoxes = backdrop.map((node) => node.getBoundingClientRect()); // read once
  const icons = boxesOf(container, OBSTACLES);
  const covers = boxesOf(container, COVERS).map(({ box }) => box);
  if (!measuredIn.has(container)) {
    measuredIn.set(container, new Map());
  }
  const measured = measuredIn.get(container);
  const names = labels.map((label) => {
    const box = label.getBoundingClientRect();
    const own = label.parentNode.getBoundingClientRect();
    const camp = label.classList.contains("krp-label-camp");
    return { label, marker: label.closest(".leaflet-marker-icon"), own, top: box.top, size: sizeKey(camp, box, own), camp };
  });
  const unmeasured = new Map(); // one name of each size not yet measured
  names.forEach((name) => {
    if (!measured.has(name.size) && !unmeasured.has(name.size)) {
      unmeasured.set(name.size, name);
    }
  });
  if (unmeasured.size) {
    measure(Array.from(unmeasured.values()), measured);
  }
  return { labels, names, frame, backdrop, backdropBoxes, icons, covers, measured };
}

// `box` moved by `by` ([dx, dy] pixels, or nothing).
function shifted(box, by) {
  return by ? { left: box.left + by[0], top: box.top + by[1], right: box.right + by[0], bottom: box.bottom + by[1] } : box;
}

// Place the names `read` (readNames) and write where each goes. `moved` (marker node ->
// [dx, dy]): markers parted since the page was read; what was read inside them moves with
// them, so the page is not read again.
export function writeNames(read, moved = new Map()) {
  const { labels, frame, backdrop, backdropBoxes, covers, measured } = read;
  const markerOf = (node) => node.closest(".leaflet-marker-icon");
  const icons = [...read.icons.map(({ node, box }) => shifted(box, moved.get(markerOf(node)))),
    ...backdropBoxes.filter((box) => box.width > 0)];
  const names = read.names.map(({ label, marker, own, top, size, camp }) => {
    const by = moved.get(marker);
    const at = shifted(own, by);
    return { label, own: at, top: top + (by ? by[1] : 0), size, camp, priority: label.dataset.priority,
      boxAt: (position) => boxAt(measured.get(size), at, position) };
  });
  const shownBoxes = [];
  placeNames(names, icons, frame, covers).forEach(({ position, shown }, i) => {
    showAt(labels[i], position); // toggles that change nothing write nothing
    labels[i].classList.toggle("krp-label-hidden", !shown);
    if (shown) {
      shownBoxes.push(names[i].boxAt(position));
    }
  });
  // A country's or the lake's name under one of ours gives way: ours say what happened there.
  backdrop.forEach((node, i) => {
    node.classList.toggle("krp-label-hidden", shownBoxes.some((box) => overlaps(box, backdropBoxes[i])));
  });
}

export function placeLabels(map) {
  writeNames(readNames(map));
}
