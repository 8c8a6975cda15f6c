import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { newsOf, newsStep, yearStep } from "../../src/kr_map/assets/core/frames.js";
import { revealTarget } from "../../src/kr_map/assets/core/limit.js";

// Frames as the document has them: quiet years, and 1985 a busy one with its months.
function frame(key, caption, events = []) {
  const [year, month] = key.split("-").map(Number);
  const label = month ? `${["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"][month - 1]} ${year}` : String(year);
  return { key, year, month: month || null, label, caption: `${label}: ${caption}`, events };
}

const QUIET = "no event dated within it; 3 more under way or dated only roughly.";
const FRAMES = [
  frame("1984", "1 recorded event.", ["a"]),
  frame("1985", "2 battles or attacks.", ["b", "c"]),
  frame("1985-01", "2 battles or attacks.", ["b", "c"]),
  ...["02", "03", "04", "05", "06"].map((m) => frame(`1985-${m}`, QUIET)),
  frame("1985-07", "1 battle or attack.", ["d"]),
  ...["08", "09", "10", "11", "12"].map((m) => frame(`1985-${m}`, QUIET)),
  frame("1986", QUIET),
  frame("1987", QUIET),
  frame("1989", "Pailin passes to the Khmer Rouge.", ["fall_of_pailin_1989"]),
];
const at = (key) => FRAMES.findIndex((f) => f.key === key);

describe("jumps by a year", () => {
  it("lands on the whole-year frame of the next year, from a year or one of its months", () => {
    assert.equal(FRAMES[yearStep(FRAMES, at("1984"), 1)].key, "1985");
    assert.equal(FRAMES[yearStep(FRAMES, at("1985-03"), 1)].key, "1986");
    assert.equal(FRAMES[yearStep(FRAMES, at("1985-03"), -1)].key, "1984");
    assert.equal(FRAMES[yearStep(FRAMES, at("1986"), -1)].key, "1985", "the whole year, not December");
  });

  it("skips to the nearest year the frames have, and stops at the ends and the limit", () => {
    assert.equal(FRAMES[yearStep(FRAMES, at("1987"), 1)].key, "1989", "no 1988 frame: 1989");
    assert.equal(FRAMES[yearStep(FRAMES, at("1989"), 1)].key, "1989");
    assert.equal(FRAMES[yearStep(FRAMES, at("1984"), -1)].key, "1984");
    assert.equal(FRAMES[yearStep(FRAMES, at("1985-07"), 1, at("1985-09"))].key, "1985-09");
  });
});

describe("steps by news (predict and compare)", () => {
  it("reads a frame's news without its own date", () => {
    assert.equal(newsOf(FRAMES[at("1985-02")]), newsOf(FRAMES[at("1985-06")]));
    assert.notEqual(newsOf(FRAMES[at("1985-02")]), newsOf(FRAMES[at("1985-07")]));
    assert.equal(newsOf(FRAMES[at("1985")]), newsOf(FRAMES[at("1985-01")]), "same caption and events");
  });

  it("never walks through identical months one by one", () => {
    assert.equal(FRAMES[newsStep(FRAMES, at("1985-01"), 1)].key, "1985-02");
    assert.equal(FRAMES[newsStep(FRAMES, at("1985-02"), 1)].key, "1985-07");
    assert.equal(FRAMES[newsStep(FRAMES, at("1985-07"), -1)].key, "1985-06");
    assert.equal(FRAMES[newsStep(FRAMES, at("1985-06"), -1)].key, "1985-01");
  });

  it("stops at the limit and at the ends", () => {
    assert.equal(FRAMES[newsStep(FRAMES, at("1985-02"), 1, at("1985-04"))].key, "1985-04");
    assert.equal(newsStep(FRAMES, FRAMES.length - 1, 1), FRAMES.length - 1);
    assert.equal(newsStep(FRAMES, 0, -1), 0);
  });

  it("reveals up to the next frame whose news differs (never six identical months)", () => {
    const reveals = [];
    let limit = at("1985-01");
    while (limit < at("1986")) {
      limit = revealTarget(FRAMES, limit);
      reveals.push(FRAMES[limit].key);
    }
    assert.deepEqual(reveals, ["1985-02", "1985-07", "1985-08", "1989"], "quiet 1986 and 1987 read alike");
  });
});
