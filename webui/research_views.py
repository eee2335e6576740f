"""Pages of the research tools: trend, concordance, compare, award lists — each also as
CSV and JSON from the same parameters (``/trend.csv``, ``/kwic.json``…)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, render_template, request, url_for
from flask_babel import gettext as _

from search import FACET_NAMES as FACETS
from search.kwic import KWIC_SORTS
from search.research import AWARD_SORTS
from search.trend import MAX_TERMS

from .charts import COLOURS, line_chart
from .exports import AWARD_COLUMNS, KWIC_COLUMNS, TREND_COLUMNS, to_csv, trend_rows
from .params import BadParameter, read_filters, read_int
from .views import csv_download, get_engine, json_download, valid_id

__all__ = ["bp", "trend_data", "kwic_data", "awards_data", "compare_data"]

bp = Blueprint("research", __name__)

METRICS = ("share", "reports", "occurrences")
PERIODS = ("school_year", "year")


def _choice(name: str, allowed: tuple[str, ...]) -> str:
    value = request.args.get(name, "") or allowed[0]
    if value not in allowed:
        raise BadParameter(f"{name} must be one of {', '.join(allowed)}, not {value!r}")
    return value


def trend_terms() -> list[str]:
    terms = [t.strip() for t in request.args.getlist("q") if t.strip()]
    if len(terms) > MAX_TERMS:
        raise BadParameter(f"at most {MAX_TERMS} terms (q)")
    return terms


def trend_data() -> dict[str, Any] | None:
    terms = trend_terms()
    if not terms:
        return None
    return get_engine().trend(terms, read_filters(request.args))


def kwic_data(everything: bool = False) -> dict[str, Any] | None:
    term = request.args.get("q", "").strip()
    if not term:
        return None
    per_page = 10_000 if everything else read_int(request.args, "per_page", 100, 1, 500)
    return get_engine().kwic(term, read_filters(request.args),
                 _choice("sort", KWIC_SORTS), 1 if everything else
                 read_int(request.args, "page", 1, 1, 10_000), per_page)


def awards_data(everything: bool = False) -> dict[str, Any]:
    return get_engine().awards(request.args.get("q", ""), read_filters(request.args),
                 _choice("sort", AWARD_SORTS), 1 if everything else
                 read_int(request.args, "page", 1, 1, 10_000),
                 100 if not everything else 100_000)


def compare_ids() -> tuple[str, str] | None:
    ids = [v for v in (request.args.get("a"), request.args.get("b")) if v]
    ids += [v for v in request.args.getlist("id") if v]
    if not ids:
        return None
    if len(ids) != 2:
        raise BadParameter(_("Choose exactly two reports to compare."))
    if not all(valid_id(i) for i in ids):
        abort(404)
    return ids[0], ids[1]


def compare_data() -> dict[str, Any] | None:
    ids = compare_ids()
    if ids is None:
        return None
    result = get_engine().compare(*ids)
    if result is None:
        abort(404)
    return result


def kwic_url(line: dict[str, Any], term: str) -> str:
    return url_for("views.document_page", doc_id=line["id"], q=term,
                   _anchor=f"m{line['anchor']}", _external=True)


def award_url(row: dict[str, Any]) -> str:
    return url_for("views.document_page", doc_id=row["id"], award=row["number"],
                   _anchor=f"award-{row['number']}", _external=True)


# -- pages ----------------------------------------------------------------------------------

@bp.get("/trend")
def trend_page() -> str:
    result = trend_data()
    metric, by = _choice("metric", METRICS), _choice("by", PERIODS)
    chart = None
    if result and result[by]["periods"]:
        labels = {"share": _("share of the year's reports"), "reports": _("reports"),
                  "occurrences": _("occurrences")}
        filter_args = {name: request.args.getlist(name) for name in FACETS
                       if request.args.getlist(name)}

        def link(term: str, period: str) -> str:
            return url_for("views.search_page", q=term, **{by: period}, **filter_args,
                           lang=request.args.get("lang"))

        chart = line_chart(result[by]["periods"], result[by]["series"], metric, link,
                           title=_("%(metric)s per %(period)s", metric=labels[metric],
                                   period=_("school year") if by == "school_year"
                                   else _("year")),
                           description=", ".join(result["terms"]))
    slots = [*trend_terms(), *([""] * MAX_TERMS)][:MAX_TERMS]
    return render_template("trend.html", result=result, chart=chart, metric=metric, by=by,
                           slots=slots, colours=COLOURS, facets=FACETS)


@bp.get("/trend.csv")
def trend_csv() -> Response:
    result = trend_data() or {"school_year": {"series": []}, "year": {"series": []}}
    return csv_download(to_csv(trend_rows(result), TREND_COLUMNS), "union-search-trend")


@bp.get("/trend.json")
def trend_json() -> Response:
    return json_download(trend_data(), "union-search-trend")


@bp.get("/kwic")
def kwic_page() -> str:
    return render_template("kwic.html", result=kwic_data(), facets=FACETS)


@bp.get("/kwic.csv")
def kwic_csv() -> Response:
    result = kwic_data(everything=True) or {"lines": [], "term": ""}
    return csv_download(to_csv(result["lines"], KWIC_COLUMNS,
                               lambda line: kwic_url(line, result["term"])),
                        "union-search-concordance")


@bp.get("/kwic.json")
def kwic_json() -> Response:
    return json_download(kwic_data(everything=True), "union-search-concordance")


@bp.get("/compare")
def compare_page() -> str:
    return render_template("compare.html", result=compare_data())


@bp.get("/awards")
def awards_page() -> str:
    result = awards_data()
    chips = [(name, value) for name in FACETS for value in request.args.getlist(name)
             if value.strip()]
    return render_template("awards.html", result=result, facets=FACETS, chips=chips,
                           sorts=AWARD_SORTS)


@bp.get("/awards.csv")
def awards_csv() -> Response:
    result = awards_data(everything=True)
    return csv_download(to_csv(result["rows"], AWARD_COLUMNS, award_url), "union-search-awards")


@bp.get("/awards.json")
def awards_json() -> Response:
    return json_download(awards_data(everything=True), "union-search-awards")
