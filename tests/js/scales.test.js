import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { dayNumber, frameForHolding, frameOfDay, isoOfDay, linearScale, periodsOf, positionOfDay, trackScale }
  from "../../src/kr_map/assets/core/scales.js";
import { UNITS } from "../../src/kr_map/assets/core/frames.js";

// 1989 (the year), 1989-10 (a month in it), 1990.
const periods = periodsOf([["1989-01-01", "1989-12-31"], ["1989-10-01", "1989-10-31"], ["1990-01-01", "1990-12-31"]]);

describe("the charts' scales", () => {
  it("counts days and gives their dates back", () => {
    assert.equal(dayNumber("1970-01-02"), 1);
    assert.equal(isoOfDay(dayNumber("1989-10-24")), "1989-10-24");
    assert.deepEqual(periods[1], [dayNumber("1989-10-01"), dayNumber("1989-11-01")], "a period ends the day after");
  });

  it("puts a day on the time bar, every year the same width", () => {
    assert.equal(positionOfDay(dayNumber("1990-01-01"), 1989, UNITS), UNITS);
    const mid = positionOfDay(dayNumber("1989-07-02"), 1989, UNITS);
    assert.ok(mid > 0.49 * UNITS && mid < 0.51 * UNITS);
  });

  it("shows a day in the shortest frame that holds it, never past the limit", () => {
    assert.equal(frameOfDay(periods, dayNumber("1989-10-24"), 2), 1);
    assert.equal(frameOfDay(periods, dayNumber("1989-03-01"), 2), 0);
    assert.equal(frameOfDay(periods, dayNumber("1989-10-24"), 0), 0);
    assert.equal(frameOfDay(periods, dayNumber("1990-05-01"), 1), -1);
    assert.equal(frameOfDay(periods, dayNumber("1991-05-01"), 2), -1);
  });

  it("sends a click on a holding to a frame whose map shows it", () => {
    const holding = { from: "1989-10-22", frames: [1, 2] };
    assert.equal(frameForHolding(periods, holding, dayNumber("1989-10-24"), 2), 1);
    assert.equal(frameForHolding(periods, holding, dayNumber("1989-03-01"), 2), 1, "the nearest shown frame");
    assert.equal(frameForHolding(periods, { from: "1989-02-01", frames: [2] }, dayNumber("1989-03-01"), 1), 0);
  });

  it("maps time-bar positions to pixels, with a scale of its own beside a short slider", () => {
    const x = linearScale(10, 100, 50);
    assert.equal(x(0), 10);
    assert.equal(x(50), 110);
    const own = trackScale({ left: 0, width: 100, max: 10 }, { left: 0, width: 1000 }, 28, 200);
    assert.equal(own(0), 200);
    assert.equal(own(10), 984);
    const along = trackScale({ left: 100, width: 828, max: 10 }, { left: 0, width: 1000 }, 28, 50);
    assert.equal(along(0), 114);
    assert.equal(along(10), 914);
  });
});
