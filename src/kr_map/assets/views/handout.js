/* Handouts: "Print this frame" and "Print this story", an add-on of the player (addons.js).
 *
 * A button box on the map, under "Layers & factions" (not in presentation), prints the
 * view as A4 pages that read in greyscale (assets/print.css): the map and its legend as
 * they are on screen, and a sheet made here from the document: the title, the date
 * shown, the caption, the frame's events with their verbatim quotes and sources, and the
 * permalink as text and as a QR code. The codes come from the document (doc.qr, made by
 * kr_map/qr.py when the export was given its public address); without them the sheet
 * says why there is no code. The sheet is made when printing starts (the button, or the
 * browser's own Print command, which prints the same pages), not at every frame; "Print this story" prints one page per step of
 * doc.story: its title, date, content note, its map (the live map shown at the step's
 * frame and view, then copied), narrative, events with quotes and sources, permalink.
 */

import { formatNumber, t } from "../core/i18n.js";
import { MESSAGES } from "../core/messages.js";
import { hashOf } from "../core/address.js";
import { qrPath } from "../core/qr.js";
import { button, el, quoteEl, svg } from "./dom.js";
import { sourceOf } from "./cite.js";
import { addTranslation } from "./translated.js";
import { mapControl } from "./shell.js";

export const NO_QR_TEXT = MESSAGES.noQr;

// One event as a handout lists it: what, when, where, the quote and its source (plain text).
export function eventEntry(doc, id) {
  const event = doc.events[id];
  if (!event) {
    return null;
  }
  const source = sourceOf(doc, event.seed);
  const where = event.place ? ` · ${event.place}` : "";
  const item = el("li", "krp-handout-event");
  item.appendChild(el("p", "krp-handout-event-title", `${event.when} · ${event.title}${where}`));
  addTranslation(item, event, "title");
  item.appendChild(quoteEl("blockquote", "krp-handout-quote", `“${event.quote}”`));
  addTranslation(item, event, "quote"); // beside the verbatim English, labelled
  const credit = [source.title, source.publisher, source.licence].filter(Boolean).join(", ");
  item.appendChild(el("p", "krp-handout-source", source.url ? t(MESSAGES.sourceWithUrl, { title: credit, url: source.url }) : t(MESSAGES.source, { title: credit })));
  return item;
}

function eventList(doc, ids, heading) {
  const section = el("section", "krp-handout-events");
  section.appendChild(el("h3", "krp-handout-heading", heading));
  const list = el("ol", "krp-handout-list");
  ids.map((id) => eventEntry(doc, id)).filter(Boolean).forEach((item) => list.appendChild(item));
  if (!list.childNodes.length) {
    section.appendChild(el("p", "krp-handout-none", t(MESSAGES.noDatedEvent)));
  } else {
    section.appendChild(list);
  }
  return section;
}

