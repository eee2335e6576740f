"""The Atom feed of a search (``/search.atom?…``): its newest reports, for a feed reader.

A researcher follows a topic without an account: the search page links its feed (the same
parameters; the newest reports first, whatever order the page shows), and a feed reader
shows each new report of the topic as it is added to the archive. The feed is built with
ElementTree, so every text is escaped, and characters XML cannot hold (control characters
from old web pages) are dropped.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from typing import Any

from flask import Blueprint, Response, request, url_for
from flask_babel import gettext as _

from .links import url_with
from .params import narrowed, read
from .resources import current_status, get_engine

__all__ = ["bp", "FEED_SIZE", "atom_feed"]

bp = Blueprint("feeds", __name__)

ATOM = "http://www.w3.org/2005/Atom"
# Entries in a feed: the newest reports of the search.
FEED_SIZE = 50

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_MARK = re.compile(r"</?mark>")


def _text(value: Any) -> str:
    return _NOT_XML.sub("", str(value or ""))


def _timestamp(date: str, fallback: str) -> str:
    """An RFC 3339 time for a report's date (YYYY-MM-DD), else ``fallback``."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date or ""):
        return f"{date}T00:00:00Z"
    return fallback


def _feed_title(params: dict[str, Any]) -> str:
    chosen = [value for values in params["filters"].values() for value in values]
    what = " · ".join(filter(None, [params["q"], *chosen]))
    site = _("Union report archive")
    return f"{what} – {site}" if what else site


def atom_feed(result: dict[str, Any], params: dict[str, Any], updated: str) -> bytes:
    """The feed of a search result (its hits newest first) as Atom XML."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    self_url = request.url
    ET.SubElement(feed, f"{{{ATOM}}}id").text = _text(self_url)
    ET.SubElement(feed, f"{{{ATOM}}}title").text = _text(_feed_title(params))
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", type="application/atom+xml",
                  href=self_url)
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", type="text/html",
                  href=url_with(sort="newest", page=None, _external=True))
    ET.SubElement(feed, f"{{{ATOM}}}generator").text = "union-search"
    entries = []
    for hit in result["hits"]:
        entry = ET.Element(f"{{{ATOM}}}entry")
        report_url = url_for("views.document_page", doc_id=hit["id"], _external=True)
        ET.SubElement(entry, f"{{{ATOM}}}id").text = _text(report_url)
        ET.SubElement(entry, f"{{{ATOM}}}title").text = _text(hit.get("title") or hit["source"])
        link = url_for("views.document_page", doc_id=hit["id"], q=params["q"] or None,
                       _external=True)
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=link)
        stamp = _timestamp(hit.get("date", ""), updated)
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = stamp
        if hit.get("organization"):
            author = ET.SubElement(entry, f"{{{ATOM}}}author")
            ET.SubElement(author, f"{{{ATOM}}}name").text = _text(hit["organization"])
        facts = [hit.get(name) for name in ("province", "school_year", "report_type")]
        summary = " · ".join(filter(None, [*facts, _MARK.sub("", hit.get("snippet", ""))]))
        if summary:
            ET.SubElement(entry, f"{{{ATOM}}}summary").text = _text(summary)
        entries.append((stamp, entry))
    newest = max((stamp for stamp, _ in entries), default=updated)
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = newest
    feed.extend(entry for _, entry in entries)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


@bp.get("/search.atom")
def search_feed() -> Response:
    params = read("search", request.args)
    q, filters = narrowed(params)
    result = get_engine().search(q, filters, "newest", 1, FEED_SIZE, snippets=True,
                                 suggest=False)
    status = current_status()
    updated = status.get("updated") or datetime.now(timezone.utc).isoformat(
        timespec="seconds")
    return Response(atom_feed(result, params, updated.replace("+00:00", "Z")),
                    mimetype="application/atom+xml")
