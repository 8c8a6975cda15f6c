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

// The node showing a translation under its original: a label, then the text in its lang.
export function translationNode(translation) {
  const box = el("div", "krp-translated");
  const language = languageName(translation.lang || "und");
  const label = translation.reviewed ? MESSAGES.reviewedTranslationOf : MESSAGES.translationOf;
  box.appendChild(el("p", "krp-translated-label", t(label, { language })));
  const text = el("p", "krp-translated-text", translation.text);
  if (translation.lang) {
    text.setAttribute("lang", translation.lang);
  }
  box.appendChild(text);
  return box;
}

// Appends under `parent` the translation of `column` of `record`, when there is one.
export function addTranslation(parent, record, column) {
  const translation = translationOf(record, column);
  if (translation) {
    const node = translationNode(translation);
    node.dataset.column = column;
    parent.appendChild(node);
  }
  return parent;
}

// On the wall the verbatim quotes and their sources come first. Translations beside them
// keep their size; while the first quote or its source reaches past the card's end, one
// translation is hidden whole (the card a click opens shows it): the title's first, then the
// sources' from the last, the narrative's last of all. One cut off at the end is hidden too:
// never a sliver of cut lines. Run whenever the wall is laid out again.
const GIVE_WAY = ["title", "quote", "summary", "narrative"];

const past = (node, bottom) => node.getBoundingClientRect().bottom > bottom;

// The wall's promise: its first verbatim quote and that quote's source are on screen.
function tooFull(root, bottom) {
  const quote = root.querySelector(".krp-quote");
  const source = root.querySelector(".krp-source");
  return [quote, source].some((node) => node && past(node, bottom));
}

export function hideClipped(root) {
  const nodes = [...root.querySelectorAll(".krp-translated")];
  nodes.forEach((node) => {
    node.hidden = false; // measured again from the start: the room may have grown
  });
  const rank = (node) => GIVE_WAY.indexOf(node.dataset.column);
  const order = nodes.map((node, at) => ({ node, at }))
    .sort((a, b) => rank(a.node) - rank(b.node) || b.at - a.at);
  const bottom = root.getBoundingClientRect().bottom + 1;
  for (const { node } of order) {
    if (!tooFull(root, bottom)) {
      break;
    }
    node.hidden = true;
  }
  nodes.filter((node) => !node.hidden && past(node, bottom)).forEach((node) => {
    node.hidden = true; // no sliver of cut lines
  });
}
