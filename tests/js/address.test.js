import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { hashOf, keyFromParams, parseParams, readAddress } from "../../src/kr_map/assets/core/address.js";

const keyOf = (text) => keyFromParams(parseParams(text));

describe("the frame in the address", () => {
  it("reads a year, and a month in it", () => {
    assert.equal(keyOf("#year=1989&month=10"), "1989-10");
    assert.equal(keyOf("#year=1989&month=3"), "1989-03");
    assert.equal(keyOf("?month=3&year=1989"), "1989-03");
    assert.equal(keyOf("#year=1989"), "1989");
  });

  it("writes what it reads", () => {
    assert.equal(hashOf({ year: 1989, month: 10 }), "#year=1989&month=10");
    assert.equal(hashOf({ year: 1989, month: null }), "#year=1989");
    assert.equal(keyOf(hashOf({ year: 1985, month: 1 })), "1985-01");
  });

  it("drops a bad month but keeps the year", () => {
    for (const month of ["13", "0", "-1", "1e1", "10.5", "", "%31%30%30"]) {
      assert.equal(keyOf(`#year=1989&month=${month}`), "1989", month);
    }
  });

  it("asks for no frame when the year is not four digits", () => {
    for (const text of ["", "#", "#year=89", "#year=19890", "#year=<script>", "#year=1989%00", "#year",
      "#=1989", "#year==1989", "#year=1989=1990", "#YEAR=1989", null, undefined]) {
      assert.equal(keyOf(text), null, String(text));
    }
  });

  it("skips a malformed escape and keeps the rest", () => {
    assert.equal(keyOf("#month=%E0%A4%A&year=1990"), "1990");
    assert.equal(keyOf("#year=%E0%A4%A"), null);
  });

  it("reaches no prototype, whatever the names", () => {
    const params = parseParams("#__proto__=x&constructor=y&toString=z&year=1991");
    assert.equal(Object.getPrototypeOf(params), null);
    assert.equal(({}).x, undefined);
    assert.equal(params.toString, "z");
    assert.equal(keyFromParams(params), "1991");
    assert.equal(keyFromParams(parseParams("#year=__proto__")), null);
    assert.equal(keyFromParams({ year: 1989, month: 10 }), null, "only strings from an address");
  });

  it("takes the last of a repeated name, and decodes escapes", () => {
    assert.equal(keyOf("#year=1989&year=1990"), "1990");
    assert.equal(keyOf("#%79ear=19%38%39"), "1989");
    assert.equal(keyOf("#" + "year=1989&".repeat(10000)), "1989");
  });
});

describe("what an address asks of the export", () => {
  const frames = [{ key: "1979", year: 1979 }, { key: "1989", year: 1989 }, { key: "1989-10", year: 1989, month: 10 },
    { key: "1999", year: 1999 }];
  const read = (text) => readAddress(parseParams(text), frames);

  it("reads the frame and presentation mode, with no note", () => {
    assert.deepEqual(read("#year=1989&month=10&mode=present"), { key: "1989-10", mode: "present", step: null, with: null, lang: null, notes: [] });
    assert.deepEqual(read("#year=1979"), { key: "1979", mode: "explore", step: null, with: null, lang: null, notes: [] });
    assert.deepEqual(read(""), { key: null, mode: "explore", step: null, with: null, lang: null, notes: [] });
    assert.equal(hashOf({ year: 1989, month: 10 }, "present"), "#year=1989&month=10&mode=present");
    assert.deepEqual(read(hashOf({ year: 1989, month: 10 }, "present")).key, "1989-10");
  });

  it("says a year out of range or not understood, and opens no frame for it", () => {
    const far = read("#year=2050");
    assert.equal(far.key, null);
    assert.match(far.notes[0], /year=“2050” is out of range: this map covers 1979–1999/);
    assert.match(read("#year=89").notes[0], /year=“89” was not understood/);
    assert.match(read("#year=1989&month=13").notes[0], /month=“13” was not understood/);
    assert.equal(read("#year=1989&month=13").key, "1989");
    assert.match(read("#mode=wall").notes[0], /mode=“wall” was not understood/);
    assert.match(read("#zoom=3").notes[0], /“zoom” was not understood/);
    assert.ok(read("#year=" + "9".repeat(5000)).notes[0].length < 200, "a long value is quoted short");
  });
});
