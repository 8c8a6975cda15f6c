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

// The frame a jump by `by` years lands on: the first frame (the whole year) of the year
// `by` years from the shown frame's, or the nearest year the frames have, never past
// `limit`. From a month, a year back is the whole year before, not the month's own year.
export function yearStep(frames, index, by, limit) {
  const last = Math.min(limit === undefined ? frames.length - 1 : limit, frames.length - 1);
  const year = frames[index].year;
  if (by > 0) {
    const ahead = frames.findIndex((frame, i) => i <= last && frame.year >= year + by);
    return ahead >= 0 ? ahead : last;
  }
  const wanted = year + by;
  let best = 0;
  for (let i = 1; i <= last; i += 1) {
    if (frames[i].year <= wanted && frames[i].year > frames[best].year) {
      best = i; // the first frame of each later year, up to the one wanted
    }
  }
  return best;
}

// What a frame says beyond its date: its caption without its own label, and the events
// dated in it. Two frames with the same news look alike to a class (six quiet months).
export function newsOf(frame) {
  const label = String(frame.label || "");
  const caption = String(frame.caption || "");
  return JSON.stringify([label ? caption.split(label).join("") : caption, frame.events || []]);
}

// The next frame (by > 0) or previous one (by < 0) whose news differs from the shown
// frame's, never past `limit` nor before 0; the end itself when nothing differs.
export function newsStep(frames, index, by, limit) {
  const last = Math.min(limit === undefined ? frames.length - 1 : limit, frames.length - 1);
  const shown = newsOf(frames[index]);
  const dir = by < 0 ? -1 : 1;
  let i = index + dir;
  while (i > 0 && i < last && newsOf(frames[i]) === shown) {
    i += dir;
  }
  return Math.max(0, Math.min(last, i));
}
