// Contract B's logic without a browser: what the legend must explain, how an area is styled.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { areaStyle } from "../../src/kr_map/assets/views/areas.js";
import { legendNeeds } from "../../src/kr_map/assets/views/legend.js";

// The parts of kr_map.symbols.look() an area's style reads (a stand-in: the test sets them).
const LOOK = {
  areas: {
    contestedInk: "#333333",
    statuses: {
      stated: { fill: "solid", fillOpacity: 0.35, weight: 2, dash: null },
      inferred: { fill: "hatch", fillOpacity: 1, weight: 1.5, dash: null },
      after: { fill: null, fillOpacity: 0, weight: 2, dash: "6 5" },
      contested: { fill: "cross", fillOpacity: 1, weight: 2, dash: null },
    },
  },
};

const hatched = [];
const ctx = {
  look: LOOK,
  patterns: {
    hatch: (faction, colour) => { hatched.push([faction, colour]); return `url(#hatch-${faction})`; },
    cross: () => "url(#cross)",
  },
};

describe("territory areas (contract B)", () => {
  it("fills a stated area with its faction's colour, outlined solid", () => {
    const style = areaStyle(ctx, "stated", "khmer_rouge", "#CC3311");
    assert.equal(style.fillColor, "#CC3311");
    assert.equal(style.color, "#CC3311");
    assert.equal(style.dashArray, null);
    assert.equal(style.className, "krp-area krp-area-stated");
  });

  it("hatches an inferred area in its faction's colour", () => {
    const style = areaStyle(ctx, "inferred", "khmer_rouge", "#CC3311");
    assert.equal(style.fillColor, "url(#hatch-khmer_rouge)");
    assert.deepEqual(hatched.at(-1), ["khmer_rouge", "#CC3311"]);
  });

  it("draws an area after its last mention as a dashed outline with no fill", () => {
    const style = areaStyle(ctx, "after", "prk", "#0077BB");
    assert.equal(style.fill, false);
    assert.equal(style.dashArray, "6 5");
  });

  it("cross-hatches a contested area in dark grey, whoever claims it", () => {
    const style = areaStyle(ctx, "contested", "khmer_rouge", "#CC3311");
    assert.equal(style.fillColor, "url(#cross)");
    assert.equal(style.color, "#333333");
  });

  it("draws a status it does not know as the most modest one: an outline", () => {
    assert.equal(areaStyle(ctx, "<script>", "prk", "#0077BB").fill, false);
  });
});

describe("what the legend explains", () => {
  it("has a line per area status shown, and the holders of the areas", () => {
    const needs = legendNeeds([
      { type: "area", status: "stated", faction: "khmer_rouge" },
      { type: "area", status: "contested", faction: "prk" },
      { type: "area", status: "stated", faction: "khmer_rouge" },
    ]);
    assert.deepEqual(Object.keys(needs.statuses), ["stated", "contested"]);
    assert.deepEqual(Object.keys(needs.holders), ["khmer_rouge", "prk"]);
  });

  it("explains a movement with no destination only when one is shown", () => {
    assert.equal(legendNeeds([{ type: "move", colour: "#332288", open: true }]).flags.open, true);
    assert.equal(legendNeeds([{ type: "move", colour: "#332288" }]).flags.open, undefined);
  });
});
