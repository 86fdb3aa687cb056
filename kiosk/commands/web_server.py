"""The web server behind ``kiosk serve`` (see :mod:`kiosk.commands.serve`).

textual-serve's :class:`~textual_serve.server.Server`, with what a kiosk on a school network
needs: an ``Origin`` check on the WebSocket, a limit on the kiosks running at once, and the
page's addresses taken from the public address (or the browser's ``Host``), never from the
address the server binds. Imported only when ``kiosk serve`` runs.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit

import aiohttp_jinja2
from aiohttp import web
from textual_serve.server import Server, to_int

log = logging.getLogger(__name__)

BUSY_PAGE = """<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Kiosque occupé</title></head>
<body style="font-family: sans-serif; font-size: 1.5em; margin: 2em">
<h1>Le kiosque est occupé</h1>
<p>Toutes les places sont prises ({count} sur {count}). Réessayez dans quelques minutes.</p>
<p lang="en">The kiosk is busy. Please try again in a few minutes.</p>
</body></html>
"""


def origin_of(url: str) -> str:
    """``scheme://host[:port]`` of an address, lower-case, default ports left out."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        return ""
    if port is None or (scheme, port) in (("http", 80), ("https", 443)):
        return f"{scheme}://{host}"
    return f"{scheme}://{host}:{port}"


class KioskServer(Server):
    """One kiosk process per browser connection, from the kiosk's own page only."""

    def __init__(self, command: str, *, host: str, port: int, title: str,
                 public_url: str | None, max_sessions: int) -> None:
        super().__init__(command, host=host, port=port, title=title, public_url=public_url)
        #: --public-url as given (None: each browser's own address, from its Host header).
        self.fixed_public_url = public_url
        self.max_sessions = max_sessions
        #: Kiosk processes running now (one per open WebSocket).
        self.sessions = 0

    def public_url_for(self, request: web.Request) -> str:
        """Where this browser reaches the kiosk: --public-url, else the address it asked for."""
        if self.fixed_public_url:
            return self.fixed_public_url
        return f"{request.scheme}://{request.host}"

    def origin_allowed(self, request: web.Request) -> bool:
        """Whether the WebSocket comes from a page of the kiosk's own address."""
        origin = request.headers.get("Origin", "")
        return bool(origin) and origin_of(origin) == origin_of(self.public_url_for(request))

    def busy(self) -> web.HTTPServiceUnavailable:
        return web.HTTPServiceUnavailable(content_type="text/html",
                                          text=BUSY_PAGE.format(count=self.max_sessions))

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        """The page, whose addresses are the public ones; the busy page when full."""
        if self.sessions >= self.max_sessions:
            raise self.busy()
        public = self.public_url_for(request)
        router = request.app.router
        static = f"{public}{router['static'].url_for(filename='/')}".rstrip("/") + "/"
        websocket = f"{public}{router['websocket'].url_for()}"
        websocket = ("wss:" if public.startswith("https") else "ws:") + websocket.split(":", 1)[1]
        context: dict[str, Any] = {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": websocket,
            "config": {"static": {"url": static}},
            "application": {"name": self.title},
        }
        return aiohttp_jinja2.render_template("app_index.html", request, context)

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """Refuse other sites' pages and connections past the limit, then run a kiosk."""
        if not self.origin_allowed(request):
            log.warning("refused a connection from origin %r", request.headers.get("Origin"))
            raise web.HTTPForbidden(text="This kiosk accepts connections from its own page only.")
        if self.sessions >= self.max_sessions:
            raise self.busy()
        self.sessions += 1
        try:
            return await super().handle_websocket(request)
        finally:
            self.sessions -= 1
