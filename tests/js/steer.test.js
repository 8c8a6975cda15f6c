import assert from "node:assert/strict";
import { test } from "node:test";

import { showMessage, shownMode, steer } from "../../src/kr_map/assets/core/steer.js";

// A player that records the actions a command takes.
function fakePlayer({ index = 3, limit = 10, canReveal = false } = {}) {
  const done = [];
  return {
    done,
    clock: { index, limit },
    actions: {
      stepAndRelease: (by) => done.push(["stepAndRelease", by]),
      go: (at) => done.push(["go", at]),
      reveal: () => done.push(["reveal"]),
      canReveal: () => canReveal,
    },
  };
}

function recordingWays() {
  const done = [];
  return {
    done,
    announce: () => done.push(["announce"]),
    mode: (mode) => done.push(["mode", mode]),
    story: (to) => done.push(["story", to]),
  };
}

const command = (fields) => ({ type: "command", ...fields });

test("explore on the wall is known to the presenter as present", () => {
  assert.equal(shownMode({ mode: "explore", present: true }), "present");
  assert.equal(shownMode({ mode: "explore", present: false }), "explore");
  assert.equal(shownMode({ mode: "story", present: true }), "story");
  assert.equal(shownMode({}), "explore");
});

test("a map says its frame, its mode and, in a story, its step", () => {
  assert.deepEqual(showMessage({ key: "1989-10" }, { mode: "story", storyStep: 4 }),
    { type: "show", key: "1989-10", mode: "story", step: 4 });
  assert.deepEqual(showMessage({ key: "1989" }, { mode: "predict", storyStep: 4 }),
    { type: "show", key: "1989", mode: "predict", step: null });
  assert.equal(showMessage(null, { mode: "explore" }), null);
});

test("a step outside the story steps time and releases it, so the server hears it", () => {
  const player = fakePlayer();
  const ways = recordingWays();
  steer(command({ action: "step", by: 1 }), player, "explore", ways);
  steer(command({ action: "step", by: -1 }), player, "present", ways);
  assert.deepEqual(player.done, [["stepAndRelease", 1], ["stepAndRelease", -1]]);
  assert.deepEqual(ways.done, []);
});

test("first and last go to the first frame and to the limit", () => {
  const player = fakePlayer({ limit: 7 });
  steer(command({ action: "first" }), player, "explore", recordingWays());
  steer(command({ action: "last" }), player, "predict", recordingWays());
  assert.deepEqual(player.done, [["go", 0], ["go", 7]]);
});

test("in a story the steps are the host's to change", () => {
  const player = fakePlayer();
  const ways = recordingWays();
  steer(command({ action: "step", by: 1 }), player, "story", ways);
  steer(command({ action: "last" }), player, "story", ways);
  assert.deepEqual(ways.done, [["story", 1], ["story", "last"]]);
  assert.deepEqual(player.done, []);
});

test("predict at its limit reveals the next frame when there is one, and only then", () => {
  const atLimit = fakePlayer({ index: 10, limit: 10, canReveal: true });
  steer(command({ action: "step", by: 1 }), atLimit, "predict", recordingWays());
  assert.deepEqual(atLimit.done, [["reveal"]]);
  const atEnd = fakePlayer({ index: 10, limit: 10, canReveal: false });
  steer(command({ action: "step", by: 1 }), atEnd, "predict", recordingWays());
  assert.deepEqual(atEnd.done, [["stepAndRelease", 1]]);
});

test("another mode goes to the host; the mode shown already, and hello, do not change it", () => {
  const ways = recordingWays();
  steer(command({ action: "mode", mode: "story" }), fakePlayer(), "explore", ways);
  steer(command({ action: "mode", mode: "explore" }), fakePlayer(), "explore", ways);
  steer(command({ action: "hello" }), fakePlayer(), "explore", ways);
  assert.deepEqual(ways.done, [["mode", "story"], ["announce"]]);
});

test("anything but a command is ignored", () => {
  const player = fakePlayer();
  const ways = recordingWays();
  steer({ type: "show", key: "1989" }, player, "explore", ways);
  steer(null, player, "explore", ways);
  assert.deepEqual([...player.done, ...ways.done], []);
});
