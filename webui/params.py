"""Request parameters, declared once per route.

Each route's parameters are a tuple of :class:`Param`: name, type, bounds, default, choices
and help. From these declarations come the validation and its error messages
(:func:`read`), the OpenAPI description (:func:`webui.api.openapi`), the command line's options
(:func:`add_cli_options`) and the sort and metric links of the templates (the choices and
their labels). Facet filters are one repeatable parameter per facet of
:data:`search.FACETS` (``province=Lạng Sơn&province=Bắc Kạn``).

No Flask here: the command line reads these declarations without loading the web stack.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Protocol

from search import (
    AWARD_SORTS,
    FACET_ORDERS,
    FACETS,
    KWIC_SORTS,
    MAX_PER_PAGE,
    MAX_TERMS,
    PERIODS,
    SORTS,
    SearchError,
)
from search.query import MAX_QUERY_CHARS

__all__ = ["Param", "ROUTES", "BadParameter", "read", "read_filters", "read_excluded",
           "narrowed", "add_cli_options", "check_cli", "choice_labels", "N_", "METRICS",
           "MAX_PAGE", "FILTERS", "EXCLUDED", "NARROWING", "YEAR_FROM", "YEAR_TO"]


def N_(text: str) -> str:
    """Marks a UI text for translation where it is declared; it is translated where shown."""
    return text


class BadParameter(SearchError):
    """A request parameter with a value we cannot use; the message says which and why.

    ``template`` (marked with :func:`N_`) and ``values`` let a page say it in the visitor's
    language; ``str()`` is the English message the API and the command line give."""

    def __init__(self, template: str, **values: Any) -> None:
        super().__init__(template % values if values else template)
        self.template = template
        self.values = values


# What is wrong with a parameter, in words a page translates (the API keeps the English).
AT_MOST = N_("at most %(high)s values of %(name)s")
WHOLE_NUMBER = N_("%(name)s must be a whole number, not %(value)s")
BETWEEN = N_("%(name)s must be between %(low)s and %(high)s")
ONE_OF = N_("%(name)s must be one of %(choices)s, not %(value)s")


class Args(Protocol):
    """What parameters are read from: a request's ``args`` (or any multi-dict)."""

    def getlist(self, key: str) -> list[str]: ...


# What a trend chart shows; the first, how often a term is used, is the default: it does not
# stop at 100 % once every report of a year uses the term, as the share does.
METRICS = ("per_report", "share", "reports", "occurrences")
MAX_PAGE = 10_000


@dataclass(frozen=True)
class Param:
    """One request parameter. ``kind`` is ``str`` or ``int``; ``repeat`` parameters give a
    list; ``low``/``high`` bound an int, ``max_length`` a string; ``labels`` name the
    choices in the UI (marked with :func:`N_`, translated where shown); ``cli`` is the
    command line's flag when the command line has one. ``required`` is for the API's
    description: a page without its required parameter shows its empty form instead.
    ``lenient``: a malformed or out-of-bounds value reads as the default instead of an
    error (for values a link carries along, which the page can do without)."""

    name: str
    help: str
    kind: type = str
    default: Any = None
    choices: tuple[str, ...] = ()
    labels: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    low: int | None = None
    high: int | None = None
    max_length: int | None = None
    repeat: bool = False
    required: bool = False
    cli: str | None = None
    lenient: bool = False

    def read(self, args: Args) -> Any:
        """The parameter's value in ``args``: checked, converted, or the default."""
        raw = [v.strip() for v in args.getlist(self.name) if v.strip()]
        if self.repeat:
            values = list(dict.fromkeys(raw))
            if self.high is not None and len(values) > self.high:
                raise BadParameter(AT_MOST, high=self.high, name=self.name)
            return [self.check(v) for v in values]
        if not raw:
            return self.default
        try:
            return self.check(raw[0])
        except BadParameter:
            if self.lenient:
                return self.default
            raise

    def check(self, raw: str, called: str | None = None) -> Any:
        """One value, converted to the parameter's type and checked against its bounds;
        the error message calls the parameter ``called`` (default: its name)."""
        called = called or self.name
        if self.kind is int:
            try:
                value = int(raw)
            except ValueError:
                raise BadParameter(WHOLE_NUMBER, name=called, value=repr(raw)) from None
            if not (self.low or 0) <= value <= (self.high or value):
                raise BadParameter(BETWEEN, name=called, low=self.low, high=self.high)
            return value
        if self.choices and raw not in self.choices:
            raise BadParameter(ONE_OF, name=called, choices=", ".join(self.choices),
                               value=repr(raw))
        return raw[:self.max_length] if self.max_length else raw


