// The presenter's channel (contract D): the projector window and the presenter window of
// one file talk over a BroadcastChannel named from the document's data version, so two
// different files open side by side never steer each other. Chromium lets two file://
// pages of the same file share one (tests/test_modes_browser.py checks it). Messages:
//   {type: "show", key, mode, step}   the projector says what it shows (step: null outside
//                                     the story)
//   {type: "command", action: "step", by: -1 | 1} | {action: "first" | "last"} |
//   {action: "mode", mode} | {action: "hello"}   the presenter steers (hello: "say what
//                                     you show")
//   {type: "quiz", ...}               the quiz's own messages, passed through
// Every message received is checked; anything else is dropped. No DOM.

const ACTIONS = ["step", "first", "last", "mode", "hello"];

export function channelName(doc) {
  const version = doc && doc.citation && typeof doc.citation.dataVersion === "string" ? doc.citation.dataVersion : "";
  return `kr-map-presenter-${version || "unversioned"}`;
}

const isText = (value) => typeof value === "string" && value.length > 0 && value.length < 200;

// A message as received, checked: a fresh object with the known fields only, or null.
export function readMessage(data) {
  if (!data || typeof data !== "object") {
    return null;
  }
  if (data.type === "show" && isText(data.key) && isText(data.mode)) {
    const step = Number.isInteger(data.step) && data.step > 0 ? data.step : null;
    return { type: "show", key: data.key, mode: data.mode, step };
  }
  if (data.type === "command" && ACTIONS.indexOf(data.action) >= 0) {
    if (data.action === "step") {
      return data.by === 1 || data.by === -1 ? { type: "command", action: "step", by: data.by } : null;
    }
    if (data.action === "mode") {
      return isText(data.mode) ? { type: "command", action: "mode", mode: data.mode } : null;
    }
    return { type: "command", action: data.action };
  }
  if (data.type === "quiz") {
    return { ...data };
  }
  return null;
}

// One end of the channel. `Port` is the BroadcastChannel constructor (a fake in tests);
// without one the channel is closed and sends nothing.
export class Channel {
  constructor(name, Port = globalThis.BroadcastChannel) {
    this.port = typeof Port === "function" ? new Port(name) : null;
    this.listeners = [];
    if (this.port) {
      this.port.onmessage = (event) => {
        const message = readMessage(event && event.data);
        if (message) {
          this.listeners.forEach((fn) => fn(message));
        }
      };
    }
  }

  get open() {
    return this.port !== null;
  }

  on(fn) {
    this.listeners.push(fn);
  }

  send(message) {
    if (this.port) {
      this.port.postMessage(message);
    }
  }
}
