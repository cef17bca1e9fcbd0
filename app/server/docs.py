"""The pages people read rather than call: Swagger UI (`/docs`) and ReDoc (`/redoc`), whose
scripts, styles and icon Pintu serves itself, and a page per problem type (`/problems/{type}`).

A government intranet may have no way out to the internet, so nothing here names another host:
the assets are the files of the `fastapi_offline` package (only its `static/` folder; the package
itself is never imported), served under a path that carries the package's version, so a year's
cache is safe; Swagger UI's online validator badge and ReDoc's Google Fonts are off.
"""

from __future__ import annotations

import html
import importlib.metadata
import importlib.util
import re
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Header, Path as PathParam, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response

from app.kit.errors import PROBLEMS_PATH, NotFound, problem_type
from app.kit.problem_types import PROBLEM_TYPES, ProblemType

OPENAPI_URL = "/openapi.json"
ASSETS_PACKAGE = "fastapi_offline"
ASSETS_VERSION = importlib.metadata.version("fastapi-offline")
ASSETS_PATH = f"/docs/assets/{ASSETS_VERSION}"
# Every file served from the package, by name: nothing else of its folder is reachable.
ASSETS = {
    "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
    "swagger-ui.css": "text/css; charset=utf-8",
    "redoc.standalone.js": "text/javascript; charset=utf-8",
    "favicon.png": "image/png",
}
# The version is in the path: a new package is a new URL, so an old copy is never stale.
ASSET_CACHE = "public, max-age=31536000, immutable"
PAGE_CACHE = "public, max-age=3600"
TITLE = "Pintu API"

router = APIRouter(include_in_schema=False)


def _assets_dir() -> Path:
    # Found without importing the package (its module subclasses FastAPI, which Pintu never
    # uses): only its files are wanted.
    spec = importlib.util.find_spec(ASSETS_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"the {ASSETS_PACKAGE} package is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "static"


ASSETS_DIR = _assets_dir()


@router.get("/docs")
async def swagger_ui() -> HTMLResponse:
    """Swagger UI, from Pintu's own copy of its files."""
    return get_swagger_ui_html(
        openapi_url=OPENAPI_URL,
        title=f"{TITLE} — Swagger UI",
        swagger_js_url=f"{ASSETS_PATH}/swagger-ui-bundle.js",
        swagger_css_url=f"{ASSETS_PATH}/swagger-ui.css",
        swagger_favicon_url=f"{ASSETS_PATH}/favicon.png",
        oauth2_redirect_url=None,
        # No badge fetched from validator.swagger.io.
        swagger_ui_parameters={"validatorUrl": None, "displayOperationId": True},
    )


@router.get("/redoc")
async def redoc() -> HTMLResponse:
    """ReDoc, from Pintu's own copy of its script, without Google Fonts."""
    return get_redoc_html(
        openapi_url=OPENAPI_URL,
        title=f"{TITLE} — ReDoc",
        redoc_js_url=f"{ASSETS_PATH}/redoc.standalone.js",
        redoc_favicon_url=f"{ASSETS_PATH}/favicon.png",
        with_google_fonts=False,
    )


@router.get("/docs/assets/{version}/{name}")
async def docs_asset(version: str, name: str) -> FileResponse:
    """One file of the docs pages, cached for a year."""
    if version != ASSETS_VERSION or name not in ASSETS:
        raise NotFound("No such file of the documentation pages.")
    return FileResponse(
        ASSETS_DIR / name, media_type=ASSETS[name], headers={"Cache-Control": ASSET_CACHE}
    )


_STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; max-width: 42em;
  margin: 2em auto; padding: 0 1em; line-height: 1.55; color: #1b1b1b; background: #fff; }
h1 { font-size: 1.6em; margin-bottom: .2em; }
.status { color: #555; margin-top: 0; }
h2 { font-size: 1.1em; margin-top: 1.6em; }
code { background: #f2f2f2; padding: 0 .25em; border-radius: 3px; }
a { color: #0b57d0; }
ul { padding-left: 1.2em; }
"""


def _inline(text: str) -> str:
    """Plain text with `code` spans, as HTML."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(text, quote=False))


def _page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n<style>{_STYLE}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )


def _problem_page(problem: ProblemType) -> str:
    return _page(
        f"{problem.title} — Pintu problem type",
        f"<h1>{html.escape(problem.title)}</h1>\n"
        f'<p class="status">HTTP {problem.status} · type <code>{problem.slug}</code></p>\n'
        f"<h2>When it happens</h2>\n<p>{_inline(problem.when)}</p>\n"
        f"<h2>What to do</h2>\n<p>{_inline(problem.what_to_do)}</p>\n"
        '<p><a href="/problems">Every problem type</a> · <a href="/docs">The API</a></p>',
    )


def _wants_json(accept: str | None) -> bool:
    """Whether the client asks for JSON rather than a page (a browser always accepts HTML)."""
    value = (accept or "").lower()
    return "json" in value and "text/html" not in value


def _problem_json(request: Request, problem: ProblemType) -> dict[str, object]:
    settings = getattr(request.app.state, "settings", None)
    return {
        "type": problem_type(problem.slug, getattr(settings, "public_base_url", None)),
        "status": problem.status,
        "title": problem.title,
        "when": problem.when,
        "what_to_do": problem.what_to_do,
    }


AcceptHeader = Annotated[str | None, Header()]


@router.get("/problems")
async def problem_index(request: Request, accept: AcceptHeader = None) -> Response:
    """Every problem type, each with its page."""
    headers = {"Cache-Control": PAGE_CACHE, "Vary": "Accept"}
    if _wants_json(accept):
        return JSONResponse(
            [_problem_json(request, p) for p in PROBLEM_TYPES.values()], headers=headers
        )
    items = "\n".join(
        f'<li><a href="{PROBLEMS_PATH}{p.slug}">{html.escape(p.title)}</a> '
        f"(<code>{p.slug}</code>, HTTP {p.status})</li>"
        for p in PROBLEM_TYPES.values()
    )
    body = (
        "<h1>Pintu's problem types</h1>\n<p>Every refusal Pintu sends is an RFC 9457 problem "
        "document (<code>application/problem+json</code>); its <code>type</code> is one of "
        f"these pages.</p>\n<ul>\n{items}\n</ul>"
    )
    return HTMLResponse(_page("Pintu problem types", body), headers=headers)


@router.get("/problems/{slug}")
async def problem_page(
    request: Request,
    slug: Annotated[str, PathParam(max_length=100)],
    accept: AcceptHeader = None,
) -> Response:
    """One problem type: its title, when it happens and what to do; JSON when asked for."""
    problem = PROBLEM_TYPES.get(slug)
    if problem is None:
        raise NotFound("No such problem type; /problems lists them.")
    headers = {"Cache-Control": PAGE_CACHE, "Vary": "Accept"}
    if _wants_json(accept):
        return JSONResponse(_problem_json(request, problem), headers=headers)
    return HTMLResponse(_problem_page(problem), headers=headers)
