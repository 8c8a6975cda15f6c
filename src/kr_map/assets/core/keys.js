// What a key press means to the player, as data (no DOM): the caller passes the event's
// key, modifiers and a plain description of its target, and acts on the answer.
//   ← → Page Up/Down step (in story mode: the story's previous/next step), Home/End jump,
//   space plays or pauses; g shows the chart, t the strip and the chart together.

const TYPING_ROLES = /^(slider|radio|combobox|listbox|spinbutton|textbox|switch|tab|menuitem|option)$/;

// The parts of a key event the rules read; `isSlider`: the target is the player's time bar.
export function describeKey(event, slider) {
  const node = event.target || {};
  return {
    key: String(event.key || ""),
    modified: Boolean(event.altKey || event.ctrlKey || event.metaKey),
    handled: Boolean(event.defaultPrevented),
    tag: String(node.tagName || "").toUpperCase(),
    type: String(node.type || ""),
    role: node.getAttribute ? String(node.getAttribute("role") || "") : "",
    editable: Boolean(node.isContentEditable),
    isSlider: Boolean(slider) && node === slider,
  };
}

// True when the key belongs to what the target does with it (typing, choosing, sliding).
export function keyBelongsToTarget(press) {
  if (press.isSlider) {
    return false;
  }
  if (press.tag === "SELECT" || press.tag === "TEXTAREA" || press.editable) {
    return true;
  }
  if (press.tag === "INPUT" && press.type !== "checkbox") {
    return true;
  }
  return TYPING_ROLES.test(press.role);
}

function direction(key) {
  if (key === "ArrowRight" || key === "PageDown") {
    return 1;
  }
  if (key === "ArrowLeft" || key === "PageUp") {
    return -1;
  }
  return 0;
}

// The player's action for a key: {type: "step", by} | {type: "first"} | {type: "last"} |
// {type: "toggle"} | {type: "story", by} | null (not the player's key).
export function playerAction(press, mode) {
  if (press.modified || press.handled || keyBelongsToTarget(press)) {
    return null;
  }
  const by = direction(press.key);
  if (mode === "story") {
    return by ? { type: "story", by } : null;
  }
  if (by) {
    return { type: "step", by };
  }
  if (press.key === "Home") {
    return { type: "first" };
  }
  if (press.key === "End") {
    return { type: "last" };
  }
  if (press.key === " " || press.key === "Spacebar") {
    const pressesTarget = press.tag === "BUTTON" || press.tag === "SUMMARY" || press.type === "checkbox";
    return pressesTarget ? null : { type: "toggle" };
  }
  return null;
}

// The charts' action for a key: "chart" (g), "both" (t) or null.
export function chartsAction(press) {
  if (press.modified || press.handled) {
    return null;
  }
  const typing = press.tag === "SELECT" || press.tag === "TEXTAREA" || press.editable ||
    (press.tag === "INPUT" && press.type !== "checkbox" && press.type !== "range");
  if (typing) {
    return null;
  }
  const key = press.key.toLowerCase();
  return key === "g" ? "chart" : key === "t" ? "both" : null;
}
