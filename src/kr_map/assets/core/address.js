// The frame in an address: "#year=1989&month=10&mode=present" (the export keeps it in
// location.hash). Parsing is total: a malformed part is skipped, never thrown; nothing
// reaches a prototype; a value that cannot be used is named in a note for the reader.

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

// The address fragment of a frame: "#year=1989" or "#year=1989&month=10", and
// "&mode=present" when the page shows presentation mode.
export function hashOf(frame, mode) {
  const month = frame.month ? `&month=${frame.month}` : "";
  return `#year=${frame.year}${month}${mode === "present" ? "&mode=present" : ""}`;
}

export const ADDRESS_NAMES = ["year", "month", "mode"];
export const ADDRESS_MODES = ["explore", "present"];
const SHOWN = 40; // a note quotes this much of a bad value

function shown(value) {
  const text = String(value);
  return text.length > SHOWN ? `“${text.slice(0, SHOWN)}…”` : `“${text}”`;
}

// What an address asks of a page whose frames are `frames`: {key, mode, notes}. `key` is
// a frame key the frames hold (or null: the caller's default); `notes` say in words what
// was not understood or is out of range, so a bad link never opens silently elsewhere.
export function readAddress(params, frames) {
  const notes = [];
  const years = frames.map((frame) => frame.year);
  const first = Math.min(...years);
  const last = Math.max(...years);
  let key = null;
  if (Object.hasOwn(params, "year")) {
    const text = params.year;
    if (!YEAR.test(text)) {
      notes.push(`The address's year=${shown(text)} was not understood: give a year like ${first}.`);
    } else if (years.indexOf(Number(text)) < 0) {
      notes.push(`The address's year=${shown(text)} is out of range: this map covers ${first}–${last}.`);
    } else {
      key = keyFromParams(params);
      if (Object.hasOwn(params, "month") && key.length === 4) {
        notes.push(`The address's month=${shown(params.month)} was not understood: give a month from 1 to 12.`);
      }
    }
  } else if (Object.hasOwn(params, "month")) {
    notes.push(`The address's month=${shown(params.month)} needs a year too (#year=1989&month=10).`);
  }
  let mode = "explore";
  if (Object.hasOwn(params, "mode")) {
    if (ADDRESS_MODES.indexOf(params.mode) >= 0) {
      mode = params.mode;
    } else {
      notes.push(`The address's mode=${shown(params.mode)} was not understood: use mode=present or mode=explore.`);
    }
  }
  const unknown = Object.keys(params).filter((name) => ADDRESS_NAMES.indexOf(name) < 0 && name !== "");
  if (unknown.length) {
    notes.push(`The address's ${unknown.slice(0, 3).map(shown).join(", ")} ${unknown.length === 1 ? "was" : "were"} not understood: use year, month and mode.`);
  }
  return { key, mode, notes };
}
