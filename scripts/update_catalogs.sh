#!/usr/bin/env bash
# Re-extract the messages to translate and carry them into each language's catalog.
#
#   bash scripts/update_catalogs.sh
#
# 1. pybabel extract: every _()/gettext()/N_() message of the Python modules and of the
#    player's assets/core/messages.js (babel.cfg) -> src/kr_map/locale/kr_map.pot
# 2. pybabel update: new or changed messages join km and fr with an empty translation, never
#    a guess from a similar message (a wrong guess would be shown, marked only "under
#    review"); the completeness test then names each one to translate. See docs/TRANSLATING.md.
# Nothing is compiled here: kr_map.i18n compiles the .po files in memory when it loads them.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_venv.sh
kr_map_venv dev
locale=src/kr_map/locale
"$KR_MAP_PY" -m babel.messages.frontend extract -F babel.cfg -o "$locale/kr_map.pot" \
  --project=kr-map --version=0.1.0 --copyright-holder="the kr-map authors" \
  --add-comments=TRANSLATORS: --sort-by-file --no-wrap --add-location=file .
"$KR_MAP_PY" -m babel.messages.frontend update -i "$locale/kr_map.pot" -d "$locale" \
  -D kr_map --no-wrap --ignore-obsolete --no-fuzzy-matching
