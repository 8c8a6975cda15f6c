// Rules the map, the panel and the charts share, each written once (no DOM).

// A feature or event shows when it involves no faction, or one of those switched on.
export function factionShown(factionIds, on) {
  return !factionIds || !factionIds.length || factionIds.some((id) => Object.hasOwn(on, id) && Boolean(on[id]));
}

// The record of a seed's text in the document's sources (contract C), or null.
export function sourceOf(sources, seed) {
  return sources && typeof sources === "object" && Object.hasOwn(sources, seed) ? sources[seed] : null;
}

// The citation line under a quote, from the source's own record (doc.sources); a seed with
// no record is named by its file alone: no credit is ever assumed.
export function citation(seed, sources) {
  const source = sourceOf(sources, seed);
  if (!source) {
    return `Source: seeds/${seed}`;
  }
  const by = [source.publisher, source.licence].filter(Boolean).join(", ");
  return `Source: “${source.title}”${by ? ` (${by})` : ""}, seeds/${seed}`;
}

// The map's credit line: the borders, then each publisher and licence of the texts once.
export function creditLine(sources) {
  const texts = [];
  Object.values(sources && typeof sources === "object" ? sources : {}).forEach((source) => {
    const who = [source.publisher, source.licence].filter(Boolean);
    const text = who.length > 1 ? `${who[0]} (${who[1]})` : who[0] || source.title || "";
    if (text && texts.indexOf(text) < 0) {
      texts.push(text);
    }
  });
  return ["Borders: Natural Earth", texts.length ? `Texts: ${texts.join(", ")}` : "", "kr-map"]
    .filter(Boolean).join(" · ");
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
