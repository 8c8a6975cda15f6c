// The host in the app: the map lives in streamlit-folium's component frame.
//
// The channel to Streamlit is borrowed from streamlit-folium, which has no public API for
// a value sent from inside its map: its frontend sets window.Streamlit (streamlit-
// component-lib's object) and we call Streamlit.setComponentValue(value) with it. This
// file is the only one that touches window.Streamlit or window.parent; the version range
// it is tested with is pinned in pyproject.toml, and tests/test_streamlit_channel.py
// fails when the installed streamlit-folium stops providing what is borrowed here.
//
// The app's main map (option `presenter`) also joins the presenter's channel
// (core/channel.js): it says what it shows, and a presenter window opened from the app
// (kr_map/presenter.py) steers it. The server still hears of time only on release: a
// presenter's step is a step and release, its story steps and modes are reports.

import { fetchWhenReady } from "../core/apart.js";
import { Channel, channelName } from "../core/channel.js";
import { showMessage, shownMode, steer } from "../core/steer.js";
import { charts } from "../views/charts/charts.js";
import { cite } from "../views/cite.js";
import { handout } from "../views/handout.js";
import { quiz } from "../views/quiz.js";
import { unpackDocument } from "../core/intervals.js";
import { wireFetch } from "../core/wire.js";
import { debugHandle, failure, startPlayer } from "../mount.js";
import { attachShell, readJsonElement, showFailure } from "./page.js";

let targets = null;

// The map frame's document and, when asked (the app's main map), the page around it,
// so the keys work without a click into the map first (same origin only).
function keyTargets(options) {
  if (targets === null) {
    targets = [document];
    if (options.parentKeys) {
      try {
        if (window.parent && window.parent !== window && window.parent.document) {
          targets.push(window.parent.document);
        }
      } catch {
        // another origin: the keys work inside the map only
      }
    }
  }
  return targets;
}

// The page's address (the app keeps the view in its query), or "" from another origin.
function permalink() {
  try {
    return window.parent && window.parent !== window ? window.parent.location.href : window.location.href;
  } catch {
    return "";
  }
}

function report(value) {
  const channel = window.Streamlit;
  if (channel && typeof channel.setComponentValue === "function") {
    channel.setComponentValue(value);
  }
}

const linked = { player: null, channel: null };

function announce() {
  const message = linked.player && showMessage(linked.player.clock.frame, linked.player.options);
  if (linked.channel && message) {
    linked.channel.send(message);
  }
}

function joinPresenter(player, doc) {
  linked.player = player;
  linked.channel = new Channel(channelName(doc));
  const ways = {
    announce,
    mode: (mode) => report({ mode, at: Date.now() }),
    story: (to) => player.actions.story(to),
  };
  linked.channel.on((message) => steer(message, player, shownMode(player.options), ways));
  announce();
}

const host = {
  attach: attachShell,
  keyTargets,
  report,
  frameShown: () => announce(),
  permalink,
  startKey: () => null,
  handle: (player) => {
    window.krPlayer = debugHandle(player);
  },
};

// The app's documents, from the gzip copies published beside them (core/wire.js).
function fetchDocument() {
  return wireFetch((address) => fetch(address, { credentials: "same-origin" }));
}

// A large dataset's map comes before its areas of control (kr_map/areas_apart.py): the
// player asks for them until they are there.
function fetchAreas(player, url) {
  const ways = {
    fetch: fetchDocument(),
    setTimeout: (fn, ms) => window.setTimeout(fn, ms),
    now: () => Date.now(),
  };
  const take = (part) => player.takeAreas(unpackDocument(part));
  fetchWhenReady(url, ways, take, (reason) => {
    console.error("kr-map: the areas of control did not come:", reason);
    player.takeAreas(null);
  });
}

function mount(map, options = {}) {
  const start = (doc) => {
    const player = startPlayer(map, doc, options, host, [charts, cite, handout, quiz]);
    if (player && options.presenter) {
      joinPresenter(player, doc);
    }
    if (player && options.areasUrl && player.doc.areasApart) {
      fetchAreas(player, options.areasUrl);
    }
    return player;
  };
  if (options.doc) {
    return start(options.doc);
  }
  if (options.docElement) {
    return start(readJsonElement(options.docElement));
  }
  fetchDocument()(options.docUrl)
    .then((response) => {
      if (!response.ok) {
        throw new Error(`HTTP ${response.status}`);
      }
      return response.json();
    })
    .then(start)
    .catch((error) => showFailure(failure(error.message), map.getContainer()));
  return null;
}

window.KrPlayer = Object.freeze({ mount });