def _sort(choices: tuple[str, ...], labels: dict[str, str], default: str) -> Param:
    return Param("sort", "order of the list", choices=choices, default=default,
                 labels=MappingProxyType(labels), cli="--sort")


def _page(help: str = "page number") -> Param:
    return Param("page", help, kind=int, default=1, low=1, high=MAX_PAGE, cli="--page")


def _per_page(default: int, high: int) -> Param:
    return Param("per_page", "entries per page", kind=int, default=default, low=1, high=high,
                 cli="--limit")


QUERY = Param("q", "query in the query language of the README", default="",
              max_length=MAX_QUERY_CHARS)
FILTERS = tuple(Param(f.name, f"keep reports whose {f.name} is one of these values "
                      "(matched without marks or case)", repeat=True) for f in FACETS)
# A facet value left out ("−" beside it in the sidebar): not_province=Hà Nội.
EXCLUDED = tuple(Param(f"not_{f.name}", f"leave out reports whose {f.name} is one of these "
                       "values", repeat=True) for f in FACETS)
# The year of the report's date, from and to (either may be left empty).
YEAR_FROM, YEAR_TO = (Param(name, help, kind=int, low=1900, high=2100) for name, help in (
    ("year_from", "reports dated this year or later"),
    ("year_to", "reports dated this year or earlier")))
# What every list of reports can be narrowed by, besides its query.
NARROWING = (*FILTERS, *EXCLUDED, YEAR_FROM, YEAR_TO)

ROUTES: dict[str, tuple[Param, ...]] = {
    "search": (
        QUERY, *NARROWING,
        _sort(SORTS, {"relevance": N_("relevance"), "newest": N_("newest"),
                      "oldest": N_("oldest")}, "relevance"),
        _page(), _per_page(10, MAX_PER_PAGE),
    ),
    "trend": (
        Param("q", "one to five terms or phrases", repeat=True, high=MAX_TERMS,
              required=True, max_length=200),
        *FILTERS, YEAR_FROM, YEAR_TO,
        Param("metric", "what the chart shows", choices=METRICS, default=METRICS[0],
              labels=MappingProxyType({"per_report": N_("occurrences per report"),
                                       "share": N_("share of the year's reports"),
                                       "reports": N_("reports"),
                                       "occurrences": N_("occurrences")})),
        Param("by", "periods", choices=PERIODS, default="school_year",
              labels=MappingProxyType({"school_year": N_("school year"), "year": N_("year")}),
              cli="--by"),
    ),
    "kwic": (
        Param("q", "a word or phrase", required=True, default="", max_length=200),
        *FILTERS, YEAR_FROM, YEAR_TO,
        _sort(KWIC_SORTS, {"date": N_("by school year"), "left": N_("by the word before"),
                           "right": N_("by the word after")}, "date"),
        _page(), _per_page(100, 500),
    ),
    "compare": (
        Param("a", "id of the first report"),
        Param("b", "id of the second report"),
        Param("id", "the two reports' ids, instead of a and b", repeat=True),
        Param("q", "words to mark on both sides; without two reports, a search for the "
              "reports to pick", default="", max_length=MAX_QUERY_CHARS),
    ),
    "awards": (
        Param("q", "search within the reports (optional)", default="",
              max_length=MAX_QUERY_CHARS),
        *NARROWING,
        _sort(AWARD_SORTS, {"newest": N_("newest"), "oldest": N_("oldest"),
                            "award": N_("award"), "body": N_("awarding body"),
                            "collectives": N_("most collectives"),
                            "individuals": N_("most individuals")}, "newest"),
        _page(), _per_page(100, 500),
    ),
    "duplicates": (_page(), _per_page(50, 500)),
    # One facet's values (/facets/<name>): the search's own parameters (q, filters) say
    # what is counted; sort and per_page, the search's, are carried back untouched.
    "facet": (
        QUERY, *NARROWING,
        Param("order", "order of the values", choices=FACET_ORDERS, default="count",
              labels=MappingProxyType({"count": N_("by count"), "az": N_("A–Z")})),
        _page("page of the values"),
    ),
    "document": (
        Param("q", "the query whose matches are highlighted", default="",
              max_length=MAX_QUERY_CHARS),
        # Not an int: a report page reached from a search carries the search's parameters,
        # and there ``award`` is the facet filter ("Bằng khen"), which the page ignores.
        Param("award", "number of the award record whose sentence is marked", default=""),
        # The report's position in the results of the search it was opened from, for
        # "« previous | 23 of 57 | next »" and going back to that result. Lenient: a link
        # edited by hand or a result list that has changed since loses the navigation,
        # never the report.
        Param("hit", "position of the report in the search's results (1: the first)",
              kind=int, low=1, high=MAX_PAGE * MAX_PER_PAGE, lenient=True),
    ),
}


