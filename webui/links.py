"""Building URLs: the URL is the state, so every link is built here from the current one.

:func:`link` is ``url_for`` that carries the chosen language; :func:`url_with` changes some
parameters of the current URL; :func:`toggle_url` adds or removes one facet value. Templates
get them all, and :func:`chips`, as globals, so no template spells a parameter out by hand.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app, request, url_for

from search import FACET_NAMES

from .i18n import LANGUAGES
from .params import N_, NARROWING

__all__ = ["link", "url_with", "toggle_url", "lang_url", "document_url", "results_url",
           "page_numbers", "chips", "register"]

SEARCH = "views.search_page"


def _flat(args) -> dict[str, Any]:
    return {key: args.getlist(key) for key in args}


def _language() -> dict[str, str]:
    chosen = request.args.get("lang")
    return {"lang": chosen} if chosen in LANGUAGES else {}


def link(endpoint: str, **values: Any) -> str:
    """``url_for`` that keeps the language the current URL chose."""
    return url_for(endpoint, **values, **{k: v for k, v in _language().items()
                                          if k not in values})


def _path_names(endpoint: str) -> set[str]:
    """The variables in ``endpoint``'s URL path (``name`` of ``/facets/<name>``)."""
    return {argument for rule in current_app.url_map.iter_rules(endpoint)
            for argument in rule.arguments}


def url_with(endpoint: str = SEARCH, drop: tuple[str, ...] = (), _external: bool = False,
             **changes: Any) -> str:
    """The current URL's parameters with some changed (None removes one), on ``endpoint``;
    the current path's variables carry over to an endpoint that takes them (``_external``:
    the full URL, to copy and share)."""
    args = request.args.copy()
    names = _path_names(endpoint)
    path = {k: v for k, v in (request.view_args or {}).items() if k in names}
    for name in drop:
        args.pop(name, None)
    for name, value in changes.items():
        if name in names:
            path[name] = value
            continue
        args.pop(name, None)
        if value is not None:
            args[name] = value
    return url_for(endpoint, _external=_external, **path, **_flat(args))


def toggle_url(name: str, value: str, endpoint: str = SEARCH,
               drop: tuple[str, ...] = ()) -> str:
    """The current URL with a facet value added, or removed if it was chosen (``drop``:
    parameters of the current page that the target does not take)."""
    args = request.args.copy()
    for other in drop:
        args.pop(other, None)
    values = list(dict.fromkeys(args.getlist(name)))
    args.setlist(name, [v for v in values if v != value] if value in values else
                 [*values, value])
    args.pop("page", None)
    return url_for(endpoint, **_flat(args))


def lang_url(code: str) -> str:
    """The current page in another language."""
    args = request.args.copy()
    args["lang"] = code
    return url_for(request.endpoint or SEARCH, **(request.view_args or {}), **_flat(args))


def document_url(doc_id: str, hit: int | None = None) -> str:
    """A report's page, carrying the search parameters (for highlighting and going back);
    with a query, it opens at the best passage (``#m1``). ``hit``: the report's position in
    the results (1: the first), for previous / next through them; from a report page, the
    neighbour's position replaces the current one."""
    args = _flat(request.args)
    args.pop("hit", None)
    if hit is not None:
        args["hit"] = [str(hit)]
    anchor = {"_anchor": "m1"} if request.args.get("q", "").strip() else {}
    return url_for("views.document_page", doc_id=doc_id, **args, **anchor)


def results_url(hit: int, per_page: int) -> str:
    """From a report page opened from a search: the results page that holds the report
    (result number ``hit``, ``per_page`` a page), scrolled to that result (``#hit-N``)."""
    args = _flat(request.args)
    # ``award`` stays: a report page reached from a search carries the search's award
    # filter under that name (the award-record links carry no ``hit``).
    for name in ("hit", "page"):
        args.pop(name, None)
    page = -(-hit // per_page)
    if page > 1:
        args["page"] = [str(page)]
    return url_for(SEARCH, **args, _anchor=f"hit-{hit}")


def filter_args() -> dict[str, list[str]]:
    """The current URL's facet filters, as parameters for another link."""
    return {name: request.args.getlist(name) for name in FACET_NAMES
            if request.args.getlist(name)}


# The research tools and the search: each links to the others with the same words and the
# same narrowing (facets, values left out, years), so they work as one workbench.
TOOLS = ((SEARCH, N_("Search")), ("research.trend_page", N_("Trend")),
         ("research.kwic_page", N_("Concordance")), ("research.awards_page", N_("Award lists")))


def tool_links(term: str, current: str | None = None) -> list[tuple[str, str]]:
    """(label, URL) of each tool but ``current`` (default: this page's), on ``term`` with
    this URL's narrowing parameters and language."""
    here = current or request.endpoint
    carried = {p.name: request.args.getlist(p.name) for p in NARROWING
               if request.args.getlist(p.name)}
    out = []
    for endpoint, label in TOOLS:
        if endpoint == here or (not term and endpoint in ("research.trend_page",
                                                          "research.kwic_page")):
            continue
        out.append((label, link(endpoint, **({"q": term} if term else {}), **carried)))
    return out


def chips(filters: dict[str, list[str]]) -> list[tuple[str, str]]:
    """(facet, value) of every chosen filter value, once each, in facet order."""
    return [(name, value) for name in FACET_NAMES for value in filters.get(name, [])]


def page_numbers(page: int, pages: int) -> list[int | None]:
    """Page links to show: the first, the last and two either side; None is a gap."""
    shown = sorted({1, pages, *range(max(1, page - 2), min(pages, page + 2) + 1)})
    out: list[int | None] = []
    for number in shown:
        if out and number - (out[-1] or 0) > 1:
            out.append(None)
        out.append(number)
    return out


def register(app: Flask) -> None:
    """Make the builders template globals."""
    app.jinja_env.globals.update(link=link, url_with=url_with, toggle_url=toggle_url,
                                 tool_links=tool_links,
                                 lang_url=lang_url, document_url=document_url,
                                 page_numbers=page_numbers, chips=chips)
