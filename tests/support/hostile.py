"""The hostile fixture site (tests/sites/hostile/, issue 11), served on 127.0.0.1.

Its feed lists pages that attack the crawler: canonical hijacks of another source's article,
redirects and a meta refresh to private addresses in every spelling (decimal, hex, octal,
IPv6-mapped, `localhost.`, Redis's port, cloud metadata), ReDoS bait, a UTF-8 page with a stray
byte, a 200 MB body streamed forever, a slow-loris response (one byte a second), 10,000 levels
of nesting, mention bait for every chat service, and invisible text. The static pages live in
tests/sites/hostile/; what needs ports or streaming is made here."""
from __future__ import annotations

import time
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mouthpiece.sites import SITES_DIR, FixtureSite, Override

HOSTILE_DIR = SITES_DIR / "hostile"
HUGE_BYTES = 200 * 1024 * 1024
SLOW_SECONDS = 120  # the slow-loris page would take this long; the crawler must give up first
DEEP = 10_000


class HostileSite(FixtureSite):
    """Serves tests/sites/hostile with {{VICTIM}} (the victim source's base URL) and {{SECRET}}
    (a private service on another port of 127.0.0.1) filled in."""

    def __init__(self, victim_base: str, secret_base: str, root: Path = HOSTILE_DIR) -> None:
        super().__init__(root)
        secret_port = urlsplit(secret_base).port
        self.replacements.update({"{{VICTIM}}": victim_base, "{{SECRET}}": secret_base,
                                  "{{SECRET_PORT}}": str(secret_port)})
        to = f":{secret_port}/secret.html"
        for name, location in {
            "decimal": f"http://2130706433{to}", "hex": f"http://0x7f000001{to}",
            "octal": f"http://0177.0.0.1{to}", "mapped": f"http://[::ffff:127.0.0.1]{to}",
            "localhost-dot": f"http://localhost.{to}", "redis": "http://127.0.0.1:6379/",
            "metadata": "http://169.254.169.254/latest/meta-data/",
        }.items():
            self.overrides[f"/r/{name}"] = Override(302, {"Location": location})
        deep = ("<html><head><title>Deep</title></head><body>" + "<div>" * DEEP
                + "<p>“NATO is near,” Lukashenko said deep inside.</p>" + "</div>" * DEEP + "</body></html>")
        self.routes["/deep.html"] = lambda q: (200, {"Content-Type": "text/html; charset=utf-8"}, deep.encode())
        self.streamed: dict[str, int] = {}  # path -> bytes sent before the client gave up
        # a crawler hanging up on the 200 MB body or the slow-loris is the point: no tracebacks
        self.server.handle_error = lambda request, client_address: None  # type: ignore[method-assign]

    def _handle(self, h: BaseHTTPRequestHandler, head: bool = False) -> None:
        path = urlsplit(h.path).path
        if path == "/huge.html":
            return self._huge(h)
        if path == "/slow.html":
            return self._slow(h)
        return super()._handle(h, head)

    def _huge(self, h: BaseHTTPRequestHandler) -> None:
        """200 MB of article-looking HTML, announced honestly, streamed as fast as it goes."""
        h.send_response(200)
        h.send_header("Content-Type", "text/html; charset=utf-8")
        h.send_header("Content-Length", str(HUGE_BYTES))
        h.end_headers()
        chunk = (b"<p>Lukashenko said NATO is near. " + b"x" * 990 + b"</p>\n") * 64
        sent = 0
        try:
            while sent < HUGE_BYTES:
                piece = chunk[: HUGE_BYTES - sent]
                h.wfile.write(piece)
                sent += len(piece)
        except OSError:  # the crawler hung up: what it should do
            pass
        finally:
            self.streamed["/huge.html"] = sent
            self._record("GET", "/huge.html", 200)

    def _slow(self, h: BaseHTTPRequestHandler) -> None:
        """Headers at once, then the body one byte a second for SLOW_SECONDS."""
        h.send_response(200)
        h.send_header("Content-Type", "text/html; charset=utf-8")
        h.send_header("Content-Length", str(SLOW_SECONDS))
        h.end_headers()
        sent = 0
        try:
            for _ in range(SLOW_SECONDS):
                h.wfile.write(b"<")
                h.wfile.flush()
                sent += 1
                time.sleep(1)
        except OSError:
            pass
        finally:
            self.streamed["/slow.html"] = sent
            self._record("GET", "/slow.html", 200)


def secret_service(root: Path) -> FixtureSite:
    """Another local service (an admin page on another port): nothing may reach it."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "secret.html").write_text(
        "<html><head><title>SECRET admin page</title></head><body><article>"
        + "<p>SECRET internal data that must never be stored as an article, whatever links to it.</p>" * 5
        + "</article></body></html>", encoding="utf-8")
    return FixtureSite(root)


def hostile_source(base: str, **kw: Any) -> dict[str, Any]:
    return {"id": "hostile", "name": "Hostile Herald", "kind": "state_media", "country": "BY",
            "discovery": [{"type": "feed", "url": base + "/feed.xml"}], "allow_private": True,
            "download_delay": 0, **kw}
