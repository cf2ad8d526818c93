"""Text, HTML and Slack renderings of an `AlertMessage`. Pure functions, no I/O but templates.

Every string of an alert except the fixed labels may come from a scraped page, so each
rendering makes it inert for its medium:

- everything: control characters (terminal escapes, NUL, bidi overrides) are removed;
- email headers / console lines: one line, truncated (`one_line`);
- HTML: Jinja2 autoescape; links only for http(s) URLs (`safe_url`);
- Slack mrkdwn: &, < and > escaped (`slack_escape`), so `<!channel>`, `<!here>`, `<@U123>`
  and `<https://evil|label>` are shown, never interpreted; texts fitted to Block Kit limits.

The digest reuses these pieces: `jinja_env()` (with the `alert_card` macro in
`templates/_alert.html`), `alert_context`, `render_text`, `slack_alert_blocks`, `slack_escape`,
`slack_fit` and `clamp_blocks`.
"""
from __future__ import annotations

import re
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from alerts.message import AlertMessage

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
ELLIPSIS = "…"

SUBJECT_MAX = 150  # characters; long subjects are cut by clients anyway
CONSOLE_MAX = 240

# Block Kit limits (https://api.slack.com/reference/block-kit/blocks).
SLACK_HEADER_MAX = 150
SLACK_SECTION_MAX = 3000
SLACK_FIELD_MAX = 2000
SLACK_FIELDS_MAX = 10
SLACK_CONTEXT_TEXT_MAX = 2000
SLACK_CONTEXT_ELEMENTS_MAX = 10
SLACK_BLOCKS_MAX = 50
SLACK_FALLBACK_MAX = 4000

SEVERITY_EMOJI = {"critical": ":rotating_light:", "warning": ":warning:", "info": ":information_source:"}

# C0/C1 controls except tab and newline, and the Unicode bidi embeddings/overrides/isolates
# that can make a quote read differently from what it says.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_ANY_BREAK = re.compile(r"[\s\u2028\u2029\x85]+")
_LANG = re.compile(r"^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$")
_CID = re.compile(r"^[A-Za-z0-9._@-]{1,100}$")


# ---------------------------------------------------------------------------------------------
# plain-text hygiene


def clean(value: object) -> str:
    """A scraped string with line endings normalised and control characters removed."""
    if value is None:
        return ""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)


