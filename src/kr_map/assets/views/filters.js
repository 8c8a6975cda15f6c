// Which layers and factions show, and the government shading: the state, and the box of
// checkboxes on the map that changes it. Views listen for "change".

import { t } from "../core/i18n.js";
import { MESSAGES } from "../core/messages.js";
import { Emitter } from "../core/emitter.js";
import { checkbox, el } from "./dom.js";

// {id: true} for the wanted ids that exist (all of them when `wanted` is not a list).
export function pick(wanted, all) {
  const on = {};
  (Array.isArray(wanted) ? wanted : all).forEach((id) => {
    if (all.indexOf(id) >= 0) {
      on[id] = true;
    }
  });
  return on;
}

export class Filters extends Emitter {
  constructor(doc, options) {
    super();
    this.doc = doc;
    this.options = options;
    this.layersOn = pick(options.layers, doc.layers);
    this.factionsOn = pick(options.factions, doc.factions.map((f) => f.id));
    this.governmentOn = options.government !== false;
  }

  layers() {
    return this.doc.layers.filter((name) => this.layersOn[name]);
  }

  factions() {
    return this.doc.factions.map((f) => f.id).filter((id) => this.factionsOn[id]);
  }

  set(kind, id, on) {
    if (kind === "government") {
      this.governmentOn = on;
    } else {
      this[kind][id] = on;
    }
    this.emit("change", { kind, id, on });
  }

  // The t(MESSAGES.layersAndFactions) box.
  node() {
    const { doc } = this;
    const box = el("details", "krp-box krp-filters");
    box.appendChild(el("summary", "", t(MESSAGES.layersAndFactions)));
    const layers = el("fieldset");
    layers.appendChild(el("legend", "", t(MESSAGES.layers)));
    doc.layers.forEach((name) => {
      checkbox(layers, doc.layerTitles[name], Boolean(this.layersOn[name]), (on) => this.set("layersOn", name, on));
    });
    const factions = el("fieldset");
    factions.appendChild(el("legend", "", t(MESSAGES.factions)));
    doc.factions.forEach((f) => {
      checkbox(factions, f.short, Boolean(this.factionsOn[f.id]), (on) => this.set("factionsOn", f.id, on));
    });
    checkbox(layers, t(MESSAGES.governmentSwitch), this.governmentOn, (on) => this.set("government", null, on));
    box.appendChild(layers);
    box.appendChild(factions);
    if (this.options.mode === "story") {
      layers.disabled = true;
    }
    return box;
  }
}
