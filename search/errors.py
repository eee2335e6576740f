"""The one error the search package raises for a caller's mistake."""

from __future__ import annotations

__all__ = ["SearchError"]


class SearchError(ValueError):
    """A bad parameter (not a bad query: queries never fail). Shown to the user as it is."""
