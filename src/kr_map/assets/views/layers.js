// The frame's features on the map: what is new is added, what is gone removed, the rest
// kept (each feature's layer is made once). Follows the clock and the filters; emits
// "stacked" once areas lie under the rest, then "drawn" with the features on the map.
// After every draw, zoom and move the markers are parted (core/declutter.js: the places
// the frame is about keep their spot and their names) and the names placed (labels.js),
// once for all the changes of one turn of the page's script (a switch that also reframes
// and resizes the map arranges once), reading the page at once and then writing it.

import { declutter } from "../core/declutter.js";
import { Emitter } from "../core/emitter.js";
import { factionShown } from "../core/rules.js";
import { featureLayer } from "./features.js";
import { placeLabels, readNames, writeNames } from "./labels.js";
import { placeChildren, svg } from "./dom.js";

// Which markers are parted, in the order they claim their spot (the frame's `about` places
// come before all): held places, then event symbols, then the marks of movements whose
// destination is not given, then camps. Arrowheads stay on their lines; areas and lines
// are not markers.
const PARTED = { place: 1, symbol: 2, move: 3, camp: 4 };

function parted(feature) {
  if (feature.type === "move") { // only the outward mark of a movement with no direction
    return feature.open && !Array.isArray(feature.toward);
  }
  return Boolean(PARTED[feature.type]);
}

const PREPARE_MS = 3; // idle time left below which making layers ahead waits for more
const LEADER_MIN = 14; // pixels: a marker moved less still sits on its place; no line

// A line from a moved marker back to where it belongs, with a dot on that spot; `box`: the
// marker's size.
function leader(node, anchor, dx, dy, box) {
  const old = node.querySelector(":scope > .krp-leader");
  if (old) {
    old.remove();
  }
  if (Math.hypot(dx, dy) < LEADER_MIN) {
    return;
  }
  const [x, y] = [anchor[0] - dx, anchor[1] - dy];
  const line = svg("svg", { class: "krp-leader", width: 1, height: 1, "aria-hidden": "true", focusable: "false" });
  line.appendChild(svg("line", { x1: box.width / 2, y1: box.height / 2, x2: x, y2: y }));
  line.appendChild(svg("circle", { cx: x, cy: y, r: 4 }));
  node.insertBefore(line, node.firstChild);
}

export class Layers extends Emitter {
  constructor(ctx) {
    super();
    this.ctx = ctx;
    this.drawn = {}; // feature index -> Leaflet layer (made once, reused)
    this.onMap = {}; // feature index -> true while on the map
    this.parted = new WeakMap(); // marker node -> its offset and size as last parted
    this.due = null; // what is to be arranged at the end of this turn: "labels" | "markers"
    this.preparing = null; // the idle callback making the next frames' layers ahead
  }

  subscribe() {
    this.ctx.clock.on("frame", () => {
      this.ctx.map.closePopup();
      this.redraw();
    });
    this.ctx.filters.on("change", () => this.redraw());
    this.ctx.map.on("zoomend", () => this.arrangeSoon("markers"));
    this.ctx.map.on("moveend", () => this.arrangeSoon("labels"));
  }

  // Part the markers ("markers") or only place the names ("labels") once the script that
  // asked is done: a switch, the reframing and the resize it brings are arranged once.
  arrangeSoon(what) {
    if (!this.ctx.clock.frame) {
      return;
    }
    const first = this.due === null;
    this.due = what === "markers" || this.due === "markers" ? "markers" : "labels";
    if (first) {
      queueMicrotask(() => this.arrangeDue());
    }
  }

  arrangeDue() {
    this.fitToPage(); // may reframe and ask again: that joins this arrangement
    const what = this.due;
    this.due = null;
    if (what === "markers") {
      this.arrange();
    } else if (what === "labels") {
      placeLabels(this.ctx.map);
    }
  }

  // The page around the map may have changed its size with the frame (a caption of two
  // lines): the map learns it now, as its ResizeObserver would before the paint, so the
  // markers are measured at the size they are painted at.
  fitToPage() {
    const map = this.ctx.map;
    const container = map.getContainer();
    const size = map.getSize();
    if (container.clientWidth !== size.x || container.clientHeight !== size.y) {
      // Its "moveend" (every path clipped again) waits: the framing's own move, when it
      // frames again at the new size, brings one now; a map left as the user moved it gets
      // it once the frames stop changing (the paths' margin covers a line or two till then).
      map.invalidateSize({ debounceMoveend: true });
    }
  }

  // While the page is idle, the layers of the neighbouring frames' features are made, so a
  // step to them adds layers rather than makes them.
  prepareSoon() {
    if (typeof window.requestIdleCallback !== "function" || this.preparing) {
      return;
    }
    this.preparing = window.requestIdleCallback((deadline) => {
      this.preparing = null;
      this.prepare(deadline);
    });
  }

