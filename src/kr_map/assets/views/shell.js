// The page around the map: the date and caption above it, the chart slot under it, the
// time bar and the events panel. The host puts the shell in the page (hosts/*.js).
//
// In presentation mode (options.present, with the panel) the map is the stage: a side
// column holds the date, the caption, the frame's headline with its verbatim quote and
// source (or the story's step), the legend on one line, the events and the buttons; the
// time bar runs under both, every year on it.

import { t } from "../core/i18n.js";
import { MESSAGES } from "../core/messages.js";
import { factionShown } from "../core/rules.js";
import { button, el, nextFrameOnce, wrapped } from "./dom.js";
import { freeQuoteLines, headlineNode, wholeQuoteLines } from "./cards.js";
import { keepTallest } from "./steady.js";
import { hideClipped } from "./translated.js";
import { fitStory, storyNode } from "./story.js";

const KEPT_LINES = 3; // the caption lines kept above the map when a shorter caption follows

export class Shell {
  constructor(ctx) {
    const { doc, options } = ctx;
    this.ctx = ctx;
    // The page's main landmark; compare's second map on the same page is a region of its own.
    this.node = el(options.second ? "section" : "main", `krp-shell krp-mode-${options.mode || "explore"}`);
    if (options.present) {
      this.node.classList.add("krp-present");
    }
    if (options.panel === false) {
      this.node.classList.add("krp-no-panel");
    }
    if (options.leaveRoom) { // the app's "Leave presentation" sits at the time bar's right end
      this.node.classList.add("krp-leave-room");
    }
    this.node.setAttribute("aria-label", t(options.second ? MESSAGES.secondShellLabel : MESSAGES.shellLabel, { title: doc.title }));
    this.fitSoon = nextFrameOnce(() => this.fitCard()); // the last card of a quick run of frames
    const head = el("header", "krp-head");
    head.appendChild(el("h1", "krp-title", doc.title));
    this.date = el("p", "krp-date");
    this.date.setAttribute("aria-live", "polite");
    this.caption = el("p", "krp-caption");
    this.scope = el("p", "krp-caption-scope", t(MESSAGES.captionScope));
    this.scope.hidden = true;
    this.notes = el("div", "krp-notes");
    this.notes.setAttribute("role", "status");
    head.appendChild(this.date);
    head.appendChild(this.caption);
    head.appendChild(this.scope);
    this.head = head;
    this.headline = el("section", "krp-headline");
    this.headline.setAttribute("aria-label", t(MESSAGES.headlineLabel));
    this.headline.hidden = true;
    this.mapBox = el("div", "krp-map");
    this.chartSlot = el("section", "krp-chart-slot");
    this.chartSlot.hidden = true;
    this.node.appendChild(this.notes);
    this.node.appendChild(head);
    this.node.appendChild(this.mapBox);
    this.node.appendChild(this.chartSlot);
  }

  get staged() {
    const { options } = this.ctx;
    return Boolean(options.present) && options.panel !== false;
  }

  // Take the map's container into the shell, after `attach` put the shell beside it.
  holdMap(container) {
    this.mapBox.appendChild(container);
    container.style.height = "";
    container.style.width = "";
    container.setAttribute("aria-label", t(MESSAGES.mapLabel));
  }

  // Put the time bar, the panel and the legend in their places. On the wall the head,
  // the headline (or the story's step), the legend, the events and the buttons make one
  // side column; the time bar keeps only its track, under the map.
  arrange({ timebar, panel, legend, actions }) {
    this.node.appendChild(timebar.node);
    if (!this.staged) {
      this.node.appendChild(panel.node);
      return;
    }
    this.node.classList.add("krp-staged");
    const side = el("div", "krp-side");
    const controls = el("div", "krp-controls");
    controls.appendChild(timebar.buttonsBox);
    controls.appendChild(timebar.extrasBox);
    side.appendChild(this.head);
    side.appendChild(this.headline);
    this.actions = actions;
    this.showStory(this.ctx.options.story);
    legend.node.classList.add("krp-legend-side", "krp-legend-row");
    this.legendRow = legend.node;
    this.panelBox = panel.node;
    this.panel = panel;
    panel.putOnWall();
    side.appendChild(legend.node);
    side.appendChild(panel.node);
    side.appendChild(controls);
    this.node.appendChild(side);
    // The app's frame takes its height after the player starts: the card is fitted again; and
    // whenever fonts come in (the Khmer font loads when its first Khmer text is laid out).
    window.addEventListener("resize", () => this.fitTranslations());
    if (document.fonts && document.fonts.addEventListener) {
      document.fonts.addEventListener("loadingdone", () => this.fitTranslations());
    }
  }

  // The story's step in the side column (views/story.js), in place of the headline.
  showStory(story, onClear) {
    if (!story || typeof story !== "object") {
      return;
    }
    this.headline.textContent = "";
    this.headline.hidden = false;
    this.headline.appendChild(storyNode(story, this.ctx.doc.sources, this.actions, onClear));
    this.fitTranslations();
    this.headline.setAttribute("aria-label", t(MESSAGES.storyLabel));
    this.storyShown = true;
  }

  subscribe() {
    const { clock, filters } = this.ctx;
    clock.on("frame", ({ frame }) => {
      this.date.textContent = wrapped(frame.label);
      this.caption.textContent = wrapped(frame.caption);
      this.caption.title = frame.caption;
      this.showHeadline(frame);
    });
    filters.on("change", () => {
      this.showScope();
      if (clock.frame) {
        this.showHeadline(clock.frame);
      }
    });
    this.showScope();
    this.keepCaptionHeight();
  }

