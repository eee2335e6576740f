"""Article text found on saved pages of many site builders, measured (not run by the test suite).

    .venv/bin/python -m tests.pages [--pages tests/data/pages] [--cells f1|prf]

Each ``NAME.html`` of the folder has its expected article beside it in ``NAME.txt``: the
title on the first line, a blank line, then the article's lines (lead, paragraphs,
captions, signature; no byline, counter, share bar, related list, pager, menu or footer).
Every extractor's text is scored against the expected lines, the title left out on both
sides (a line equal to the title is neither credit nor noise: titles are measured apart):
precision and recall over word tokens (lower-cased, counted with repetition), and their F1.

Extractors, each given the page's bytes:

- ``ours``: :func:`indexer.html.extract_article`, then what ingestion does to every format
  (normalisation, repeated lines, the chrome line rules of ``indexer/data/chrome.txt``);
- ``before``: the same with ``indexer/html.py`` and ``indexer/data/chrome.txt`` as they were
  before this benchmark (commit 01a4905; skipped where git or that commit is missing);
- ``trafilatura`` and ``readability`` (readability-lxml), as they come, and ``+ lines``:
  their text through the same ingestion steps as ours, as they would run in the product;
- ``ours, else trafilatura``: ours, and trafilatura's text (with the line rules) where ours
  finds none.

Trafilatura and readability-lxml are not dependencies of the product: install them into the
venv to measure (``.venv/bin/pip install trafilatura readability-lxml``); a missing one is
skipped with a note. Prints one Markdown table: per page, then over all pages (tokens added
up), then the share of titles right.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import types
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from bs4 import BeautifulSoup

from indexer.chrome import parse_rules, strip_chrome
from indexer.decoding import decode_bytes
from indexer.normalize import collapse_blank_lines, dedupe_lines, normalize_line, normalize_text
from indexer.readers import UnreadableFile

PAGES = Path(__file__).resolve().parent / "data" / "pages"
ROOT = Path(__file__).resolve().parent.parent
BEFORE_COMMIT = "01a4905"
_WORD = re.compile(r"\w+")

# An extractor: page bytes -> (text, title), text "" when it found none.
Extractor = Callable[[bytes], tuple[str, str]]


def ingest(text: str, rules=None) -> str:
    """What ingestion does to the raw text of every format before metadata (indexer/report.py);
    ``rules``: chrome rules other than the shipped ones."""
    lines = dedupe_lines(normalize_text(text).split("\n"))
    return "\n".join(collapse_blank_lines(strip_chrome(lines, rules).lines))


def _ours(module, rules=None) -> Extractor:
    def run(data: bytes) -> tuple[str, str]:
        try:
            raw = module.extract_article(data)
        except UnreadableFile:
            return "", ""
        return ingest(raw.text, rules), raw.hints.get("title", "")
    return run


def _git_show(path: str) -> str | None:
    try:
        return subprocess.run(["git", "show", f"{BEFORE_COMMIT}:{path}"], cwd=ROOT,
                              capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None


def _before() -> Extractor | None:
    """indexer/html.py and the chrome rules as they were at BEFORE_COMMIT."""
    source, rules = _git_show("indexer/html.py"), _git_show("indexer/data/chrome.txt")
    if source is None or rules is None:
        return None
    module = types.ModuleType("indexer._html_before")
    module.__package__ = "indexer"
    exec(compile(source, f"{BEFORE_COMMIT}:indexer/html.py", "exec"), module.__dict__)
    return _ours(module, tuple(parse_rules(rules, f"{BEFORE_COMMIT}:chrome.txt")))


def _page_text(data: bytes) -> str:
    return decode_bytes(data, _declared(data))[0]


def _declared(data: bytes) -> str | None:
    found = re.search(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", data[:4096], re.I)
    return found.group(1).decode("ascii") if found else None


def _trafilatura(with_lines: bool) -> Extractor:
    import trafilatura

    def run(data: bytes) -> tuple[str, str]:
        found = trafilatura.bare_extraction(_page_text(data), include_comments=False,
                                            include_tables=True, with_metadata=True)
        if not found:
            return "", ""
        text = found.text or ""
        return (ingest(text) if with_lines else text), (found.title or "")
    return run


def _readability(with_lines: bool) -> Extractor:
    from readability import Document

    from indexer.html import block_lines

    def run(data: bytes) -> tuple[str, str]:
        document = Document(_page_text(data))
        try:
            summary = document.summary(html_partial=True)
        except Exception:  # readability raises its own Unparseable on empty pages
            return "", ""
        soup = BeautifulSoup(summary, "html.parser")
        text = "\n".join(block_lines(soup))
        return (ingest(text) if with_lines else text), document.short_title()
    return run


def _ours_else(fallback: Extractor, ours: Extractor) -> Extractor:
    def run(data: bytes) -> tuple[str, str]:
        text, title = ours(data)
        return (text, title) if text.strip() else fallback(data)
    return run


def extractors() -> tuple[dict[str, Extractor], list[str]]:
    """The extractors that can run here, and notes on those that cannot."""
    import indexer.html

    found: dict[str, Extractor] = {}
    notes: list[str] = []
    before = _before()
    if before is not None:
        found["before"] = before
    else:
        notes.append(f"before: skipped (no git history with commit {BEFORE_COMMIT})")
    found["ours"] = ours = _ours(indexer.html)
    try:
        found["trafilatura"] = _trafilatura(False)
        found["trafilatura + lines"] = _trafilatura(True)
        found["ours, else trafilatura"] = _ours_else(_trafilatura(True), ours)
    except ImportError:
        notes.append("trafilatura: skipped (not installed: .venv/bin/pip install trafilatura)")
    try:
        found["readability"] = _readability(False)
        found["readability + lines"] = _readability(True)
    except ImportError:
        notes.append("readability: skipped (not installed: .venv/bin/pip install "
                     "readability-lxml)")
    return found, notes


def tokens(text: str) -> Counter:
    return Counter(_WORD.findall(normalize_text(text).lower()))


def expected(path: Path) -> tuple[str, str]:
    """The expected (title, article text) of a page, from the ``.txt`` beside it."""
    title, _, body = path.with_suffix(".txt").read_text(encoding="utf-8").partition("\n")
    return title.strip(), body.strip()


def without_title(text: str, title: str) -> str:
    key = normalize_line(title).casefold()
    return "\n".join(line for line in text.split("\n")
                     if normalize_line(line).casefold() != key)


def score(found: Counter, wanted: Counter) -> tuple[int, int, int]:
    """(tokens in common, tokens found, tokens wanted)."""
    return sum((found & wanted).values()), sum(found.values()), sum(wanted.values())


def prf(common: int, found: int, wanted: int) -> tuple[float, float, float]:
    precision = common / found if found else 0.0
    recall = common / wanted if wanted else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def same_title(found: str, wanted: str) -> bool:
    return normalize_line(found).casefold() == normalize_line(wanted).casefold()


def run(pages: Path, cells: str) -> str:
    methods, notes = extractors()
    paths = sorted(pages.glob("*.html"))
    totals = {name: [0, 0, 0] for name in methods}
    titles = dict.fromkeys(methods, 0)
    rows = []
    for path in paths:
        title, body = expected(path)
        wanted = tokens(body)
        data = path.read_bytes()
        row = [path.stem]
        for name, extract in methods.items():
            text, found_title = extract(data)
            counts = score(tokens(without_title(text, title)), wanted)
            for i, value in enumerate(counts):
                totals[name][i] += value
            titles[name] += same_title(found_title, title)
            row.append(_cell(prf(*counts), cells))
        rows.append(row)
    header = ["page", *methods]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    overall = {name: prf(*totals[name]) for name in methods}
    for i, label in enumerate(("precision", "recall", "F1")):
        lines.append(f"| **all: {label}** | "
                     + " | ".join(f"**{overall[name][i]:.3f}**" for name in methods) + " |")
    lines.append("| titles right | " + " | ".join(f"{titles[name]}/{len(paths)}"
                                                  for name in methods) + " |")
    if cells == "prf":
        lines.insert(0, "Cells: precision / recall / F1 over word tokens.\n")
    return "\n".join([*lines, *(f"\n{note}" for note in notes)])


def _cell(values: tuple[float, float, float], cells: str) -> str:
    if cells == "f1":
        return f"{values[2]:.2f}"
    return " / ".join(f"{v:.2f}" for v in values)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.pages", description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=Path, default=PAGES, help="folder of NAME.html + NAME.txt")
    parser.add_argument("--cells", choices=("f1", "prf"), default="prf",
                        help="per-page cells: F1 alone, or precision / recall / F1")
    args = parser.parse_args(argv)
    print(run(args.pages, args.cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
