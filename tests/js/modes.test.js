import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { hashOf, parseParams, readAddress } from "../../src/kr_map/assets/core/address.js";
import { Channel, channelName, readMessage } from "../../src/kr_map/assets/core/channel.js";
import { heading } from "../../src/kr_map/assets/views/compare.js";
import { MODES, modeIds, modeOf } from "../../src/kr_map/assets/views/modes.js";
import { NOTES_IN_STORY, elapsedText, presenterText } from "../../src/kr_map/assets/views/presenter.js";

const frames = [{ key: "1979", year: 1979, label: "1979" }, { key: "1989", year: 1989, label: "1989" },
  { key: "1989-09", year: 1989, month: 9, label: "September 1989" },
  { key: "1989-10", year: 1989, month: 10, label: "October 1989" }, { key: "1990", year: 1990, label: "1990" }];
const story = [
  { step: 1, title: "Flight to the Thai border", date: "1979", lat: 13.2, lon: 103.8, zoom: 7, layers: ["camps"],
    teacherNotes: "Ask the class about the camps.", contentNote: "" },
  { step: 2, title: "The Khmer Rouge take Pailin", date: "1989-10", lat: 12.8, lon: 102.6, zoom: 9, layers: [],
    teacherNotes: "", contentNote: "" },
];
const doc = { frames, story, citation: { dataVersion: "abc123" } };

describe("the export's address with its modes (contract D)", () => {
  const read = (text) => readAddress(parseParams(text), frames, { modes: modeIds(), steps: story.length });

  it("reads every mode of the registry, a story step and compare's second frame", () => {
    for (const mode of ["explore", "present", "story", "compare", "predict"]) {
      assert.equal(read(`#mode=${mode}`).mode, mode);
    }
    assert.deepEqual(read("#mode=story&step=2"), { key: null, mode: "story", step: 2, with: null, lang: null, notes: [] });
    assert.deepEqual(read("#year=1989&month=9&mode=compare&with=1989-10"),
      { key: "1989-09", mode: "compare", step: null, with: "1989-10", lang: null, notes: [] });
  });

  it("writes what it reads", () => {
    const hash = hashOf(frames[2], "compare", { with: "1989-10" });
    assert.equal(hash, "#year=1989&month=9&mode=compare&with=1989-10");
    assert.deepEqual(read(hash).with, "1989-10");
    assert.equal(hashOf(frames[0], "story", { step: 2 }), "#year=1979&mode=story&step=2");
    assert.equal(hashOf(frames[0], "explore"), "#year=1979");
  });

  it("names a bad mode, step or second frame in a note and opens the default instead", () => {
    const bad = read("#mode=quizz&step=9&with=2050");
    assert.equal(bad.mode, "explore");
    assert.equal(bad.step, null);
    assert.equal(bad.with, null);
    assert.match(bad.notes[0], /mode=“quizz” was not understood: use mode=explore, mode=present, mode=story/);
    assert.match(bad.notes[1], /step=“9” is out of range: the story has steps 1–2/);
    assert.match(bad.notes[2], /with=“2050” is not a frame of this map/);
    assert.match(read("#step=two").notes[0], /step=“two” was not understood/);
    assert.match(readAddress(parseParams("#step=1"), frames).notes[0], /this file holds no story/);
  });
});

describe("the modes registry", () => {
  it("lists the six modes of the export, each with a title and a hint", () => {
    assert.deepEqual(modeIds(), ["explore", "present", "story", "compare", "predict", "quiz"]);
    MODES.forEach((mode) => assert.ok(mode.title && mode.hint && typeof mode.options === "function", mode.id));
    assert.equal(modeOf("nonsense").id, "explore");
  });

  it("gives a story step's date, layers and view to the player", () => {
    const options = modeOf("story").options({ step: 2 }, doc);
    assert.equal(options.start, "1989-10");
    assert.deepEqual(options.view, { center: [12.8, 102.6], zoom: 9 });
    assert.equal(options.present, true);
    assert.equal(modeOf("story").options({ step: null }, doc).start, "1979", "no step: the first");
  });

  it("starts predict's limit at the frame asked for, or the first", () => {
    assert.equal(modeOf("predict").options({ key: "1989-09" }, doc).limit, "1989-09");
    assert.equal(modeOf("predict").options({ key: null }, doc).limit, "1979");
  });
});

