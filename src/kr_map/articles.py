"""A side's name inside a sentence, with its article where the language has one (French).

English and Khmer name a side bare ("passes to Khmer Rouge", "ប្រគល់ទៅខ្មែរក្រហម"). French
names it with its definite article, fused with the preposition before it: "passe aux
Khmers rouges", "au Viêt Nam", "à la République populaire du Kampuchéa", "à l'APRONUC".
The article of each name is data (``data/translations.csv``, column ``article``, checked
by ``translations.py``), never guessed from the name's spelling; the fusing of "à" and
"de" with "le" and "les" is French grammar, written once here.

A translator asks for that form in the catalog with a format spec on the name's
placeholder: ``passe {holder:à} ({date})``, ``tenu {holder:par}``, ``aux mains
{holder:de}``, or ``{holder:le}`` for the name with its article and no preposition.
Without a spec (``{holder}``) the name stays bare, as in English and Khmer.
"""

from __future__ import annotations

# The column of data/translations.csv that gives a side's article (factions only).
ARTICLE_COLUMN = "article"
# The articles a name may take, by language; a language absent here names sides bare.
ARTICLES = {"fr": ("le", "la", "les", "l'")}
# The spec asking for the name with its article alone ("le Viêt Nam", "les Khmers rouges").
ARTICLE_ONLY = "le"
# French fuses "à" and "de" with "le" and "les" (never with "la" or "l'").
_FUSED = {("à", "le"): "au", ("à", "les"): "aux", ("de", "le"): "du", ("de", "les"): "des"}


def with_article(name: str, article: str, preposition: str = "") -> str:
    """Return a name after ``preposition`` with its article: 'aux Khmers rouges', 'à l'APRONUC'.

    ``preposition`` ``le`` (:data:`ARTICLE_ONLY`) asks for the article alone, "" for the
    bare name. A name without an article keeps the preposition before it bare
    ("à Khmers rouges"): what the map said before articles were given.
    """
    if not preposition:
        return name
    if not article:
        return name if preposition == ARTICLE_ONLY else f"{preposition} {name}"
    definite = f"{article}{name}" if article.endswith("'") else f"{article} {name}"
    if preposition == ARTICLE_ONLY:
        return definite
    fused = _FUSED.get((preposition, article))
    return f"{fused} {name}" if fused else f"{preposition} {definite}"


class SideName(str):
    """A side's name as a sentence uses it: the bare name, which knows its article.

    It is the name itself wherever a string is used (joined, compared, put in JSON); in a
    message, ``{holder:à}`` formats it as :func:`with_article` words it.
    """

    article: str

    def __new__(cls, name: str, article: str = "") -> SideName:
        named = super().__new__(cls, name)
        named.article = article
        return named

    def __format__(self, spec: str) -> str:
        """Return the name as the placeholder's spec asks: bare, or after a preposition."""
        return with_article(str(self), self.article, spec)
