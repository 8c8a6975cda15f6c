// Place and camp names beside their markers, each where it collides with no other name:
// places that changed hands first, then other places, then camps; north to south.

const POSITIONS = ["left", "right", "above", "below"];

function overlaps(a, b) {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

function tryPosition(label, position, own, withIcons, placed, icons) {
  POSITIONS.forEach((p) => label.classList.remove(`krp-pos-${p}`));
  label.classList.add(`krp-pos-${position}`);
  const box = label.getBoundingClientRect();
  const clash = placed.some((other) => overlaps(box, other)) ||
    (withIcons && icons.some((icon) => overlaps(box, icon) && !(icon.left === own.left && icon.top === own.top)));
  return clash ? null : box;
}

export function placeLabels(map) {
  const container = map.getContainer();
  const labels = Array.from(container.querySelectorAll(".krp-label-place, .krp-label-camp"));
  labels.sort((a, b) => Number(a.dataset.priority) - Number(b.dataset.priority) ||
    a.getBoundingClientRect().top - b.getBoundingClientRect().top);
  const placed = [];
  const icons = Array.from(container.querySelectorAll(".krp-icon.krp-control, .krp-icon.krp-camps"))
    .map((icon) => icon.getBoundingClientRect());
  labels.forEach((label) => {
    const own = label.parentNode.getBoundingClientRect();
    const first = label.classList.contains("krp-label-camp") ? 1 : 0;
    label.classList.remove("krp-label-hidden");
    let chosen = null;
    // A change of hands keeps its name even over another marker; never over another name.
    const passes = label.dataset.priority === "0" ? [true, false] : [true];
    passes.forEach((withIcons) => {
      for (let n = 0; n < POSITIONS.length && !chosen; n += 1) {
        chosen = tryPosition(label, POSITIONS[(first + n) % POSITIONS.length], own, withIcons, placed, icons);
      }
    });
    if (chosen) {
      placed.push(chosen);
    } else {
      label.classList.add("krp-label-hidden");
    }
  });
}
