import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { POSITIONS, claimingOrder, overlaps, placeNames } from "../../src/kr_map/assets/core/namespots.js";

// A marker of 40 px at (x, y) and a name of `width` x 16 px beside it, placed the way
// player.css places it at each position (left: its right edge 4 px into the disc, ...).
const disc = (x, y, size = 40) => ({ left: x, top: y, right: x + size, bottom: y + size });
function named(x, y, { width = 60, camp = false, priority = "1", top = y } = {}) {
  const own = disc(x, y);
  const spots = {
    left: [own.left + 4 - width, own.top + 12], right: [own.right - 2, own.top + 12],
    above: [own.left + 20 - width / 2, own.top + 6 - 16], below: [own.left + 20 - width / 2, own.bottom - 6],
    "above-right": [own.right - 10, own.top + 10 - 16], "below-right": [own.right - 10, own.bottom - 10],
    "above-left": [own.left + 10 - width, own.top + 10 - 16], "below-left": [own.left + 10 - width, own.bottom - 10],
  };
  const boxAt = (position) => {
    const [left, boxTop] = spots[position];
    return { left, top: boxTop, right: left + width, bottom: boxTop + 16 };
  };
  return { own, top, camp, priority, boxAt };
}
const MAP = { left: 0, top: 0, right: 1000, bottom: 700 };

describe("names beside their markers", () => {
  it("a name alone on the map goes to the left of its marker", () => {
    assert.deepEqual(placeNames([named(500, 300)], [disc(500, 300)], MAP), [{ position: "left", shown: true }]);
  });

  it("a name moves to another side when the left would cover another marker", () => {
    const icons = [disc(500, 300), disc(440, 300)];
    assert.deepEqual(placeNames([named(500, 300)], icons, MAP), [{ position: "right", shown: true }]);
  });

  it("a name never covers a name placed before it", () => {
    const names = [named(500, 300, { priority: "0" }), named(500, 330)];
    const spots = placeNames(names, [], MAP);
    const boxes = spots.map(({ position }, i) => names[i].boxAt(position));
    assert.equal(overlaps(boxes[0], boxes[1]), false);
    assert.ok(spots.every(({ shown }) => shown));
  });

  it("a name stays inside the map: at the left edge it goes right", () => {
    assert.deepEqual(placeNames([named(10, 300)], [], MAP), [{ position: "right", shown: true }]);
  });

  it("a place the frame is about keeps its name past the map's edge; another place hides it", () => {
    const tiny = { left: 0, top: 0, right: 45, bottom: 45 }; // no room inside for any name
    const [about] = placeNames([named(2, 2, { priority: "0" })], [], tiny);
    const [other] = placeNames([named(2, 2)], [], tiny);
    assert.deepEqual(about, { position: "left", shown: true });
    assert.equal(other.shown, false);
    assert.equal(other.position, POSITIONS[POSITIONS.length - 1], "a hidden name keeps the last spot it tried");
  });

  it("a camp tries its four sides only, the right first", () => {
    const [camp] = placeNames([named(500, 300, { camp: true })], [], MAP);
    assert.deepEqual(camp, { position: "right", shown: true });
    const boxed = [disc(560, 300), disc(440, 300), disc(500, 260), disc(500, 340)];
    const [hidden] = placeNames([named(500, 300, { camp: true })], boxed, MAP);
    assert.deepEqual(hidden, { position: "left", shown: false }, "no corner for a camp: hidden");
  });

  it("the places the frame is about claim first, then the rest from north to south", () => {
    const names = [{ priority: "1", top: 50 }, { priority: "2", top: 0 }, { priority: "0", top: 90 },
      { priority: "1", top: 10 }, { priority: "1", top: 10 }];
    assert.deepEqual(claimingOrder(names), [2, 3, 4, 0, 1]);
  });

  it("answers in the order given, whatever order the names claimed in", () => {
    // The second name (about the frame) claims the left first: the first goes right.
    const names = [named(470, 300), named(430, 300, { priority: "0" })];
    const spots = placeNames(names, [], MAP);
    assert.deepEqual(spots.map(({ position }) => position), ["right", "left"]);
  });

  it("no name goes under a box drawn over the map, not even the name of the place the frame is about", () => {
    // A layers box covering the left and the corners above: the name goes right.
    const layers = { left: 380, top: 250, right: 510, bottom: 330 };
    assert.deepEqual(placeNames([named(500, 300, { priority: "0" })], [], MAP, [layers]),
      [{ position: "right", shown: true }]);
    // Boxed in on every side, it is hidden rather than drawn under the box.
    const all = { left: 300, top: 200, right: 700, bottom: 400 };
    const [hidden] = placeNames([named(500, 300, { priority: "0" })], [], MAP, [all]);
    assert.equal(hidden.shown, false);
  });
});
