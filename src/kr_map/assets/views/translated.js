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

// On the wall the verbatim quotes and their sources come first. First the headline's quote
// is given its whole (up to its clamp): the title's translation is hidden, then the quote's
// translation gives up its last lines, down to FEWEST_LINES (the card a click opens shows it
// all), so a room reads the evidence whole and its translation's start. When even that leaves
// the quote cut, the wall keeps its promise in full: translations beside the quote keep their
// size, and while the first quote (two lines of it) or its source reaches past the card's end,
// one translation is hidden whole: the title's first, then the sources' from the last. The
// story narrative's translation is what a room reading the page's language follows: it gives
// up its last lines one by one, down to FEWEST_LINES, and gives way whole only after that. One
// cut off at the end is hidden too: never a sliver of cut lines. Run whenever the wall is laid
// out again.
const GIVE_WAY = ["title", "quote", "summary", "narrative"];
const WHOLE_QUOTE = { hides: (column) => column === "title", shortens: "quote", quoteLines: Infinity };
const QUOTE_SHOWN = { hides: () => true, shortens: "narrative", quoteLines: 2 };
const FEWEST_LINES = 2;
const LINES = "--krp-lines"; // the clamp of a translation's text (player.css)

const past = (node, bottom) => node.getBoundingClientRect().bottom > bottom;

// A quote a headline card squeezed (it gives way in a flex column) below `lines` of its lines
// (or below its own clamp, when that is fewer).
function squeezed(quote, lines) {
  const style = typeof getComputedStyle === "function" ? getComputedStyle(quote) : null;
  const line = style ? parseFloat(style.lineHeight) : NaN;
  if (!line || quote.clientHeight === undefined) {
    return false;
  }
  const clamp = parseInt(style.webkitLineClamp, 10) || Infinity;
  return quote.clientHeight + 1 < Math.min(quote.scrollHeight, Math.min(lines, clamp) * line);
}

// The wall's promise: its first verbatim quote (`lines` of it at least) and that quote's
// source are on screen.
function tooFull(root, bottom, lines) {
  const quote = root.querySelector(".krp-quote");
  const source = root.querySelector(".krp-source");
  return [quote, source].some((node) => node && past(node, bottom)) || Boolean(quote && squeezed(quote, lines));
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

// Every translation shown whole: measured again from the start (the room may have grown).
function reset(nodes) {
  nodes.forEach((node) => {
    node.hidden = false;
    const text = node.querySelector(".krp-translated-text");
    if (text) {
      text.style.removeProperty(LINES);
    }
  });
}

// One way of giving room (WHOLE_QUOTE, QUOTE_SHOWN); true when the card then holds it.
function giveWay(root, nodes, way, linesOf) {
  reset(nodes);
  const rank = (node) => GIVE_WAY.indexOf(node.dataset.column);
  const order = nodes.map((node, at) => ({ node, at }))
    .filter(({ node }) => way.hides(node.dataset.column) || way.shortens === node.dataset.column)
    .sort((a, b) => rank(a.node) - rank(b.node) || b.at - a.at);
  const bottom = root.getBoundingClientRect().bottom + 1;
  const fits = () => !tooFull(root, bottom, way.quoteLines);
  for (const { node } of order) {
    if (fits()) {
      return true;
    }
    const column = node.dataset.column;
    if (way.shortens === column && shorten(node, fits, linesOf)) {
      return true;
    }
    node.hidden = way.hides(column);
  }
  return fits();
}

// `linesOf(text)`: the lines a text takes now (measured in the page; given by the unit tests).
export function hideClipped(root, { linesOf = linesShown } = {}) {
  root.scrollTop = 0; // the card shows from its top (a focused button may have scrolled it)
  const nodes = [...root.querySelectorAll(".krp-translated")];
  const headline = root.querySelector(".krp-headline-card > .krp-quote");
  if (!headline || !giveWay(root, nodes, WHOLE_QUOTE, linesOf)) {
    giveWay(root, nodes, QUOTE_SHOWN, linesOf);
  }
  const bottom = root.getBoundingClientRect().bottom + 1;
  nodes.filter((node) => !node.hidden && past(node, bottom)).forEach((node) => {
    node.hidden = true; // no sliver of cut lines
  });
}
