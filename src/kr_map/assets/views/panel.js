// The events panel: what happened in the frame first, then what was going on since
// earlier. It follows the clock and the faction filter. On the wall nothing scrolls and no
// line is cut: the panel keeps the headings and cards that fit whole, in order, and says how
// many cards it left out ("… and 3 more"). A section lists its first cards and a button for
// the next (core/disclosure.js): at 100,000 events a frame holds thousands.

import { formatNumber, t } from "../core/i18n.js";
import { MESSAGES } from "../core/messages.js";
import { factionShown } from "../core/rules.js";
import { Disclosure } from "../core/disclosure.js";
import { el, nextFrameOnce, placeChildren, wrapped } from "./dom.js";
import { EventCards } from "./eventcards.js";
import { fitsIn, keepWhole, noLoneHeading } from "./fit.js";
import { moreButton, sayMore } from "./more.js";

export class Panel {
  constructor(ctx) {
    this.ctx = ctx;
    this.cards = new EventCards(ctx, (event) => this.shown(event));
    this.fitNextFrame = nextFrameOnce(() => this.fit());
    this.node = el("aside", "krp-panel");
    this.node.tabIndex = 0;
    this.node.setAttribute("aria-label", t(MESSAGES.eventsLabel));
    this.title = el("h2", "krp-panel-title");
    this.list = el("div", "krp-events");
    // The three headings, kept like the cards: a switch rewrites their counts only.
    this.headings = { fresh: el("h3", "krp-section"), sometime: el("h3", "krp-section krp-section-sometime"),
      ongoing: el("h3", "krp-section krp-section-ongoing") };
    // Each section's "Show 25 more of 1,575" (views/more.js), kept like the headings.
    this.buttons = {};
    Object.keys(this.headings).forEach((name) => {
      this.buttons[name] = moreButton(() => this.showMore(name));
    });
    this.disclosure = new Disclosure();
    this.sections = {}; // name -> { ids, ongoing }: what the frame lists in it, when it lists any
    this.node.appendChild(this.title);
    this.node.appendChild(this.list);
    // Whether the reader scrolled the list: only then does a new frame scroll it back to its
    // top (setting scrollTop lays the page out again).
    this.node.addEventListener("scroll", () => { this.scrolled = this.node.scrollTop > 0; }, { passive: true });
  }

  subscribe() {
    const refresh = () => this.fill(this.ctx.clock.frame);
    this.ctx.clock.on("frame", refresh);
    this.ctx.filters.on("change", refresh);
  }

  // The panel in the wall's side column (views/shell.js arrange): fitted, never scrolled.
  putOnWall() {
    this.onWall = true;
    window.addEventListener("resize", () => this.fitSoon());
    if (document.fonts && document.fonts.status !== "loaded") {
      document.fonts.ready.then(() => this.fitSoon());
    }
  }

  // Fit once the frame's side column is laid out (frames switched faster coalesce).
  fitSoon() {
    if (this.onWall) {
      this.fitNextFrame();
    }
  }

  // On the wall: every heading and card shown again, then the last ones left out, whole,
  // until the rest and the line saying how many cards were left out fit the panel. When not
  // one card fits whole, the cards shrink to a line each (date and title: the headline above
  // has its quote and source); when not one line fits, the panel gives way whole (as
  // views/shell.js hides a box with no room), rather than say only "… and 8 more".
  fit() {
    if (this.more) {
      this.more.remove();
      this.more = null;
    }
    if (this.gaveWay) {
      this.node.classList.remove("krp-no-room");
      this.gaveWay = false;
    }
    this.node.classList.remove("krp-compact");
    const all = [...this.list.children];
    all.forEach((item) => { item.hidden = false; });
    // On the wall the list stops at the first section listed in part: its button is for a
    // reader, and what follows it would stand after a gap. What it stops before is counted.
    const cut = all.findIndex((item) => item.classList.contains("krp-show-more"));
    const items = cut < 0 ? all : all.slice(0, cut);
    const tail = cut < 0 ? [] : all.slice(cut);
    if (!this.onWall || this.node.classList.contains("krp-no-room") || (!tail.length && this.fits())) {
      return;
    }
    tail.forEach((item) => { item.hidden = true; });
    const before = tail.reduce((sum, item) => sum + countsFor(item), 0);
    this.more = el("p", "krp-more");
    this.list.appendChild(this.more);
    const isCard = (item) => item.classList.contains("krp-event");
    const anyCard = () => items.some((item) => isCard(item) && !item.hidden);
    const keep = () => {
      const whole = keepWhole(this.node, items, this.more, countsFor, before);
      noLoneHeading(items, isCard);
      return whole && anyCard();
    };
    let fitted = keep();
    if (!fitted) {
      this.node.classList.add("krp-compact");
      fitted = keep();
    }
    if (!fitted) {
      this.node.classList.add("krp-no-room");
      this.gaveWay = true;
    }
  }

