import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { MAX_SHARE, declutter, overlapArea, overlapShare } from "../../src/kr_map/assets/core/declutter.js";

const box = (x, y, size = 52) => ({ left: x - size / 2, top: y - size / 2, right: x + size / 2, bottom: y + size / 2 });
const moved = (b, { dx, dy }) => ({ left: b.left + dx, top: b.top + dy, right: b.right + dx, bottom: b.bottom + dy });

describe("markers parted where they overlap", () => {
  it("measures how much two boxes share", () => {
    assert.equal(overlapArea(box(0, 0, 10), box(20, 0, 10)), 0);
    assert.equal(overlapArea(box(0, 0, 10), box(5, 0, 10)), 50);
    assert.equal(overlapShare(box(0, 0, 10), box(0, 0, 20)), 1);
  });

  it("leaves markers that are apart, or touch only at their edges, where they are", () => {
    const offsets = declutter([{ id: 0, box: box(0, 0) }, { id: 1, box: box(100, 0) }, { id: 2, box: box(50, 50) }]);
    assert.deepEqual(offsets, [{ id: 0, dx: 0, dy: 0 }, { id: 1, dx: 0, dy: 0 }, { id: 2, dx: 0, dy: 0 }]);
  });

  it("never leaves one marker's centre under another", () => {
    const items = [{ id: "disc", box: box(0, 0) }, { id: "symbol", box: box(4, 6, 26) }];
    const [, symbol] = declutter(items);
    const placed = moved(items[1].box, symbol);
    const centreCovered = placed.left < 0 && placed.right > 0 && placed.top < 0 && placed.bottom > 0;
    assert.equal(centreCovered, false);
  });

  it("keeps the first marker in place and moves the others clear of every one", () => {
    // Pailin, Mount Thom and Sok Sann at zoom 9: 40 px and 130 px apart, discs of 52 px.
    const items = [{ id: "pailin", box: box(500, 300) }, { id: "mount_thom", box: box(460, 337) },
      { id: "sok_sann", box: box(562, 429) }, { id: "fall_of_pailin", box: box(520, 280, 30) }];
    const offsets = declutter(items);
    assert.deepEqual(offsets[0], { id: "pailin", dx: 0, dy: 0 });
    const placed = items.map((item, i) => moved(item.box, offsets[i]));
    for (let a = 0; a < placed.length; a += 1) {
      for (let b = a + 1; b < placed.length; b += 1) {
        assert.ok(overlapShare(placed[a], placed[b]) <= MAX_SHARE, `${items[a].id} and ${items[b].id}`);
      }
    }
    assert.deepEqual(offsets[2], { id: "sok_sann", dx: 0, dy: 0 }, "a marker already clear stays");
  });

  it("moves a marker no further than it must (the nearest free ring)", () => {
    const offsets = declutter([{ id: 0, box: box(0, 0) }, { id: 1, box: box(10, 0) }]);
    const distance = Math.hypot(offsets[1].dx, offsets[1].dy);
    assert.ok(distance > 0 && distance <= 2 * 52 * 0.6 + 1, String(distance));
  });

  it("parts a crowd of identical points, each clear of the rest", () => {
    const items = Array.from({ length: 8 }, (_, id) => ({ id, box: box(0, 0, 30) }));
    const offsets = declutter(items);
    const placed = items.map((item, i) => moved(item.box, offsets[i]));
    for (let a = 0; a < placed.length; a += 1) {
      for (let b = a + 1; b < placed.length; b += 1) {
        assert.ok(overlapShare(placed[a], placed[b]) <= MAX_SHARE);
      }
    }
  });

  it("keeps a moved marker where it was last time while that spot is still free", () => {
    const first = [{ id: "pailin", box: box(0, 0) }, { id: "battle", box: box(10, 0) }];
    const [, before] = declutter(first);
    // The next frame adds a marker that turns the crowd's centre (and so the spots'
    // order) around; the battle keeps the spot it had.
    const next = [{ id: "pailin", box: box(0, 0) }, { id: "battle", box: box(10, 0), was: [before.dx, before.dy] },
      { id: "camp", box: box(-400, 300) }];
    const [, after] = declutter(next);
    assert.deepEqual([after.dx, after.dy], [before.dx, before.dy]);
    const fresh = declutter(next.map(({ id, box: b }) => ({ id, box: b })));
    assert.notDeepEqual([fresh[1].dx, fresh[1].dy], [before.dx, before.dy], "without `was` it would move");
  });

  it("sends a moved marker home once its own place is free, and away from a spot now taken", () => {
    const home = declutter([{ id: "battle", box: box(10, 0), was: [40, 0] }]);
    assert.deepEqual(home, [{ id: "battle", dx: 0, dy: 0 }]);
    // Its old spot (40 px right) is where a marker placed before it now sits.
    const items = [{ id: "pailin", box: box(0, 0) }, { id: "camp", box: box(50, 0) },
      { id: "battle", box: box(10, 0), was: [40, 0] }];
    const offsets = declutter(items);
    assert.notDeepEqual([offsets[2].dx, offsets[2].dy], [40, 0]);
    const placed = items.map((item, i) => moved(item.box, offsets[i]));
    assert.ok(overlapShare(placed[2], placed[1]) <= MAX_SHARE && overlapShare(placed[2], placed[0]) <= MAX_SHARE);
  });

  it("finds the same spots with its grid as by weighing every marker placed", () => {
    let seed = 7;
    const random = () => { seed = (seed * 16807) % 2147483647; return seed / 2147483647; };
    for (let crowd = 0; crowd < 20; crowd += 1) {
      const items = Array.from({ length: 150 }, (_, id) => {
        const size = [26, 30, 52, 120][Math.floor(random() * 4)];
        const item = { id, box: box(Math.round(random() * 400) - 200, Math.round(random() * 300) - 150, size) };
        return random() < 0.3 ? { ...item, was: [Math.round(random() * 60) - 30, Math.round(random() * 60) - 30] } : item;
      });
      assert.deepEqual(declutter(items, { gap: 2 }), declutter(items, { gap: 2, cell: Infinity }), `crowd ${crowd}`);
    }
  });
});
