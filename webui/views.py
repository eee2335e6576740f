"""The HTML pages: search, report, help, and the CSV/JSON exports of a result list.

The URL is the state: every page is a GET with the parameters of :mod:`webui.params`;
facets, chips, sorting and pages are plain links that change one parameter, so the back
button and a shared link restore the exact view, and nothing needs JavaScript.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    g,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import gettext as _
from markupsafe import Markup, escape

from search import FACET_NAMES as FACETS
from search import Engine, engine_for

from .exports import RESULT_COLUMNS, to_csv
from .i18n import FACET_LABELS, format_date, report_type_label
from .params import read_params

__all__ = ["bp", "get_engine", "valid_id", "csv_download", "json_download", "report_url"]

bp = Blueprint("views", __name__)

# Ids are made by indexer.report.report_id: letters, digits, ".", "_", "-".
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,300}$")
# Facet values shown before "more".
FACET_SHOWN = 8


def get_engine() -> Engine:
    """The engine of this request, pinned to the index version current when the request
    began: every part of a page (results, facets, similar reports) reads that version."""
    if "engine" not in g:
        g.engine = engine_for(current_app.config["INDEX_DIR"]).pinned()
    return g.engine


def valid_id(doc_id: str) -> bool:
    return bool(_ID.match(doc_id)) and ".." not in doc_id


def _search(everything: bool = False) -> tuple[Any, dict[str, Any] | list[dict[str, Any]]]:
    params = read_params(request.args)
    if everything:
        return params, get_engine().export(params.q, params.filters, params.sort)
    return params, get_engine().search(params.q, **params.engine_options())


# -- URL helpers (template globals) ---------------------------------------------------------

def url_with(endpoint: str = "views.search_page", drop: tuple[str, ...] = (),
             **changes: Any) -> str:
    """The current URL's parameters with some changed (None removes one)."""
    args = request.args.copy()
    for name in drop:
        args.pop(name, None)
    for name, value in changes.items():
        args.pop(name, None)
        if value is not None:
            args[name] = value
    return url_for(endpoint, **_flat(args))


def toggle_url(name: str, value: str, endpoint: str = "views.search_page") -> str:
    """The current URL with a facet value added, or removed if it was chosen."""
    args = request.args.copy()
    values = args.getlist(name)
    args.setlist(name, [v for v in values if v != value] if value in values else
                 [*values, value])
    args.pop("page", None)
    return url_for(endpoint, **_flat(args))


def lang_url(code: str) -> str:
    """The current page in another language."""
    args = request.args.copy()
    args["lang"] = code
    endpoint = request.endpoint or "views.search_page"
    return url_for(endpoint, **(request.view_args or {}), **_flat(args))


def _flat(args) -> dict[str, Any]:
    return {key: args.getlist(key) for key in args}


def document_url(doc_id: str) -> str:
    """A report's page, carrying the search parameters (for highlighting and going back)."""
    return url_for("views.document_page", doc_id=doc_id, **_flat(request.args))


def page_numbers(page: int, pages: int) -> list[int | None]:
    """Page links to show: the first, the last and two either side; None is a gap."""
    shown = sorted({1, pages, *range(max(1, page - 2), min(pages, page + 2) + 1)})
    out: list[int | None] = []
    for number in shown:
        if out and number - (out[-1] or 0) > 1:
            out.append(None)
        out.append(number)
    return out


@bp.app_context_processor
def helpers() -> dict[str, Any]:
    return {
        "url_with": url_with,
        "lang_url": lang_url,
        "toggle_url": toggle_url,
        "document_url": document_url,
        "page_numbers": page_numbers,
        "facet_label": lambda name: FACET_LABELS.get(name, name),
        "report_type_label": report_type_label,
        "FACET_SHOWN": FACET_SHOWN,
    }


@bp.app_template_filter("vn_date")
def vn_date(value: str) -> str:
    return format_date(value or "")


_TAG = re.compile(r"<[^>]*>")


@bp.app_template_filter("snippet_html")
def snippet_html(snippet: str) -> Markup:
    """A snippet as HTML. The engine escapes it and adds only <mark>; should anything else
    ever slip through, the whole snippet is shown escaped instead."""
    if all(tag in ("<mark>", "</mark>") for tag in _TAG.findall(snippet)):
        return Markup(snippet)
    return escape(snippet)


@bp.app_template_filter("facet_value")
def facet_value(value: str, name: str) -> str:
    return report_type_label(value) if name == "report_type" else value


# -- pages ----------------------------------------------------------------------------------

@bp.get("/")
def search_page() -> str:
    params, result = _search()
    chips = [(name, value) for name in FACETS for value in params.filters.get(name, [])]
    return render_template("search.html", params=params, result=result, chips=chips,
                           facets=FACETS)


@bp.get("/help")
def help_page() -> str:
    return render_template("help.html")


def report_url(row: dict[str, Any]) -> str:
    return url_for("views.document_page", doc_id=row["id"], _external=True)


