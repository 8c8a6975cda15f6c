import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { Clock } from "../../src/kr_map/assets/core/clock.js";
import { Playback } from "../../src/kr_map/assets/core/playback.js";
import { FakeTimers, framesWithABusyYear } from "./fake.js";

function setUp(options = {}) {
  const timers = new FakeTimers();
  const clock = new Clock(framesWithABusyYear(), options.limit);
  let ended = 0;
  const playback = new Playback(clock, timers, { ...options, onEnd: () => { ended += 1; } });
  return { timers, clock, playback, ended: () => ended };
}

describe("playing", () => {
  it("steps once per period and stops at the last frame, saying it ended", () => {
    const { timers, clock, playback, ended } = setUp({ speed: 1 });
    clock.show(12);
    playback.play();
    timers.advance(999);
    assert.equal(clock.index, 12);
    timers.advance(1);
    assert.equal(clock.index, 13);
    timers.advance(1000);
    assert.equal(clock.index, 14);
    timers.advance(1000);
    assert.equal(playback.playing, false);
    assert.equal(ended(), 1);
    assert.equal(timers.pending, 0, "no timer is left running");
  });

  it("starts again from the first frame when played at the end", () => {
    const { clock, playback } = setUp();
    clock.show(14);
    playback.play();
    assert.equal(clock.index, 0);
  });

  it("comes round when looping, and stops at the predict limit otherwise", () => {
    const looping = setUp({ speed: 0.75, loop: true, limit: "1985" });
    looping.clock.show(1);
    looping.playback.play();
    looping.timers.advance(750);
    assert.equal(looping.clock.index, 0);
    const limited = setUp({ speed: 0.75, limit: "1985" });
    limited.clock.show(0);
    limited.playback.play();
    limited.timers.advance(3000);
    assert.equal(limited.clock.index, 1);
    assert.equal(limited.playback.playing, false);
  });

  it("pauses on toggle and says so, so the caller reports the frame", () => {
    const { playback } = setUp();
    const changes = [];
    playback.on("change", ({ playing }) => changes.push(playing));
    assert.equal(playback.toggle(), false);
    assert.equal(playback.toggle(), true);
    assert.deepEqual(changes, [true, false]);
  });

  it("takes only its speeds, and a new speed while playing restarts the timer", () => {
    const { timers, clock, playback } = setUp({ speed: 7 });
    assert.equal(playback.speed, 1.5, "an unknown speed falls back to the default");
    clock.show(0);
    playback.play();
    playback.setSpeed(3);
    timers.advance(1500);
    assert.equal(clock.index, 0);
    timers.advance(1500);
    assert.equal(clock.index, 1);
    playback.setSpeed("fast");
    assert.equal(playback.speed, 3);
    assert.equal(timers.pending, 1);
  });
});
