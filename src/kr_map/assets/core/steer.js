// A presenter's commands carried out on a player (core/channel.js carries them), and what a
// map window tells the presenter it shows. No DOM: the host gives the ways it changes what
// is not the player's to change (the story's step, the mode), so the app and the export
// can each send those where they belong (the app's server, the export's address).

// The mode a presenter knows a map by: explore on the wall is "present".
export function shownMode(options) {
  const mode = options && typeof options.mode === "string" && options.mode ? options.mode : "explore";
  return mode === "explore" && options.present ? "present" : mode;
}

// The `show` message for a frame shown with these options, or null before any frame.
export function showMessage(frame, options) {
  if (!frame) {
    return null;
  }
  const mode = shownMode(options);
  const step = mode === "story" && Number.isInteger(options.storyStep) && options.storyStep > 0 ? options.storyStep : null;
  return { type: "show", key: frame.key, mode, step };
}

// Carry out a checked command (readMessage's). ways: {announce(), mode(id), story(by|"first"|"last")}.
// Time moves only through the player's actions, so the server hears of it on release.
export function steer(message, player, mode, ways) {
  if (!message || message.type !== "command") {
    return;
  }
  const actions = player.actions;
  if (message.action === "hello") {
    ways.announce();
  } else if (message.action === "mode") {
    if (message.mode !== mode) {
      ways.mode(message.mode);
    }
  } else if (mode === "story") {
    ways.story(message.action === "step" ? message.by : message.action);
  } else if (message.action === "step") {
    const atLimit = player.clock.index >= player.clock.limit;
    if (mode === "predict" && message.by === 1 && atLimit && actions.canReveal()) {
      actions.reveal();
    } else {
      actions.stepAndRelease(message.by);
    }
  } else {
    actions.go(message.action === "first" ? 0 : player.clock.limit);
  }
}
