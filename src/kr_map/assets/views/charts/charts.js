/* kr-map's time at a glance: the event strip on the slider and the who-held-what chart.
 *
 * An add-on of the player (its interface: addons.js). It draws doc.charts (made by
 * kr_map/charts.py) as SVG in the player's two slots, follows the clock (no server round
 * trip per step) and moves time only with api.go(index). It never shows or lets a click
 * reach a frame after the limit (predict mode), and redraws when the limit moves.
 *
 * Keys: g shows or hides the chart; t hides or shows the strip and the chart together.
 */

import { t } from "../../core/i18n.js";
import { MESSAGES } from "../../core/messages.js";
import { UNITS } from "../../core/frames.js";
import { describeKey, chartsAction } from "../../core/keys.js";
import { periodsOf, positionOfDay, trackScale } from "../../core/scales.js";
import { button } from "../dom.js";
import { THUMB } from "../ticks.js";
import { releaseAfterClick } from "../timebar.js";
import { Chart } from "./chart.js";
import { Strip } from "./strip.js";

export class Charts {
  constructor(api) {
    this.api = api;
    this.data = api.doc.charts;
    this.periods = periodsOf(this.data.periods);
    this.limit = api.clock.limit;
    this.firstYear = api.clock.frames[0].year;
    this.strip = new Strip(this);
    this.chart = this.data.chart ? new Chart(this) : null;
    this.dayX = null; // set by the chart when drawn: x of a day in the chart
  }

  // Where a day sits on the slider's scale.
  positionOfDay(day) {
    return positionOfDay(day, this.firstYear, UNITS);
  }

  // x of a slider position in the coordinates of `box` (see core/scales.js: trackScale).
  scale(box, fallbackLeft) {
    return trackScale(this.api.track(), box.getBoundingClientRect(), THUMB, fallbackLeft);
  }

  limitEnd() {
    return this.periods[this.api.clock.limit][1];
  }

  go(index) {
    this.api.go(index);
  }

  buildToggle() {
    this.toggle = button(t(MESSAGES.chart), t(MESSAGES.chartHint), () => this.showChart(!this.chart.on),
      "krp-button krc-toggle");
    this.toggle.setAttribute("aria-pressed", "false");
    releaseAfterClick(this.toggle);
    this.toggle.title = t(MESSAGES.chartHint);
    (this.api.slots.extras || this.api.slots.strip).appendChild(this.toggle);
  }

  showChart(on) {
    if (!this.chart) {
      return;
    }
    this.chart.on = Boolean(on);
    this.api.slots.chart.hidden = !this.chart.on;
    this.api.setClass("krc-chart-on", this.chart.on);
    this.toggle.setAttribute("aria-pressed", String(this.chart.on));
    this.api.relayout();
    this.chart.draw();
  }

  showStrip(on) {
    this.strip.on = Boolean(on);
    this.strip.node.hidden = !this.strip.on;
    this.api.setClass("krc-strip-off", !this.strip.on);
    if (this.strip.on) {
      this.strip.draw();
    }
  }

  onKey(event) {
    const action = chartsAction(describeKey(event, null));
    if (action === "chart") {
      this.showChart(!(this.chart && this.chart.on));
    } else if (action === "both") {
      const on = !((this.chart && this.chart.on) || this.strip.on);
      this.showStrip(on);
      this.showChart(on);
    } else {
      return;
    }
    event.preventDefault();
  }

  listen() {
    const { clock } = this.api;
    clock.on("frame", () => {
      if (clock.limit !== this.limit) {
        this.limit = clock.limit;
        this.redraw();
        return;
      }
      this.strip.mark();
      if (this.chart) {
        this.chart.moveCursor();
      }
    });
    this.api.onKey((event) => this.onKey(event));
    this.api.onTrackResize(() => this.redraw());
  }

  redraw() {
    if (this.strip.on) {
      this.strip.draw();
    }
    if (this.chart) {
      this.chart.draw();
    }
  }
}

export const charts = {
  name: "charts",
  mount(api) {
    if (!api.doc.charts || !api.slots.strip || !api.slots.chart) {
      return null;
    }
    const made = new Charts(api);
    made.strip.build(api.slots.strip);
    if (made.chart) {
      made.chart.build(api.slots.chart);
      made.buildToggle();
    }
    made.listen();
    made.redraw();
    window.requestAnimationFrame(() => made.redraw());
    api.mark("charts", "ready");
    return made;
  },
};
