// The presenter window the app opens (kr_map/presenter.py): a page of its own that holds the
// presenter view only, with the slim document it needs (frames' keys and labels, the story
// with its teacher notes, the data version that names the channel). It finds the app's map
// over the same channel as the export's two windows (core/channel.js): both are pages of the
// app's one origin.

import { speak } from "../core/i18n.js";
import { readJsonElement } from "./page.js";
import { presenterInto } from "./presenter.js";

function mount(rootId, docElementId) {
  const doc = readJsonElement(docElementId);
  speak(doc); // the view words itself in the page's language
  return presenterInto(document.getElementById(rootId), doc);
}

window.KrPresenter = Object.freeze({ mount });
