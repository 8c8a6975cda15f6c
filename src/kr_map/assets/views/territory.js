// The government of the day, shaded over its country: approximate by design (the sources
// say who governed, not where the front lines ran). Follows the clock and the switch.

import { t } from "../core/i18n.js";
import { MESSAGES } from "../core/messages.js";
import { governmentTip } from "../core/rules.js";
import { noTabStop } from "./areas.js";
import { el } from "./dom.js";
import { cardNode } from "./cards.js";

export class Territory {
  constructor(ctx) {
    this.ctx = ctx;
    this.layer = null;
  }

  build() {
    const { doc, map } = this.ctx;
    if (!doc.territory) {
      return;
    }
    this.layer = L.geoJSON({ type: "Feature", properties: {}, geometry: doc.territory }, {
      style: { stroke: false, fillOpacity: 0, interactive: true, className: "krp-government" },
    });
    this.layer.bindTooltip(() => el("span", "", this.text()), { sticky: true });
    noTabStop(this.layer);
    this.layer.bindPopup(() => {
      const g = this.government();
      return g ? cardNode(doc.cards[g.card], "h3", doc.sources) : el("p", "", t(MESSAGES.noGovernmentShort));
    }, { maxWidth: 440 });
    this.layer.addTo(map);
    this.toBack();
  }

  // Below everything else the map draws (areas included): approximate by design.
  toBack() {
    if (this.layer) {
      this.layer.bringToBack();
    }
  }

  subscribe() {
    const shade = () => this.shade();
    this.ctx.clock.on("frame", shade);
    this.ctx.filters.on("change", shade);
  }

  government() {
    const frame = this.ctx.clock.frame;
    return frame ? frame.government : null;
  }

  text() {
    const g = this.government();
    return g ? governmentTip(this.ctx.doc.cards[g.card].title) : t(MESSAGES.noGovernment);
  }

  shade() {
    if (!this.layer) {
      return;
    }
    const g = this.government();
    const on = this.ctx.filters.governmentOn && g;
    this.layer.setStyle({ fillColor: on ? this.ctx.colourOf(g.faction) : this.ctx.look.neutral,
      fillOpacity: on ? this.ctx.look.government.fillOpacity : 0 });
  }
}
