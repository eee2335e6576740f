"""Pages of the research tools: trend, concordance, compare, award lists, reposted copies.
Their CSV, JSON and API twins come from the same data functions (:mod:`webui.resources`)."""

from __future__ import annotations

from flask import Blueprint, Response, render_template, request
from flask_babel import gettext as _

from search import MAX_TERMS

from .charts import COLOURS, legend_key, line_chart
from .highlight import query_phrases
from .links import filter_args, link
from .params import N_, BadParameter, choice_labels, narrowed, read
from .resources import get_engine, result_of, send_download, valid_id
from .views import compare_candidates

__all__ = ["bp"]

bp = Blueprint("research", __name__)


def _trend_chart(params: dict, result: dict | None, standalone: bool = False):
    """The trend chart of a trend result (None without periods), and the link of each of
    its points (the reports behind a point); absolute links in a file of its own."""
    metric, by = params["metric"], params["by"]
    filters = filter_args()

    def point_link(term: str, period: str) -> str:
        """The reports behind one point of the chart or one cell of the table."""
        # The point's period replaces a filter on the same facet.
        others = {name: values for name, values in filters.items() if name != by}
        return link("views.search_page", q=term, **others, **{by: period},
                    _external=standalone)

    if not result or not result[by]["periods"]:
        return None, point_link
    labels = dict(choice_labels("trend", "metric"))
    chart = line_chart(result[by]["periods"], result[by]["series"], metric, point_link,
                       title=_("%(metric)s per %(period)s", metric=_(labels[metric]),
                               period=_(dict(choice_labels("trend", "by"))[by])),
                       description=", ".join(result["terms"]), standalone=standalone)
    return chart, point_link


@bp.get("/trend")
def trend_page() -> str:
    params = read("trend", request.args)
    result = result_of("trend", params=params)
    chart, point_link = _trend_chart(params, result)
    slots = [*params["q"], *([""] * MAX_TERMS)][:MAX_TERMS]
    return render_template("trend.html", result=result, chart=chart, metric=params["metric"],
                           by=params["by"], slots=slots, colours=COLOURS,
                           point_link=point_link, legend_key=legend_key)


@bp.get("/trend.svg")
def trend_svg() -> Response:
    """The chart alone, as an SVG file to download (its points link to the site)."""
    params = read("trend", request.args)
    chart, _link = _trend_chart(params, result_of("trend", params=params), standalone=True)
    if chart is None:
        raise BadParameter(N_("Give one to five terms to chart."))
    return send_download(str(chart), _("trend"), "svg", "image/svg+xml")


@bp.get("/kwic")
def kwic_page() -> str:
    """The concordance, beside the search's facet sidebar for the same words and filters
    (the counts are reports, as in search)."""
    params = read("kwic", request.args)
    result = result_of("kwic", params=params)
    sidebar = None
    if result is not None:
        q, filters = narrowed(params)
        sidebar = get_engine().search(q, filters, per_page=1, snippets=False, suggest=False)
    return render_template("kwic.html", result=result, sidebar=sidebar, params=params)


# Reports a comparison's picker lists for its search.
PICK_SIZE = 20


@bp.get("/compare")
def compare_page() -> str:
    """Two reports side by side; without exactly two, a picker: a search whose results are
    ticked, the reports already ticked, and what to do next (never an error page)."""
    params = read("compare", request.args)
    ids = list(dict.fromkeys([v for v in (params["a"], params["b"]) if v] + params["id"]))
    phrases = query_phrases(params["q"])
    if len(ids) == 2:  # an unknown or malformed id is a 404, as for a report's page
        return render_template("compare.html", result=result_of("compare", params=params),
                               phrases=phrases, q=params["q"])
    engine = get_engine()
    ticked = [doc for doc in (engine.document(i) for i in ids if valid_id(i)) if doc]
    found = engine.search(params["q"], per_page=PICK_SIZE, snippets=False,
                          suggest=False)["hits"] if params["q"] else []
    shown = {doc["id"] for doc in ticked}
    others = [hit for hit in found if hit["id"] not in shown]
    suggestions = compare_candidates(ticked[0]) if len(ticked) == 1 else []
    return render_template("compare.html", result=None, ticked=ticked, others=others,
                           suggestions=suggestions, q=params["q"], searched=bool(params["q"]))


@bp.get("/awards")
def awards_page() -> str:
    params = read("awards", request.args)
    return render_template("awards.html", result=result_of("awards", params=params),
                           params=params)


@bp.get("/duplicates")
def duplicates_page() -> str:
    params = read("duplicates", request.args)
    return render_template("duplicates.html", result=result_of("duplicates", params=params))