def truncate(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters, ending in an ellipsis when cut."""
    if limit <= 0:
        return ""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rstrip() + ELLIPSIS


def one_line(value: object, limit: int | None = None) -> str:
    """One line (every run of whitespace, CR, LF, U+2028... becomes one space), truncated."""
    text = _ANY_BREAK.sub(" ", clean(value)).strip()
    return truncate(text, limit) if limit is not None else text


def safe_url(url: object) -> str | None:
    """The URL if it is an absolute http(s) URL without whitespace or control characters."""
    text = str(url or "").strip()
    if not text or _CONTROL.search(text) or any(c.isspace() for c in text):
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return text


def safe_lang(lang: object) -> str:
    """A BCP 47-looking language tag, or "und"."""
    text = str(lang or "").strip()
    return text if _LANG.match(text) else "und"


def safe_cid(cid: str) -> str:
    """A Content-ID usable in `cid:` URLs and headers; raises ValueError otherwise."""
    if not _CID.match(cid):
        raise ValueError(f"invalid inline image content id: {cid!r}")
    return cid


def _parse_time(iso: str | None) -> datetime | None:
    if not iso:
        return None
    try:
        return datetime.fromisoformat(str(iso).replace("Z", "+00:00"))
    except ValueError:
        return None


def format_time(iso: str | None) -> str:
    """`2024-05-01 10:02 UTC+03:00` for an ISO 8601 time; the cleaned input if unparseable."""
    when = _parse_time(iso)
    if when is None:
        return one_line(iso, 64) if iso else "unknown"
    text = when.strftime("%Y-%m-%d %H:%M")
    if when.tzinfo is not None:
        offset = when.strftime("%z")
        text += " UTC" if offset in ("+0000", "-0000") else f" UTC{offset[:3]}:{offset[3:]}"
    return text


def _lag(published: str | None, first_seen: str | None) -> str | None:
    """How long after publication Mouthpiece first saw the article, e.g. "12 min"."""
    start, end = _parse_time(published), _parse_time(first_seen)
    if start is None or end is None or (start.tzinfo is None) != (end.tzinfo is None):
        return None
    seconds = (end - start).total_seconds()
    if seconds < 0:
        return None
    minutes = int(seconds // 60)
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    return f"{hours // 24} days"


# ---------------------------------------------------------------------------------------------
# the alert's content, cleaned


def alert_context(msg: AlertMessage) -> dict[str, Any]:
    """The cleaned values every rendering shows (still to be escaped for HTML or Slack)."""
    quote_text = clean(msg.quote_text).strip()
    return {
        "severity": one_line(msg.severity, 20) or "info",
        "rule_id": one_line(msg.rule_id, 200),
        "rule_name": one_line(msg.rule_name, 300),
        "speaker": one_line(msg.speaker, 200) or "Unknown speaker",
        "speaker_role": one_line(msg.speaker_role, 300) if msg.speaker_role else None,
        "quote_text": quote_text,
        "quote_type": one_line(msg.quote_type, 40) or "quote",
        "lang": safe_lang(msg.lang),
        "topics": [t for t in (one_line(t, 100) for t in msg.topics) if t],
        "source_name": one_line(msg.source_name, 200) or "unknown source",
        "url": one_line(msg.url, 2000),
        "safe_url": safe_url(msg.url),
        "article_title": one_line(msg.article_title, 500),
        "published": format_time(msg.published_at) if msg.published_at else "unknown",
        "first_seen": format_time(msg.first_seen_at),
        "lag": _lag(msg.published_at, msg.first_seen_at),
        "novelty_reason": clean(msg.novelty_reason).strip(),
        "also_reported_by": [s for s in (one_line(s, 200) for s in msg.also_reported_by) if s],
        "echoes": [echo_context(e) for e in (msg.echoes or [])[:5] if isinstance(e, dict)],
        "idempotency_key": one_line(msg.idempotency_key, 300),
    }


def echo_context(e: dict[str, Any]) -> dict[str, Any]:
    """One echo, cleaned: `line` reads "echoes Vladimir Putin, 4 days earlier: «...»"."""
    speaker = one_line(e.get("speaker"), 200) or "unknown speaker"
    lag = one_line(e.get("lag"), 40) or "shortly"
    text = one_line(e.get("text"), 240)
    frames = [f for f in (one_line(f, 80) for f in e.get("frames") or []) if f]
    return {"line": f"echoes {speaker}, {lag} earlier: \u00ab{text}\u00bb", "speaker": speaker, "lag": lag,
            "text": text, "url": one_line(e.get("url"), 2000), "safe_url": safe_url(e.get("url")), "frames": frames}


def email_subject(msg: AlertMessage) -> str:
    """`[warning] Alexander Lukashenko on NATO, Ukraine: “...”`, one line, <= SUBJECT_MAX."""
    ctx = alert_context(msg)
    topics = ", ".join(ctx["topics"]) or "a new statement"
    head = one_line(f"[{ctx['severity']}] {ctx['speaker']} on {topics}:", SUBJECT_MAX - 20)
    room = SUBJECT_MAX - len(head) - 3
    return f"{head} “{one_line(ctx['quote_text'], room)}”"


def console_line(msg: AlertMessage) -> str:
    """One printable line for the console: severity, speaker, topics, quote, link."""
    ctx = alert_context(msg)
    topics = ",".join(ctx["topics"]) or "-"
    quote_room = max(40, CONSOLE_MAX - 100)
    line = (
        f"ALERT [{ctx['severity']}] {ctx['speaker']} ({topics}) "
        f"“{one_line(ctx['quote_text'], quote_room)}” {ctx['source_name']} {ctx['url']}"
    )
    if ctx["echoes"]:
        line += " | " + one_line(ctx["echoes"][0]["line"], 200)
    return one_line(line, CONSOLE_MAX + 400)


# ---------------------------------------------------------------------------------------------
# email (Jinja2 templates; HTML autoescaped)


@lru_cache(maxsize=1)
def jinja_env() -> Environment:
    """The templates environment: `.html` templates autoescaped, undefined names an error."""
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=select_autoescape(enabled_extensions=("html", "htm", "xml"), default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["one_line"] = one_line
    return env


def render_text(msg: AlertMessage, *, unsubscribe: str | None = None) -> str:
    """The plain-text rendering (email text part, outbox .txt, Apprise body)."""
    return jinja_env().get_template("alert_email.txt").render(a=alert_context(msg), unsubscribe=unsubscribe)


def render_html(msg: AlertMessage, *, unsubscribe: str | None = None) -> str:
    """The HTML email rendering: every scraped string escaped, links only for http(s)."""
    return jinja_env().get_template("alert_email.html").render(
        a=alert_context(msg), subject=email_subject(msg), unsubscribe=unsubscribe
    )


# ---------------------------------------------------------------------------------------------
# Slack (Block Kit, mrkdwn)

_BROADCAST = re.compile(r"@(channel|here|everyone)", re.IGNORECASE)  # no \\b: a cut may end a word


def slack_escape(value: object) -> str:
    """Scraped text made inert for Slack: &, <, > escaped, `@channel`-style words defused.

    Slack only turns `<!channel>`, `<@U123>` and `<url|label>` into pings and links when the
    angle brackets are literal; escaped, they are shown as typed. A word joiner after the `@`
    of `@channel`/`@here`/`@everyone` keeps them from pinging in clients that parse bare words.
    """
    text = clean(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _BROADCAST.sub("@\u2060\\1", text)


def slack_fit(value: object, limit: int) -> str:
    """`slack_escape(value)` cut to at most `limit` characters, never inside an entity."""
    text = slack_escape(value)
    if len(text) <= limit:
        return text
    return _cut_escaped(text, limit)


def _cut_escaped(text: str, limit: int) -> str:
    """Cut already-escaped mrkdwn to `limit` characters (ellipsis included) at a safe point:
    never inside an `&...;` entity or a `<...>` link token."""
    if limit <= 0:
        return ""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    amp = cut.rfind("&")
    if amp != -1 and ";" not in cut[amp:]:
        cut = cut[:amp]
    lt = cut.rfind("<")
    if lt != -1 and ">" not in cut[lt:]:
        cut = cut[:lt]
    return cut.rstrip() + ELLIPSIS


def slack_plain(value: object, limit: int) -> str:
    """For `plain_text` objects (header): one line, escaped, fitted."""
    return slack_fit(one_line(value), limit)


def slack_link(url: object, label: object, limit: int = SLACK_FIELD_MAX) -> str:
    """`<url|label>` for an http(s) URL (label escaped, URL made unambiguous), else the label."""
    good = safe_url(url)
    if good is None:
        return slack_fit(one_line(label), limit)
    # Inside <...> a URL must not contain <, >, | or whitespace; & is written &amp;.
    href = quote(good, safe="/:?#[]@!$'()*+,;=%&~-._").replace("&", "&amp;")
    room = limit - len(href) - 3
    if room < 10:
        return slack_fit(one_line(label), limit)
    return f"<{href}|{slack_fit(one_line(label) or good, room)}>"


def _blockquote(escaped: str) -> str:
    """Prefix every line with Slack's quote marker (the text is already escaped)."""
    return "\n".join(">" + line for line in escaped.split("\n"))


def slack_fallback_text(msg: AlertMessage) -> str:
    """The top-level `text` (notifications, screen readers): one line, escaped, <= 4000."""
    ctx = alert_context(msg)
    topics = ", ".join(ctx["topics"]) or "a new statement"
    line = f"[{ctx['severity']}] {ctx['speaker']} on {topics}: “{one_line(ctx['quote_text'])}”"
    return slack_fit(line, SLACK_FALLBACK_MAX)


def slack_alert_blocks(msg: AlertMessage) -> list[dict[str, Any]]:
    """The Block Kit blocks of one alert, every scraped string escaped and within limits."""
    ctx = alert_context(msg)
    emoji = SEVERITY_EMOJI.get(ctx["severity"], ":speech_balloon:")
    blocks: list[dict[str, Any]] = [
        {
            "type": "header",
            "text": {"type": "plain_text", "emoji": True, "text": slack_plain(
                f"{emoji} {ctx['severity'].upper()}: {ctx['speaker']}", SLACK_HEADER_MAX)},
        }
    ]
    who = f"*{slack_fit(ctx['speaker'], 300)}*"
    if ctx["speaker_role"]:
        who += f", {slack_fit(ctx['speaker_role'], 300)}"
    who += f" — {slack_fit(ctx['quote_type'], 40)} quote ({ctx['lang']})"
    quote_room = SLACK_SECTION_MAX - len(who) - 2
    # Fit the quote first, then prefix each line with ">" (one char per line, budgeted).
    quote = slack_escape(ctx["quote_text"]) or "(empty)"
    lines = quote.count("\n") + 1
    quote = _cut_escaped(quote, max(20, quote_room - lines))
    blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": f"{who}\n{_blockquote(quote)}"}})

    fields = [
        f"*Topics*\n{slack_fit(', '.join(ctx['topics']) or '—', SLACK_FIELD_MAX - 20)}",
        f"*Source*\n{slack_fit(ctx['source_name'], 300)}: "
        + slack_link(ctx["safe_url"], ctx["article_title"] or ctx["url"], SLACK_FIELD_MAX - 330),
        f"*Published*\n{slack_fit(ctx['published'], 100)}",
        f"*First seen*\n{slack_fit(ctx['first_seen'], 100)}"
        + (f" ({slack_fit(ctx['lag'], 40)} later)" if ctx["lag"] else ""),
        f"*Rule*\n{slack_fit(ctx['rule_name'] or ctx['rule_id'], 1000)} ({slack_fit(ctx['severity'], 20)})",
    ]
    blocks.append({"type": "section", "fields": [{"type": "mrkdwn", "text": f} for f in fields]})
    if ctx["novelty_reason"]:
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": "*Why new:* " + slack_fit(
            ctx["novelty_reason"], SLACK_SECTION_MAX - 20)}})
    for e in ctx["echoes"]:
        line = slack_fit(e["line"], SLACK_SECTION_MAX - 400)
        if e["frames"]:
            line += " _(" + slack_fit(", ".join(e["frames"]), 200) + ")_"
        if e["safe_url"]:
            line += " " + slack_link(e["safe_url"], "source", 300)
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": "*Echo:* " + line}})
    if ctx["also_reported_by"]:
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": "Also reported by: " + slack_fit(
            ", ".join(ctx["also_reported_by"]), SLACK_CONTEXT_TEXT_MAX - 30)}]})
    return blocks


