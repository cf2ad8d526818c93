"""Mentions made inert: scraped text must never ping anyone (issue 11).

Chat services turn some plain text into notifications:

- Slack: `<!channel>`, `<!here>`, `<!everyone>`, `<!subteam^ID>`, `<@U123>` (and, in clients
  that parse bare words, `@channel`, `@here`);
- Discord: `@everyone`, `@here`, `<@123>`, `<@!123>`, `<@&role>`, `<#channel>` - Apprise sends
  no `allowed_mentions`, so Discord would honour them;
- Telegram: `@username`;
- Microsoft Teams: `<at>Name</at>`;
- Matrix: `@room`, `@user:server`;
- email and the outbox have no mentions (their HTML is escaped elsewhere).

`neutralise` puts a word joiner (U+2060, invisible) right after the `@`, `<` or `!` that
starts such a token, which every one of these services then shows as typed instead of
resolving. Addresses (`name@example.org`) and URLs are left as they are, so links still work.
Slack needs no more than `alerts.render.slack_escape` (its tokens need literal angle brackets,
which it escapes, and a word joiner defuses bare `@channel`/`@here`/`@everyone`); Apprise, which
reaches all the others with plain text, calls `neutralise` on its title and body."""
from __future__ import annotations

import re

WJ = "\u2060"  # WORD JOINER: zero width, not a space, breaks mention parsing
_URL = re.compile(r"(?:https?|ftp|mailto|tg)://\S+|www\.\S+", re.IGNORECASE)
# an @ that starts a word (not inside name@example.org), followed by what a handle starts with
_AT_WORD = re.compile(r"(?<![\w.+-])@(?=[\w\u0400-\u04ff])")
# <@..>, <!..>, <#..>, <at> (Slack, Discord, Teams markup)
_ANGLE = re.compile(r"<(?=[@!#]|at\b|/at>)", re.IGNORECASE)
# fullwidth and small commercial at are read as @ by some clients
_AT_LIKE = re.compile(r"[\uff20\ufe6b](?=\w)")


def _defuse(text: str) -> str:
    text = _ANGLE.sub("<" + WJ, text)
    text = _AT_WORD.sub("@" + WJ, text)
    return _AT_LIKE.sub(lambda m: m.group(0) + WJ, text)


def neutralise(value: object) -> str:
    """`value` as text with every mention token defused; URLs untouched."""
    text = "" if value is None else str(value)
    if "@" not in text and "<" not in text and "\uff20" not in text and "\ufe6b" not in text:
        return text
    out: list[str] = []
    pos = 0
    for m in _URL.finditer(text):
        out.append(_defuse(text[pos:m.start()]))
        out.append(m.group(0))
        pos = m.end()
    out.append(_defuse(text[pos:]))
    return "".join(out)
