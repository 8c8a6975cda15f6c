// Predict mode's limit: what "Reveal next" does (contract A in docs/ARCHITECTURE.md).
// Inside the document it reveals up to the next frame whose news differs (never six
// identical months one by one); at the document's end, when the server holds later frames
// (doc.more), it asks the server for the next one (kr_map/reveal.py applies the same
// rule). No DOM.

import { newsStep } from "./frames.js";

// "inside" (reveal the next frame of the document), "beyond" (ask the server), or null.
export function revealAction(limit, lastIndex, more) {
  if (limit < lastIndex) {
    return "inside";
  }
  return more ? "beyond" : null;
}

export function canReveal(limit, lastIndex, more) {
  return revealAction(limit, lastIndex, more) !== null;
}

// The value reported when the user asks to see beyond the document's last frame.
export function revealRequest(state) {
  return {
    reveal: "next",
    frame: state.frame,
    revealed: state.revealed,
    layers: state.layers,
    factions: state.factions,
  };
}

// The limit Reveal next moves to inside the document: the next frame whose news differs
// from the revealed one's, else the document's last frame.
export function revealTarget(frames, limit) {
  return newsStep(frames, limit, 1, frames.length - 1);
}
