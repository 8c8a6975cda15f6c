// The citation of what is on screen, in four styles: APA, Chicago, BibTeX and RIS.
// No DOM, no network: the host gathers the view, this module only writes it down.
//
// A view is plain data (layers and factions: a list, or "all" when every one is on):
//   { title, authors, software, dataVersion, shown, key, layers: [..], factions: [..],
//     url, accessed: "YYYY-MM-DD", sources: [{ title, url, publisher, licence }] }
// Every string in it may come from a researcher's CSV, so each format escapes what its
// readers would take as syntax: BibTeX's braces and commands, RIS's line structure.

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
  "September", "October", "November", "December"];

// One line of plain text: control characters and line breaks become spaces.
export function oneLine(value) {
  return String(value === undefined || value === null ? "" : value)
    // eslint-disable-next-line no-control-regex -- control characters are what it removes
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ")
    .replace(/ {2,}/g, " ")
    .trim();
}

// The English name of the month in `match[2]` ("01".."12"), or null (no match, no month).
function monthOf(match) {
  const month = match ? Number(match[2]) : 0;
  return month >= 1 && month <= 12 ? MONTHS[month - 1] : null;
}

// "2026-12-03" -> "December 3, 2026"; anything else stays as given.
export function longDate(iso) {
  const match = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(String(iso));
  const month = monthOf(match);
  return month ? `${month} ${Number(match[3])}, ${match[1]}` : oneLine(iso);
}

// A frame's key in the citation's words: "1989-10" -> "October 1989", "1989" -> "1989".
// The styles are written in English ("Accessed December 3, 2026"), so the view is named in
// English too, whatever the page's language: a Khmer month in an English reference is
// neither.
export function viewName(key) {
  const match = /^([0-9]{4})-([0-9]{2})$/.exec(String(key));
  const month = monthOf(match);
  return month ? `${month} ${match[1]}` : oneLine(key);
}

// A list in words; "all" (every layer or faction switched on) stays "all".
function listed(items) {
  if (items === "all") {
    return "all";
  }
  return (items || []).map(oneLine).filter(Boolean).join(", ");
}

// Sentence parts with the empty ones left out: "A. B." never "A. . B.".
function joined(items, separator) {
  return items.map(oneLine).filter(Boolean).join(separator);
}

// What the reader saw, in words: "map view of October 1989; layers: …; factions: …".
export function viewNote(view) {
  return joined([
    `map view of ${oneLine(view.shown)}`,
    listed(view.layers) ? `layers: ${listed(view.layers)}` : "",
    listed(view.factions) ? `factions: ${listed(view.factions)}` : "",
    oneLine(view.dataVersion) ? `data version ${oneLine(view.dataVersion)}` : "",
  ], "; ");
}

function sourceLines(view, line) {
  return (view.sources || []).map(line);
}

// APA (7th edition) reference list entries: the view first, then the sources it rests on.
export function apa(view) {
  const version = oneLine(view.software) ? ` (Version ${oneLine(view.software)})` : "";
  const main = `${oneLine(view.authors)}. (n.d.). ${oneLine(view.title)}${version} [Interactive map; ` +
    `${viewNote(view)}]. Retrieved ${longDate(view.accessed)}, from ${oneLine(view.url)}`;
  return [main, ...sourceLines(view, (s) => joined([
    `${oneLine(s.title)}. (n.d.).`,
    oneLine(s.publisher) ? `In ${oneLine(s.publisher)}.` : "",
    s.url,
  ], " "))];
}

// Chicago (notes and bibliography) bibliography entries, the view first.
export function chicago(view) {
  const version = oneLine(view.software) ? ` Version ${oneLine(view.software)}.` : "";
  const main = `${oneLine(view.authors)}. "${oneLine(view.title)}."${version} Interactive map, ` +
    `${viewNote(view)}. Accessed ${longDate(view.accessed)}. ${oneLine(view.url)}.`;
  return [main, ...sourceLines(view, (s) => joined([
    oneLine(s.publisher) ? `${oneLine(s.publisher)}.` : "",
    `"${oneLine(s.title)}."`,
    oneLine(s.licence) ? `${oneLine(s.licence)}.` : "",
    oneLine(s.url) ? `${oneLine(s.url)}.` : "",
  ], " "))];
}

