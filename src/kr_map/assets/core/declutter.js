// Markers that never overlap: each marker keeps its place when it is free, else the spot
// it was moved to last time when that is still free (so a step through time moves only the
// markers it must: the rest hold still for the eye, and the page redraws less), else moves
// to the nearest free spot around it (a leader line then points to where it belongs). No
// DOM: boxes in, offsets out. Chosen by measurement (docs/FRAMING.md): at the border war's
// scale, grouping would hide the very places a lesson compares (Pailin beside Mount Thom
// and Sok Sann) and zooming alone cannot part Pailin from its own event symbols.

export const DIRECTIONS = 12; // candidate spots per ring, every 30 degrees
export const RINGS = 6; // rings of candidates, each a step further out
// Two markers may share this much of the smaller one's box: less than a quarter, so the
// centre of each stays uncovered (a click there opens that marker) and each reads whole.
export const MAX_SHARE = 0.15;

// The area two boxes {left, top, right, bottom} share (0 when apart).
export function overlapArea(a, b) {
  const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
  const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
  return w > 0 && h > 0 ? w * h : 0;
}

// The share of the smaller box that two boxes cover together (0..1).
export function overlapShare(a, b) {
  const smaller = Math.min((a.right - a.left) * (a.bottom - a.top), (b.right - b.left) * (b.bottom - b.top));
  return smaller > 0 ? overlapArea(a, b) / smaller : 0;
}

// `box` moved by (dx, dy) and grown by `gap` on every side, written into `into`.
function moveInto(into, box, dx, dy, gap) {
  into.left = box.left + dx - gap;
  into.top = box.top + dy - gap;
  into.right = box.right + dx + gap;
  into.bottom = box.bottom + dy + gap;
  return into;
}

// The markers placed so far, found by where they lie: a grid of square cells, each listing
// the boxes that reach into it, so a spot is weighed against its neighbours only (two boxes
// that overlap share a cell). A step weighs thousands of spots: weighing one makes nothing
// for the garbage collector to clear.
class Placed {
  constructor(cell) {
    this.cell = cell;
    this.boxes = [];
    this.cells = new Map();
    this.seen = []; // box index -> the last weighing that met it (a box in two cells counts once)
    this.weighing = 0;
  }

  // Each cell `box` reaches into is one number (a page is far fewer than 2^19 cells tall).
  add(box) {
    const index = this.boxes.push(box) - 1;
    const { cell } = this;
    for (let x = Math.floor(box.left / cell); x <= Math.floor(box.right / cell); x += 1) {
      for (let y = Math.floor(box.top / cell); y <= Math.floor(box.bottom / cell); y += 1) {
        const key = x * 1048576 + y;
        const list = this.cells.get(key);
        if (list) {
          list.push(index);
        } else {
          this.cells.set(key, [index]);
        }
      }
    }
  }

  // How badly a spot clashes with the markers placed: 0 when it shares no more than
  // MAX_SHARE of a box with any of them, else the area shared beyond that; counting stops
  // once it reaches `bound` (the spot is then no better than one already found).
  clash(box, bound) {
    this.weighing += 1;
    const { cell } = this;
    let sum = 0;
    for (let x = Math.floor(box.left / cell); x <= Math.floor(box.right / cell); x += 1) {
      for (let y = Math.floor(box.top / cell); y <= Math.floor(box.bottom / cell); y += 1) {
        const list = this.cells.get(x * 1048576 + y);
        for (let i = 0; list && i < list.length; i += 1) {
          const index = list[i];
          if (this.seen[index] !== this.weighing) {
            this.seen[index] = this.weighing;
            const other = this.boxes[index];
            sum += overlapShare(box, other) <= MAX_SHARE ? 0 : overlapArea(box, other);
            if (sum >= bound) {
              return sum;
            }
          }
        }
      }
    }
    return sum;
  }
}

// Candidate offsets, written into `spots` ([dx0, dy0, dx1, dy1, ...]; returns how many):
// none first, then the marker's last offset (`was`, when it had one), then rings outward;
// on each ring the spot pointing away from the crowd's centre (`away`, radians) first, then
// alternately either side of it.
const SPOTS = new Float64Array(2 * (2 + RINGS * DIRECTIONS));

function candidates(spots, step, away, was) {
  spots[0] = 0;
  spots[1] = 0;
  let count = 1;
  if (was && (was[0] || was[1])) {
    spots[2] = was[0];
    spots[3] = was[1];
    count = 2;
  }
  for (let ring = 1; ring <= RINGS; ring += 1) {
    for (let k = 0; k < DIRECTIONS; k += 1) {
      const turn = Math.ceil(k / 2) * (k % 2 ? 1 : -1);
      const angle = away + (turn * 2 * Math.PI) / DIRECTIONS;
      spots[2 * count] = Math.round(Math.cos(angle) * step * ring);
      spots[2 * count + 1] = Math.round(Math.sin(angle) * step * ring);
      count += 1;
    }
  }
  return count;
}

// Offsets {id, dx, dy} for `items` [{id, box: {left, top, right, bottom}, was: [dx, dy]}]
// (`was`, optional: the offset the marker was given last time), placed in the order given
// (the first keeps its place): each at the first candidate spot that clashes with none
// placed before it, else at the one that clashes least. `cell`: the side of the grid's
// cells in px (by default the largest box's side; Infinity: one cell, every box weighed).
export function declutter(items, { gap = 0, cell = null } = {}) {
  const largest = items.reduce((most, { box }) => Math.max(most, box.right - box.left, box.bottom - box.top), 0);
  const placed = new Placed(cell || Math.max(16, largest));
  const centre = items.reduce((sum, { box }) => [sum[0] + (box.left + box.right) / 2 / items.length,
    sum[1] + (box.top + box.bottom) / 2 / items.length], [0, 0]);
  const probe = {}; // the spot being weighed (weighing keeps no box)
  return items.map(({ id, box, was }) => {
    const width = box.right - box.left;
    const height = box.bottom - box.top;
    const step = Math.max(8, Math.round(Math.max(width, height) * 0.6));
    const cx = (box.left + box.right) / 2;
    const cy = (box.top + box.bottom) / 2;
    const away = cx === centre[0] && cy === centre[1] ? -Math.PI / 2 : Math.atan2(cy - centre[1], cx - centre[0]);
    const count = candidates(SPOTS, step, away, was);
    let bestX = 0;
    let bestY = 0;
    let bestCost = Infinity;
    for (let i = 0; i < count; i += 1) {
      const dx = SPOTS[2 * i];
      const dy = SPOTS[2 * i + 1];
      const cost = placed.clash(moveInto(probe, box, dx, dy, gap), bestCost);
      if (cost < bestCost) {
        bestX = dx;
        bestY = dy;
        bestCost = cost;
      }
      if (cost === 0) {
        break;
      }
    }
    placed.add(moveInto({}, box, bestX, bestY, 0));
    return { id, dx: bestX, dy: bestY };
  });
}