def _declared(route: str, name: str) -> Param:
    return next(p for p in ROUTES[route] if p.name == name)


def choice_labels(route: str, name: str) -> list[tuple[str, str]]:
    """(value, label) of a parameter's choices, in declared order (labels untranslated)."""
    param = _declared(route, name)
    return [(value, param.labels.get(value, value)) for value in param.choices]


def read_filters(args: Args) -> dict[str, list[str]]:
    """The facet filters: one repeatable parameter per facet, values deduplicated."""
    filters = {}
    for param in FILTERS:
        values = param.read(args)
        if values:
            filters[param.name] = values
    return filters


def read_excluded(args: Args) -> dict[str, list[str]]:
    """The facet values left out (``not_<facet>``), by facet name."""
    excluded = {}
    for param, declared in zip(EXCLUDED, FACETS, strict=True):
        values = param.read(args)
        if values:
            excluded[declared.name] = values
    return excluded


def read(route: str, args: Args) -> dict[str, Any]:
    """Every declared parameter of ``route``, checked (:class:`BadParameter` says what is
    wrong); the facet filters together under ``filters``, the values left out under
    ``excluded``."""
    values = {p.name: p.read(args) for p in ROUTES[route]
              if p not in FILTERS and p not in EXCLUDED}
    if any(p in FILTERS for p in ROUTES[route]):
        values["filters"] = read_filters(args)
    if any(p in EXCLUDED for p in ROUTES[route]):
        values["excluded"] = read_excluded(args)
    return values


def _quoted(value: str) -> str:
    return '"' + value.replace('"', " ").strip() + '"'


def narrowed(params: dict[str, Any]) -> tuple[Any, dict[str, list[str]]]:
    """The query and the filters to give the engine: the year range becomes a ``year``
    filter value (``2019..2021``), the values left out become the query language's
    exclusions (``-province:"Hà Nội"``), so every engine call narrows alike."""
    filters = {name: list(values) for name, values in params.get("filters", {}).items()}
    low, high = params.get("year_from"), params.get("year_to")
    if low is not None or high is not None:
        low = YEAR_FROM.low if low is None else low
        high = YEAR_TO.high if high is None else high
        filters.setdefault("year", []).append(f"{low}..{high}")
    q = params.get("q", "")
    left_out = " ".join(f"-{name}:{_quoted(value)}"
                        for name, values in params.get("excluded", {}).items()
                        for value in values if value.replace('"', "").strip())
    if left_out and isinstance(q, str):
        q = f"{q} {left_out}".strip()
    return q, filters


def add_cli_options(parser: argparse.ArgumentParser, route: str,
                    only: tuple[str, ...] | None = None) -> None:
    """The command line options of a route's declared parameters that have one (``only``:
    of these parameters); their values are checked by :func:`check_cli` (a bad one is exit
    status 1, as in search)."""
    for param in ROUTES[route]:
        if param.cli is None or (only is not None and param.name not in only):
            continue
        extra: dict[str, Any] = {"choices": param.choices} if param.choices else {}
        bounds = f" ({param.low}-{param.high})" if param.kind is int else ""
        parser.add_argument(param.cli, dest=param.name, type=param.kind, default=param.default,
                            help=f"{param.help}{bounds}", **extra)
    parser.set_defaults(route=route)


def check_cli(args: argparse.Namespace) -> None:
    """Check the options :func:`add_cli_options` added against their declarations."""
    for param in ROUTES.get(getattr(args, "route", ""), ()):
        if param.cli is not None and getattr(args, param.name, None) is not None:
            param.check(str(getattr(args, param.name)), called=param.cli)
