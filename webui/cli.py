"""The ``union-search`` command line.

It lives in ``webui`` because it is, like the web site, the outermost layer: its subcommands
call into ``search`` and ``indexer`` and never the other way round.
"""

from __future__ import annotations

import argparse
import html
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from indexer import SETTINGS, Failure, Report, UnreadableFile, iter_corpus, load_report, setting
from indexer.indexing import IndexBusy, index_corpus
from indexer.report import is_supported
from search import FACET_NAMES as FACETS
from search import SORTS, SearchError, engine_for
from search.query import field_for

from .exports import AWARD_COLUMNS, KWIC_COLUMNS, TREND_COLUMNS, to_csv, trend_rows

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

    index = commands.add_parser(
        "index",
        help="build or update the search index from the archive",
        description="Bring the index up to date with the archive: new and changed files are "
        "indexed, unchanged ones skipped (by content hash), deleted ones removed. Files that "
        "cannot be read are reported and skipped; the exit status is 1 when any failed.",
    )
    _add_corpus(index)
    _add_index(index)
    index.add_argument("--rebuild", action="store_true",
                       help="start from an empty index instead of updating")
    index.add_argument("--workers", type=int, default=None,
                       help=f"worker processes for pyvi (default: ${SETTINGS['workers'].env} "
                            f"or {SETTINGS['workers'].default})")
    index.add_argument("--json", action="store_true", help="print the summary as JSON")
    index.set_defaults(handler=run_index)

    search = commands.add_parser(
        "search",
        help="search the index",
        description="Search the index with the query language of the README "
        '(plain words, "phrases", -excluded, OR, field:value filters).',
    )
    search.add_argument("query", nargs="?", default="", metavar="QUERY")
    _add_index(search)
    _add_filter(search)
    search.add_argument("--sort", choices=SORTS, default="relevance")
    search.add_argument("--page", type=int, default=1)
    search.add_argument("--limit", type=int, default=10, help="results per page (1-100)")
    search.add_argument("--json", action="store_true",
                        help="print the result structure as JSON")
    search.set_defaults(handler=run_search)

    serve = commands.add_parser(
        "serve",
        help="run the web site and JSON API",
        description="Bring the index up to date with the archive (as `index` does), then "
        "serve the site with the waitress WSGI server until Ctrl-C.",
    )
    _add_index(serve)
    _add_corpus(serve)
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on")
    serve.add_argument("--port", type=int, default=5000, help="port to listen on")
    serve.add_argument("--threads", type=int, default=4, help="request threads")
    serve.set_defaults(handler=run_serve)

    trend = commands.add_parser(
        "trend", help="reports, occurrences and share of terms per school year and year",
        description="For one to five terms (the search query language): per school year and "
        "per calendar year, how many reports match, how often the term occurs, and what "
        "share of that period's reports match. Periods without reports are gaps (null).")
    trend.add_argument("terms", nargs="+", metavar="TERM")
    _add_research_options(trend)
    trend.add_argument("--by", choices=("school_year", "year"), default="school_year",
                       help="periods shown on a terminal (both are in --json and --csv)")
    trend.set_defaults(handler=run_trend)

    kwic = commands.add_parser(
        "kwic", help="every occurrence of a term in context (concordance)",
        description="Every occurrence of a word or phrase with its left and right context, "
        "with or without diacritics as in search.")
    kwic.add_argument("term", metavar="TERM")
    _add_research_options(kwic)
    kwic.add_argument("--sort", choices=("date", "left", "right"), default="date")
    kwic.add_argument("--page", type=int, default=1)
    kwic.add_argument("--limit", type=int, default=100, help="lines per page")
    kwic.set_defaults(handler=run_kwic)

    awards = commands.add_parser(
        "awards", help="award records of the archive, with totals",
        description="Every award record (award, awarding body, collectives, individuals) of "
        "the reports a query and filters select, with totals per school year and body.")
    awards.add_argument("query", nargs="?", default="", metavar="QUERY")
    _add_research_options(awards)
    awards.add_argument("--sort", choices=("newest", "oldest", "award", "body", "collectives",
                                           "individuals"), default="newest")
    awards.set_defaults(handler=run_awards)

    settings = commands.add_parser("settings", help="list settings and their current values")
    settings.set_defaults(handler=run_settings)
    return parser


