// The presenter window: the same file opened with "?presenter". It draws no map; it shows
// the presenter view (views/presenter.js), which follows the projector window and steers
// it over the channel (core/channel.js).

import { t } from "../core/i18n.js";
import { MESSAGES } from "../core/messages.js";
import { Channel, channelName } from "../core/channel.js";
import { Presenter } from "../views/presenter.js";

// The same file with "?presenter", in a second window (in the language `lang`, when the
// file's default is another); `say` tells the reader when the browser refused to open one.
export function openPresenter(say, lang) {
  const chosen = typeof lang === "string" && lang ? `#lang=${encodeURIComponent(lang)}` : "";
  const address = `${location.href.split("#")[0].split("?")[0]}?presenter${chosen}`;
  const opened = window.open(address, "kr-map-presenter", "popup,width=1000,height=760");
  if (!opened) {
    say(t(MESSAGES.popupBlocked, { address }));
  }
}

// The presenter view in `root`, on the channel of `doc`'s data, steered by the keys too
// (the export's "?presenter" window and the app's presenter page both show it so).
export function presenterInto(root, doc) {
  const timers = { now: () => Date.now(), every: (fn, ms) => window.setInterval(fn, ms) };
  const presenter = new Presenter(doc, new Channel(channelName(doc)), timers);
  root.appendChild(presenter.node);
  document.addEventListener("keydown", (event) => presenter.onKey(event));
  return presenter;
}

export function mountPresenter(map, doc) {
  map.getContainer().style.display = "none";
  document.body.classList.add("krp-body", "krp-presenter-body");
  document.title = t(MESSAGES.presenterTitle, { title: document.title });
  presenterInto(document.body, doc);
  return null;
}
