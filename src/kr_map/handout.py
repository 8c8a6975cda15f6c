"""``kr-map handout``: the export's own print pages (handouts, the quiz worksheet) as a PDF.

The pages are the ones a browser prints from the one-file export (``assets/print.css``,
``views/handout.js``, ``views/quiz.js``): this command writes the export to a temporary
folder, opens it in headless Chromium through Playwright with the network cut, presses
the same "Print this frame", "Print this story" or "Print the quiz" button, and saves
what Chromium would print, on A4, to the PDF (written atomically). Playwright is an
optional extra (``pip install 'kr-map[pdf]'``); without it, or without a Chromium, the
command says what to install.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from kr_map import export, export_command, frames, i18n, model, timeline
from kr_map.atomic import atomic_write_bytes
from kr_map.dates import DateFormatError
from kr_map.loader import Dataset, load
from kr_map.qr import AddressError, check_public_url
from kr_map.terminal import for_terminal

# Chromium: the one Playwright installed, else the system's (Debian: /usr/bin/chromium).
CHROMIUM_VARIABLE = "KR_MAP_CHROMIUM"
SYSTEM_CHROMIUM = Path("/usr/bin/chromium")
# What is pressed to print each handout, in turn (the quiz prints once it has started).
BUTTONS = {
    "frame": (".krp-print-frame",),
    "story": (".krp-print-story",),
    "quiz": (".krp-quiz-start", ".krp-quiz-print"),
}
# What a page lacks when the button of a handout is missing: a whole sentence each.
NOTHING_TO_PRINT = {
    "frame": i18n.N_("the page has no frame to print"),
    "story": i18n.N_("the page has no story to print"),
    "quiz": i18n.N_("the page has no quiz to print"),
}
# The line that says what was written, by what the handout prints: a whole sentence each.
HANDOUT_WROTE = {
    "frame": i18n.N_("Wrote {path} (a frame's handout, {size})."),
    "story": i18n.N_("Wrote {path} (the story's handout, {size})."),
    "quiz": i18n.N_("Wrote {path} (the quiz worksheet and its answer key, {size})."),
}
VIEWPORT = {"width": 1280, "height": 900}
WAIT_MS = 60_000
INSTALL_HINT = i18n.N_(
    "kr-map handout needs Playwright and a Chromium: pip install 'kr-map[pdf]', then "
    "python -m playwright install chromium (or set KR_MAP_CHROMIUM to a Chromium program)"
)


def _period_argument(text: str) -> model.Period:
    try:
        return model.parse_period(text)
    except DateFormatError as error:
        raise argparse.ArgumentTypeError(str(error)) from error


class HandoutError(Exception):
    """The handout cannot be made; the message says why and what to do."""


def handout_page(dataset: Dataset, url: str | None, lang: str = i18n.DEFAULT_LANG) -> str:
    """Return the one-file export the handouts are printed from (with the story and quiz).

    In ``lang``: the map's words built in it (``i18n.speaking``), the page's dictionary and,
    in Khmer, the bundled font; quotes stay verbatim.
    """
    with i18n.speaking(lang):
        return export.export_html(dataset, url=url, lang=lang)


def frame_key(dataset: Dataset, period: model.Period) -> str:
    """Return the key of the frame a date opens: its month's frame, else its year's."""
    sequence = frames.frame_sequence(dataset)
    month = period.first.month if period.unit in ("month", "day") else None
    return sequence[timeline.position(sequence, timeline.Frame(period.first.year, month))].key


def fragment(key: str) -> str:
    """Return the export's address fragment that opens frame ``key``."""
    year, _, month = key.partition("-")
    return f"#year={int(year)}" + (f"&month={int(month)}" if month else "")


def _launch(playwright) -> Any:
    chosen = os.environ.get(CHROMIUM_VARIABLE)
    executable = chosen or (str(SYSTEM_CHROMIUM) if SYSTEM_CHROMIUM.exists() else None)
    try:
        return playwright.chromium.launch(
            executable_path=executable, args=["--no-sandbox", "--disable-gpu"]
        )
    except Exception as error:  # Playwright raises its own Error for a missing browser
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        message = i18n._("could not start Chromium ({reason}). {hint}")
        raise HandoutError(message.format(reason=first, hint=i18n._(INSTALL_HINT))) from error


