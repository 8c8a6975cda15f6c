import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { listAt, unpackDocument } from "../../src/kr_map/assets/core/intervals.js";

const packed = {
  items: [3, 1, 7],
  spans: [[0, 1, 4, 4], [1, 3], []],
  own: { 2: [1, 7] },
};

describe("packed frame lists (kr_map/intervals.py on the wire)", () => {
  it("gives a frame the items whose runs hold it, in the common order", () => {
    assert.deepEqual(listAt(packed, 0), [3]);
    assert.deepEqual(listAt(packed, 1), [3, 1]);
    assert.deepEqual(listAt(packed, 3), [1]);
    assert.deepEqual(listAt(packed, 4), [3]);
    assert.deepEqual(listAt(packed, 5), []);
  });

  it("gives a frame with its own list that list", () => {
    assert.deepEqual(listAt(packed, 2), [1, 7]);
  });

  it("expands a document into per-frame lists that views can read and keys they can list", () => {
    const doc = {
      story: [{ step: 1 }],
      frames: [{ key: "1989" }, { key: "1989-01" }],
      packed: { version: 1, lists: { features: { items: [5, 2], spans: [[0, 1], [1, 1]], own: {} } } },
    };
    const out = unpackDocument(doc);
    assert.equal("packed" in out, false);
    assert.deepEqual(out.story, [{ step: 1 }]);
    assert.deepEqual(out.frames[1].features, [5, 2]);
    assert.deepEqual(Object.keys(out.frames[0]), ["key", "features"]);
    assert.deepEqual(JSON.parse(JSON.stringify(out.frames[0])), { key: "1989", features: [5] });
    assert.equal(out.frames[1].features, out.frames[1].features, "made once, then kept");
  });

  it("leaves a per-frame document as it is", () => {
    const doc = { frames: [{ key: "1989", features: [1] }] };
    assert.equal(unpackDocument(doc), doc);
  });
});
