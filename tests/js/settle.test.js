import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { RELEASE_MS, Reporter, SETTLE_MS } from "../../src/kr_map/assets/core/settle.js";
import { FakeTimers } from "./fake.js";

function setUp() {
  const timers = new FakeTimers();
  const sent = [];
  let frame = "1989";
  const reporter = new Reporter(() => (frame === null ? null : { frame }), (value) => sent.push(value.frame), timers);
  return { timers, sent, reporter, show: (key) => { frame = key; } };
}

describe("settling and reporting", () => {
  it("reports a key press once no other comes for SETTLE_MS", () => {
    const { timers, sent, reporter, show } = setUp();
    reporter.prime();
    show("1990");
    reporter.settleSoon();
    timers.advance(SETTLE_MS - 1);
    show("1991");
    reporter.settleSoon(); // a repeat of a held key: the wait starts again
    timers.advance(SETTLE_MS - 1);
    assert.deepEqual(sent, []);
    timers.advance(1);
    assert.deepEqual(sent, ["1991"]);
  });

  it("reports RELEASE_MS after the key is let go, sooner than the key's own wait", () => {
    const { timers, sent, reporter, show } = setUp();
    show("1990");
    reporter.settleSoon();
    reporter.release();
    timers.advance(RELEASE_MS);
    assert.deepEqual(sent, ["1990"]);
  });

  it("does nothing on a release with no report waiting", () => {
    const { timers, sent, reporter } = setUp();
    reporter.release();
    timers.advance(10 * SETTLE_MS);
    assert.deepEqual(sent, []);
    assert.equal(reporter.pending, false);
  });

  it("never sends the same value twice in a row, nor what the host chose", () => {
    const { sent, reporter, show } = setUp();
    reporter.prime(); // the host opened the map on 1989
    reporter.settle();
    show("1990");
    reporter.settle();
    reporter.settle();
    show("1989");
    reporter.settle();
    assert.deepEqual(sent, ["1990", "1989"]);
  });

  it("reports now on settle, and a waiting report is then dropped", () => {
    const { timers, sent, reporter, show } = setUp();
    show("1990");
    reporter.settleSoon();
    reporter.settle();
    timers.advance(SETTLE_MS);
    assert.deepEqual(sent, ["1990"]);
    assert.equal(timers.pending, 0);
  });

  it("has nothing to report before a frame is shown", () => {
    const { sent, reporter, show } = setUp();
    show(null);
    reporter.settle();
    assert.deepEqual(sent, []);
  });
});
