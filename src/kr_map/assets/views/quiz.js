/* The quiz: an add-on of the player (addons.js), built on predict mode.
 *
 * Each question of doc.quiz (kr_map/quiz.py: every answer checked against the data) stops
 * the map at the frame before its answer (the clock's limit, as in predict), asks it (click
 * the place where ..., put these events in order, who held ... in ...), and once answered
 * reveals the answer's frame with the answer's verbatim quotes and sources, and the score.
 * The box sits at the top of the side panel. It starts from a "Quiz" button on the map, by itself when the player's mode is "quiz"
 * (the app), or from the export's mode switch through quizMode(). "Print the quiz" prints
 * a worksheet and, on a page of its own, its answer key (assets/print.css).
 * Every text goes in through textContent (views/dom.js).
 */

import { formatNumber, t } from "../core/i18n.js";
import { MESSAGES } from "../core/messages.js";
import { addOnApi } from "../addons.js";
import { isRight, moveItem, nearestPlace, scoreOf } from "../core/quiz.js";
import { button, el, englishEl } from "./dom.js";
import { mapControl } from "./shell.js";
import { addTranslation } from "./translated.js";
import { sourcesList, worksheetNodes } from "./worksheet.js";

// A question's prompt, and under it its translation when the document carries one.
function promptNode(question) {
  const box = el("div", "krp-quiz-prompt-box");
  box.appendChild(englishEl("p", "krp-quiz-prompt", question.prompt));
  return addTranslation(box, question, "prompt");
}

export class Quiz {
  constructor(api) {
    this.api = api;
    this.doc = api.doc;
    this.questions = (api.doc.quiz && api.doc.quiz.questions) || [];
    this.places = (api.doc.quiz && api.doc.quiz.places) || [];
    this.answers = {};
    this.active = false;
    this.box = el("section", "krp-box krp-quiz-box");
    this.box.setAttribute("aria-label", t(MESSAGES.quiz));
    this.box.setAttribute("aria-live", "polite");
    this.box.hidden = true;
    this.worksheet = el("article", "krp-worksheet");
    this.worksheet.setAttribute("aria-hidden", "true");
    api.map.getContainer().parentNode.appendChild(this.worksheet);
    if (!this.questions.length) {
      return;
    }
    this.place(api);
    this.opener = button(t(MESSAGES.quiz), t(MESSAGES.startQuiz), () => this.start(), "krp-button krp-quiz-start krp-print-hide");
    // Only where the map is free to be asked about: not on the wall, and not over compare's,
    // story's or predict's maps, whose modes the quiz would fight (it has its own mode).
    if (!api.present && [undefined, "explore"].includes(api.options.mode)) {
      mapControl(api.map, "topright", this.opener);
    }
    // Any click on the map counts, on a marker too (Leaflet keeps those from the map's own
    // "click"), but not one on a control of the map.
    api.map.getContainer().addEventListener("click", (event) => {
      if (!(event.target instanceof Element) || !event.target.closest(".leaflet-control")) {
        this.pick(api.map.mouseEventToLatLng(event));
      }
    });
    window.addEventListener("afterprint", () => api.setClass("krp-prints-quiz", false));
    if (api.options.mode === "quiz") {
      this.start();
    }
  }

  // The box goes at the top of the side panel, where it hides none of the map (a click on
  // the map is an answer); where there is no panel (the wall), on the map's lower left.
  place(api) {
    const shell = api.map.getContainer().closest(".krp-shell");
    const panel = shell ? shell.querySelector(".krp-panel") : null;
    if (panel) {
      this.box.classList.add("krp-quiz-in-panel");
      panel.insertBefore(this.box, panel.firstChild);
    } else {
      mapControl(api.map, "bottomleft", this.box);
    }
  }

  start() {
    this.active = true;
    this.answers = {};
    this.box.hidden = false;
    this.opener.hidden = true;
    this.api.setClass("krp-quiz-on", true);
    this.ask(0);
  }

