"""The JSON API: shapes, errors, OpenAPI."""

import pytest

SEED = "002_cce08653f4e9e0c2.txt"


def test_search_returns_the_engine_structure(client):
    data = client.get("/api/search?q=cong+doan&province=L%E1%BA%A1ng+S%C6%A1n").get_json()
    assert {"total", "page", "per_page", "hits", "facets", "suggestion"} <= set(data)
    assert data["total"] == 1 and data["filters"] == {"province": ["Lạng Sơn"]}
    hit = data["hits"][0]
    assert {"id", "title", "date", "school_year", "province", "organization", "report_type",
            "source", "score", "snippet"} <= set(hit)


def test_repeated_facet_parameters_mean_any(client):
    data = client.get("/api/search?province=L%E1%BA%A1ng+S%C6%A1n&province=B%E1%BA%AFc+K%E1%BA"
                      "%A1n").get_json()
    assert {hit["province"] for hit in data["hits"]} == {"Lạng Sơn", "Bắc Kạn"}


def test_sort_and_pages(client):
    data = client.get("/api/search?q=cong+doan&sort=oldest&per_page=2&page=2").get_json()
    assert (data["page"], data["per_page"], len(data["hits"])) == (2, 2, 2)


@pytest.mark.parametrize(("query", "message"), [
    ("sort=sideways", "sort must be one of"),
    ("page=0", "page must be between"),
    ("per_page=500", "per_page must be between"),
    ("page=two", "page must be a whole number"),
])
def test_bad_parameters_are_400_json(client, query, message):
    response = client.get(f"/api/search?{query}")
    assert response.status_code == 400
    assert response.is_json and message in response.get_json()["error"]


def test_document(client):
    data = client.get(f"/api/documents/{SEED}").get_json()
    assert data["province"] == "Lạng Sơn" and data["text"].startswith("Công đoàn")
    assert data["awards"][0]["collectives"] == 3 and data["similar"]


@pytest.mark.parametrize("path", ["/api/documents/nope.txt", "/api/documents/..%2Fx",
                                  "/api/nothing"])
def test_unknown_is_404_json(client, path):
    response = client.get(path)
    assert response.status_code == 404 and response.is_json
    assert response.get_json() == {"error": "Không có trang hay báo cáo này.", "status": 404}
    english = client.get(path + "?lang=en").get_json()
    assert english == {"error": "There is no such page or report.", "status": 404}


def test_method_not_allowed_is_json(client):
    response = client.post("/api/search")
    assert response.status_code == 405 and response.is_json


def test_no_index_is_503_json(tmp_path):
    from webui import create_app

    client = create_app({"INDEX_DIR": str(tmp_path / "none"), "TESTING": True}).test_client()
    response = client.get("/api/search?q=x")
    assert response.status_code == 503 and "union-search index" in response.get_json()["error"]
    page = client.get("/?q=x")
    assert page.status_code == 503 and b"union-search index" in page.data


def test_openapi_describes_the_routes(client):
    spec = client.get("/api/openapi.json").get_json()
    assert spec["openapi"].startswith("3.")
    assert {"/api/search", "/api/documents/{id}"} <= set(spec["paths"])
    names = {p["name"] for p in spec["paths"]["/api/search"]["get"]["parameters"]}
    assert {"q", "sort", "page", "per_page", "province", "school_year", "award"} <= names
