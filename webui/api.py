"""The JSON API: the same parameters as the pages, the engine's result structures.

``/api/search``, ``/api/trend``, ``/api/kwic``, ``/api/compare`` and ``/api/awards`` are the
twins of the pages (:mod:`webui.resources`); here are the report itself and the OpenAPI
description, generated from the parameter declarations. Every error under ``/api/`` is
JSON (``{"error": …, "status": …}``): 400 for a bad parameter, 404 for an unknown id, 503
when there is no index yet.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, jsonify, url_for

from search import FACET_NAMES, HIT_FIELDS
from search.query import MAX_QUERY_CHARS

from .params import ROUTES, Param
from .resources import RESOURCES, add_api, current_status, document_or_abort, get_engine

__all__ = ["bp", "openapi"]

bp = Blueprint("api", __name__, url_prefix="/api")
add_api(bp)


@bp.get("/documents/<doc_id>")
def api_document(doc_id: str) -> Response:
    document = document_or_abort(doc_id)
    document["url"] = url_for("views.document_page", doc_id=doc_id, _external=True)
    document["similar"] = get_engine().more_like_this(doc_id, limit=5)
    return jsonify(document)


@bp.get("/status")
def api_status() -> Response:
    """The index served, its last update, and the indexing run under way (if any)."""
    return jsonify(current_status())


@bp.get("/openapi.json")
def api_openapi() -> Response:
    return jsonify(openapi())


def _schema(param: Param) -> dict[str, Any]:
    item: dict[str, Any] = {"type": "integer" if param.kind is int else "string"}
    if param.choices:
        item["enum"] = list(param.choices)
    if param.low is not None and not param.repeat:
        item["minimum"] = param.low
    if param.high is not None and not param.repeat:
        item["maximum"] = param.high
    if param.max_length:
        item["maxLength"] = param.max_length
    if param.default not in (None, ""):
        item["default"] = param.default
    if not param.repeat:
        return item
    schema: dict[str, Any] = {"type": "array", "items": item}
    if param.required:
        schema["minItems"] = 1
    if param.high is not None:
        schema["maxItems"] = param.high
    return schema


def _parameter(param: Param) -> dict[str, Any]:
    described: dict[str, Any] = {"name": param.name, "in": "query",
                                 "required": param.required, "description": param.help,
                                 "schema": _schema(param)}
    if param.repeat:
        described["explode"] = True
        described["description"] += " (repeatable)"
    return described


def _answer(description: str, schema: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {
        "schema": schema or {"type": "object"}}}}


_ERROR = _answer("Error", {"$ref": "#/components/schemas/Error"})


def openapi() -> dict[str, Any]:
    """The OpenAPI 3.1 description of this API, from the parameter declarations."""
    paths: dict[str, Any] = {
        f"/api/{name}": {"get": {
            "summary": resource.summary,
            "parameters": [_parameter(p) for p in ROUTES[name]],
            "responses": {
                "200": _answer("Result", {"$ref": "#/components/schemas/SearchResult"}
                               if name == "search" else None),
                "400": _ERROR, "404": _ERROR, "503": _ERROR},
        }} for name, resource in RESOURCES.items()}
    paths["/api/documents/{id}"] = {"get": {
        "summary": "One report: every field and its text",
        "parameters": [{"name": "id", "in": "path", "required": True,
                        "schema": {"type": "string", "pattern": "^[A-Za-z0-9._-]+$"}}],
        "responses": {"200": _answer("The report"), "404": _ERROR,
                      "410": _answer("The report's file was deleted from the archive",
                                     {"$ref": "#/components/schemas/Error"}),
                      "503": _ERROR},
    }}
    paths["/api/facets/{name}"] = {"get": {
        "summary": "Every value of one facet for a search, with its count",
        "parameters": [{"name": "name", "in": "path", "required": True,
                        "schema": {"type": "string", "enum": list(FACET_NAMES)}},
                       *(_parameter(p) for p in ROUTES["facet"])],
        "responses": {"200": _answer("The values"), "400": _ERROR, "404": _ERROR,
                      "503": _ERROR},
    }}
    paths["/api/status"] = {"get": {
        "summary": "The index served, when it was last updated, and the indexing run under "
                   "way with its progress",
        "responses": {"200": _answer("Status", {"$ref": "#/components/schemas/Status"})},
    }}
    hit = {"type": "object", "properties": {
        **{name: {"type": "string"} for name in (*HIT_FIELDS, "snippet")},
        "score": {"type": ["number", "null"]},
        "awards": {"type": "array", "items": {"type": "string"}},
        "duplicates": {"type": "array", "items": {"type": "string"}},
    }}
    facet_counts = {"type": "array", "items": {"type": "object", "properties": {
        "value": {"type": "string"}, "count": {"type": "integer"}}}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "union-search API", "version": "1",
                 "description": "Search the archive of Vietnamese trade-union reports."},
        "paths": paths,
        "components": {"schemas": {
            "Error": {"type": "object", "required": ["error", "status"], "properties": {
                "error": {"type": "string"}, "status": {"type": "integer"}}},
            "Status": {"type": "object", "properties": {
                "index_version": {"type": ["integer", "null"]},
                "reports": {"type": "integer"},
                "updated": {"type": ["string", "null"], "format": "date-time"},
                "updating": {"type": "boolean"},
                "progress": {"type": ["object", "null"], "properties": {
                    "done": {"type": "integer"}, "total": {"type": "integer"},
                    "started": {"type": "string", "format": "date-time"}}},
                "last_run": {"type": ["object", "null"], "properties": {
                    "finished": {"type": "string", "format": "date-time"},
                    "summary": {"type": "string"}}},
                "watching": {"type": ["string", "null"]},
            }},
            "SearchResult": {"type": "object", "required": [
                "total", "page", "per_page", "hits", "facets", "suggestion"], "properties": {
                "query": {"type": "string", "maxLength": MAX_QUERY_CHARS},
                "filters": {"type": "object", "additionalProperties": {
                    "type": "array", "items": {"type": "string"}}},
                "sort": {"type": "string"},
                "total": {"type": "integer"}, "page": {"type": "integer"},
                "per_page": {"type": "integer"}, "pages": {"type": "integer"},
                "took_ms": {"type": "number"},
                "hits": {"type": "array", "items": hit},
                "facets": {"type": "object", "properties": {
                    name: facet_counts for name in FACET_NAMES}},
                "suggestion": {"type": ["string", "null"]},
                "notices": {"type": "array", "items": {
                    "type": "object", "required": ["code"], "properties": {
                        "code": {"type": "string",
                                 "enum": ["range_swapped", "not_a_filter", "words_cut"]}},
                    "additionalProperties": {"type": "string"}}},
            }},
        }},
    }
