"""URL normalisation shared by discovery, the seen-URL skip and the article pipeline."""
from __future__ import annotations

from courlan import normalize_url


def canonical(url: str) -> str:
    """Strip tracking parameters and fragments, lowercase the host (courlan)."""
    try:
        return normalize_url(url, strict=True)
    except Exception:  # courlan raises on malformed input; keep the URL as it came
        return url.strip()
