// The presenter window the app opens (kr_map/presenter.py): a page of its own that holds the
// presenter view only, with the slim document it needs (frames' keys and labels, the story
// with its teacher notes, the data version that names the channel). It finds the app's map
// over the same channel as the export's two windows (core/channel.js): both are pages of the
// app's one origin.

import { Channel, channelName } from "../core/channel.js";
import { Presenter } from "../views/presenter.js";
import { readJsonElement } from "./page.js";

function mount(rootId, docElementId) {
  const doc = readJsonElement(docElementId);
  const timers = { now: () => Date.now(), every: (fn, ms) => window.setInterval(fn, ms) };
  const presenter = new Presenter(doc, new Channel(channelName(doc)), timers);
  document.getElementById(rootId).appendChild(presenter.node);
  document.addEventListener("keydown", (event) => presenter.onKey(event));
  return presenter;
}

window.KrPresenter = Object.freeze({ mount });
