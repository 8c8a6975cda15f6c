// Place and camp names beside their markers, each where it collides with no other name:
// the places the frame is about and those that changed hands first (priority 0), then
// other places, then camps; north to south. A name first looks for a spot clear of every
// marker, then (places only) one over a marker but never over another name; the four
// sides first, then the corners.

const POSITIONS = ["left", "right", "above", "below", "above-right", "below-right", "above-left", "below-left"];
const SIDES = 4; // camps keep to the four sides: their names are small and many

function overlaps(a, b) {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

function within(box, frame) {
  return !frame || (box.left >= frame.left && box.right <= frame.right && box.top >= frame.top &&
    box.bottom <= frame.bottom);
}

// The label's box at `position` when it clashes with no placed name (nor, `withIcons`, any
// other marker) and, given a `frame`, stays inside it; else null.
function tryPosition(label, position, own, withIcons, placed, icons, frame) {
  POSITIONS.forEach((p) => label.classList.remove(`krp-pos-${p}`));
  label.classList.add(`krp-pos-${position}`);
  const box = label.getBoundingClientRect();
  const clash = !within(box, frame) || placed.some((other) => overlaps(box, other)) ||
    (withIcons && icons.some((icon) => overlaps(box, icon) && !(icon.left === own.left && icon.top === own.top)));
  return clash ? null : box;
}

export function placeLabels(map) {
  const container = map.getContainer();
  const labels = Array.from(container.querySelectorAll(".krp-label-place, .krp-label-camp"));
  labels.sort((a, b) => Number(a.dataset.priority) - Number(b.dataset.priority) ||
    a.getBoundingClientRect().top - b.getBoundingClientRect().top);
  const placed = [];
  const frame = container.getBoundingClientRect();
  // Markers, their count badges, event symbols and the map's own boxes (zoom, layers,
  // locator): a name avoids them if it can.
  const obstacles = ".krp-icon.krp-control, .krp-icon.krp-camps, .krp-icon.krp-battles, .krp-icon.krp-events, " +
    ".krp-badge, .leaflet-control";
  const icons = Array.from(container.querySelectorAll(obstacles))
    .map((icon) => icon.getBoundingClientRect()).filter((box) => box.width > 0);
  labels.forEach((label) => {
    const own = label.parentNode.getBoundingClientRect();
    const camp = label.classList.contains("krp-label-camp");
    const first = camp ? 1 : 0;
    const count = camp ? SIDES : POSITIONS.length;
    label.classList.remove("krp-label-hidden");
    let chosen = null;
    // Inside the map first; a place keeps its name even over another marker, and a place
    // the frame is about even past the map's edge; never over another name.
    const passes = camp ? [[true, frame]] : [[true, frame], [false, frame]];
    if (label.dataset.priority === "0") {
      passes.push([false, null]);
    }
    passes.forEach(([withIcons, inside]) => {
      for (let n = 0; n < count && !chosen; n += 1) {
        const position = n < SIDES ? POSITIONS[(first + n) % SIDES] : POSITIONS[n];
        chosen = tryPosition(label, position, own, withIcons, placed, icons, inside);
      }
    });
    if (chosen) {
      placed.push(chosen);
    } else {
      label.classList.add("krp-label-hidden");
    }
  });
}
