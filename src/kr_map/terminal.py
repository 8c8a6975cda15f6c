"""Text from data made safe to print: no control character reaches the user's terminal."""

from __future__ import annotations

import re

# C0 and C1 controls (ESC, CSI, BEL, NUL, ...), DEL, and the Unicode characters that
# reorder or break lines (bidi overrides and isolates, line and paragraph separators):
# a CSV cell holding them could retitle, clear or disguise the user's terminal.
_REORDERING = "\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f{_REORDERING}]")
# In JSON text, C0 controls inside strings are already escaped by json.dumps, and the
# newlines between members are the layout: only the rest needs escaping.
_UNSAFE_IN_JSON = re.compile(f"[\x7f-\x9f{_REORDERING}]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def for_terminal(text: object) -> str:
    """Return ``text`` as one printable line: every control character written as an escape.

    ``ESC ] 0 ;`` becomes the visible ``\\x1b]0;``; a newline inside a cell becomes
    ``\\x0a``, so one record stays one line.
    """
    return _UNSAFE.sub(_escape, str(text))


def json_for_terminal(document: str) -> str:
    """Return JSON text with the control characters ``json.dumps`` leaves raw escaped.

    ``json.dumps(..., ensure_ascii=False)`` escapes C0 controls but not C1 ones (U+009B is
    a CSI in some terminals) nor bidi overrides. They can only occur inside JSON strings,
    where ``\\uXXXX`` is the same character, so the document means exactly the same.
    """
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", document)
