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
  // A card laid out in a column: each node has a height; hidden nodes take no room. A
  // translation given `lines` has a text of that many lines of 10 px (under a label of `h`),
  // clamped by its --krp-lines as player.css clamps it.
  function card(height, spec) {
    const nodes = spec.map(([kind, column, h, lines]) => {
      const clamp = new Map();
      const text = lines === undefined ? null : {
        style: { setProperty: (name, value) => clamp.set(name, Number(value)), removeProperty: (name) => clamp.delete(name) },
        get shown() { return Math.min(lines, clamp.get("--krp-lines") ?? lines); },
      };
      return { kind, hidden: false, dataset: { column }, text,
        get h() { return h + (text ? text.shown * 10 : 0); },
        querySelector: (selector) => (selector === ".krp-translated-text" ? text : null) };
    });
    const bottomOf = (node) => nodes.slice(0, nodes.indexOf(node) + 1).filter((n) => !n.hidden)
      .reduce((sum, n) => sum + n.h, 0);
    nodes.forEach((node) => { node.getBoundingClientRect = () => ({ bottom: node.hidden ? 0 : bottomOf(node) }); });
    const pick = (selector) => nodes.filter((n) => selector.includes(n.kind));
    return { nodes, getBoundingClientRect: () => ({ bottom: height }),
      querySelectorAll: (selector) => pick(selector), querySelector: (selector) => pick(selector)[0] || null };
  }
  const hiddenColumns = (root) => root.nodes.filter((n) => n.hidden).map((n) => n.dataset.column);
  const fit = (root) => hideClipped(root, { linesOf: (text) => text.shown });
  const linesOfNarrative = (root) => root.nodes.find((n) => n.dataset.column === "narrative").text.shown;

  it("keeps every translation when the quote and its source fit", () => {
    const root = card(500, [["translated", "title", 50], ["translated", "narrative", 20, 8],
      ["quote", "", 100], ["source", "", 40]]);
    fit(root);
    assert.deepEqual(hiddenColumns(root), []);
    assert.equal(linesOfNarrative(root), 8);
  });

  it("hides the title's translation first, then shortens the narrative's a line at a time", () => {
    const spec = [["translated", "title", 50], ["translated", "narrative", 20, 8],
      ["quote", "", 100], ["source", "", 40]];
    const roomy = card(260, spec); // 50 + 100 + 140: without the title's, all 8 lines fit
    fit(roomy);
    assert.deepEqual(hiddenColumns(roomy), ["title"]);
    assert.equal(linesOfNarrative(roomy), 8);
    const tight = card(215, spec); // 20 + 5 lines + 140
    fit(tight);
    assert.deepEqual(hiddenColumns(tight), ["title"]);
    assert.equal(linesOfNarrative(tight), 5);
  });

  it("hides the narrative's translation whole when two lines of it leave no room", () => {
    const root = card(170, [["translated", "title", 50], ["translated", "narrative", 20, 8],
      ["quote", "", 100], ["source", "", 40]]);
    fit(root);
    assert.deepEqual(hiddenColumns(root), ["title", "narrative"]);
    const two = card(180, [["translated", "narrative", 20, 8], ["quote", "", 100], ["source", "", 40]]);
    fit(two);
    assert.deepEqual(hiddenColumns(two), []);
    assert.equal(linesOfNarrative(two), 2);
  });

  it("gives the narrative's translation its lines back when the wall has more room", () => {
    const root = card(180, [["translated", "narrative", 20, 8], ["quote", "", 100], ["source", "", 40]]);
    fit(root);
    assert.equal(linesOfNarrative(root), 2);
    root.getBoundingClientRect = () => ({ bottom: 400 });
    fit(root);
    assert.equal(linesOfNarrative(root), 8);
  });

  it("hides a translation cut off at the card's end rather than show a sliver of it", () => {
    const root = card(300, [["quote", "", 100], ["source", "", 40], ["translated", "quote", 200]]);
    fit(root);
    assert.deepEqual(hiddenColumns(root), ["quote"]);
  });
});

