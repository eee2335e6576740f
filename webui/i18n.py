"""Languages: Vietnamese by default, English selectable; every UI string goes through gettext.

The language comes from the ``lang`` URL parameter (so a shared link shows what its sender
saw), else the ``lang`` cookie the last choice set, else Vietnamese. Catalogues live in
``webui/translations`` (``make translations`` updates them; see the README). Facet names and
values are named in both languages by their declarations (:data:`search.FACETS`).
"""

from __future__ import annotations

from flask import request
from flask_babel import get_locale

from search import facet

__all__ = ["LANGUAGES", "select_locale", "current_language", "facet_label", "facet_value",
           "format_date"]

LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}


def select_locale() -> str:
    chosen = request.args.get("lang") or request.cookies.get("lang")
    return chosen if chosen in LANGUAGES else "vi"


def current_language() -> str:
    return str(get_locale() or "vi")


def facet_label(name: str) -> str:
    """A facet's name in the current language."""
    return facet(name).label(current_language())


def facet_value(value: str, name: str) -> str:
    """A facet value as the current language names it (values are Vietnamese)."""
    return facet(name).value_label(value, current_language())


def format_date(value: str) -> str:
    """ISO date the Vietnamese way, in both languages: 2017-03-02 -> 02/03/2017."""
    if len(value) == 10 and value[4] == "-" and value[7] == "-":
        return f"{value[8:10]}/{value[5:7]}/{value[:4]}"
    return value
