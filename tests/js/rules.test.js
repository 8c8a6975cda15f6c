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
    assert.equal(citation("khmer_rouge.txt"), "Source: seeds/khmer_rouge.txt");
    assert.equal(citation("own.txt", {}), "Source: seeds/own.txt", "no record: the file, no publisher guessed");
    assert.equal(quoted("Pailin fell", "a.txt"), "“Pailin fell” (seeds/a.txt)");
    assert.equal(basisWords("inferred"), "inferred from the source");
    assert.equal(basisWords("stated"), "stated in the source");
  });

  it("credits a source from its own record (contract C)", () => {
    const sources = {
      "battle_of_pailin.txt": { title: "Battle of Pailin", publisher: "Wikipedia", licence: "CC BY-SA 4.0", url: "u" },
      "own.txt": { title: "Interview notes, 2024", publisher: "", licence: "" },
    };
    assert.equal(citation("battle_of_pailin.txt", sources), "Source: “Battle of Pailin” (Wikipedia, CC BY-SA 4.0)");
    assert.equal(citation("own.txt", sources), "Source: “Interview notes, 2024”");
    assert.equal(citation("__proto__", sources), "Source: seeds/__proto__");
  });

  it("says the government shading is approximate, in the tip and the legend", () => {
    assert.match(governmentTip("Governing from Phnom Penh: PRK"), /^Governing from Phnom Penh: PRK \(shaded approximately: the sources say who governed, not where the front lines ran\)$/);
    assert.equal(governmentLegend({ short: "PRK" }), "shaded: PRK rule, roughly");
    assert.equal(governmentLegend(null), "shaded: government, roughly");
  });
});
