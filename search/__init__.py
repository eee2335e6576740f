"""The search engine: Vietnamese-aware matching, facets and snippets over the index.

The web site and the command line take from here everything they need to know of the index:
the engine, the facet declarations and the settings.
"""

from indexer.fields import FACET_NAMES, FACETS, HIT_FIELDS, SUMMARY_FIELDS, Facet, facet
from indexer.settings import SETTINGS, Setting, SettingError, setting

from .engine import Engine, engine_for, more_like_this, search
from .errors import SearchError
from .kwic import KWIC_SORTS
from .query import ParsedQuery, field_for, parse_query
from .research import AWARD_SORTS, MAX_ROWS
from .snapshot import (
    EXPORT_BATCH,
    FACET_ORDERS,
    FACET_PAGE,
    MAX_PER_PAGE,
    SORTS,
    Export,
    Snapshot,
)
from .snippets import best_span
from .status import index_status, was_removed
from .trend import MAX_TERMS, PERIODS

__all__ = [
    "AWARD_SORTS",
    "EXPORT_BATCH",
    "FACETS",
    "FACET_ORDERS",
    "FACET_PAGE",
    "FACET_NAMES",
    "HIT_FIELDS",
    "SUMMARY_FIELDS",
    "KWIC_SORTS",
    "MAX_PER_PAGE",
    "MAX_ROWS",
    "MAX_TERMS",
    "PERIODS",
    "SETTINGS",
    "SORTS",
    "Engine",
    "Export",
    "Facet",
    "ParsedQuery",
    "SearchError",
    "Setting",
    "SettingError",
    "Snapshot",
    "engine_for",
    "best_span",
    "facet",
    "index_status",
    "field_for",
    "more_like_this",
    "parse_query",
    "search",
    "setting",
    "was_removed",
]
