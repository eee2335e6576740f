"""The ``union-search`` command line.

It lives in ``webui`` because it is, like the web site, the outermost layer: its subcommands
call into ``search`` and ``indexer`` and never the other way round.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from indexer import SETTINGS, Failure, Report, UnreadableFile, iter_corpus, load_report, setting
from indexer.report import is_supported

__all__ = ["main", "build_parser"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="union-search",
        description="Search service for an archive of Vietnamese trade-union reports.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    inspect = commands.add_parser(
        "inspect",
        help="print the cleaned text and metadata of report files",
        description="Read report files (or folders of them) and print each one's cleaned "
        "text and metadata. Files that cannot be read are reported on stderr and skipped; "
        "the exit status is 1 when any file failed.",
    )
    inspect.add_argument("paths", nargs="+", metavar="PATH", type=Path)
    inspect.add_argument("--json", action="store_true",
                         help="print one JSON object per file (JSON Lines)")
    inspect.add_argument("--corpus", type=Path, default=None,
                         help=f"corpus root that ids are relative to "
                              f"(default: ${SETTINGS['corpus'].env} or "
                              f"{SETTINGS['corpus'].default}/)")
    inspect.set_defaults(handler=run_inspect)

    settings = commands.add_parser("settings", help="list settings and their current values")
    settings.set_defaults(handler=run_settings)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def _root_for(path: Path, corpus: Path) -> Path:
    resolved = path.resolve()
    if resolved == corpus or corpus in resolved.parents:
        return corpus
    return resolved if resolved.is_dir() else resolved.parent


def _load_all(paths: list[Path], corpus: Path) -> Iterator[Report | Failure]:
    seen: set[Path] = set()
    for argument in paths:
        if not argument.exists():
            yield Failure(str(argument), "no such file or folder")
            continue
        root = _root_for(argument, corpus)
        files = list(iter_corpus(argument)) if argument.is_dir() else [argument]
        for path in files:
            if path.resolve() in seen:
                continue
            seen.add(path.resolve())
            source = str(path)
            if not is_supported(path):
                yield Failure(source, f"unsupported file type {path.suffix or '(none)'!r}")
                continue
            try:
                yield load_report(path, root)
            except UnreadableFile as exc:
                yield Failure(source, str(exc))


def run_inspect(args: argparse.Namespace) -> int:
    corpus = (args.corpus or Path(setting("corpus"))).resolve()
    failed = 0
    for item in _load_all(args.paths, corpus):
        if isinstance(item, Failure):
            failed += 1
            print(f"error: {item.source}: {item.reason}", file=sys.stderr)
            continue
        for warning in item.warnings:
            failed += 1
            print(f"warning: {item.source}: {warning}", file=sys.stderr)
        if args.json:
            print(json.dumps(item.to_dict(), ensure_ascii=False))
        else:
            print(format_report(item))
    if failed:
        print(f"{failed} problem(s); see the messages above", file=sys.stderr)
    return 1 if failed else 0


_SHOWN = ("id", "title", "date", "published", "school_year", "semester", "report_type",
          "province", "district", "organization", "author")


def format_report(report: Report) -> str:
    """A report as a person reads it on a terminal: metadata, awards, then the text."""
    rule = "=" * 78
    lines = [rule, report.source, rule]
    width = max(len(name) for name in _SHOWN)
    for name in _SHOWN:
        value = getattr(report, name)
        if value:
            mark = " (set by hand)" if name in report.overrides else ""
            lines.append(f"{name:<{width}}  {value}{mark}")
    for person in report.people:
        lines.append(f"{'person':<{width}}  {person}")
    for award in report.awards:
        counts = ", ".join(
            f"{n} {label}" for n, label in ((award.collectives, "collectives"),
                                            (award.individuals, "individuals")) if n is not None
        )
        lines.append(f"{'award':<{width}}  {award.award}"
                     f"{' – ' + award.body if award.body else ''}{' (' + counts + ')' if counts else ''}")
    lines += ["-" * 78, report.text, ""]
    return "\n".join(lines)


def run_settings(args: argparse.Namespace) -> int:
    for item in SETTINGS.values():
        print(f"{item.env}={item.value()}\n    {item.help} (default: {item.default})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
