// The frames document as it travels: each frame's lists (features, events, ongoing,
// sometime) stored once, every item with the runs of frames that list it
// (kr_map/intervals.py). Expanded here, when a frame is first read, into the per-frame
// shape every view reads (doc.frames[i].features ...): no view knows the difference.

// The items of one packed list that frame `index` holds, in the list's order.
export function listAt(packed, index) {
  const own = packed.own && packed.own[String(index)];
  if (own) {
    return own.slice();
  }
  const out = [];
  packed.items.forEach((item, i) => {
    const spans = packed.spans[i];
    for (let k = 0; k < spans.length && spans[k] <= index; k += 2) {
      if (index <= spans[k + 1]) {
        out.push(item);
        return;
      }
    }
  });
  return out;
}

// A frame whose packed lists are made the first time they are read, then kept.
function lazyFrame(frame, index, lists) {
  const out = { ...frame };
  Object.keys(lists).forEach((name) => {
    let value = null;
    Object.defineProperty(out, name, {
      enumerable: true,
      configurable: true,
      get() {
        if (value === null) {
          value = listAt(lists[name], index);
        }
        return value;
      },
      set(given) {
        value = given;
      },
    });
  });
  return out;
}

// The document with per-frame frames; a document that is not packed comes back as it is.
export function unpackDocument(doc) {
  if (!doc || !doc.packed || !Array.isArray(doc.frames)) {
    return doc;
  }
  const lists = doc.packed.lists || {};
  const rest = { ...doc };
  delete rest.packed;
  rest.frames = doc.frames.map((frame, index) => lazyFrame(frame, index, lists));
  return rest;
}
