// Cards: the facts behind a feature or an event, with the quote and the seed they come
// from. All text arrives as plain strings from Python and goes in with textContent.

import { formatNumber, t } from "../core/i18n.js";
import { MESSAGES } from "../core/messages.js";
import { basisClass, basisWords, citation } from "../core/rules.js";
import { colourOr, el, englishEl, quoteEl } from "./dom.js";
import { addTranslation } from "./translated.js";

// A card's "basis" is a word ("stated" / "inferred"), or a list of [statement, basis word,
// why] triples (contract B), shown as a small list under the facts.
function basisList(rows) {
  const list = el("ul", "krp-basis-list");
  rows.forEach((row) => {
    if (!Array.isArray(row)) {
      return;
    }
    const item = el("li", `krp-basis-item krp-basis-item-${basisClass(String(row[1]))}`);
    item.appendChild(el("span", "krp-basis-statement", row[0]));
    item.appendChild(el("span", "krp-basis-word", ` (${row[1] === undefined ? "" : row[1]})`));
    if (row[2]) {
      item.appendChild(el("span", "krp-basis-why", `: ${row[2]}`));
    }
    list.appendChild(item);
  });
  return list;
}

// A card opens on its evidence: the title, the verbatim quote and its source, then
// how the source knows it and the facts (a popup on the wall shows the quote first).
export function cardNode(card, heading, sources) {
  const node = el("article", "krp-card");
  node.appendChild(englishEl(heading, "krp-card-title", card.title));
  addTranslation(node, card, "title");
  node.appendChild(quoteEl("blockquote", "krp-quote", `“${card.quote}”`));
  addTranslation(node, card, "quote");
  node.appendChild(el("p", "krp-source", citation(card.seed, sources)));
  const listed = Array.isArray(card.basis);
  if (card.basis && !listed) {
    node.appendChild(el("p", `krp-basis krp-basis-${basisClass(card.basis)}`, basisWords(card.basis)));
  }
  if (card.facts && card.facts.length) {
    const facts = el("dl", "krp-facts");
    card.facts.forEach((pair) => {
      facts.appendChild(el("dt", "", pair[0]));
      facts.appendChild(el("dd", "", pair[1]));
    });
    node.appendChild(facts);
  }
  if (listed && card.basis.length) {
    node.appendChild(basisList(card.basis));
  }
  if (card.summary) {
    node.appendChild(englishEl("p", "krp-summary", card.summary));
    addTranslation(node, card, "summary");
  }
  return node;
}

// The popup of a feature: its cards, then "… and N more".
export function popupNode(doc, feature) {
  const box = el("div", "krp-popup");
  (feature.cards || []).forEach((index, n) => {
    if (n > 0) {
      box.appendChild(el("hr", "krp-sep"));
    }
    box.appendChild(cardNode(doc.cards[index], "h3", doc.sources));
  });
  if (feature.more) {
    box.appendChild(el("p", "krp-more", t(MESSAGES.andMore, { count: formatNumber(feature.more) })));
  }
  return box;
}

// An event in the events panel; `showButton`: a "Show on map" button, or null.
export function eventCardNode(id, event, { ongoing, firstFaction, outline, showButton, sources }) {
  const card = el("article", `krp-event${ongoing ? " krp-ongoing" : ""}`);
  card.dataset.event = id;
  if (firstFaction) {
    card.style.borderLeftColor = colourOr(firstFaction.colour, outline);
  }
  card.appendChild(el("p", "krp-when", event.when));
  card.appendChild(englishEl("h4", "krp-event-title", event.title));
  addTranslation(card, event, "title");
  const facts = [event.kind, event.place || t(MESSAGES.noPlace), event.who, event.people];
  card.appendChild(el("p", "krp-facts-line", facts.filter(Boolean).join(" · ")));
  if (event.summary) {
    card.appendChild(englishEl("p", "krp-summary", event.summary));
    addTranslation(card, event, "summary");
  }
  card.appendChild(quoteEl("blockquote", "krp-quote", `“${event.quote}”`));
  addTranslation(card, event, "quote");
  card.appendChild(el("p", "krp-source", citation(event.seed, sources)));
  if (showButton) {
    card.appendChild(showButton);
  }
  return card;
}

// The frame's headline on the wall (contract C): the event, its verbatim quote and the
// source's title, large and without a click.
export function headlineNode(event, sources) {
  const box = el("figure", "krp-headline-card");
  box.appendChild(el("p", "krp-headline-title", `${event.title} (${event.when})`));
  box.appendChild(quoteEl("blockquote", "krp-quote krp-headline-quote", `“${event.quote}”`));
  addTranslation(box, event, "quote");
  box.appendChild(el("figcaption", "krp-source", citation(event.seed, sources)));
  return box;
}

// A headline's quote squeezed by the card (it gives way in a flex column) shows the whole
// lines it has room for, the last ending in an ellipsis: never the top half of a line. Its
// box is measured again after each clamp (the rows around it give way too).
export function wholeQuoteLines(card) {
  freeQuoteLines(card);
  card.querySelectorAll(".krp-headline-card > .krp-quote").forEach((quote) => {
    const style = getComputedStyle(quote);
    const line = parseFloat(style.lineHeight);
    if (!line) {
      return;
    }
    const room = () => (quote.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom)) / line;
    if (quote.scrollHeight <= quote.clientHeight + 1 && Math.abs(room() - Math.round(room())) < 0.05) {
      return; // whole as it is
    }
    for (let lines = Math.max(1, Math.floor(room())); lines >= 1; lines -= 1) {
      quote.style.setProperty(QUOTE_LINES, String(lines));
      if (room() >= lines - 0.05) {
        return;
      }
    }
  });
}

// A headline's quote with its own clamp (player.css) again, before the card is fitted anew.
export function freeQuoteLines(card) {
  card.querySelectorAll(".krp-headline-card > .krp-quote").forEach((quote) => quote.style.removeProperty(QUOTE_LINES));
}

const QUOTE_LINES = "--krp-quote-lines"; // the clamp of a headline's quote (player.css)
