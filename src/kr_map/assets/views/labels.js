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

function boxesOf(container, selector) {
  return Array.from(container.querySelectorAll(selector))
    .map((node) => node.getBoundingClientRect()).filter((box) => box.width > 0);
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

export function placeLabels(map) {
  const container = map.getContainer();
  const labels = Array.from(container.querySelectorAll(".krp-label-place, .krp-label-camp"));
  const frame = container.getBoundingClientRect();
  const backdrop = Array.from(container.querySelectorAll(BACKDROP));
  const backdropBoxes = backdrop.map((node) => node.getBoundingClientRect()); // read once
  const icons = [...boxesOf(container, OBSTACLES), ...backdropBoxes.filter((box) => box.width > 0)];
  const covers = boxesOf(container, COVERS);
  if (!measuredIn.has(container)) {
    measuredIn.set(container, new Map());
  }
  const measured = measuredIn.get(container);
  const names = labels.map((label) => {
    const box = label.getBoundingClientRect();
    const own = label.parentNode.getBoundingClientRect();
    const camp = label.classList.contains("krp-label-camp");
    const size = sizeKey(camp, box, own);
    return { label, own, top: box.top, size, camp, priority: label.dataset.priority,
      boxAt: (position) => boxAt(measured.get(size), own, position) };
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
