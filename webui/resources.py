"""One data function per resource, and its twins: CSV, JSON download and API.

A resource (search, trend, concordance, comparison, award list) is a function from the
request's declared parameters (:data:`webui.params.ROUTES`) to the engine's result. The HTML
page renders it; ``/<name>.csv`` and ``/<name>.json`` download all of it (every row, not one
page); ``/api/<name>`` answers it as JSON. The twins are registered here from the
declarations, so the four can never disagree on what a parameter means. Downloads stream:
the search's every result is read from the index a batch at a time while it is sent
(:meth:`search.Engine.iter_export`), so its memory does not grow with the number of
reports; a bad parameter is a 400 before the first byte.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    g,
    jsonify,
    request,
    stream_with_context,
    url_for,
)
from flask_babel import gettext as _

from indexer.normalize import slug
from search import FACET_NAMES, MAX_ROWS, Engine, engine_for, index_status, was_removed

from .exports import (
    AWARD_COLUMNS,
    COLUMN_LABELS,
    DUPLICATE_COLUMNS,
    KWIC_COLUMNS,
    RESULT_COLUMNS,
    TREND_COLUMNS,
    iter_csv,
    iter_json,
    to_json,
    trend_rows,
)
from .params import N_, BadParameter, narrowed, read

__all__ = ["Resource", "RESOURCES", "get_engine", "result_of", "add_api", "add_downloads",
           "valid_id", "download_name", "send_download", "column_header"]

Result = dict[str, Any]


def get_engine() -> Engine:
    """The engine of this request, pinned to the index version current when the request
    began: every part of a page (results, facets, similar reports) reads that version."""
    if "engine" not in g:
        g.engine = engine_for(current_app.config["INDEX_DIR"]).pinned()
    return g.engine


# Ids are made by indexer.report.report_id: letters, digits, ".", "_", "-".
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,300}$")


def valid_id(doc_id: str) -> bool:
    """Whether ``doc_id`` has the shape of a report id (anything else is a 404)."""
    return bool(_ID.match(doc_id)) and ".." not in doc_id


def document_or_abort(doc_id: str) -> dict[str, Any]:
    """A report's stored fields and text; 410 when its file was deleted from the archive,
    404 when there never was such a report."""
    document = get_engine().document(doc_id) if valid_id(doc_id) else None
    if document is None:
        abort(410 if valid_id(doc_id) and was_removed(current_app.config["INDEX_DIR"],
                                                       doc_id) else 404)
    return document


def current_status() -> dict[str, Any]:
    """The index's status (:func:`search.index_status`) as this request sees it; also
    before the first commit, when there is no index to pin."""
    try:
        snapshot = get_engine().snapshot()
    except FileNotFoundError:
        snapshot = None
    status = index_status(current_app.config["INDEX_DIR"], snapshot)
    status["watching"] = current_app.config.get("WATCHING")
    return status


@dataclass(frozen=True)
class Resource:
    """A resource: its data function ``(engine, params, everything) -> result or None``
    (None: the parameters ask for nothing yet, e.g. no term), and how it is exported."""

    name: str
    data: Callable[[Engine, dict[str, Any], bool], Result | None]
    summary: str  # what the API answers, for the OpenAPI description
    missing: str = ""  # the API's 400 message when the data function returns None
    columns: tuple[str, ...] = ()  # CSV columns; none: no CSV or JSON download
    rows: Callable[[Result], Iterable[dict[str, Any]]] = lambda result: []
    url: Callable[[Result, dict[str, Any]], str] | None = None  # a row's link, in the CSV
    download: str = ""  # what a downloaded file holds, the first word of its name (N_)
    # The key of the downloaded result whose rows are read while they are sent (its last
    # key, e.g. a search's every hit): the JSON download writes them a batch at a time.
    streamed: str = ""


def _slug(text: str, limit: int = 60) -> str:
    return slug(text, limit).strip("-")


def download_name(what: str, suffix: str) -> str:
    """A downloaded file's name saying what is inside, without marks (every system and mail
    program keeps it): ``what`` it lists (in the UI's language), the search (its words and
    chosen filter values) and the day, e.g. ``bao-cao_cong-doan_lang-son_2024-05-01.csv``."""
    args = request.args
    searched = [*args.getlist("q"), *(v for name in FACET_NAMES for v in args.getlist(name))]
    parts = [_slug(what), *filter(None, (_slug(v, 40) for v in searched))][:5]
    return "_".join([*parts, date.today().isoformat()]) + "." + suffix


def send_download(body: str | Iterable[str], what: str, suffix: str,
                  mimetype: str) -> Response:
    """A file to download, named by :func:`download_name`: its text, or its pieces, sent
    as they come (streamed, in this request's context: its pinned engine, language and
    links stay available while the rows are read)."""
    if not isinstance(body, str):
        body = stream_with_context(body)
    return Response(body, mimetype=mimetype, headers={
        "Content-Disposition": f"attachment; filename={download_name(what, suffix)}"})


def export_batch() -> int:
    """How many rows a download reads and sends at a time (the app's ``EXPORT_BATCH``)."""
    return int(current_app.config["EXPORT_BATCH"])


def column_header(name: str) -> str:
    """A CSV column's name in the UI's language (``lang=`` on the download chooses it)."""
    return _(COLUMN_LABELS[name]) if name in COLUMN_LABELS else name


def _search(engine: Engine, params: dict[str, Any], everything: bool) -> Result:
    q, filters = narrowed(params)
    if everything:
        # Selected and ordered now (a bad filter is raised here); read while it is sent.
        hits = engine.iter_export(q, filters, params["sort"], snippets=True,
                                  batch=export_batch())
        return {"query": q, "filters": filters, "sort": params["sort"], "total": hits.total,
                "hits": hits}
    return engine.search(q, filters, params["sort"], params["page"], params["per_page"])


def _trend(engine: Engine, params: dict[str, Any], everything: bool) -> Result | None:
    return engine.trend(params["q"], narrowed(params)[1]) if params["q"] else None


def _kwic(engine: Engine, params: dict[str, Any], everything: bool) -> Result | None:
    if not params["q"]:
        return None
    return engine.kwic(params["q"], narrowed(params)[1], params["sort"],
                       1 if everything else params["page"],
                       MAX_ROWS if everything else params["per_page"])


def compare_ids(params: dict[str, Any]) -> tuple[str, str] | None:
    """The two report ids to compare (``a`` and ``b``, or two ``id``), None if none."""
    ids = [v for v in (params["a"], params["b"]) if v] + params["id"]
    if not ids:
        return None
    if len(ids) != 2:
        raise BadParameter(N_("Choose exactly two reports to compare."))
    if not all(valid_id(i) for i in ids):
        abort(404)
    return ids[0], ids[1]


def _compare(engine: Engine, params: dict[str, Any], everything: bool) -> Result | None:
    ids = compare_ids(params)
    if ids is None:
        return None
    result = engine.compare(*ids)
    if result is None:
        abort(404)
    result["query"] = params.get("q", "")
    return result


def _awards(engine: Engine, params: dict[str, Any], everything: bool) -> Result:
    q, filters = narrowed(params)
    return engine.awards(q, filters, params["sort"],
                         1 if everything else params["page"],
                         MAX_ROWS if everything else params["per_page"])


def _duplicates(engine: Engine, params: dict[str, Any], everything: bool) -> Result:
    return engine.duplicates(1 if everything else params["page"],
                             MAX_ROWS if everything else params["per_page"])


def _report_url(result: Result, row: dict[str, Any]) -> str:
    return url_for("views.document_page", doc_id=row["id"], _external=True)


def _kwic_url(result: Result, line: dict[str, Any]) -> str:
    return url_for("views.document_page", doc_id=line["id"], q=result["term"],
                   _anchor=f"m{line['anchor']}", _external=True)


def _award_url(result: Result, row: dict[str, Any]) -> str:
    return url_for("views.document_page", doc_id=row["id"], award=row["number"],
                   _anchor=f"award-{row['number']}", _external=True)


_SNIPPET_MARK = re.compile(r"</?mark>")


def _search_rows(result: Result) -> Iterator[dict[str, Any]]:
    """Search hits as CSV rows, one by one as the hits are read: the snippet as plain text
    (the engine escapes it for HTML and marks the matches)."""
    return ({**hit, "snippet": html.unescape(_SNIPPET_MARK.sub("", hit.get("snippet", "")))}
            for hit in result["hits"])


RESOURCES: dict[str, Resource] = {r.name: r for r in (
    Resource("search", _search, "Search reports", columns=RESULT_COLUMNS,
             rows=_search_rows, url=_report_url, download=N_("reports"), streamed="hits"),
    Resource("trend", _trend, "Reports, occurrences and share per school year and year",
             missing="give one to five terms as q (repeatable)", columns=TREND_COLUMNS,
             rows=trend_rows, download=N_("trend")),
    Resource("kwic", _kwic, "Every occurrence of a term with its context",
             missing="give a term as q", columns=KWIC_COLUMNS,
             rows=lambda result: result["lines"], url=_kwic_url, download=N_("concordance")),
    Resource("compare", _compare, "Two reports side by side, sentences aligned, words marked",
             missing="give two report ids as a and b"),
    Resource("awards", _awards, "Every award record of the selected reports, with totals",
             columns=AWARD_COLUMNS, rows=lambda result: result["rows"], url=_award_url,
             download=N_("awards")),
    Resource("duplicates", _duplicates, "The groups of reposted copies, for review",
             columns=DUPLICATE_COLUMNS, rows=lambda result: result["rows"],
             download=N_("reposts")),
)}


def result_of(name: str, everything: bool = False,
              params: dict[str, Any] | None = None) -> Result | None:
    """The resource's result for the current request's parameters (``params``: as
    :func:`webui.params.read` gave them, when the caller has read them already)."""
    if params is None:
        params = read(name, request.args)
    return RESOURCES[name].data(get_engine(), params, everything)


def add_api(api: Blueprint) -> None:
    """``/api/<name>`` of every resource (``api`` has the ``/api`` prefix)."""
    for resource in RESOURCES.values():
        api.add_url_rule(f"/{resource.name}", f"api_{resource.name}", _api_view(resource))


def add_downloads(pages: Blueprint) -> None:
    """``/<name>.csv`` and ``/<name>.json`` of every resource that has columns."""
    for resource in RESOURCES.values():
        if resource.columns:
            pages.add_url_rule(f"/{resource.name}.csv", f"{resource.name}_csv",
                               _csv_view(resource))
            pages.add_url_rule(f"/{resource.name}.json", f"{resource.name}_json",
                               _json_view(resource))


def _api_view(resource: Resource) -> Callable[[], Response]:
    def view() -> Response:
        result = result_of(resource.name)
        if result is None:
            raise BadParameter(resource.missing)
        return jsonify(result)

    return view


def _csv_view(resource: Resource) -> Callable[[], Response]:
    def view() -> Response:
        # Parameters are read and the rows selected before the response starts: a bad
        # one is a 400 page, never a file cut short.
        result = result_of(resource.name, everything=True)
        rows = resource.rows(result) if result is not None else []
        url = resource.url
        row_url = (lambda row: url(result, row)) if url and result is not None else None
        body = iter_csv(rows, resource.columns, row_url, column_header, export_batch())
        return send_download(body, _(resource.download or resource.name), "csv", "text/csv")

    return view


def _json_view(resource: Resource) -> Callable[[], Response]:
    def view() -> Response:
        result = result_of(resource.name, everything=True)
        body = (iter_json(result, resource.streamed, export_batch())
                if resource.streamed and result is not None else to_json(result))
        return send_download(body, _(resource.download or resource.name), "json",
                             "application/json")

    return view
