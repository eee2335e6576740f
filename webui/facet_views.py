"""One facet's every value (``/facets/<name>``): the page a sidebar's "more" link opens.

The search page shows each facet's first values only, so that it costs about what its JSON
costs whatever the archive; this page lists them all, by count or A–Z, a page at a time,
each value a link back to the search with that value ticked. Its twins: ``.csv``,
``.json`` and ``/api/facets/<name>``, from the same parameters.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, jsonify, render_template, request

from search import FACET_NAMES, FACET_PAGE

from .exports import FACET_COLUMNS, to_csv, to_json
from .i18n import facet_label
from .params import narrowed, read
from .resources import column_header, get_engine, send_download

__all__ = ["bp", "api_bp", "facet_result", "OWN_PARAMETERS"]

bp = Blueprint("facets", __name__)
api_bp = Blueprint("facets_api", __name__, url_prefix="/api")

# The facet page's own parameters: a link back to the search leaves them behind.
OWN_PARAMETERS = ("order", "page")


def facet_result(name: str, everything: bool = False) -> dict[str, Any]:
    """The values of facet ``name`` for the current request's search (404: no such facet)."""
    if name not in FACET_NAMES:
        abort(404)
    params = read("facet", request.args)
    q, filters = narrowed(params)
    return get_engine().facet(name, q, filters, params["order"],
                              1 if everything else params["page"],
                              0 if everything else FACET_PAGE)


@bp.get("/facets/<name>")
def facet_page(name: str) -> str:
    return render_template("facet.html", result=facet_result(name), name=name,
                           own=OWN_PARAMETERS)


@bp.get("/facets/<name>.csv")
def facet_csv(name: str) -> Response:
    result = facet_result(name, everything=True)
    rows = [{"facet": name, **value} for value in result["values"]]
    return send_download(to_csv(rows, FACET_COLUMNS, headers=column_header),
                         facet_label(name), "csv", "text/csv")


@bp.get("/facets/<name>.json")
def facet_json(name: str) -> Response:
    return send_download(to_json(facet_result(name, everything=True)), facet_label(name),
                         "json", "application/json")


@api_bp.get("/facets/<name>")
def api_facet(name: str) -> Response:
    return jsonify(facet_result(name))
