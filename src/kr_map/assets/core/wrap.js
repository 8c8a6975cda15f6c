// Where Khmer text may break (no DOM). Khmer writes no spaces between words, so a caption
// or a label would break anywhere, even inside a cluster (a consonant with its subscripts
// and vowels). Intl.Segmenter finds the words; a zero-width space (U+200B) between them
// lets the browser wrap there and nowhere else.

const ZWSP = "\u200b";
const KHMER = /[\u1780-\u17FF\u19E0-\u19FF]/u;

// True when the text holds a Khmer letter (a text that may need break opportunities).
export function hasKhmer(text) {
  return KHMER.test(String(text));
}

// The words of a text as the language's segmenter sees them (spaces and punctuation kept).
export function words(text, lang = "km") {
  const segmenter = new Intl.Segmenter(lang, { granularity: "word" });
  return Array.from(segmenter.segment(text), (part) => part.segment);
}

// The text with a break opportunity between two Khmer words; nothing else changes.
export function breakable(text, lang = "km") {
  const parts = words(text, lang);
  let out = "";
  parts.forEach((part, index) => {
    const before = index > 0 ? parts[index - 1] : "";
    if (before && KHMER.test(before.slice(-1)) && KHMER.test(part.charAt(0))) {
      out += ZWSP;
    }
    out += part;
  });
  return out;
}

// Grapheme clusters (what a reader sees as one letter); a break must fall between them.
export function clusters(text, lang = "km") {
  const segmenter = new Intl.Segmenter(lang, { granularity: "grapheme" });
  return Array.from(segmenter.segment(text), (part) => part.segment);
}
