"""The Flask application factory: the search site, the report pages and the JSON API.

Everything a page shows comes from :class:`search.Engine`; this package only reads request
parameters, renders and sets headers. Report text is untrusted (it came from web pages):
templates autoescape, snippets carry only ``<mark>``, and a strict Content-Security-Policy
forbids inline scripts and anything not served by the app itself.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

from flask import Flask, g, request
from flask_babel import Babel

from search import EXPORT_BATCH, setting

from . import api, errors, facet_views, feeds, links, research_views, views
from .i18n import LANGUAGES, current_language, select_locale
from .resources import current_status

__all__ = ["create_app", "REQUEST_LOG"]

REQUEST_LOG = logging.getLogger("union_search.requests")

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
        "form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the app. ``config`` may set ``INDEX_DIR`` and ``CORPUS_DIR`` (defaults: the
    ``index`` and ``corpus`` settings), ``MAX_QUERY_STRING``, ``EXPORT_BATCH`` (how many
    rows a download reads and sends at a time) and any Flask option."""
    app = Flask(__name__)
    # Requests are GET forms with short parameters; anything bigger is refused (413/414).
    app.config.update(
        INDEX_DIR=str(setting("index").resolve()),
        CORPUS_DIR=str(setting("corpus").resolve()),
        MAX_CONTENT_LENGTH=setting("max_content_length"),
        MAX_QUERY_STRING=setting("max_query_string"),
        EXPORT_BATCH=EXPORT_BATCH,
        BABEL_DEFAULT_LOCALE="vi",
        BABEL_TRANSLATION_DIRECTORIES=str(Path(__file__).parent / "translations"),
        JSON_AS_ASCII=False,
    )
    app.config.update(config or {})
    app.json.ensure_ascii = False
    app.json.sort_keys = False
    Babel(app, locale_selector=select_locale)

    @app.context_processor
    def status_of_the_index() -> dict[str, Any]:
        # A function: read only by the pages that show it (the footer of every page).
        return {"index_status": current_status}

    app.register_blueprint(views.bp)
    app.register_blueprint(research_views.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(facet_views.bp)
    app.register_blueprint(facet_views.api_bp)
    app.register_blueprint(feeds.bp)
    errors.register(app)
    links.register(app)

    @app.before_request
    def bound_request() -> Any:
        g.started = time.perf_counter()
        if len(request.query_string) > app.config["MAX_QUERY_STRING"]:
            return errors.too_long()
        return None

    @app.after_request
    def secure(response):
        # One line per request: method, path, status, time (``serve`` shows them).
        REQUEST_LOG.info("%s %s %s %.1f ms", request.method, request.full_path.rstrip("?"),
                         response.status_code,
                         (time.perf_counter() - g.get("started", time.perf_counter())) * 1000)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        chosen = request.args.get("lang")
        if chosen in LANGUAGES:
            response.set_cookie("lang", chosen, max_age=365 * 24 * 3600, samesite="Lax")
        return response

    @app.context_processor
    def globals_for_templates() -> dict[str, Any]:
        return {"languages": LANGUAGES, "current_lang": current_language()}

    return app
