// The page's language (issue 21): the player's nodes carry the document's `lang`, so
// Khmer text takes the Khmer font (:lang(km) in the Khmer page's font CSS); and while any
// translation is unreviewed, a note on the map says so in the page's language.

import { dictionary, translator } from "../core/i18n.js";
import { MESSAGES } from "../core/messages.js";
import { breakable } from "../core/wrap.js";
import { el } from "./dom.js";
import { mapControl } from "./shell.js";

export function language(map, doc, shellNode) {
  const { lang, unreviewed } = dictionary(doc);
  shellNode.setAttribute("lang", lang);
  map.getContainer().setAttribute("lang", lang);
  if (!unreviewed) {
    return null;
  }
  const text = translator(doc)(MESSAGES.underReview);
  const note = el("div", "krp-review leaflet-control-attribution", lang === "km" ? breakable(text) : text);
  note.setAttribute("role", "note");
  note.setAttribute("lang", lang);
  mapControl(map, "bottomleft", note);
  return note;
}
