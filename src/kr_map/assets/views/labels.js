// Place and camp names beside their markers, each where it collides with no other name
// (the rules: core/namespots.js). The page is read at once, then written at once: a name's
// box at each of its positions is measured once per name and size (eight reads for all new
// names together), so placing the names of a frame costs one layout, not one per try.

import { POSITIONS, placeNames } from "../core/namespots.js";

// Markers, their count badges, event symbols and the map's own boxes (zoom, layers,
// locator): a name avoids them if it can.
const OBSTACLES = ".krp-icon.krp-control, .krp-icon.krp-camps, .krp-icon.krp-battles, .krp-icon.krp-events, " +
  ".krp-badge, .leaflet-control";

// name node -> {size, at: {position: {dx, dy, width, height}}}: where the name's box lies
// against its marker's at each position, while the name and its marker keep their size.
const measured = new WeakMap();

function showAt(label, position) {
  POSITIONS.forEach((p) => label.classList.toggle(`krp-pos-${p}`, p === position));
}

// The sizes a name's measures hold for (a font arriving changes them).
function sizeKey(box, own) {
  return `${box.width} ${box.height} ${own.width} ${own.height}`;
}

// Measure the names given at every position: all moved to one position, then all read.
function measure(names) {
  const found = names.map(() => ({}));
  POSITIONS.forEach((position) => {
    names.forEach(({ label }) => showAt(label, position));
    names.forEach(({ label, own }, i) => {
      const box = label.getBoundingClientRect();
      found[i][position] = { dx: box.left - own.left, dy: box.top - own.top, width: box.width, height: box.height };
    });
  });
  names.forEach(({ label, size }, i) => measured.set(label, { size, at: found[i] }));
}

function boxAt(label, own, position) {
  const { dx, dy, width, height } = measured.get(label).at[position];
  const left = own.left + dx;
  const top = own.top + dy;
  return { left, top, right: left + width, bottom: top + height };
}

export function placeLabels(map) {
  const container = map.getContainer();
  const labels = Array.from(container.querySelectorAll(".krp-label-place, .krp-label-camp"));
  const frame = container.getBoundingClientRect();
  const icons = Array.from(container.querySelectorAll(OBSTACLES))
    .map((icon) => icon.getBoundingClientRect()).filter((box) => box.width > 0);
  const names = labels.map((label) => {
    const box = label.getBoundingClientRect();
    const own = label.parentNode.getBoundingClientRect();
    return { label, own, top: box.top, size: sizeKey(box, own), camp: label.classList.contains("krp-label-camp"),
      priority: label.dataset.priority, boxAt: (position) => boxAt(label, own, position) };
  });
  const unmeasured = names.filter(({ label, size }) => (measured.get(label) || {}).size !== size);
  if (unmeasured.length) {
    measure(unmeasured);
  }
  placeNames(names, icons, frame).forEach(({ position, shown }, i) => {
    showAt(labels[i], position); // toggles that change nothing write nothing
    labels[i].classList.toggle("krp-label-hidden", !shown);
  });
}
