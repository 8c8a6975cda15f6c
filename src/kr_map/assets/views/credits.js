// The map's credits, from the document's own record of its sources (contract C), as plain
// text. Links in Leaflet's attribution open in a new tab: a click never takes the map's
// frame away (offline, that page would not come back until a reload).

import { creditLine } from "../core/rules.js";
import { el } from "./dom.js";
import { mapControl } from "./shell.js";

function linksOpenApart(container) {
  container.addEventListener("click", (event) => {
    const link = event.target && event.target.closest ? event.target.closest("a[href]") : null;
    if (link) { // set before the browser follows it: the same click opens a new tab
      link.target = "_blank";
      link.rel = "noopener noreferrer";
    }
  }, true);
}

export function credits(map, doc) {
  if (map.attributionControl) {
    linksOpenApart(map.attributionControl.getContainer());
  }
  mapControl(map, "bottomright", el("div", "krp-credits leaflet-control-attribution", creditLine(doc.sources)));
}
