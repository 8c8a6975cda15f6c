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
  // Not Leaflet's attribution: the wall's text rules apply to it (24 px and more).
  const note = el("div", "krp-review", t(MESSAGES.underReview));
  note.setAttribute("role", "note");
  note.setAttribute("lang", lang);
  mapControl(map, "bottomleft", note);
  return note;
}

// The switch: "Language: ភាសាខ្មែរ" on the map; open, a button per language ({lang,
// name}), the current one pressed. Each name is marked up in its own language (a Khmer
// name in the Khmer font), as is the summary's.
export function languageSwitch(choices, current, choose) {
  const box = el("details", "krp-box krp-langs");
  const now = choices.find((choice) => choice.lang === current) || choices[0];
  // The whole sentence is the message; the name goes where the language puts {language}.
  const summary = el("summary", "krp-langs-summary");
  const [before, after] = t(MESSAGES.languageNow, { language: "\u0000" }).split("\u0000");
  const name = el("span", "krp-lang-now", now.name);
  name.setAttribute("lang", now.lang);
  summary.append(before, name, after === undefined ? "" : after);
  box.appendChild(summary);
  const list = el("div", "krp-lang-list");
  list.setAttribute("role", "group");
  list.setAttribute("aria-label", t(MESSAGES.language));
  choices.forEach((choice) => {
    const node = button(choice.name, t(MESSAGES.languageHint, { language: choice.name }),
      () => choose(choice.lang), "krp-button krp-lang");
    node.setAttribute("lang", choice.lang);
    node.setAttribute("aria-pressed", String(choice.lang === current));
    node.dataset.lang = choice.lang;
    list.appendChild(node);
  });
  box.appendChild(list);
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
