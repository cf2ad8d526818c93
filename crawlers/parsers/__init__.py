"""Per-site article parsers, fundus style: each module registers one publisher (domains, zone,
languages) and its parser versions, oldest first, each valid until a date and recognised by
template markers. Unknown sites fall back to the generic parser (metadata chain + trafilatura).

    parser_for(url)            -> the newest parser for that URL's publisher (or the generic one)
    parser_for(url, page)      -> the version whose template markers are on the page
    PUBLISHERS / publishers()  -> everything registered
"""
from __future__ import annotations

from crawlers.parsers import (  # noqa: F401  (imported for their register() calls)
    belta,
    carnegie,
    chathamhouse,
    ecfr,
    isw,
    jamestown,
    kremlin,
    mfa_gov_by,
    mil_by,
    osw,
    president_gov_by,
    ria,
    rusi,
    sb_by,
    tass,
    telegram,
)
from crawlers.parsers.base import Page, Parsed, Parser, Publisher
from crawlers.parsers.generic import GenericParser
from crawlers.parsers.registry import PUBLISHERS, parser_for, publisher_for, publishers, register

__all__ = [
    "PUBLISHERS", "GenericParser", "Page", "Parsed", "Parser", "Publisher",
    "parser_for", "publisher_for", "publishers", "register",
]
