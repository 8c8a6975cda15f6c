// The host in the one-file export: the map is the whole page, opened from disk or a
// server. The address keeps the mode and the frame (contract D:
// #mode=explore|present|story|compare|predict&step=…&year=…&month=…&with=…), so a link
// or a reload opens on them. The page follows a changed address while open (another mode
// builds the page again), and says so when a value in it was not understood or is out of
// range. Every mode is chosen on the map (views/modes.js). "Presenter view" opens the same
// file as a second window (?presenter), which follows this one and steers it over the
// channel (core/channel.js). There is no server to report to.

import { speak, t } from "../core/i18n.js";
import { MESSAGES } from "../core/messages.js";
import { hashOf, parseParams, readAddress } from "../core/address.js";
import { Channel, channelName } from "../core/channel.js";
import { steer } from "../core/steer.js";
import { charts } from "../views/charts/charts.js";
import { cite } from "../views/cite.js";
import { ChangesList, defaultWith } from "../views/compare.js";
import { button } from "../views/dom.js";
import { chooseLanguage, languageSwitch, missingLanguageNote } from "../views/language.js";
import { modeIds, modeOf, modeSwitch, predictNote } from "../views/modes.js";
import { mapControl } from "../views/shell.js";
import { storyCard } from "../views/story.js";
import { handout } from "../views/handout.js";
import { quiz } from "../views/quiz.js";
import { debugHandle, failure, startPlayer } from "../mount.js";
import { attachShell, readJsonElement, showFailure } from "./page.js";
import { mountPresenter, openPresenter } from "./presenter.js";
import { comparePage } from "./twin.js";

// The page: the document, what the address asked, the mode, the players (compare's second
// map is `twin`), the story's step, the steps whose content note was cleared and the
// address's write waiting for the frames to stop changing.
const page = { doc: null, asked: null, mode: "explore", player: null, twin: null, list: null,
  step: null, cleared: {}, channel: null, permalink: false, lang: "en", langs: [], addressTimer: null };

// The address's extras for a language: none for the file's default language.
function langExtra(lang = page.lang) {
  return page.langs.length && lang !== page.langs[0].lang ? { lang } : {};
}

function addressRules(doc) {
  return { modes: modeIds(), steps: Array.isArray(doc.story) ? doc.story.length : 0 };
}

function readHash(doc) {
  return readAddress(parseParams(location.hash), doc.frames, addressRules(doc));
}

// The address of what the page shows now (in `lang`), or null before the map shows a frame.
function addressNow(lang = page.lang) {
  const frame = page.player && page.player.clock.frame;
  if (!frame) {
    return null;
  }
  const extra = {};
  if (page.mode === "story" && page.step) {
    extra.step = page.step;
  }
  if (page.mode === "compare" && page.twin && page.twin.clock.frame) {
    extra.with = page.twin.clock.frame.key;
  }
  return hashOf(frame, page.mode, { ...extra, ...langExtra(lang) });
}

// While frames change the address waits: it is written ADDRESS_MS after the last change, or
// at once when the player settles (its report) or the page goes. A history write costs a
// switch a few milliseconds before its paint, and Chromium allows a page only so many.
const ADDRESS_MS = 250;

function addressSoon() {
  window.clearTimeout(page.addressTimer);
  page.addressTimer = window.setTimeout(writeAddress, ADDRESS_MS);
}

function writeAddress() {
  window.clearTimeout(page.addressTimer);
  page.addressTimer = null;
  const hash = addressNow();
  if (!page.permalink || hash === null) {
    return;
  }
  try {
    history.replaceState(null, "", hash);
  } catch {
    // a page opened from file:// may refuse: the address then stays as it was
  }
}

// Tell a presenter window what the projector shows.
function announce() {
  const frame = page.player && page.player.clock.frame;
  if (page.channel && frame) {
    page.channel.send({ type: "show", key: frame.key, mode: page.mode, step: page.mode === "story" ? page.step : null });
  }
}

function frameShown() {
  if (page.list && page.player && page.twin && page.player.clock.frame && page.twin.clock.frame) {
    page.list.show(page.player.clock.frame, page.twin.clock.frame);
  }
  addressSoon();
  announce();
}

function showNotes(notes) {
  const shell = page.player.shell;
  shell.clearNotes();
  notes.forEach((text) => shell.note(text));
}

// ------------------------------------------------------------------ the story
function goStep(number) {
  const steps = page.doc.story || [];
  if (!steps.length) {
    return;
  }
  const n = Math.min(Math.max(1, number), steps.length);
  const step = steps[n - 1];
  page.step = n;
  const player = page.player;
  const veiled = Boolean(step.contentNote) && !page.cleared[n];
  player.shell.showStory(storyCard(step, steps.length, !veiled), () => {
    page.cleared[n] = true;
    goStep(n);
  });
  player.shell.node.classList.toggle("krp-veiled", veiled);
  player.shell.mark("step", String(n));
  player.showStep({ key: step.date, layers: step.layers, view: { center: [step.lat, step.lon], zoom: step.zoom } });
  writeAddress();
  announce();
}

function storyMove(to) {
  const count = (page.doc.story || []).length;
  if (to === "first" || to === "last") {
    goStep(to === "first" ? 1 : count);
  } else if (to === 1 || to === -1) {
    goStep((page.step || 1) + to);
  }
}

