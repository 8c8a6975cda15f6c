// The frame in an address: "#year=1989&month=10&mode=present" (the export keeps it in
// location.hash), with the export's modes (contract D): "#mode=story&step=3",
// "#mode=compare&year=1989&month=9&with=1989-10", "#mode=predict&year=1985". Parsing is total: a malformed part is skipped, never thrown; nothing
// reaches a prototype; a value that cannot be used is named in a note for the reader.

import { t } from "./i18n.js";
import { MESSAGES } from "./messages.js";
import { frameKey } from "./frames.js";

const YEAR = /^[0-9]{4}$/;
const MONTH = /^[0-9]{1,2}$/;

// "#a=1&b=2" or "?a=1&b=2" -> {a: "1", b: "2"} (no prototype; a later part wins).
export function parseParams(text) {
  const out = Object.create(null);
  String(text === undefined || text === null ? "" : text)
    .replace(/^[#?]/, "")
    .split("&")
    .forEach((part) => {
      const bits = part.split("=");
      if (bits.length !== 2) {
        return;
      }
      try {
        out[decodeURIComponent(bits[0])] = decodeURIComponent(bits[1]);
      } catch {
        // a malformed escape: that part is ignored
      }
    });
  return out;
}

// The frame key the parameters ask for ("1989", "1989-10"), or null.
export function keyFromParams(params) {
  const year = typeof params.year === "string" && YEAR.test(params.year) ? params.year : null;
  if (!year) {
    return null;
  }
  const month = typeof params.month === "string" && MONTH.test(params.month) ? Number(params.month) : 0;
  return month >= 1 && month <= 12 ? frameKey(year, month) : year;
}

// The address fragment of a frame: "#year=1989" or "#year=1989&month=10", then
// "&mode=…" unless the mode is explore, then the story's step and compare's second frame
// when given, then the page's language (`extra`: {step, with, lang}).
export function hashOf(frame, mode, extra = {}) {
  const month = frame.month ? `&month=${frame.month}` : "";
  const named = mode && mode !== "explore" ? `&mode=${encodeURIComponent(mode)}` : "";
  const step = Number.isInteger(extra.step) ? `&step=${extra.step}` : "";
  const other = typeof extra.with === "string" && extra.with ? `&with=${encodeURIComponent(extra.with)}` : "";
  const lang = typeof extra.lang === "string" && extra.lang ? `&lang=${encodeURIComponent(extra.lang)}` : "";
  return `#year=${frame.year}${month}${named}${step}${other}${lang}`;
}

export const ADDRESS_NAMES = ["year", "month", "mode", "step", "with", "lang"];
export const ADDRESS_MODES = ["explore", "present"];
const STEP = /^[0-9]{1,4}$/;
const SHOWN = 40; // a note quotes this much of a bad value

function shown(value) {
  const text = String(value);
  return text.length > SHOWN ? `“${text.slice(0, SHOWN)}…”` : `“${text}”`;
}

// What an address asks of a page whose frames are `frames`: {key, mode, step, with, lang,
// notes}. `lang` is the language asked for, as written (the host knows which it holds).
// `key` is a frame key the frames hold (or null: the caller's default); `mode` one of
// `modes` (the export's registry, views/modes.js); `step` a story step from 1 to `steps`
// (or null); `with` compare's second frame key (or null); `notes` say in words what was
// not understood or is out of range, so a bad link never opens silently elsewhere.
export function readAddress(params, frames, { modes = ADDRESS_MODES, steps = 0 } = {}) {
  const notes = [];
  const years = frames.map((frame) => frame.year);
  const first = Math.min(...years);
  const last = Math.max(...years);
  let key = null;
  if (Object.hasOwn(params, "year")) {
    const text = params.year;
    if (!YEAR.test(text)) {
      notes.push(t(MESSAGES.badYear, { value: shown(text), first }));
    } else if (years.indexOf(Number(text)) < 0) {
      notes.push(t(MESSAGES.yearOutOfRange, { value: shown(text), first, last }));
    } else {
      key = keyFromParams(params);
      if (Object.hasOwn(params, "month") && key.length === 4) {
        notes.push(t(MESSAGES.badMonth, { value: shown(params.month) }));
      }
    }
  } else if (Object.hasOwn(params, "month")) {
    notes.push(t(MESSAGES.monthNeedsYear, { value: shown(params.month) }));
  }
  let mode = "explore";
  if (Object.hasOwn(params, "mode")) {
    if (modes.indexOf(params.mode) >= 0) {
      mode = params.mode;
    } else {
      notes.push(t(MESSAGES.badMode, { value: shown(params.mode), modes: modes.map((m) => `mode=${m}`).join(", ") }));
    }
  }
  const step = readStep(params, steps, notes);
  const other = readWith(params, frames, notes);
  const unknown = Object.keys(params).filter((name) => ADDRESS_NAMES.indexOf(name) < 0 && name !== "");
  if (unknown.length) {
    notes.push(t(unknown.length === 1 ? MESSAGES.unknownName : MESSAGES.unknownNames, { names: unknown.slice(0, 3).map(shown).join(", "), known: ADDRESS_NAMES.join(", ") }));
  }
  const lang = typeof params.lang === "string" && params.lang ? params.lang : null;
  return { key, mode, step, with: other, lang, notes };
}

// The story's step an address asks for (1..steps), or null with a note.
function readStep(params, steps, notes) {
  if (!Object.hasOwn(params, "step")) {
    return null;
  }
  const text = params.step;
  if (!STEP.test(text)) {
    notes.push(t(MESSAGES.badStep, { value: shown(text) }));
    return null;
  }
  const step = Number(text);
  if (step < 1 || step > steps) {
    notes.push(steps ? t(MESSAGES.stepOutOfRange, { value: shown(text), count: steps })
      : t(MESSAGES.noStoryStep, { value: shown(text) }));
    return null;
  }
  return step;
}

// Compare's second frame (a frame key the frames hold, like 1989-10), or null with a note.
function readWith(params, frames, notes) {
  if (!Object.hasOwn(params, "with")) {
    return null;
  }
  const text = params.with;
  if (frames.some((frame) => frame.key === text)) {
    return text;
  }
  notes.push(t(MESSAGES.badWith, { value: shown(text), first: frames[0].key }));
  return null;
}
