import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { chartsAction, describeKey, keyBelongsToTarget, playerAction } from "../../src/kr_map/assets/core/keys.js";

// A key event as the browser gives it, on a target like a page element.
function press(key, target = {}, extra = {}) {
  const node = { tagName: target.tag || "DIV", type: target.type || "", isContentEditable: Boolean(target.editable),
    getAttribute: (name) => (name === "role" ? target.role || null : null) };
  return { key, target: node, altKey: false, ctrlKey: false, metaKey: false, defaultPrevented: false, ...extra };
}

const act = (event, mode = "explore", slider = null) => playerAction(describeKey(event, slider), mode);

describe("the player's keys", () => {
  it("steps with the arrows and the presenter's Page keys, jumps with Home and End", () => {
    assert.deepEqual(act(press("ArrowRight")), { type: "step", by: 1 });
    assert.deepEqual(act(press("PageDown")), { type: "step", by: 1 });
    assert.deepEqual(act(press("ArrowLeft")), { type: "step", by: -1 });
    assert.deepEqual(act(press("PageUp")), { type: "step", by: -1 });
    assert.deepEqual(act(press("Home")), { type: "first" });
    assert.deepEqual(act(press("End")), { type: "last" });
    assert.deepEqual(act(press(" ")), { type: "toggle" });
    assert.equal(act(press("x")), null);
  });

  it("leaves keys with a modifier, or already handled, alone", () => {
    assert.equal(act(press("ArrowRight", {}, { ctrlKey: true })), null);
    assert.equal(act(press("ArrowRight", {}, { altKey: true })), null);
    assert.equal(act(press("ArrowRight", {}, { metaKey: true })), null);
    assert.equal(act(press("ArrowRight", {}, { defaultPrevented: true })), null);
  });

  it("leaves keys to where the user types or chooses", () => {
    for (const target of [{ tag: "input", type: "text" }, { tag: "TEXTAREA" }, { tag: "SELECT" }, { editable: true },
      { role: "slider" }, { role: "combobox" }, { role: "tab" }, { tag: "INPUT", type: "range" }]) {
      assert.equal(act(press("ArrowRight", target)), null, JSON.stringify(target));
    }
    assert.deepEqual(act(press("ArrowRight", { tag: "INPUT", type: "checkbox" })), { type: "step", by: 1 });
  });

  it("takes the keys on its own time bar although it is a range input", () => {
    const event = press("ArrowLeft", { tag: "INPUT", type: "range" });
    assert.deepEqual(act(event, "explore", event.target), { type: "step", by: -1 });
    assert.equal(keyBelongsToTarget(describeKey(event, {})), true, "another slider keeps its keys");
  });

  it("lets space press a button, a summary or a checkbox", () => {
    for (const target of [{ tag: "BUTTON" }, { tag: "SUMMARY" }, { tag: "INPUT", type: "checkbox" }]) {
      assert.equal(act(press(" ", target)), null);
    }
  });

  it("turns the arrows into story steps in story mode, Home and End into its first and last", () => {
    assert.deepEqual(act(press("ArrowRight"), "story"), { type: "story", by: 1 });
    assert.deepEqual(act(press("PageUp"), "story"), { type: "story", by: -1 });
    assert.deepEqual(act(press("Home"), "story"), { type: "story", to: "first" });
    assert.deepEqual(act(press("End"), "story"), { type: "story", to: "last" });
    assert.equal(act(press(" "), "story"), null);
    assert.equal(act(press("ArrowRight", {}, { shiftKey: true }), "story"), null, "no year jump in a story");
  });

  it("jumps by a year with Shift and an arrow, or with [ and ]", () => {
    assert.deepEqual(act(press("ArrowRight", {}, { shiftKey: true })), { type: "year", by: 1 });
    assert.deepEqual(act(press("ArrowLeft", {}, { shiftKey: true })), { type: "year", by: -1 });
    assert.deepEqual(act(press("]")), { type: "year", by: 1 });
    assert.deepEqual(act(press("[")), { type: "year", by: -1 });
    assert.deepEqual(act(press("]"), "predict"), { type: "year", by: 1 });
    assert.deepEqual(act(press("PageDown", {}, { shiftKey: true })), { type: "step", by: 1 },
      "a clicker's Page keys step as they always did");
    assert.equal(act(press("]", { tag: "INPUT", type: "text" })), null, "typing a bracket stays typing");
  });

  it("steps to the next news in predict and compare, frame by frame elsewhere", () => {
    assert.deepEqual(act(press("ArrowRight"), "predict"), { type: "step", by: 1, news: true });
    assert.deepEqual(act(press("PageUp"), "compare"), { type: "step", by: -1, news: true });
    assert.deepEqual(act(press("ArrowRight"), "explore"), { type: "step", by: 1 });
  });

  it("survives an event with no target or a strange one", () => {
    assert.equal(playerAction(describeKey({ key: "Home" }, null), "explore").type, "first");
    assert.equal(playerAction(describeKey({ key: undefined, target: null }, null), "explore"), null);
  });
});

describe("the charts' keys", () => {
  it("g shows the chart, t both, in either case, not while typing", () => {
    assert.equal(chartsAction(describeKey(press("g"), null)), "chart");
    assert.equal(chartsAction(describeKey(press("T"), null)), "both");
    assert.equal(chartsAction(describeKey(press("g", { tag: "INPUT", type: "search" }), null)), null);
    assert.equal(chartsAction(describeKey(press("g", { tag: "INPUT", type: "range" }), null)), "chart");
    assert.equal(chartsAction(describeKey(press("g", {}, { ctrlKey: true }), null)), null);
    assert.equal(chartsAction(describeKey(press("x"), null)), null);
  });
});
