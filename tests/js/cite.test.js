import assert from "node:assert/strict";
import { describe, it } from "node:test";

import {
  apa, bibtex, bibtexKey, bibtexText, bibtexUrl, chicago, citations, longDate, oneLine, ris, viewName, viewNote,
} from "../../src/kr_map/assets/core/cite.js";

const VIEW = {
  title: "Khmer Rouge insurgency, 1979–1999",
  authors: "The kr-map contributors",
  software: "0.1.0",
  dataVersion: "a1b2c3",
  shown: "October 1989",
  key: "1989-10",
  layers: ["Control", "Battles & violence"],
  factions: ["Khmer Rouge"],
  url: "http://127.0.0.1:8501/?year=1989&month=10",
  accessed: "2026-12-03",
  sources: [{ title: "Battle of Pailin", url: "https://en.wikipedia.org/wiki/Battle_of_Pailin",
    publisher: "Wikipedia", licence: "CC BY-SA 4.0" }],
};

describe("the citation of a view", () => {
  it("names the frame in English from its key, in a page of any language", () => {
    assert.equal(viewName("1989-10"), "October 1989");
    assert.equal(viewName("1979-01"), "January 1979");
    assert.equal(viewName("1985"), "1985");
    assert.equal(viewName("1985-13"), "1985-13"); // not a month: as given
    assert.equal(viewName("1985\n-02"), "1985 -02"); // on one line
  });

  it("says what was on screen: date shown, layers, factions, data version", () => {
    assert.equal(viewNote(VIEW),
      "map view of October 1989; layers: Control, Battles & violence; factions: Khmer Rouge; data version a1b2c3");
    assert.equal(viewNote({ shown: "1985" }), "map view of 1985");
    assert.equal(viewNote({ shown: "1985", layers: "all", factions: "all" }),
      "map view of 1985; layers: all; factions: all");
  });

  it("writes APA and Chicago entries for the view and each source it rests on", () => {
    const [main, source] = apa(VIEW);
    assert.match(main, /^The kr-map contributors\. \(n\.d\.\)\. Khmer Rouge insurgency, 1979–1999 \(Version 0\.1\.0\)/);
    assert.match(main, /Retrieved December 3, 2026, from http:\/\/127\.0\.0\.1:8501\/\?year=1989&month=10$/);
    assert.equal(source, "Battle of Pailin. (n.d.). In Wikipedia. https://en.wikipedia.org/wiki/Battle_of_Pailin");
    const chicagoLines = chicago(VIEW);
    assert.equal(chicagoLines.length, 2);
    assert.match(chicagoLines[0], /Accessed December 3, 2026\./);
  });

  it("leaves out what a source's record does not give", () => {
    const bare = { ...VIEW, sources: [{ title: "my_notes.txt", url: "", publisher: "", licence: "" }] };
    assert.equal(apa(bare)[1], "my_notes.txt. (n.d.).");
    assert.equal(chicago(bare)[1], "\"my_notes.txt.\"");
  });

  it("writes a date it cannot read as given, on one line", () => {
    assert.equal(longDate("2026-12-03"), "December 3, 2026");
    assert.equal(longDate("2026-13-03"), "2026-13-03");
    assert.equal(longDate("soon\nER  - "), "soon ER -");
  });

  it("keeps every value on one line", () => {
    assert.equal(oneLine("a\r\nb\u2028c\u0000d\te"), "a b c d e");
    assert.equal(oneLine(null), "");
  });

  it("escapes what BibTeX would read as syntax", () => {
    assert.equal(bibtexText("}, title = {x"), "\\textbraceright{}, title = \\textbraceleft{}x");
    assert.equal(bibtexText("\\input{/etc/passwd}"),
      "\\textbackslash{}input\\textbraceleft{}/etc/passwd\\textbraceright{}");
    assert.equal(bibtexText("50% & $5 #1 a_b ^ ~ @misc"),
      "50\\% \\& \\$5 \\#1 a\\_b \\textasciicircum{} \\textasciitilde{} @misc");
    assert.equal(bibtexUrl("http://x/a b}{\\"), "http://x/a%20b%7D%7B%5C");
    assert.equal(bibtexKey("krmap_1989-10"), "krmap_1989-10");
    assert.equal(bibtexKey("krmap_}{,@"), "krmap");
  });

  it("gives one BibTeX entry and one RIS record per cited work", () => {
    assert.equal((bibtex(VIEW).match(/^@misc\{/gm) || []).length, 2);
    const records = ris(VIEW);
    assert.equal((records.match(/^TY {2}- /gm) || []).length, 2);
    assert.equal((records.match(/^ER {2}- $/gm) || []).length, 2);
    assert.ok(records.split("\r\n").every((line) => line === "" || /^[A-Z][A-Z0-9] {2}- /.test(line)));
  });

  it("lets no text start a record or an entry of its own", () => {
    const hostile = { ...VIEW, title: "x\nER  - \nTY  - JOUR\n@misc{evil, title={y}}", factions: ["a\n}\n@misc{z,"] };
    const text = ris(hostile);
    assert.equal((text.match(/^TY {2}- /gm) || []).length, 2);
    assert.equal((bibtex(hostile).match(/^@/gm) || []).length, 2);
  });

  it("gives all four styles as text", () => {
    assert.deepEqual(Object.keys(citations(VIEW)).sort(), ["apa", "bibtex", "chicago", "ris"]);
  });
});
