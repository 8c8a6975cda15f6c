// Playing: a timer that steps the clock, at a speed, looping or stopping at the limit.
// The timer functions are injected (tests pass a fake clock); no DOM.

import { Emitter } from "./emitter.js";

export const SPEEDS = [0.75, 1, 1.5, 2, 3, 5]; // seconds per frame
export const DEFAULT_SPEED = 1.5;

export class Playback extends Emitter {
  // clock: a Clock; timers: {setInterval, clearInterval}; onEnd(): playing stopped at the end.
  constructor(clock, timers, { speed, loop, onEnd } = {}) {
    super();
    this.clock = clock;
    this.timers = timers;
    this.speed = SPEEDS.indexOf(Number(speed)) >= 0 ? Number(speed) : DEFAULT_SPEED;
    this.loop = Boolean(loop);
    this.onEnd = onEnd || (() => {});
    this.timer = null;
  }

  get playing() {
    return this.timer !== null;
  }

  play() {
    if (this.playing) {
      return;
    }
    if (this.clock.atLimit() && !this.loop) {
      this.clock.show(0);
    }
    this.timer = this.timers.setInterval(() => this.tick(), this.speed * 1000);
    this.emit("change", { playing: true });
  }

  tick() {
    if (this.clock.atLimit() && !this.loop) {
      this.pause();
      this.onEnd();
    } else {
      this.clock.step(1, this.loop);
    }
  }

  pause() {
    if (!this.playing) {
      return;
    }
    this.timers.clearInterval(this.timer);
    this.timer = null;
    this.emit("change", { playing: false });
  }

  // Play, or pause; returns true when it paused (the caller then reports the frame).
  toggle() {
    if (this.playing) {
      this.pause();
      return true;
    }
    this.play();
    return false;
  }

  setSpeed(seconds) {
    if (SPEEDS.indexOf(Number(seconds)) < 0) {
      return;
    }
    this.speed = Number(seconds);
    if (this.playing) {
      this.pause();
      this.play();
    }
  }

  setLoop(on) {
    this.loop = Boolean(on);
  }
}
