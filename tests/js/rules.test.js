import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { basisWords, citation, creditLine, factionShown, governmentLegend, governmentTip, quoted, sourceRecord }
  from "../../src/kr_map/assets/core/rules.js";

const SOURCES = {
  "battle_of_pailin.txt": { title: "Battle of Pailin", url: "https://en.wikipedia.org/wiki/Battle_of_Pailin",
    licence: "CC BY-SA 4.0", publisher: "Wikipedia" },
  "khmer_rouge_insurgency.txt": { title: "Khmer Rouge insurgency", url: "https://en.wikipedia.org/wiki/Khmer_Rouge_insurgency",
    licence: "CC BY-SA 4.0", publisher: "Wikipedia" },
  "notes.txt": { title: "Field notes", url: "https://example.org/notes", licence: "", publisher: "A. Researcher" },
};

describe("rules written once", () => {
  it("shows what involves no faction, or one switched on", () => {
    assert.equal(factionShown([], {}), true);
    assert.equal(factionShown(["kpnlf", "khmer_rouge"], { khmer_rouge: true }), true);
    assert.equal(factionShown(["kpnlf"], { khmer_rouge: true, kpnlf: false }), false);
    assert.equal(factionShown(["__proto__"], {}), false);
  });

  it("cites a quote from its source's own record, and assumes no credit without one", () => {
    assert.equal(citation("battle_of_pailin.txt", SOURCES), "Source: “Battle of Pailin” (Wikipedia, CC BY-SA 4.0)");
    assert.equal(citation("notes.txt", SOURCES), "Source: “Field notes” (A. Researcher)");
    assert.equal(citation("khmer_rouge.txt"), "Source: seeds/khmer_rouge.txt");
    assert.equal(citation("__proto__", SOURCES), "Source: seeds/__proto__");
    assert.equal(sourceRecord(SOURCES, "toString"), null);
  });

  it("credits each publisher and licence once, after the borders", () => {
    assert.equal(creditLine(SOURCES), "Borders: Natural Earth · Texts: Wikipedia (CC BY-SA 4.0), A. Researcher · kr-map");
    assert.equal(creditLine(undefined), "Borders: Natural Earth · kr-map");
  });

  it("quotes with the seed file, and says how the source knows", () => {
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
