// The host in the one-file export: the map is the whole page, opened from disk or a
// server. The frame shown is kept in the address (#year=1989&month=10), so a link or a
// reload opens on it; there is no server to report to.

import { hashOf, keyFromParams, parseParams } from "../core/address.js";
import { charts } from "../views/charts/charts.js";
import { cite } from "../views/cite.js";
import { debugHandle, failure, startPlayer } from "../mount.js";
import { attachShell, readJsonElement, showFailure } from "./page.js";

function frameShown(frame, options) {
  if (!options.permalink) {
    return;
  }
  try {
    history.replaceState(null, "", hashOf(frame));
  } catch {
    // a page opened from file:// may refuse: the address then stays as it was
  }
}

const host = {
  attach: attachShell,
  keyTargets: () => [document],
  report: () => {},
  frameShown,
  permalink: () => location.href,
  startKey: (options) => (options.permalink ? keyFromParams(parseParams(location.hash)) : null),
  handle: (player) => {
    window.krPlayer = debugHandle(player);
  },
};

function mount(map, options = {}) {
  let doc = options.doc;
  if (!doc) {
    try {
      doc = readJsonElement(options.docElement);
    } catch (error) {
      showFailure(failure(error.message), map.getContainer());
      return null;
    }
  }
  return startPlayer(map, doc, options, host, [charts, cite]);
}

window.KrPlayer = Object.freeze({ mount });
