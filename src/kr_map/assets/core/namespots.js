// Where each place's and camp's name goes beside its marker, as numbers: boxes in, spots
// out, no DOM (views/labels.js measures and writes). Names claim their spot in order: the
// places the frame is about and those that changed hands first (priority "0"), then other
// places, then camps; north to south. A name first looks for a spot clear of every marker,
// then (places only) one over a marker but never over another name; the four sides first,
// then the corners. Nothing goes under the map's own boxes (zoom, layers, locator, notes):
// they are drawn over the map and would hide it. A name that finds no spot is hidden.

export const POSITIONS = ["left", "right", "above", "below", "above-right", "below-right", "above-left", "below-left"];
export const SIDES = 4; // camps keep to the four sides: their names are small and many

// Whether two boxes {left, top, right, bottom} overlap (touching edges do not).
export function overlaps(a, b) {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

function within(box, frame) {
  return !frame || (box.left >= frame.left && box.right <= frame.right && box.top >= frame.top &&
    box.bottom <= frame.bottom);
}

// The order names claim their spots in: indexes of `names`, by priority, then north first
// (`top`: where the name is now); names alike keep the order given.
export function claimingOrder(names) {
  return names.map((name, i) => i)
    .sort((a, b) => Number(names[a].priority) - Number(names[b].priority) || names[a].top - names[b].top);
}

// The positions a name tries in one pass, in order: a camp's four sides from the right
// round, a place's sides then corners.
function tries(camp) {
  const first = camp ? 1 : 0;
  const count = camp ? SIDES : POSITIONS.length;
  const out = [];
  for (let n = 0; n < count; n += 1) {
    out.push(n < SIDES ? POSITIONS[(first + n) % SIDES] : POSITIONS[n]);
  }
  return out;
}

// The passes a name makes, each [avoid markers?, box to stay inside or null]: inside the map
// first; a place keeps its name even over another marker, and a place the frame is about
// even past the map's edge; never over another name.
function passes(name, frame) {
  if (name.camp) {
    return [[true, frame]];
  }
  const out = [[true, frame], [false, frame]];
  if (name.priority === "0") {
    out.push([false, null]);
  }
  return out;
}

// Each name's spot: `names` [{own, top, camp, priority, boxAt(position)}] where `own` is its
// marker's box and boxAt gives the name's box at a position; `icons` the markers' boxes to
// avoid (a name's own marker excepted: the box at its own top-left corner); `frame` the
// map's box; `covers` the boxes drawn over the map, never under a name. Returns, in the
// order given, {position, shown}; a name not shown keeps the last position it tried.
export function placeNames(names, icons, frame, covers = []) {
  const placed = covers.slice(); // the covers first: a name treats them as names placed
  const out = new Array(names.length);
  claimingOrder(names).forEach((i) => {
    const name = names[i];
    const own = name.own;
    const others = icons.filter((icon) => !(icon.left === own.left && icon.top === own.top));
    let spot = null;
    let tried = null;
    passes(name, frame).forEach(([withIcons, inside]) => {
      for (const position of tries(name.camp)) {
        if (spot) {
          break;
        }
        tried = position;
        const box = name.boxAt(position);
        const clash = !within(box, inside) || placed.some((other) => overlaps(box, other)) ||
          (withIcons && others.some((icon) => overlaps(box, icon)));
        if (!clash) {
          spot = { position, box };
        }
      }
    });
    if (spot) {
      placed.push(spot.box);
    }
    out[i] = { position: spot ? spot.position : tried, shown: Boolean(spot) };
  });
  return out;
}
