// Fitting a list into a box that must not scroll (the wall's events panel, the changes
// band): the items that fit whole, in order, and a line saying how many were left out.

import { formatNumber, t } from "../core/i18n.js";
import { MESSAGES } from "../core/messages.js";

// True when a box's content is inside it (a pixel of rounding aside): nothing to scroll.
export function fitsIn(box) {
  return box.scrollHeight <= box.clientHeight + 1;
}

// Leaves out the last `items` of `box`, whole, until the rest and `more` (the line after
// them saying how many items were left out: "… and 3 more") fit it. `counted(item)` says
// what an item left out counts for: true or 1 for one, a number for a line that stands for
// several, false or 0 for a heading. `before`: how many were left out already, before the
// first item (the line says so even when every item fits). Returns true when they fit.
// Every item is shown again first: the room may have grown.
export function keepWhole(box, items, more, counted, before = 0) {
  items.forEach((item) => { item.hidden = false; });
  let left = before;
  const say = () => { more.textContent = t(MESSAGES.andMore, { count: formatNumber(left) }); };
  more.hidden = left === 0;
  if (left) {
    say();
  }
  if (fitsIn(box)) {
    return true;
  }
  more.hidden = false;
  for (let i = items.length - 1; i >= 0 && !fitsIn(box); i -= 1) {
    items[i].hidden = true;
    left += Number(counted(items[i]));
    say();
  }
  return fitsIn(box);
}

// Hides the items shown last that are not cards (a section's heading whose cards were all
// left out): a heading never stands alone above "… and 7 more". Hiding only frees room.
export function noLoneHeading(items, isCard) {
  for (let i = items.length - 1; i >= 0; i -= 1) {
    if (!items[i].hidden) {
      if (isCard(items[i])) {
        return;
      }
      items[i].hidden = true;
    }
  }
}
