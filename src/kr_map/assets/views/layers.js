// The frame's features on the map: what is new is added, what is gone removed, the rest
// kept (each feature's layer is made once). Follows the clock and the filters; emits
// "stacked" once areas lie under the rest, then "drawn" with the features on the map.

import { Emitter } from "../core/emitter.js";
import { factionShown } from "../core/rules.js";
import { featureLayer } from "./features.js";
import { placeLabels } from "./labels.js";

export class Layers extends Emitter {
  constructor(ctx) {
    super();
    this.ctx = ctx;
    this.drawn = {}; // feature index -> Leaflet layer (made once, reused)
    this.onMap = {}; // feature index -> true while on the map
  }

  subscribe() {
    this.ctx.clock.on("frame", () => {
      this.ctx.map.closePopup();
      this.redraw();
    });
    this.ctx.filters.on("change", () => this.redraw());
    this.ctx.map.on("zoomend moveend", () => {
      if (this.ctx.clock.frame) {
        placeLabels(this.ctx.map);
      }
    });
  }

  visible(feature) {
    return Boolean(this.ctx.filters.layersOn[feature.layer]) &&
      factionShown(feature.factions, this.ctx.filters.factionsOn);
  }

  layerOf(index) {
    if (!this.drawn[index]) {
      this.drawn[index] = featureLayer(this.ctx, this.ctx.doc.features[index]);
    }
    return this.drawn[index];
  }

  redraw() {
    const { doc, map } = this.ctx;
    const frame = this.ctx.clock.frame;
    const wanted = {};
    frame.features.forEach((index) => {
      if (this.visible(doc.features[index])) {
        wanted[index] = true;
      }
    });
    Object.keys(this.onMap).forEach((index) => {
      if (!wanted[index]) {
        map.removeLayer(this.drawn[index]);
        delete this.onMap[index];
      }
    });
    frame.features.forEach((index) => {
      if (wanted[index] && !this.onMap[index]) {
        this.layerOf(index).addTo(map);
        this.onMap[index] = true;
      }
    });
    if (this.areasToBack(frame)) {
      this.emit("stacked");
    }
    const features = Object.keys(this.onMap).map((i) => doc.features[i]);
    this.emit("drawn", { frame, features });
    placeLabels(map);
  }

  // Areas lie under every line and marker (the frame lists them bottom layer first);
  // returns true when there were areas to move.
  areasToBack(frame) {
    let moved = false;
    frame.features.slice().reverse().forEach((index) => {
      if (this.onMap[index] && this.ctx.doc.features[index].type === "area") {
        this.drawn[index].bringToBack();
        moved = true;
      }
    });
    return moved;
  }

  // Pan to the marker of an event and open its popup.
  showEvent(id) {
    this.ctx.clock.frame.features.forEach((index) => {
      const feature = this.ctx.doc.features[index];
      if ((feature.events || []).indexOf(id) >= 0 && this.onMap[index]) {
        const layer = this.drawn[index];
        const target = layer.getLayers()[0];
        this.ctx.map.panTo(target.getLatLng ? target.getLatLng() : layer.getBounds().getCenter());
        target.openPopup();
      }
    });
  }
}
