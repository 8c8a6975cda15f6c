// When the legend is built again: only when what the frame's features need explained changed.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { legendNeeds, needsKey } from "../../src/kr_map/assets/views/legend.js";

const PAILIN_KR = { type: "place", faction: "khmer_rouge" };
const BATTAMBANG_PRK = { type: "place", faction: "prk" };
const BATTLE = { type: "symbol", shape: "battle", faction: "prk" };

describe("the legend's key (a switch leaves an unchanged legend alone)", () => {
  it("is the same for the same kinds of things met in another order", () => {
    const before = needsKey(legendNeeds([PAILIN_KR, BATTAMBANG_PRK, BATTLE]));
    const after = needsKey(legendNeeds([BATTLE, BATTAMBANG_PRK, PAILIN_KR, PAILIN_KR]));
    assert.equal(after, before);
  });

  it("differs when a holder, a mark or a flag comes or goes", () => {
    const base = needsKey(legendNeeds([PAILIN_KR, BATTLE]));
    assert.notEqual(needsKey(legendNeeds([PAILIN_KR])), base);
    assert.notEqual(needsKey(legendNeeds([BATTAMBANG_PRK, BATTLE])), base);
    assert.notEqual(needsKey(legendNeeds([PAILIN_KR, { ...BATTLE, vague: true }])), base);
    assert.notEqual(needsKey(legendNeeds([{ ...PAILIN_KR, was: "prk" }, BATTLE])), base);
  });
});
