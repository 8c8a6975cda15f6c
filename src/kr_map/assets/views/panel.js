// The events panel: what happened in the frame first, then what was going on since
// earlier. It follows the clock and the faction filter. On the wall nothing scrolls and no
// line is cut: the panel keeps the headings and cards that fit whole, in order, and says how
// many cards it left out ("… and 3 more").

import { formatNumber, t } from "../core/i18n.js";
import { MESSAGES } from "../core/messages.js";
import { factionShown } from "../core/rules.js";
import { button, el, nextFrameOnce, placeChildren, wrapped } from "./dom.js";
import { eventCardNode } from "./cards.js";

// Card nodes kept across frames: a frame lists most of the cards of the frame before it (at
// 10,000 events, hundreds; at 100,000, thousands), so a switch builds only the cards new to
// it. Past this many, or three frames' worth when more (the frame and the two made ahead),
// all but the frame's own are forgotten at once.
const CARDS_KEPT = 5000;
const PREPARE_MS = 3; // idle time left below which making cards ahead waits for more

export class Panel {
  constructor(ctx) {
    this.ctx = ctx;
    this.cards = new Map();
    this.preparing = null; // the idle callback making the next frames' cards ahead
    this.keep = CARDS_KEPT; // how many cards are kept (more when a frame lists many)
    this.fitNextFrame = nextFrameOnce(() => this.fit());
    this.node = el("aside", "krp-panel");
    this.node.tabIndex = 0;
    this.node.setAttribute("aria-label", t(MESSAGES.eventsLabel));
    this.title = el("h2", "krp-panel-title");
    this.list = el("div", "krp-events");
    // The three headings, kept like the cards: a switch rewrites their counts only.
    this.headings = { fresh: el("h3", "krp-section"), sometime: el("h3", "krp-section krp-section-sometime"),
      ongoing: el("h3", "krp-section krp-section-ongoing") };
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
    const items = [...this.list.children];
    items.forEach((item) => { item.hidden = false; });
    if (!this.onWall || this.node.classList.contains("krp-no-room") || this.fits()) {
      return;
    }
    this.more = el("p", "krp-more");
    this.list.appendChild(this.more);
    const isCard = (item) => item.classList.contains("krp-event");
    const anyCard = () => items.some((item) => isCard(item) && !item.hidden);
    let fitted = keepWhole(this.node, items, this.more, isCard) && anyCard();
    if (!fitted) {
      this.node.classList.add("krp-compact");
      fitted = keepWhole(this.node, items, this.more, isCard) && anyCard();
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

  // The card of an event, made the first time it is listed (ongoing or not) and kept.
  card(id, ongoing) {
    const node = this.kept(id, ongoing);
    if (node.hidden) {
      node.hidden = false;
    }
    if (node.classList.contains("krp-highlight")) { // a card left as it was is not touched
      node.classList.remove("krp-highlight");
    }
    return node;
  }

  kept(id, ongoing) {
    const key = `${id}\u001f${ongoing}`;
    let node = this.cards.get(key);
    if (!node) {
      node = this.newCard(id, ongoing);
      this.cards.set(key, node);
    }
    return node;
  }

  // Forget the cards past what is kept, but not those listed now (`listed`): a switch after
  // it builds only what is new to it, as any other.
  forgetPastKept(listed) {
    this.keep = Math.max(CARDS_KEPT, 3 * listed.length);
    if (this.cards.size <= this.keep) {
      return;
    }
    const shown = new Set(listed);
    this.cards.forEach((node, key) => {
      if (!shown.has(node)) {
        this.cards.delete(key);
      }
    });
  }

  // While the page is idle, the cards of the neighbouring frames are made, so a step to
  // them lists cards rather than makes them (as views/layers.js makes their layers).
  prepareSoon() {
    if (typeof window.requestIdleCallback !== "function" || this.preparing) {
      return;
    }
    this.preparing = window.requestIdleCallback((deadline) => {
      this.preparing = null;
      const { frames, index } = this.ctx.clock;
      const events = this.ctx.doc.events;
      for (const near of [frames[index + 1], frames[index - 1]].filter(Boolean)) {
        const lists = [[near.events, false], [near.sometime || [], true], [near.ongoing, true]];
        for (const [ids, ongoing] of lists) {
          for (const id of ids) {
            if (this.cards.size >= this.keep) {
              return; // kept enough: more would be forgotten at the next frame
            }
            if (deadline.timeRemaining() < PREPARE_MS) {
              this.prepareSoon();
              return;
            }
            if (this.shown(events[id])) {
              this.kept(id, ongoing);
            }
          }
        }
      }
    });
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

  newCard(id, ongoing) {
    const { doc, look } = this.ctx;
    const event = doc.events[id];
    const first = event.factions.length ? this.ctx.faction(event.factions[0]) : null;
    const show = event.placed
      ? button(t(MESSAGES.showOnMap), t(MESSAGES.showOnMapHint, { title: event.title }), () => this.ctx.showEvent(id), "krp-link")
      : null;
    return eventCardNode(id, event, { ongoing, firstFaction: first, outline: look.outline, showButton: show, sources: doc.sources });
  }

  fill(frame) {
    if (!frame) {
      return;
    }
    const events = this.ctx.doc.events;
    const fresh = frame.events.filter((id) => this.shown(events[id]));
    const ongoing = frame.ongoing.filter((id) => this.shown(events[id]));
    // Known only to a span wider than the frame (a year-only event in a month): never
    // listed as news of the month, each card says its own date ("sometime in 1998").
    const sometime = (frame.sometime || []).filter((id) => this.shown(events[id]));
    this.title.textContent = wrapped(fresh.length || ongoing.length || sometime.length
      ? t(MESSAGES.eventsOf, { date: frame.label }) : t(MESSAGES.noEventsFor, { date: frame.label }));
    const items = [];
    const section = (name, text, ids, asOngoing) => {
      if (ids.length) {
        items.push(this.heading(name, text));
        ids.forEach((id) => items.push(this.card(id, asOngoing)));
      }
    };
    section("fresh", () => t(MESSAGES.eventsIn, { date: frame.label, count: formatNumber(fresh.length) }), fresh, false);
    section("sometime", () => t(MESSAGES.lessPrecise, { date: frame.label, count: formatNumber(sometime.length) }), sometime, true);
    section("ongoing", () => t(MESSAGES.goingOn, { count: formatNumber(ongoing.length) }), ongoing, true);
    // The cards this frame shares with the one before stay where they are: only what is new
    // to the list is styled and laid out again (at 10,000 events a frame lists hundreds).
    placeChildren(this.list, items);
    this.forgetPastKept(items);
    this.more = null;
    if (this.scrolled) {
      this.node.scrollTop = 0;
      this.scrolled = false;
    }
    this.fitSoon();
    this.prepareSoon();
  }

  // Mark the cards of these events (a marker's popup opened) and bring the first into view.
  highlight(ids) {
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

// True when a box's content is inside it (a pixel of rounding aside): nothing to scroll.
export function fitsIn(box) {
  return box.scrollHeight <= box.clientHeight + 1;
}

// Leaves out the last `items` of `box`, whole, until the rest and `more` (the line after
// them saying how many `counted` items were left out: "… and 3 more") fit it. Returns true
// when they do. Every item is shown again first: the room may have grown.
export function keepWhole(box, items, more, counted) {
  items.forEach((item) => { item.hidden = false; });
  more.hidden = true;
  if (fitsIn(box)) {
    return true;
  }
  more.hidden = false;
  let left = 0;
  for (let i = items.length - 1; i >= 0 && !fitsIn(box); i -= 1) {
    items[i].hidden = true;
    left += counted(items[i]) ? 1 : 0;
    more.textContent = t(MESSAGES.andMore, { count: formatNumber(left) });
  }
  return fitsIn(box);
}
