// Compare's changes of hands between the ends of two frames, from the holdings the export
// carries (kr_map/compare.py: each state's holdings, in the places' order). The app's rule
// (kr_map/page.py change_records): every place whose holder differs, in the places' order,
// with both holders' names and the date, quote and source of the later map's holding.
// tests/test_compare.py checks this against the app's lists for every pair of frames.

const NONE = 0; // holder 0: the words for "no holder recorded"

// The holdings of the state frame `key` shows, or null when the document has none for it.
function holdingsOf(compare, key) {
  if (!Object.hasOwn(compare.state, key)) {
    return null;
  }
  const listed = compare.states[compare.state[key]];
  return Array.isArray(listed) ? listed.map((index) => compare.holdings[index]).filter(Boolean) : null;
}

function change(compare, place, before, after) {
  return {
    place: compare.places[place],
    before: compare.holders[before],
    after: compare.holders[after ? after.holder : NONE],
    since: after ? after.since : "",
    quote: after ? after.quote : "",
    source: after ? after.source : "",
  };
}

// The changes from the end of frame `left` to the end of frame `right` (frame keys): a list
// of {place, before, after, since, quote, source}, or null when the document has none.
export function changesBetween(compare, left, right) {
  if (!compare || !compare.state || !Array.isArray(compare.states)) {
    return null;
  }
  const was = holdingsOf(compare, left);
  const now = holdingsOf(compare, right);
  if (was === null || now === null) {
    return null;
  }
  const changes = [];
  let i = 0;
  let j = 0;
  while (i < was.length || j < now.length) { // both in the places' order: one walk
    const a = was[i];
    const b = now[j];
    if (b === undefined || (a !== undefined && a.place < b.place)) {
      changes.push(change(compare, a.place, a.holder, null)); // no longer held
      i += 1;
    } else if (a === undefined || b.place < a.place) {
      changes.push(change(compare, b.place, NONE, b)); // newly held
      j += 1;
    } else {
      if (a.holder !== b.holder) {
        changes.push(change(compare, a.place, a.holder, b));
      }
      i += 1;
      j += 1;
    }
  }
  return changes;
}
