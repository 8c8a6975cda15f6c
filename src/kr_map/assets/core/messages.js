// The player's own words, marked for translation. `pybabel extract -F babel.cfg` reads the
// N_("...") calls of this module into locale/kr_map.pot; kr_map.i18n.browser_messages(lang)
// hands their translations to the page as doc.i18n, and core/i18n.js looks them up by this
// same English text. A view that shows one of these says t(MESSAGES.underReview).

// Marks a message for extraction; the English text is its key.
function N_(text) {
  return text;
}

export const MESSAGES = Object.freeze({
  underReview: N_("Translation under review"),
  translationOf: N_("Translation ({language}, unreviewed) of the original above"),
  reviewedTranslationOf: N_("Translation ({language}) of the original above"),
  language: N_("Language"),
  quoteStaysEnglish: N_("Quotes stay in the words of their source."),
});