def clamp_blocks(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A copy of `blocks` within Block Kit's limits: at most 50 blocks (the last replaced by a
    note of how many were left out), header <= 150, section text <= 3000, fields <= 10 of
    <= 2000, context <= 10 elements. Texts are assumed already escaped; cuts keep entities
    and `<...>` tokens whole."""
    out: list[dict[str, Any]] = []
    for block in blocks:
        b = dict(block)
        kind = b.get("type")
        if kind == "header" and isinstance(b.get("text"), dict):
            b["text"] = _clamp_text(b["text"], SLACK_HEADER_MAX)
        elif kind == "section":
            if isinstance(b.get("text"), dict):
                b["text"] = _clamp_text(b["text"], SLACK_SECTION_MAX)
            if isinstance(b.get("fields"), list):
                b["fields"] = [_clamp_text(f, SLACK_FIELD_MAX) for f in b["fields"][:SLACK_FIELDS_MAX]]
        elif kind == "context" and isinstance(b.get("elements"), list):
            b["elements"] = [
                _clamp_text(e, SLACK_CONTEXT_TEXT_MAX) if e.get("type") in ("mrkdwn", "plain_text") else e
                for e in b["elements"][:SLACK_CONTEXT_ELEMENTS_MAX]
            ]
        out.append(b)
    if len(out) > SLACK_BLOCKS_MAX:
        left_out = len(out) - (SLACK_BLOCKS_MAX - 1)
        out = out[: SLACK_BLOCKS_MAX - 1]
        out.append({"type": "context", "elements": [
            {"type": "mrkdwn", "text": f"{ELLIPSIS} and {left_out} more blocks not shown"}]})
    return out


def _clamp_text(obj: dict[str, Any], limit: int) -> dict[str, Any]:
    text = obj.get("text")
    if isinstance(text, str) and len(text) > limit:
        return {**obj, "text": _cut_escaped(text, limit)}
    return obj


def clamp_fallback(text: str) -> str:
    """A top-level fallback text (already escaped) cut to Slack's 4000 characters."""
    return _cut_escaped(text, SLACK_FALLBACK_MAX)
