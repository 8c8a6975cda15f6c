// Translations in the browser (no DOM): doc.i18n = {lang, messages: {english: translated},
// unreviewed}, made in Python from the gettext catalogs (kr_map.i18n.browser_messages).
// A message with no translation is shown in English; {name} placeholders are filled from
// params as plain text (the result goes on the page through textContent like every text).

// {name}, or {name:spec} on a side's name: {holder:à} asks for "aux Khmers rouges" (below).
const PLACEHOLDER = /\{([a-zA-Z_][a-zA-Z0-9_]*)(?::([^{}]*))?\}/g;

// The document's dictionary, or the English one when the document has none.
export function dictionary(doc) {
  const i18n = doc && typeof doc.i18n === "object" && doc.i18n ? doc.i18n : {};
  const messages = i18n.messages && typeof i18n.messages === "object" ? i18n.messages : {};
  const lang = typeof i18n.lang === "string" && i18n.lang ? i18n.lang : "en";
  return { lang, messages, unreviewed: Boolean(i18n.unreviewed) };
}

// Fills {name} with params[name]; an unknown name stays as written, so a mistake shows.
// {name:spec} takes a side (sideIn) in the form the spec asks for (its article fused with a
// preposition, as kr_map/articles.py words it in Python).
export function fill(text, params) {
  return text.replace(PLACEHOLDER, (whole, name, spec) => {
    if (!params || !Object.hasOwn(params, name)) {
      return whole;
    }
    const value = params[name];
    return spec === undefined ? String(value) : inSentence(value, spec);
  });
}

// ------------------------------------------------------------------ sides in sentences
// A side's name in a sentence: bare in English and Khmer; in French with its article, fused
// with the preposition before it ("passe aux Khmers rouges"). The words come from the document
// (doc.sides: per side, its bare name under "" and each form the page's messages ask for, made
// by kr_map/translations.py sides_in_sentences from the `article` rows of translations.csv):
// the JS knows no side's article and writes no French grammar but the bare fallback below.

// The spec asking for a name with its article alone ("les Khmers rouges"): articles.ARTICLE_ONLY.
const ARTICLE_ONLY = "le";

class Side {
  constructor(name, forms) {
    this.name = name;
    this.forms = forms;
  }

  toString() {
    return this.name;
  }
}

// A side's name in the form a placeholder's spec asks for; a side with no such form keeps
// the preposition before it bare ("à Khmers rouges"), as articles.with_article does.
function inSentence(value, spec) {
  if (value instanceof Side && Object.hasOwn(value.forms, spec)) {
    return value.forms[spec];
  }
  const name = String(value);
  return spec === "" || spec === ARTICLE_ONLY ? name : `${spec} ${name}`;
}

// A side's forms from a document's `sides` (kept only where each form is a string).
export function sidesOf(doc) {
  const sides = doc && typeof doc.sides === "object" && doc.sides ? doc.sides : {};
  const known = {};
  Object.keys(sides).forEach((id) => {
    const forms = sides[id];
    if (forms && typeof forms === "object" && typeof forms[""] === "string") {
      const kept = {};
      Object.keys(forms).forEach((spec) => {
        if (typeof forms[spec] === "string") {
          kept[spec] = forms[spec];
        }
      });
      known[id] = kept;
    }
  });
  return known;
}

// t(key, params): the message in the document's language, placeholders filled.
export function translator(doc) {
  const { messages } = dictionary(doc);
  return (key, params) => {
    const text = Object.hasOwn(messages, key) && typeof messages[key] === "string" && messages[key] ? messages[key] : key;
    return fill(text, params);
  };
}

// The `lang` attribute an element showing this text should carry.
export function langOf(doc) {
  return dictionary(doc).lang;
}

// ------------------------------------------------------------------ the page's language
// A page speaks one language at a time: the document it mounts says which (doc.i18n).
// speak(doc) makes it the language of t() for every view, so a view need not carry the
// document to word a button; a second mount (another file language) calls speak again.

let spoken = dictionary(null);
let spokenT = translator(null);
let spokenNames = {};
let spokenSides = {};

// Makes the document's language the page's; returns its code ("en", "km", "fr").
export function speak(doc) {
  spoken = dictionary(doc);
  spokenT = translator(doc);
  spokenNames = doc && typeof doc.languageNames === "object" && doc.languageNames ? doc.languageNames : {};
  spokenSides = sidesOf(doc);
  return spoken.lang;
}

// The side `id` for a message's placeholder (t(MESSAGES.changedFrom, {holder: sideIn(id)})):
// its name in the page's language, and each form with its article; a side the document does
// not list is named `fallback` (else its id), bare.
export function sideIn(id, fallback) {
  if (Object.hasOwn(spokenSides, id)) {
    return new Side(spokenSides[id][""], spokenSides[id]);
  }
  return new Side(fallback === undefined || fallback === null ? String(id) : String(fallback), {});
}

// t(MESSAGES.x, {name: value}): the message in the page's language, placeholders filled.
export function t(key, params) {
  return spokenT(key, params);
}

// The page's language ("en" until a document is spoken).
export function spokenLang() {
  return spoken.lang;
}

// True while the page's language has translations no native speaker has reviewed.
export function spokenUnreviewed() {
  return spoken.unreviewed;
}

// The BCP 47 locale Intl formats the page's numbers in: Khmer in Khmer digits (CLDR's
// native numbering system for km, as kr_map.i18n.native_digits writes them in Python).
export function numberLocale(lang) {
  return lang === "km" ? "km-u-nu-khmr" : lang;
}

// Chromium ships a reduced ICU without Khmer's number data: asked for "km-u-nu-khmr" it
// answers in Latin digits. The Khmer digits are one Unicode block (U+17E0..U+17E9) in the
// order of 0..9, so the Latin ones are mapped onto them.
const KHMER_ZERO = 0x17e0;

function inKhmerDigits(text) {
  return text.replace(/[0-9]/g, (digit) => String.fromCharCode(KHMER_ZERO + Number(digit)));
}

// Text with its digits as the page's language writes them ("’89" -> "’៨៩" in Khmer): for
// years and keys, which take no thousands separator.
export function inNativeDigits(text, lang = spoken.lang) {
  return lang === "km" ? inKhmerDigits(text) : text;
}

// One number format per locale: making an Intl.NumberFormat costs far more than using one
// (a new one per number took 90 ms of the first frame).
const numberFormats = new Map();

function numberFormat(locale) {
  if (!numberFormats.has(locale)) {
    numberFormats.set(locale, new Intl.NumberFormat(locale));
  }
  return numberFormats.get(locale);
}

// A number as the page's language writes it: 10,000 / 10 000 / ១០,០០០.
export function formatNumber(value, lang = spoken.lang) {
  const format = numberFormat(numberLocale(lang));
  const text = format.format(value);
  return lang === "km" && format.resolvedOptions().numberingSystem !== "khmr" ? inKhmerDigits(text) : text;
}

// The name of a language as it writes itself ("ភាសាខ្មែរ", "Français"): the document's
// own list (doc.languageNames, from kr_map.i18n.LANGUAGE_NAMES), else the browser's CLDR
// name in the page's language, else the code.
export function languageName(code) {
  if (Object.hasOwn(spokenNames, code) && typeof spokenNames[code] === "string") {
    return spokenNames[code];
  }
  try {
    return new Intl.DisplayNames([spoken.lang], { type: "language" }).of(code) || code;
  } catch {
    return code;
  }
}