  stop() {
    this.active = false;
    this.box.hidden = true;
    this.opener.hidden = false;
    this.api.setClass("krp-quiz-on", false);
    this.api.setLimit(this.api.clock.frames.length - 1);
  }

  frameIndex(key) {
    return this.api.clock.frames.findIndex((frame) => frame.key === key);
  }

  // Question `at`: the map stops before its answer; the form to answer it.
  ask(at) {
    this.at = at;
    this.given = null;
    const question = this.questions[at];
    const ask = this.frameIndex(question.ask);
    if (ask >= 0) {
      this.api.setLimit(ask);
      this.api.go(ask);
    }
    if (question.kind === "order") {
      this.given = question.events.map((event) => event.event);
    }
    this.draw();
  }

  draw() {
    const question = this.questions[this.at];
    const parts = [this.scoreLine(),
      el("h2", "krp-quiz-title", t(MESSAGES.questionOf, { number: formatNumber(this.at + 1), count: formatNumber(this.questions.length) })),
      promptNode(question)];
    const done = Object.prototype.hasOwnProperty.call(this.answers, question.number);
    parts.push(done ? this.revealed(question) : this.form(question));
    parts.push(this.navigation(done));
    this.box.replaceChildren(...parts);
  }

  scoreLine() {
    const score = scoreOf(this.questions, this.answers);
    const line = el("p", "krp-quiz-score", t(MESSAGES.score, { right: formatNumber(score.right), answered: formatNumber(score.answered), total: formatNumber(score.total) }));
    line.dataset.right = String(score.right);
    line.dataset.answered = String(score.answered);
    return line;
  }

  form(question) {
    const form = el("div", "krp-quiz-form");
    if (question.kind === "holder") {
      const group = el("fieldset", "krp-quiz-choices");
      group.appendChild(el("legend", "", t(MESSAGES.chooseOne)));
      question.choices.forEach((choice) => {
        const label = el("label", "krp-check");
        const radio = el("input");
        radio.type = "radio";
        radio.name = `krp-quiz-${question.number}`;
        radio.value = choice.id;
        radio.checked = this.given === choice.id;
        radio.addEventListener("change", () => { this.given = choice.id; });
        label.appendChild(radio);
        label.appendChild(document.createTextNode(` ${choice.name}`));
        group.appendChild(label);
      });
      form.appendChild(group);
    } else if (question.kind === "order") {
      form.appendChild(this.orderList(question));
    } else {
      const picked = this.given ? t(MESSAGES.youChose, { place: this.given.name }) : t(MESSAGES.clickTheMap);
      form.appendChild(el("p", "krp-quiz-picked", picked));
      form.appendChild(this.placeList());
    }
    form.appendChild(button(t(MESSAGES.answer), t(MESSAGES.checkAnswer), () => this.answer(), "krp-button krp-quiz-answer"));
    return form;
  }

  // The same choice without a pointer: every place by name (keyboards, screen readers).
  placeList() {
    const label = el("label", "krp-quiz-list", t(MESSAGES.orChoose));
    const list = el("select", "krp-quiz-place-list");
    const none = el("option", "", "—");
    none.value = "";
    list.appendChild(none);
    [...this.places].sort((a, b) => a.name.localeCompare(b.name)).forEach((place) => {
      const option = el("option", "", place.name);
      option.value = place.id;
      option.selected = Boolean(this.given && this.given.id === place.id);
      list.appendChild(option);
    });
    list.addEventListener("change", () => {
      const place = this.places.find((p) => p.id === list.value);
      this.given = place ? { id: place.id, name: place.name, km: 0 } : null;
      this.draw();
      const again = this.box.querySelector(".krp-quiz-place-list");
      if (again) {
        again.focus();
      }
    });
    label.appendChild(list);
    return label;
  }