  prepare(deadline) {
    const { frames, index } = this.ctx.clock;
    const near = [index + 1, index - 1].filter((i) => i >= 0 && i < frames.length);
    for (const i of near) {
      for (const feature of frames[i].features) {
        if (deadline.timeRemaining() < PREPARE_MS) {
          this.prepareSoon();
          return;
        }
        this.layerOf(feature);
      }
    }
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
    let added = false;
    frame.features.forEach((index) => {
      if (wanted[index] && !this.onMap[index]) {
        this.layerOf(index).addTo(map);
        this.onMap[index] = true;
        added = true;
      }
    });
    // What was added lies on top; what was only taken away left the others in their order.
    if (added && this.areasToBack(frame)) {
      this.emit("stacked");
    }
    const features = Object.keys(this.onMap).map((i) => doc.features[i]);
    this.arrangeSoon("markers");
    this.prepareSoon();
    this.emit("drawn", { frame, features });
  }

  // The frame's markers on screen, each {node, anchor, rank, feature}, in claiming order.
  markers() {
    const { doc, clock } = this.ctx;
    const about = new Set(clock.frame.about || []);
    const found = [];
    clock.frame.features.forEach((index) => {
      const feature = doc.features[index];
      if (!this.onMap[index] || !parted(feature)) {
        return;
      }
      this.drawn[index].eachLayer((layer) => {
        const node = layer.getElement ? layer.getElement() : null;
        if (node) {
          const rank = feature.type === "place" && about.has(feature.place) ? 0 : PARTED[feature.type];
          found.push({ node, anchor: layer.options.icon.options.iconAnchor, rank, feature, about });
        }
      });
    });
    return found.sort((a, b) => a.rank - b.rank);
  }

  // Part the markers where they overlap (with leader lines), then place the names: the
  // places the frame is about, and those that changed hands, name themselves first. Each
  // marker's box is read where it is drawn, less the offset it was given last time, and
  // that offset is where it goes if its own place is taken and the offset is still free (a
  // step moves only the markers it must). The names are read with the markers, before any
  // is moved (one layout for both): a marker moved now carries what was read inside it.
  arrange() {
    const markers = this.markers();
    const boxes = markers.map(({ node }, id) => {
      const was = (this.parted.get(node) || { shift: [0, 0] }).shift;
      const box = node.getBoundingClientRect();
      const [dx, dy] = was;
      return { id, was, box: { left: box.left - dx, top: box.top - dy, right: box.right - dx, bottom: box.bottom - dy } };
    });
    const names = readNames(this.ctx.map);
    const moved = new Map();
    declutter(boxes).forEach(({ id, dx, dy }) => {
      const { node, anchor, feature, about } = markers[id];
      const { box } = boxes[id];
      const size = [box.right - box.left, box.bottom - box.top];
      const key = `${dx} ${dy} ${size[0]} ${size[1]}`;
      const was = this.parted.get(node) || { shift: [0, 0], key: "0 0" };
      if (was.key !== key) {
        node.style.translate = dx || dy ? `${dx}px ${dy}px` : "";
        node.classList.toggle("krp-moved", Boolean(dx || dy));
        leader(node, anchor, dx, dy, { width: size[0], height: size[1] });
        this.parted.set(node, { shift: [dx, dy], key });
        moved.set(node, [dx - was.shift[0], dy - was.shift[1]]);
      }
      const label = node.querySelector(".krp-label-place");
      const priority = feature.was || about.has(feature.place) ? "0" : "1";
      if (label && label.dataset.priority !== priority) {
        label.dataset.priority = priority;
      }
    });
    writeNames(names, moved);
  }

  // Areas lie under every line and marker (the frame lists them bottom layer first);
  // returns true when there were areas to move. Only the paths out of place are moved: what
  // lay under the areas (the government's shade) stays under them, the rest keeps its order.
  areasToBack(frame) {
    const areas = [];
    frame.features.forEach((index) => {
      if (this.onMap[index] && this.ctx.doc.features[index].type === "area") {
        this.drawn[index].eachLayer((part) => areas.push(part.getElement ? part.getElement() : null));
      }
    });
    const parent = areas.length && areas[0] ? areas[0].parentNode : null;
    if (!parent || areas.some((node) => !node || node.parentNode !== parent)) {
      return this.areasToBackOneByOne(frame); // not one SVG (a canvas): Leaflet moves them
    }
    const ours = new Set();
    Object.keys(this.onMap).forEach((index) => this.drawn[index].eachLayer((part) => {
      ours.add(part.getElement ? part.getElement() : null);
    }));
    const children = Array.from(parent.childNodes);
    const under = children.findIndex((node) => ours.has(node)); // found: the areas are ours
    const isArea = new Set(areas);
    const rest = children.slice(under).filter((node) => !isArea.has(node));
    placeChildren(parent, [...children.slice(0, under), ...areas, ...rest]);
    return true;
  }

  areasToBackOneByOne(frame) {
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
