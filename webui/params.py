"""Request parameters of the search views, shared by the pages, exports and the API.

``q``, one repeatable parameter per facet field (``province=Lạng Sơn&province=Bắc Kạn``),
``sort``, ``page``, ``per_page``. Bad values raise :class:`BadParameter` (a 400 for the API).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import BadRequest

from search import FACET_NAMES as FACETS
from search import SORTS

__all__ = ["SearchParams", "BadParameter", "read_params", "read_filters", "read_int",
           "DEFAULT_PER_PAGE"]

DEFAULT_PER_PAGE = 10


class BadParameter(BadRequest):
    """A request parameter with a value we cannot use; the description says which."""


@dataclass
class SearchParams:
    q: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE

    def engine_options(self) -> dict[str, Any]:
        return {"filters": self.filters, "sort": self.sort, "page": self.page,
                "per_page": self.per_page}


def read_int(args: MultiDict, name: str, default: int, low: int, high: int) -> int:
    """A whole-number parameter within bounds, or its default when absent."""
    raw = args.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise BadParameter(f"{name} must be a whole number, not {raw!r}") from exc
    if not low <= value <= high:
        raise BadParameter(f"{name} must be between {low} and {high}")
    return value


def read_params(args: MultiDict) -> SearchParams:
    sort = args.get("sort", "relevance") or "relevance"
    if sort not in SORTS:
        raise BadParameter(f"sort must be one of {', '.join(SORTS)}, not {sort!r}")
    return SearchParams(
        q=args.get("q", ""),
        filters=read_filters(args),
        sort=sort,
        page=read_int(args, "page", 1, 1, 10_000),
        per_page=read_int(args, "per_page", DEFAULT_PER_PAGE, 1, 100),
    )


def read_filters(args: MultiDict) -> dict[str, list[str]]:
    """The facet filters: one repeatable parameter per facet field."""
    filters = {}
    for name in FACETS:
        values = [v.strip() for v in args.getlist(name) if v.strip()]
        if values:
            filters[name] = list(dict.fromkeys(values))
    return filters
