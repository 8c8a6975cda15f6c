import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { CHUNK, Disclosure } from "../../src/kr_map/assets/core/disclosure.js";

// A frame at 100,000 events: 256 news, 1,600 going on. Chunks of 25 in the real panel; 10
// here, so the arithmetic reads at a glance.
describe("Disclosure: how much of a panel section is listed", () => {
  it("lists a section whole when it holds a chunk or less (the bundled data: 25 at most)", () => {
    const parts = new Disclosure();
    parts.showing("1993");
    assert.equal(CHUNK, 25);
    assert.equal(parts.listed("fresh", 25), 25);
    assert.equal(parts.next("fresh", 25), 0);
  });

  it("lists the first chunk, and each press adds the next, the last one shorter", () => {
    const parts = new Disclosure(10);
    parts.showing("1989-10");
    assert.equal(parts.listed("fresh", 256), 10);
    assert.equal(parts.next("fresh", 256), 10);
    assert.equal(parts.more("fresh", 256), 10); // the first card it adds
    assert.equal(parts.listed("fresh", 256), 20);
    const parts2 = new Disclosure(10);
    parts2.showing("x");
    parts2.reveal("ongoing", 248, 256);
    assert.equal(parts2.next("ongoing", 256), 7);
    assert.equal(parts2.more("ongoing", 256), 249);
    assert.equal(parts2.listed("ongoing", 256), 256);
    assert.equal(parts2.next("ongoing", 256), 0);
  });

  it("keeps what the reader asked for on the same frame and forgets it on another", () => {
    const parts = new Disclosure(10);
    assert.equal(parts.showing("1989-10"), true);
    parts.more("ongoing", 1600);
    assert.equal(parts.showing("1989-10"), false); // a faction switched off: same frame
    assert.equal(parts.listed("ongoing", 1600), 20);
    assert.equal(parts.listed("ongoing", 15), 15); // fewer cards once filtered
    assert.equal(parts.listed("fresh", 256), 10); // each section on its own
    assert.equal(parts.showing("1989-11"), true);
    assert.equal(parts.listed("ongoing", 1600), 10);
  });

  it("lists up to a card a popup names, and says when that lists more", () => {
    const parts = new Disclosure(10);
    parts.showing("1990");
    assert.equal(parts.reveal("sometime", 4, 1600), false); // listed already
    assert.equal(parts.reveal("sometime", 42, 1600), true);
    assert.equal(parts.listed("sometime", 1600), 43);
    assert.equal(parts.reveal("sometime", 42, 1600), false);
  });
});
