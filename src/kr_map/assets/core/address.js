// The frame in an address: "#year=1989&month=10" (the export keeps it in location.hash).
// Parsing is total: a malformed part is skipped, never thrown; nothing reaches a prototype.

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

// The address fragment of a frame: "#year=1989" or "#year=1989&month=10".
export function hashOf(frame) {
  return `#year=${frame.year}${frame.month ? `&month=${frame.month}` : ""}`;
}
