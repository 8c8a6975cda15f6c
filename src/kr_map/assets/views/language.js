// The page's language (issue 21): the player's nodes carry the document's `lang`, so
// Khmer text takes the Khmer font (:lang(km) in the page's font CSS); while any
// translation is unreviewed, a note on the map says so in the page's language. The
// export's language switch (one button per language the file holds, each name written
// in its own language) lives here too.

import { dictionary, t } from "../core/i18n.js";
import { MESSAGES } from "../core/messages.js";
import { button, el } from "./dom.js";
import { mapControl } from "./shell.js";

export function language(map, doc, shellNode) {
  const { lang, unreviewed } = dictionary(doc);
  shellNode.setAttribute("lang", lang);
  map.getContainer().setAttribute("lang", lang);
  if (!unreviewed) {
    return null;
  }
  const note = el("div", "krp-review leaflet-control-attribution", t(MESSAGES.underReview));
  note.setAttribute("role", "note");
  note.setAttribute("lang", lang);
  mapControl(map, "bottomleft", note);
  return note;
}

// The switch: "Language" and a button per language ({lang, name}); the current one is
// pressed, and each name is marked up in its own language (a Khmer name in the Khmer font).
export function languageSwitch(choices, current, choose) {
  const box = el("div", "krp-box krp-langs");
  box.setAttribute("role", "group");
  box.setAttribute("aria-label", t(MESSAGES.language));
  choices.forEach((choice) => {
    const node = button(choice.name, t(MESSAGES.languageHint, { language: choice.name }),
      () => choose(choice.lang), "krp-button krp-lang");
    node.setAttribute("lang", choice.lang);
    node.setAttribute("aria-pressed", String(choice.lang === current));
    node.dataset.lang = choice.lang;
    box.appendChild(node);
  });
  return box;
}

// The note when an address asks for a language the file does not hold: it names those
// the file holds, in their own words.
export function missingLanguageNote(asked, choices) {
  return t(MESSAGES.languageMissing, { asked, languages: choices.map((c) => c.name).join(", ") });
}

// The file's languages (the export's options.languages: [{lang, element, name}], the first
// its default) and the one to show: `asked` (#lang=) when the file holds it, else the
// default, with `missing` the language asked for that the file lacks (or null).
export function chooseLanguage(languages, asked) {
  const langs = Array.isArray(languages) ? languages : [];
  const found = langs.find((choice) => choice.lang === asked);
  const missing = asked !== undefined && !found && langs.length ? String(asked).slice(0, 40) : null;
  return { langs, chosen: found || langs[0] || null, missing };
}
