"""Error pages: JSON under /api/, a friendly page elsewhere, never a stack trace."""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app, jsonify, render_template, request
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException, RequestURITooLarge

from search import SearchError, index_status

from .params import BadParameter

__all__ = ["register", "too_long"]


def _wants_json() -> bool:
    return request.path.startswith("/api/") or request.path.endswith(".json")


def _respond(status: int, message: str) -> Any:
    if _wants_json():
        return jsonify({"error": message, "status": status}), status
    return render_template("error.html", status=status, message=message), status


def too_long() -> Any:
    return _respond(414, _("The request is too long."))


def register(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> Any:
        messages = {
            400: error.description if error.description else _("Bad request."),
            404: _("There is no such page or report."),
            410: _("This report was removed from the archive: its file was deleted."),
            405: _("This address does not accept that method."),
            413: _("The request is too large."),
        }
        message = messages.get(error.code or 500, error.description or _("Error."))
        if isinstance(error, RequestURITooLarge):
            message = _("The request is too long.")
        return _respond(error.code or 500, message)

    @app.errorhandler(SearchError)
    def bad_search_parameter(error: SearchError) -> Any:
        # The engine's word on a bad sort, page or filter: a 400 wherever it is raised; a
        # page says it in the visitor's language, the API in English.
        if isinstance(error, BadParameter) and not _wants_json():
            return _respond(400, _(error.template, **error.values))
        return _respond(400, str(error))

    @app.errorhandler(FileNotFoundError)
    def no_index(error: FileNotFoundError) -> Any:
        progress = index_status(current_app.config["INDEX_DIR"])["progress"]
        if progress is not None:  # a first build is under way: say how far, come back
            message = _("The archive is being indexed for the first time: %(done)s of "
                        "%(total)s files so far. This page reloads itself.",
                        done=progress["done"], total=progress["total"])
            if _wants_json():
                return _respond(503, message)
            return render_template("error.html", status=503, message=message,
                                   refresh=5), 503
        # The engine's message names the folder and the command (build, or rebuild).
        return _respond(503, _("The search index is not available: %(reason)s",
                               reason=str(error)))

    @app.errorhandler(Exception)
    def unexpected(error: Exception) -> Any:
        app.logger.exception("unexpected error on %s", request.path)
        return _respond(500, _("Something went wrong on our side; the error was logged."))
