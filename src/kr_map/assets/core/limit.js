// Predict mode's limit: what "Reveal next" does (contract A in docs/ARCHITECTURE.md).
// Inside the document it shows one frame more; at the document's end, when the server
// holds later frames (doc.more), it asks the server for the next one. No DOM.

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
