// Rules the map, the panel and the charts share, each written once (no DOM).

import { t } from "./i18n.js";
import { MESSAGES } from "./messages.js";

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
    return t(MESSAGES.sourceFile, { seed });
  }
  const by = [record.publisher, record.licence].filter((part) => typeof part === "string" && part).join(", ");
  const title = `“${record.title}”`;
  return by ? t(MESSAGES.sourceBy, { title, by }) : t(MESSAGES.source, { title });
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
  return texts.length ? t(MESSAGES.credits, { texts: texts.join(", ") }) : t(MESSAGES.creditsBorders);
}

// A quote with its seed file, inline: “…” (seeds/x.txt).
export function quoted(quote, seed) {
  return `“${quote}” (seeds/${seed})`;
}

// How the source knows a claim, in the reader's words.
export function basisWords(basis) {
  return basis === "inferred" ? t(MESSAGES.inferredFromSource) : t(MESSAGES.statedInSource);
}

export function basisClass(basis) {
  return basis === "inferred" ? "inferred" : "stated";
}

// Under the caption when some factions are switched off: its counts are of every faction.

// The government of the day is shaded over its whole country: approximate by design.

export function governmentTip(cardTitle) {
  return t(MESSAGES.governmentTip, { title: cardTitle });
}

export function governmentLegend(ruler) {
  return ruler ? t(MESSAGES.shadedRule, { faction: ruler.short }) : t(MESSAGES.shadedGovernment);
}

export function plural(n, one, many) {
  return `${n} ${n === 1 ? one : many}`;
}
