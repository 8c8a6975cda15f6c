// The story's step on the wall: its navigation, title, narrative and the quotes it rests
// on with their sources (the app's story in presentation and the export's story mode).
// A step with a content note shows the note and a "Show this step" button first; its
// text comes once the teacher presses it. All plain text from Python (kr_map/story.py,
// kr_map/page.py).

import { formatNumber, t } from "../core/i18n.js";
import { MESSAGES } from "../core/messages.js";
import { citation } from "../core/rules.js";
import { button, el, englishEl, quoteEl } from "./dom.js";
import { addTranslation, hideClipped } from "./translated.js";

// A step of doc.story (story.py: story_document) as the card shows it.
export function storyCard(step, count, cleared) {
  return {
    number: step.step,
    count,
    title: step.title,
    narrative: step.narrative,
    sources: step.sources,
    contentNote: step.contentNote || "",
    cleared: Boolean(cleared),
    translated: step.translated,
  };
}

// The card: {number, count, title, narrative, sources, contentNote?, cleared?};
// actions.story(by) steps; `onClear` shows a noted step's text.
export function storyNode(story, sources, actions, onClear) {
  const box = el("article", "krp-story-card");
  box.dataset.step = String(story.number);
  const nav = el("div", "krp-story-nav");
  const previous = button(t(MESSAGES.previousStep), t(MESSAGES.previousStepHint), () => actions.story(-1), "krp-button");
  const next = button(t(MESSAGES.nextStep), t(MESSAGES.nextStepHint), () => actions.story(1), "krp-button");
  previous.disabled = story.number <= 1;
  next.disabled = story.number >= story.count;
  nav.appendChild(previous);
  nav.appendChild(el("span", "krp-story-count", t(MESSAGES.stepOf, { number: formatNumber(story.number), count: formatNumber(story.count) })));
  nav.appendChild(next);
  box.appendChild(nav);
  const heading = el("h2", "krp-story-title", `${formatNumber(story.number)}. ${story.title}`);
  heading.title = story.title; // whole where a short wall gives the title two lines (player.css)
  box.appendChild(heading);
  addTranslation(box, story, "title");
  if (story.contentNote && !story.cleared && typeof onClear === "function") {
    const note = el("p", "krp-content-note", story.contentNote);
    note.setAttribute("role", "note");
    box.appendChild(note);
    addTranslation(box, story, "content_note");
    box.appendChild(button(t(MESSAGES.showStep), t(MESSAGES.showStepHint), onClear, "krp-button krp-content-clear"));
    return box;
  }
  const narrative = englishEl("p", "krp-story-narrative", story.narrative);
  box.appendChild(narrative);
  addTranslation(box, story, "narrative", { brief: true });
  if (box.lastChild !== narrative) {
    originalOneClickAway(box, narrative);
  }
  (Array.isArray(story.sources) ? story.sources : []).forEach((source) => {
    const quote = el("figure", "krp-story-source");
    quote.appendChild(quoteEl("blockquote", "krp-quote", `“${source.quote}”`));
    addTranslation(quote, source, "quote");
    quote.title = `${source.title} (${source.when})`;
    quote.appendChild(el("figcaption", "krp-source", citation(source.seed, sources)));
    box.appendChild(quote);
  });
  return box;
}

// A narrative with its translation: on the wall the translation has the lines and the English
// original keeps its first line above it (views/translated.js, player.css). A click on the
// original or on the translation (or Enter) gives the original its lines and the translation
// one; a second, back.
function originalOneClickAway(box, narrative) {
  const translation = narrative.nextElementSibling;
  narrative.tabIndex = 0;
  narrative.setAttribute("role", "button");
  narrative.setAttribute("aria-expanded", "false");
  translation.tabIndex = 0;
  const toggle = () => {
    const open = box.classList.toggle("krp-original-open");
    narrative.setAttribute("aria-expanded", String(open));
    fitStory(box.closest(".krp-headline") || box); // the room changed: fit again
  };
  [narrative, translation].forEach((node) => {
    node.addEventListener("click", toggle);
    node.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        toggle();
      }
    });
  });
}

// The step's card fitted to the wall, once laid out: translations give way as
// views/translated.js says; when the narrative's would give way whole and its label names no
// original above it ("Translation under review"), the English line gives way first (a click on
// the translation shows it); then the sources after the first show whole or not at all (one
// the card's end cuts off is hidden with those after it; each is in the map's popups too):
// never a sliver of a cut quote.
export function fitStory(root) {
  const card = root.querySelector(".krp-story-card");
  if (card) {
    card.classList.remove("krp-original-folded");
  }
  hideClipped(root);
  const narrative = root.querySelector('.krp-story-card > .krp-translated[data-column="narrative"]');
  if (card && narrative && narrative.hidden && narrative.dataset.brief === "true" &&
      !card.classList.contains("krp-original-open")) {
    card.classList.add("krp-original-folded");
    hideClipped(root);
    if (narrative.hidden) { // no help: the English line comes back
      card.classList.remove("krp-original-folded");
      hideClipped(root);
    }
  }
  fitLaterSources(root);
}

function fitLaterSources(root) {
  const later = [...root.querySelectorAll(".krp-story-source")].slice(1);
  later.forEach((node) => {
    node.hidden = false;
  });
  const bottom = root.getBoundingClientRect().bottom + 1;
  const cut = later.findIndex((node) => node.getBoundingClientRect().bottom > bottom);
  if (cut >= 0) {
    later.slice(cut).forEach((node) => {
      node.hidden = true;
    });
  }
}