describe("the headline's quote on the wall comes whole before its translation", () => {
  // A headline card, a flex column `height` px high: the quote (`quoteLines` lines of 10 px,
  // clamped at 5) gives way first, as player.css lets it; each translation has a label of
  // 10 px and `lines` lines of 10 px, clamped by its --krp-lines; the source is 20 px.
  function headline(height, quoteLines, translations) {
    const quote = { kind: "quote", full: quoteLines * 10 };
    const translated = translations.map(([column, lines]) => {
      const clamp = new Map();
      const text = {
        style: { setProperty: (name, value) => clamp.set(name, Number(value)), removeProperty: (name) => clamp.delete(name) },
        get shown() { return Math.min(lines, clamp.get("--krp-lines") ?? lines); },
      };
      return { kind: "translated", hidden: false, dataset: { column }, text, get h() { return 10 + text.shown * 10; },
        querySelector: (selector) => (selector === ".krp-translated-text" ? text : null) };
    });
    const titles = translated.filter((n) => n.dataset.column === "title");
    const rest = translated.filter((n) => n.dataset.column !== "title");
    const source = { kind: "source", h: 20 };
    const nodes = [...titles, quote, ...rest, source];
    const others = () => nodes.filter((n) => n !== quote && !n.hidden).reduce((sum, n) => sum + n.h, 0);
    Object.defineProperty(quote, "h", { get: () => Math.max(0, Math.min(quote.full, 50, height - others())) });
    Object.defineProperty(quote, "clientHeight", { get: () => quote.h });
    quote.scrollHeight = quote.full;
    const bottomOf = (node) => nodes.slice(0, nodes.indexOf(node) + 1).filter((n) => !n.hidden)
      .reduce((sum, n) => sum + n.h, 0);
    nodes.forEach((node) => { node.getBoundingClientRect = () => ({ bottom: node.hidden ? 0 : bottomOf(node) }); });
    const pick = (selector) => nodes.filter((n) => selector.includes(n.kind));
    return { nodes, quote, getBoundingClientRect: () => ({ bottom: height }),
      querySelectorAll: (selector) => pick(selector), querySelector: (selector) => pick(selector)[0] || null };
  }
  const fit = (root) => {
    const saved = globalThis.getComputedStyle;
    globalThis.getComputedStyle = () => ({ lineHeight: "10", webkitLineClamp: "5" });
    try {
      hideClipped(root, { linesOf: (text) => text.shown });
    } finally {
      globalThis.getComputedStyle = saved;
    }
  };
  const hiddenColumns = (root) => root.nodes.filter((n) => n.hidden).map((n) => n.dataset.column);
  const linesOf = (root, column) => root.nodes.find((n) => n.dataset && n.dataset.column === column).text.shown;

  it("shortens the quote's translation so that the quote shows whole", () => {
    const root = headline(100, 4, [["quote", 6]]); // 40 + 10 + 3 lines + 20
    fit(root);
    assert.deepEqual(hiddenColumns(root), []);
    assert.equal(linesOf(root, "quote"), 3);
    assert.equal(root.quote.h, 40);
  });

  it("hides the title's translation before it shortens the quote's", () => {
    const root = headline(130, 4, [["title", 1], ["quote", 6]]); // 40 + 70 + 20
    fit(root);
    assert.deepEqual(hiddenColumns(root), ["title"]);
    assert.equal(linesOf(root, "quote"), 6);
    assert.equal(root.quote.h, 40);
  });

  it("keeps a quote longer than its clamp at its clamp, its translation whole when that fits", () => {
    const root = headline(140, 9, [["quote", 6]]); // 50 (clamped) + 70 + 20
    fit(root);
    assert.deepEqual(hiddenColumns(root), []);
    assert.equal(linesOf(root, "quote"), 6);
  });

  it("when two lines of the translation leave the quote cut, keeps the wall's promise as before", () => {
    const root = headline(80, 4, [["quote", 6]]); // 40 + 30 + 20 > 80: the quote's two lines come first
    fit(root);
    assert.deepEqual(hiddenColumns(root), ["quote"]);
    assert.equal(linesOf(root, "quote"), 6); // given back its lines: hidden whole, not cut
    assert.equal(root.quote.h, 40);
  });
});