describe("compare's heading", () => {
  it("heads the list with both dates", () => {
    assert.equal(heading(frames[2], frames[3]), "Changes of hands: end of September 1989 → end of October 1989");
  });
});

describe("the presenter's channel", () => {
  class FakePort {
    static made = [];
    constructor(name) {
      this.name = name;
      this.sent = [];
      FakePort.made.push(this);
    }

    postMessage(message) {
      this.sent.push(message);
    }
  }

  it("is named from the document's data version", () => {
    assert.equal(channelName(doc), "kr-map-presenter-abc123");
    assert.equal(channelName({}), "kr-map-presenter-unversioned");
  });

  it("passes on only well-formed messages, with their known fields", () => {
    assert.deepEqual(readMessage({ type: "show", key: "1989-10", mode: "story", step: 2, extra: "x" }),
      { type: "show", key: "1989-10", mode: "story", step: 2 });
    assert.deepEqual(readMessage({ type: "command", action: "step", by: -1 }), { type: "command", action: "step", by: -1 });
    assert.deepEqual(readMessage({ type: "command", action: "mode", mode: "compare" }),
      { type: "command", action: "mode", mode: "compare" });
    assert.deepEqual(readMessage({ type: "quiz", question: 3 }), { type: "quiz", question: 3 });
    for (const bad of [null, "show", 3, { type: "show", key: "" }, { type: "command", action: "step", by: 5 },
      { type: "command", action: "eval" }, { type: "command", action: "mode" }, { type: "hello" }]) {
      assert.equal(readMessage(bad), null, JSON.stringify(bad));
    }
  });

  it("hands received messages to its listeners and sends through its port", () => {
    const channel = new Channel("kr-map-presenter-abc123", FakePort);
    const port = FakePort.made.at(-1);
    const got = [];
    channel.on((message) => got.push(message));
    port.onmessage({ data: { type: "command", action: "first", junk: 1 } });
    port.onmessage({ data: { type: "nonsense" } });
    assert.deepEqual(got, [{ type: "command", action: "first" }]);
    channel.send({ type: "show", key: "1979", mode: "explore", step: null });
    assert.equal(port.sent.length, 1);
    assert.equal(port.name, "kr-map-presenter-abc123");
  });

  it("is closed, and sends nothing, where there is no BroadcastChannel", () => {
    const channel = new Channel("x", null);
    assert.equal(channel.open, false);
    channel.send({ type: "show" });
  });
});

describe("the presenter view's text", () => {
  it("gives a story step's teacher notes and the next step's title", () => {
    const text = presenterText(doc, { mode: "story", key: "1979", step: 1 });
    assert.equal(text.where, "Story, step 1 of 2: Flight to the Thai border (1979)");
    assert.equal(text.notes, "Ask the class about the camps.");
    assert.equal(text.next, "2. The Khmer Rouge take Pailin");
    const last = presenterText(doc, { mode: "story", key: "1989-10", step: 2 });
    assert.match(last.notes, /No teacher notes for this step/);
    assert.equal(last.next, "This is the story's last step.");
  });

  it("names the mode and date outside the story", () => {
    const text = presenterText(doc, { mode: "compare", key: "1989-09", step: null });
    assert.equal(text.where, "Compare: September 1989");
    assert.equal(text.notes, NOTES_IN_STORY);
    assert.equal(text.next, "");
  });

  it("reads the lesson's time as a clock", () => {
    assert.equal(elapsedText(0), "0:00");
    assert.equal(elapsedText(65_900), "1:05");
    assert.equal(elapsedText(3_729_000), "1:02:09");
    assert.equal(elapsedText(-5), "0:00");
  });
});
