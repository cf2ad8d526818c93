"""The web app: `create_app()` builds it; `mouthpiece web` serves it with uvicorn.

Access (web/auth.py): with no users, only clients on this machine are served and act as admin;
with users, every page needs a login (signed HttpOnly SameSite=Lax session cookie), reading
needs `viewer` and actions `admin`. Every POST carries the session's CSRF token. Pages are
rendered on the server with Jinja2 autoescaping, so scraped text is always shown as text."""
from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote as urlquote

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.middleware.sessions import SessionMiddleware

from config.settings import Settings, get_settings
from web import auth
from web.views import fmt_time, query, safe_href

log = logging.getLogger("mouthpiece.web")
HERE = Path(__file__).resolve().parent
SESSION_COOKIE = "mouthpiece_session"
SESSION_HOURS = 12


class NeedLogin(Exception):
    pass


class Forbidden(Exception):
    def __init__(self, why: str) -> None:
        super().__init__(why)
        self.why = why


def _env() -> Environment:
    env = Environment(loader=FileSystemLoader(HERE / "templates"),
                      autoescape=select_autoescape(enabled_extensions=("html",), default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.globals.update(fmt_time=fmt_time, safe_href=safe_href, query=query, urlquote=urlquote)
    return env


TEMPLATES = _env()


def render(request: Request, template: str, status_code: int = 200, **ctx: Any) -> HTMLResponse:
    who: auth.Principal | None = getattr(request.state, "principal", None)
    html = TEMPLATES.get_template(template).render(request=request, who=who, csrf=csrf_token(request), **ctx)
    return HTMLResponse(html, status_code=status_code)


def csrf_token(request: Request) -> str:
    token = request.session.get("csrf")
    if not token:
        token = request.session["csrf"] = auth.new_token()
    return str(token)


def client_host(request: Request) -> str:
    return request.client.host if request.client else ""


def principal(request: Request) -> auth.Principal:
    """Who is asking, or NeedLogin / Forbidden. Stored on request.state for the templates."""
    from storage.db import session_scope
    from storage.models import User

    with session_scope() as s:
        if not auth.has_users(s):
            if not auth.is_loopback(client_host(request)):
                raise Forbidden("No users are configured, so this app serves this machine only. "
                                "Add one with `mouthpiece users add NAME`.")
            who = auth.LOCAL
        else:
            name, version = request.session.get("user"), request.session.get("v")
            row = s.get(User, name) if isinstance(name, str) else None
            if row is None or row.session_version != version:
                raise NeedLogin()
            who = auth.Principal(row.name, row.role)
    request.state.principal = who
    return who


def reader(request: Request) -> auth.Principal:
    return principal(request)


def admin(request: Request) -> auth.Principal:
    who = principal(request)
    if not who.admin:
        raise Forbidden(f"{who.name} is a viewer; this needs the admin role")
    return who


async def check_csrf(request: Request) -> dict[str, Any]:
    """The form of a POST, once its CSRF token matched the session's (else Forbidden)."""
    form = dict(await request.form())
    if not auth.token_ok(request.session.get("csrf"), str(form.get("csrf") or "")):
        raise Forbidden("the form's security token is missing or stale: reload the page and try again")
    return form


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    app = FastAPI(title="Mouthpiece", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.limiter = auth.LoginLimiter()
    app.add_middleware(SessionMiddleware, secret_key=auth.secret_key(settings.web_secret, settings.data_dir),
                       session_cookie=SESSION_COOKIE, max_age=SESSION_HOURS * 3600, same_site="lax",
                       https_only=settings.web_https)

    @app.middleware("http")
    async def headers(request: Request, call_next: Callable[[Request], Any]) -> Response:
        started = time.perf_counter()
        response: Response = await call_next(request)
        # the server's time to the response's headers (a page: all of it; an export: its start)
        response.headers["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.1f}"
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            "frame-ancestors 'self'; form-action 'self'; base-uri 'none'; object-src 'none'")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        return response

    @app.exception_handler(NeedLogin)
    async def need_login(request: Request, exc: NeedLogin) -> Response:
        wants_page = request.method == "GET" and "text/html" in request.headers.get("accept", "")
        if wants_page:
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            return RedirectResponse(f"/login?next={urlquote(target, safe='')}", status_code=303)
        return PlainTextResponse("login required", status_code=401, headers={"WWW-Authenticate": "Cookie"})

    @app.exception_handler(Forbidden)
    async def forbidden(request: Request, exc: Forbidden) -> Response:
        return render(request, "error.html", status_code=403, title="Not allowed", message=exc.why)

    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    from web import actions, login, pages

    app.include_router(login.router)
    app.include_router(pages.router)
    app.include_router(actions.router)

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> JSONResponse:
        """For the docker-compose health check: the app answers and storage is readable."""
        from sqlalchemy import text

        from storage.db import session_scope

        with session_scope() as s:
            s.execute(text("SELECT 1"))
        return JSONResponse({"ok": True})

    return app
