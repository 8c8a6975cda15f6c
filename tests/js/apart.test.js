import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { fetchWhenReady, fits, joinAreas, retryDelay } from "../../src/kr_map/assets/core/apart.js";
import { unpackDocument } from "../../src/kr_map/assets/core/intervals.js";

function documentApart() {
  return {
    areasApart: true,
    features: [{ type: "place" }, { type: "symbol" }],
    cards: [{ title: "a" }],
    frames: [{ key: "1989", features: [0] }, { key: "1990", features: [0, 1] }],
  };
}

function part(extra = {}) {
  return {
    areasPart: 1,
    featureBase: 2,
    cardBase: 1,
    features: [{ type: "area", cards: [0, 1] }, { type: "area", cards: [1] }],
    cards: [{ title: "b" }],
    frames: [{ features: [2] }, { features: [3, 2] }],
    ...extra,
  };
}

describe("areas joined after the first map (kr_map/areas_apart.py)", () => {
  it("appends the part's features and cards and puts each frame's areas first", () => {
    const doc = documentApart();
    assert.equal(joinAreas(doc, part()), true);
    assert.deepEqual(doc.features.map((f) => f.type), ["place", "symbol", "area", "area"]);
    assert.deepEqual(doc.cards.map((c) => c.title), ["a", "b"]);
    assert.deepEqual(doc.frames.map((f) => f.features), [[2, 0], [3, 2, 0, 1]]);
    assert.equal("areasApart" in doc, false);
  });

  it("joins a part that travels packed into a document that travels packed", () => {
    const doc = unpackDocument({
      ...documentApart(),
      frames: [{ key: "1989" }, { key: "1990" }],
      packed: { version: 1, lists: { features: { items: [0, 1], spans: [[0, 1], [1, 1]], own: {} } } },
    });
    const packed = unpackDocument(part({
      frames: [{}, {}],
      packed: { version: 1, lists: { features: { items: [3, 2], spans: [[1, 1], [0, 1]], own: {} } } },
    }));
    assert.equal(joinAreas(doc, packed), true);
    assert.deepEqual(doc.frames.map((f) => f.features), [[2, 0], [3, 2, 0, 1]]);
  });

  it("refuses a part made for another document and leaves the document as it was", () => {
    const cases = [
      part({ featureBase: 3 }),
      part({ cardBase: 0 }),
      part({ frames: [{ features: [] }] }),
      part({ areasPart: 2 }),
    ];
    cases.forEach((other) => {
      const doc = documentApart();
      assert.equal(fits(doc, other), false);
      assert.equal(joinAreas(doc, other), false);
      assert.deepEqual(doc, documentApart());
    });
    const whole = { ...documentApart(), areasApart: undefined };
    assert.equal(joinAreas(whole, part()), false); // a whole document takes no second areas
  });

  it("waits half a second after the first failed ask, doubling up to its most", () => {
    assert.deepEqual([0, 1, 2, 3, 4, 5, 40].map((n) => retryDelay(n)), [500, 1000, 2000, 4000, 8000, 8000, 8000]);
  });
});

// A fetch whose answers are given in order, and timers run by hand.
function fakeWays(answers) {
  const ways = { clock: 0, asked: 0, waits: [], pending: null };
  ways.now = () => ways.clock;
  ways.setTimeout = (fn, ms) => { ways.waits.push(ms); ways.pending = fn; };
  ways.fetch = () => {
    const answer = answers[Math.min(ways.asked, answers.length - 1)];
    ways.asked += 1;
    if (answer instanceof Error) {
      return Promise.reject(answer);
    }
    return Promise.resolve({ ok: answer !== 404, status: answer === 404 ? 404 : 200, json: () => Promise.resolve(answer) });
  };
  ways.tick = async (ms) => {
    ways.clock += ms;
    const fn = ways.pending;
    ways.pending = null;
    if (fn) {
      fn();
    }
    await new Promise((resolve) => setImmediate(resolve));
  };
  return ways;
}

const settled = () => new Promise((resolve) => setImmediate(resolve));

describe("asking for the areas until they are there", () => {
  it("asks again after a 404 or a failed request, and hands over the part once", async () => {
    const ways = fakeWays([404, new Error("offline"), { areasPart: 1 }]);
    const parts = [];
    fetchWhenReady("areas.json", ways, (p) => parts.push(p), () => assert.fail("gave up"));
    await settled();
    assert.deepEqual(ways.waits, [500]);
    await ways.tick(500);
    assert.deepEqual(ways.waits, [500, 1000]);
    await ways.tick(1000);
    assert.deepEqual(parts, [{ areasPart: 1 }]);
    assert.equal(ways.asked, 3);
    assert.equal(ways.pending, null); // no more asking
  });

  it("gives up after the time allowed and says why", async () => {
    const ways = fakeWays([404]);
    const reasons = [];
    fetchWhenReady("areas.json", ways, () => assert.fail("no part"), (r) => reasons.push(r), 3000);
    await settled();
    await ways.tick(500);
    await ways.tick(1000);
    await ways.tick(2000);
    assert.deepEqual(reasons, ["HTTP 404"]);
    assert.equal(ways.pending, null);
  });

  it("stops asking when told to", async () => {
    const ways = fakeWays([404]);
    const stop = fetchWhenReady("areas.json", ways, () => assert.fail("no part"), () => assert.fail("no failure"));
    await settled();
    stop();
    await ways.tick(500);
    assert.equal(ways.asked, 1);
  });
});