def csv_download(text: str, name: str) -> Response:
    return Response(text, mimetype="text/csv",
                    headers={"Content-Disposition": f"attachment; filename={name}.csv"})


def json_download(body: Any, name: str) -> Response:
    return Response(json.dumps(body, ensure_ascii=False, indent=1), mimetype="application/json",
                    headers={"Content-Disposition": f"attachment; filename={name}.json"})


@bp.get("/search.csv")
def export_csv() -> Response:
    _, hits = _search(everything=True)
    return csv_download(to_csv(hits, RESULT_COLUMNS, report_url), "union-search-results")


@bp.get("/search.json")
def export_json() -> Response:
    params, hits = _search(everything=True)
    return json_download({"query": params.q, "filters": params.filters, "sort": params.sort,
                          "total": len(hits), "hits": hits}, "union-search-results")


def _document_or_404(doc_id: str) -> dict[str, Any]:
    if not valid_id(doc_id):
        abort(404)
    document = get_engine().document(doc_id)
    if document is None:
        abort(404)
    return document


@bp.get("/documents/<doc_id>")
def document_page(doc_id: str) -> str:
    document = _document_or_404(doc_id)
    q = request.args.get("q", "")
    award = _award_sentence(document)
    spans = get_engine().highlight(doc_id, q) if q and award is None else []
    paragraphs = render_text(document["text"], spans, award)
    similar = get_engine().more_like_this(doc_id, limit=5)
    return render_template("document.html", doc=document, paragraphs=paragraphs,
                           matches=len(spans), similar=similar, q=q,
                           compare_with=compare_candidates(document),
                           back=url_with(drop=("doc_id", "award")))


def _award_sentence(document: dict[str, Any]) -> tuple[int, int, int] | None:
    """(number, start, end) of the award record's sentence asked for by ``award=N``."""
    raw = request.args.get("award", "")
    if not raw.isdigit() or not 1 <= int(raw) <= len(document.get("awards", [])):
        return None
    number = int(raw)
    sentence = document["awards"][number - 1].get("sentence", "")
    start = document["text"].find(sentence) if sentence else -1
    return (number, start, start + len(sentence)) if start >= 0 else None


def compare_candidates(document: dict[str, Any], limit: int = 5) -> list[dict[str, Any]]:
    """Reports to compare with: the same organisation's other reports first (nearest dates
    first), then the same province's, then reports of the same type."""
    engine = get_engine()
    picked: list[dict[str, Any]] = []
    for name in ("organization", "province", "report_type"):
        if not document.get(name) or len(picked) >= limit:
            continue
        hits = engine.search("", filters={name: [document[name]]}, per_page=50,
                             snippets=False, suggest=False)["hits"]
        for hit in sorted(hits, key=lambda h: _distance(h.get("date", ""),
                                                        document.get("date", ""))):
            if hit["id"] != document["id"] and hit["id"] not in {p["id"] for p in picked}:
                picked.append(hit)
    return picked[:limit]


def _distance(a: str, b: str) -> int:
    if not a or not b:
        return 10**6
    return abs(int(a[:4]) * 12 + int(a[5:7]) - int(b[:4]) * 12 - int(b[5:7]))


@bp.get("/documents/<doc_id>/original")
def download_original(doc_id: str) -> Response:
    document = _document_or_404(doc_id)
    root = Path(current_app.config["CORPUS_DIR"]).resolve()
    path = (root / document.get("source", "")).resolve()
    # The source comes from the index, but the file must still be inside the archive.
    if root not in path.parents or not path.is_file():
        abort(404)
    return send_file(path, as_attachment=True, download_name=path.name)


def render_text(text: str, spans: list[tuple[int, int]],
                award: tuple[int, int, int] | None = None) -> list[Markup]:
    """The report text as escaped paragraphs, each match a ``<mark id="mN">`` with links to
    the previous and next match (anchors: they work without JavaScript); or, for an award
    record, its sentence as ``<mark id="award-N">``."""
    if award is not None:
        number, start, end = award
        html = (f"{escape(text[:start])}<mark class=\"sentence\" id=\"award-{number}\">"
                f"{escape(text[start:end])}</mark>{escape(text[end:])}")
        return [Markup(p) for p in html.split("\n") if p.strip()]
    previous_label, next_label = _("Previous match"), _("Next match")
    pieces: list[str] = []
    cursor = 0
    for number, (start, end) in enumerate(spans, 1):
        pieces.append(str(escape(text[cursor:start])))
        before = (f'<a class="prev" href="#m{number - 1}" aria-label="{previous_label}">‹</a>'
                  if number > 1 else "")
        after = (f'<a class="next" href="#m{number + 1}" aria-label="{next_label}">›</a>'
                 if number < len(spans) else "")
        pieces.append(f'<mark id="m{number}">{before}{escape(text[start:end])}{after}</mark>')
        cursor = end
    pieces.append(str(escape(text[cursor:])))
    return [Markup(paragraph) for paragraph in "".join(pieces).split("\n") if paragraph.strip()]
