/* kr-map's one time player: the Streamlit map and the HTML export both run it.
 *
 * It takes a Leaflet map and the frames document (kr_map/frames.py), builds the page
 * around the map and switches frames in the browser. The parts talk through the clock's
 * events: the cores (core/*.js: clock, playback, settle, keys, limit) know no DOM; the
 * views (views/*.js) subscribe to the clock and the filters; the host (hosts/*.js) is the
 * only part that touches its page: where the shell goes, which keys it hears, where a
 * report goes, the address. Add-ons (the charts) get a declared interface (addons.js).
 *
 * Options (mount): start, layers, factions, limit (predict), mode ("explore" | "predict" |
 * "story" | "compare"), present, view {center, zoom}, speed, loop, sync, panel, legendClosed,
 * government, and look: how things look, sent by Python (kr_map/symbols.py: look()).
 */

import { joinAreas } from "./core/apart.js";
import { Clock } from "./core/clock.js";
import { Emitter } from "./core/emitter.js";
import { newsStep, yearStep } from "./core/frames.js";
import { describeKey, playerAction } from "./core/keys.js";
import { canReveal, revealAction, revealRequest, revealTarget } from "./core/limit.js";
import { Playback } from "./core/playback.js";
import { RELEASE_MS, Reporter } from "./core/settle.js";
import { Patterns } from "./views/areas.js";
import { colourOr } from "./views/dom.js";
import { credits } from "./views/credits.js";
import { Filters } from "./views/filters.js";
import { Framing } from "./views/framing.js";
import { language } from "./views/language.js";
import { Layers } from "./views/layers.js";
import { Legend } from "./views/legend.js";
import { Locator } from "./views/locator.js";
import { Panel } from "./views/panel.js";
import { Shell, mapControl } from "./views/shell.js";
import { syncViews } from "./views/sync.js";
import { Territory } from "./views/territory.js";
import { TimeBar } from "./views/timebar.js";

export const BROWSER_TIMERS = {
  setInterval: (fn, ms) => window.setInterval(fn, ms),
  clearInterval: (id) => window.clearInterval(id),
  setTimeout: (fn, ms) => window.setTimeout(fn, ms),
  clearTimeout: (id) => window.clearTimeout(id),
};

export class Player extends Emitter {
  constructor(map, doc, options, host) {
    super();
    if (!options.look) {
      throw new Error("the player needs its look (kr_map.symbols.look) in the mount options");
    }
    this.map = map;
    this.doc = doc;
    this.options = options;
    this.host = host;
    this.look = options.look;
    this.factionsById = {};
    doc.factions.forEach((f) => { this.factionsById[f.id] = f; });
    this.clock = new Clock(doc.frames, options.limit);
    this.filters = new Filters(doc, options);
    this.playback = new Playback(this.clock, BROWSER_TIMERS,
      { speed: options.speed, loop: options.loop, onEnd: () => this.reporter.settle() });
    this.reporter = new Reporter(() => this.state(), (value) => this.send(value), BROWSER_TIMERS);
    this.context = this.makeContext();
    this.actions = this.makeActions();
    this.build();
  }

  // What the views may use: data, the clock and filters to follow, a few services.
  makeContext() {
    return Object.freeze({
      doc: this.doc, look: this.look, options: this.options, map: this.map,
      clock: this.clock, filters: this.filters, playback: this.playback,
      patterns: new Patterns(this.map.getContainer(), this.look),
      faction: (id) => this.faction(id),
      colourOf: (id) => this.colourOf(id),
      showEvent: (id) => this.layers.showEvent(id),
      emit: (name, detail) => this.emit(name, detail),
    });
  }

  faction(id) {
    return this.factionsById[id] || null;
  }

  colourOf(id) {
    const f = this.faction(id);
    return f ? colourOr(f.colour, this.look.neutral) : this.look.neutral;
  }

  build() {
    const ctx = this.context;
    const map = this.map;
    this.shell = new Shell(ctx);
    this.host.attach(this.shell.node, map.getContainer());
    this.shell.holdMap(map.getContainer());
    this.timebar = new TimeBar(ctx, this.actions);
    this.panel = new Panel(ctx);
    this.legend = new Legend(ctx);
    if (this.options.panel === false) { // narrow maps (story, compare): a box on the map
      mapControl(map, "bottomright", this.legend.node);
    } else if (!this.options.present) { // on the wall the shell gives it a line of its own
      this.legend.node.classList.add("krp-legend-side");
      this.panel.node.insertBefore(this.legend.node, this.panel.node.firstChild);
    }
    this.shell.arrange({ timebar: this.timebar, panel: this.panel, legend: this.legend, actions: this.actions });
    mapControl(map, "topright", this.filters.node());
    this.territory = new Territory(ctx);
    this.territory.build();
    this.layers = new Layers(ctx);
    this.framer = new Framing(ctx); // frames each frame's action until the user moves the map
    this.locator = new Locator(ctx);
    this.subscribe();
    if (typeof ResizeObserver === "function") { // the page around the map changed its size
      new ResizeObserver(() => map.invalidateSize()).observe(map.getContainer());
    }
    map.invalidateSize();
    this.frameView();
    credits(map, this.doc);
    language(map, this.doc, this.shell.node);
    this.host.keyTargets(this.options).forEach((target) => {
      target.addEventListener("keydown", (event) => this.onKey(event), true);
      // A held key repeats its keydown: the frame is reported once the key is let go.
      target.addEventListener("keyup", () => this.reporter.release(), true);
    });
    if (this.options.sync) {
      syncViews(map, this.options.sync);
    }
    window.addEventListener("resize", () => {
      this.timebar.ticks.draw();
      map.invalidateSize();
    });
  }