def print_pdf(page_file: Path, address_fragment: str, what: str) -> bytes:
    """Return the PDF Chromium prints from the export ``page_file`` after pressing a button."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:
        raise HandoutError(i18n._(INSTALL_HINT)) from error
    with sync_playwright() as playwright:
        browser = _launch(playwright)
        try:
            context = browser.new_context(viewport=VIEWPORT)
            context.route(
                "**/*",
                lambda route: (
                    route.continue_()
                    if route.request.url.startswith(("file:", "data:"))
                    else route.abort()
                ),
            )
            page = context.new_page()
            page.goto(page_file.as_uri() + address_fragment)
            page.wait_for_selector(".krp-shell[data-ready=true]", timeout=WAIT_MS)
            page.evaluate("() => { window.print = () => {}; }")  # the PDF is printed below
            for selector in BUTTONS[what]:
                button = page.locator(selector)
                if button.count() == 0:
                    raise HandoutError(i18n._(NOTHING_TO_PRINT[what]))
                button.first.click()
            page.emulate_media(media="print")
            return page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
        finally:
            browser.close()


def make_handout(
    dataset: Dataset, what: str, key: str | None, url: str | None, lang: str = i18n.DEFAULT_LANG
) -> bytes:
    """Return the PDF of a frame's handout, the story's or the quiz worksheet's, in ``lang``."""
    with tempfile.TemporaryDirectory(prefix="kr-map-handout-") as folder:
        page_file = Path(folder) / "kr-map.html"
        page_file.write_text(handout_page(dataset, url, lang), encoding="utf-8")
        return print_pdf(page_file, fragment(key) if key else "", what)


def add_handout_arguments(parser: argparse.ArgumentParser) -> None:
    """Add ``kr-map handout``'s arguments and help to its subparser."""
    parser.description = (
        "Write the printed handout of a frame (--date), of the story (--story) or the quiz "
        "worksheet with its answer key (--quiz) as an A4 PDF: the export's own print pages, "
        "rendered by headless Chromium (needs the [pdf] extra)."
    )
    parser.epilog = (
        "examples:  kr-map handout --date 1989-10 pailin.pdf   |   kr-map handout --story "
        "story.pdf   |   kr-map handout --quiz quiz.pdf --url https://school.example/kr-map.html"
    )
    parser.add_argument("out", type=Path, metavar="OUT", help="the PDF file to write")
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--date", type=_period_argument, metavar="YYYY[-MM]",
                      help="the frame to print, e.g. 1989-10")  # fmt: skip
    what.add_argument("--story", action="store_true", help="print the story, a page per step")
    what.add_argument("--quiz", action="store_true", help="print the quiz and its answer key")
    parser.add_argument(
        "--url", default=None, metavar="ADDRESS",
        help="the public address of the published export: the pages then carry QR codes",
    )  # fmt: skip
    parser.add_argument(
        "--lang", choices=i18n.LANGS, default=None,
        help="language of the handout's own words and dates (default en; quotes stay as the "
        "sources wrote them); km embeds the Khmer font. The lines printed speak it too "
        "(without --lang: the language of LC_ALL, LC_MESSAGES or LANG)",
    )  # fmt: skip
    parser.add_argument("--force", action="store_true", help="replace OUT if it already exists")
    parser.add_argument("--data", dest="data_dir", type=Path, default=None,
                        help="folder with places.csv, events.csv, ... (default: the bundled data/)")  # fmt: skip
    parser.add_argument("--seeds", type=Path, default=None, help="folder of source documents")
    from kr_map.cli import allow_outside_argument

    allow_outside_argument(parser)


def run_handout(args: argparse.Namespace) -> int:
    """Write the handout PDF; return 0, 1 when it cannot be made, 2 on bad options."""
    try:
        if args.url is not None:
            check_public_url(args.url)
        if args.out.suffix.lower() != ".pdf":
            message = i18n._("name the output .pdf, got {name}")
            raise export_command.UsageError(message.format(name=repr(args.out.name)))
    except (AddressError, export_command.UsageError) as problem:
        print(
            for_terminal(i18n._("kr-map handout: error: {problem}").format(problem=problem)),
            file=sys.stderr,
        )
        return 2
    what = "story" if args.story else "quiz" if args.quiz else "frame"
    try:
        export_command.check_target(args.out, args.force, args.data_dir, args.seeds)
        dataset = load(args.data_dir, args.seeds, allow_outside=args.allow_outside)
        key = frame_key(dataset, args.date) if args.date else None
        pdf = make_handout(dataset, what, key, args.url, args.lang or i18n.DEFAULT_LANG)
        export_command.check_target(args.out, args.force, args.data_dir, args.seeds)
        atomic_write_bytes(args.out, pdf)
    except (export_command.UsageError, HandoutError) as problem:
        print(
            for_terminal(i18n._("kr-map handout: {problem}").format(problem=problem)),
            file=sys.stderr,
        )
        return 1
    except OSError as error:
        message = i18n._("kr-map handout: could not write {path}: {reason}")
        reason = error.strerror or error
        print(for_terminal(message.format(path=args.out, reason=reason)), file=sys.stderr)
        return 1
    wrote = i18n._(HANDOUT_WROTE[what]).format(
        path=args.out, size=export_command.file_size(len(pdf))
    )
    print(for_terminal(wrote))
    return 0
