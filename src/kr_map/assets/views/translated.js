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

// On the wall a translation gives way first (player.css); one squeezed below its own text
// (or one past the card's end) would show a sliver of cut lines, so it is hidden whole (the card a click opens
// instead (the card a click opens shows it). Run once the wall is laid out.
export function hideClipped(root) {
  const bottom = root.getBoundingClientRect().bottom;
  root.querySelectorAll(".krp-translated").forEach((node) => {
    const squeezed = node.clientHeight + 1 < node.scrollHeight;
    if (squeezed || node.getBoundingClientRect().bottom > bottom + 1) {
      node.hidden = true;
    }
  });
}
