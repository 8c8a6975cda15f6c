import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { longestIncreasing } from "../../src/kr_map/assets/core/order.js";
import { placeChildren } from "../../src/kr_map/assets/views/dom.js";

// A parent with the few DOM members placeChildren uses; it counts what it is asked to do,
// since the point of placeChildren is to leave alone the children already in place.
class FakeParent {
  constructor(names) {
    this.kids = [];
    this.inserted = 0;
    this.removed = 0;
    names.forEach((name) => this.kids.push(node(name, this)));
  }

  get childNodes() {
    return this.kids.slice();
  }

  get firstChild() {
    return this.kids[0] || null;
  }

  after(child) {
    const at = this.kids.indexOf(child);
    return at >= 0 && at + 1 < this.kids.length ? this.kids[at + 1] : null;
  }

  removeChild(child) {
    this.kids.splice(this.kids.indexOf(child), 1);
    this.removed += 1;
  }

  insertBefore(child, before) {
    if (child.parent) {
      child.parent.kids.splice(child.parent.kids.indexOf(child), 1);
    }
    child.parent = this;
    const at = before === null ? this.kids.length : this.kids.indexOf(before);
    this.kids.splice(at, 0, child);
    this.inserted += 1;
  }

  names() {
    return this.kids.map((kid) => kid.name);
  }

  find(name) {
    return this.kids.find((kid) => kid.name === name);
  }
}

function node(name, parent = null) {
  const made = { name, parent };
  Object.defineProperty(made, "nextSibling", { get: () => (made.parent ? made.parent.after(made) : null) });
  return made;
}

describe("placeChildren: the events panel's cards across a switch", () => {
  it("adds the new cards and drops the old without moving those the frames share", () => {
    const list = new FakeParent(["heading", "old1", "a", "b", "c"]);
    const [heading, a, b, c] = ["heading", "a", "b", "c"].map((name) => list.find(name));
    placeChildren(list, [heading, node("new1"), a, b, node("d"), c]);
    assert.deepEqual(list.names(), ["heading", "new1", "a", "b", "d", "c"]);
    assert.equal(list.removed, 1);
    assert.equal(list.inserted, 2, "only new1 and d are put in");
  });

  it("moves a card whose place changed and empties a list given nothing", () => {
    const list = new FakeParent(["a", "b", "c"]);
    const [a, b, c] = ["a", "b", "c"].map((name) => list.find(name));
    placeChildren(list, [c, a, b]);
    assert.deepEqual(list.names(), ["c", "a", "b"]);
    placeChildren(list, []);
    assert.deepEqual(list.names(), []);
  });

  it("moves only the card whose place changed when it goes from first to last", () => {
    const list = new FakeParent(["a", "b", "c", "d"]);
    const [a, b, c, d] = ["a", "b", "c", "d"].map((name) => list.find(name));
    placeChildren(list, [b, c, d, a]);
    assert.deepEqual(list.names(), ["b", "c", "d", "a"]);
    assert.equal(list.inserted, 1);
  });

  it("puts a node listed twice at its last place, once", () => {
    const list = new FakeParent(["a", "b"]);
    const [a, b] = ["a", "b"].map((name) => list.find(name));
    placeChildren(list, [a, b, a]);
    assert.deepEqual(list.names(), ["b", "a"]);
  });
});

describe("longestIncreasing: the items that keep their place", () => {
  it("finds a longest run of old places in order, new items (-1) left out", () => {
    const values = [3, -1, 0, 1, -1, 5, 2, 4];
    const stay = [...longestIncreasing(values)].sort((x, y) => x - y);
    assert.deepEqual(stay.map((i) => values[i]), [0, 1, 2, 4]);
  });

  it("keeps all of a list in order and none of an empty one", () => {
    assert.deepEqual([...longestIncreasing([0, 1, 2])].sort(), [0, 1, 2]);
    assert.equal(longestIncreasing([]).size, 0);
    assert.equal(longestIncreasing([-1, -1]).size, 0);
  });
});
