import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { canReveal, revealAction, revealRequest } from "../../src/kr_map/assets/core/limit.js";

describe("predict mode's Reveal next (contract A)", () => {
  it("reveals inside the document while the limit is before its last frame", () => {
    assert.equal(revealAction(3, 10, false), "inside");
    assert.equal(revealAction(3, 10, true), "inside");
  });

  it("asks the server at the document's end when it holds later frames", () => {
    assert.equal(revealAction(10, 10, true), "beyond");
    assert.equal(canReveal(10, 10, true), true);
  });

  it("has nothing to reveal at the end of everything", () => {
    for (const more of [false, undefined, null, 0]) {
      assert.equal(revealAction(10, 10, more), null);
      assert.equal(canReveal(10, 10, more), false);
    }
  });

  it("reports the shown frame, the limit and the filters, with reveal: next", () => {
    const state = { frame: "1985", revealed: "1985-01", layers: ["control"], factions: ["khmer_rouge"] };
    assert.deepEqual(revealRequest(state), { reveal: "next", frame: "1985", revealed: "1985-01",
      layers: ["control"], factions: ["khmer_rouge"] });
  });
});
