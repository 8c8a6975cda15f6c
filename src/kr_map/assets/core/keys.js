// What a key press means to the player, as data (no DOM): the caller passes the event's
// key, modifiers and a plain description of its target, and acts on the answer.
//   ← → Page Up/Down step (in story mode: the story's previous/next step; in predict and
//   compare: to the next frame whose news differs), Shift+← Shift+→ or [ ] jump by a year,
//   Home/End jump to the first and last frame (in story mode: the first and last step),
//   space plays or pauses; g shows the chart, t the strip and the chart together.

const TYPING_ROLES = /^(slider|radio|combobox|listbox|spinbutton|textbox|switch|tab|menuitem|option)$/;

// The parts of a key event the rules read; `isSlider`: the target is the player's time bar.
export function describeKey(event, slider) {
  const node = event.target || {};
  return {
    key: String(event.key || ""),
    modified: Boolean(event.altKey || event.ctrlKey || event.metaKey),
    shift: Boolean(event.shiftKey),
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

// A jump by a year: Shift with an arrow (a clicker sends no Shift), or [ and ].
function yearDirection(press) {
  if (press.key === "[" || press.key === "]") {
    return press.key === "]" ? 1 : -1;
  }
  return press.shift && (press.key === "ArrowRight" || press.key === "ArrowLeft") ? direction(press.key) : 0;
}

// The player's action for a key: {type: "step", by, news?} | {type: "year", by} |
// {type: "first"} | {type: "last"} | {type: "toggle"} | {type: "story", by} |
// {type: "story", to: "first" | "last"} | null (not the player's key). `news`: step to the
// next frame whose news differs (predict and compare), not to the very next frame.
export function playerAction(press, mode) {
  if (press.modified || press.handled || keyBelongsToTarget(press)) {
    return null;
  }
  const years = yearDirection(press);
  const by = direction(press.key);
  if (mode === "story") {
    if (press.key === "Home" || press.key === "End") {
      return { type: "story", to: press.key === "Home" ? "first" : "last" };
    }
    return by && !years ? { type: "story", by } : null;
  }
  if (years) {
    return { type: "year", by: years };
  }
  if (by) {
    return mode === "predict" || mode === "compare" ? { type: "step", by, news: true } : { type: "step", by };
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
