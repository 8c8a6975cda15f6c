// The charts' scales, with no DOM: days, a frame's period, and where a day sits on the
// time bar (every year the same width, like the slider).

export const DAY_MS = 86400000;

// "1989-10-24" -> days since 1970-01-01.
export function dayNumber(iso) {
  const bits = String(iso).split("-").map(Number);
  return Date.UTC(bits[0], bits[1] - 1, bits[2]) / DAY_MS;
}

export function isoOfDay(day) {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function yearOfDay(day) {
  return new Date(day * DAY_MS).getUTCFullYear();
}

export function firstDayOfYear(year) {
  return Date.UTC(year, 0, 1) / DAY_MS;
}

// Frame -> Period: [first day, first day after] of each frame, from the document's
// ISO pairs (charts.periods, made in Python).
export function periodsOf(isoPairs) {
  return isoPairs.map((pair) => [dayNumber(pair[0]), dayNumber(pair[1]) + 1]);
}

// Where a day sits on the time bar whose first year is `firstYear`.
export function positionOfDay(day, firstYear, units) {
  const year = yearOfDay(day);
  const start = firstDayOfYear(year);
  const next = firstDayOfYear(year + 1);
  return (year - firstYear + (day - start) / (next - start)) * units;
}

// The frame that shows a day: the shortest period holding it, never past `limit`;
// `among`: the frames to choose from (default: all). -1 when none does.
export function frameOfDay(periods, day, limit, among) {
  let best = -1;
  (among || periods.map((_, i) => i)).forEach((i) => {
    if (i > limit || day < periods[i][0] || day >= periods[i][1]) {
      return;
    }
    if (best < 0 || periods[i][1] - periods[i][0] < periods[best][1] - periods[best][0]) {
      best = i;
    }
  });
  return best;
}

// The frame a click on a holding's bar goes to: one whose map shows that holding (its
// `frames`), nearest the day; else the frame of the holding's first day.
export function frameForHolding(periods, holding, day, limit) {
  const shown = holding.frames.filter((i) => i <= limit);
  const at = frameOfDay(periods, day, limit, shown);
  if (at >= 0) {
    return at;
  }
  let best = -1;
  shown.forEach((i) => {
    if (best < 0 || Math.abs(periods[i][1] - day) < Math.abs(periods[best][1] - day)) {
      best = i;
    }
  });
  return best >= 0 ? best : frameOfDay(periods, dayNumber(holding.from), limit);
}

// x of a time-bar position, given the bar's usable pixels: [left, left + usable] for 0..max.
export function linearScale(left, usable, max) {
  const top = Math.max(1, max);
  return (position) => left + (usable * position) / top;
}

// The time bar's geometry, seen from a box, with the thumb's half-width at each end.
// Beside a short slider (a narrow frame) or with no room for labels (`fallbackLeft`), a
// scale of its own: the same year widths over the box's whole width.
export function trackScale(track, box, thumb, fallbackLeft) {
  let left = track.left - box.left + thumb / 2;
  let usable = Math.max(0, track.width - thumb);
  if (fallbackLeft && (left < fallbackLeft || usable < 0.55 * box.width)) {
    left = fallbackLeft;
    usable = Math.max(40, box.width - fallbackLeft - 16);
  }
  return linearScale(left, usable, track.max);
}
