"""HTTP plumbing of ``sitrep serve``: the one JSON error shape (and its OpenAPI schema), the request
body limit and the security headers, as plain ASGI middleware (cheaper than ``BaseHTTPMiddleware``).
"""
from __future__ import annotations

from http import HTTPStatus
from typing import Any

from fastapi import FastAPI
from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")


def error_body(type_: str, message: str, status: int) -> dict[str, Any]:
    return {"error": {"type": type_, "message": message, "status": status}}


def status_type(status: int) -> str:
    try:
        return HTTPStatus(status).phrase.title().replace(" ", "").replace("-", "")
    except ValueError:
        return "Error"


class BodyLimit:
    """Refuses request bodies over ``max_body`` bytes with a 413, declared or streamed."""

    def __init__(self, app: ASGIApp, max_body: int):
        self.app, self.max_body = app, max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_body):
            await self._refuse(send)
            return
        seen = 0
        over = refused = False

        async def counted() -> Message:
            nonlocal seen, over
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > self.max_body:
                    # Stop reading; the app answers something (a parse error), which we replace below.
                    over = True
                    return {"type": "http.request", "body": b"", "more_body": False}
            return msg

        async def tracked(msg: Message) -> None:
            nonlocal refused
            if not over:
                await send(msg)
            elif not refused:
                refused = True
                await self._refuse(send)

        await self.app(scope, counted, tracked)

    async def _refuse(self, send: Send) -> None:
        resp = JSONResponse(error_body("PayloadTooLarge", f"request body over {self.max_body} bytes", 413),
                            status_code=413)
        await resp({"type": "http"}, _no_receive, send)


class SecurityHeaders:
    """A content security policy (no inline script, no third party) and friends on every response."""

    HEADERS = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
               (b"referrer-policy", b"no-referrer")]

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(msg: Message) -> None:
            if msg["type"] == "http.response.start":
                have = {k.lower() for k, _ in msg.get("headers", [])}
                msg["headers"] = [*msg.get("headers", []), *(h for h in self.HEADERS if h[0] not in have)]
            await send(msg)

        await self.app(scope, receive, with_headers)


async def _no_receive() -> Message:
    return {"type": "http.disconnect"}


ERROR_SCHEMA = {
    "title": "Error", "type": "object", "required": ["error"],
    "properties": {"error": {"type": "object", "required": ["type", "message", "status"], "properties": {
        "type": {"type": "string", "examples": ["NotFound"]},
        "message": {"type": "string"},
        "status": {"type": "integer", "examples": [404]},
    }}},
}


def openapi_with_errors(app: FastAPI) -> dict[str, Any]:
    """FastAPI's schema, with every error response (422 included) in our one error shape."""
    if app.openapi_schema:
        return app.openapi_schema
    from fastapi.openapi.utils import get_openapi

    schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
    comps = schema.setdefault("components", {}).setdefault("schemas", {})
    comps.pop("HTTPValidationError", None)
    comps.pop("ValidationError", None)
    comps["Error"] = ERROR_SCHEMA
    ref = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for path, ops in schema.get("paths", {}).items():
        for method, op in ops.items():
            responses = op.setdefault("responses", {})
            codes = ["404", "422"]
            if method == "post":
                codes += ["401", "403", "413"]
            for code in codes:
                if code == "404" and "{" not in path:
                    continue
                responses[code] = {"description": HTTPStatus(int(code)).phrase, "content": ref}
    app.openapi_schema = schema
    return schema
