"""The ``union-search`` command line.

It lives in ``webui`` because it is, like the web site, the outermost layer: its subcommands
call into ``search`` and ``indexer`` and never the other way round. It is the only part of
``webui`` that calls the indexer (``index``, ``inspect``, ``serve``). Only ``serve`` loads
Flask: the other commands start without the web stack. Options that several commands share
are defined once (``--index``, ``--corpus``, ``--filter``, ``--json``/``--csv``); the
options of the search and research commands come from the same declarations as the web
site's parameters (:mod:`webui.params`).
"""

from __future__ import annotations

import argparse
import errno
import html
import json
import logging
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from indexer import Failure, Report, UnreadableFile, iter_corpus, load_report
from indexer.indexing import IndexBusy, check_index, index_corpus
from indexer.report import is_supported
from search import (
    FACET_NAMES,
    MAX_ROWS,
    SETTINGS,
    SearchError,
    SettingError,
    engine_for,
    field_for,
    setting,
)

from .exports import (
    AWARD_COLUMNS,
    DUPLICATE_COLUMNS,
    KWIC_COLUMNS,
    TREND_COLUMNS,
    to_csv,
    trend_rows,
)
from .params import add_cli_options, check_cli

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
    _add_output(inspect, "print one JSON object per file (JSON Lines)")
    _add_corpus(inspect, "corpus root that ids are relative to")
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
    index.add_argument("--check", action="store_true",
                       help="change nothing: list the files not indexed yet, changed since, "
                            "or gone, and exit with status 1 when there are any")
    index.add_argument("--strict", action="store_true",
                       help="exit with status 1 when a report was indexed with warnings "
                            "(sidecar values refused)")
    _add_setting(index, "--workers", "workers")
    _add_output(index, "print the summary as JSON")
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
    add_cli_options(search, "search")
    _add_output(search, "print the result structure as JSON")
    search.set_defaults(handler=run_search)

    serve = commands.add_parser(
        "serve",
        help="run the web site and JSON API",
        description="Serve the site and the API until Ctrl-C, from the index as it is, "
        "while the archive is watched and what changes is indexed in the background (or, "
        "with --no-watch, once before serving): with gunicorn in several processes where "
        "the system can fork, else with waitress in one.",
    )
    _add_index(serve)
    _add_corpus(serve)
    for name in ("host", "port", "processes", "threads", "watch", "watch_interval"):
        _add_setting(serve, "--" + name.replace("_", "-"), name)
    serve.set_defaults(handler=run_serve)

    trend = commands.add_parser(
        "trend", help="reports, occurrences and share of terms per school year and year",
        description="For one to five terms (the search query language): per school year and "
        "per calendar year, how many reports match, how often the term occurs, and what "
        "share of that period's reports match. Periods without reports are gaps (null).")
    trend.add_argument("terms", nargs="+", metavar="TERM")
    _add_research_options(trend)
    add_cli_options(trend, "trend")
    trend.set_defaults(handler=run_trend)

    kwic = commands.add_parser(
        "kwic", help="every occurrence of a term in context (concordance)",
        description="Every occurrence of a word or phrase with its left and right context, "
        "with or without diacritics as in search.")
    kwic.add_argument("term", metavar="TERM")
    _add_research_options(kwic)
    add_cli_options(kwic, "kwic")
    kwic.set_defaults(handler=run_kwic)

    awards = commands.add_parser(
        "awards", help="award records of the archive, with totals",
        description="Every award record (award, awarding body, collectives, individuals) of "
        "the reports a query and filters select, with totals per school year and body.")
    awards.add_argument("query", nargs="?", default="", metavar="QUERY")
    _add_research_options(awards)
    add_cli_options(awards, "awards", only=("sort",))
    awards.set_defaults(handler=run_awards)

    duplicates = commands.add_parser(
        "duplicates", help="groups of reposted copies, for review",
        description="Reports whose texts are mostly the same are counted as one: each group "
        "with the copy kept and the others, with their similarity.")
    _add_index(duplicates)
    _add_output(duplicates, "print the groups as JSON", csv=True)
    duplicates.set_defaults(handler=run_duplicates)

    chrome = commands.add_parser(
        "chrome", help="lines learned as page chrome, per site, for review",
        description="Short lines that recur verbatim in many reports of one site (a folder "
        "of the archive, or the site a web page names) are learned as page chrome at index "
        "time and removed. Lists them per site: in how many of the site's reports each "
        "occurs, and a rule to paste into indexer/data/chrome.txt to keep it removed.")
    _add_index(chrome)
    chrome.add_argument("--site", metavar="SITE",
                        help="one site only: a folder of the archive (2019/lang-son/) or a "
                             "site's name (congdoan.example.vn)")
    _add_output(chrome, "print the learned lines as JSON", csv=True)
    chrome.set_defaults(handler=run_chrome)

    settings = commands.add_parser("settings", help="list settings and their current values")
    settings.set_defaults(handler=run_settings)
    return parser


