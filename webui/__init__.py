"""The web site, JSON API and command line on top of the search engine.

``create_app`` is re-exported lazily: the command line (``webui.cli``) imports this package,
and its commands other than ``serve`` must start without loading Flask.
"""

from typing import Any

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from .app import create_app

        return create_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
