// Whether the framing may hold the map's view when the map only changed its size (the
// caption above it took a line more or less): no DOM, views/framing.js asks it.
//
// Framing again at every such resize moves the map (a pan of nothing still makes Leaflet
// clip every path again) and, when the zoom that fits steps by a notch, re-projects every
// marker and path: the costliest frame switches at 10,000 events. The view is held when
// the action framed is still wholly inside the room the framing keeps for it (below the
// boxes of the top-right corner, right of the locator) and is at most `slack` zoom levels
// smaller than a new framing would make it: the map never hides what the frame is about,
// and it does not keep shrinking the action as the map grows and shrinks.

export const SLACK = 0.25; // one notch of the framing's zoomSnap

const EDGE = 0.5; // pixels: rounding of the projected corners, not a place outside the room

// True when `action` (the framed bounds at the current view, container pixels: {left, top,
// right, bottom}) lies inside `room` (same shape) and `zoom`, the map's zoom, is no more
// than `slack` below `fitted`, the zoom a new framing would choose.
export function holdsView({ action, room, zoom, fitted, slack = SLACK }) {
  const inside = action.left >= room.left - EDGE && action.right <= room.right + EDGE &&
    action.top >= room.top - EDGE && action.bottom <= room.bottom + EDGE;
  return inside && zoom <= fitted && fitted - zoom <= slack;
}
