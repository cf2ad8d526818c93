"""Language packs: per language, the lexicons (data files beside this module), the name finder and
the extractors that run, found through a registry (pack.yaml) that raises on an unknown language.

Which pack reads a text: the declared language when a pack covers it, else the language detected
from the text itself (py3langid), else none (no quotes). Nothing falls back to Russian: an English
page that declares lang="pl" is read as English.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

PACK_DIR = Path(__file__).resolve().parent
REGISTRY_FILE = PACK_DIR / "pack.yaml"


class UnknownLanguage(LookupError):
    """No language pack covers this language."""

    def __init__(self, lang: str | None, known: list[str]):
        self.lang = lang
        super().__init__(f"no quote-extraction language pack for {lang!r}; packs cover: {', '.join(known)}"
                         f" (quotes/packs/pack.yaml)")


class PackError(ValueError):
    """A pack's registry entry or data file is malformed (the message names file:line)."""


@dataclass(frozen=True)
class LanguagePack:
    code: str  # the pack's own language ("en", "ru")
    name: str
    covers: tuple[str, ...]  # further language codes it serves ("be", "uk")
    names: str  # which name finder reads its texts (quotes.names)
    extractors: tuple[str, ...]  # extractor names, in priority order (quotes.extractors)
    lexicon_files: dict[str, Path] = field(default_factory=dict, compare=False)

    def words(self, lexicon: str) -> frozenset[str]:
        """A one-column lexicon: its entries (comments and blank lines dropped)."""
        return frozenset(r[0] for r in self.rows(lexicon))

    def table(self, lexicon: str) -> tuple[tuple[str, str], ...]:
        """A two-column lexicon (.tsv), in file order (order decides ties)."""
        out = []
        for n, r in self._numbered(lexicon):
            if len(r) != 2:
                raise PackError(f"{self.lexicon_files[lexicon]}:{n}: {lexicon} needs two tab-separated columns, "
                                f"got {r!r}")
            out.append((r[0], r[1]))
        return tuple(out)

    def rows(self, lexicon: str) -> tuple[tuple[str, ...], ...]:
        return tuple(r for _n, r in self._numbered(lexicon))

    def _numbered(self, lexicon: str) -> tuple[tuple[int, tuple[str, ...]], ...]:
        path = self.lexicon_files.get(lexicon)
        if path is None:
            raise PackError(f"{REGISTRY_FILE}: pack {self.code!r} has no lexicon {lexicon!r}")
        return _read_rows(path)


@lru_cache(maxsize=64)
def _read_rows(path: Path) -> tuple[tuple[int, tuple[str, ...]], ...]:
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except OSError as e:
        raise PackError(f"{path}: cannot read lexicon: {e}") from e
    out = []
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        # columns keep their inner spaces ("us " is a stem with its space: "US " not "USSR")
        cols = tuple(c.strip("\r") for c in line.split("\t")) if path.suffix == ".tsv" else (line.strip(),)
        if any(c.strip() == "" for c in cols):
            raise PackError(f"{path}:{n}: empty column")
        out.append((n, cols))
    return tuple(out)


@lru_cache(maxsize=1)
def _registry() -> dict[str, LanguagePack]:
    try:
        raw = yaml.safe_load(REGISTRY_FILE.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise PackError(f"{REGISTRY_FILE}: {e}") from e
    packs = (raw or {}).get("packs")
    if not isinstance(packs, dict) or not packs:
        raise PackError(f"{REGISTRY_FILE}: 'packs' must map language codes to packs")
    out: dict[str, LanguagePack] = {}
    for code, spec in packs.items():
        where = f"{REGISTRY_FILE}: packs.{code}"
        if not isinstance(spec, dict):
            raise PackError(f"{where}: must be a mapping")
        for key in ("name", "names", "extractors", "lexicons"):
            if key not in spec:
                raise PackError(f"{where}.{key}: missing")
        files = {k: PACK_DIR / code / str(v) for k, v in (spec["lexicons"] or {}).items()}
        for k, p in files.items():
            if not p.is_file():
                raise PackError(f"{where}.lexicons.{k}: no file {p}")
        out[code] = LanguagePack(code=code, name=str(spec["name"]), covers=tuple(spec.get("covers") or ()),
                                 names=str(spec["names"]), extractors=tuple(spec["extractors"]), lexicon_files=files)
    return out


def known_languages() -> list[str]:
    """Every language code some pack covers."""
    return sorted({c for p in _registry().values() for c in (p.code, *p.covers)})


def _norm(lang: str | None) -> str | None:
    """'en-US', 'EN', 'ru_RU' -> 'en', 'ru'; anything not starting with two letters -> None."""
    if not lang:
        return None
    m = re.match(r"\s*([A-Za-z]{2,3})(?:$|[-_\s])", lang)
    return m.group(1).lower() if m else None


def get_pack(lang: str | None) -> LanguagePack:
    """The pack that covers `lang` (an ISO 639-1 code, region suffixes allowed); UnknownLanguage else."""
    code = _norm(lang)
    for p in _registry().values():
        if code is not None and (code == p.code or code in p.covers):
            return p
    raise UnknownLanguage(lang, known_languages())


def has_pack(lang: str | None) -> bool:
    try:
        get_pack(lang)
    except UnknownLanguage:
        return False
    return True


def all_packs() -> list[LanguagePack]:
    return list(_registry().values())


# The languages detection chooses among: the packs' and those of the sources and neighbours a
# crawl meets (a page in one of them that no pack covers gives no quotes). A closed list keeps
# short English lines from being called Hausa or Finnish.
DETECTABLE = ("en", "ru", "be", "uk", "pl", "lt", "lv", "et", "de", "fr", "es", "it", "nl", "sv", "fi", "cs",
              "sk", "hu", "ro", "bg", "sr", "hr", "tr", "ka", "hy", "az", "kk", "zh", "ar", "he", "fa", "ja",
              "ko", "pt", "da", "no")
SURE = 0.9  # a detected language without a pack wins over one with a pack only at this probability


@lru_cache(maxsize=1)
def _identifier() -> object:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages(list(DETECTABLE))
    return ident


def detect_language(text: str) -> list[tuple[str, float]]:
    """The likely languages of the text (ISO 639-1, probability), best first, by py3langid over the
    first 5,000 characters; [] for text with too few letters to tell."""
    sample = text[:5000]
    if len(re.findall(r"[^\W\d_]", sample)) < 12:
        return []
    ranked = _identifier().rank(sample)  # type: ignore[attr-defined]
    return [(str(lang), float(prob)) for lang, prob in ranked[:5]]


def choose_pack(text: str, declared: str | None) -> tuple[LanguagePack, str]:
    """The pack that reads `text` and why: the declared language's pack, else the detected one's.
    A detected language without a pack wins only when detection is sure of it (a Polish page: no
    quotes, never the Russian rules); else the likeliest language that has one (a short English line
    that looks a little Finnish). Raises UnknownLanguage when no pack fits."""
    if declared and has_pack(declared):
        return get_pack(declared), f"declared {declared}"
    ranked = detect_language(text)
    note = f" (declared {declared} has no pack)" if declared else ""
    if ranked and not has_pack(ranked[0][0]) and ranked[0][1] >= SURE:
        raise UnknownLanguage(ranked[0][0], known_languages())
    for lang, prob in ranked:
        if has_pack(lang) and prob >= 0.02:
            return get_pack(lang), f"detected {lang} (p={prob:.2f}){note}"
    raise UnknownLanguage(ranked[0][0] if ranked else declared, known_languages())
