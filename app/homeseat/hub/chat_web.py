"""The customer chat page, served over HTTP(S) by the hub's own listener.

websockets calls :func:`process_request` before each opening handshake, on the hub's loop
thread; for the page's paths it answers with the file instead of upgrading, every other path
continues as a WebSocket. The files are read once, at import; nothing is written.
"""

from __future__ import annotations

from pathlib import Path

from websockets.asyncio.server import ServerConnection
from websockets.http11 import Request, Response

__all__ = ["WEB_DIR", "PAGE_PATH", "process_request"]

#: The page's files (HTML, script, style), shipped inside the package.
WEB_DIR = Path(__file__).resolve().parent / "web"
#: Where customers open the page.
PAGE_PATH = "/chat/"

_TYPES = {".html": "text/html", ".js": "text/javascript", ".css": "text/css"}
_ROUTES = {
    "/chat": "index.html",
    "/chat/": "index.html",
    "/chat/chat.js": "chat.js",
    "/chat/chat.css": "chat.css",
}
_FILES = {name: (WEB_DIR / name).read_text(encoding="utf-8") for name in set(_ROUTES.values())}
# The page talks only to its own origin (the WebSocket included) and runs no inline script.
_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)


def process_request(connection: ServerConnection, request: Request) -> Response | None:
    """Serve the page's files; None lets the WebSocket handshake go on."""
    path = request.path.split("?", 1)[0]
    name = _ROUTES.get(path)
    if name is None:
        return None
    response = connection.respond(200, _FILES[name])
    headers = response.headers
    del headers["Content-Type"]
    headers["Content-Type"] = _TYPES[Path(name).suffix] + "; charset=utf-8"
    headers["Cache-Control"] = "no-store"
    headers["Content-Security-Policy"] = _CSP
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Referrer-Policy"] = "no-referrer"
    return response