  // True when the panel's content is inside its box (a pixel of rounding aside).
  fits() {
    return fitsIn(this.node);
  }

  shown(event) {
    return factionShown(event.factions, this.ctx.filters.factionsOn);
  }

  // A section's heading with its text now (shown again: the wall's fit may have hidden it).
  heading(name, text) {
    const node = this.headings[name];
    const value = wrapped(text());
    if (node.textContent !== value) {
      node.textContent = value;
    }
    node.hidden = false;
    return node;
  }

  // `keepScroll`: the same frame listed again at the reader's request (more cards): the list
  // stays where the reader scrolled it.
  fill(frame, keepScroll = false) {
    if (!frame) {
      return;
    }
    const newFrame = this.disclosure.showing(frame.key);
    const events = this.ctx.doc.events;
    const fresh = frame.events.filter((id) => this.shown(events[id]));
    const ongoing = frame.ongoing.filter((id) => this.shown(events[id]));
    // Known only to a span wider than the frame (a year-only event in a month): never
    // listed as news of the month, each card says its own date ("sometime in 1998").
    const sometime = (frame.sometime || []).filter((id) => this.shown(events[id]));
    this.title.textContent = wrapped(fresh.length || ongoing.length || sometime.length
      ? t(MESSAGES.eventsOf, { date: frame.label }) : t(MESSAGES.noEventsFor, { date: frame.label }));
    const items = [];
    this.sections = {};
    const section = (name, text, ids, asOngoing) => {
      if (ids.length) {
        this.sections[name] = { ids, ongoing: asOngoing };
        const head = this.heading(name, text);
        items.push(head);
        const listed = this.disclosure.listed(name, ids.length);
        for (let i = 0; i < listed; i += 1) {
          items.push(this.cards.listed(ids[i], asOngoing));
        }
        if (listed < ids.length) {
          const next = this.disclosure.next(name, ids.length);
          const more = sayMore(this.buttons[name], next, ids.length - listed, head.textContent);
          more.hidden = false; // the wall's fit hides it
          items.push(more);
        }
      }
    };
    section("fresh", () => t(MESSAGES.eventsIn, { date: frame.label, count: formatNumber(fresh.length) }), fresh, false);
    section("sometime", () => t(MESSAGES.lessPrecise, { date: frame.label, count: formatNumber(sometime.length) }), sometime, true);
    section("ongoing", () => t(MESSAGES.goingOn, { count: formatNumber(ongoing.length) }), ongoing, true);
    // The cards this frame shares with the one before stay where they are: only what is new
    // to the list is styled and laid out again (at 10,000 events a frame lists hundreds).
    placeChildren(this.list, items);
    this.cards.forgetPastKept(items);
    this.more = null;
    if (this.scrolled && !(keepScroll && !newFrame)) {
      this.node.scrollTop = 0;
      this.scrolled = false;
    }
    this.fitSoon();
    this.cards.prepareSoon(this.disclosure.chunk);
  }

  // The next chunk of a section (its button was pressed): listed after the cards before,
  // and the first of them takes the focus, so a keyboard or screen reader goes on reading there.
  showMore(name) {
    const section = this.sections[name];
    if (!section) {
      return;
    }
    const first = this.disclosure.more(name, section.ids.length);
    this.fill(this.ctx.clock.frame, true);
    const card = this.cards.kept(section.ids[first], section.ongoing);
    if (card.isConnected) {
      card.tabIndex = -1;
      card.focus();
    }
  }

  // Mark the cards of these events (a marker's popup opened) and bring the first into view.
  // A card not listed yet is listed first: the popup's events are reachable in the panel.
  highlight(ids) {
    const wanted = new Set(ids);
    let grew = false;
    Object.entries(this.sections).forEach(([name, { ids: listed }]) => {
      const last = listed.findLastIndex((id) => wanted.has(id));
      grew = (last >= 0 && this.disclosure.reveal(name, last, listed.length)) || grew;
    });
    if (grew) {
      this.fill(this.ctx.clock.frame, true);
    }
    let first = null;
    this.list.querySelectorAll(".krp-event").forEach((card) => {
      const on = ids.indexOf(card.dataset.event) >= 0;
      card.classList.toggle("krp-highlight", on);
      if (on && !first) {
        first = card;
      }
    });
    if (first && first.scrollIntoView) {
      first.scrollIntoView({ block: "nearest" });
    }
  }
}

// What an item of the list left out on the wall counts for in "… and N more": a card one,
// a section's button the cards it had not listed yet, a heading none.
function countsFor(item) {
  if (item.classList.contains("krp-event")) {
    return 1;
  }
  return Number(item.dataset.rest || 0);
}
