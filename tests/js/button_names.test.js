import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { labelNames } from "../../src/kr_map/assets/views/dom.js";

describe("a button's hint names it only when it says what the button shows", () => {
  it("names a button whose written words it holds in a row, in any case", () => {
    assert.equal(labelNames("Cite this view: APA, Chicago, BibTeX, RIS", "Cite"), true);
    assert.equal(labelNames("Citer cette vue : APA, Chicago, BibTeX, RIS", "Citer"), true);
    assert.equal(labelNames("Print this frame: map, legend", "Print this frame"), true);
    assert.equal(labelNames("play the frames one after another", "Play"), true);
  });

  it("names a button that shows only signs", () => {
    assert.equal(labelNames("Previous frame (←)", "◀"), true);
    assert.equal(labelNames("Move earlier", "▲"), true);
    assert.equal(labelNames("", ""), true);
  });

  it("does not name a button whose words it holds only inside a longer word", () => {
    // Khmer writes no spaces: "ដកស្រង់" (Cite) inside "ដកស្រង់ទិដ្ឋភាពនេះ" (Cite this view),
    // and the page breaks the button's own Khmer at its words with zero-width spaces
    assert.equal(labelNames("ដកស្រង់ទិដ្ឋភាពនេះ៖ APA, Chicago, BibTeX, RIS", "ដក\u200bស្រង់"), false);
    assert.equal(labelNames("ចាប់ផ្ដើមសំណួរ", "សំណួរ"), false);
    assert.equal(labelNames("Cite this view", "Cit"), false);
  });

  it("does not name a button whose words it holds out of order", () => {
    assert.equal(labelNames("Show this step's text and map", "Show step"), false);
    assert.equal(labelNames("Frame the map again", "Reframe"), false);
  });
});
