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
