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
});
