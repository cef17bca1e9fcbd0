"""The pages people read: Swagger UI and ReDoc with no other host named, their files served by
Pintu from the fastapi_offline package, and a page for every problem type Pintu can send."""

from __future__ import annotations

import ast
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from app.kit.errors import AppError
from app.kit.problem_types import PROBLEM_TYPES
from app.server.docs import ASSET_CACHE, ASSETS, ASSETS_DIR, ASSETS_PATH

APP = Path(__file__).resolve().parent.parent.parent / "app"


class _Links(HTMLParser):
    """Every URL a page loads or links to (src, href), and its inline scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.urls += [value for name, value in attrs if name in {"src", "href"} and value]
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def _links(page: str) -> _Links:
    parser = _Links()
    parser.feed(page)
    return parser


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
async def test_the_docs_pages_name_no_other_host(client, path):
    response = await client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    links = _links(response.text)
    assert links.urls, "the page loads nothing: it cannot render"
    for url in links.urls:
        assert url.startswith(f"{ASSETS_PATH}/"), url
    # Nothing in the page itself (an inline script, a font link) names a host either.
    assert not re.search(r"https?://|//[a-z]", response.text.replace("http://www.w3.org", ""))
    for url in links.urls:
        asset = await client.get(url)
        assert asset.status_code == 200, url
        assert asset.headers["cache-control"] == ASSET_CACHE


async def test_swagger_ui_asks_no_online_validator_and_reads_pintus_document(client):
    page = (await client.get("/docs")).text
    [script] = [s for s in _links(page).scripts if "SwaggerUIBundle(" in s]
    assert '"validatorUrl": null' in script
    assert "url: '/openapi.json'" in script


async def test_redoc_loads_no_google_fonts(client):
    page = (await client.get("/redoc")).text
    assert "fonts.googleapis" not in page
    assert 'spec-url="/openapi.json"' in page
    bundle = (ASSETS_DIR / "redoc.standalone.js").read_text(encoding="utf-8")
    assert "fonts.googleapis" not in bundle  # the bundle itself fetches no font


async def test_the_assets_are_the_packages_files_and_nothing_else(client):
    for name, media in ASSETS.items():
        response = await client.get(f"{ASSETS_PATH}/{name}")
        assert response.content == (ASSETS_DIR / name).read_bytes()
        assert response.headers["content-type"] == media
    for path in (
        f"{ASSETS_PATH}/__init__.py",
        f"{ASSETS_PATH}/..%2Fcore.py",
        "/docs/assets/0.0.1/swagger-ui.css",
    ):
        refused = await client.get(path)
        assert refused.status_code == 404, path
        assert refused.headers["content-type"] == "application/problem+json"


async def test_the_docs_are_not_in_the_api_document(app):
    paths = app.openapi()["paths"]
    assert not [p for p in paths if p.startswith(("/docs", "/redoc", "/problems"))]


# --- problem types --------------------------------------------------------------------------


def _emitted_slugs() -> set[str]:
    """Every problem type the code can send: the types of the error classes, and every literal
    given as a problem's type (`type_="…"`, `problem_type("…", …)`)."""
    import app.main  # noqa: F401  (every module with an error class is imported)

    slugs, todo = set(), [AppError]
    while todo:
        cls = todo.pop()
        slugs.add(cls.type)
        todo.extend(cls.__subclasses__())
    for path in APP.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.keyword) and node.arg == "type_":
                value = node.value
            elif (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) == "problem_type"
                and node.args
            ):
                value = node.args[0]
            else:
                continue
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                slugs.add(value.value)
            elif isinstance(value, ast.Dict):
                slugs.update(v.value for v in value.values if isinstance(v, ast.Constant))
    # The HTTP layer's types, by status (app.kit.problems._http_error).
    return slugs | {"http-error"}


def test_every_type_the_code_can_send_has_a_page():
    emitted = _emitted_slugs()
    assert {"validation", "not-found", "request-timeout", "shutting-down"} <= emitted
    assert emitted <= set(PROBLEM_TYPES), sorted(emitted - set(PROBLEM_TYPES))


@pytest.mark.parametrize("slug", sorted(PROBLEM_TYPES))
async def test_each_problem_type_has_a_short_readable_page(client, slug):
    problem = PROBLEM_TYPES[slug]
    response = await client.get(f"/problems/{slug}")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    page = response.text
    assert f"<h1>{problem.title}</h1>" in page
    assert "When it happens" in page and "What to do" in page
    assert not re.search(r"<script|https?://", page)
    as_json = await client.get(f"/problems/{slug}", headers={"Accept": "application/json"})
    assert as_json.json() | {"type": None} == {
        "type": None,
        "status": problem.status,
        "title": problem.title,
        "when": problem.when,
        "what_to_do": problem.what_to_do,
    }
    assert as_json.json()["type"].endswith(f"/problems/{slug}")


async def test_a_refusals_type_is_the_page_that_explains_it(client):
    refused = await client.get("/v1/complaints")
    problem = refused.json()
    assert problem["type"] == "/problems/unauthorized"  # no PUBLIC_BASE_URL: the path
    page = await client.get(problem["type"])
    assert page.status_code == 200
    assert PROBLEM_TYPES["unauthorized"].title in page.text


async def test_a_type_is_absolute_under_the_public_base_url(app, client):
    from tests.conftest import change_settings

    before = app.state.settings
    change_settings(app, public_base_url="https://pintu.example.go.id")
    try:
        problem = (await client.get("/v1/complaints")).json()
    finally:
        app.state.settings = before
    assert problem["type"] == "https://pintu.example.go.id/problems/unauthorized"


async def test_an_unknown_problem_type_is_a_404_problem(client):
    response = await client.get("/problems/no-such-type")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"].endswith("/problems/not-found")


async def test_the_index_lists_every_problem_type(client):
    page = (await client.get("/problems")).text
    for slug in PROBLEM_TYPES:
        assert f'href="/problems/{slug}"' in page
    listed = (await client.get("/problems", headers={"Accept": "application/json"})).json()
    assert [p["title"] for p in listed] == [p.title for p in PROBLEM_TYPES.values()]
