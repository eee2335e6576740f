"""Metadata accuracy on the labelled files, per format and per field.

    .venv/bin/python -m tests.accuracy

The labelled set is every file whose metadata the tests spell out, written from reading
the files (never from the program's output): the five sample reports (tests/test_metadata.py
``SEEDS``, ``AWARDS``, ``SEED_CHROME``), the hand-written hard cases (``HARD_CASES``), one
official report as Word, OpenDocument, Word 97, PDF and scan, one official plan as Word
and PDF, and a one-page official report with a bordered award table as PDF
(tests/test_formats.py), and
the web pages of the site builders (tests/test_html.py ``PAGES``, when there). For each file
and field it checks the value the indexer reads, and for each file that the chrome it names
is gone and the sentences it names are there. Prints the checks per format and per field,
and the share right. ``tests/test_accuracy.py`` holds the set to 95 %.
"""

from __future__ import annotations

import shutil
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from indexer.decoding import UnreadableFile
from indexer.report import Report, load_report
from tests import test_formats, test_metadata
from tests.conftest import CORPUS, DATA

FIELDS = ("title", "date", "school_year", "report_type", "province", "district",
          "organization", "awards", "chrome absent", "body present")


@dataclass(frozen=True)
class Label:
    """What one file must give: field values, chrome lines that must be gone, sentences
    that must be there."""

    path: Path
    root: Path
    fields: dict
    chrome: tuple[str, ...] = ()
    body: tuple[str, ...] = ()


def _format(path: Path) -> str:
    if path.name == "scan.pdf":
        return "scan (PDF)"
    return {".txt": "text", ".md": "text", ".htm": "web page", ".html": "web page"}.get(
        path.suffix, path.suffix.lstrip("."))


def labels() -> Iterator[Label]:
    """The labelled set (see the module docstring)."""
    seeds = {path.name[:3]: path for path in CORPUS.glob("*.txt")}
    for seed, fields in test_metadata.SEEDS.items():
        awards = [(a[0], a[2], a[3]) for a in test_metadata.AWARDS.get(seed, [])]
        yield Label(seeds[seed], CORPUS,
                    {k: v for k, v in fields.items() if k in FIELDS} | {"awards": awards},
                    chrome=tuple(g for s, g in test_metadata.SEED_CHROME if s == seed))
    for name, fields in test_metadata.HARD_CASES.items():
        yield Label(DATA / name, DATA, {k: v for k, v in fields.items() if k in FIELDS})
    expected = {k: v for k, v in test_formats.EXPECTED.items() if k in FIELDS}
    awards = [(a[0], a[2], a[3]) for a in test_formats.AWARDS]
    for name in sorted(test_formats.NEEDS):
        fields = dict(expected)
        if name != "scan.pdf":  # OCR reads a table cell by cell: names, no counts
            fields["awards"] = awards
        yield Label(test_formats.FORMATS / name, test_formats.FORMATS, fields,
                    chrome=tuple(test_formats.CHROME), body=tuple(test_formats.BODY))
    plan = {k: v for k, v in test_formats.PLAN.items() if k in FIELDS}
    for name in test_formats.PLAN_FILES:
        fields = plan | {"awards": [(a[0], a[2], a[3]) for a in test_formats.PLAN_AWARDS]}
        yield Label(test_formats.FORMATS / name, test_formats.FORMATS, fields,
                    chrome=tuple(test_formats.PLAN_CHROME), body=tuple(test_formats.PLAN_BODY))
    fields = {k: v for k, v in test_formats.AWARDS_REPORT.items() if k in FIELDS}
    fields["awards"] = [(a[0], a[2], a[3]) for a in test_formats.AWARDS_REPORT_AWARDS]
    yield Label(test_formats.FORMATS / "awards.pdf", test_formats.FORMATS, fields,
                chrome=tuple(test_formats.AWARDS_REPORT_CHROME),
                body=tuple(test_formats.AWARDS_REPORT_BODY))
    try:
        from tests import test_html
    except ImportError:
        return
    for page in getattr(test_html, "PAGES", ()):
        yield Label(page.path, page.path.parent,
                    {k: v for k, v in page.fields.items() if k in FIELDS},
                    chrome=tuple(page.chrome), body=tuple(page.body))


def checks(label: Label, report: Report | None) -> Iterator[tuple[str, bool]]:
    """(field, right) for every check of one file (all wrong when it could not be read)."""
    text = " ".join(report.text.split()) if report else ""
    for name, expected in label.fields.items():
        if name == "awards":
            found = [(a.award, a.collectives, a.individuals) for a in report.awards] \
                if report else None
            yield name, found == expected
        else:
            yield name, report is not None and getattr(report, name) == expected
    for line in label.chrome:
        yield "chrome absent", report is not None and line not in report.text
    for sentence in label.body:
        yield "body present", report is not None and " ".join(sentence.split()) in text


def measure() -> tuple[dict[str, list[bool]], dict[str, list[bool]], list[str]]:
    """Results per format and per field, and the checks that failed (for the log)."""
    by_format: dict[str, list[bool]] = defaultdict(list)
    by_field: dict[str, list[bool]] = defaultdict(list)
    failed: list[str] = []
    for label in labels():
        needs = test_formats.NEEDS.get(label.path.name, ()) \
            if label.root == test_formats.FORMATS else ()
        if any(shutil.which(tool) is None for tool in needs):
            continue
        try:
            report = load_report(label.path, label.root)
        except UnreadableFile as exc:
            report = None
            failed.append(f"{label.path.name}: unreadable ({exc})")
        for name, right in checks(label, report):
            by_format[_format(label.path)].append(right)
            by_field[name].append(right)
            if not right and report is not None:
                value = getattr(report, name, "") if name in label.fields else ""
                failed.append(f"{label.path.name}: {name} (got {value!r})")
    return by_format, by_field, failed


def _row(name: str, results: list[bool]) -> str:
    return f"| {name} | {len(results)} | {sum(results)} | {sum(results) / len(results):.0%} |"


def main() -> int:
    by_format, by_field, failed = measure()
    every = [r for results in by_format.values() for r in results]
    print("| format | checks | right | accuracy |\n|---|---|---|---|")
    for name in sorted(by_format):
        print(_row(name, by_format[name]))
    print(_row("**all**", every))
    print("\n| field | checks | right | accuracy |\n|---|---|---|---|")
    for name in FIELDS:
        if by_field.get(name):
            print(_row(name, by_field[name]))
    if failed:
        print("\nWrong:\n" + "\n".join(f"- {line}" for line in failed))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
