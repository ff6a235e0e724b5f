"""The gate every request passes: Host check, token, same-origin check, body cap, security headers.

A pure ASGI middleware, so it also covers static files and errors raised before any route runs.
"""
from __future__ import annotations

import hmac
import json
import secrets
from http.cookies import SimpleCookie
from urllib.parse import parse_qsl, quote, urlencode

from .settings import Settings

UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "form-action 'self'; frame-src 'self'; frame-ancestors 'none'; base-uri 'none'")
HEADERS = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"same-origin"),
           (b"cache-control", b"no-store"), (b"cross-origin-opener-policy", b"same-origin"),
           (b"cross-origin-resource-policy", b"same-origin")]
NO_TOKEN = ("This page needs the link that `reporttool serve` printed when it started (it ends with ?token=...). "
            "Open that link, or ask whoever started the server for it.")


class Refused(Exception):
    """Raised by the counting body reader when a request carries more than the cap."""


class Guard:
    """Wraps the app; see the module docstring for what it checks, in that order."""

    def __init__(self, app, settings: Settings):
        self.app = app
        self.settings = settings

    @property
    def token_cookie(self) -> str:
        """Cookies ignore ports: two servers on one machine must not overwrite each other's token."""
        return f"reporttool-token-{self.settings.port}"

    @property
    def session_cookie(self) -> str:
        return f"reporttool-session-{self.settings.port}"

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        method = scope["method"]
        if not self.settings.host_allowed(headers.get("host", "")):
            return await _plain(send, 421, "This server answers only to its own address (http://127.0.0.1:PORT/). "
                                           "Open the link `reporttool serve` printed.")
        cookies = _cookies(headers.get("cookie", ""))
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        given = query.get("token")
        if given is not None and method == "GET" and self._valid(given):
            return await self._enter(scope, send, query, cookies)
        bearer = headers.get("authorization", "")
        by_header = bearer[:7].lower() == "bearer " and self._valid(bearer[7:].strip())
        by_cookie = self._valid(cookies.get(self.token_cookie, ""))
        if not (by_header or by_cookie):
            return await _refuse(send, headers, 401, NO_TOKEN)
        if method in UNSAFE and not self._same_origin(headers, by_header):
            return await _refuse(send, headers, 403, "This request came from another site and was refused. "
                                                     "Use the reporttool page itself.")
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > self.settings.max_upload:
            return await _refuse(send, headers, 413, self._too_large())
        session = cookies.get(self.session_cookie, "")
        new_session = secrets.token_hex(16) if by_cookie and not _is_session(session) else ""
        scope.setdefault("state", {})["owner"] = _owner(session, new_session)
        received = [0]

        async def counted():
            message = await receive()
            if message["type"] == "http.request":
                received[0] += len(message.get("body", b""))
                if received[0] > self.settings.max_upload:
                    raise Refused
            return message

        started = [False]

        async def secured(message):
            if message["type"] == "http.response.start":
                started[0] = True
                present = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in HEADERS if k not in present]
                if b"content-security-policy" not in present:
                    extra.append((b"content-security-policy", CSP.encode()))
                if new_session:
                    extra.append((b"set-cookie", self._cookie(self.session_cookie, new_session)))
                message = {**message, "headers": list(message.get("headers", [])) + extra}
            await send(message)

        try:
            await self.app(scope, counted, secured)
        except Refused:
            if not started[0]:
                await _refuse(send, headers, 413, self._too_large())

    def _valid(self, token: str) -> bool:
        return bool(token) and hmac.compare_digest(token.encode(), self.settings.token.encode())

    def _same_origin(self, headers: dict[str, str], by_header: bool) -> bool:
        """Origin (or, without it, Sec-Fetch-Site) must say the request comes from this page. A script
        using the Authorization header sends neither, and a browser cannot add that header cross-site."""
        origin = headers.get("origin")
        if origin is not None:
            return origin == f"http://{headers.get('host', '')}"
        site = headers.get("sec-fetch-site")
        if site is not None:
            return site == "same-origin"
        return by_header

    def _too_large(self) -> str:
        return (f"The upload is larger than this server accepts ({self.settings.limits.max_inflated_mb} MB). "
                "Remove pictures or unused sheets, or restart the server with a larger --max-size.")

    def _cookie(self, name: str, value: str) -> bytes:
        return f"{name}={value}; Path=/; HttpOnly; SameSite=Strict".encode()

    async def _enter(self, scope, send, query: dict[str, str], cookies: dict[str, str]) -> None:
        """The printed link: keep the token in a cookie and redirect to the same page without it, so the
        token stays out of the address bar, the history and any Referer."""
        rest = {k: v for k, v in query.items() if k != "token"}
        path = quote(scope.get("path", "/"), safe="/")  # still percent-encoded: no line break reaches a header
        location = "/" + path.lstrip("/") + ("?" + urlencode(rest) if rest else "")  # never //host: our origin
        session = cookies.get(self.session_cookie, "")
        headers = [(b"location", location.encode()), (b"set-cookie", self._cookie(self.token_cookie, query["token"]))]
        if not _is_session(session):
            headers.append((b"set-cookie", self._cookie(self.session_cookie, secrets.token_hex(16))))
        await send({"type": "http.response.start", "status": 303, "headers": headers + HEADERS +
                    [(b"content-security-policy", CSP.encode()), (b"content-length", b"0")]})
        await send({"type": "http.response.body", "body": b""})


def _owner(session: str, new_session: str) -> str:
    """Whose files a request may see: its browser session's, or the shared "api" space of scripts that
    send only the token."""
    if new_session:
        return "s:" + new_session
    return "s:" + session if _is_session(session) else "api"


def _is_session(value: str) -> bool:
    return len(value) == 32 and all(c in "0123456789abcdef" for c in value)


def _cookies(header: str) -> dict[str, str]:
    jar = SimpleCookie()
    try:
        jar.load(header)
    except Exception:  # a malformed Cookie header is the same as none
        return {}
    return {k: m.value for k, m in jar.items()}


async def _refuse(send, headers: dict[str, str], status: int, message: str) -> None:
    """JSON for scripts, a short page for browsers; never more than the message."""
    if "text/html" in headers.get("accept", ""):
        return await _page(send, status, message)
    body = json.dumps({"error": message}).encode()
    await _respond(send, status, b"application/json", body)


async def _plain(send, status: int, message: str) -> None:
    await _respond(send, status, b"text/plain; charset=utf-8", message.encode())


async def _page(send, status: int, message: str) -> None:
    from html import escape

    body = (f"<!doctype html><html lang=en><meta charset=utf-8><title>reporttool</title>"
            f"<h1>reporttool</h1><p>{escape(message)}</p></html>").encode()
    await _respond(send, status, b"text/html; charset=utf-8", body)


async def _respond(send, status: int, kind: bytes, body: bytes) -> None:
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode())] + HEADERS +
                [(b"content-security-policy", CSP.encode())]})
    await send({"type": "http.response.body", "body": body})
