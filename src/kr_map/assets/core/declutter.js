// Markers that never overlap: each marker keeps its place when it is free, else moves to
// the nearest free spot around it (a leader line then points to where it belongs). No DOM:
// boxes in, offsets out. Chosen by measurement (docs/FRAMING.md): at the border war's
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

function moved(box, dx, dy, gap) {
  return { left: box.left + dx - gap, top: box.top + dy - gap, right: box.right + dx + gap,
    bottom: box.bottom + dy + gap };
}

// How badly a spot clashes with the markers placed: 0 when it shares no more than
// MAX_SHARE of a box with any of them, else the area shared beyond that.
function clash(box, placed) {
  return placed.reduce((sum, other) => {
    const share = overlapShare(box, other);
    return share <= MAX_SHARE ? sum : sum + overlapArea(box, other);
  }, 0);
}

// Candidate offsets: none first, then rings outward; on each ring the spot pointing away
// from the crowd's centre (`away`, radians) first, then alternately either side of it.
function candidates(step, away) {
  const spots = [[0, 0]];
  for (let ring = 1; ring <= RINGS; ring += 1) {
    for (let k = 0; k < DIRECTIONS; k += 1) {
      const turn = Math.ceil(k / 2) * (k % 2 ? 1 : -1);
      const angle = away + (turn * 2 * Math.PI) / DIRECTIONS;
      spots.push([Math.round(Math.cos(angle) * step * ring), Math.round(Math.sin(angle) * step * ring)]);
    }
  }
  return spots;
}

// Offsets {id, dx, dy} for `items` [{id, box: {left, top, right, bottom}}], placed in the
// order given (the first keeps its place): each at the first candidate spot that clashes
// with none placed before it, else at the one that clashes least.
export function declutter(items, { gap = 0 } = {}) {
  const placed = [];
  const centre = items.reduce((sum, { box }) => [sum[0] + (box.left + box.right) / 2 / items.length,
    sum[1] + (box.top + box.bottom) / 2 / items.length], [0, 0]);
  return items.map(({ id, box }) => {
    const width = box.right - box.left;
    const height = box.bottom - box.top;
    const step = Math.max(8, Math.round(Math.max(width, height) * 0.6));
    const cx = (box.left + box.right) / 2;
    const cy = (box.top + box.bottom) / 2;
    const away = cx === centre[0] && cy === centre[1] ? -Math.PI / 2 : Math.atan2(cy - centre[1], cx - centre[0]);
    let best = null;
    for (const [dx, dy] of candidates(step, away)) {
      const cost = clash(moved(box, dx, dy, gap), placed);
      if (best === null || cost < best.cost) {
        best = { dx, dy, cost };
      }
      if (cost === 0) {
        break;
      }
    }
    placed.push(moved(box, best.dx, best.dy, 0));
    return { id, dx: best.dx, dy: best.dy };
  });
}
