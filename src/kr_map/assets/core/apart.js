// A frames document that came without its areas of control (doc.areasApart: the app shows a
// large dataset's map before they are made, kr_map/areas_apart.py) gets them here once they
// arrive. The part's features and cards are numbered after the document's own, so they are
// appended; each frame's area features go before its other features, as in a whole build.

const PART_VERSION = 1;

// Whether `part` was made for `doc`: the same frames, features and cards.
export function fits(doc, part) {
  return Boolean(doc && part) && doc.areasApart === true && part.areasPart === PART_VERSION &&
    part.featureBase === doc.features.length && part.cardBase === doc.cards.length &&
    Array.isArray(part.frames) && part.frames.length === doc.frames.length;
}

// Join the areas of `part` into `doc` (per-frame lists: core/intervals.js unpacks both);
// returns false, and leaves `doc` as it was, when the part is another document's.
export function joinAreas(doc, part) {
  if (!fits(doc, part)) {
    return false;
  }
  part.features.forEach((feature) => doc.features.push(feature));
  part.cards.forEach((card) => doc.cards.push(card));
  doc.frames.forEach((frame, i) => {
    frame.features = part.frames[i].features.concat(frame.features);
  });
  delete doc.areasApart;
  return true;
}

// How long to wait before asking again after `attempt` failed asks (0, 1, ...): half a
// second, doubling, then every `most` ms.
export function retryDelay(attempt, most = 8000) {
  return Math.min(most, 500 * 2 ** Math.min(attempt, 16));
}

// Ask for the part at `url` until it is there, then call `onPart(part)`; after `giveUpMs` of
// asking, `onFail(reason)`. `ways`: {fetch, setTimeout, now}. Returns a function that
// stops asking.
export function fetchWhenReady(url, ways, onPart, onFail, giveUpMs = 30 * 60 * 1000) {
  const started = ways.now();
  let attempt = 0;
  let stopped = false;
  let lastReason = "";
  const again = () => {
    if (stopped) {
      return;
    }
    if (ways.now() - started >= giveUpMs) {
      onFail(lastReason);
      return;
    }
    ways.setTimeout(ask, retryDelay(attempt));
    attempt += 1;
  };
  const ask = () => {
    if (stopped) {
      return;
    }
    ways.fetch(url)
      .then((response) => {
        if (!response.ok) {
          lastReason = `HTTP ${response.status}`;
          return null;
        }
        return response.json();
      })
      .then((part) => { // a part that fails to join is not asked for again
        if (part === null) {
          again();
        } else if (!stopped) {
          stopped = true;
          onPart(part);
        }
      }, (error) => {
        lastReason = String(error && error.message ? error.message : error);
        again();
      });
  };
  ask();
  return () => { stopped = true; };
}
