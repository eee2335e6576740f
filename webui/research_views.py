"""Pages of the research tools: trend, concordance, compare, award lists, reposted copies.
Their CSV, JSON and API twins come from the same data functions (:mod:`webui.resources`)."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_babel import gettext as _

from search import MAX_TERMS

from .charts import COLOURS, line_chart
from .links import filter_args, link
from .params import choice_labels, read
from .resources import result_of

__all__ = ["bp"]

bp = Blueprint("research", __name__)


@bp.get("/trend")
def trend_page() -> str:
    params = read("trend", request.args)
    result = result_of("trend", params=params)
    metric, by = params["metric"], params["by"]
    filters = filter_args()

    def point_link(term: str, period: str) -> str:
        """The reports behind one point of the chart or one cell of the table."""
        # The point's period replaces a filter on the same facet.
        others = {name: values for name, values in filters.items() if name != by}
        return link("views.search_page", q=term, **others, **{by: period})

    chart = None
    if result and result[by]["periods"]:
        labels = dict(choice_labels("trend", "metric"))
        chart = line_chart(result[by]["periods"], result[by]["series"], metric, point_link,
                           title=_("%(metric)s per %(period)s", metric=_(labels[metric]),
                                   period=_(dict(choice_labels("trend", "by"))[by])),
                           description=", ".join(result["terms"]))
    slots = [*params["q"], *([""] * MAX_TERMS)][:MAX_TERMS]
    return render_template("trend.html", result=result, chart=chart, metric=metric, by=by,
                           slots=slots, colours=COLOURS, point_link=point_link)


@bp.get("/kwic")
def kwic_page() -> str:
    return render_template("kwic.html", result=result_of("kwic"))


@bp.get("/compare")
def compare_page() -> str:
    return render_template("compare.html", result=result_of("compare"))


@bp.get("/awards")
def awards_page() -> str:
    params = read("awards", request.args)
    return render_template("awards.html", result=result_of("awards", params=params),
                           params=params)


@bp.get("/duplicates")
def duplicates_page() -> str:
    params = read("duplicates", request.args)
    return render_template("duplicates.html", result=result_of("duplicates", params=params))
