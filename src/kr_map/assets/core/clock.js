// The time model: the frames, the one shown and the last one that may be shown (predict
// mode's limit). It emits "frame" when the shown frame changes and "limit" when the limit
// moves; views subscribe, nothing reaches into them. No DOM.

import { Emitter } from "./emitter.js";
import { findFrame, indexAt, positionOf } from "./frames.js";

export class Clock extends Emitter {
  constructor(frames, limitKey) {
    super();
    if (!Array.isArray(frames) || !frames.length) {
      throw new Error("the frames document holds no frame");
    }
    this.frames = frames;
    this.index = -1;
    this.limit = frames.length - 1;
    const at = limitKey ? findFrame(frames, limitKey) : -1;
    if (at >= 0) {
      this.limit = at;
    }
  }

  get frame() {
    return this.index >= 0 ? this.frames[this.index] : null;
  }

  find(key) {
    return findFrame(this.frames, key);
  }

  positionOf(index) {
    return positionOf(this.frames, index);
  }

  indexAt(position) {
    return indexAt(this.frames, position, this.limit);
  }

  // Show frame `index` (kept within 0..limit); returns the index shown.
  show(index) {
    const at = Math.max(0, Math.min(this.limit, Number(index) || 0));
    if (at !== this.index) {
      this.index = at;
      this.emit("frame", { index: at, frame: this.frames[at] });
    }
    return at;
  }

  // Step by `by` frames; with `loop`, past either end comes round to the other.
  step(by, loop) {
    const count = this.limit + 1;
    return this.show(loop ? (((this.index + by) % count) + count) % count : this.index + by);
  }

  atFirst() {
    return this.index <= 0;
  }

  atLimit() {
    return this.index >= this.limit;
  }

  // Move the limit (predict mode reveals one frame more); never past the document's end.
  setLimit(index) {
    const at = Math.max(0, Math.min(this.frames.length - 1, index));
    if (at !== this.limit) {
      this.limit = at;
      this.emit("limit", { limit: at });
    }
  }
}