def _add_setting(parser: argparse.ArgumentParser, flag: str, name: str,
                 help: str | None = None) -> None:
    """An option that overrides a setting; unset, the setting's value is used."""
    declared = SETTINGS[name]
    if declared.kind is bool:
        parser.add_argument(flag, dest=name, action=argparse.BooleanOptionalAction,
                            default=None, help=f"{help or declared.help[:-1].lower()} "
                            f"(default: ${declared.env} or {declared.default})")
        return
    parser.add_argument(flag, dest=name, type=declared.kind, default=None,
                        help=f"{help or declared.help[:-1].lower()} (default: ${declared.env} "
                             f"or {declared.default})")


def _add_corpus(parser: argparse.ArgumentParser, help: str = "archive folder") -> None:
    _add_setting(parser, "--corpus", "corpus", help)


def _add_index(parser: argparse.ArgumentParser) -> None:
    _add_setting(parser, "--index", "index", "index folder")


def _add_filter(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--filter", action="append", default=[], metavar="FIELD=VALUE",
                        help="keep reports whose FIELD is VALUE (repeatable; fields: "
                             + ", ".join(FACET_NAMES) + ", or their Vietnamese names)")


def _add_output(parser: argparse.ArgumentParser, json_help: str = "print JSON",
                csv: bool = False) -> None:
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help=json_help)
    if csv:
        output.add_argument("--csv", action="store_true", help="print CSV (UTF-8 with BOM)")


def _add_research_options(parser: argparse.ArgumentParser) -> None:
    _add_index(parser)
    _add_filter(parser)
    _add_output(parser, csv=True)


def _engine(args: argparse.Namespace):
    return engine_for(str(_index_dir(args).resolve()))


def _setting(args: argparse.Namespace, name: str):
    """A command-line option that overrides a setting, else the setting."""
    value = getattr(args, name, None)
    return setting(name) if value is None else value


def _index_dir(args: argparse.Namespace) -> Path:
    return _setting(args, "index")


