"""The JSON API: the same parameters as the search page, the engine's result structure.

Every error under ``/api/`` is JSON (``{"error": …, "status": …}``): 400 for a bad
parameter, 404 for an unknown id, 503 when there is no index yet.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, jsonify, request, url_for

from search import FACET_NAMES as FACETS
from search import SORTS

from .params import DEFAULT_PER_PAGE, BadParameter, read_params
from .views import get_engine, valid_id

__all__ = ["bp", "openapi"]

bp = Blueprint("api", __name__, url_prefix="/api")


@bp.get("/search")
def api_search() -> Response:
    params = read_params(request.args)
    return jsonify(get_engine().search(params.q, **params.engine_options()))


@bp.get("/documents/<doc_id>")
def api_document(doc_id: str) -> Response:
    if not valid_id(doc_id):
        abort(404)
    document = get_engine().document(doc_id)
    if document is None:
        abort(404)
    document["url"] = url_for("views.document_page", doc_id=doc_id, _external=True)
    document["similar"] = get_engine().more_like_this(doc_id, limit=5)
    return jsonify(document)


@bp.get("/trend")
def api_trend() -> Response:
    from .research_views import trend_data

    result = trend_data()
    if result is None:
        raise BadParameter("give one to five terms as q (repeatable)")
    return jsonify(result)


@bp.get("/kwic")
def api_kwic() -> Response:
    from .research_views import kwic_data

    result = kwic_data()
    if result is None:
        raise BadParameter("give a term as q")
    return jsonify(result)


@bp.get("/compare")
def api_compare() -> Response:
    from .research_views import compare_data

    result = compare_data()
    if result is None:
        raise BadParameter("give two report ids as a and b")
    return jsonify(result)


@bp.get("/awards")
def api_awards() -> Response:
    from .research_views import awards_data

    return jsonify(awards_data())


@bp.get("/openapi.json")
def api_openapi() -> Response:
    return jsonify(openapi())


def _object(description: str) -> dict[str, Any]:
    return {"description": description,
            "content": {"application/json": {"schema": {"type": "object"}}}}


def _error() -> dict[str, Any]:
    return {"description": "Error", "content": {"application/json": {"schema": {
        "$ref": "#/components/schemas/Error"}}}}


def openapi() -> dict[str, Any]:
    """The OpenAPI 3.1 description of this API."""
    facet_params = [{
        "name": name, "in": "query", "required": False, "explode": True,
        "description": f"keep reports whose {name} is one of these values (repeatable; "
                       "matched without marks or case)",
        "schema": {"type": "array", "items": {"type": "string"}},
    } for name in FACETS]
    hit = {"type": "object", "properties": {
        **{name: {"type": "string"} for name in (
            "id", "title", "date", "school_year", "province", "organization", "report_type",
            "source", "snippet", "district", "semester", "published", "author")},
        "score": {"type": ["number", "null"]},
        "awards": {"type": "array", "items": {"type": "string"}},
    }}
    facet_counts = {"type": "array", "items": {"type": "object", "properties": {
        "value": {"type": "string"}, "count": {"type": "integer"}}}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "union-search API", "version": "1",
                 "description": "Search the archive of Vietnamese trade-union reports."},
        "paths": {
            "/api/search": {"get": {
                "summary": "Search reports",
                "parameters": [
                    {"name": "q", "in": "query", "required": False,
                     "description": "query in the query language of the README",
                     "schema": {"type": "string", "maxLength": 2000}},
                    *facet_params,
                    {"name": "sort", "in": "query", "required": False,
                     "schema": {"type": "string", "enum": list(SORTS), "default": "relevance"}},
                    {"name": "page", "in": "query", "required": False,
                     "schema": {"type": "integer", "minimum": 1, "maximum": 10000,
                                "default": 1}},
                    {"name": "per_page", "in": "query", "required": False,
                     "schema": {"type": "integer", "minimum": 1, "maximum": 100,
                                "default": DEFAULT_PER_PAGE}},
                ],
                "responses": {
                    "200": {"description": "Results", "content": {"application/json": {
                        "schema": {"$ref": "#/components/schemas/SearchResult"}}}},
                    "400": _error(), "503": _error(),
                },
            }},
            "/api/trend": {"get": {
                "summary": "Reports, occurrences and share per school year and year",
                "parameters": [
                    {"name": "q", "in": "query", "required": True, "explode": True,
                     "description": "one to five terms or phrases (repeatable)",
                     "schema": {"type": "array", "items": {"type": "string"}, "minItems": 1,
                                "maxItems": 5}},
                    *facet_params],
                "responses": {"200": _object("school_year and year: periods and series"),
                              "400": _error(), "503": _error()},
            }},
            "/api/kwic": {"get": {
                "summary": "Every occurrence of a term with its context",
                "parameters": [
                    {"name": "q", "in": "query", "required": True, "schema": {"type": "string"}},
                    {"name": "sort", "in": "query", "required": False, "schema": {
                        "type": "string", "enum": ["date", "left", "right"], "default": "date"}},
                    {"name": "page", "in": "query", "required": False,
                     "schema": {"type": "integer", "minimum": 1}},
                    {"name": "per_page", "in": "query", "required": False,
                     "schema": {"type": "integer", "minimum": 1, "maximum": 500}},
                    *facet_params],
                "responses": {"200": _object("lines: left, match, right, report, anchor"),
                              "400": _error(), "503": _error()},
            }},
            "/api/compare": {"get": {
                "summary": "Two reports side by side, sentences aligned, words marked",
                "parameters": [
                    {"name": "a", "in": "query", "required": True, "schema": {"type": "string"}},
                    {"name": "b", "in": "query", "required": True, "schema": {"type": "string"}}],
                "responses": {"200": _object("similarity, counts, rows of segments"),
                              "400": _error(), "404": _error(), "503": _error()},
            }},
            "/api/awards": {"get": {
                "summary": "Every award record of the selected reports, with totals",
                "parameters": [
                    {"name": "q", "in": "query", "required": False, "schema": {"type": "string"}},
                    {"name": "sort", "in": "query", "required": False, "schema": {
                        "type": "string", "enum": ["newest", "oldest", "award", "body",
                                                   "collectives", "individuals"]}},
                    {"name": "page", "in": "query", "required": False,
                     "schema": {"type": "integer", "minimum": 1}},
                    *facet_params],
                "responses": {"200": _object("rows, totals per school year and body, facets"),
                              "400": _error(), "503": _error()},
            }},
            "/api/documents/{id}": {"get": {
                "summary": "One report: every field and its text",
                "parameters": [{"name": "id", "in": "path", "required": True,
                                "schema": {"type": "string", "pattern": "^[A-Za-z0-9._-]+$"}}],
                "responses": {
                    "200": {"description": "The report", "content": {"application/json": {
                        "schema": {"type": "object"}}}},
                    "404": _error(), "503": _error(),
                },
            }},
        },
        "components": {"schemas": {
            "Error": {"type": "object", "required": ["error", "status"], "properties": {
                "error": {"type": "string"}, "status": {"type": "integer"}}},
            "SearchResult": {"type": "object", "required": [
                "total", "page", "per_page", "hits", "facets", "suggestion"], "properties": {
                "query": {"type": "string"},
                "filters": {"type": "object", "additionalProperties": {
                    "type": "array", "items": {"type": "string"}}},
                "sort": {"type": "string"},
                "total": {"type": "integer"}, "page": {"type": "integer"},
                "per_page": {"type": "integer"}, "pages": {"type": "integer"},
                "took_ms": {"type": "number"},
                "hits": {"type": "array", "items": hit},
                "facets": {"type": "object", "properties": {
                    name: facet_counts for name in FACETS}},
                "suggestion": {"type": ["string", "null"]},
            }},
        }},
    }
