"""What an admin can do from the pages: silence a speaker (or rule), end a silence, retry a
delivery. Each is a POST carrying the session's CSRF token, then a redirect back (so a reload
does not repeat it). Retrying only makes the delivery due: the service's sweep sends it."""
from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi import Path as PathParam
from fastapi.responses import RedirectResponse, Response

from web import auth
from web.app import admin, check_csrf

router = APIRouter()
ROW_ID_MAX = 2**63 - 1


def _back(message: str) -> Response:
    return RedirectResponse("/alerts?" + urlencode({"done": message[:300]}), status_code=303)


@router.post("/alerts/silence")
async def silence(request: Request, who: auth.Principal = Depends(admin)) -> Response:
    from alerts.quiet import parse_duration
    from alerts.rules import load_rules
    from alerts.silences import add, describe, resolve_speaker
    from config.leaders import load_leaders
    from storage.db import session_scope

    form = await check_csrf(request)
    speaker = str(form.get("speaker") or "").strip()
    rule = str(form.get("rule") or "").strip() or None
    reason = str(form.get("reason") or "").strip()[:500] or None
    try:
        span = parse_duration(str(form.get("duration") or "1d"))
        speaker_id = resolve_speaker(speaker, load_leaders()) if speaker else None
        if rule is not None and rule not in {r.id for r in load_rules()}:
            raise ValueError(f"unknown rule {rule!r}")
        if not speaker_id and not rule:
            raise ValueError("choose a speaker, a rule, or both")
    except ValueError as e:
        return _back(f"not silenced: {e}")
    with session_scope() as s:
        row = add(s, speaker_id=speaker_id, rule_id=rule, duration=span,
                  reason=f"{reason or 'from the web app'} (by {who.name})")
        return _back(describe(row))


@router.post("/silences/{silence_id}/remove")
async def unsilence(request: Request, silence_id: int = PathParam(ge=1, le=ROW_ID_MAX),
                    who: auth.Principal = Depends(admin)) -> Response:
    from alerts.silences import remove
    from storage.db import session_scope

    await check_csrf(request)
    with session_scope() as s:
        ok = remove(s, silence_id)
    return _back(f"silence {silence_id} removed" if ok else f"no silence {silence_id}")


@router.post("/deliveries/{delivery_id}/retry")
async def retry(request: Request, delivery_id: int = PathParam(ge=1, le=ROW_ID_MAX),
                who: auth.Principal = Depends(admin)) -> Response:
    from alerts.engine import retry as make_due
    from storage.db import session_scope

    await check_csrf(request)
    try:
        with session_scope() as s:
            make_due(s, delivery_id)
    except (LookupError, ValueError) as e:
        return _back(f"not retried: {e.args[0]}")
    return _back(f"delivery {delivery_id} is due again; the service sends it within a minute")
