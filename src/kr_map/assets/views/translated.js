// Translations beside their originals (contract E): a card, a story step or a quiz
// question may carry `translated = {column: {text, status, lang}}`. Each translated column
// is shown UNDER its original, in its own `lang`, labelled as a translation (reviewed or
// not); the original, verbatim, stays where it was. Plain text through textContent.

import { languageName, t } from "../core/i18n.js";
import { MESSAGES } from "../core/messages.js";
import { el } from "./dom.js";

const TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

// The translation of one column of `record`, or null: {text, lang, reviewed}.
export function translationOf(record, column) {
  const all = record && typeof record.translated === "object" && record.translated ? record.translated : null;
  const entry = all && Object.hasOwn(all, column) ? all[column] : null;
  if (!entry || typeof entry !== "object" || typeof entry.text !== "string" || !entry.text) {
    return null;
  }
  const lang = typeof entry.lang === "string" && TAG.test(entry.lang) ? entry.lang : "";
  return { text: entry.text, lang, reviewed: entry.status === "reviewed" };
}

// The label of a translation: which language, reviewed or not, of the original above. A
// `brief` label (the story's narrative on the wall, where a line is worth a line of the
// translation) says only "Translation under review" while unreviewed: the original is the
// line above it and the language the page's.
function labelOf(translation, brief) {
  if (brief && !translation.reviewed) {
    return t(MESSAGES.underReview);
  }
  const language = languageName(translation.lang || "und");
  return t(translation.reviewed ? MESSAGES.reviewedTranslationOf : MESSAGES.translationOf, { language });
}

// The node showing a translation under its original: a label, then the text in its lang.
export function translationNode(translation, { brief = false } = {}) {
  const box = el("div", "krp-translated");
  box.appendChild(el("p", "krp-translated-label", labelOf(translation, brief)));
  if (brief && !translation.reviewed) {
    box.dataset.brief = "true"; // its label names no original above it (views/story.js)
  }
  const text = el("p", "krp-translated-text", translation.text);
  if (translation.lang) {
    text.setAttribute("lang", translation.lang);
  }
  box.appendChild(text);
  return box;
}

// Appends under `parent` the translation of `column` of `record`, when there is one
// (`options`: as translationNode's).
export function addTranslation(parent, record, column, options) {
  const translation = translationOf(record, column);
  if (translation) {
    const node = translationNode(translation, options);
    node.dataset.column = column;
    parent.appendChild(node);
  }
  return parent;
}

// On the wall the verbatim quotes and their sources come first. Translations beside them
// keep their size; while the first quote or its source reaches past the card's end, one
// translation is hidden whole (the card a click opens shows it): the title's first, then the
// sources' from the last. The story narrative's translation is what a room reading the page's
// language follows: it gives up its last lines one by one, down to FEWEST_LINES, and gives
// way whole only after that. One cut off at the end is hidden too: never a sliver of cut
// lines. Run whenever the wall is laid out again.
const GIVE_WAY = ["title", "quote", "summary", "narrative"];
const SHORTENS = "narrative";
const FEWEST_LINES = 2;
const LINES = "--krp-lines"; // the clamp of a translation's text (player.css)

const past = (node, bottom) => node.getBoundingClientRect().bottom > bottom;

// A quote a headline card squeezed (it gives way in a flex column) below two of its lines.
function squeezed(quote) {
  const style = typeof getComputedStyle === "function" ? getComputedStyle(quote) : null;
  const line = style ? parseFloat(style.lineHeight) : NaN;
  if (!line || quote.clientHeight === undefined) {
    return false;
  }
  return quote.clientHeight + 1 < Math.min(quote.scrollHeight, 2 * line);
}

// The wall's promise: its first verbatim quote (two lines of it at least) and that quote's
// source are on screen.
function tooFull(root, bottom) {
  const quote = root.querySelector(".krp-quote");
  const source = root.querySelector(".krp-source");
  return [quote, source].some((node) => node && past(node, bottom)) || Boolean(quote && squeezed(quote));
}

// How many lines a text takes on screen now.
function linesShown(text) {
  const style = getComputedStyle(text);
  const line = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.2;
  return Math.round(text.getBoundingClientRect().height / line);
}

// Shortens a translation's text a line at a time until the card holds its quote and source;
// true when it does with FEWEST_LINES or more.
function shorten(node, fits, linesOf) {
  const text = node.querySelector(".krp-translated-text");
  if (!text) {
    return false;
  }
  for (let lines = linesOf(text) - 1; lines >= FEWEST_LINES; lines -= 1) {
    text.style.setProperty(LINES, String(lines));
    if (fits()) {
      return true;
    }
  }
  return false;
}

// `linesOf(text)`: the lines a text takes now (measured in the page; given by the unit tests).
export function hideClipped(root, { linesOf = linesShown } = {}) {
  root.scrollTop = 0; // the card shows from its top (a focused button may have scrolled it)
  const nodes = [...root.querySelectorAll(".krp-translated")];
  nodes.forEach((node) => {
    node.hidden = false; // measured again from the start: the room may have grown
    const text = node.querySelector(".krp-translated-text");
    if (text) {
      text.style.removeProperty(LINES);
    }
  });
  const rank = (node) => GIVE_WAY.indexOf(node.dataset.column);
  const order = nodes.map((node, at) => ({ node, at }))
    .sort((a, b) => rank(a.node) - rank(b.node) || b.at - a.at);
  const bottom = root.getBoundingClientRect().bottom + 1;
  const fits = () => !tooFull(root, bottom);
  for (const { node } of order) {
    if (fits()) {
      break;
    }
    if (node.dataset.column === SHORTENS && shorten(node, fits, linesOf)) {
      break;
    }
    node.hidden = true;
  }
  nodes.filter((node) => !node.hidden && past(node, bottom)).forEach((node) => {
    node.hidden = true; // no sliver of cut lines
  });
}
