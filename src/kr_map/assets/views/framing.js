// Framing the stage: in presentation the map shows each frame's action (`frame.focus`,
// contract C) at every frame shown (not while playing); elsewhere it opens on the whole
// action of the document (`doc.bounds`: every feature in view while a student explores).
// A single place is not zoomed to a street map (MAX_ZOOM). Once the user moves or zooms
// the map themselves, framing stops until they ask again with the Reframe button. Story
// steps keep their own view (`options.view`); a map squeezed to nothing keeps its view; a
// map whose size changed by a little (a caption's line) keeps it while the action still
// lies in its room (core/hold.js).

import { holdsView } from "../core/hold.js";
import { t } from "../core/i18n.js";
import { MESSAGES } from "../core/messages.js";
import { button, el, svg } from "./dom.js";
import { INSET } from "./locator.js";
import { mapControl } from "./shell.js";

export const MAX_ZOOM = 9; // Pailin with Mount Thom and Sok Sann around it, not its streets
const PADDING = 48; // pixels kept free around the action (markers and their names)
const TOP = 64; // the Layers & factions box at the top, at least
const BELOW_BOXES = 16; // pixels between the boxes of the top-right corner and the action
// The locator inset in the bottom-left corner: the action is framed to its right, since
// the border war often lies on the map's western edge.
const LEFT = INSET.width + 24;

// The Reframe button. Its message starts with "⌖" (U+2316), which none of the page's fonts
// draws (DejaVu Sans, Noto Sans Khmer: a missing-glyph box in every language): the button
// shows the message's words and draws the crosshair itself, as SVG in the text's colour.
function reframeButton(onClick) {
  const words = t(MESSAGES.reframe).replace("\u2316", "").trim();
  const node = button(words, t(MESSAGES.reframeHint), onClick, "krp-button krp-reframe");
  const icon = svg("svg", { viewBox: "0 0 24 24", width: 24, height: 24, class: "krp-reframe-icon", "aria-hidden": "true" });
  icon.appendChild(svg("circle", { cx: 12, cy: 12, r: 6.5, fill: "none", stroke: "currentColor", "stroke-width": 2.5 }));
  icon.appendChild(svg("path", { d: "M12 1v7M12 16v7M1 12h7M16 12h7", stroke: "currentColor", "stroke-width": 2.5 }));
  node.insertBefore(icon, node.firstChild);
  return node;
}

// How far down the boxes of the map's top-right corner reach (layers, mode, handout, quiz):
// the action is framed below them, or a box would hide the place a frame is about.
function topRightHeight(map) {
  const corner = map.getContainer().querySelector(".leaflet-top.leaflet-right");
  return corner ? corner.offsetHeight : 0;
}

export class Framing {
  constructor(ctx) {
    this.ctx = ctx;
    this.auto = true; // the map follows the frames until the user moves it
    this.busy = false; // our own moves are not the user's
    this.opened = false;
    this.reframe = reframeButton(() => this.resume());
    this.reframe.hidden = true;
    const box = el("div", "krp-reframe-box leaflet-bar");
    box.appendChild(this.reframe);
    mapControl(ctx.map, "topleft", box);
  }

  subscribe() {
    const { map, clock, playback } = this.ctx;
    map.on("dragstart zoomstart", () => {
      if (!this.busy) {
        this.auto = false;
        this.reframe.hidden = false;
      }
    });
    map.on("resize", () => {
      if (this.auto && !this.holds()) {
        this.fit();
      }
    });
    const follows = this.follows();
    // While playing, the stage holds still (a zoom every second and a half disorients the
    // room); it frames the frame shown when playing stops.
    clock.on("frame", () => {
      if (this.auto && (!this.opened || (follows && !playback.playing))) {
        this.fit();
      }
      this.opened = true;
    });
    playback.on("change", ({ playing }) => {
      if (this.auto && follows && !playing) {
        this.fit();
      }
    });
  }

  // Frame again on the user's word, and follow the frames from now on.
  resume() {
    this.auto = true;
    this.reframe.hidden = true;
    this.fit();
  }

  // Each frame framed on its own action: in presentation, but not compare's two maps, which
  // pan together and keep one view.
  follows() {
    return Boolean(this.ctx.options.present) && !this.ctx.options.sync;
  }

  // The bounds to show: the frame's action when following the frames, else everything the
  // document shows, else null.
  bounds() {
    const frame = this.follows() ? this.ctx.clock.frame : null;
    return (frame && frame.focus) || this.ctx.doc.bounds || null;
  }

  fit() {
    this.busy = true;
    try {
      this.fitNow();
    } finally {
      this.busy = false;
    }
  }

  fitNow() {
    const { map, options } = this.ctx;
    map.options.zoomSnap = 0.25;
    const view = options.view;
    if (view && Array.isArray(view.center)) {
      map.setView(view.center, view.zoom || 8, { animate: false });
      return;
    }
    const bounds = this.bounds();
    const padding = this.padding();
    if (!bounds || !padding) {
      return;
    }
    map.fitBounds(bounds, { ...padding, maxZoom: MAX_ZOOM, animate: false });
  }

  // The room kept around the action, as fitBounds' padding ([x, y] pixels); null when the
  // map has no size.
  padding() {
    const size = this.ctx.map.getSize();
    if (size.x <= 0 || size.y <= 0) {
      return null;
    }
    const room = (wanted, length) => Math.max(0, Math.min(wanted, (length - 40) / 2));
    const top = Math.max(TOP, topRightHeight(this.ctx.map) + BELOW_BOXES);
    return { paddingTopLeft: [room(LEFT, size.x), room(top, size.y)],
      paddingBottomRight: [room(PADDING, size.x), room(PADDING, size.y)] };
  }

  // After a resize: true when the view may stay as it is (core/hold.js: the action still
  // inside its room, its zoom a notch or less below a new framing's). A story step's own
  // view is set again, as before.
  holds() {
    const { map, options } = this.ctx;
    const bounds = this.bounds();
    const padding = this.padding();
    if ((options.view && Array.isArray(options.view.center)) || !bounds || !padding) {
      return false;
    }
    const latLngs = L.latLngBounds(bounds);
    const [nw, se] = [latLngs.getNorthWest(), latLngs.getSouthEast()].map((ll) => map.latLngToContainerPoint(ll));
    const [tl, br] = [padding.paddingTopLeft, padding.paddingBottomRight];
    const size = map.getSize();
    const fitted = Math.min(MAX_ZOOM, map.getBoundsZoom(latLngs, false, L.point(tl).add(br)));
    return holdsView({ action: { left: nw.x, top: nw.y, right: se.x, bottom: se.y },
      room: { left: tl[0], top: tl[1], right: size.x - br[0], bottom: size.y - br[1] },
      zoom: map.getZoom(), fitted });
  }
}
