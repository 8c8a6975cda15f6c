// Rules about frames and their keys, written once: parsing a key, finding the frame a key
// means, and where a frame sits on the time bar (every year the same width).

export const UNITS = 13; // time-bar steps per year: the whole year, then its twelve months

const KEY = /^([0-9]{4})(?:-([0-9]{2}))?$/;

// "1989" -> {year: 1989, month: null}; "1989-10" -> {year: 1989, month: 10}; else null.
export function parseFrameKey(key) {
  const match = KEY.exec(String(key === undefined || key === null ? "" : key));
  if (!match) {
    return null;
  }
  const month = match[2] === undefined ? null : Number(match[2]);
  if (month !== null && (month < 1 || month > 12)) {
    return null;
  }
  return { year: Number(match[1]), month };
}

// The key of a year, or of one of its months: (1989) -> "1989", (1989, 3) -> "1989-03".
export function frameKey(year, month) {
  return month ? `${year}-${month < 10 ? "0" : ""}${month}` : String(year);
}

// The frame a key asks for: that very frame, else the first frame of its year (the nearest
// the document has), else -1.
export function findFrame(frames, key) {
  const wanted = String(key === undefined || key === null ? "" : key);
  const exact = frames.findIndex((frame) => frame.key === wanted);
  if (exact >= 0) {
    return exact;
  }
  const parsed = parseFrameKey(wanted);
  return parsed ? frames.findIndex((frame) => frame.year === parsed.year) : -1;
}

// A frame's place on the time bar: years of equal width, a busy year's months inside it.
export function positionOf(frames, index) {
  const frame = frames[index];
  return (frame.year - frames[0].year) * UNITS + (frame.month || 0);
}

// The last frame at or before a time-bar position, never past `limit`.
export function indexAt(frames, position, limit) {
  let best = 0;
  for (let i = 0; i <= limit; i += 1) {
    if (positionOf(frames, i) <= position) {
      best = i;
    } else {
      break;
    }
  }
  return best;
}

// The time bar's end when `limit` is the last frame shown: a quiet last year keeps its width.
export function barEnd(frames, limit) {
  return positionOf(frames, limit) + (frames[limit].month ? 0 : UNITS - 1);
}
