"""Logging in and out. Failed logins are limited per client address and per name (web/auth.py)."""
from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from web import auth
from web.app import check_csrf, client_host, csrf_token, render

router = APIRouter()


def _next(value: object) -> str:
    """Only a path on this site (never //host or a scheme) may be the target after login."""
    target = str(value or "/")
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


@router.get("/login")
def login_page(request: Request, next: str = "/") -> Response:
    csrf_token(request)
    return render(request, "login.html", title="Log in", next=_next(next), error=None)


@router.post("/login")
async def login(request: Request) -> Response:
    from storage.db import session_scope

    form = await check_csrf(request)
    name, password = str(form.get("name") or "").strip(), str(form.get("password") or "")
    target = _next(form.get("next"))
    limiter: auth.LoginLimiter = request.app.state.limiter
    client = client_host(request)
    wait = limiter.retry_after(client, name)
    if wait > 0:
        return render(request, "login.html", status_code=429, title="Log in", next=target,
                      error=f"Too many failed logins: try again in {int(wait // 60) + 1} minute(s).")
    with session_scope() as s:
        user = auth.verify(s, name, password)
        if user is None:
            limiter.failed(client, name)
            return render(request, "login.html", status_code=401, title="Log in", next=target,
                          error="Wrong name or password.")
        who, version = user.name, user.session_version
    limiter.succeeded(client, name)
    request.session.clear()  # a new session (and CSRF token) at login: no fixation
    request.session.update({"user": who, "v": version, "csrf": auth.new_token()})
    return RedirectResponse(target, status_code=303)


@router.post("/logout")
async def logout(request: Request) -> Response:
    await check_csrf(request)
    request.session.clear()
    return RedirectResponse("/login", status_code=303)
