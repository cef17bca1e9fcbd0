"""Counts and times every request by its route template, never its path: no ids in labels."""

from __future__ import annotations

import re
import time
from typing import Any

from starlette.routing import Route, compile_path
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.metrics.instruments import HTTP_DURATION, HTTP_REQUESTS

UNMATCHED = "unmatched"  # every path no route takes, under one label
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


class Templates:
    """The app's route templates as patterns, for a request that carries no matched route: one
    refused before routing (a body too large, too many in flight, shutdown), or a HEAD (run as a
    GET on a copy of its scope). Built on first use from the routes the OpenAPI document lists,
    plus the app's own plain routes (the docs)."""

    def __init__(self) -> None:
        self._patterns: list[tuple[re.Pattern[str], str]] | None = None

    def _build(self, app: Any) -> list[tuple[re.Pattern[str], str]]:
        templates = set(app.openapi().get("paths", {}))
        templates |= {route.path for route in app.routes if isinstance(route, Route)}
        # Literal paths before parameterised ones (`/v1/dedup/review` before `/v1/dedup/{x}`).
        ordered = sorted(templates, key=lambda t: (t.count("{"), t))
        return [(compile_path(t)[0], t) for t in ordered]

    def match(self, scope: Scope) -> str:
        app = scope.get("app")
        if app is None or not hasattr(app, "openapi"):
            return UNMATCHED
        if self._patterns is None:
            self._patterns = self._build(app)
        path = scope["path"]
        for pattern, template in self._patterns:
            if pattern.match(path):
                return template
        return UNMATCHED


def route_template(scope: Scope, templates: Templates) -> str:
    """The template of the route that answered (`/v1/complaints/{ref}`), never the path; a path
    no route takes is UNMATCHED."""
    route = scope.get("route")
    path = getattr(route, "path", None)
    if isinstance(path, str):
        return path
    return templates.match(scope)


class MetricsMiddleware:
    """`http_requests_total` and `http_request_duration_seconds` for every HTTP request,
    refusals by other middleware included (it sits outside them)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        # (method, route, status) -> the counter's child, (method, route) -> the histogram's:
        # a label look-up once per series, not per request.
        self._counters: dict[tuple[str, str, int], Any] = {}
        self._timers: dict[tuple[str, str], Any] = {}
        self._templates = Templates()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500  # what the server answers if the app fails before it answers

        async def send_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_status)
        finally:
            elapsed = time.perf_counter() - started
            method = scope["method"] if scope["method"] in METHODS else "OTHER"
            route = route_template(scope, self._templates)
            counter = self._counters.get((method, route, status))
            if counter is None:
                counter = HTTP_REQUESTS.labels(method, route, str(status))
                self._counters[method, route, status] = counter
            timer = self._timers.get((method, route))
            if timer is None:
                timer = HTTP_DURATION.labels(method, route)
                self._timers[method, route] = timer
            counter.inc()
            timer.observe(elapsed)
