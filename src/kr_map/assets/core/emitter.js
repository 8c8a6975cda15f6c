// A tiny event emitter: the seam the player's parts talk through (no DOM).

export class Emitter {
  constructor() {
    this.listeners = Object.create(null);
  }

  // Call fn(detail) each time `name` is emitted; returns a function that stops it.
  on(name, fn) {
    (this.listeners[name] = this.listeners[name] || []).push(fn);
    return () => {
      this.listeners[name] = this.listeners[name].filter((other) => other !== fn);
    };
  }

  emit(name, detail) {
    (this.listeners[name] || []).slice().forEach((fn) => fn(detail));
  }
}
