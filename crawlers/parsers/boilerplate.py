"""What news pages put in and around an article body that is not the article: the precision
side of body extraction (crawlers.parsers.generic.trafilatura_body).

Two passes, both conservative (they keep a block unless it is clearly furniture):
- `strip_furniture(doc)`, before extraction: elements whose class or id names a page-furniture
  role (newsletter sign-up, share bar, related links, "read also", donation box, author bio,
  tags, key-events digest of a live page, audio player, disclaimers) and that hold only a
  small part of the page's text, so a body container with an odd class name is never lost.
- `clean_paragraphs(paras, title)`, after extraction: the headline and a kicker repeated at
  the top, calls to action ("Subscribe ...", "Подписывайтесь ...", "Follow ..."), "Read more:"
  lines, publisher disclaimers and copyright lines, bare dates and times, and one-to-three-word
  lines repeated through the text ("Share"). Only short paragraphs are ever dropped this way.

The word lists come from how news sites label these blocks in English and Russian; they are
not tuned to any evaluation page."""
from __future__ import annotations

import re
import unicodedata

from lxml.html import HtmlElement

# class / id tokens of page furniture (matched against whole tokens split on - _ and spaces)
_FURNITURE = frozenset("""
newsletter newsletters subscribe subscription signup sign-up share sharing sharedaddy social
related relatedposts jp-relatedposts readalso read-also also-read recommended recirculation
donate donation support-box membership paywall promo promotion advert advertisement ads
author-bio author-box authorbio bio about-author tags tag-list article-tags keywords
key-events keyevents audio-player listen podcast-promo disclaimer copyright comments comment
breadcrumbs breadcrumb most-viewed most-read popular trending outbrain taboola
""".split())
_TOKEN_SPLIT = re.compile(r"[\s_]+")
_MAX_SHARE = 0.25  # furniture never holds more than this share of the page's text


def _tokens(el: HtmlElement) -> set[str]:
    raw = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
    toks = set(_TOKEN_SPLIT.split(raw)) - {""}
    # also the parts of hyphenated names: "article__tags", "c-newsletter-box"
    parts = {p for t in toks for p in re.split(r"-+|_+", t) if p}
    return toks | parts


def strip_furniture(doc: HtmlElement) -> int:
    """Remove furniture elements from `doc` (in place); returns how many were removed."""
    total = len(doc.text_content()) or 1
    prose = sum(len(p.text_content()) for p in doc.iter("p")) or 1
    doomed = []
    for el in doc.iter():
        if not isinstance(el.tag, str) or el.tag in ("html", "body", "main", "article"):
            continue
        toks = _tokens(el)
        if not toks or not toks & _FURNITURE:
            continue
        if len(el.text_content()) > _MAX_SHARE * total:
            continue  # too much text to be furniture: maybe the body's own container
        # a short article on a page of long menus: its container ("entry-content share-enabled")
        # holds little of the page's text but much of its paragraphs
        if sum(len(p.text_content()) for p in el.iter("p")) > _MAX_SHARE * prose:
            continue
        doomed.append(el)
    n = 0
    for el in doomed:
        if el.getparent() is not None and not any(a in doomed for a in el.iterancestors()):
            el.drop_tree()
            n += 1
    return n


_CALL = re.compile(
    r"^(subscribe|sign up|sign-up|follow (us|.{1,40}?:)|share (this|on|via)|support (us|independent|our (journalism|work|newsroom|reporting))|"
    r"donate|download (our|the) app|listen to (this|the) article|press play|read more:|read also|"
    r"see also|related:|more on this story|click here|join (us|our)|"
    r"подписывайтесь|подпишитесь|поддержите (нас|независим\w*|редакци\w*|проект|наш[уе]? (журналист|редакци|работ)\w*)|"
    r"читайте также|смотрите также|читайте нас|больше новостей|следите за (нашими )?новост\w*|"
    r"присоединяйтесь к нам|скачайте приложение|поделиться|"
    r"print( this)?( article| page)?$|printer[- ]friendly|версия для печати|"
    r"\d+\s*(-\s*)?min(ute)?s?\.? read$|\d+\s*мин(ут[аы]?)?\.? чтения$|время чтения)(?!\w)",
    re.I)
_DISCLAIMER = re.compile(
    r"(does not take (institutional|collective) positions|do not (necessarily )?(represent|reflect) (the views|those)|"
    r"views expressed (in this|here|are)|all rights reserved|при использовании материалов|"
    r"ссылка на .{1,40} обязательна|^©|^\(c\) |^copyright |voiced by artificial intelligence|"
    r"^source: .{1,60}(and|и) (news )?agencies|^updated (at|on) |^published on |^this article (has been|was) updated|"
    r"^заметили ошибку|^сообщить об опечатке)",
    re.I)
_MONTHS = ("jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|январ|феврал|март|апрел|ма[йя]|июн|июл|"
           "август|сентябр|октябр|ноябр|декабр")
_DATE_LINE = re.compile(
    rf"^[\W\d_]*((mon|tue|wed|thu|fri|sat|sun)\w*\.?,?\s*)?(\d{{1,2}}[./ ]\s*)?(({_MONTHS})\w*\.?\s*)?"
    r"\d{1,4}([./,]\s*\d{1,4})*\s*((at\s*)?\d{1,2}[:.]\d{2}(\s*[ap]\.?m\.?)?)?\s*(gmt|utc|cet|cest|msk|bst|[a-z]{2,4})?[\W_]*$",
    re.I)
_WORDS = re.compile(r"\w+", re.UNICODE)
_URL = re.compile(r"(?:https?://|www\.)\S+")


def _norm(s: str) -> str:
    return " ".join(_WORDS.findall(unicodedata.normalize("NFKC", s).lower()))


def is_boilerplate(para: str) -> bool:
    """A short paragraph that is a call to action, a disclaimer, a copyright line or a bare date."""
    words = len(_WORDS.findall(para))
    if words > 40:
        return False
    p = para.strip()
    # a footnote or link list: the line is mostly web addresses
    if words <= 30 and sum(len(u) for u in _URL.findall(p)) > 0.5 * len(p):
        return True
    # a call to action is a line or two; a longer paragraph starting "Follow ..." is prose
    return bool((words <= 20 and _CALL.search(p)) or _DISCLAIMER.search(p)
                or (words <= 8 and _DATE_LINE.match(p)))


def clean_paragraphs(paras: list[str], title: str | None = None) -> list[str]:
    out = [p for p in paras if p.strip()]
    # the headline repeated at the top, with a kicker ("Commentary", "Expert comment") before it
    t = _norm(title or "")
    if t:
        for i, p in enumerate(out[:3]):
            if _norm(p) == t and all(len(_WORDS.findall(q)) <= 4 for q in out[:i]):
                out = out[i + 1:]
                break
    out = [p for p in out if not is_boilerplate(p)]
    # a one-to-three-word line repeated through the text is a label ("Share", "Advertisement"),
    # unless it is a transcript's speaker label ("Vladimir Putin", "Вопрос:"): quotes need those
    short = [_norm(p) for p in out if len(_WORDS.findall(p)) <= 3 and not _speaker_label(p)]
    repeated = {s for s in short if short.count(s) > 1}
    return [p for p in out if _norm(p) not in repeated or _speaker_label(p)]


def _speaker_label(line: str) -> bool:
    """"Vladimir Putin", "В.Путин", "QUESTION:", "Вопрос —": a turn's speaker, not furniture."""
    s = line.strip()
    if s.endswith((":", "—", "–", "-")):
        return True
    words = _WORDS.findall(s)
    return len(words) >= 2 and all(w[:1].isupper() for w in words)