def _corpus_dir(args: argparse.Namespace) -> Path:
    return _setting(args, "corpus")


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        check_cli(args)
        return args.handler(args)
    except (FileNotFoundError, IndexBusy, SearchError, SettingError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `… | head` closed the pipe: what it wanted was printed
        return 0
    except OSError as exc:  # --index on a file, a folder we may not write, a full disk…
        if exc.errno == errno.ENOSPC:
            print("error: the disk is full; the index keeps its last commit, intact",
                  file=sys.stderr)
        else:
            print(f"error: {exc.strerror or exc}: {exc.filename or ''}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


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
        problems: list[Failure] = []
        files = list(iter_corpus(argument, problems)) if argument.is_dir() else [argument]
        yield from problems
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
    corpus = _corpus_dir(args).resolve()
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


def run_check(args: argparse.Namespace) -> int:
    drift = check_index(_corpus_dir(args), _index_dir(args))
    if args.json:
        print(json.dumps(drift.to_dict(), ensure_ascii=False))
    else:
        for label, sources in (("new", drift.new), ("changed", drift.changed),
                               ("gone", drift.gone)):
            for source in sources:
                print(f"{label}: {source}")
        for source, reason in sorted(drift.unreadable.items()):
            print(f"error: {source}: {reason}", file=sys.stderr)
        print(f"{len(drift.new)} new, {len(drift.changed)} changed, {len(drift.gone)} gone, "
              f"{drift.unchanged} unchanged" + (" (the index is up to date)"
                                                if drift.in_step else ""))
    return 0 if drift.in_step else 1


def run_index(args: argparse.Namespace) -> int:
    if args.check:
        return run_check(args)
    index_dir = _index_dir(args)
    summary = index_corpus(_corpus_dir(args), index_dir, rebuild=args.rebuild,
                           workers=_setting(args, "workers"))
    if args.json:
        print(json.dumps(summary.to_dict(), ensure_ascii=False))
    else:
        _print_problems(summary)
        print(f"{index_dir}: {summary.describe()}")
    if summary.interrupted:
        return 130
    return 1 if summary.failed or (args.strict and summary.warnings) else 0


def _print_problems(summary) -> None:
    """Every file that failed and every warning of an indexing run, on stderr."""
    for source, reason in sorted(summary.failed.items()):
        print(f"error: {source}: {reason}", file=sys.stderr)
    for source, warnings in sorted(summary.warnings.items()):
        for warning in warnings:
            print(f"warning: {source}: {warning}", file=sys.stderr)


def _parse_filters(items: list[str]) -> dict[str, list[str]]:
    filters: dict[str, list[str]] = {}
    for item in items:
        name, sep, value = item.partition("=")
        field = name if name in FACET_NAMES else field_for(name)
        if not sep or field is None:
            raise SearchError(f"--filter expects FIELD=VALUE with FIELD one of "
                              f"{', '.join(FACET_NAMES)} (or a Vietnamese name), not {item!r}")
        filters.setdefault(field, []).append(value)
    return filters


def run_search(args: argparse.Namespace) -> int:
    engine = _engine(args)
    result = engine.search(args.query, filters=_parse_filters(args.filter), sort=args.sort,
                           page=args.page, per_page=args.per_page)
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
    from webui import create_app
    from webui.server import can_fork_workers, port_problem, serve_in_processes, serve_in_threads

    corpus = _corpus_dir(args).resolve()
    index_dir = _index_dir(args).resolve()
    host, port = _setting(args, "host"), _setting(args, "port")
    if (problem := port_problem(host, port)) is not None:
        print(f"error: cannot serve at {host}:{port}: {problem}", file=sys.stderr)
        return 2
    watcher = None
    if _setting(args, "watch"):
        # The first run and every later change are indexed in the background: the site
        # answers at once, from what is committed, and shows the run's progress.
        from indexer.watch import ArchiveWatcher

        if not corpus.is_dir():
            print(f"error: corpus folder not found: {corpus}", file=sys.stderr)
            return 2
        index_dir.mkdir(parents=True, exist_ok=True)
        watcher = ArchiveWatcher(corpus, index_dir, _setting(args, "watch_interval"),
                                 polling=bool(setting("watch_polling")))
        watcher.start()
        print(f"watching {corpus} ({watcher.mode}): changes are indexed in the background",
              flush=True)
    else:
        try:
            summary = index_corpus(corpus, index_dir)
            _print_problems(summary)
            print(f"index {index_dir}: {summary.describe()}")
        except IndexBusy:
            # Serving never waits on indexing: the other process's commits show up as
            # they land.
            print(f"index {index_dir}: another process is indexing; serving what it has "
                  "committed so far", flush=True)
    processes, threads = _setting(args, "processes"), _setting(args, "threads")
    watching = watcher.mode if watcher is not None else None
    try:
        if processes > 1 and can_fork_workers():
            return serve_in_processes(index_dir, corpus, host, port, processes, threads,
                                      watching)
        app = create_app({"INDEX_DIR": str(index_dir), "CORPUS_DIR": str(corpus),
                          "WATCHING": watching})
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
        serve_in_threads(app, str(index_dir), host, port, threads)
    finally:
        if watcher is not None:
            watcher.stop()
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
                                MAX_ROWS if everything else args.per_page)
    lines = [f"{result['total']} use(s) in {result['reports']} report(s)"
             + (" (capped)" if result["capped"] else "")]
    for line in result["lines"]:
        lines.append(f"{line['left'][-50:]:>50} [{line['match']}] {line['right'][:50]:<50}  "
                     f"{line['school_year']} {line['id']}")
    return _emit(args, result, result["lines"], KWIC_COLUMNS, "\n".join(lines))


def run_awards(args: argparse.Namespace) -> int:
    result = _engine(args).awards(args.query, _parse_filters(args.filter), args.sort, 1,
                                  MAX_ROWS)
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


def run_duplicates(args: argparse.Namespace) -> int:
    result = _engine(args).duplicates(1, MAX_ROWS)
    lines = [f"{result['total']} group(s) of reposted copies, {result['copies']} copies "
             "not counted again"]
    for group in result["groups"]:
        lines += ["", f"{group['id']}  {group['title']}  ({group['date'] or 'undated'}; kept)"]
        lines += [f"  {c['id']}  {c['title']}  ({c['similarity']:.0%} alike)"
                  for c in group["copies"]]
    return _emit(args, result, result["rows"], DUPLICATE_COLUMNS, "\n".join(lines))


CHROME_COLUMNS = ("site", "reports", "site_reports", "line", "rule")


def run_chrome(args: argparse.Namespace) -> int:
    from indexer.learned import Thresholds, learned_lines
    from indexer.store import open_view

    thresholds = Thresholds.from_settings()
    view = open_view(_index_dir(args))
    try:
        lines = learned_lines(view, thresholds, args.site)
    finally:
        view.close()
    rows = [line.to_dict() for line in lines]
    result = {"thresholds": {"min_reports": max(2, thresholds.min_reports),
                             "min_share": thresholds.min_share,
                             "enabled": thresholds.enabled},
              "sites": len({line.site for line in lines}), "total": len(lines), "lines": rows}
    text = [f"{len(lines)} line(s) learned as page chrome in {result['sites']} site(s) (in "
            f"{max(2, thresholds.min_reports)} reports of a site or more, and "
            f"{thresholds.min_share} % of them)"
            + ("" if thresholds.enabled else "; learning is off (UNION_SEARCH_LEARN_CHROME)")]
    site = None
    for line in lines:
        if line.site != site:
            site = line.site
            text += ["", f"{site}  ({line.site_reports} report(s))"]
        text.append(f"  {line.reports:>5} of {line.site_reports:<5} "
                    f"{line.line or '(not removed yet: run union-search index)'}")
        if line.rule:
            text.append(f"  {'':>14} {line.rule}")
    return _emit(args, result, rows, CHROME_COLUMNS, "\n".join(text))


def run_settings(args: argparse.Namespace) -> int:
    status = 0
    for item in SETTINGS.values():
        try:
            shown = item.value()
        except SettingError as exc:
            shown, status = f"(invalid: {exc})", 1
        print(f"{item.env}={shown}\n    {item.help} ({item.kind.__name__}, "
              f"default: {item.default})")
    return status


if __name__ == "__main__":
    sys.exit(main())
