import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { breakable, clusters, words } from "../../src/kr_map/assets/core/wrap.js";

// "The Khmer Rouge withdrew from Pailin", written as Khmer writes it: no spaces.
const SENTENCE = "ខ្មែរក្រហមបានដកថយពីប៉ៃលិន";
const ZWSP = "\u200b";

describe("Khmer word wrapping", () => {
  it("finds the words of a Khmer sentence with no spaces", () => {
    const found = words(SENTENCE);
    assert.equal(found.join(""), SENTENCE);
    assert.ok(found.length > 1, `one word only: ${found}`);
    assert.ok(found.includes("ប៉ៃលិន"), `Pailin is a word: ${found}`);
  });

  it("lets a line break only between words, never inside a cluster", () => {
    const text = breakable(SENTENCE);
    assert.equal(text.replaceAll(ZWSP, ""), SENTENCE);
    const pieces = text.split(ZWSP);
    assert.deepEqual(pieces, words(SENTENCE));
    // Each piece is made of whole grapheme clusters of the sentence: no cluster is cut.
    let cursor = 0;
    const bounds = new Set([0]);
    clusters(SENTENCE).forEach((cluster) => { cursor += cluster.length; bounds.add(cursor); });
    let offset = 0;
    pieces.forEach((piece) => { offset += piece.length; assert.ok(bounds.has(offset), `break inside a cluster at ${offset}`); });
  });

  it("leaves Latin text and spaces as they are", () => {
    assert.equal(breakable("Pailin, 24 Oct 1989"), "Pailin, 24 Oct 1989");
    assert.equal(breakable("ប៉ៃលិន 1989"), "ប៉ៃលិន 1989");
  });
});
