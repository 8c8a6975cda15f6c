import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { Clock } from "../../src/kr_map/assets/core/clock.js";
import { barEnd, findFrame, indexAt, parseFrameKey, positionOf, UNITS } from "../../src/kr_map/assets/core/frames.js";
import { framesWithABusyYear } from "./fake.js";

const frames = framesWithABusyYear(); // 0: 1984, 1: 1985, 2..13: its months, 14: 1986

describe("frame keys", () => {
  it("reads a year and a month, and nothing else", () => {
    assert.deepEqual(parseFrameKey("1989"), { year: 1989, month: null });
    assert.deepEqual(parseFrameKey("1989-10"), { year: 1989, month: 10 });
    for (const bad of ["1989-13", "1989-00", "89", "1989-1", " 1989", "1989-10-01", "", null, undefined, {}]) {
      assert.equal(parseFrameKey(bad), null, `${String(bad)} is no frame key`);
    }
  });

  it("finds the very frame, else the first of its year, else nothing", () => {
    assert.equal(findFrame(frames, "1985-03"), 4);
    assert.equal(findFrame(frames, "1985"), 1);
    assert.equal(findFrame(frames, "1986-05"), 14, "a quiet year has no months: its year frame");
    assert.equal(findFrame(frames, "1990"), -1);
    assert.equal(findFrame(frames, "<img src=x>"), -1);
    assert.equal(findFrame(frames, undefined), -1);
  });

  it("gives every year the same width on the time bar, months inside their year", () => {
    assert.equal(positionOf(frames, 0), 0);
    assert.equal(positionOf(frames, 1), UNITS);
    assert.equal(positionOf(frames, 4), UNITS + 3);
    assert.equal(positionOf(frames, 14), 2 * UNITS);
    assert.equal(indexAt(frames, UNITS + 3.5, 14), 4);
    assert.equal(indexAt(frames, 1000, 5), 5, "never past the limit");
    assert.equal(barEnd(frames, 14), 2 * UNITS + UNITS - 1, "a quiet last year keeps its width");
    assert.equal(barEnd(frames, 4), UNITS + 3);
  });
});

describe("the clock", () => {
  it("steps and jumps, telling its listeners once per change", () => {
    const clock = new Clock(frames);
    const seen = [];
    clock.on("frame", ({ frame }) => seen.push(frame.key));
    clock.show(0);
    clock.step(1);
    clock.step(1);
    clock.show(2); // already shown: no event
    clock.show(clock.limit);
    assert.deepEqual(seen, ["1984", "1985", "1985-01", "1986"]);
  });

  it("stays within the first frame and the limit, whatever it is asked", () => {
    const clock = new Clock(frames, "1985-02");
    assert.equal(clock.limit, 3);
    assert.equal(clock.show(999), 3);
    assert.equal(clock.step(1), 3);
    assert.equal(clock.show(-5), 0);
    assert.equal(clock.step(-1), 0);
    assert.equal(clock.show("not a number"), 0);
    assert.ok(clock.atFirst());
  });

  it("comes round at either end when looping", () => {
    const clock = new Clock(frames, "1985");
    clock.show(1);
    assert.equal(clock.step(1, true), 0);
    assert.equal(clock.step(-1, true), 1);
  });

  it("ignores a limit key the document does not have", () => {
    assert.equal(new Clock(frames, "2001").limit, frames.length - 1);
  });

  it("moves its limit only within the document, telling its listeners", () => {
    const clock = new Clock(frames, "1984");
    const limits = [];
    clock.on("limit", ({ limit }) => limits.push(limit));
    clock.setLimit(1);
    clock.setLimit(1);
    clock.setLimit(99);
    assert.deepEqual(limits, [1, frames.length - 1]);
  });

  it("refuses a document with no frame", () => {
    assert.throws(() => new Clock([]), /no frame/);
  });
});
