"""The HTML pages: search, report, help (the exports are :mod:`webui.resources`' twins).

The URL is the state: every page is a GET with the parameters declared in
:mod:`webui.params`; facets, chips, sorting and pages are plain links that change one
parameter (:mod:`webui.links`), so the back button and a shared link restore the exact view,
and nothing needs JavaScript.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    jsonify,
    render_template,
    request,
    send_file,
)
from flask_babel import gettext as _
from markupsafe import Markup, escape

from search import FACET_NAMES, FACETS, MAX_PER_PAGE, SearchError, best_span, index_status

from .highlight import mark_phrases
from .i18n import facet_label, facet_value, format_date
from .links import document_url, results_url, url_with
from .params import NARROWING, choice_labels, narrowed, read
from .resources import add_downloads, document_or_abort, get_engine, result_of

__all__ = ["bp", "render_text", "FACET_SHOWN"]

bp = Blueprint("views", __name__)
add_downloads(bp)

# Facet values shown before "more".
FACET_SHOWN = 8
# On the research pages, the values "more" opens in place (linking back to that page);
# beyond them, a link to the facet's own page. At 80,000 reports a concordance listed
# every place and organisation: 1.6 MB for a page of 100 lines.
FACET_MORE = 40
# The page sizes the search page offers (the first is the default; all within per_page's
# declared bounds).
PER_PAGE_CHOICES = (10, 20, 50, 100)
# Every parameter that narrows a list of reports (facets, values left out, years).
NARROWING_NAMES = tuple(p.name for p in NARROWING)


@bp.app_context_processor
def helpers() -> dict[str, Any]:
    return {"facet_label": facet_label, "FACET_SHOWN": FACET_SHOWN, "FACET_MORE": FACET_MORE,
            "facets": FACET_NAMES,
            "narrowing": NARROWING_NAMES, "PER_PAGE_CHOICES": PER_PAGE_CHOICES,
            "choice_labels": choice_labels, "notice_text": notice_text}


@bp.app_template_filter("vn_date")
def vn_date(value: str) -> str:
    return format_date(value or "")


@bp.app_template_filter("facet_value")
def facet_value_filter(value: str, name: str) -> str:
    return facet_value(value, name)


def notice_text(notice: dict[str, str]) -> str:
    """What the engine did on the user's behalf, said in the current language."""
    if notice["code"] == "range_swapped":
        return _("The range was typed backwards; searched as %(value)s.", value=notice["value"])
    if notice["code"] == "not_a_filter":
        return _("“%(name)s:” is not a filter; its words were searched as text.",
                 name=notice["name"])
    if notice["code"] == "words_cut":
        return _("Only the first %(limit)s words were searched.", limit=notice["limit"])
    return notice["code"]


_TAG = re.compile(r"<[^>]*>")


@bp.app_template_filter("mark_phrases")
def mark_phrases_filter(text: str, phrases: list[str]) -> Markup:
    return mark_phrases(text, phrases) if phrases else escape(text)


@bp.app_template_filter("snippet_html")
def snippet_html(snippet: str) -> Markup:
    """A snippet as HTML. The engine escapes it and adds only <mark>; should anything else
    ever slip through, the whole snippet is shown escaped instead."""
    if all(tag in ("<mark>", "</mark>") for tag in _TAG.findall(snippet)):
        return Markup(snippet)
    return escape(snippet)


# -- pages ----------------------------------------------------------------------------------

@bp.get("/")
def search_page() -> str:
    params = read("search", request.args)
    return render_template("search.html", params=params,
                           result=result_of("search", params=params))


@bp.get("/healthz")
def health() -> Response:
    """For monitoring: the index version served, its reports and when it was committed."""
    # The same figures as /api/status, from the pinned version (no index yet: 503).
    status = index_status(current_app.config["INDEX_DIR"], get_engine().snapshot())
    return jsonify({"status": "ok", **{key: status[key] for key in
                                       ("index_version", "reports", "updated")}})


@bp.get("/help")
def help_page() -> str:
    return render_template("help.html", facet_declarations=FACETS)


@bp.get("/documents/<doc_id>")
def document_page(doc_id: str) -> str:
    document = document_or_abort(doc_id)
    params = read("document", request.args)
    q = params["q"]
    award = _award_sentence(document, params["award"])
    spans = get_engine().highlight(doc_id, q) if q and award is None else []
    paragraphs = render_text(document["text"], spans, award,
                             first=best_span(document["text"], spans))
    similar = get_engine().more_like_this(doc_id, limit=5)
    position = result_position(doc_id, params["hit"])
    return render_template("document.html", doc=document, paragraphs=paragraphs,
                           matches=len(spans), similar=similar, q=q,
                           compare_with=compare_candidates(document), position=position,
                           back=position["back"] if position else
                           url_with(drop=("doc_id", "award", "hit")))