// ------------------------------------------------------------------ modes and commands
// Open another mode: the address says it, and the page is built again for it.
function choose(mode) {
  if (modeIds().indexOf(mode) < 0 || mode === page.mode) {
    return;
  }
  const frame = page.player.clock.frame || page.doc.frames[0];
  const extra = mode === "story" ? { step: page.step || 1 } : {};
  if (mode === "compare") {
    extra.with = defaultWith(page.doc, frame.key);
  }
  location.hash = hashOf(frame, mode, { ...extra, ...langExtra() });
}

// Show the file in another of its languages: the address says it, the page is built again.
function chooseLang(lang) {
  if (lang !== page.lang && page.langs.some((choice) => choice.lang === lang) && page.player.clock.frame) {
    location.hash = addressNow(lang);
  }
}

// What a presenter window asks of this one.
function command(message) {
  if (page.player) {
    steer(message, page.player, page.mode, { announce, mode: choose, story: storyMove });
  }
}

// A link followed or an address edited while the page is open: the frame, step or second
// frame it asks for; another mode builds the page again.
function follow() {
  const now = readHash(page.doc);
  const lang = now.lang || (page.langs[0] ? page.langs[0].lang : page.lang);
  if (now.mode !== page.mode || (page.langs.length && lang !== page.lang)) {
    location.reload();
    return;
  }
  showNotes(now.notes);
  if (page.mode === "story") {
    if (now.step && now.step !== page.step) {
      goStep(now.step);
    }
    return;
  }
  [[page.player, now.key], [page.twin, now.with]].forEach(([player, key]) => {
    const at = player && key !== null ? player.clock.find(key) : -1;
    if (at >= 0 && at !== player.clock.index) {
      player.playback.pause();
      player.show(at);
    }
  });
}

// ------------------------------------------------------------------ hosts
function hostFor(role) {
  return {
    attach: attachShell,
    keyTargets: () => (role === "twin" ? [] : [document]),
    report: (value) => {
      writeAddress(); // the frame settled: the address says it now
      if (role === "main" && page.mode === "story" && value && value.story !== undefined) {
        storyMove(value.story);
      }
    },
    frameShown: () => frameShown(),
    permalink: () => location.href,
    startKey: () => {
      if (!page.asked) {
        return null;
      }
      return role === "twin" ? page.asked.with || defaultWith(page.doc, page.asked.key || page.doc.frames[0].key) : page.asked.key;
    },
    handle: (player) => {
      if (role === "twin") {
        page.twin = player;
        window.krTwin = debugHandle(player);
        return;
      }
      page.player = player;
      window.krPlayer = debugHandle(player);
    },
  };
}

function switchOnMap(map) {
  const presenter = button(t(MESSAGES.presenterView), t(MESSAGES.presenterViewHint),
    () => openPresenter((text) => page.player.shell.note(text), langExtra().lang), "krp-button krp-presenter-open");
  mapControl(map, "topright", modeSwitch(page.mode, choose, [presenter]));
  const wall = page.player.shell.node.querySelector(".krp-controls"); // the map stays the stage
  const box = page.langs.length > 1 ? languageSwitch(page.langs, page.lang, chooseLang) : null;
  return box && (wall ? wall.appendChild(box) : mapControl(map, "topright", box));
}

// Compare: the two maps side by side, each with its date, the list of changes under them.
function mountCompare(map, doc, wanted) {
  const { box, twin } = comparePage(map);
  page.list = new ChangesList(doc);
  box.appendChild(page.list.node);
  const sync = `compare-${Math.random().toString(36).slice(2)}`;
  const player = startPlayer(map, doc, { ...wanted, sync }, hostFor("main"), []);
  startPlayer(twin, doc, { ...wanted, sync, permalink: false, second: true }, hostFor("twin"), []);
  frameShown();
  return player;
}

function mount(map, options = {}) {
  let doc = options.doc;
  const { langs, chosen, missing } = chooseLanguage(options.languages, parseParams(location.hash).lang);
  page.langs = langs;
  if (!doc) {
    try {
      doc = readJsonElement(chosen ? chosen.element : options.docElement);
    } catch (error) {
      showFailure(failure(error.message), map.getContainer());
      return null;
    }
  }
  page.doc = doc;
  page.lang = speak(doc);
  document.documentElement.lang = page.lang;
  if (new URLSearchParams(location.search).has("presenter")) {
    return mountPresenter(map, doc);
  }
  page.permalink = Boolean(options.permalink && Array.isArray(doc.frames) && doc.frames.length);
  page.asked = page.permalink ? readHash(doc) : null;
  page.mode = page.asked ? page.asked.mode : (options.present ? "present" : "explore");
  const asked = page.asked || { key: null, step: null, with: null, notes: [] };
  const wanted = { ...options, ...modeOf(page.mode).options(asked, doc) };
  if (options.present) {
    wanted.present = true;
  }
  const player = page.mode === "compare" ? mountCompare(map, doc, wanted)
    : startPlayer(map, doc, wanted, hostFor("main"), [charts, cite, handout, quiz]);
  page.channel = new Channel(channelName(doc));
  page.channel.on(command);
  switchOnMap(map);
  player.frameView(); // the mode switch is one of the boxes the action is framed below
  showNotes(missing === null ? asked.notes : [missingLanguageNote(missing, langs), ...asked.notes]);
  if (page.mode === "story") {
    if ((doc.story || []).length) {
      goStep(asked.step || 1);
    } else {
      player.shell.note(t(MESSAGES.noStory));
    }
  }
  if (page.mode === "predict") {
    predictNote(player);
  }
  if (page.permalink) {
    window.addEventListener("hashchange", follow);
    window.addEventListener("pagehide", () => page.addressTimer !== null && writeAddress());
  }
  writeAddress();
  announce();
  return player;
}

window.KrPlayer = Object.freeze({ mount });
