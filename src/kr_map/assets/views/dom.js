// Making page nodes. Every text goes in through textContent, every value through
// setAttribute: nothing from the data is ever markup. Khmer text (a translated label, a
// place's Khmer name) gets a zero-width break opportunity between its words
// (core/wrap.js), so a line never breaks inside a Khmer word.

import { longestIncreasing } from "../core/order.js";
import { breakable, hasKhmer } from "../core/wrap.js";

const SVG_NS = "http://www.w3.org/2000/svg";
const COLOUR = /^#[0-9A-Fa-f]{6}$/;

export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text !== undefined && text !== null) {
    node.textContent = wrapped(text);
  }
  return node;
}

// A text as it goes on the page: Khmer wrapped at its words, anything else unchanged.
export function wrapped(text) {
  const value = String(text);
  return hasKhmer(value) ? breakable(value) : value;
}

// The data's own text (a title, a summary, a narrative, a verbatim quote) is English: the
// seeds are English texts and a translation goes beside the original, never in its place
// (contract E). It is marked up as English, so a Khmer page sizes it as English.
export function englishEl(tag, className, text) {
  const node = el(tag, className, text);
  node.setAttribute("lang", "en");
  return node;
}

export const quoteEl = englishEl;

export function svg(tag, attrs) {
  const node = document.createElementNS(SVG_NS, tag);
  Object.keys(attrs || {}).forEach((name) => node.setAttribute(name, String(attrs[name])));
  return node;
}

// A #RRGGBB colour from the data, or `fallback` when it is anything else.
export function colourOr(value, fallback) {
  return COLOUR.test(String(value)) ? value : fallback;
}

export function button(text, label, onClick, className) {
  const node = el("button", className || "krp-button", text);
  node.type = "button";
  nameButton(node, label);
  node.addEventListener("click", onClick);
  return node;
}

// The words of a text, as a label is matched against what is written: letters (with their
// marks) and digits, cut at everything else (spaces, signs, Khmer's zero-width breaks).
function wordsOf(text) {
  return String(text).toLocaleLowerCase().split(/[^\p{L}\p{M}\p{N}]+/u).filter(Boolean);
}

// True when `label` names a button showing `shown`: the button shows only signs (◀, ▲), or
// the label holds its written words in a row ("Cite" in "Cite this view: APA, …").
export function labelNames(label, shown) {
  const written = wordsOf(shown);
  const said = wordsOf(label);
  return written.length === 0 ||
    said.some((_, at) => written.every((word, i) => said[at + i] === word));
}

// Gives a button its hint (`label`, also its tooltip): as its name when the hint says what
// the button shows, else as its description, the button named by its own words. A voice
// user says what is written on a button (WCAG 2.5.3), and a translation may word the hint
// apart from it (Khmer writes no spaces between its words: "ដកស្រង់" inside
// "ដកស្រង់ទិដ្ឋភាពនេះ" is not a word of its own).
export function nameButton(node, label) {
  const named = labelNames(label, node.textContent);
  node.setAttribute(named ? "aria-label" : "aria-description", label);
  node.removeAttribute(named ? "aria-description" : "aria-label");
  node.title = label;
  return node;
}

export function checkbox(list, text, checked, onChange) {
  const label = el("label", "krp-check");
  const box = el("input");
  box.type = "checkbox";
  box.checked = checked;
  box.addEventListener("change", () => onChange(box.checked));
  label.appendChild(box);
  label.appendChild(document.createTextNode(` ${wrapped(text)}`));
  list.appendChild(label);
  return box;
}

// A function that runs `work` at the next animation frame, once however often it is called
// before then: frames switched faster than the screen paints are fitted once, for the last.
export function nextFrameOnce(work) {
  let pending = false;
  return () => {
    if (pending) {
      return;
    }
    pending = true;
    window.requestAnimationFrame(() => {
      pending = false;
      work();
    });
  };
}

// Makes `nodes` the children of `parent`, in order, moving the fewest: the longest run of
// nodes it held already in the same order is not touched (core/order.js), so the page styles
// and lays out again only what came, went or moved. A node listed twice keeps its last place.
export function placeChildren(parent, nodes) {
  const last = new Map();
  nodes.forEach((node, i) => last.set(node, i));
  const wanted = nodes.filter((node, i) => last.get(node) === i);
  const was = new Map();
  Array.from(parent.childNodes).forEach((child, i) => {
    if (last.has(child)) {
      was.set(child, i);
    } else {
      parent.removeChild(child);
    }
  });
  const stay = longestIncreasing(wanted.map((node) => (was.has(node) ? was.get(node) : -1)));
  let next = null; // from the end: each node goes before the one that follows it
  for (let i = wanted.length - 1; i >= 0; i -= 1) {
    if (!stay.has(i)) {
      parent.insertBefore(wanted[i], next);
    }
    next = wanted[i];
  }
}
