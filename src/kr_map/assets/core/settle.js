// When to tell the host which frame is shown: once the user lets go, not at every step.
// A key press waits SETTLE_MS for more (its release may never come: a held key repeats);
// a release or a button press waits RELEASE_MS, so a quick second press is one report.
// The same value is never sent twice in a row. Timers are injected; no DOM.

export const SETTLE_MS = 350;
export const RELEASE_MS = 100;

export class Reporter {
  // state(): the value to report now, or null; send(value): hand it to the host.
  constructor(state, send, timers) {
    this.state = state;
    this.send = send;
    this.timers = timers;
    this.timer = null;
    this.last = null;
  }

  get pending() {
    return this.timer !== null;
  }

  // What is shown now counts as told (the host chose it): no report until it changes.
  prime() {
    const value = this.state();
    this.last = value === null ? null : JSON.stringify(value);
  }

  cancel() {
    if (this.timer !== null) {
      this.timers.clearTimeout(this.timer);
      this.timer = null;
    }
  }

  // Report now.
  settle() {
    this.cancel();
    const value = this.state();
    if (value !== null) {
      this.report(value);
    }
  }

  // Report after `wait` ms, unless another press comes first.
  settleSoon(wait = SETTLE_MS) {
    this.cancel();
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      this.settle();
    }, wait);
  }

  // A key was let go: a report still waiting goes out after RELEASE_MS.
  release() {
    if (this.pending) {
      this.settleSoon(RELEASE_MS);
    }
  }

  // Send `value` unless it is the one sent last.
  report(value) {
    const text = JSON.stringify(value);
    if (text === this.last) {
      return false;
    }
    this.last = text;
    this.send(value);
    return true;
  }
}
