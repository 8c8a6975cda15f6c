import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { keepWhole, noLoneHeading } from "../../src/kr_map/assets/views/fit.js";

// A box that lays its items out one under the other: its content's height is the sum of the
// shown items' heights (and the "… and N more" line's when shown).
function box(room, items, more) {
  const height = (item) => (item.hidden ? 0 : item.height);
  return {
    clientHeight: room,
    get scrollHeight() {
      return items.reduce((sum, item) => sum + height(item), 0) + height(more);
    },
  };
}

const heading = (text) => ({ kind: "heading", text, height: 30, hidden: false });
const card = (text) => ({ kind: "card", text, height: 100, hidden: false });
const isCard = (item) => item.kind === "card";
const shown = (items) => items.filter((item) => !item.hidden).map((item) => item.text);

describe("keepWhole: what fits a box that does not scroll", () => {
  it("leaves out the last items and says how many cards", () => {
    const items = [heading("In October 1989 (3)"), card("a"), card("b"), card("c")];
    const more = { height: 30, hidden: true, textContent: "" };
    assert.equal(keepWhole(box(270, items, more), items, more, isCard), true);
    assert.deepEqual(shown(items), ["In October 1989 (3)", "a", "b"]);
    assert.equal(more.hidden, false);
    assert.match(more.textContent, /\b1\b/);
  });

  it("counts a line that stands for several, and cards left out before any item", () => {
    const rest = { kind: "button", text: "Show 25 more of 90", height: 40, hidden: false, rest: 90 };
    const items = [heading("h"), card("a"), rest];
    const more = { height: 30, hidden: true, textContent: "" };
    const counts = (item) => (item.kind === "card" ? 1 : item.rest || 0);
    assert.equal(keepWhole(box(1000, items, more), items, more, counts, 7), true);
    assert.equal(more.hidden, false); // everything fits, yet 7 were not listed: said
    assert.match(more.textContent, /\b7\b/);
    keepWhole(box(160, items, more), items, more, counts, 7);
    assert.deepEqual(shown(items), ["h", "a"]);
    assert.match(more.textContent, /\b97\b/);
  });
});

describe("noLoneHeading: a heading never stands alone above '… and N more'", () => {
  // October 1989 on a 1920x1080 wall: the news fit, the "sometime" heading fits, its cards
  // do not; keepWhole stops as soon as the rest fits, the heading with it.
  it("hides a heading whose cards were all left out", () => {
    const items = [heading("In October 1989 (2)"), card("a"), card("b"),
      heading("Dated less precisely than October 1989 (7)"), card("c"), card("d")];
    const more = { height: 30, hidden: true, textContent: "" };
    const room = box(30 + 200 + 30 + 30 + 20, items, more);
    assert.equal(keepWhole(room, items, more, isCard), true);
    assert.equal(items[3].hidden, false, "the case the rule is for: keepWhole kept the heading");
    noLoneHeading(items, isCard);
    assert.deepEqual(shown(items), ["In October 1989 (2)", "a", "b"]);
    assert.match(more.textContent, /\b2\b/);
  });

  it("leaves a list ending on a card as it is", () => {
    const items = [heading("h"), card("a"), card("b")];
    items[2].hidden = true;
    noLoneHeading(items, isCard);
    assert.deepEqual(shown(items), ["h", "a"]);
  });
});
