import assert from "node:assert/strict";
import { test } from "node:test";

import { isRight, moveItem, nearestPlace, scoreOf } from "../../src/kr_map/assets/core/quiz.js";

const PLACES = [
  { id: "pailin", name: "Pailin", lat: 12.849, lon: 102.6093 },
  { id: "anlong_veng", name: "Anlong Veng", lat: 14.2322, lon: 104.0811 },
];

test("a click picks the nearest place, with its distance", () => {
  const picked = nearestPlace(PLACES, 12.9, 102.7);
  assert.equal(picked.id, "pailin");
  assert.ok(picked.km > 5 && picked.km < 15);
  assert.equal(nearestPlace([], 12, 102), null);
});

test("an order is right only in the data's order", () => {
  const question = { answer: ["a", "b", "c"] };
  assert.equal(isRight(question, ["a", "b", "c"]), true);
  assert.equal(isRight(question, ["b", "a", "c"]), false);
  assert.equal(isRight(question, ["a", "b"]), false);
});

test("a place or a holder is right when it is the answer's id", () => {
  assert.equal(isRight({ answer: "khmer_rouge" }, "khmer_rouge"), true);
  assert.equal(isRight({ answer: "khmer_rouge" }, "prk"), false);
});

test("moving an item swaps it with its neighbour, never past an end", () => {
  assert.deepEqual(moveItem(["a", "b", "c"], 1, -1), ["b", "a", "c"]);
  assert.deepEqual(moveItem(["a", "b", "c"], 0, -1), ["a", "b", "c"]);
  assert.deepEqual(moveItem(["a", "b", "c"], 2, 1), ["a", "b", "c"]);
});

test("the score counts right answers among those given", () => {
  const questions = [{ number: 1 }, { number: 2 }, { number: 3 }];
  assert.deepEqual(scoreOf(questions, { 1: true, 2: false }), { right: 1, answered: 2, total: 3 });
});
