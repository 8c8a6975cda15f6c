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
  // A laid-out box: its own height, its content's height and where its bottom is.
  const box = (clientHeight, scrollHeight, bottom) => ({ clientHeight, scrollHeight, hidden: false,
    getBoundingClientRect: () => ({ bottom }) });
  const card = (nodes) => ({ getBoundingClientRect: () => ({ bottom: 500 }), querySelectorAll: () => nodes });

  it("hides a translation squeezed below its text or reaching past the card, and keeps one that fits", () => {
    const fits = box(80, 80, 300);
    const squeezed = box(18, 120, 320);
    const past = box(60, 60, 540);
    hideClipped(card([fits, squeezed, past]));
    assert.deepEqual([fits.hidden, squeezed.hidden, past.hidden], [false, true, true]);
  });
});
