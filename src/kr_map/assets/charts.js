/* kr-map's time at a glance: the event strip on the slider and the who-held-what chart.
 *
 * An add-on of the one player (player.js must load first): KrPlayer.plugin gives it each
 * mounted player. It draws doc.charts (made by kr_map/charts.py) as SVG in the player's
 * two slots, follows the player's krp-frame events (no server round trip per step) and
 * moves the player with player.show(i) + player.settle(). It never shows or lets a click
 * reach a frame after player.limit (predict mode), and redraws when the limit moves.
 * Data text reaches the page only through textContent and setAttribute.
 *
 * Keys: g shows or hides the chart; t hides or shows the strip and the chart together.
 */
(function () {
  "use strict";
  if (!window.KrPlayer) { return; }
  var el = window.KrPlayer.el, svg = window.KrPlayer.svg;
  var THUMB = 28; // the slider's thumb, as player.js places its year ticks
  var DAY_MS = 86400000;
  // Strip colours, bottom of the bar first: [within the frame, reaching beyond it (lighter)].
  var STRIP_COLOURS = {
    battles: ["#b2182b", "#f1a9a9"],
    movements: ["#2166ac", "#a9c9e8"],
    other: ["#404040", "#c4c4c4"],
  };
  var counter = 0;

  function dayNumber(iso) {
    var bits = String(iso).split("-").map(Number);
    return Date.UTC(bits[0], bits[1] - 1, bits[2]) / DAY_MS;
  }

  function isoOfDay(day) { return new Date(day * DAY_MS).toISOString().slice(0, 10); }

  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

  function typing(event) {
    var node = event.target || {}, tag = (node.tagName || "").toUpperCase();
    if (tag === "SELECT" || tag === "TEXTAREA" || node.isContentEditable) { return true; }
    return tag === "INPUT" && node.type !== "checkbox" && node.type !== "range";
  }

  // --- One instance per mounted player -------------------------------------------

  function Charts(player) {
    this.player = player;
    this.data = player.doc.charts;
    this.id = "krc" + (counter += 1);
    this.periods = this.data.periods.map(function (p) {
      return [dayNumber(p[0]), dayNumber(p[1]) + 1]; // [first day, first day after]
    });
    this.limit = player.limit;
    this.chartOn = false;
    this.stripOn = true;
    this.firstYear = player.frames[0].year;
    this.units = this.unitsPerYear();
  }

  // The slider's units per year, read off the player (13: the year, then its months).
  Charts.prototype.unitsPerYear = function () {
    var p = this.player;
    for (var i = 1; i < p.frames.length; i += 1) {
      if (!p.frames[i].month && p.frames[i].year > this.firstYear) {
        return (p.positionOf(i) - p.positionOf(0)) / (p.frames[i].year - this.firstYear);
      }
    }
    return 13;
  };

  // Where a day sits on the slider's scale: every year the same width, like the slider.
  Charts.prototype.positionOfDay = function (day) {
    var year = new Date(day * DAY_MS).getUTCFullYear();
    var start = Date.UTC(year, 0, 1) / DAY_MS, next = Date.UTC(year + 1, 0, 1) / DAY_MS;
    return (year - this.firstYear + (day - start) / (next - start)) * this.units;
  };

  // The slider's geometry in the coordinates of `box`: x of a slider position.
  Charts.prototype.scale = function (box, fallbackLeft) {
    var slider = this.player.slider, s = slider.getBoundingClientRect();
    var b = box.getBoundingClientRect(), max = Math.max(1, Number(slider.max));
    var left = s.left - b.left + THUMB / 2, usable = Math.max(0, s.width - THUMB);
    // Beside a short slider (a narrow frame, as in the app's column) or with no room for the
    // labels, the chart takes a scale of its own: the same year widths, its whole width.
    if (fallbackLeft && (left < fallbackLeft || usable < 0.55 * b.width)) {
      left = fallbackLeft; usable = Math.max(40, b.width - fallbackLeft - 16);
    }
    return function (position) { return left + usable * position / max; };
  };

  Charts.prototype.limitEnd = function () { return this.periods[this.player.limit][1]; };

  Charts.prototype.present = function () {
    return this.player.shell.classList.contains("krp-present");
  };

  // The frame that shows a day: the shortest period holding it, never past the limit.
  Charts.prototype.frameOfDay = function (day, among) {
    var best = -1, p = this.periods, limit = this.player.limit;
    (among || p.map(function (_, i) { return i; })).forEach(function (i) {
      if (i > limit || day < p[i][0] || day >= p[i][1]) { return; }
      if (best < 0 || p[i][1] - p[i][0] < p[best][1] - p[best][0]) { best = i; }
    });
    return best;
  };

  // The frame a click on a holding's bar goes to: one whose map shows that holding, near the day.
  Charts.prototype.frameForHolding = function (holding, day) {
    var limit = this.player.limit, p = this.periods;
    var shown = holding.frames.filter(function (i) { return i <= limit; });
    var at = this.frameOfDay(day, shown);
    if (at >= 0) { return at; }
    var best = -1;
    shown.forEach(function (i) {
      if (best < 0 || Math.abs(p[i][1] - day) < Math.abs(p[best][1] - day)) { best = i; }
    });
    return best >= 0 ? best : this.frameOfDay(dayNumber(holding.from));
  };

  Charts.prototype.go = function (index) {
    if (index < 0 || index > this.player.limit) { return; }
    this.player.pause();
    this.player.show(index);
    this.player.settle();
  };

  // --- The event strip ---------------------------------------------------------------

  Charts.prototype.buildStrip = function () {
    var slot = this.player.slots.strip;
    this.strip = el("div", "krc-strip");
    this.stripSvg = svg("svg", { class: "krc-strip-svg", "aria-hidden": "true", focusable: "false" });
    this.strip.appendChild(this.stripSvg);
    this.stripTable = el("table", "krc-sr krc-strip-table");
    this.strip.appendChild(this.stripTable);
    slot.appendChild(this.strip);
  };

  Charts.prototype.stripTitle = function (index) {
    var counts = this.data.strip.counts[index], parts = [];
    this.data.strip.kinds.forEach(function (kind, k) {
      var within = counts[2 * k], beyond = counts[2 * k + 1];
      var text = kind.title + ": " + within;
      if (beyond) { text += " (+" + beyond + " under way since earlier or dated only roughly)"; }
      parts.push(text);
    });
    return this.player.frames[index].label + " — " + parts.join("; ");
  };

  Charts.prototype.drawStrip = function () {
    var self = this, p = this.player, box = this.stripSvg, counts = this.data.strip.counts;
    box.textContent = "";
    var width = this.strip.clientWidth, height = this.present() ? 44 : 30;
    box.setAttribute("width", String(width));
    box.setAttribute("height", String(height));
    box.setAttribute("viewBox", "0 0 " + width + " " + height);
    var x = this.scale(this.strip), max = 1, limit = p.limit;
    for (var i = 0; i <= limit; i += 1) {
      max = Math.max(max, counts[i].reduce(function (a, b) { return a + b; }, 0));
    }
    var sliderEnd = Math.max(Number(p.slider.max), p.positionOf(limit) + 1);
    this.stripBars = [];
    for (var j = 0; j <= limit; j += 1) {
      var left = x(p.positionOf(j)), right = x(j < limit ? p.positionOf(j + 1) : sliderEnd);
      var bar = this.stripBar(j, left, Math.max(1, right - left), height, max);
      box.appendChild(bar);
      this.stripBars.push(bar);
    }
    this.stripMark = svg("rect", { class: "krc-strip-current", y: 0.5, height: height - 1 });
    box.appendChild(this.stripMark);
    this.fillStripTable();
    this.markStrip();
    box.onclick = function (event) {
      var target = event.target.closest ? event.target.closest(".krc-bar") : null;
      if (target) { self.go(Number(target.getAttribute("data-index"))); }
    };
  };

  Charts.prototype.stripBar = function (index, left, width, height, max) {
    var counts = this.data.strip.counts[index], kinds = this.data.strip.kinds;
    var frame = this.player.frames[index];
    var group = svg("g", { class: "krc-bar", "data-index": index, "data-key": frame.key });
    var title = svg("title");
    title.textContent = this.stripTitle(index);
    group.appendChild(title);
    group.appendChild(svg("rect", { class: "krc-hit", x: left, y: 0, width: width, height: height }));
    var room = height - 3, y = height, gap = width > 4 ? 1 : 0;
    kinds.forEach(function (kind, k) {
      group.setAttribute("data-" + kind.id, String(counts[2 * k]));
      group.setAttribute("data-" + kind.id + "-beyond", String(counts[2 * k + 1]));
      [0, 1].forEach(function (beyond) {
        var n = counts[2 * k + beyond];
        if (!n) { return; }
        var h = Math.max(1.5, room * n / max);
        y -= h;
        group.appendChild(svg("rect", {
          class: "krc-seg krc-" + kind.id + (beyond ? " krc-beyond" : " krc-within"),
          x: left + gap / 2, y: y, width: Math.max(1, width - gap), height: h,
          fill: (STRIP_COLOURS[kind.id] || ["#555", "#bbb"])[beyond],
        }));
      });
    });
    return group;
  };

  Charts.prototype.markStrip = function () {
    if (!this.stripBars) { return; }
    var index = this.player.index, bar = this.stripBars[index];
    this.stripBars.forEach(function (b, i) { b.classList.toggle("krc-current", i === index); });
    if (!bar) { this.stripMark.setAttribute("width", "0"); return; }
    var hit = bar.querySelector(".krc-hit");
    var w = Math.max(3, Number(hit.getAttribute("width")));
    var x = Number(hit.getAttribute("x")) - (w - Number(hit.getAttribute("width"))) / 2;
    this.stripMark.setAttribute("x", String(x));
    this.stripMark.setAttribute("width", String(w));
  };

  Charts.prototype.fillStripTable = function () {
    var table = this.stripTable, kinds = this.data.strip.kinds, counts = this.data.strip.counts;
    table.textContent = "";
    var caption = el("caption", "", "Events per frame: dated within it, and under way or dated only roughly");
    table.appendChild(caption);
    var head = el("tr");
    head.appendChild(el("th", "", "Frame"));
    kinds.forEach(function (kind) {
      head.appendChild(el("th", "", kind.title));
      head.appendChild(el("th", "", kind.title + ", under way or rough"));
    });
    table.appendChild(head);
    for (var i = 0; i <= this.player.limit; i += 1) {
      var row = el("tr");
      row.appendChild(el("th", "", this.player.frames[i].label));
      counts[i].forEach(function (n) { row.appendChild(el("td", "", n)); });
      table.appendChild(row);
    }
  };

  // --- The who-held-what chart --------------------------------------------------------

  Charts.prototype.buildChart = function () {
    var self = this, slot = this.player.slots.chart;
    slot.setAttribute("aria-label", "Who held what");
    var box = el("div", "krc-chart");
    var head = el("div", "krc-head");
    head.appendChild(el("h2", "krc-title", "Who held what"));
    this.tableButton = el("button", "krp-button krc-table-toggle", "Table");
    this.tableButton.type = "button";
    this.tableButton.setAttribute("aria-pressed", "false");
    this.tableButton.setAttribute("aria-label", "Show the same facts as a table");
    this.tableButton.title = "Show the same facts as a table";
    this.tableButton.addEventListener("click", function () { self.showTable(!self.tableOn); });
    head.appendChild(this.tableButton);
    head.appendChild(this.chartLegend());
    box.appendChild(head);
    this.axis = svg("svg", { class: "krc-axis", "aria-hidden": "true", focusable: "false" });
    box.appendChild(this.axis);
    this.plot = el("div", "krc-plot");
    this.chartSvg = svg("svg", { class: "krc-svg", role: "img", focusable: "false" });
    this.chartSvg.setAttribute("aria-label",
      "Who held each place over time; the Table button gives the same facts as a table.");
    this.plot.appendChild(this.chartSvg);
    box.appendChild(this.plot);
    this.detail = el("p", "krc-detail", "Point at a bar for its source; click it to see that date on the map.");
    this.detail.setAttribute("aria-live", "polite");
    box.appendChild(this.detail);
    this.tableBox = el("div", "krc-text");
    this.tableBox.hidden = true;
    this.table = el("table", "krc-table");
    this.tableBox.appendChild(this.table);
    box.appendChild(this.tableBox);
    this.tableOn = false;
    slot.appendChild(box);
    this.chartSvg.addEventListener("click", function (event) { self.onChartClick(event); });
    this.chartSvg.addEventListener("mouseover", function (event) {
      var bar = event.target.closest ? event.target.closest(".krc-holding") : null;
      if (bar) { self.describe(self.data.chart.holdings[Number(bar.getAttribute("data-holding"))]); }
    });
  };

  Charts.prototype.chartLegend = function () {
    var list = el("ul", "krc-legend");
    [["krc-key-stated", "stated", "solid: the source states the holding"],
      ["krc-key-inferred", "inferred", "hatched: the holding is inferred from the source"],
      ["krc-key-hollow", "not vouched for",
        "hollow, dashed: before a vague start is known, or after the last attestation"],
      ["krc-key-change", "changed hands", "black mark: the place passed to a new holder"],
    ].forEach(function (item) {
      var li = el("li");
      li.title = item[2];
      li.appendChild(el("span", "krc-key " + item[0]));
      li.appendChild(document.createTextNode(" " + item[1]));
      list.appendChild(li);
    });
    return list;
  };

  Charts.prototype.patternFor = function (defs, faction) {
    var id = this.id + "-hatch-" + faction.replace(/[^A-Za-z0-9_-]/g, "_");
    if (!defs.querySelector("#" + id)) {
      var colour = this.player.colourOf(faction);
      var pattern = svg("pattern", { id: id, width: 7, height: 7, patternUnits: "userSpaceOnUse",
        patternTransform: "rotate(45)" });
      pattern.appendChild(svg("rect", { width: 7, height: 7, fill: "#ffffff" }));
      pattern.appendChild(svg("rect", { width: 4, height: 7, fill: colour }));
      defs.appendChild(pattern);
    }
    return "url(#" + id + ")";
  };

  Charts.prototype.visibleHoldings = function () {
    var end = this.limitEnd();
    return this.data.chart.holdings.map(function (h, i) { return { h: h, i: i }; })
      .filter(function (item) { return dayNumber(item.h.from) < end; });
  };

  Charts.prototype.layout = function () {
    var big = this.present();
    return { row: big ? 34 : 24, font: big ? 24 : 15, label: big ? 330 : 230, axis: big ? 34 : 24 };
  };

  Charts.prototype.drawChart = function () {
    if (!this.chartOn) { return; }
    var self = this, chart = this.data.chart, size = this.layout(), box = this.chartSvg;
    box.textContent = "";
    var width = this.plot.clientWidth, x = this.scale(this.plot, size.label + 16);
    size.labelRoom = Math.max(60, x(0) - 24);
    var start = dayNumber(chart.start), end = Math.min(dayNumber(chart.end), this.limitEnd());
    this.dayX = function (day) { return x(self.positionOfDay(day)); };
    var visible = this.visibleHoldings(), shownPlaces = {};
    visible.forEach(function (item) { shownPlaces[item.h.place] = true; });
    var rows = [], y = 0;
    chart.regions.forEach(function (region) {
      var places = chart.places.map(function (p, i) { return { p: p, i: i }; })
        .filter(function (item) { return item.p.region === region.id && shownPlaces[item.i]; });
      if (!places.length) { return; }
      rows.push({ region: region, y: y });
      y += size.row;
      places.forEach(function (item) { rows.push({ place: item.p, index: item.i, y: y }); y += size.row; });
    });
    this.rowY = {};
    box.setAttribute("width", String(width));
    box.setAttribute("height", String(y + 2));
    box.setAttribute("viewBox", "0 0 " + width + " " + (y + 2));
    var defs = svg("defs");
    box.appendChild(defs);
    this.drawYears(box, start, end, y + 2, false);
    rows.forEach(function (row) { self.drawRow(box, row, size, width); });
    visible.forEach(function (item) { self.drawHolding(box, defs, item.h, item.i, size, end); });
    this.cursor = svg("g", { class: "krc-cursor" });
    this.cursor.appendChild(svg("rect", { class: "krc-cursor-band", y: 0, height: y + 2 }));
    this.cursor.appendChild(svg("rect", { class: "krc-cursor-line", y: 0, width: 3, height: y + 2 }));
    box.appendChild(this.cursor);
    this.drawAxis(start, end, size, width);
    this.fillTable(visible, end);
    this.moveCursor();
  };

  Charts.prototype.drawYears = function (box, start, end, height, labelled) {
    var self = this, first = new Date(start * DAY_MS).getUTCFullYear();
    var last = new Date((end - 1) * DAY_MS).getUTCFullYear();
    var perYear = this.dayX(Date.UTC(first + 1, 0, 1) / DAY_MS) - this.dayX(Date.UTC(first, 0, 1) / DAY_MS);
    var every = perYear >= 44 ? 1 : perYear >= 22 ? 2 : 5;
    for (var year = first; year <= last + 1; year += 1) {
      var day = Date.UTC(year, 0, 1) / DAY_MS, gx = self.dayX(day);
      if (!labelled) {
        box.appendChild(svg("line", { class: "krc-year-line", x1: gx, x2: gx, y1: 0, y2: height }));
      } else if (year <= last && (year - first) % every === 0) {
        var text = svg("text", { class: "krc-year-label", x: gx + 2, y: height - 6 });
        text.textContent = String(year);
        box.appendChild(text);
        var room = Number(box.getAttribute("width")) - gx - 2;
        if (text.getComputedTextLength && text.getComputedTextLength() > room) { text.remove(); }
      }
    }
  };

  Charts.prototype.drawAxis = function (start, end, size, width) {
    var axis = this.axis;
    axis.textContent = "";
    axis.setAttribute("width", String(width));
    axis.setAttribute("height", String(size.axis));
    axis.setAttribute("viewBox", "0 0 " + width + " " + size.axis);
    this.drawYears(axis, start, end, size.axis, true);
    this.axisCursor = svg("rect", { class: "krc-cursor-band", y: 0, height: size.axis });
    axis.appendChild(this.axisCursor);
  };

  Charts.prototype.drawRow = function (box, row, size, width) {
    if (row.region) {
      box.appendChild(svg("rect", { class: "krc-region-band", x: 0, y: row.y, width: width, height: size.row }));
      var heading = svg("text", { class: "krc-region", x: 8, y: row.y + size.row * 0.72 });
      heading.textContent = row.region.title;
      var rule = svg("title");
      rule.textContent = row.region.title + ": " + row.region.rule;
      heading.appendChild(rule);
      box.appendChild(heading);
      return;
    }
    this.rowY[row.index] = row.y;
    box.appendChild(svg("line", { class: "krc-row-line", x1: 0, x2: width, y1: row.y + size.row, y2: row.y + size.row }));
    var label = svg("text", { class: "krc-place", x: 16, y: row.y + size.row * 0.72, "data-place": row.place.id });
    label.textContent = row.place.name;
    box.appendChild(label);
    fitText(label, size.labelRoom, row.place.name);
  };

  // Shorten a label that would run into the bars; the full name stays in its tooltip.
  function fitText(node, room, full) {
    if (!node.getComputedTextLength || node.getComputedTextLength() <= room) { return; }
    var text = full;
    while (text.length > 3 && node.getComputedTextLength() > room) {
      text = text.slice(0, -1);
      node.textContent = text.replace(/\s+$/, "") + "…";
    }
    var title = svg("title");
    title.textContent = full;
    node.appendChild(title);
  }

  Charts.prototype.holdingText = function (h, cut) {
    var p = this.player, place = this.data.chart.places[h.place].name;
    var holder = p.faction(h.faction), name = holder ? holder.name : h.faction;
    var until = cut ? "(later dates not revealed yet)" : h.to === null ? "the end of the sources" : h.until;
    var text = place + ": " + name + ", from " + h.since + " until " + until + ". ";
    text += h.basis === "inferred" ? "Inferred from the source: " : "Stated by the source: ";
    text += "“" + h.quote + "” (seeds/" + h.seed + ")";
    if (h.endQuote && !cut && h.endQuote !== h.quote) {
      text += " End: “" + h.endQuote + "” (seeds/" + h.endSeed + ")";
    }
    if (h.changed) {
      var was = p.faction(h.was);
      text += " Changed hands from " + (was ? was.name : h.was) + ".";
    }
    return text;
  };

  Charts.prototype.drawHolding = function (box, defs, h, index, size, end) {
    var y = this.rowY[h.place], colour = this.player.colourOf(h.faction), self = this;
    if (y === undefined) { return; }
    var cut = h.to === null || dayNumber(h.to) > end;
    var group = svg("g", { class: "krc-holding krc-" + h.basis, "data-holding": index,
      "data-place": this.data.chart.places[h.place].id, "data-faction": h.faction,
      "data-from": h.from, "data-to": h.to === null || dayNumber(h.to) > end ? "" : h.to });
    var title = svg("title");
    title.textContent = this.holdingText(h, h.to !== null && dayNumber(h.to) > end);
    group.appendChild(title);
    var top = y + 4, height = size.row - 8;
    h.segments.forEach(function (s) {
      var a = dayNumber(s.from), b = Math.min(dayNumber(s.to), end);
      if (a >= b) { return; }
      var x0 = self.dayX(a), x1 = Math.max(self.dayX(b), x0 + 2);
      var attrs = { x: x0, y: top, width: x1 - x0, height: height, "data-from": s.from,
        "data-to": isoOfDay(b), class: "krc-seg" };
      if (!s.attested) {
        attrs.class += " krc-hollow";
        attrs.fill = "#ffffff"; attrs.stroke = colour; attrs["stroke-width"] = 2.5;
        attrs["stroke-dasharray"] = "6 3"; attrs.x = x0 + 1.25; attrs.width = Math.max(1, x1 - x0 - 2.5);
      } else {
        attrs.class += " krc-attested";
        attrs.fill = h.basis === "inferred" ? self.patternFor(defs, h.faction) : colour;
        attrs.stroke = "#111111"; attrs["stroke-width"] = 1;
      }
      group.appendChild(svg("rect", attrs));
    });
    if (cut && h.to === null) { // held at the end of the sources: an open end
      var xe = this.dayX(end);
      group.appendChild(svg("polygon", { class: "krc-open-end", fill: colour, stroke: "#111111",
        points: [xe, top, xe + 8, top + height / 2, xe, top + height].join(" ") }));
    }
    box.appendChild(group);
    if (h.changed && dayNumber(h.from) >= dayNumber(this.data.chart.start)) {
      var cx = this.dayX(dayNumber(h.from));
      var mark = svg("g", { class: "krc-change", "data-place": this.data.chart.places[h.place].id,
        "data-from": h.from });
      var note = svg("title");
      note.textContent = this.holdingText(h, cut && h.to !== null);
      mark.appendChild(note);
      mark.appendChild(svg("rect", { x: cx - 1.5, y: y + 1, width: 3, height: size.row - 2, fill: "#111111" }));
      mark.appendChild(svg("polygon", { points: [cx - 6, y, cx + 6, y, cx, y + 7].join(" "), fill: "#111111" }));
      box.appendChild(mark);
    }
  };

  Charts.prototype.dayAt = function (event) {
    var b = this.chartSvg.getBoundingClientRect(), px = event.clientX - b.left;
    var lo = dayNumber(this.data.chart.start), hi = dayNumber(this.data.chart.end) - 1;
    while (hi - lo > 1) { // dayX only grows with the day: search for the day under the pointer
      var mid = Math.floor((lo + hi) / 2);
      if (this.dayX(mid) <= px) { lo = mid; } else { hi = mid; }
    }
    return lo;
  };

  Charts.prototype.onChartClick = function (event) {
    var day = this.dayAt(event);
    var bar = event.target.closest ? event.target.closest(".krc-holding, .krc-change") : null;
    if (bar && bar.classList.contains("krc-holding")) {
      var holding = this.data.chart.holdings[Number(bar.getAttribute("data-holding"))];
      this.describe(holding);
      this.go(this.frameForHolding(holding, day));
    } else if (day < this.limitEnd()) {
      this.go(this.frameOfDay(day));
    }
  };

  Charts.prototype.describe = function (holding) {
    var end = this.limitEnd();
    this.detail.textContent = this.holdingText(holding, holding.to !== null && dayNumber(holding.to) > end);
  };

  Charts.prototype.moveCursor = function () {
    if (!this.cursor || !this.chartOn) { return; }
    var period = this.periods[this.player.index];
    var a = this.dayX(period[0]), b = this.dayX(period[1]);
    var band = this.cursor.querySelector(".krc-cursor-band");
    band.setAttribute("x", String(a));
    band.setAttribute("width", String(Math.max(2, b - a)));
    // control is shown as it stood on the period's last day: the line marks that day
    this.cursor.querySelector(".krc-cursor-line").setAttribute("x", String(b - 1.5));
    this.cursor.setAttribute("data-key", this.player.frames[this.player.index].key);
    this.axisCursor.setAttribute("x", String(a));
    this.axisCursor.setAttribute("width", String(Math.max(2, b - a)));
  };

  Charts.prototype.fillTable = function (visible, end) {
    var self = this, chart = this.data.chart, table = this.table;
    table.textContent = "";
    table.appendChild(el("caption", "", "Who held what, place by place along the border"));
    var head = el("tr");
    ["Region", "Place", "Holder", "From", "Until", "How the source knows", "Source", ""].forEach(function (t) {
      head.appendChild(el("th", "", t));
    });
    table.appendChild(head);
    var regions = {};
    chart.regions.forEach(function (r) { regions[r.id] = r.title; });
    var order = chart.places.map(function (_, i) { return i; });
    visible.slice().sort(function (a, b) {
      return order.indexOf(a.h.place) - order.indexOf(b.h.place) || (a.h.from < b.h.from ? -1 : 1);
    }).forEach(function (item) {
      var h = item.h, place = chart.places[h.place], holder = self.player.faction(h.faction);
      var cut = h.to !== null && dayNumber(h.to) > end;
      var row = el("tr", "krc-row");
      row.setAttribute("data-holding", String(item.i));
      [regions[place.region] || "", place.name, holder ? holder.name : h.faction, h.since,
        cut ? "not revealed yet" : h.to === null ? "end of the sources" : h.until,
        (h.basis === "inferred" ? "inferred" : "stated") +
          (h.segments.some(function (s) { return !s.attested; }) ? "; partly not vouched for (last attested " +
            (cut ? "—" : h.lastAttested) + ")" : ""),
        "“" + h.quote + "” (seeds/" + h.seed + ")"].forEach(function (t, k) {
        row.appendChild(el(k === 1 ? "th" : "td", "", t));
      });
      var cell = el("td");
      var button = el("button", "krc-show", "Show on map");
      button.type = "button";
      button.setAttribute("aria-label", "Show " + place.name + " held by " + (holder ? holder.name : h.faction) + " on the map");
      button.addEventListener("click", function () {
        self.go(self.frameForHolding(h, dayNumber(h.from)));
      });
      cell.appendChild(button);
      row.appendChild(cell);
      table.appendChild(row);
    });
  };

  // --- Showing and hiding ----------------------------------------------------------

  Charts.prototype.buildToggle = function () {
    var self = this, extras = this.player.shell.querySelector(".krp-extras");
    this.toggle = el("button", "krp-button krc-toggle", "Chart");
    this.toggle.type = "button";
    this.toggle.setAttribute("aria-pressed", "false");
    this.toggle.setAttribute("aria-label", "Who held what: show or hide the chart (g)");
    this.toggle.title = "Who held what: show or hide the chart (g); t hides or shows the strip too";
    this.toggle.addEventListener("click", function () { self.showChart(!self.chartOn); });
    (extras || this.player.slots.strip).appendChild(this.toggle);
  };

  Charts.prototype.showChart = function (on) {
    this.chartOn = Boolean(on);
    this.player.slots.chart.hidden = !this.chartOn;
    this.player.shell.classList.toggle("krc-chart-on", this.chartOn);
    this.toggle.setAttribute("aria-pressed", String(this.chartOn));
    this.player.map.invalidateSize();
    this.drawChart();
  };

  // The table takes the plot's place: the same facts, readable by a screen reader.
  Charts.prototype.showTable = function (on) {
    this.tableOn = Boolean(on);
    this.tableBox.hidden = !this.tableOn;
    this.plot.hidden = this.tableOn;
    this.axis.style.display = this.tableOn ? "none" : "";
    this.tableButton.setAttribute("aria-pressed", String(this.tableOn));
    this.tableButton.textContent = this.tableOn ? "Bars" : "Table";
    if (!this.tableOn) { this.drawChart(); }
  };

  Charts.prototype.showStrip = function (on) {
    this.stripOn = Boolean(on);
    this.strip.hidden = !this.stripOn;
    this.player.shell.classList.toggle("krc-strip-off", !this.stripOn);
    if (this.stripOn) { this.drawStrip(); }
  };

  Charts.prototype.onKey = function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented || typing(event)) { return; }
    var key = String(event.key || "").toLowerCase();
    if (key === "g") {
      this.showChart(!this.chartOn);
    } else if (key === "t") {
      var on = !(this.chartOn || this.stripOn);
      this.showStrip(on);
      this.showChart(on);
    } else {
      return;
    }
    event.preventDefault();
  };

  Charts.prototype.listen = function () {
    var self = this, p = this.player;
    p.shell.addEventListener("krp-frame", function () {
      if (p.limit !== self.limit) { self.limit = p.limit; self.redraw(); return; }
      self.markStrip();
      self.moveCursor();
    });
    var onKey = function (event) { self.onKey(event); };
    document.addEventListener("keydown", onKey);
    if (p.options.parentKeys) {
      try {
        if (window.parent && window.parent !== window && window.parent.document) {
          window.parent.document.addEventListener("keydown", onKey);
        }
      } catch (error) { /* another origin: the keys work inside the map only */ }
    }
    var again = function () { self.redraw(); };
    window.addEventListener("resize", again);
    if (window.ResizeObserver) { new ResizeObserver(again).observe(p.slider); }
  };

  Charts.prototype.redraw = function () {
    if (this.stripOn) { this.drawStrip(); }
    this.drawChart();
  };

  function mount(player) {
    if (!player.doc.charts || !player.slots || !player.slots.strip || !player.slots.chart) { return; }
    var charts = new Charts(player);
    charts.buildStrip();
    if (player.doc.charts.chart) { charts.buildChart(); charts.buildToggle(); }
    else { charts.chartOn = false; charts.showChart = function () {}; }
    charts.listen();
    charts.redraw();
    window.requestAnimationFrame(function () { charts.redraw(); });
    player.charts = charts;
    player.shell.setAttribute("data-charts", "ready");
  }

  window.KrPlayer.plugin(mount);
})();