  subscribe() {
    this.framer.subscribe(); // before the layers: markers are parted at the framed zoom
    this.locator.subscribe();
    this.layers.subscribe();
    this.legend.subscribe(this.layers);
    this.layers.on("stacked", () => this.territory.toBack());
    this.layers.on("drawn", ({ frame, features }) => {
      this.shell.mark("frame", frame.key);
      this.shell.mark("shown", String(features.length));
    });
    this.panel.subscribe();
    this.territory.subscribe();
    this.shell.subscribe();
    this.timebar.subscribe();
    this.clock.on("frame", ({ frame }) => this.host.frameShown(frame, this.options));
    this.on("popup", ({ events }) => this.panel.highlight(events));
  }

  // Frame the action (or the asked view): views/framing.js.
  frameView() {
    this.framer.fit();
  }

  show(index) {
    const at = this.clock.show(index);
    this.timebar.updateButtons();
    return at;
  }

  // A story step shown in the page (the export's story mode): its frame, its layers (all
  // when it names none) and its view, framed as the step asks.
  showStep({ key, layers, view }) {
    const wanted = Array.isArray(layers) && layers.length ? layers : this.doc.layers;
    this.doc.layers.forEach((name) => {
      const on = wanted.indexOf(name) >= 0;
      if (Boolean(this.filters.layersOn[name]) !== on) {
        this.filters.set("layersOn", name, on);
      }
    });
    this.options.view = view; // views/framing.js frames a story on its step's view
    this.playback.pause();
    const at = this.clock.find(key);
    this.show(at < 0 ? 0 : at);
    this.framer.resume();
  }

  // The areas of control of a document that came without them (doc.areasApart), when they
  // arrive (null: they did not): joined (core/apart.js) and the frame drawn again; a part
  // made for another document is not joined, and the legend says the areas did not come.
  takeAreas(part) {
    const joined = part !== null && joinAreas(this.doc, part);
    if (!joined) {
      this.doc.areasApart = "failed";
    }
    this.layers.redraw();
    this.shell.mark("areas", joined ? "joined" : "failed");
  }

  // What the host is told: the frame, the filters and, in predict mode, the limit.
  state() {
    if (!this.clock.frame) {
      return null;
    }
    return {
      frame: this.clock.frame.key,
      layers: this.filters.layers(),
      factions: this.filters.factions(),
      revealed: this.options.mode === "predict" ? this.clock.frames[this.clock.limit].key : null,
    };
  }

  send(value) {
    this.host.report(value);
    this.shell.mark("reported", value.frame || "");
  }

  settle() {
    this.reporter.settle();
  }

  // What the time bar and the add-ons act through: time moves only by these.
  makeActions() {
    const pauseAndShow = (index) => {
      this.playback.pause();
      this.show(index);
    };
    return {
      stepAndRelease: (by) => {
        this.playback.pause();
        this.show(this.stepTarget({ type: "step", by, news: this.byNews() }));
        this.reporter.settleSoon(RELEASE_MS);
      },
      toggle: () => this.toggle(),
      scrub: (position) => pauseAndShow(this.clock.indexAt(position)),
      settle: () => this.reporter.settle(),
      go: (index) => {
        pauseAndShow(index);
        this.reporter.settle();
      },
      reveal: () => this.reveal(),
      story: (by) => this.reporter.report({ story: by, at: Date.now() }),
      canReveal: () => canReveal(this.clock.limit, this.clock.frames.length - 1, this.doc.more),
    };
  }

  toggle() {
    if (this.playback.toggle()) {
      this.reporter.settle();
    }
  }

  // Predict and compare step to the next frame whose news differs (never six alike months).
  byNews() {
    return this.options.mode === "predict" || this.options.mode === "compare";
  }

  // The frame a step, a news step or a year jump goes to (the clock keeps it within the limit).
  stepTarget(action) {
    const { frames, index, limit } = this.clock;
    if (action.type === "year") {
      return yearStep(frames, index, action.by, limit);
    }
    if (action.news && !this.playback.loop) {
      return newsStep(frames, index, action.by, limit);
    }
    return this.clock.step(action.by, this.playback.loop);
  }

  // Predict mode: up to the next frame whose news differs, inside the document or, at its
  // end, from the server (which applies the same rule: kr_map/reveal.py).
  reveal() {
    const action = revealAction(this.clock.limit, this.clock.frames.length - 1, this.doc.more);
    if (action === "inside") {
      this.clock.setLimit(revealTarget(this.clock.frames, this.clock.limit));
      this.show(this.clock.limit);
      this.reporter.settle();
    } else if (action === "beyond") {
      this.reporter.cancel();
      this.reporter.report(revealRequest(this.state()));
    }
  }

  onKey(event) {
    const action = playerAction(describeKey(event, this.timebar.slider), this.options.mode);
    if (!action) {
      return;
    }
    if (action.type === "toggle") {
      event.preventDefault();
      this.toggle();
      return;
    }
    event.preventDefault();
    event.stopPropagation();
    if (action.type === "story") {
      this.reporter.report({ story: action.to || action.by, at: Date.now() });
      return;
    }
    this.playback.pause();
    if (action.type === "step" || action.type === "year") {
      this.show(this.stepTarget(action));
    } else {
      this.show(action.type === "first" ? 0 : this.clock.limit);
    }
    this.reporter.settleSoon();
  }
}
