// Rules the map, the panel and the charts share, each written once (no DOM).

// A feature or event shows when it involves no faction, or one of those switched on.
export function factionShown(factionIds, on) {
  return !factionIds || !factionIds.length || factionIds.some((id) => Object.hasOwn(on, id) && Boolean(on[id]));
}

// The citation line under a quote.
export function citation(seed) {
  return `Source: seeds/${seed} (Wikipedia, CC BY-SA)`;
}

// A quote with its seed file, inline: “…” (seeds/x.txt).
export function quoted(quote, seed) {
  return `“${quote}” (seeds/${seed})`;
}

// How the source knows a claim, in the reader's words.
export function basisWords(basis) {
  return basis === "inferred" ? "inferred from the source" : "stated in the source";
}

export function basisClass(basis) {
  return basis === "inferred" ? "inferred" : "stated";
}

// The government of the day is shaded over its whole country: approximate by design.
export const GOVERNMENT_CAVEAT = "the sources say who governed, not where the front lines ran";
export const GOVERNMENT_SWITCH = "Government of the day (shaded, approximate)";
export const NO_GOVERNMENT = "No government recorded for this date";

export function governmentTip(cardTitle) {
  return `${cardTitle} (shaded approximately: ${GOVERNMENT_CAVEAT})`;
}

export function governmentLegend(ruler) {
  return `shaded: ${ruler ? `${ruler.short} rule` : "government"}, roughly`;
}

export function plural(n, one, many) {
  return `${n} ${n === 1 ? one : many}`;
}