  orderList(question) {
    const events = {};
    question.events.forEach((event) => { events[event.event] = event; });
    const list = el("ol", "krp-quiz-order");
    this.given.forEach((id, at) => {
      const title = `${events[id].title}`;
      const item = el("li", "krp-quiz-item");
      item.dataset.event = id;
      // the title, its translation under it (labelled briefly: the list is in a narrow box)
      const words = el("div", "krp-quiz-item-words");
      words.appendChild(el("span", "krp-quiz-item-title", title));
      item.appendChild(addTranslation(words, events[id], "title", { brief: true }));
      item.appendChild(button("▲", t(MESSAGES.moveEarlier, { title }), () => this.move(at, -1), "krp-button krp-quiz-up"));
      item.appendChild(button("▼", t(MESSAGES.moveLater, { title }), () => this.move(at, 1), "krp-button krp-quiz-down"));
      list.appendChild(item);
    });
    return list;
  }

  move(at, by) {
    this.given = moveItem(this.given, at, by);
    this.draw();
  }

  // A click on the map while a place question is open: the nearest place is the choice.
  pick(latlng) {
    const question = this.active ? this.questions[this.at] : null;
    if (!question || question.kind !== "place" || Object.prototype.hasOwnProperty.call(this.answers, question.number)) {
      return;
    }
    this.given = nearestPlace(this.places, latlng.lat, latlng.lng);
    this.draw();
  }

  answer() {
    const question = this.questions[this.at];
    if (this.given === null) {
      return;
    }
    const given = question.kind === "place" ? this.given.id : this.given;
    this.answers[question.number] = isRight(question, given);
    const show = this.frameIndex(question.show);
    if (show >= 0) { // the answer's frame is revealed, as predict's Reveal does
      this.api.setLimit(Math.max(show, this.api.clock.limit));
      this.api.go(show);
    }
    this.draw();
  }

  revealed(question) {
    const right = this.answers[question.number];
    const part = el("div", `krp-quiz-reveal ${right ? "krp-quiz-right" : "krp-quiz-wrong"}`);
    part.appendChild(el("p", "krp-quiz-verdict", right ? t(MESSAGES.right) : t(MESSAGES.notThisTime)));
    part.appendChild(el("p", "krp-quiz-answer-text", t(MESSAGES.theAnswer, { answer: question.answerText })));
    part.appendChild(sourcesList(this.doc, question.sources));
    return part;
  }

  navigation(done) {
    const nav = el("div", "krp-quiz-nav");
    if (this.at > 0) {
      nav.appendChild(button(t(MESSAGES.previous), t(MESSAGES.previousQuestion), () => this.ask(this.at - 1), "krp-button krp-quiz-prev"));
    }
    if (done && this.at + 1 < this.questions.length) {
      nav.appendChild(button(t(MESSAGES.nextQuestion), t(MESSAGES.nextQuestion), () => this.ask(this.at + 1), "krp-button krp-quiz-next"));
    }
    nav.appendChild(button(t(MESSAGES.printQuiz), t(MESSAGES.printQuizHint),
      () => this.print(), "krp-button krp-quiz-print"));
    nav.appendChild(button(t(MESSAGES.endQuiz), t(MESSAGES.endQuizHint), () => this.stop(), "krp-button krp-quiz-end"));
    return nav;
  }

  fillWorksheet() {
    this.worksheet.replaceChildren(...worksheetNodes(this.doc, this.questions));
  }

  print() {
    this.fillWorksheet();
    this.api.setClass("krp-prints-quiz", true);
    window.print();
  }
}

// The export's mode switch (views/modes.js) starts the quiz with this: `player` is the
// mounted player (or its add-on interface), `doc` its document.
export function quizMode(player, doc) {
  const api = player && player.clock && player.actions ? addOnApi(player) : player;
  const found = player && player.addOns ? player.addOns.quiz : null;
  const running = found || new Quiz({ ...api, doc: doc || api.doc });
  running.start();
  return running;
}

export const quiz = { name: "quiz", mount: (api) => new Quiz(api) };
