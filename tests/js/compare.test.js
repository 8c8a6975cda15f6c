import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { changesBetween } from "../../src/kr_map/assets/core/changes.js";

// Three places; Pailin passes from the SOC to the Khmer Rouge in October 1989, Anlong Veng
// is held by the Khmer Rouge on two rows (a second, later-dated holding by the same side),
// Samlot appears in 1990, and the last state holds nothing.
const compare = {
  state: { 1979: 0, "1989-09": 0, "1989-10": 1, 1990: 2, 1999: 3 },
  states: [[0], [2, 1], [3, 1, 4], []],
  holdings: [
    { place: 1, holder: 2, since: "1979", quote: "SOC holds Pailin", source: "“A”" },
    { place: 1, holder: 1, since: "24 Oct 1989", quote: "victory over the city of Pailin", source: "“Battle of Pailin”" },
    { place: 0, holder: 1, since: "1979", quote: "base at Anlong Veng", source: "“B”" },
    { place: 0, holder: 1, since: "c. 1985", quote: "still at Anlong Veng", source: "“B”" },
    { place: 2, holder: 2, since: "1990", quote: "SOC at Samlot", source: "“A”" },
  ],
  places: ["Anlong Veng", "Pailin", "Samlot"],
  holders: ["no holder recorded", "Khmer Rouge", "SOC"],
};

const line = (c) => `${c.place}: ${c.before} → ${c.after} (${c.since}) ${c.quote} ${c.source}`.trim();

describe("compare's changes of hands, made from two frames' holdings", () => {
  it("lists each place whose holder differs, in the places' order, with the later holding's date, quote and source", () => {
    assert.deepEqual(changesBetween(compare, "1989-09", "1989-10").map(line), [
      "Anlong Veng: no holder recorded → Khmer Rouge (1979) base at Anlong Veng “B”",
      "Pailin: SOC → Khmer Rouge (24 Oct 1989) victory over the city of Pailin “Battle of Pailin”",
    ]);
  });

  it("reads the maps in their order: backwards, a place no longer held has no date, quote or source", () => {
    assert.deepEqual(changesBetween(compare, "1989-10", "1979"), [
      { place: "Anlong Veng", before: "Khmer Rouge", after: "no holder recorded", since: "", quote: "", source: "" },
      { place: "Pailin", before: "Khmer Rouge", after: "SOC", since: "1979", quote: "SOC holds Pailin", source: "“A”" },
    ]);
  });

  it("does not list a place whose holder is the same on another row of the data", () => {
    assert.deepEqual(changesBetween(compare, "1989-10", "1990").map((c) => c.place), ["Samlot"]);
  });

  it("lists nothing between frames of one state, and every holding against a state of none", () => {
    assert.deepEqual(changesBetween(compare, "1979", "1989-09"), []);
    assert.deepEqual(changesBetween(compare, "1990", "1999").map((c) => `${c.place} ${c.after}`),
      ["Anlong Veng no holder recorded", "Pailin no holder recorded", "Samlot no holder recorded"]);
  });

  it("says it has no list for a frame the document does not know, or a document without holdings", () => {
    assert.equal(changesBetween(compare, "1979", "2050"), null);
    assert.equal(changesBetween(compare, "__proto__", "1989-10"), null);
    assert.equal(changesBetween(compare, "constructor", "1989-10"), null);
    assert.equal(changesBetween(undefined, "1979", "1989-10"), null);
    assert.equal(changesBetween({ state: compare.state, changes: [[[]]], records: [] }, "1979", "1979"), null);
  });

});