// A file's address means something on this computer only: its name and the view's part.
export function shownAddress(address) {
  const text = String(address || "");
  if (!text.startsWith("file:")) {
    return text;
  }
  const [path, view] = text.split("#");
  const name = decodeURIComponent(path.split("/").pop() || "");
  return t(MESSAGES.offlineFile, { address: `${name}${view ? `#${view}` : ""}` });
}

// The permalink block: the address as text, and its QR code or why there is none.
export function permalinkBlock(doc, key, fallback) {
  const block = el("section", "krp-handout-link");
  const code = doc.qr && doc.qr.codes ? doc.qr.codes[key] : null;
  const address = code ? code.url : shownAddress(fallback);
  if (code) {
    const { viewBox, path } = qrPath(code);
    const picture = svg("svg", { viewBox, class: "krp-handout-qr", role: "img",
      "aria-label": t(MESSAGES.qrLabel), "shape-rendering": "crispEdges" });
    picture.appendChild(svg("rect", { x: 0, y: 0, width: "100%", height: "100%", class: "krp-qr-light" }));
    picture.appendChild(svg("path", { d: path, class: "krp-qr-dark" })); // print.css: black on white
    block.appendChild(picture);
  }
  const words = el("div", "krp-handout-address");
  words.appendChild(el("p", "krp-handout-label", t(MESSAGES.openAgain)));
  words.appendChild(el("p", "krp-handout-url", address || t(MESSAGES.noAddress)));
  if (!code) {
    words.appendChild(el("p", "krp-handout-noqr", t(NO_QR_TEXT)));
  }
  block.appendChild(words);
  return block;
}

export class Handout {
  constructor(api) {
    this.api = api;
    this.sheet = el("article", "krp-handout");
    this.sheet.setAttribute("aria-hidden", "true"); // printed, never read on screen
    const box = el("div", "krp-handout-box krp-print-hide");
    box.appendChild(button(t(MESSAGES.printFrame), t(MESSAGES.printFrameHint),
      () => this.print("frame"), "krp-button krp-print-frame"));
    if (Array.isArray(api.doc.story) && api.doc.story.length) {
      box.appendChild(button(t(MESSAGES.printStory), t(MESSAGES.printStoryHint),
        () => this.print("story"), "krp-button krp-print-story"));
    }
    if (!api.present) {
      mapControl(api.map, "topright", box);
    }
    api.map.getContainer().parentNode.appendChild(this.sheet);
    window.addEventListener("beforeprint", () => { // the browser's own Print command
      if (this.printing === null && !this.shell().classList.contains("krp-prints-quiz")) {
        this.prepare("frame");
      }
    });
    window.addEventListener("afterprint", () => this.restore());
    this.printing = null;
  }

  // The map at its paper size showing what the screen showed, the legend's folds open.
  prepare(what) {
    const api = this.api;
    if (this.printing === null) {
      this.folds = [...this.shell().querySelectorAll(".krp-legend details:not([open])")];
      this.folds.forEach((fold) => { fold.open = true; });
      this.view = { center: api.map.getCenter(), zoom: api.map.getZoom(), bounds: api.map.getBounds() };
    }
    this.printing = what;
    api.setClass("krp-printing", true);
    api.setClass("krp-prints-story", what === "story");
    api.relayout();
    if (this.view.bounds) { // what was on screen, at the paper's size
      api.map.fitBounds(this.view.bounds, { animate: false });
    }
    this.fill(what);
  }

  restore() {
    if (this.printing === null) {
      return;
    }
    this.printing = null;
    (this.folds || []).forEach((fold) => { fold.open = false; });
    this.api.setClass("krp-printing", false);
    this.api.setClass("krp-prints-story", false);
    this.api.relayout();
    this.api.map.setView(this.view.center, this.view.zoom, { animate: false });
    this.sheet.replaceChildren();
  }

  frame() {
    return this.api.clock.frames[this.api.clock.index];
  }

  shell() {
    return this.api.map.getContainer().closest(".krp-shell") || this.api.map.getContainer();
  }

  fill(what) {
    const frame = this.frame();
    if (!frame) {
      return;
    }
    if (what === "story") {
      this.sheet.replaceChildren(...(this.api.doc.story || []).map((step) => this.stepSheet(step)));
      this.api.go(this.api.clock.frames.indexOf(frame)); // back to the frame it was on
    } else {
      this.sheet.replaceChildren(...this.frameSheet(frame));
    }
    this.sheet.dataset.prints = what;
    this.sheet.dataset.frame = frame.key;
  }

  frameSheet(frame) {
    const doc = this.api.doc;
    const head = el("header", "krp-handout-head");
    head.appendChild(el("h2", "krp-handout-title", doc.title || ""));
    head.appendChild(el("p", "krp-handout-date", t(MESSAGES.dateShown, { date: frame.label })));
    if (frame.caption) {
      head.appendChild(el("p", "krp-handout-caption", frame.caption));
    }
    const ids = [...(frame.events || [])];
    const about = frame.headline && ids.indexOf(frame.headline) > 0 ? [frame.headline] : [];
    const ordered = [...about, ...ids.filter((id) => about.indexOf(id) < 0)];
    return [head, eventList(doc, ordered, t(MESSAGES.eventsInWords, { date: frame.label })),
      permalinkBlock(doc, frame.key, this.api.permalink())];
  }

  stepSheet(step) {
    const doc = this.api.doc;
    const page = el("section", "krp-handout-step");
    const key = String(step.date || "");
    const frame = this.api.clock.frames.find((f) => f.key === key);
    // The step's title, its content note and its narrative each with its translation under
    // it, as the story card on screen gives them (the note is the one a class must read).
    page.appendChild(el("h2", "krp-handout-title", `${formatNumber(step.step)}. ${step.title}`));
    addTranslation(page, step, "title");
    page.appendChild(el("p", "krp-handout-date", t(MESSAGES.dateShown, { date: frame ? frame.label : key })));
    if (step.contentNote) {
      page.appendChild(el("p", "krp-handout-note", step.contentNote));
      addTranslation(page, step, "content_note");
    }
    if (frame) {
      page.appendChild(this.snapshot(this.api.clock.frames.indexOf(frame), step));
    }
    page.appendChild(el("p", "krp-handout-narrative", step.narrative || ""));
    addTranslation(page, step, "narrative");
    page.appendChild(eventList(doc, step.events || [], t(MESSAGES.stepSources)));
    const base = this.api.permalink().split("#")[0];
    page.appendChild(permalinkBlock(doc, key, frame && base ? base + hashOf(frame, "explore") : base));
    return page;
  }

  // The map at a step's frame and view, copied as drawn (the live map moves on).
  snapshot(index, step) {
    const api = this.api;
    api.go(index);
    if (Number.isFinite(step.lat) && Number.isFinite(step.lon) && Number.isFinite(step.zoom)) {
      api.map.setView([step.lat, step.lon], step.zoom, { animate: false });
    }
    const box = el("div", "krp-handout-snapshot leaflet-container");
    box.setAttribute("aria-hidden", "true");
    const pane = api.map.getContainer().querySelector(".leaflet-map-pane");
    if (pane) {
      box.appendChild(pane.cloneNode(true));
    }
    return box;
  }

  print(what) {
    this.prepare(what);
    window.print();
  }
}

export const handout = { name: "handout", mount: (api) => new Handout(api) };
