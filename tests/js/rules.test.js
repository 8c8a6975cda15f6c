import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { basisWords, citation, factionShown, governmentLegend, governmentTip, quoted }
  from "../../src/kr_map/assets/core/rules.js";

describe("rules written once", () => {
  it("shows what involves no faction, or one switched on", () => {
    assert.equal(factionShown([], {}), true);
    assert.equal(factionShown(["kpnlf", "khmer_rouge"], { khmer_rouge: true }), true);
    assert.equal(factionShown(["kpnlf"], { khmer_rouge: true, kpnlf: false }), false);
    assert.equal(factionShown(["__proto__"], {}), false);
  });

  it("cites the seed file, and says how the source knows", () => {
    assert.equal(citation("khmer_rouge.txt"), "Source: seeds/khmer_rouge.txt (Wikipedia, CC BY-SA)");
    assert.equal(quoted("Pailin fell", "a.txt"), "“Pailin fell” (seeds/a.txt)");
    assert.equal(basisWords("inferred"), "inferred from the source");
    assert.equal(basisWords("stated"), "stated in the source");
  });

  it("says the government shading is approximate, in the tip and the legend", () => {
    assert.match(governmentTip("Governing from Phnom Penh: PRK"), /^Governing from Phnom Penh: PRK \(shaded approximately: the sources say who governed, not where the front lines ran\)$/);
    assert.equal(governmentLegend({ short: "PRK" }), "shaded: PRK rule, roughly");
    assert.equal(governmentLegend(null), "shaded: government, roughly");
  });
});
