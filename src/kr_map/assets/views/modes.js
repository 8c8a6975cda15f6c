// The export's modes (contract D): the registry, what each asks of the player, and the
// mode switch on the map. A mode is {id, title, hint, options(asked, doc)}: `options`
// returns the player's options for an address already read (core/address.js: {key, step,
// with}); the host (hosts/export.js) builds the page for the chosen one. Add a mode here
// with one entry.

import { t } from "../core/i18n.js";
import { MESSAGES } from "../core/messages.js";
import { button, el } from "./dom.js";

// The story's step an address asks for, or the first.
function stepOf(asked, doc) {
  const steps = Array.isArray(doc.story) ? doc.story : [];
  return steps.length ? steps[(asked.step || 1) - 1] : null;
}

export const PREDICT_NOTE = MESSAGES.predictNote;

export const MODES = [
  { id: "explore", title: MESSAGES.modeExplore, hint: MESSAGES.modeExploreHint,
    options: () => ({ mode: "explore" }) },
  { id: "present", title: MESSAGES.modePresent, hint: MESSAGES.modePresentHint,
    options: () => ({ mode: "explore", present: true }) },
  { id: "story", title: MESSAGES.modeStory, hint: MESSAGES.modeStoryHint,
    options: (asked, doc) => {
      const step = stepOf(asked, doc);
      return step ? { mode: "story", present: true, start: step.date, layers: step.layers,
        view: { center: [step.lat, step.lon], zoom: step.zoom } } : { mode: "story", present: true };
    } },
  { id: "compare", title: MESSAGES.modeCompare, hint: MESSAGES.modeCompareHint,
    options: () => ({ mode: "compare", present: true, panel: false }) },
  { id: "predict", title: MESSAGES.modePredict, hint: MESSAGES.modePredictHint,
    options: (asked, doc) => ({ mode: "predict", present: true, limit: asked.key || doc.frames[0].key }) },
  { id: "quiz", title: MESSAGES.modeQuiz, hint: MESSAGES.modeQuizHint,
    options: () => ({ mode: "quiz" }) },
];

export function modeIds() {
  return MODES.map((mode) => mode.id);
}

export function modeOf(id) {
  return MODES.find((mode) => mode.id === id) || MODES[0];
}

// The mode switch: "Mode: Story" on the map; open, a button per mode (the chosen one
// pressed) and the page's extra buttons (Presenter view). Every button takes Tab and Enter.
export function modeSwitch(current, choose, extras = []) {
  const box = el("details", "krp-box krp-modes");
  box.appendChild(el("summary", "krp-modes-summary", t(MESSAGES.modeNow, { mode: t(modeOf(current).title) })));
  const list = el("div", "krp-mode-list");
  list.setAttribute("role", "group");
  list.setAttribute("aria-label", t(MESSAGES.modeLabel));
  MODES.forEach((mode) => {
    const node = button(t(mode.title), t(mode.hint), () => choose(mode.id), "krp-button krp-mode");
    node.setAttribute("aria-pressed", String(mode.id === current));
    node.dataset.mode = mode.id;
    list.appendChild(node);
  });
  box.appendChild(list);
  extras.forEach((node) => box.appendChild(node));
  return box;
}

// Predict says under the date that the file holds its future (it cannot hide it).
export function predictNote(player) {
  const note = el("p", "krp-predict-note", t(PREDICT_NOTE));
  note.setAttribute("role", "note");
  player.shell.head.appendChild(note);
}
