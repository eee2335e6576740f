"""The web site, JSON API and command line on top of the search engine."""

from .app import create_app

__all__ = ["create_app"]
