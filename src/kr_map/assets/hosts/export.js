// The host in the one-file export: the map is the whole page, opened from disk or a
// server. The frame shown is kept in the address (#year=1989&month=10), so a link or a
// reload opens on it, and "&mode=present" puts the page in presentation mode. The page
// follows a changed address while open, and says so when a value in it was not
// understood or is out of range. There is no server to report to.

import { hashOf, parseParams, readAddress } from "../core/address.js";
import { charts } from "../views/charts/charts.js";
import { cite } from "../views/cite.js";
import { handout } from "../views/handout.js";
import { quiz } from "../views/quiz.js";
import { debugHandle, failure, startPlayer } from "../mount.js";
import { attachShell, readJsonElement, showFailure } from "./page.js";

let asked = { key: null, mode: "explore", notes: [] };

function frameShown(frame, options) {
  if (!options.permalink) {
    return;
  }
  try {
    history.replaceState(null, "", hashOf(frame, options.present ? "present" : "explore"));
  } catch {
    // a page opened from file:// may refuse: the address then stays as it was
  }
}

function showNotes(player, notes) {
  player.shell.clearNotes();
  notes.forEach((text) => player.shell.note(text));
}

// A link followed or an address edited while the page is open: the frame it asks for,
// and presentation mode on or off (the page is built again for that).
function follow(player, options) {
  const now = readAddress(parseParams(location.hash), player.clock.frames);
  if (now.mode !== (options.present ? "present" : "explore")) {
    location.reload();
    return;
  }
  showNotes(player, now.notes);
  if (now.key !== null) {
    const at = player.clock.find(now.key);
    if (at >= 0 && at !== player.clock.index) {
      player.playback.pause();
      player.show(at);
    }
  }
}

const host = {
  attach: attachShell,
  keyTargets: () => [document],
  report: () => {},
  frameShown,
  permalink: () => location.href,
  startKey: (options) => (options.permalink ? asked.key : null),
  handle: (player) => {
    window.krPlayer = debugHandle(player);
    if (player.options.permalink) {
      showNotes(player, asked.notes);
      window.addEventListener("hashchange", () => follow(player, player.options));
    }
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
  let wanted = options;
  if (options.permalink && Array.isArray(doc.frames) && doc.frames.length) {
    asked = readAddress(parseParams(location.hash), doc.frames);
    wanted = { ...options, present: options.present || asked.mode === "present" };
  }
  return startPlayer(map, doc, wanted, host, [charts, cite, handout, quiz]);
}

window.KrPlayer = Object.freeze({ mount });