const BIBTEX_SPECIAL = {
  "\\": "\\textbackslash{}", "{": "\\textbraceleft{}", "}": "\\textbraceright{}",
  "%": "\\%", "&": "\\&", "$": "\\$", "#": "\\#", "_": "\\_",
  "^": "\\textasciicircum{}", "~": "\\textasciitilde{}",
};

// Text as a BibTeX value: every character TeX or BibTeX would read as syntax is escaped,
// so no text can close the field, start an entry or run a command. Braces become
// \textbraceleft{} and \textbraceright{}: BibTeX counts a brace even after a backslash.
export function bibtexText(value) {
  return oneLine(value).replace(/[\\{}%&$#_^~]/g, (c) => BIBTEX_SPECIAL[c]);
}

// A URL as a BibTeX value: characters that could break out of the braces are %-encoded.
export function bibtexUrl(value) {
  return oneLine(value).replace(/[{}\\\s"]/g, (c) => encodeURIComponent(c));
}

// A citation key: letters, digits, "-" and "_" only.
export function bibtexKey(value) {
  return String(value).replace(/[^A-Za-z0-9_-]+/g, "_").replace(/^_+|_+$/g, "") || "view";
}

function bibtexEntry(type, key, fields) {
  const body = fields
    .filter(([, value]) => value)
    .map(([name, value]) => `  ${name} = {${value}}`)
    .join(",\n");
  return `@${type}{${key},\n${body}\n}`;
}

// BibTeX: one @misc entry for the view, one per source.
export function bibtex(view) {
  const key = bibtexKey(`krmap_${view.key || "view"}`);
  const main = bibtexEntry("misc", key, [
    ["author", `{${bibtexText(view.authors)}}`],
    ["title", `{${bibtexText(view.title)}}`],
    ["version", bibtexText(view.software)],
    ["howpublished", "Interactive map"],
    ["note", bibtexText(viewNote(view))],
    ["url", bibtexUrl(view.url)],
    ["urldate", bibtexText(view.accessed)],
  ]);
  const sources = (view.sources || []).map((s, i) => bibtexEntry("misc", `${key}_source${i + 1}`, [
    ["title", `{${bibtexText(s.title)}}`],
    ["publisher", bibtexText(s.publisher)],
    ["note", bibtexText(s.licence)],
    ["url", bibtexUrl(s.url)],
    ["urldate", bibtexText(view.accessed)],
  ]));
  return [main, ...sources].join("\n\n") + "\n";
}

// RIS: a record per line "TAG  - value"; a value is one line, so no text can end a record.
function risRecord(type, fields) {
  const lines = fields
    .filter(([, value]) => oneLine(value))
    .map(([tag, value]) => `${tag}  - ${oneLine(value)}`);
  return [`TY  - ${type}`, ...lines, "ER  - "].join("\r\n");
}

export function ris(view) {
  const main = risRecord("DATA", [
    ["AU", view.authors],
    ["TI", view.title],
    ["ET", view.software],
    ["M3", "Interactive map"],
    ["N1", viewNote(view)],
    ["UR", view.url],
    ["Y2", view.accessed],
  ]);
  const sources = (view.sources || []).map((s) => risRecord("ENCYC", [
    ["TI", s.title],
    ["PB", s.publisher],
    ["N1", s.licence],
    ["UR", s.url],
    ["Y2", view.accessed],
  ]));
  return [main, ...sources].join("\r\n") + "\r\n";
}

// All four, as plain text to show in a box and copy.
export function citations(view) {
  return {
    apa: apa(view).join("\n"),
    chicago: chicago(view).join("\n"),
    bibtex: bibtex(view),
    ris: ris(view),
  };
}
