"""The search engine: Vietnamese-aware matching, facets and snippets over the index."""

from .engine import SORTS, Engine, SearchError, engine_for, more_like_this, search
from .query import FILTER_ALIASES, ParsedQuery, parse_query

__all__ = [
    "FILTER_ALIASES",
    "SORTS",
    "Engine",
    "ParsedQuery",
    "SearchError",
    "engine_for",
    "more_like_this",
    "parse_query",
    "search",
]
