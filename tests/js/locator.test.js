import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { MOSTLY, holdsExtent, shownShare } from "../../src/kr_map/assets/views/locator.js";

const CAMBODIA = [[10.4, 102.3], [14.7, 107.6]];

describe("when the locator says something new", () => {
  it("measures how much of the country the view shows", () => {
    assert.equal(shownShare(CAMBODIA, CAMBODIA), 1);
    assert.equal(shownShare([[0, 0], [1, 1]], CAMBODIA), 0);
    const westHalf = [[10.4, 102.3], [14.7, 104.95]];
    assert.ok(Math.abs(shownShare(westHalf, CAMBODIA) - 0.5) < 1e-9);
  });

  it("hides the inset when the view holds the country or most of it", () => {
    assert.equal(holdsExtent([[9, 101], [16, 109]], CAMBODIA), true);
    const nearlyAll = [[10.6, 102.3], [14.7, 107.2]];
    assert.ok(shownShare(nearlyAll, CAMBODIA) >= MOSTLY);
    const pailin = [[12.6, 102.4], [13.2, 103.1]];
    assert.ok(shownShare(pailin, CAMBODIA) < MOSTLY);
  });
});