def _add_corpus(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--corpus", type=Path, default=None,
                        help=f"archive folder (default: ${SETTINGS['corpus'].env} or "
                             f"{SETTINGS['corpus'].default}/)")


def _add_index(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--index", type=Path, default=None,
                        help=f"index folder (default: ${SETTINGS['index'].env} or "
                             f"{SETTINGS['index'].default}/)")


def _add_filter(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--filter", action="append", default=[], metavar="FIELD=VALUE",
                        help="keep reports whose FIELD is VALUE (repeatable; fields: "
                             + ", ".join(FACETS) + ", or their Vietnamese names)")


def _add_research_options(parser: argparse.ArgumentParser) -> None:
    _add_index(parser)
    _add_filter(parser)
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print JSON")
    output.add_argument("--csv", action="store_true", help="print CSV (UTF-8 with BOM)")


def _engine(args: argparse.Namespace):
    return engine_for(str(_index_dir(args).resolve()))


def _index_dir(args: argparse.Namespace) -> Path:
    return args.index or Path(setting("index"))


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except (FileNotFoundError, IndexBusy, SearchError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
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


def run_index(args: argparse.Namespace) -> int:
    corpus = args.corpus or Path(setting("corpus"))
    index_dir = _index_dir(args)
    summary = index_corpus(corpus, index_dir, rebuild=args.rebuild, workers=args.workers)
    if args.json:
        print(json.dumps(summary.to_dict(), ensure_ascii=False))
    else:
        for source, reason in sorted(summary.failed.items()):
            print(f"error: {source}: {reason}", file=sys.stderr)
        print(f"{index_dir}: {summary.describe()}")
    if summary.interrupted:
        return 130
    return 1 if summary.failed else 0


def _parse_filters(items: list[str]) -> dict[str, list[str]]:
    filters: dict[str, list[str]] = {}
    for item in items:
        name, sep, value = item.partition("=")
        field = name if name in FACETS else field_for(name)
        if not sep or field is None:
            raise SearchError(f"--filter expects FIELD=VALUE with FIELD one of "
                              f"{', '.join(FACETS)} (or a Vietnamese name), not {item!r}")
        filters.setdefault(field, []).append(value)
    return filters


def run_search(args: argparse.Namespace) -> int:
    engine = _engine(args)
    result = engine.search(args.query, filters=_parse_filters(args.filter), sort=args.sort,
                           page=args.page, per_page=args.limit)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        print(format_results(result, colour=sys.stdout.isatty()))
    return 0


def _terminal_marks(snippet: str, colour: bool) -> str:
    start, end = ("\033[1;33m", "\033[0m") if colour else ("[", "]")
    return html.unescape(snippet.replace("<mark>", start).replace("</mark>", end))


def format_results(result: dict, colour: bool = False) -> str:
    """Search results as a person reads them on a terminal; matches in [brackets] or colour."""
    lines = []
    first = (result["page"] - 1) * result["per_page"]
    shown = f"{first + 1}-{first + len(result['hits'])} of " if result["hits"] else ""
    lines.append(f"{shown}{result['total']} report(s) ({result['took_ms']} ms)")
    if result.get("suggestion"):
        lines.append(f"Did you mean: {result['suggestion']}")
    for number, hit in enumerate(result["hits"], first + 1):
        facts = " · ".join(str(hit[k]) for k in ("date", "school_year", "province",
                                                 "organization", "report_type") if hit.get(k))
        lines += ["", f"{number}. {hit['title'] or hit['source']}", f"   {facts}",
                  f"   {hit['id']}"]
        if hit.get("snippet"):
            lines.append("   " + _terminal_marks(hit["snippet"], colour))
    facets = [f"{name}: " + ", ".join(f"{item['value']} ({item['count']})"
                                      for item in items[:6])
              for name, items in result["facets"].items() if items]
    if facets:
        lines += ["", *facets]
    return "\n".join(lines)


def run_serve(args: argparse.Namespace) -> int:
    from waitress import serve

    from webui import create_app

    corpus = (args.corpus or Path(setting("corpus"))).resolve()
    index_dir = _index_dir(args).resolve()
    summary = index_corpus(corpus, index_dir)
    for source, reason in sorted(summary.failed.items()):
        print(f"error: {source}: {reason}", file=sys.stderr)
    print(f"index {index_dir}: {summary.describe()}")
    app = create_app({"INDEX_DIR": str(index_dir), "CORPUS_DIR": str(corpus)})
    engine_for(str(index_dir)).search("")  # open the index and load pyvi before the first visitor
    host = f"[{args.host}]" if ":" in args.host else args.host
    print(f"Serving the archive at http://{host}:{args.port}/  (Ctrl-C to stop)", flush=True)
    serve(app, host=args.host, port=args.port, threads=args.threads, ident="union-search")
    return 0


def _emit(args: argparse.Namespace, result: dict, rows: list[dict], columns: tuple[str, ...],
          text: str) -> int:
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    elif args.csv:
        sys.stdout.write(to_csv(rows, columns))
    else:
        print(text)
    return 0


def run_trend(args: argparse.Namespace) -> int:
    result = _engine(args).trend(args.terms, _parse_filters(args.filter))
    data = result[args.by]
    width = max([len(p) for p in data["periods"]] + [6])
    lines = [f"{'period':<{width}}  " + "  ".join(f"{s['term'][:24]:>24}" for s in data["series"])]
    for row, period in enumerate(data["periods"]):
        cells = []
        for series in data["series"]:
            point = series["points"][row]
            cells.append(f"{'(no reports)':>24}" if point["reports"] is None else
                         f"{point['reports']:>4} rep {point['occurrences']:>5}× "
                         f"{point['share'] * 100:>4.0f}%".rjust(24))
        lines.append(f"{period:<{width}}  " + "  ".join(cells))
    return _emit(args, result, trend_rows(result), TREND_COLUMNS, "\n".join(lines))


def run_kwic(args: argparse.Namespace) -> int:
    everything = args.json or args.csv
    result = _engine(args).kwic(args.term, _parse_filters(args.filter), args.sort,
                                1 if everything else args.page,
                                100_000 if everything else args.limit)
    lines = [f"{result['total']} use(s) in {result['reports']} report(s)"
             + (" (capped)" if result["capped"] else "")]
    for line in result["lines"]:
        lines.append(f"{line['left'][-50:]:>50} [{line['match']}] {line['right'][:50]:<50}  "
                     f"{line['school_year']} {line['id']}")
    return _emit(args, result, result["lines"], KWIC_COLUMNS, "\n".join(lines))


def run_awards(args: argparse.Namespace) -> int:
    result = _engine(args).awards(args.query, _parse_filters(args.filter), args.sort, 1,
                                  100_000)
    total = result["totals"]["all"]
    lines = [f"{result['total']} award record(s) in {result['reports']} report(s): "
             f"{total['collectives']} collectives, {total['individuals']} individuals"]
    for row in result["rows"]:
        counts = " ".join(f"{row[k]} {k}" for k in ("collectives", "individuals")
                          if row[k] is not None)
        lines.append(f"{row['school_year'] or '?':>9}  {row['award']} – {row['body']} "
                     f"({counts})  {row['id']}")
    lines.append("")
    for group in result["totals"]["school_year"]:
        lines.append(f"{group['value'] or '?':>9}  {group['records']} record(s), "
                     f"{group['collectives']} collectives, {group['individuals']} individuals")
    return _emit(args, result, result["rows"], AWARD_COLUMNS, "\n".join(lines))


def run_settings(args: argparse.Namespace) -> int:
    for item in SETTINGS.values():
        print(f"{item.env}={item.value()}\n    {item.help} (default: {item.default})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