def _neighbour_page(hit: int) -> tuple[int, int] | None:
    """(page, per_page) of one engine page holding results ``hit - 1`` to ``hit + 1``.

    Pages are aligned on multiples of ``per_page``, so a page of 3 does not always hold
    the three; the smallest page size whose page does is asked for instead (one search,
    not three). Some size up to the engine's maximum always fits below a million results;
    None if not."""
    low, high = max(1, hit - 1), hit + 1
    for per_page in range(high - low + 1, MAX_PER_PAGE + 1):
        if (low - 1) // per_page == (high - 1) // per_page:
            return (low - 1) // per_page + 1, per_page
    return None


def result_position(doc_id: str, hit: int | None) -> dict[str, Any] | None:
    """Where the report is in the results of the search it was opened from (its URL
    carries the search's parameters and ``hit``, its position): ``number``, ``total``,
    the ``previous`` and ``next`` reports' pages (None at either end) and ``back``, the
    results page at this result. None, and no navigation, when there is no ``hit``, when
    the search's parameters are not valid, or when result ``hit`` is not this report (a
    hit past the end, a link edited by hand, an index that changed since)."""
    if hit is None:
        return None
    fitting = _neighbour_page(hit)
    if fitting is None:
        return None
    page, per_page = fitting
    try:
        search = read("search", request.args)
        q, filters = narrowed(search)  # as the search page narrows, so the same list
        result = get_engine().search(q, filters, search["sort"], page, per_page,
                                     snippets=False, suggest=False)
    except SearchError:  # BadParameter is one; the page shows the report without the bar
        return None
    offset = (page - 1) * per_page
    ids = {offset + index: item["id"] for index, item in enumerate(result["hits"], start=1)}
    if ids.get(hit) != doc_id:
        return None
    return {"number": hit, "total": result["total"],
            "previous": document_url(ids[hit - 1], hit - 1) if hit - 1 in ids else None,
            "next": document_url(ids[hit + 1], hit + 1) if hit + 1 in ids else None,
            "back": results_url(hit, search["per_page"])}


def _award_sentence(document: dict[str, Any], raw: str) -> tuple[int, int, int] | None:
    """(number, start, end) of the sentence of award record number ``raw`` in the text."""
    if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= len(
            document.get("awards", [])):
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
    document = document_or_abort(doc_id)
    root = Path(current_app.config["CORPUS_DIR"]).resolve()
    path = (root / document.get("source", "")).resolve()
    # The source comes from the index, but the file must still be inside the archive.
    if root not in path.parents or not path.is_file():
        abort(404)
    return send_file(path, as_attachment=True, download_name=path.name)


def render_text(text: str, spans: list[tuple[int, int]],
                award: tuple[int, int, int] | None = None, first: int = 0) -> list[Markup]:
    """The report text as escaped paragraphs, each match a ``<mark id="mN">`` with links to
    the previous and next match (anchors: they work without JavaScript); or, for an award
    record, its sentence as ``<mark id="award-N">``. Matches are numbered from ``first``
    (the best passage's, so that ``#m1`` opens there) to the end, then from the top."""
    if award is not None:
        number, start, end = award
        html = (f"{escape(text[:start])}<mark class=\"sentence\" id=\"award-{number}\">"
                f"{escape(text[start:end])}</mark>{escape(text[end:])}")
        return [Markup(p) for p in html.split("\n") if p.strip()]
    previous_label, next_label = _("Previous match"), _("Next match")
    pieces: list[str] = []
    cursor = 0
    for index, (start, end) in enumerate(spans):
        number = (index - first) % len(spans) + 1
        pieces.append(str(escape(text[cursor:start])))
        before = (f'<a class="prev" href="#m{number - 1}" aria-label="{previous_label}">‹</a>'
                  if number > 1 else "")
        after = (f'<a class="next" href="#m{number + 1}" aria-label="{next_label}">›</a>'
                 if number < len(spans) else "")
        pieces.append(f'<mark id="m{number}">{before}{escape(text[start:end])}{after}</mark>')
        cursor = end
    pieces.append(str(escape(text[cursor:])))
    return [Markup(paragraph) for paragraph in "".join(pieces).split("\n") if paragraph.strip()]
