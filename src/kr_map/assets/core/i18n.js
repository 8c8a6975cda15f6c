// Translations in the browser (no DOM): doc.i18n = {lang, messages: {english: translated},
// unreviewed}, made in Python from the gettext catalogs (kr_map.i18n.browser_messages).
// A message with no translation is shown in English; {name} placeholders are filled from
// params as plain text (the result goes on the page through textContent like every text).

const PLACEHOLDER = /\{([a-zA-Z_][a-zA-Z0-9_]*)\}/g;

// The document's dictionary, or the English one when the document has none.
export function dictionary(doc) {
  const i18n = doc && typeof doc.i18n === "object" && doc.i18n ? doc.i18n : {};
  const messages = i18n.messages && typeof i18n.messages === "object" ? i18n.messages : {};
  const lang = typeof i18n.lang === "string" && i18n.lang ? i18n.lang : "en";
  return { lang, messages, unreviewed: Boolean(i18n.unreviewed) };
}

// Fills {name} with params[name]; an unknown name stays as written, so a mistake shows.
export function fill(text, params) {
  return text.replace(PLACEHOLDER, (whole, name) => (params && Object.hasOwn(params, name) ? String(params[name]) : whole));
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

// Makes the document's language the page's; returns its code ("en", "km", "fr").
export function speak(doc) {
  spoken = dictionary(doc);
  spokenT = translator(doc);
  spokenNames = doc && typeof doc.languageNames === "object" && doc.languageNames ? doc.languageNames : {};
  return spoken.lang;
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

// A number as the page's language writes it: 10,000 / 10 000 / ១០,០០០.
export function formatNumber(value, lang = spoken.lang) {
  const format = new Intl.NumberFormat(numberLocale(lang));
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
