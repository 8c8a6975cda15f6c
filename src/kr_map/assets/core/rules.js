// Rules the map, the panel and the charts share, each written once (no DOM).

// A feature or event shows when it involves no faction, or one of those switched on.
export function factionShown(factionIds, on) {
  return !factionIds || !factionIds.length || factionIds.some((id) => Object.hasOwn(on, id) && Boolean(on[id]));
}

// The source's own record (contract C: doc.sources[seed] = {title, url, licence,
// publisher}), or null when the document has none for this seed.
export function sourceRecord(sources, seed) {
  const record = sources && typeof sources === "object" && Object.hasOwn(sources, seed) ? sources[seed] : null;
  return record && typeof record === "object" && record.title ? record : null;
}

// The credit line under a quote, built from the source's record: its title, publisher
// and licence; with no record, the seed file's name (never a publisher guessed).
export function citation(seed, sources) {
  const record = sourceRecord(sources, seed);
  if (!record) {
    return `Source: seeds/${seed}`;
  }
  const by = [record.publisher, record.licence].filter((part) => typeof part === "string" && part).join(", ");
  return `Source: “${record.title}”${by ? ` (${by})` : ""}`;
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

// Under the caption when some factions are switched off: its counts are of every faction.
export const CAPTION_SCOPE = "The caption counts the events of all factions; the map and the list show only those switched on.";

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
