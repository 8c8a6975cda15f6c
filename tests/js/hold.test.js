import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { SLACK, holdsView } from "../../src/kr_map/assets/core/hold.js";

// The room the framing keeps on a 960 x 737 map: right of the locator, below the top-right
// boxes, 48 px from the other edges.
const room = { left: 156, top: 176, right: 912, bottom: 689 };
// The document's action at zoom 6.75 after the map grew by a caption line: inside, with room.
const action = { left: 300, top: 200, right: 800, bottom: 650 };

describe("holding the view when the map changes size", () => {
  it("holds it while the action lies in its room and a new framing would zoom in a notch or less", () => {
    assert.equal(holdsView({ action, room, zoom: 6.75, fitted: 6.75 }), true);
    assert.equal(holdsView({ action, room, zoom: 6.75, fitted: 6.75 + SLACK }), true);
  });

  it("frames again when a new framing would make the action more than a notch larger", () => {
    assert.equal(holdsView({ action, room, zoom: 6.5, fitted: 7 }), false);
  });

  it("frames again when the action reaches past any edge of its room", () => {
    for (const [side, value] of [["left", 150], ["top", 170], ["right", 920], ["bottom", 700]]) {
      assert.equal(holdsView({ action: { ...action, [side]: value }, room, zoom: 6.75, fitted: 6.75 }), false,
        `the action past the room's ${side} edge`);
    }
  });

  it("reads a corner projected half a pixel over the edge as inside (rounding)", () => {
    assert.equal(holdsView({ action: { ...action, bottom: 689.4 }, room, zoom: 6.75, fitted: 6.75 }), true);
  });

  it("frames again when the map is zoomed in past what a new framing would choose", () => {
    assert.equal(holdsView({ action, room, zoom: 7, fitted: 6.75 }), false);
  });
});
