import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { dictionary, fill, formatNumber, inNativeDigits, langOf, languageName, sideIn, sidesOf, speak, spokenLang, t, translator } from "../../src/kr_map/assets/core/i18n.js";
import { MESSAGES } from "../../src/kr_map/assets/core/messages.js";

const FRENCH = {
  i18n: {
    lang: "fr",
    messages: { "Translation under review": "Traduction en cours de relecture",
      "Translation ({language}) of the original above": "Traduction ({language}) de l’original ci-dessus" },
    unreviewed: true,
  },
};

describe("translations in the browser", () => {
  it("gives the document's translation of a message", () => {
    const t = translator(FRENCH);
    assert.equal(t(MESSAGES.underReview), "Traduction en cours de relecture");
  });

  it("shows the English message when the dictionary has no translation for it", () => {
    assert.equal(translator(FRENCH)(MESSAGES.language), "Language");
    assert.equal(translator({})(MESSAGES.underReview), "Translation under review");
  });

  it("fills placeholders as plain text, after translating", () => {
    const t = translator(FRENCH);
    assert.equal(t(MESSAGES.reviewedTranslationOf, { language: "<b>km</b>" }),
      "Traduction (<b>km</b>) de l’original ci-dessus");
  });

  it("leaves an unknown placeholder as written, so a mistake shows", () => {
    assert.equal(fill("{a} and {b}", { a: 1 }), "1 and {b}");
    assert.equal(fill("{toString}", {}), "{toString}");
  });

  it("does not take a message from the object prototype", () => {
    assert.equal(translator(FRENCH)("constructor"), "constructor");
    assert.equal(translator({ i18n: { messages: { x: 5 } } })("x"), "x");
  });

  it("says the document's language, English when it has none", () => {
    assert.equal(langOf(FRENCH), "fr");
    assert.equal(langOf({ i18n: null }), "en");
    assert.deepEqual(dictionary(undefined), { lang: "en", messages: {}, unreviewed: false });
    assert.equal(dictionary(FRENCH).unreviewed, true);
  });
});

describe("the page's language", () => {
  it("makes the spoken document's language that of t() for every view", () => {
    assert.equal(speak(FRENCH), "fr");
    assert.equal(spokenLang(), "fr");
    assert.equal(t(MESSAGES.underReview), "Traduction en cours de relecture");
    assert.equal(t(MESSAGES.language), "Language"); // no translation: the English
    assert.equal(speak({}), "en");
    assert.equal(t(MESSAGES.underReview), "Translation under review");
  });

  it("writes numbers as each language does: Khmer in Khmer digits", () => {
    assert.equal(formatNumber(10000, "en"), "10,000");
    assert.equal(formatNumber(10000, "fr").replace(/\s/gu, " "), "10 000");
    assert.equal(formatNumber(1989, "km").replace(/[^\u17e0-\u17e9]/gu, ""), "១៩៨៩");
    assert.equal(formatNumber(14, "km"), "១៤");
  });

  it("names a language as the document names it, else as the platform does", () => {
    speak({ ...FRENCH, languageNames: { km: "ភាសាខ្មែរ", fr: "Français" } });
    assert.equal(languageName("km"), "ភាសាខ្មែរ");
    speak(FRENCH);
    assert.ok(languageName("km").length > 0);
    speak({});
  });
});

describe("years in the page's own digits", () => {
  it("writes a year's digits in Khmer digits in Khmer, and leaves others as they are", () => {
    assert.equal(inNativeDigits("’89", "km"), "’៨៩");
    assert.equal(inNativeDigits("1989", "km"), "១៩៨៩");
    assert.equal(inNativeDigits("1989", "fr"), "1989");
  });
});

// A French document as kr_map/translations.py sides_in_sentences makes its sides: the bare
// name under "", then each form the French messages ask for.
const FRENCH_SIDES = {
  i18n: {
    lang: "fr",
    messages: {
      "Changed hands from {holder}.": "A changé de mains ; auparavant aux mains {holder:de}.",
      "Show {place} held by {holder} on the map": "Voir sur la carte {place} tenu {holder:par}",
      "{place}: {holder}, from {since} until {until}.": "{place} : aux mains {holder:de}, de {since} à {until}.",
    },
  },
  sides: {
    khmer_rouge: { "": "Khmers rouges", de: "des Khmers rouges", par: "par les Khmers rouges" },
    untac: { "": "APRONUC", de: "de l'APRONUC", par: "par l'APRONUC" },
  },
};

describe("a side's name in the player's sentences", () => {
  it("says a side with its article fused with the preposition, from the document's forms", () => {
    speak(FRENCH_SIDES);
    assert.equal(t(MESSAGES.changedFrom, { holder: sideIn("khmer_rouge", "Khmer Rouge") }),
      "A changé de mains ; auparavant aux mains des Khmers rouges.");
    assert.equal(t(MESSAGES.showHeldBy, { place: "Pailin", holder: sideIn("untac") }),
      "Voir sur la carte Pailin tenu par l'APRONUC");
    assert.equal(t(MESSAGES.holding, { place: "Pailin", holder: sideIn("khmer_rouge"), since: "1989", until: "1996" }),
      "Pailin : aux mains des Khmers rouges, de 1989 à 1996.");
    speak({});
  });

  it("names a side bare where the message asks for no form (English, Khmer)", () => {
    speak({ sides: { khmer_rouge: { "": "Khmer Rouge" } } });
    assert.equal(t(MESSAGES.changedFrom, { holder: sideIn("khmer_rouge", "Khmer Rouge (NADK)") }),
      "Changed hands from Khmer Rouge.");
    assert.equal(String(sideIn("khmer_rouge")), "Khmer Rouge");
    speak({});
  });

  it("keeps the preposition bare before a side the document gives no form of", () => {
    speak({ i18n: FRENCH_SIDES.i18n }); // a document without sides
    assert.equal(t(MESSAGES.changedFrom, { holder: sideIn("khmer_rouge", "Khmers rouges") }),
      "A changé de mains ; auparavant aux mains de Khmers rouges.");
    assert.equal(String(sideIn("nobody")), "nobody");
    assert.equal(fill("{holder:le}", { holder: "APRONUC" }), "APRONUC");
    speak({});
  });

  it("takes from the document only sides with a bare name and forms that are text", () => {
    const sides = sidesOf({ sides: { a: { "": "A", de: "du A", par: 3 }, b: { de: "du B" }, c: "C" } });
    assert.deepEqual(sides, { a: { "": "A", de: "du A" } });
    assert.deepEqual(sidesOf(null), {});
  });

  it("leaves an unknown placeholder with a form as written, so a mistake shows", () => {
    assert.equal(fill("passe {holder:à}", {}), "passe {holder:à}");
  });
});