  // Above the map (not on the wall, where the head has its column), the caption keeps the
  // height of the tallest caption shown, up to KEPT_LINES lines (views/steady.js): a step
  // through time neither resizes nor reframes the map (and each marker is not measured and
  // parted again for it); only a longer caption takes more room, for its own frame.
  keepCaptionHeight() {
    if (!this.staged) {
      keepTallest(this.caption, {
        most: () => KEPT_LINES * parseFloat(getComputedStyle(this.caption).lineHeight),
        takesRoom: () => getComputedStyle(this.head).position !== "absolute", // not over the map
        widthOf: () => this.head.offsetWidth, // the page's, not the caption's beside each date
      });
    }
  }

  // The caption counts every faction's events: said so when some are switched off.
  showScope() {
    const { doc, filters } = this.ctx;
    this.scope.hidden = filters.factions().length === doc.factions.length;
  }

  // The event a frame is about (contract C: frame.headline; before that, its first event
  // dated in it), among those the faction filter shows.
  headlineOf(frame) {
    const { doc, filters } = this.ctx;
    const shown = (id) => typeof id === "string" && Object.hasOwn(doc.events, id) &&
      factionShown(doc.events[id].factions, filters.factionsOn);
    if (shown(frame.headline)) {
      return frame.headline;
    }
    return (frame.events || []).find(shown) || null;
  }

  showHeadline(frame) {
    if (!this.staged || this.storyShown) {
      return;
    }
    const id = this.headlineOf(frame);
    this.headline.textContent = "";
    this.headline.hidden = id === null;
    this.mark("headline", id || "");
    if (id !== null) {
      this.headline.appendChild(headlineNode(this.ctx.doc.events[id], this.ctx.doc.sources));
    }
    this.fitTranslations();
  }

  // The card on the wall fitted once laid out (and the fonts in): translations that do not fit
  // give way (views/translated.js), a story's later sources show whole or not at all; then the
  // legend's row keeps a whole line or gives its room to the card, fitted again. A headline's
  // quote the card squeezes keeps whole lines, and the events panel fits the room left.
  fitTranslations() {
    if (!this.measured()) {
      this.legendRoom(true); // an English page measures only its quote and its events
    }
    this.fitSoon();
    if (document.fonts && document.fonts.status !== "loaded") {
      document.fonts.ready.then(this.fitSoon); // fitted again once the fonts are in, not on every switch
    }
  }

  measured() {
    return Boolean(this.headline.querySelector(".krp-story-card, .krp-translated"));
  }

  fitCard() {
    const card = this.headline;
    const story = Boolean(card.querySelector(".krp-story-card"));
    freeQuoteLines(card); // the translations give way to the quote at its own clamp, not the last fit's
    if (this.measured()) {
      const squeeze = () => (story ? fitStory(card) : hideClipped(card));
      this.legendRoom(true);
      squeeze();
      if (!this.legendRoom(false)) {
        squeeze();
      }
    }
    wholeQuoteLines(card);
    this.legendRoom(false); // what the squeeze left the rows (a tall Khmer caption: no line)
    if (this.panel) {
      this.panel.fit(); // in the room the card left it
    }
    if (story) {
      this.mark("fitted", this.fittedKey(card)); // the tests wait on it
    }
  }

  // True when `box` (the legend's row, the events panel) has room on the wall for its first
  // line whole, or is an open legend (its list scrolls).
  hasRoom(box) {
    if (box.open) {
      return true;
    }
    const first = box.querySelector("summary") || box;
    const style = getComputedStyle(box);
    const room = box.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
    return room >= parseFloat(getComputedStyle(first).lineHeight) - 1;
  }

  // The rows under the card on the wall, the events panel then the legend, each keep a whole
  // line or give way whole (hidden, their room to the card and to each other): never the top
  // half of a line. `room`: first show them all again. Returns true when all are shown.
  legendRoom(room) {
    const boxes = [this.panelBox, this.legendRow].filter(Boolean);
    if (room) {
      boxes.forEach((box) => box.classList.remove("krp-no-room"));
      return true;
    }
    let all = true;
    boxes.forEach((box) => {
      const fits = this.hasRoom(box);
      box.classList.toggle("krp-no-room", !fits);
      all = all && fits;
    });
    return all;
  }

  // Which story card was fitted last: its step, and ":note" while its content note veils it.
  fittedKey(card) {
    const step = card.querySelector(".krp-story-card");
    const veiled = Boolean(card.querySelector(".krp-content-note"));
    return step ? `${step.dataset.step}${veiled ? ":note" : ""}` : "";
  }

  // A note the reader must see (an address that was not understood); a click closes it.
  note(text) {
    const line = el("p", "krp-note");
    line.appendChild(el("span", "", text));
    line.appendChild(button(t(MESSAGES.close), t(MESSAGES.closeNote), () => line.remove(), "krp-button krp-note-close"));
    this.notes.appendChild(line);
  }

  clearNotes() {
    this.notes.textContent = "";
  }

  // Data attributes the tests and the benchmarks wait on.
  mark(name, value) {
    this.node.dataset[name] = value;
  }
}

// A box on the map (Leaflet control) holding `node`; clicks and wheels stay in it.
export function mapControl(map, position, node) {
  const Box = L.Control.extend({
    onAdd() {
      L.DomEvent.disableClickPropagation(node);
      L.DomEvent.disableScrollPropagation(node);
      return node;
    },
  });
  new Box({ position }).addTo(map);
}

// The frame failed to load: say so above the map.
export function failNode(message) {
  const box = el("p", "krp-error", message);
  box.setAttribute("role", "alert");
  return box;
}
