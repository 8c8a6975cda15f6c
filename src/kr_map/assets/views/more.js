// The button at the end of a section of the events panel listed in part (core/disclosure.js):
// "Show 25 more of 1,575". It always says how many cards are not listed yet, so a part is
// never taken for the whole; it is a real button, so the keyboard and a screen reader reach
// it in the reading order, right after the last card listed.

import { formatNumber, t } from "../core/i18n.js";
import { MESSAGES } from "../core/messages.js";
import { button, nameButton, wrapped } from "./dom.js";

export function moreButton(onClick) {
  const node = button("", "", onClick, "krp-button krp-show-more");
  node.dataset.rest = "0";
  return node;
}

// Writes what the button does now: list `count` more of the `rest` cards of the section
// headed `section` not listed yet. Untouched when it says so already (a kept node).
export function sayMore(node, count, rest, section) {
  const numbers = { count: formatNumber(count), rest: formatNumber(rest) };
  const label = t(MESSAGES.showMoreHint, { ...numbers, section });
  if (node.title === label) {
    return node;
  }
  node.textContent = wrapped(t(MESSAGES.showMore, numbers));
  nameButton(node, label);
  node.dataset.rest = String(rest); // what the wall's "… and N more" counts for it
  return node;
}
