// The presenter view: a second window on the teacher's laptop while the projector shows the
// map. It shows what the projector shows (mode, date, story step), the step's teacher
// notes and the next step's title, the lesson's elapsed time, and the controls (◀ ▶,
// first and last, the modes). It follows the projector and steers it over the channel
// (core/channel.js): it never moves time itself.

import { button, el } from "./dom.js";
import { MODES, modeOf } from "./modes.js";

// "4:05" or "1:02:09": elapsed milliseconds as a clock reads them.
export function elapsedText(ms) {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const pad = (n) => String(n).padStart(2, "0");
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return h ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

export const NOTES_IN_STORY = "Teacher notes come with the story's steps: choose Story below.";

// What the presenter says about a projector's `show` message: {where, notes, next}.
export function presenterText(doc, shown) {
  const frame = (doc.frames || []).find((f) => f.key === shown.key);
  const steps = Array.isArray(doc.story) ? doc.story : [];
  const date = frame ? frame.label : shown.key;
  if (shown.mode !== "story" || !shown.step || !steps[shown.step - 1]) {
    return { where: `${modeOf(shown.mode).title}: ${date}`, notes: NOTES_IN_STORY, next: "" };
  }
  const step = steps[shown.step - 1];
  const following = steps[shown.step];
  return {
    where: `Story, step ${shown.step} of ${steps.length}: ${step.title} (${date})`,
    notes: step.teacherNotes || "No teacher notes for this step (data/story.csv, column teacher_notes).",
    next: following ? `${following.step}. ${following.title}` : "This is the story's last step.",
  };
}

export class Presenter {
  constructor(doc, channel, timers) {
    this.doc = doc;
    this.channel = channel;
    this.timers = timers;
    this.started = timers.now();
    this.node = el("main", "krp-presenter");
    this.node.setAttribute("aria-label", "Presenter view");
    this.node.dataset.shown = "";
    this.build();
    channel.on((message) => {
      if (message.type === "show") {
        this.show(message);
      }
    });
    timers.every(() => this.tick(), 1000);
    this.tick();
    channel.send({ type: "command", action: "hello" });
  }

  build() {
    const head = el("header", "krp-presenter-head");
    head.appendChild(el("h1", "krp-presenter-title", "Presenter view"));
    this.clock = el("p", "krp-presenter-clock");
    this.clock.setAttribute("aria-label", "Lesson time");
    head.appendChild(this.clock);
    head.appendChild(button("Restart clock", "Start the lesson's clock again from 0:00", () => this.restart(), "krp-button"));
    this.node.appendChild(head);
    this.where = el("p", "krp-presenter-where", "Waiting for the map window… (open the file, then press Presenter view there)");
    this.where.setAttribute("aria-live", "polite");
    this.node.appendChild(this.where);
    this.notesBox = this.section("Teacher notes", "krp-teacher-notes");
    this.nextBox = this.section("Next step", "krp-next-step");
    this.node.appendChild(this.controls());
  }

  section(title, className) {
    const box = el("section", `krp-presenter-section ${className}-box`);
    box.appendChild(el("h2", "", title));
    const text = el("p", className);
    box.appendChild(text);
    box.hidden = true;
    this.node.appendChild(box);
    return text;
  }

  controls() {
    const box = el("nav", "krp-presenter-controls");
    box.setAttribute("aria-label", "Steer the map window");
    const send = (command) => this.channel.send({ type: "command", ...command });
    box.appendChild(button("◀◀ First", "First step or frame (Home)", () => send({ action: "first" }), "krp-button"));
    box.appendChild(button("◀ Back", "Previous step or frame (←)", () => send({ action: "step", by: -1 }), "krp-button krp-presenter-back"));
    box.appendChild(button("Next ▶", "Next step or frame (→)", () => send({ action: "step", by: 1 }), "krp-button krp-presenter-next"));
    box.appendChild(button("Last ▶▶", "Last step or frame (End)", () => send({ action: "last" }), "krp-button"));
    const modes = el("div", "krp-presenter-modes");
    modes.setAttribute("role", "group");
    modes.setAttribute("aria-label", "Mode of the map window");
    this.modeButtons = MODES.map((mode) => {
      const node = button(mode.title, mode.hint, () => send({ action: "mode", mode: mode.id }), "krp-button krp-mode");
      node.dataset.mode = mode.id;
      modes.appendChild(node);
      return node;
    });
    box.appendChild(modes);
    return box;
  }

  // A key on the laptop (a clicker sends ← → or Page Up/Down) steers the projector.
  onKey(event) {
    const keys = { ArrowLeft: { action: "step", by: -1 }, PageUp: { action: "step", by: -1 },
      ArrowRight: { action: "step", by: 1 }, PageDown: { action: "step", by: 1 },
      Home: { action: "first" }, End: { action: "last" } };
    const tag = event.target && event.target.tagName;
    if (event.altKey || event.ctrlKey || event.metaKey || tag === "INPUT" || !Object.hasOwn(keys, event.key)) {
      return;
    }
    event.preventDefault();
    this.channel.send({ type: "command", ...keys[event.key] });
  }

  show(shown) {
    const text = presenterText(this.doc, shown);
    this.where.textContent = text.where;
    this.notesBox.textContent = text.notes;
    this.notesBox.parentNode.hidden = !text.notes;
    this.nextBox.textContent = text.next;
    this.nextBox.parentNode.hidden = !text.next;
    this.modeButtons.forEach((node) => node.setAttribute("aria-pressed", String(node.dataset.mode === shown.mode)));
    this.node.dataset.shown = `${shown.mode}|${shown.key}|${shown.step || ""}`;
  }

  tick() {
    this.clock.textContent = elapsedText(this.timers.now() - this.started);
  }

  restart() {
    this.started = this.timers.now();
    this.tick();
  }
}
