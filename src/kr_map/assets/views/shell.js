// The page around the map: the date and caption above it, the chart slot under it, the
// time bar and the events panel. The host puts the shell in the page (hosts/*.js).

import { el } from "./dom.js";

export class Shell {
  constructor(ctx) {
    const { doc, options } = ctx;
    this.ctx = ctx;
    this.node = el("main", `krp-shell krp-mode-${options.mode || "explore"}`);
    if (options.present) {
      this.node.classList.add("krp-present");
    }
    if (options.panel === false) {
      this.node.classList.add("krp-no-panel");
    }
    this.node.setAttribute("aria-label", `kr-map: ${doc.title}`);
    const head = el("header", "krp-head");
    head.appendChild(el("h1", "krp-title", doc.title));
    this.date = el("p", "krp-date");
    this.date.setAttribute("aria-live", "polite");
    this.caption = el("p", "krp-caption");
    head.appendChild(this.date);
    head.appendChild(this.caption);
    this.mapBox = el("div", "krp-map");
    this.chartSlot = el("section", "krp-chart-slot");
    this.chartSlot.hidden = true;
    this.node.appendChild(head);
    this.node.appendChild(this.mapBox);
    this.node.appendChild(this.chartSlot);
  }

  // Take the map's container into the shell, after `attach` put the shell beside it.
  holdMap(container) {
    this.mapBox.appendChild(container);
    container.style.height = "";
    container.style.width = "";
    container.setAttribute("aria-label", "Map");
  }

  subscribe() {
    this.ctx.clock.on("frame", ({ frame }) => {
      this.date.textContent = frame.label;
      this.caption.textContent = frame.caption;
      this.caption.title = frame.caption;
    });
  }

  // Data attributes the tests and the benchmarks wait on.
  mark(name, value) {
    this.node.dataset[name] = value;
  }
}

// A box on the map (Leaflet control) holding `node`; clicks and wheels stay in it.
export function mapControl(map, position, node) {
  const Box = L.Control.extend({
    onAdd() {
      L.DomEvent.disableClickPropagation(node);
      L.DomEvent.disableScrollPropagation(node);
      return node;
    },
  });
  new Box({ position }).addTo(map);
}

// The frame failed to load: say so above the map.
export function failNode(message) {
  const box = el("p", "krp-error", message);
  box.setAttribute("role", "alert");
  return box;
}
