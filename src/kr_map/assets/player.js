/* kr-map's one time player: the Streamlit map and the HTML export both run this file.
 *
 * It takes a Leaflet map and the frames document (kr_map/frames.py), builds the page
 * around the map (date, caption, time bar, legend, filters, events panel) and switches
 * frames in the browser. Every text from the data reaches the page through
 * textContent, setAttribute or Leaflet options that set attributes: never as HTML.
 *
 * KrPlayer.mount(map, options) where options may hold:
 *   doc / docElement / docUrl  the frames document, inline, in a JSON <script>, or a URL
 *   start      frame key to open on ("1989-10"), else the first frame
 *   layers, factions  ids shown at first (default: all)
 *   limit      predict mode: no frame after this key can be shown
 *   mode       "explore" | "predict" | "story" | "compare"
 *   present    projector scale
 *   view       {center: [lat, lon], zoom} instead of framing the action
 *   speed      seconds per frame when playing; loop: start again at the end
 *   sync       a channel name: maps with the same name pan and zoom together
 *   parentKeys also listen to the keys of the page around the frame (the app)
 *   permalink  keep the frame in location.hash (the export)
 */
(function () {
  "use strict";
  var SVG_NS = "http://www.w3.org/2000/svg";
  var COLOUR = /^#[0-9A-Fa-f]{6}$/;
  var NEUTRAL = "#FFFFFF", OUTLINE = "#111111";
  var SPEEDS = [0.75, 1, 1.5, 2, 3, 5];
  var SETTLE_MS = 350;  // after the last key press, if its release never comes
  var RELEASE_MS = 100;  // after a key or button is let go: another press in that time waits
  var UNITS = 13; // slider steps per year: the whole year, then its twelve months

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function svg(tag, attrs) {
    var node = document.createElementNS(SVG_NS, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, String(attrs[k])); });
    return node;
  }

  function colourOr(value, fallback) { return COLOUR.test(String(value)) ? value : fallback; }

  function readHash() {
    var out = {};
    var text = String(location.hash || "").replace(/^#/, "");
    text.split("&").forEach(function (part) {
      var bits = part.split("=");
      if (bits.length !== 2) { return; }
      try {
        out[decodeURIComponent(bits[0])] = decodeURIComponent(bits[1]);
      } catch (error) { /* a malformed escape: ignore that part */ }
    });
    return out;
  }

  function keyFromHash(hash) {
    var year = /^[0-9]{4}$/.test(hash.year || "") ? hash.year : null;
    if (!year) { return null; }
    var month = /^[0-9]{1,2}$/.test(hash.month || "") ? Number(hash.month) : 0;
    return month >= 1 && month <= 12 ? year + "-" + (month < 10 ? "0" : "") + month : year;
  }

  // --- Symbols ---------------------------------------------------------------------

  function shapeSvg(doc, shape, fill, size, vague) {
    var root = svg("svg", { width: size, height: size, viewBox: "0 0 24 24", "aria-hidden": "true",
      focusable: "false" });
    if (vague) {
      root.appendChild(svg("circle", { cx: 12, cy: 12, r: 11.3, fill: "none", stroke: OUTLINE,
        "stroke-width": 1.2, "stroke-dasharray": "2.5 2" }));
    }
    var body = svg("polygon", { points: doc.shapes[shape] || doc.shapes.dot, fill: fill,
      stroke: OUTLINE, "stroke-width": 1.6, "stroke-linejoin": "round" });
    if (vague) {
      var group = svg("g", { transform: "translate(12 12) scale(0.72) translate(-12 -12)" });
      group.appendChild(body);
      root.appendChild(group);
    } else {
      root.appendChild(body);
    }
    return root;
  }

  // A held place: a disc in the holder's colour (hollow after its last attestation),
  // dashed when the location is approximate, ringed in the old holder's colour when it
  // changed hands in this frame.
  function placeSvg(fill, was, hollow, approx, size, mark, ink) {
    var root = svg("svg", { width: size, height: size, viewBox: "0 0 40 40", "aria-hidden": "true",
      focusable: "false" });
    if (was) {
      root.appendChild(svg("circle", { cx: 20, cy: 20, r: 16.5, fill: "none", stroke: was,
        "stroke-width": 6 }));
    }
    var disc = { cx: 20, cy: 20, r: 12.5, fill: hollow ? NEUTRAL : fill,
      stroke: hollow ? fill : OUTLINE, "stroke-width": hollow ? 4.5 : 2.5 };
    if (approx) { disc["stroke-dasharray"] = "4 3"; }
    root.appendChild(svg("circle", disc));
    if (mark) {
      var text = svg("text", { x: 20, y: 20.5, "text-anchor": "middle", "dominant-baseline": "middle",
        "font-size": mark.length > 1 ? 11 : 14, "font-weight": 700,
        fill: hollow ? OUTLINE : colourOr(ink, OUTLINE), "font-family": "DejaVu Sans, Arial, sans-serif" });
      text.textContent = mark;
      root.appendChild(text);
    }
    return root;
  }

  function arrowSvg(colour, angle) {
    var root = svg("svg", { width: 24, height: 24, viewBox: "0 0 22 22", "aria-hidden": "true",
      focusable: "false" });
    root.style.transform = "rotate(" + Math.round(angle) + "deg)";
    root.appendChild(svg("polygon", { points: "11,1 20,20 11,15 2,20", fill: colour,
      stroke: "#fff", "stroke-width": 1.2 }));
    return root;
  }

  function tentSvg(size) {
    return shapeSvg({ shapes: { tent: "12,2 23,21 15,21 12,14 9,21 1,21" } }, "tent", NEUTRAL,
      size, false);
  }

  // --- The player ------------------------------------------------------------------

  function Player(map, doc, options) {
    var self = this;
    this.map = map;
    this.doc = doc;
    this.options = options;
    this.frames = doc.frames;
    this.factions = {};
    doc.factions.forEach(function (f) { self.factions[f.id] = f; });
    this.layersOn = this.pick(options.layers, doc.layers);
    this.factionsOn = this.pick(options.factions, doc.factions.map(function (f) { return f.id; }));
    this.index = -1;
    this.drawn = {};       // feature index -> Leaflet layer (made once, reused)
    this.onMap = {};       // feature index -> true while on the map
    this.timer = null;
    this.speed = SPEEDS.indexOf(Number(options.speed)) >= 0 ? Number(options.speed) : 1.5;
    this.loop = Boolean(options.loop);
    this.lastReport = null;
    this.settleTimer = null;
    this.firstYear = this.frames[0].year;
    this.limit = this.frames.length - 1;
    if (options.limit) {
      var at = this.find(options.limit);
      if (at >= 0) { this.limit = at; }
    }
    this.build();
  }

  Player.prototype.pick = function (wanted, all) {
    var on = {};
    (Array.isArray(wanted) ? wanted : all).forEach(function (id) {
      if (all.indexOf(id) >= 0) { on[id] = true; }
    });
    return on;
  };

  Player.prototype.find = function (key) {
    key = String(key || "");
    for (var i = 0; i < this.frames.length; i += 1) {
      if (this.frames[i].key === key) { return i; }
    }
    for (var j = 0; j < this.frames.length; j += 1) {
      if (String(this.frames[j].year) === key.slice(0, 4)) { return j; }
    }
    return -1;
  };

  // Every year gets the same width on the slider; a busy year's months share it.
  Player.prototype.positionOf = function (index) {
    var frame = this.frames[index];
    return (frame.year - this.firstYear) * UNITS + (frame.month || 0);
  };

  Player.prototype.indexAt = function (position) {
    var best = 0;
    for (var i = 0; i <= this.limit; i += 1) {
      if (this.positionOf(i) <= position) { best = i; } else { break; }
    }
    return best;
  };

  Player.prototype.faction = function (id) { return this.factions[id] || null; };

  Player.prototype.colourOf = function (id) {
    var f = this.faction(id);
    return f ? colourOr(f.colour, NEUTRAL) : NEUTRAL;
  };

  // --- Page around the map ---------------------------------------------------------

  Player.prototype.build = function () {
    var map = this.map, options = this.options, self = this;
    var shell = el("main", "krp-shell krp-mode-" + (options.mode || "explore"));
    if (options.present) { shell.classList.add("krp-present"); }
    if (options.panel === false) { shell.classList.add("krp-no-panel"); }
    shell.setAttribute("aria-label", "kr-map: " + this.doc.title);
    var head = el("header", "krp-head");
    var title = el("h1", "krp-title", this.doc.title);
    this.dateLabel = el("p", "krp-date");
    this.dateLabel.setAttribute("aria-live", "polite");
    this.caption = el("p", "krp-caption");
    head.appendChild(title);
    head.appendChild(this.dateLabel);
    head.appendChild(this.caption);
    var mapBox = el("div", "krp-map");
    var container = map.getContainer();
    container.parentNode.insertBefore(shell, container);
    shell.appendChild(head);
    shell.appendChild(mapBox);
    mapBox.appendChild(container);
    this.slots = this.slots || {};
    this.slots.chart = el("section", "krp-chart-slot");
    this.slots.chart.hidden = true;
    shell.appendChild(this.slots.chart);
    container.style.height = "";
    container.style.width = "";
    container.setAttribute("aria-label", "Map");
    shell.appendChild(this.buildTimeBar());
    shell.appendChild(this.buildPanel());
    document.body.classList.add("krp-body");
    this.shell = shell;
    this.buildLegend();
    this.buildFilters();
    this.buildTerritory();
    map.invalidateSize();
    this.frameView();
    map.attributionControl.addAttribution("Borders: Natural Earth · Texts: Wikipedia (CC BY-SA) · kr-map");
    this.listenKeys(document);
    if (options.parentKeys) {
      try {
        if (window.parent && window.parent !== window && window.parent.document) {
          this.listenKeys(window.parent.document);
        }
      } catch (error) { /* another origin: keys work inside the map only */ }
    }
    if (options.sync && window.BroadcastChannel) { this.syncViews(options.sync); }
    window.addEventListener("resize", function () { self.drawTicks(); map.invalidateSize(); });
    map.on("zoomend moveend", function () { if (self.index >= 0) { self.placeLabels(); } });
  };

  Player.prototype.frameView = function () {
    var view = this.options.view;
    this.map.options.zoomSnap = 0.25;
    if (view && Array.isArray(view.center)) {
      this.map.setView(view.center, view.zoom || 8, { animate: false });
    } else if (this.doc.bounds) {
      var size = this.map.getSize(), pad = Math.max(0, Math.min(28, (Math.min(size.x, size.y) - 40) / 2));
      if (size.x > 0 && size.y > 0) {  // a map squeezed to nothing keeps its view
        this.map.fitBounds(this.doc.bounds, { padding: [pad, pad], animate: false });
      }
    }
  };

  Player.prototype.button = function (text, label, onClick, className) {
    var button = el("button", className || "krp-button", text);
    button.type = "button";
    button.setAttribute("aria-label", label);
    button.title = label;
    button.addEventListener("click", onClick);
    return button;
  };

  Player.prototype.buildTimeBar = function () {
    var self = this;
    var bar = el("div", "krp-timebar");
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", "Time");
    this.prevButton = this.button("◀", "Previous frame (← or Page Up)", function () {
      self.pause(); self.step(-1); self.settleSoon(RELEASE_MS);
    });
    this.playButton = this.button("▶ Play", "Play or pause (space)", function () {
      self.toggle();
    }, "krp-button krp-play");
    this.playButton.setAttribute("aria-pressed", "false");
    this.nextButton = this.button("▶▶", "Next frame (→ or Page Down)", function () {
      self.pause(); self.step(1); self.settleSoon(RELEASE_MS);
    });
    var buttons = el("div", "krp-buttons");
    [this.prevButton, this.playButton, this.nextButton].forEach(function (b) {
      buttons.appendChild(b);
    });
    bar.appendChild(buttons);
    var track = el("div", "krp-track");
    this.slider = el("input", "krp-slider");
    this.slider.type = "range";
    this.slider.min = "0";
    this.slider.step = "1";
    this.slider.setAttribute("aria-label", "Date");
    this.slider.addEventListener("input", function () {
      self.pause();
      self.show(self.indexAt(Number(self.slider.value)));
    });
    this.slider.addEventListener("change", function () {
      self.slider.value = String(self.positionOf(self.index));
      self.settle();
    });
    this.slots = this.slots || {};
    this.slots.strip = el("div", "krp-strip-slot");
    track.appendChild(this.slots.strip);
    track.appendChild(this.slider);
    this.ticks = el("div", "krp-ticks");
    this.ticks.setAttribute("aria-hidden", "true");
    track.appendChild(this.ticks);
    bar.appendChild(track);
    var extras = el("div", "krp-extras");
    var speed = el("select", "krp-speed");
    speed.setAttribute("aria-label", "Seconds per frame when playing");
    SPEEDS.forEach(function (s) {
      var option = el("option", "", s + " s");
      option.value = String(s);
      if (s === self.speed) { option.selected = true; }
      speed.appendChild(option);
    });
    speed.addEventListener("change", function () {
      self.speed = Number(speed.value);
      if (self.timer !== null) { self.pause(); self.play(); }
    });
    extras.appendChild(speed);
    var loopLabel = el("label", "krp-loop");
    this.loopBox = el("input");
    this.loopBox.type = "checkbox";
    this.loopBox.checked = this.loop;
    this.loopBox.addEventListener("change", function () { self.loop = self.loopBox.checked; });
    loopLabel.appendChild(this.loopBox);
    loopLabel.appendChild(document.createTextNode(" Loop"));
    extras.appendChild(loopLabel);
    if (this.options.mode === "predict") {
      this.revealButton = this.button("Reveal next ▶", "Reveal next ▶ (show the following frame)", function () {
        self.reveal();
      }, "krp-button krp-reveal");
      extras.appendChild(this.revealButton);
    }
    bar.appendChild(extras);
    this.updateLimit();
    return bar;
  };

  Player.prototype.buildPanel = function () {
    var panel = el("aside", "krp-panel");
    panel.tabIndex = 0;
    panel.setAttribute("aria-label", "Events of the frame");
    this.panelTitle = el("h2", "krp-panel-title");
    this.eventsList = el("div", "krp-events");
    panel.appendChild(this.panelTitle);
    panel.appendChild(this.eventsList);
    this.panel = panel;
    return panel;
  };

  Player.prototype.control = function (position, node) {
    var Box = L.Control.extend({
      onAdd: function () {
        L.DomEvent.disableClickPropagation(node);
        L.DomEvent.disableScrollPropagation(node);
        return node;
      },
    });
    new Box({ position: position }).addTo(this.map);
  };

  Player.prototype.legendRow = function (list, symbol, text) {
    var row = el("li");
    row.appendChild(symbol);
    row.appendChild(el("span", "", text));
    list.appendChild(row);
  };

  Player.prototype.buildLegend = function () {
    var box = el("details", "krp-box krp-legend");
    box.open = !this.options.legendClosed;
    box.appendChild(el("summary", "", "Legend (this frame)"));
    this.legendBody = el("div", "krp-legend-body");
    box.appendChild(this.legendBody);
    this.legend = box;
    if (this.options.panel === false) {  // narrow maps (story, compare): a box on the map
      this.control("bottomright", box);
    } else {
      box.classList.add("krp-legend-side");
      this.panel.insertBefore(box, this.panel.firstChild);
    }
  };

  // The legend lists what the frame shows, so it stays short enough to read from afar.
  Player.prototype.fillLegend = function (shown) {
    var self = this, doc = this.doc, body = this.legendBody;
    var holders = {}, shapes = {}, colours = {}, flags = {};
    shown.forEach(function (f) {
      if (f.type === "place") {
        holders[f.faction] = true;
        if (f.was) { holders[f.was] = true; flags.ring = true; }
        if (f.hollow) { flags.hollow = true; }
        if (f.approx) { flags.vague = true; }
      } else if (f.type === "symbol") {
        shapes[f.shape] = true;
        if (f.faction) { holders[f.faction] = true; }
        if (f.vague) { flags.vague = true; }
        if (f.count > 1) { flags.badge = true; }
      } else if (f.type === "move") {
        colours[f.colour] = true;
        if (f.vague) { flags.vague = true; }
      } else if (f.type === "zone") { flags.zone = true; holders[f.faction] = true; }
      else if (f.type === "camp") { shapes.tent = true; }
    });
    body.textContent = "";
    var list = el("ul");
    doc.factions.forEach(function (f) {
      if (holders[f.id]) {
        self.legendRow(list, placeSvg(colourOr(f.colour, NEUTRAL), null, false, false, 26, f.mark, f.ink), f.short);
      }
    });
    if (flags.ring) {
      this.legendRow(list, placeSvg("#FFFFFF", "#555555", false, false, 26), "ring: changed hands");
    }
    if (flags.hollow) {
      this.legendRow(list, placeSvg("#555555", null, true, false, 26), "hollow: after last mention");
    }
    Object.keys(doc.shapeNames).forEach(function (shape) {
      if (!shapes[shape]) { return; }
      var symbol = shape === "tent" ? tentSvg(24) : shapeSvg(doc, shape, NEUTRAL, 24, false);
      self.legendRow(list, symbol, doc.shapeNames[shape]);
    });
    var line = function (colour) {
      var s = svg("svg", { width: 28, height: 12, viewBox: "0 0 28 12", "aria-hidden": "true" });
      s.appendChild(svg("line", { x1: 1, y1: 6, x2: 27, y2: 6, stroke: colour, "stroke-width": 5 }));
      return s;
    };
    if (colours[doc.movementColours.people]) {
      this.legendRow(list, line(doc.movementColours.people), "civilians moving");
    }
    if (colours[doc.movementColours.troops]) {
      this.legendRow(list, line(doc.movementColours.troops), "troops moving");
    }
    if (flags.vague) { this.legendRow(list, shapeSvg(doc, "dot", NEUTRAL, 24, true), "dashed: vague"); }
    if (flags.badge) { this.legendRow(list, el("span", "krp-badge-sample", "3"), "events at one place"); }
    if (flags.zone) { this.legendRow(list, el("span", "krp-zone-sample"), "approximate zone"); }
    var g = this.frames[this.index].government;
    if (g && this.governmentOn) {
      var swatch = el("span", "krp-gov-sample");
      swatch.style.background = this.colourOf(g.faction);
      var ruler = this.faction(g.faction);
      this.legendRow(list, swatch, "shaded: " + (ruler ? ruler.short + " rule" : "government") +
        ", roughly");
    }
    if (!list.children.length) { list.appendChild(el("li", "", "Nothing on the map in this frame.")); }
    body.appendChild(list);
  };

  // The government of the day, shaded over its country: approximate by design.
  Player.prototype.buildTerritory = function () {
    if (!this.doc.territory) { return; }
    var self = this;
    this.territory = L.geoJSON({ type: "Feature", properties: {}, geometry: this.doc.territory }, {
      style: { stroke: false, fillOpacity: 0, interactive: true, className: "krp-government" },
    });
    this.territory.bindTooltip(function () { return el("span", "", self.governmentText()); },
      { sticky: true });
    this.territory.bindPopup(function () {
      var g = self.frames[self.index].government;
      return g ? self.card(self.doc.cards[g.card], "h3") : el("p", "", "No government recorded.");
    }, { maxWidth: 440 });
    this.territory.addTo(this.map);
    this.territory.bringToBack();
  };

  Player.prototype.governmentText = function () {
    var g = this.frames[this.index].government;
    if (!g) { return "No government recorded for this date"; }
    var card = this.doc.cards[g.card];
    return card.title + " (shaded approximately: the sources say who governed, not where the front lines ran)";
  };

  Player.prototype.shadeTerritory = function (frame) {
    if (!this.territory) { return; }
    var g = frame.government, on = this.governmentOn && g;
    this.territory.setStyle({ fillColor: on ? this.colourOf(g.faction) : "#ffffff",
      fillOpacity: on ? 0.22 : 0 });
  };

  Player.prototype.checkbox = function (list, text, checked, onChange) {
    var label = el("label", "krp-check");
    var box = el("input");
    box.type = "checkbox";
    box.checked = checked;
    box.addEventListener("change", function () { onChange(box.checked); });
    label.appendChild(box);
    label.appendChild(document.createTextNode(" " + text));
    list.appendChild(label);
  };

  Player.prototype.buildFilters = function () {
    var self = this, doc = this.doc;
    var box = el("details", "krp-box krp-filters");
    box.appendChild(el("summary", "", "Layers & factions"));
    var layers = el("fieldset");
    layers.appendChild(el("legend", "", "Layers"));
    doc.layers.forEach(function (name) {
      self.checkbox(layers, doc.layerTitles[name], Boolean(self.layersOn[name]), function (on) {
        self.layersOn[name] = on;
        self.redraw();
      });
    });
    var factions = el("fieldset");
    factions.appendChild(el("legend", "", "Factions"));
    doc.factions.forEach(function (f) {
      self.checkbox(factions, f.short, Boolean(self.factionsOn[f.id]), function (on) {
        self.factionsOn[f.id] = on;
        self.redraw();
      });
    });
    this.governmentOn = this.options.government !== false;
    this.checkbox(layers, "Government of the day (shaded, approximate)", this.governmentOn, function (on) {
      self.governmentOn = on;
      self.shadeTerritory(self.frames[self.index]);
    });
    box.appendChild(layers);
    box.appendChild(factions);
    if (this.options.mode === "story") { layers.disabled = true; }
    this.control("topright", box);
  };

  // --- Features --------------------------------------------------------------------

  Player.prototype.visible = function (feature) {
    if (!this.layersOn[feature.layer]) { return false; }
    if (!feature.factions.length) { return true; }
    for (var i = 0; i < feature.factions.length; i += 1) {
      if (this.factionsOn[feature.factions[i]]) { return true; }
    }
    return false;
  };

  Player.prototype.tooltip = function (layer, text, options) {
    layer.bindTooltip(el("span", "", text), options || { sticky: false, direction: "top" });
  };

  Player.prototype.popupNode = function (feature) {
    var self = this, box = el("div", "krp-popup");
    (feature.cards || []).forEach(function (index, n) {
      if (n > 0) { box.appendChild(el("hr", "krp-sep")); }
      box.appendChild(self.card(self.doc.cards[index], "h3"));
    });
    if (feature.more) { box.appendChild(el("p", "krp-more", "… and " + feature.more + " more")); }
    return box;
  };

  Player.prototype.card = function (card, heading) {
    var node = el("article", "krp-card");
    node.appendChild(el(heading, "krp-card-title", card.title));
    if (card.basis) {
      var basis = card.basis === "inferred" ? "inferred from the source" : "stated in the source";
      node.appendChild(el("p", "krp-basis krp-basis-" + (card.basis === "inferred" ? "inferred" : "stated"), basis));
    }
    if (card.facts && card.facts.length) {
      var facts = el("dl", "krp-facts");
      card.facts.forEach(function (pair) {
        facts.appendChild(el("dt", "", pair[0]));
        facts.appendChild(el("dd", "", pair[1]));
      });
      node.appendChild(facts);
    }
    if (card.summary) { node.appendChild(el("p", "krp-summary", card.summary)); }
    node.appendChild(el("blockquote", "krp-quote", "“" + card.quote + "”"));
    node.appendChild(el("p", "krp-source", "Source: seeds/" + card.seed + " (Wikipedia, CC BY-SA)"));
    return node;
  };

  Player.prototype.bindPopup = function (layer, feature) {
    var self = this;
    layer.bindPopup(function () { return self.popupNode(feature); },
      { maxWidth: 440, autoPanPaddingTopLeft: [60, 60], className: "krp-leaflet-popup" });
    layer.on("popupopen", function () { self.highlightCards(feature.events || []); });
  };

  Player.prototype.marker = function (ll, node, size, anchor, name, feature, interactive) {
    if (!(node instanceof HTMLElement)) {  // a bare SVG (arrowheads): give it a box
      var box = el("div", "krp-svg-box");
      box.appendChild(node);
      node = box;
    }
    var icon = L.divIcon({ html: node, className: "krp-icon krp-" + feature.layer,
      iconSize: [size, size], iconAnchor: anchor });
    var marker = L.marker(ll, { icon: icon, title: name, alt: name, interactive: interactive,
      keyboard: interactive, riseOnHover: interactive });
    if (interactive) {
      // The name is said once, by a hidden span; what the icon shows is left to the eye.
      Array.prototype.forEach.call(node.children || [], function (child) {
        child.setAttribute("aria-hidden", "true");
      });
      node.appendChild(el("span", "krp-sr", name));
      marker.on("add", function () {
        var icon = marker.getElement();
        if (icon) { icon.setAttribute("role", "button"); icon.removeAttribute("title"); }
      });
    }
    return marker;
  };

  Player.prototype.makeLayer = function (feature) {
    var self = this, map = this.map;
    var group = L.featureGroup();
    if (feature.type === "zone") {
      var colour = this.colourOf(feature.faction);
      var zone = L.circle(feature.ll, { radius: feature.r, color: colour, weight: 2,
        dashArray: "8 6", fillColor: colour, fillOpacity: 0.18, className: "krp-zone" });
      this.tooltip(zone, feature.tip, { sticky: true });
      group.addLayer(zone);
    } else if (feature.type === "place") {
      var fill = this.colourOf(feature.faction);
      var was = feature.was ? this.colourOf(feature.was) : null;
      var box = el("div", "krp-place");
      var holder = this.faction(feature.faction) || {};
      var size = this.options.present ? 52 : 40;
      box.appendChild(placeSvg(fill, was, feature.hollow, feature.approx, size, holder.mark, holder.ink));
      var name = el("span", "krp-label krp-label-place", feature.label);
      name.dataset.priority = feature.was ? "0" : "1";  // a change of hands is the news
      box.appendChild(name);
      // The accessible name starts with what the marker shows: its mark and its name.
      var spoken = [holder.mark, feature.label].filter(Boolean).join(" ") + ": " + feature.tip;
      var place = this.marker(feature.ll, box, size, [size / 2, size / 2], spoken, feature, true);
      this.tooltip(place, feature.tip);
      this.bindPopup(place, feature);
      group.addLayer(place);
    } else if (feature.type === "camp") {
      var camp = el("div", "krp-camp");
      camp.appendChild(tentSvg(24));
      var campName = el("span", "krp-label krp-label-camp", feature.label);
      campName.dataset.priority = "2";
      camp.appendChild(campName);
      var tent = this.marker(feature.ll, camp, 24, [-2, 34], feature.label + ": " + feature.tip, feature, true);
      this.tooltip(tent, feature.tip);
      group.addLayer(tent);
    } else if (feature.type === "move") {
      var line = L.polyline([feature.from, feature.to], { color: feature.colour, weight: feature.w,
        opacity: 0.85, dashArray: feature.vague ? "10 8" : null, className: "krp-move" });
      this.tooltip(line, feature.tip, { sticky: true });
      this.bindPopup(line, feature);
      var a = map.project(feature.from, 8), b = map.project(feature.to, 8);
      var angle = Math.atan2(b.x - a.x, a.y - b.y) * 180 / Math.PI;
      var head = this.marker(feature.to, arrowSvg(feature.colour, angle), 24, [12, 12],
        feature.tip, feature, true);
      this.bindPopup(head, feature);
      group.addLayer(line);
      group.addLayer(head);
    } else if (feature.type === "symbol") {
      var holder = feature.faction ? this.colourOf(feature.faction) : NEUTRAL;
      var sym = el("div", "krp-symbol");
      sym.appendChild(shapeSvg(this.doc, feature.shape, holder, feature.size, feature.vague));
      if (feature.count > 1) { sym.appendChild(el("span", "krp-badge", feature.count)); }
      var shift = feature.size / 2 + 14;
      var anchor = feature.layer === "battles"
        ? [feature.size / 2 - shift, feature.size / 2 + shift]
        : [feature.size / 2 - shift, feature.size / 2 - shift];
      var symbol = this.marker(feature.ll, sym, feature.size, anchor, feature.tip, feature, true);
      this.tooltip(symbol, feature.tip);
      this.bindPopup(symbol, feature);
      group.addLayer(symbol);
    }
    return group;
  };

  Player.prototype.layerOf = function (index) {
    if (!this.drawn[index]) { this.drawn[index] = this.makeLayer(this.doc.features[index]); }
    return this.drawn[index];
  };

  // Show the frame's visible features: add what is new, remove what is gone, keep the rest.
  Player.prototype.redraw = function () {
    var self = this, frame = this.frames[this.index], wanted = {};
    frame.features.forEach(function (index) {
      if (self.visible(self.doc.features[index])) { wanted[index] = true; }
    });
    Object.keys(this.onMap).forEach(function (index) {
      if (!wanted[index]) { self.map.removeLayer(self.drawn[index]); delete self.onMap[index]; }
    });
    frame.features.forEach(function (index) {
      if (wanted[index] && !self.onMap[index]) {
        self.layerOf(index).addTo(self.map);
        self.onMap[index] = true;
      }
    });
    this.listEvents(frame);
    this.shadeTerritory(frame);
    this.fillLegend(Object.keys(this.onMap).map(function (i) { return self.doc.features[i]; }));
    this.placeLabels();
    this.shell.dataset.frame = frame.key;
    this.shell.dataset.shown = String(Object.keys(this.onMap).length);
  };

  // --- Labels: each name beside its marker where it collides with no other name ------

  var POSITIONS = ["left", "right", "above", "below"];

  function overlaps(a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }

  Player.prototype.placeLabels = function () {
    var labels = Array.prototype.slice.call(
      this.map.getContainer().querySelectorAll(".krp-label-place, .krp-label-camp"));
    // Places that changed hands first, then other places, then camps; north to south.
    labels.sort(function (a, b) {
      return Number(a.dataset.priority) - Number(b.dataset.priority) ||
        a.getBoundingClientRect().top - b.getBoundingClientRect().top;
    });
    var placed = [], icons = [];
    Array.prototype.forEach.call(this.map.getContainer().querySelectorAll(".krp-icon.krp-control, .krp-icon.krp-camps"), function (icon) {
      icons.push(icon.getBoundingClientRect());
    });
    var fits = function (label, position, own, withIcons) {
      POSITIONS.forEach(function (p) { label.classList.remove("krp-pos-" + p); });
      label.classList.add("krp-pos-" + position);
      var box = label.getBoundingClientRect();
      var clash = placed.some(function (other) { return overlaps(box, other); }) ||
        (withIcons && icons.some(function (icon) {
          return overlaps(box, icon) && !(icon.left === own.left && icon.top === own.top);
        }));
      return clash ? null : box;
    };
    labels.forEach(function (label) {
      var own = label.parentNode.getBoundingClientRect();
      var first = label.classList.contains("krp-label-camp") ? 1 : 0;
      label.classList.remove("krp-label-hidden");
      var chosen = null;
      // A change of hands keeps its name even over another marker; never over another name.
      var passes = label.dataset.priority === "0" ? [true, false] : [true];
      passes.forEach(function (withIcons) {
        for (var n = 0; n < POSITIONS.length && !chosen; n += 1) {
          chosen = fits(label, POSITIONS[(first + n) % POSITIONS.length], own, withIcons);
        }
      });
      if (chosen) { placed.push(chosen); } else { label.classList.add("krp-label-hidden"); }
    });
  };

  // --- Frames ----------------------------------------------------------------------

  Player.prototype.show = function (index) {
    index = Math.max(0, Math.min(this.limit, Number(index) || 0));
    var frame = this.frames[index];
    if (index !== this.index) {
      this.index = index;
      this.map.closePopup();
      this.redraw();
      this.slider.value = String(this.positionOf(index));
      this.slider.setAttribute("aria-valuetext", frame.label);
      this.dateLabel.textContent = frame.label;
      this.caption.textContent = frame.caption;
      this.caption.title = frame.caption;
      this.markTick(frame);
      if (this.options.permalink) { this.writeHash(frame); }
      this.shell.dispatchEvent(new CustomEvent("krp-frame", { detail: { index: index, key: frame.key } }));
    }
    this.prevButton.disabled = index === 0;
    this.nextButton.disabled = index >= this.limit && !this.loop;
  };

  Player.prototype.step = function (by) {
    var count = this.limit + 1;
    if (this.loop) { this.show(((this.index + by) % count + count) % count); }
    else { this.show(this.index + by); }
  };

  Player.prototype.play = function () {
    var self = this;
    if (this.timer !== null) { return; }
    if (this.index >= this.limit && !this.loop) { this.show(0); }
    this.timer = window.setInterval(function () {
      if (self.index >= self.limit && !self.loop) { self.pause(); self.settle(); }
      else { self.step(1); }
    }, this.speed * 1000);
    this.playButton.textContent = "❚❚ Pause";
    this.playButton.setAttribute("aria-pressed", "true");
  };

  Player.prototype.pause = function () {
    if (this.timer === null) { return; }
    window.clearInterval(this.timer);
    this.timer = null;
    this.playButton.textContent = "▶ Play";
    this.playButton.setAttribute("aria-pressed", "false");
  };

  Player.prototype.toggle = function () {
    if (this.timer === null) { this.play(); } else { this.pause(); this.settle(); }
  };

  Player.prototype.reveal = function () {
    if (this.limit < this.frames.length - 1) {
      this.limit += 1;
      this.updateLimit();
      this.show(this.limit);
      this.settle();
    } else if (this.doc.more) { // the server holds the later frames: ask it for the next one
      var value = this.state();
      value.reveal = "next";
      this.send(value);
    }
  };

  Player.prototype.updateLimit = function () {
    var last = this.frames[this.limit];
    var inYear = last.month ? 0 : UNITS - 1; // a quiet last year keeps its whole width
    this.slider.max = String(this.positionOf(this.limit) + inYear);
    if (this.revealButton) {
      this.revealButton.disabled = this.limit >= this.frames.length - 1 && !this.doc.more;
    }
    this.drawTicks();
  };

  // --- Telling the server (the app) or the address bar (the export) ----------------

  Player.prototype.state = function () {
    var self = this;
    return {
      frame: this.frames[this.index].key,
      layers: this.doc.layers.filter(function (l) { return self.layersOn[l]; }),
      factions: this.doc.factions.map(function (f) { return f.id; })
        .filter(function (id) { return self.factionsOn[id]; }),
      revealed: this.options.mode === "predict" ? this.frames[this.limit].key : null,
    };
  };

  Player.prototype.send = function (value) {
    var text = JSON.stringify(value);
    if (text === this.lastReport) { return; }
    this.lastReport = text;
    if (window.Streamlit && typeof window.Streamlit.setComponentValue === "function") {
      window.Streamlit.setComponentValue(value);
    }
    this.shell.dataset.reported = value.frame || "";
  };

  Player.prototype.settle = function () {
    window.clearTimeout(this.settleTimer);
    this.settleTimer = null;
    if (this.index >= 0) { this.send(this.state()); }
  };

  Player.prototype.settleSoon = function (wait) {
    var self = this;
    window.clearTimeout(this.settleTimer);
    this.settleTimer = window.setTimeout(function () { self.settle(); }, wait || SETTLE_MS);
  };

  Player.prototype.writeHash = function (frame) {
    var hash = "#year=" + frame.year + (frame.month ? "&month=" + frame.month : "");
    try { history.replaceState(null, "", hash); } catch (error) { /* file:// may refuse */ }
  };

  // --- Keys: ← → Page Up/Down Home End step, space plays; they work after a map click ----

  Player.prototype.listenKeys = function (target) {
    var self = this;
    target.addEventListener("keydown", function (event) { self.onKey(event); }, true);
    // A held key repeats its keydown: the frame is reported once the key is let go.
    target.addEventListener("keyup", function () {
      if (self.settleTimer) { self.settleSoon(RELEASE_MS); }
    }, true);
  };

  Player.prototype.onKey = function (event) {
    var node = event.target || {}, tag = (node.tagName || "").toUpperCase();
    if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) { return; }
    if (node !== this.slider) {
      var role = node.getAttribute ? node.getAttribute("role") : "";
      if (tag === "SELECT" || tag === "TEXTAREA" || node.isContentEditable) { return; }
      if (tag === "INPUT" && node.type !== "checkbox") { return; }
      if (/^(slider|radio|combobox|listbox|spinbutton|textbox|switch|tab|menuitem|option)$/.test(role || "")) {
        return;
      }
    }
    var key = event.key, by = 0;
    if (key === "ArrowRight" || key === "PageDown") { by = 1; }
    else if (key === "ArrowLeft" || key === "PageUp") { by = -1; }
    if (this.options.mode === "story") {
      if (by) { event.preventDefault(); event.stopPropagation(); this.send({ story: by, at: Date.now() }); }
      return;
    }
    if (by) {
      this.pause(); this.step(by);
    } else if (key === "Home" || key === "End") {
      this.pause(); this.show(key === "Home" ? 0 : this.limit);
    } else if (key === " " || key === "Spacebar") {
      if (tag === "BUTTON" || tag === "SUMMARY" || node.type === "checkbox") { return; }
      event.preventDefault();
      this.toggle();
      return;
    } else {
      return;
    }
    event.preventDefault();
    event.stopPropagation();
    this.settleSoon();
  };

  // --- The time axis: a label for every year at its frame ---------------------------

  Player.prototype.drawTicks = function () {
    var self = this, box = this.ticks;
    if (!box) { return; }
    box.textContent = "";
    var max = Math.max(1, Number(this.slider.max));
    var thumb = 28, usable = Math.max(0, this.slider.clientWidth - thumb);
    var lastRight = -Infinity, perYear = usable * UNITS / max;
    this.frames.forEach(function (frame, index) {
      if (index > self.limit) { return; }
      var x = thumb / 2 + usable * self.positionOf(index) / max;
      var mark = el("span", frame.month ? "krp-tick krp-tick-month" : "krp-tick");
      mark.style.left = x + "px";
      box.appendChild(mark);
      if (frame.month) { return; }
      var full = index === 0 || perYear > 64;
      var label = el("button", "krp-year", full ? String(frame.year) : "’" + String(frame.year).slice(2));
      label.type = "button";
      label.tabIndex = -1;
      label.dataset.key = frame.key;
      label.setAttribute("aria-label", String(frame.year));
      label.addEventListener("click", function () { self.pause(); self.show(index); self.settle(); });
      box.appendChild(label);
      var width = label.offsetWidth, left = x - width / 2;
      if (left < lastRight + 2) { label.remove(); return; }
      label.style.left = x + "px";
      lastRight = left + width;
    });
    if (this.index >= 0) { this.markTick(this.frames[this.index]); }
  };

  Player.prototype.markTick = function (frame) {
    var labels = this.ticks ? this.ticks.querySelectorAll(".krp-year") : [];
    Array.prototype.forEach.call(labels, function (label) {
      label.classList.toggle("krp-current", label.dataset.key === String(frame.year));
    });
  };

  // --- Events panel: what happened in the frame first, then what was going on ------

  Player.prototype.eventShown = function (event) {
    var self = this;
    if (!event.factions.length) { return true; }
    return event.factions.some(function (id) { return self.factionsOn[id]; });
  };

  Player.prototype.eventCard = function (id, ongoing) {
    var self = this, event = this.doc.events[id];
    var card = el("article", "krp-event" + (ongoing ? " krp-ongoing" : ""));
    card.dataset.event = id;
    var first = event.factions.length ? this.faction(event.factions[0]) : null;
    if (first) { card.style.borderLeftColor = colourOr(first.colour, OUTLINE); }
    card.appendChild(el("p", "krp-when", event.when));
    card.appendChild(el("h4", "krp-event-title", event.title));
    card.appendChild(el("p", "krp-facts-line", [event.kind, event.place || "no place on the map",
      event.who, event.people].filter(Boolean).join(" · ")));
    if (event.summary) { card.appendChild(el("p", "krp-summary", event.summary)); }
    card.appendChild(el("blockquote", "krp-quote", "“" + event.quote + "”"));
    card.appendChild(el("p", "krp-source", "Source: seeds/" + event.seed + " (Wikipedia, CC BY-SA)"));
    if (event.placed) {
      var show = this.button("Show on map", "Show on map: " + event.title, function () {
        self.showEvent(id);
      }, "krp-link");
      card.appendChild(show);
    }
    return card;
  };

  Player.prototype.listEvents = function (frame) {
    var self = this, list = this.eventsList;
    var fresh = frame.events.filter(function (id) { return self.eventShown(self.doc.events[id]); });
    var ongoing = frame.ongoing.filter(function (id) { return self.eventShown(self.doc.events[id]); });
    list.textContent = "";
    this.panelTitle.textContent = fresh.length || ongoing.length
      ? "Events of " + frame.label : "No events recorded for " + frame.label;
    if (fresh.length) {
      list.appendChild(el("h3", "krp-section", "In " + frame.label + " (" + fresh.length + ")"));
      fresh.forEach(function (id) { list.appendChild(self.eventCard(id, false)); });
    }
    if (ongoing.length) {
      list.appendChild(el("h3", "krp-section krp-section-ongoing", "Going on since earlier (" + ongoing.length + ")"));
      ongoing.forEach(function (id) { list.appendChild(self.eventCard(id, true)); });
    }
    this.panel.scrollTop = 0;
  };

  Player.prototype.highlightCards = function (ids) {
    var cards = this.eventsList.querySelectorAll(".krp-event");
    var first = null;
    Array.prototype.forEach.call(cards, function (card) {
      var on = ids.indexOf(card.dataset.event) >= 0;
      card.classList.toggle("krp-highlight", on);
      if (on && !first) { first = card; }
    });
    if (first && first.scrollIntoView) { first.scrollIntoView({ block: "nearest" }); }
  };

  Player.prototype.showEvent = function (id) {
    var self = this, frame = this.frames[this.index];
    frame.features.forEach(function (index) {
      var feature = self.doc.features[index];
      if ((feature.events || []).indexOf(id) >= 0 && self.onMap[index]) {
        var layer = self.drawn[index];
        var target = layer.getLayers()[0];
        self.map.panTo(target.getLatLng ? target.getLatLng() : layer.getBounds().getCenter());
        target.openPopup();
      }
    });
  };

  // --- Compare: maps that share a channel pan and zoom together ---------------------

  Player.prototype.syncViews = function (name) {
    var map = this.map, channel = new BroadcastChannel("kr-map-" + name), quiet = false;
    map.on("moveend", function () {
      if (quiet) { quiet = false; return; }
      var c = map.getCenter();
      channel.postMessage({ center: [c.lat, c.lng], zoom: map.getZoom() });
    });
    channel.onmessage = function (message) {
      var v = message.data || {};
      if (!Array.isArray(v.center)) { return; }
      var c = map.getCenter();
      if (Math.abs(c.lat - v.center[0]) < 1e-6 && Math.abs(c.lng - v.center[1]) < 1e-6 &&
          map.getZoom() === v.zoom) { return; }
      quiet = true;
      map.setView(v.center, v.zoom, { animate: false });
    };
  };

  // --- Mounting ----------------------------------------------------------------------

  // Add-ons (the time charts) register here and get each player once it has mounted.
  var plugins = [];

  function start(map, doc, options) {
    var player = new Player(map, doc, options);
    var first = options.permalink ? keyFromHash(readHash()) : null;
    var at = player.find(first || options.start);
    player.show(at < 0 ? 0 : at);
    player.drawTicks();
    window.requestAnimationFrame(function () { player.drawTicks(); });
    player.lastReport = JSON.stringify(player.state());
    plugins.forEach(function (plugin) {  // an add-on that fails leaves the player working
      try { plugin(player); } catch (error) { console.error("kr-map add-on:", error); }
    });
    if (plugins.length) {  // add-ons take room from the map: frame the action again
      player.map.invalidateSize();
      player.frameView();
    }
    player.shell.dataset.ready = "true";
    window.krPlayer = player;
    return player;
  }

  function fail(map, message) {
    var box = el("p", "krp-error", message);
    box.setAttribute("role", "alert");
    map.getContainer().parentNode.insertBefore(box, map.getContainer());
  }

  function mount(map, options) {
    options = options || {};
    if (options.doc) { return start(map, options.doc, options); }
    if (options.docElement) {
      var node = document.getElementById(options.docElement);
      return start(map, JSON.parse(node.textContent), options);
    }
    fetch(options.docUrl, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.json();
      })
      .then(function (doc) { start(map, doc, options); })
      .catch(function (error) {
        fail(map, "The map's frames could not be loaded (" + error.message + "). Reload the page.");
      });
    return null;
  }

  window.KrPlayer = {
    mount: mount, keyFromHash: keyFromHash, readHash: readHash,
    plugin: function (fn) { plugins.push(fn); },
    el: el, svg: svg, colourOr: colourOr,
  };
})();
