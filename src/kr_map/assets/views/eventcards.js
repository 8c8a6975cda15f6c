// The events panel's cards (views/panel.js lists them): each made the first time it is
// listed, kept across frames, and made ahead for the neighbouring frames while the page is idle.

import { t } from "../core/i18n.js";
import { MESSAGES } from "../core/messages.js";
import { button } from "./dom.js";
import { eventCardNode } from "./cards.js";

// Card nodes kept across frames: a frame lists most of the cards of the frame before it (at
// 10,000 events, hundreds), so a switch builds only the cards new to it. Past this many, or
// three frames' worth when more (the frame and the two made ahead), all but the frame's own
// are forgotten at once.
const CARDS_KEPT = 5000;
const PREPARE_MS = 3; // idle time left below which making cards ahead waits for more

export class EventCards {
  // `shown(event)`: whether the faction filter lets the event be listed.
  constructor(ctx, shown) {
    this.ctx = ctx;
    this.shown = shown;
    this.cards = new Map();
    this.preparing = null; // the idle callback making the next frames' cards ahead
    this.keep = CARDS_KEPT; // how many cards are kept (more when a frame lists many)
  }

  // The card of an event as a frame lists it: shown, not marked by an earlier popup.
  listed(id, ongoing) {
    const node = this.kept(id, ongoing);
    if (node.hidden) {
      node.hidden = false;
    }
    if (node.classList.contains("krp-highlight")) { // a card left as it was is not touched
      node.classList.remove("krp-highlight");
    }
    return node;
  }

  // The card of an event, made the first time it is asked for (ongoing or not) and kept.
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

  // While the page is idle, the cards the neighbouring frames list first (`chunk` a section,
  // core/disclosure.js) are made, so a step to them lists cards rather than makes them (as
  // views/layers.js makes their layers).
  prepareSoon(chunk) {
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
          let made = 0;
          for (let i = 0; i < ids.length && made < chunk; i += 1) {
            if (this.cards.size >= this.keep) {
              return; // kept enough: more would be forgotten at the next frame
            }
            if (deadline.timeRemaining() < PREPARE_MS) {
              this.prepareSoon(chunk);
              return;
            }
            if (this.shown(events[ids[i]])) {
              this.kept(ids[i], ongoing);
              made += 1;
            }
          }
        }
      }
    });
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
}
