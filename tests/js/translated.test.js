import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { hideClipped, translationOf } from "../../src/kr_map/assets/views/translated.js";

// A card as Python writes it inside speaking("km") once the data has a translation
// (contract E: translated = {column: {text, status, lang}}).
const CARD = {
  title: "Khmer Rouge take Pailin",
  quote: "On October 24, 1989, the Khmer Rouge claimed victory",
  translated: {
    title: { text: "ខ្មែរក្រហមដណ្ដើមបានប៉ៃលិន", status: "unreviewed", lang: "km" },
    summary: { text: "Revue", status: "reviewed", lang: "fr" },
  },
};

describe("translations beside their originals", () => {
  it("gives a column's translation with its language and whether it was reviewed", () => {
    assert.deepEqual(translationOf(CARD, "title"), { text: "ខ្មែរក្រហមដណ្ដើមបានប៉ៃលិន", lang: "km", reviewed: false });
    assert.deepEqual(translationOf(CARD, "summary"), { text: "Revue", lang: "fr", reviewed: true });
  });

  it("gives nothing for a column with no translation, and never touches the original", () => {
    assert.equal(translationOf(CARD, "quote"), null);
    assert.equal(translationOf({ title: "x" }, "title"), null);
    assert.equal(CARD.quote, "On October 24, 1989, the Khmer Rouge claimed victory");
  });

  it("refuses a language tag that is not one (it would become an attribute)", () => {
    const odd = { translated: { title: { text: "t", status: "unreviewed", lang: "km\" onclick=\"x" } } };
    assert.equal(translationOf(odd, "title").lang, "");
    const empty = { translated: { title: { text: "", lang: "km" }, __proto__: null } };
    assert.equal(translationOf(empty, "title"), null);
  });
});

describe("a translation on the wall gives way whole", () => {
  // A card laid out in a column: each node has a height; hidden nodes take no room.
  function card(height, spec) {
    const nodes = spec.map(([kind, column, h]) => ({ kind, hidden: false, h, dataset: { column },
      get clientHeight() { return this.h; }, get scrollHeight() { return this.h; } }));
    const bottomOf = (node) => nodes.slice(0, nodes.indexOf(node) + 1).filter((n) => !n.hidden)
      .reduce((sum, n) => sum + n.h, 0);
    nodes.forEach((node) => { node.getBoundingClientRect = () => ({ bottom: node.hidden ? 0 : bottomOf(node) }); });
    const pick = (selector) => nodes.filter((n) => selector.includes(n.kind));
    return { nodes, getBoundingClientRect: () => ({ bottom: height }),
      querySelectorAll: (selector) => pick(selector), querySelector: (selector) => pick(selector)[0] || null };
  }
  const hiddenColumns = (root) => root.nodes.filter((n) => n.hidden).map((n) => n.dataset.column);

  it("keeps every translation when the quote and its source fit", () => {
    const root = card(500, [["translated", "title", 50], ["translated", "narrative", 100],
      ["quote", "", 100], ["source", "", 40]]);
    hideClipped(root);
    assert.deepEqual(hiddenColumns(root), []);
  });

  it("hides the title's translation first, then the narrative's, until the quote and source fit", () => {
    const root = card(200, [["translated", "title", 50], ["translated", "narrative", 100],
      ["quote", "", 100], ["source", "", 40]]);
    hideClipped(root);
    assert.deepEqual(hiddenColumns(root), ["title", "narrative"]);
    const roomier = card(250, [["translated", "title", 50], ["translated", "narrative", 100],
      ["quote", "", 100], ["source", "", 40]]);
    hideClipped(roomier);
    assert.deepEqual(hiddenColumns(roomier), ["title"]);
  });

  it("hides a translation cut off at the card's end rather than show a sliver of it", () => {
    const root = card(300, [["quote", "", 100], ["source", "", 40], ["translated", "quote", 200]]);
    hideClipped(root);
    assert.deepEqual(hiddenColumns(root), ["quote"]);
  });
});
