// The quiz on paper: a worksheet (every question, boxes to tick, lines to write on) and,
// on a page of its own (assets/print.css), its answer key with each answer's verbatim
// quotes and sources. Plain text through textContent (views/dom.js).

import { formatNumber, t } from "../core/i18n.js";
import { MESSAGES } from "../core/messages.js";
import { el, quoteEl } from "./dom.js";
import { sourceOf } from "./cite.js";
import { addTranslation } from "./translated.js";

function credit(doc, seed) {
  const source = sourceOf(doc, seed);
  const named = [source.title, source.publisher, source.licence].filter(Boolean).join(", ");
  return source.url ? t(MESSAGES.sourceWithUrl, { title: named, url: source.url }) : t(MESSAGES.source, { title: named });
}

// The quotes an answer rests on, as a list (plain text), each title and quote with its
// translation under it when the document carries one (the quote itself stays verbatim).
export function sourcesList(doc, sources, className) {
  const list = el("ul", className || "krp-quiz-sources");
  (sources || []).forEach((source) => {
    const item = el("li");
    item.appendChild(el("p", "krp-quiz-source-title", `${source.when} · ${source.title}`));
    addTranslation(item, source, "title");
    item.appendChild(quoteEl("blockquote", "krp-quiz-quote", `“${source.quote}”`));
    addTranslation(item, source, "quote");
    item.appendChild(el("p", "krp-quiz-credit", credit(doc, source.seed)));
    list.appendChild(item);
  });
  return list;
}

// A question on paper, its prompt's and its events' translations under them as on screen.
function questionNode(question, at) {
  const part = el("section", "krp-worksheet-question");
  part.appendChild(el("p", "krp-worksheet-prompt", `${formatNumber(at + 1)}. ${question.prompt}`));
  addTranslation(part, question, "prompt");
  if (question.kind === "holder") {
    question.choices.forEach((choice) => part.appendChild(el("p", "", `☐ ${choice.name}`)));
  } else if (question.kind === "order") {
    question.events.forEach((event) => {
      const item = el("div", "krp-worksheet-item");
      item.appendChild(el("p", "", `___ ${event.title}`));
      part.appendChild(addTranslation(item, event, "title"));
    });
  } else {
    part.appendChild(el("p", "", t(MESSAGES.thePlace)));
    part.appendChild(el("div", "krp-worksheet-lines"));
  }
  return part;
}

// The worksheet's nodes: the title, a line for the name, the questions, then the key.
export function worksheetNodes(doc, questions) {
  const nodes = [el("h2", "", t(MESSAGES.worksheetTitle, { title: doc.title || "" })), el("p", "", t(MESSAGES.pupilName))];
  questions.forEach((question, at) => nodes.push(questionNode(question, at)));
  const key = el("section", "krp-worksheet-key");
  key.appendChild(el("h2", "", t(MESSAGES.answerKey)));
  questions.forEach((question, at) => {
    const part = el("section", "krp-worksheet-question");
    part.appendChild(el("p", "krp-worksheet-prompt", `${formatNumber(at + 1)}. ${question.answerText}`));
    part.appendChild(sourcesList(doc, question.sources, "krp-worksheet-sources"));
    key.appendChild(part);
  });
  nodes.push(key);
  return nodes;
}
