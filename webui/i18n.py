"""Languages: Vietnamese by default, English selectable; every UI string goes through gettext.

The language comes from the ``lang`` URL parameter (so a shared link shows what its sender
saw), else the ``lang`` cookie the last choice set, else Vietnamese. Catalogues live in
``webui/translations`` (``make translations`` updates them; see the README).
"""

from __future__ import annotations

from flask import request
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from indexer.metadata import REPORT_TYPES

__all__ = ["LANGUAGES", "select_locale", "current_language", "FACET_LABELS", "report_type_label", "format_date"]

LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}

FACET_LABELS = {
    "province": _l("Province"),
    "district": _l("District"),
    "school_year": _l("School year"),
    "year": _l("Year"),
    "report_type": _l("Report type"),
    "organization": _l("Organisation"),
    "award": _l("Award"),
    "person": _l("Person"),
}

_ENGLISH_TYPES = {value: label for value, label, _ in REPORT_TYPES}
_ENGLISH_TYPES["khác"] = "other"


def select_locale() -> str:
    chosen = request.args.get("lang") or request.cookies.get("lang")
    return chosen if chosen in LANGUAGES else "vi"


def current_language() -> str:
    return str(get_locale() or "vi")


def report_type_label(value: str) -> str:
    """A report type as the current language names it (the values are Vietnamese)."""
    if current_language() == "en":
        return _ENGLISH_TYPES.get(value, value)
    return value


def format_date(value: str) -> str:
    """ISO date the Vietnamese way, in both languages: 2017-03-02 -> 02/03/2017."""
    if len(value) == 10 and value[4] == "-" and value[7] == "-":
        return f"{value[8:10]}/{value[5:7]}/{value[:4]}"
    return value
