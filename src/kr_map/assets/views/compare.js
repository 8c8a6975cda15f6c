// Compare's list of changes of hands under the two maps, made from the two frames' holdings
// in the document (core/changes.js, the app's rule; kr_map/compare.py words each holding).
// Each line: the place, its holders before and after, the date of the later holding, its
// verbatim quote and source, all as text. Under the maps nothing scrolls and no line is cut:
// the first changes that fit whole are listed, and the heading's line says how many more
// ("… and 7 more").

import { changesBetween } from "../core/changes.js";
import { t } from "../core/i18n.js";
import { MESSAGES } from "../core/messages.js";
import { el, nextFrameOnce, quoteEl, wrapped } from "./dom.js";
import { keepWhole } from "./fit.js";

// Compare's second frame when the address names none: the next year, or the one before.
export function defaultWith(doc, key) {
  const frames = doc.frames;
  const at = Math.max(0, frames.findIndex((f) => f.key === key));
  const year = frames[at].year;
  const whole = (y) => frames.find((f) => f.year === y && !f.month);
  return (whole(year + 1) || whole(year - 1) || frames[at]).key;
}

export function heading(left, right) {
  return t(MESSAGES.changesBetween, { from: left.label, to: right.label });
}

export class ChangesList {
  constructor(doc) {
    this.doc = doc;
    this.node = el("section", "krp-changes");
    this.node.tabIndex = 0;
    this.title = el("h2", "krp-changes-title");
    this.list = el("ul", "krp-changes-list");
    this.more = el("p", "krp-more"); // on the heading's line: the maps keep the room
    const head = el("div", "krp-changes-head");
    head.appendChild(this.title);
    head.appendChild(this.more);
    this.node.appendChild(head);
    this.node.appendChild(this.list);
    this.fitSoon = nextFrameOnce(() => this.fit());
    window.addEventListener("resize", () => this.fitSoon());
    if (document.fonts && document.fonts.addEventListener) {
      document.fonts.addEventListener("loadingdone", () => this.fitSoon());
    }
  }

  // The changes that fit whole, once laid out (the maps beside take their room first).
  fit() {
    keepWhole(this.node, [...this.list.children], this.more, (item) => item.classList.contains("krp-change"));
  }

  // Show the list from frame `left` to frame `right` (frames of doc.frames).
  show(left, right) {
    const text = heading(left, right);
    this.title.textContent = wrapped(text);
    this.node.setAttribute("aria-label", text);
    this.node.dataset.pair = `${left.key}|${right.key}`;
    this.list.textContent = "";
    const changes = changesBetween(this.doc.compare, left.key, right.key);
    if (changes === null) {
      this.list.appendChild(el("li", "krp-change-none", t(MESSAGES.changesNotListed)));
      return;
    }
    if (!changes.length) {
      this.list.appendChild(el("li", "krp-change-none", t(MESSAGES.noChanges)));
    }
    changes.forEach((change) => this.list.appendChild(changeItem(change)));
    this.fitSoon();
  }
}

function changeItem(change) {
  const item = el("li", "krp-change");
  item.appendChild(el("b", "krp-change-place", change.place));
  item.appendChild(document.createTextNode(`: ${change.before} → ${change.after}`));
  if (change.since) {
    item.appendChild(el("span", "krp-when", ` ${t(MESSAGES.since, { date: change.since })}`));
  }
  if (change.quote) {
    item.appendChild(quoteEl("q", "krp-quote", change.quote));
  }
  if (change.source) {
    item.appendChild(el("span", "krp-source", change.source));
  }
  return item;
}
