/* "Cite this view": an add-on of the player (its interface: addons.js).
 *
 * A button on the map, under "Layers & factions" (not in presentation), opens a dialog with the citation of what is on
 * screen in APA, Chicago, BibTeX and RIS (core/cite.js writes them; nothing leaves the
 * page). The view is the frame shown, the layers and factions switched on, the address
 * the host gives (the permalink), today's date, and the sources of what the frame shows
 * (doc.sources, by seed file). The work's own title, authors and versions come from
 * doc.citation (kr_map/citation.py).
 */

import { t } from "../core/i18n.js";
import { MESSAGES } from "../core/messages.js";
import { citations, viewName } from "../core/cite.js";
import { sourceRecord } from "../core/rules.js";
import { button, el } from "./dom.js";
import { mapControl } from "./shell.js";

const STYLES = [["apa", "APA"], ["chicago", "Chicago"], ["bibtex", "BibTeX"], ["ris", "RIS"]];

// The seed files behind the frame: its events' and the cards of what it draws.
export function seedsOf(doc, frame) {
  const seeds = [];
  const add = (seed) => {
    if (seed && seeds.indexOf(seed) < 0) {
      seeds.push(seed);
    }
  };
  (frame.events || []).forEach((id) => add((doc.events[id] || {}).seed));
  (frame.features || []).forEach((index) => {
    ((doc.features[index] || {}).cards || []).forEach((card) => add((doc.cards[card] || {}).seed));
  });
  return seeds;
}

// A source's record: doc.sources[seed] when the data has one, else the file's name alone.
export function sourceOf(doc, seed) {
  const known = sourceRecord(doc.sources, seed);
  return known ? { title: known.title, url: known.url, publisher: known.publisher, licence: known.licence }
    : { title: seed, url: "", publisher: "", licence: "" };
}

function today() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export class Cite {
  constructor(api) {
    this.api = api;
    this.dialog = this.makeDialog();
    this.open = button(t(MESSAGES.cite), t(MESSAGES.citeHint), () => this.show(), "krp-button krp-cite");
    if (!api.present) { // the wall keeps its room for the action and its source
      mapControl(api.map, "topright", this.open);
    }
    api.map.getContainer().parentNode.appendChild(this.dialog);
  }

  makeDialog() {
    const dialog = el("dialog", "krp-cite-dialog");
    dialog.setAttribute("aria-label", t(MESSAGES.citeTitle));
    dialog.appendChild(el("h2", "krp-cite-title", t(MESSAGES.citeTitle)));
    this.boxes = {};
    STYLES.forEach(([key, name]) => {
      const label = el("label", "krp-cite-style", name);
      const box = el("textarea", "krp-cite-text");
      box.readOnly = true;
      box.rows = key === "bibtex" || key === "ris" ? 8 : 4;
      box.setAttribute("aria-label", t(MESSAGES.citationOf, { style: name }));
      label.appendChild(box);
      const copy = button(t(MESSAGES.copy), t(MESSAGES.copyHint, { style: name }), () => this.copy(box), "krp-button krp-cite-copy");
      dialog.appendChild(label);
      dialog.appendChild(copy);
      this.boxes[key] = box;
    });
    dialog.appendChild(button(t(MESSAGES.close), t(MESSAGES.closeCitation), () => dialog.close(), "krp-button krp-cite-close"));
    return dialog;
  }

  // The view on screen now, as core/cite.js reads it.
  view() {
    const api = this.api;
    const doc = api.doc;
    const frame = api.clock.frames[api.clock.index];
    const on = api.view();
    const work = doc.citation || {};
    return {
      title: work.title || doc.title,
      authors: work.authors || "",
      software: work.software || "",
      dataVersion: work.dataVersion || "",
      shown: viewName(frame.key),
      key: frame.key,
      layers: on.layers.length === doc.layers.length ? "all"
        : on.layers.map((id) => (work.layerTitles || {})[id] || id), // English, as the styles
      factions: on.factions.length === doc.factions.length ? "all"
        : on.factions.map((id) => (api.faction(id) || { name: id }).name),
      url: api.permalink(),
      accessed: today(),
      sources: seedsOf(doc, frame).map((seed) => sourceOf(doc, seed)),
    };
  }

  show() {
    const text = citations(this.view());
    STYLES.forEach(([key]) => { this.boxes[key].value = text[key]; });
    if (typeof this.dialog.showModal === "function") {
      this.dialog.showModal();
    } else {
      this.dialog.setAttribute("open", "");
    }
  }

  copy(box) {
    box.select();
    const clipboard = typeof navigator !== "undefined" ? navigator.clipboard : null;
    if (clipboard && typeof clipboard.writeText === "function") {
      clipboard.writeText(box.value).catch(() => {});
    }
  }
}

export const cite = { name: "cite", mount: (api) => new Cite(api) };
