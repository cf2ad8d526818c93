"""A real HTTP server for fixture websites on 127.0.0.1 (tests, benchmarks, `mouthpiece demo`).

It serves a directory, replacing `{{BASE}}` in text files with its own base URL so feeds can
link to their articles, and answers conditional GETs (ETag / If-None-Match, Last-Modified /
If-Modified-Since) the way a well-behaved news site does. Every request is recorded."""
from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

REPO_ROOT = Path(__file__).resolve().parents[1]
SITES_DIR = REPO_ROOT / "tests" / "sites"

TYPES = {".xml": "application/xml; charset=utf-8", ".html": "text/html; charset=utf-8",
         ".htm": "text/html; charset=utf-8", ".txt": "text/plain; charset=utf-8",
         ".json": "application/json", ".atom": "application/atom+xml; charset=utf-8"}


@dataclass
class Override:
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    times: int = 1_000_000


class FixtureSite:
    """Serve `root` on 127.0.0.1:port (0 = any free port) in a background thread."""

    def __init__(self, root: str | Path, port: int = 0, mtime: float = 1764150000.0) -> None:
        self.root = Path(root)
        self.requests: list[tuple[str, str, int]] = []  # (method, path, status)
        self.user_agents: list[str] = []
        self.overrides: dict[str, Override] = {}
        self.content_types: dict[str, str] = {}
        # dynamic pages: path -> handler(query) -> (status, headers, body), e.g. a Telegram channel
        self.routes: dict[str, Callable[[dict[str, list[str]]], tuple[int, dict[str, str], bytes]]] = {}
        self.mtime = mtime  # fixed Last-Modified so conditional GET is deterministic
        # more {{NAME}} -> value substitutions in served text files (e.g. another site's base URL)
        self.replacements: dict[str, str] = {}
        self._lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:  # keep test output quiet
                pass

            def do_GET(self) -> None:
                site._handle(self)

            def do_HEAD(self) -> None:
                site._handle(self, head=True)

        # a site with a channel.yaml is a Telegram channel's web preview (mouthpiece/telegram_site.py)
        self.channels: dict[str, Any] = {}
        if (self.root / "channel.yaml").is_file():
            from mouthpiece.telegram_site import TelegramChannel

            ch = TelegramChannel.load(self.root / "channel.yaml")
            self.channels[ch.name] = ch
            self.routes[f"/s/{ch.name}"] = ch.handle
        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}"

    def url(self, path: str) -> str:
        return self.base + "/" + path.lstrip("/")

    def start(self) -> FixtureSite:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self) -> FixtureSite:
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    def paths_requested(self) -> list[str]:
        with self._lock:
            return [p for _, p, _ in self.requests]

    def reset_log(self) -> None:
        with self._lock:
            self.requests.clear()

    def _record(self, method: str, path: str, status: int) -> None:
        with self._lock:
            self.requests.append((method, path, status))

    def _handle(self, h: BaseHTTPRequestHandler, head: bool = False) -> None:
        path = urlsplit(h.path).path
        with self._lock:
            self.user_agents.append(h.headers.get("User-Agent", ""))
        ov = self.overrides.get(path)
        if ov and ov.times > 0:
            ov.times -= 1
            self._send(h, ov.status, ov.body, ov.headers, head)
            self._record(h.command, path, ov.status)
            return
        route = self.routes.get(path)
        if route is not None:
            status, headers, body = route(parse_qs(urlsplit(h.path).query))
            self._send(h, status, body, headers, head)
            self._record(h.command, h.path, status)
            return
        rel = path.lstrip("/") or "index.html"
        f = (self.root / rel).resolve()
        if f.is_dir():
            f = f / "index.html"
        if self.root.resolve() not in f.parents or not f.is_file():
            self._send(h, 404, b"not found", {"Content-Type": "text/plain"}, head)
            self._record(h.command, path, 404)
            return
        data = f.read_bytes()
        ctype = self.content_types.get(path) or TYPES.get(f.suffix, "application/octet-stream")
        if "charset=utf-8" in ctype or f.suffix in (".xml", ".html", ".txt"):
            try:
                data = data.decode("utf-8").replace("{{BASE}}", self.base).encode("utf-8")
            except UnicodeDecodeError:  # kept byte for byte (a page with a broken encoding)
                data = data.replace(b"{{BASE}}", self.base.encode())
            for name, value in self.replacements.items():
                data = data.replace(name.encode(), value.encode())
        etag = '"' + hashlib.sha1(data).hexdigest()[:16] + '"'
        last_mod = formatdate(max(self.mtime, f.stat().st_mtime if f.name.endswith(".xml") else 0),
                              usegmt=True)
        headers = {"Content-Type": ctype, "ETag": etag, "Last-Modified": last_mod}
        inm = h.headers.get("If-None-Match")
        ims = h.headers.get("If-Modified-Since")
        not_modified = inm == etag if inm else False
        if not inm and ims:
            try:
                not_modified = parsedate_to_datetime(ims) >= parsedate_to_datetime(last_mod)
            except (TypeError, ValueError):
                not_modified = False
        if not_modified:
            self._send(h, 304, b"", {"ETag": etag, "Last-Modified": last_mod}, head=True)
            self._record(h.command, path, 304)
            return
        self._send(h, 200, data, headers, head)
        self._record(h.command, path, 200)

    @staticmethod
    def _send(h: BaseHTTPRequestHandler, status: int, body: bytes, headers: dict[str, str],
              head: bool) -> None:
        h.send_response(status)
        for k, v in headers.items():
            h.send_header(k, v)
        h.send_header("Content-Length", str(0 if status == 304 else len(body)))
        h.end_headers()
        if not head and status != 304:
            h.wfile.write(body)
