// ESLint for the player's modules (src/kr_map/assets) and their Node tests (tests/js).
//
// Besides the recommended rules: no markup from strings (innerHTML and friends, eval),
// the host's globals only in the host modules (hosts/*.js), and only the module syntax
// kr_map/bundle.py can join (named imports of relative paths, exported declarations).

import js from "@eslint/js";
import globals from "globals";

const MARKUP = [
  { property: "innerHTML", message: "Text goes in with textContent: data is never markup." },
  { property: "outerHTML", message: "Text goes in with textContent: data is never markup." },
  { property: "insertAdjacentHTML", message: "Build nodes (views/dom.js): data is never markup." },
  { object: "document", property: "write", message: "Build nodes (views/dom.js): data is never markup." },
  { object: "document", property: "writeln", message: "Build nodes (views/dom.js): data is never markup." },
];

const HOST_ONLY = "belongs to the page around the map: only hosts/*.js may touch it";
const HOST_PROPERTIES = [
  ...["parent", "top", "opener", "frameElement", "Streamlit", "location", "history"].map((property) => ({
    object: "window", property, message: `window.${property} ${HOST_ONLY}`,
  })),
  ...["body", "location", "getElementById", "cookie"].map((property) => ({
    object: "document", property, message: `document.${property} ${HOST_ONLY}`,
  })),
];
const HOST_GLOBALS = ["parent", "top", "opener", "frameElement", "Streamlit", "location", "history"]
  .map((name) => ({ name, message: `${name} ${HOST_ONLY}` }));

const EVAL = [{ name: "eval", message: "No code from strings." }];

// What kr_map/bundle.py joins: anything else is a BundleError at run time, and here before.
const JOINABLE = [
  { selector: "ImportExpression", message: "No dynamic import: the modules are joined into one script." },
  { selector: "ImportDefaultSpecifier", message: "Import names: import { a } from \"./x.js\"." },
  { selector: "ImportNamespaceSpecifier", message: "Import names: import { a } from \"./x.js\"." },
  { selector: "ImportDeclaration[source.value!=/^\\.\\.?\\//]", message: "Import relative paths only." },
  { selector: "ExportDefaultDeclaration", message: "Export declarations: export function|class|const." },
  { selector: "ExportAllDeclaration", message: "Export declarations: export function|class|const." },
  { selector: "ExportNamedDeclaration[declaration=null]", message: "Export declarations: export function|class|const." },
  { selector: "ExportNamedDeclaration > VariableDeclaration[kind!='const']", message: "Export constants only." },
];

export default [
  { ignores: ["node_modules/**", ".venv/**", ".venv-*/**", "artifacts/**", "benchmarks/**", "static/**"] },
  js.configs.recommended,
  {
    files: ["src/kr_map/assets/**/*.js"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "module",
      globals: { ...globals.browser, L: "readonly" },
    },
    rules: {
      "no-restricted-properties": ["error", ...MARKUP, ...HOST_PROPERTIES],
      "no-restricted-globals": ["error", ...EVAL, ...HOST_GLOBALS],
      "no-restricted-syntax": ["error", ...JOINABLE],
      "no-eval": "error",
      "no-implied-eval": "error",
      "no-new-func": "error",
      "no-var": "error",
      "prefer-const": "error",
      "no-shadow": "error",
      "no-redeclare": "error",
      eqeqeq: "error",
      "max-lines": ["error", { max: 300, skipBlankLines: false, skipComments: false }],
    },
  },
  {
    // The hosts: the only modules that touch the page around the map and its globals.
    files: ["src/kr_map/assets/hosts/*.js"],
    rules: {
      "no-restricted-properties": ["error", ...MARKUP],
      "no-restricted-globals": ["error", ...EVAL],
    },
  },
  {
    files: ["tests/js/**/*.js", "eslint.config.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: { ...globals.node } },
    rules: { "no-restricted-properties": ["error", ...MARKUP], "no-eval": "error" },
  },
];
