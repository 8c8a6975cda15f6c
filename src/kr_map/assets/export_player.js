document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var ATTRIBUTION = "Borders: Natural Earth · Texts: Wikipedia (CC BY-SA) · kr-map";
  var data = krExport.data();
  var map = window[data.map];
  var frames = data.frames;
  var byId = function (id) { return document.getElementById(id); };
  var slider = byId("kx-slider"), dateLabel = byId("kx-date"), caption = byId("kx-caption");
  var playButton = byId("kx-play"), speed = byId("kx-speed"), loop = byId("kx-loop");
  var eventsTitle = byId("kx-events-title"), eventsList = byId("kx-events");
  var enabled = {};
  data.layers.forEach(function (name) { enabled[name] = true; });
  var current = -1, onMap = [], timer = null;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function groupsOf(index) {
    var frame = frames[index], out = [];
    data.layers.forEach(function (name) {
      if (enabled[name] && frame.groups[name]) { out.push(window[frame.groups[name]]); }
    });
    out.push(window[frame.stamp]);
    return out;
  }

  function eventCard(event) {
    var card = el("li", "kx-event");
    if (/^#[0-9A-Fa-f]{3,8}$/.test(event.colour)) { card.style.borderLeftColor = event.colour; }
    card.appendChild(el("h3", "", event.title));
    card.appendChild(el("p", "kx-facts", [event.when, event.kind, event.place]
      .filter(Boolean).join(" · ")));
    if (event.factions) { card.appendChild(el("p", "kx-who", event.factions)); }
    if (event.people) { card.appendChild(el("p", "kx-people", event.people)); }
    card.appendChild(el("blockquote", "kr-quote", "“" + event.quote + "”"));
    var source = "Source: seeds/" + event.seed + " (Wikipedia, CC BY-SA)";
    card.appendChild(el("p", "kr-source", source));
    return card;
  }

  function listEvents(frame) {
    var cards = frame.events.map(function (id) { return eventCard(data.events[id]); });
    eventsTitle.textContent = cards.length
      ? "Events in " + frame.label + " (" + cards.length + ")"
      : "No events recorded for " + frame.label;
    eventsList.textContent = "";
    cards.forEach(function (card) { eventsList.appendChild(card); });
    eventsList.scrollTop = 0;
  }

  function show(index) {
    index = Math.max(0, Math.min(frames.length - 1, index));
    var frame = frames[index];
    onMap.forEach(function (group) { map.removeLayer(group); });
    onMap = groupsOf(index);
    onMap.forEach(function (group) { group.addTo(map); });
    if (index !== current) {
      current = index;
      slider.value = String(index);
      slider.setAttribute("aria-valuetext", frame.label);
      dateLabel.textContent = frame.label;
      caption.textContent = frame.caption;
      caption.title = frame.caption;
      listEvents(frame);
      markYear(frame.year);
      try {
        history.replaceState(null, "", "#" + frame.key);
      } catch (error) { /* some browsers refuse for file:// pages; the link just lags */ }
    }
  }

  function step(by) {
    var last = frames.length - 1;
    if (loop.checked) { show((current + by + frames.length) % frames.length); }
    else { show(Math.max(0, Math.min(last, current + by))); }
  }

  function tick() {
    if (current >= frames.length - 1 && !loop.checked) { pause(); } else { step(1); }
  }
  function play() {
    if (current >= frames.length - 1 && !loop.checked) { show(0); }
    timer = window.setInterval(tick, Number(speed.value));
    playButton.textContent = "❚❚ Pause";
    playButton.setAttribute("aria-pressed", "true");
  }
  function pause() {
    window.clearInterval(timer);
    timer = null;
    playButton.textContent = "▶ Play";
    playButton.setAttribute("aria-pressed", "false");
  }
  function toggle() { if (timer === null) { play(); } else { pause(); } }

  // Year labels under the slider; labels that would overlap their neighbour are left out.
  var years = [];
  frames.forEach(function (frame, index) {
    if (!years.length || years[years.length - 1].year !== frame.year) {
      years.push({ year: frame.year, index: index });
    }
  });
  function drawYears() {
    var box = byId("kx-ticks"), thumb = 30, span = Math.max(1, frames.length - 1);
    var usable = slider.clientWidth - thumb, lastRight = -Infinity;
    box.textContent = "";
    years.forEach(function (entry) {
      var x = thumb / 2 + usable * entry.index / span;
      var mark = el("span", "kx-tick");
      mark.style.left = x - 1 + "px";
      box.appendChild(mark);
      var label = el("button", "kx-year", String(entry.year));
      label.type = "button";
      label.tabIndex = -1;
      label.dataset.year = String(entry.year);
      label.addEventListener("click", function () { pause(); show(entry.index); });
      box.appendChild(label);
      var width = label.offsetWidth;
      var left = Math.max(0, Math.min(box.clientWidth - width, x - width / 2));
      if (left < lastRight + 10) {
        label.remove();
      } else {
        label.style.left = left + "px";
        lastRight = left + width;
      }
    });
    if (current >= 0) { markYear(frames[current].year); }
  }
  function markYear(year) {
    document.querySelectorAll(".kx-year").forEach(function (label) {
      label.classList.toggle("kx-current", label.dataset.year === String(year));
    });
  }

  slider.addEventListener("input", function () { show(Number(slider.value)); });
  playButton.addEventListener("click", toggle);
  byId("kx-prev").addEventListener("click", function () { pause(); step(-1); });
  byId("kx-next").addEventListener("click", function () { pause(); step(1); });
  speed.addEventListener("change", function () { if (timer !== null) { pause(); play(); } });
  document.querySelectorAll("#kx-layers input").forEach(function (box) {
    box.addEventListener("change", function () {
      enabled[box.value] = box.checked;
      show(current);
    });
  });

  // Arrows step and space plays from anywhere; the slider steps itself (and says so with
  // an input event), form controls keep their own keys, and the map does not pan.
  window.addEventListener("keydown", function (event) {
    var target = event.target, tag = target && target.tagName;
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    if (tag === "SELECT" || tag === "TEXTAREA") { return; }
    if (event.key === " " || event.key === "Spacebar") {
      var activates = tag === "BUTTON" || tag === "SUMMARY" || target.type === "checkbox";
      if (activates) { return; }
      event.preventDefault();
      toggle();
    } else if ((event.key === "ArrowRight" || event.key === "ArrowLeft") && target !== slider) {
      event.preventDefault();
      event.stopPropagation();
      pause();
      step(event.key === "ArrowRight" ? 1 : -1);
    } else if (target === slider && event.key.indexOf("Arrow") === 0) {
      pause();
    }
  }, true);

  // Frame the places beside the legend, not under it.
  if (data.bounds) {
    var legend = byId("kx-legend");
    var left = legend.open && legend.offsetWidth < map.getSize().x / 2
      ? legend.offsetLeft + legend.offsetWidth : 0;
    map.fitBounds(data.bounds, { paddingTopLeft: [left + 12, 20], paddingBottomRight: [20, 20] });
  }
  map.attributionControl.addAttribution(ATTRIBUTION);
  // The left edge belongs to the legend: the layer boxes and zoom buttons stack top right.
  var LayerBoxes = L.Control.extend({
    onAdd: function () {
      var box = byId("kx-layers");
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    },
  });
  new LayerBoxes({ position: "topright" }).addTo(map);
  map.zoomControl.setPosition("topright");

  // A link may name a frame ("#1989-10") or just a year ("#1989": its first frame).
  var wanted = decodeURIComponent(location.hash.slice(1));
  var start = frames.findIndex(function (frame) { return frame.key === wanted; });
  if (start < 0) {
    start = Math.max(0, frames.findIndex(function (frame) { return String(frame.year) === wanted; }));
  }
  drawYears();
  window.addEventListener("resize", drawYears);
  show(start);
  document.body.classList.add("kx-ready");
});
