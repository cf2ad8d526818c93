"""User regular expressions (rules.yaml `regex`, sources.yaml `follow`), run in linear time.

Python's `re` backtracks: `(a+)+$` on thirty a's takes minutes, and the worker holding it ignores
SIGTERM meanwhile (issue 11). Every regex a user writes is compiled here instead, for RE2
(google-re2), whose running time is linear in the length of the text: a search of a quote of n
characters costs O(n x pattern size), with no worst case beyond that.

Users write Python syntax, with Python's meaning, and that is what they get: the pattern is
parsed by Python's own regex parser and written out again for RE2, with

- `\\w`, `\\d`, `\\s` (and `\\W`, `\\D`, `\\S`) as Python's Unicode classes (RE2's are ASCII, so
  `\\w+` would not match "Лукашенко" there);
- `\\b` as a Unicode word boundary: RE2 has only an ASCII one, so the text is searched with a
  marker character (U+E000, removed from the input first) put at every Unicode word boundary
  (found by Python's `\\b` alone, a linear scan); the written-out pattern allows a marker before
  any character and requires one where the user wrote `\\b`.

What RE2 cannot run in linear time is refused with a plain reason, and `PatternError` carries it
to the config loader, which adds file:line: field: back-references, look-ahead and look-behind,
conditionals, atomic groups and possessive quantifiers, `\\B`, `\\W` or `\\S` inside `[...]`,
repeat counts above 1000, patterns longer than MAX_PATTERN."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

MAX_PATTERN = 2000  # characters of pattern
MARK = "\ue000"      # a private-use character: the word-boundary marker
_M = r"\x{e000}"
_WORD = r"\p{L}\p{N}_"
_DIGIT = r"\p{Nd}"
# Python's str.isspace() characters (what `\s` matches in a str pattern)
_SPACE = (r"\t-\r\x{1c}-\x{20}\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}"
          r"\x{205f}\x{3000}")
_ASCII = {"WORD": r"0-9A-Za-z_", "DIGIT": r"0-9", "SPACE": r"\t-\r\x{20}"}
_UNICODE = {"WORD": _WORD, "DIGIT": _DIGIT, "SPACE": _SPACE}
_BOUNDARY = re.compile(r"\b")


class PatternError(ValueError):
    """A pattern that is not valid, or that the linear-time engine cannot run."""


def _c(ch: int) -> str:
    """One character for RE2: letters and digits as they are, everything else as \\x{..}."""
    s = chr(ch)
    return s if s.isalnum() and s != "_" else f"\\x{{{ch:x}}}"


@dataclass
class _Flags:
    ignorecase: bool = False
    dotall: bool = False
    multiline: bool = False
    ascii: bool = False

    def with_(self, add: int, remove: int) -> _Flags:
        f = _Flags(self.ignorecase, self.dotall, self.multiline, self.ascii)
        for flag, attr in ((re.IGNORECASE, "ignorecase"), (re.DOTALL, "dotall"), (re.MULTILINE, "multiline"),
                           (re.ASCII, "ascii")):
            if add & flag:
                setattr(f, attr, True)
            if remove & flag:
                setattr(f, attr, False)
        return f


class _Writer:
    def __init__(self, boundary: bool) -> None:
        self.m = f"{_M}?" if boundary else ""  # a marker may stand before any character

    def seq(self, items: Any, fl: _Flags) -> str:
        out: list[str] = []
        last_boundary = False
        for op, av in items:
            name = str(op)
            if name == "AT" and str(av) == "AT_BOUNDARY":
                if last_boundary:  # \b\b is \b: the text has one marker there
                    continue
                last_boundary = True
            else:
                last_boundary = False
            out.append(self.node(name, av, fl))
        return "".join(out)

    def node(self, op: str, av: Any, fl: _Flags) -> str:
        m = self.m
        if op == "LITERAL":
            return m + self._case(fl) + _c(av) + self._end_case(fl)
        if op == "NOT_LITERAL":
            return m + self._case(fl) + f"[^{_c(av)}{_M}]" + self._end_case(fl)
        if op == "ANY":
            return m + (f"[^{_M}]" if fl.dotall else f"[^\\n{_M}]")
        if op == "IN":
            return m + self._case(fl) + self._class(av, fl) + self._end_case(fl)
        if op == "BRANCH":
            return "(?:" + "|".join(self.seq(alt, fl) for alt in av[1]) + ")"
        if op == "SUBPATTERN":
            _group, add, remove, sub = av
            return "(?:" + self.seq(sub, fl.with_(add, remove)) + ")"
        if op in ("MAX_REPEAT", "MIN_REPEAT"):
            lo, hi, sub = av
            if lo > 1000 or (hi != re._constants.MAXREPEAT and hi > 1000):  # type: ignore[attr-defined]
                raise PatternError("a repeat count above 1000 is not supported")
            body = "(?:" + self.seq(sub, fl) + ")"
            if hi == re._constants.MAXREPEAT:  # type: ignore[attr-defined]
                q = "*" if lo == 0 else "+" if lo == 1 else f"{{{lo},}}"
            else:
                q = "?" if (lo, hi) == (0, 1) else f"{{{lo}}}" if lo == hi else f"{{{lo},{hi}}}"
            return body + q + ("?" if op == "MIN_REPEAT" else "")
        if op == "AT":
            return self._at(str(av), fl)
        why = {"GROUPREF": "back-references (\\1, (?P=name))", "GROUPREF_EXISTS": "conditional groups",
               "ASSERT": "look-ahead and look-behind", "ASSERT_NOT": "look-ahead and look-behind",
               "ATOMIC_GROUP": "atomic groups", "POSSESSIVE_REPEAT": "possessive quantifiers"}.get(op, op)
        raise PatternError(f"{why} cannot run in linear time and are not supported")

    def _at(self, at: str, fl: _Flags) -> str:
        m = self.m
        if at == "AT_BEGINNING":
            return "(?m:^)" if fl.multiline else "^"
        if at == "AT_BEGINNING_STRING":
            return r"\A"
        if at == "AT_END":  # Python's $: the end, or before a newline at the end
            return f"{m}(?m:$)" if fl.multiline else f"{m}(?:\\n{m})?\\z"
        if at == "AT_END_STRING":
            return f"{m}\\z"
        if at == "AT_BOUNDARY":
            return _M
        raise PatternError("\\B (not a word boundary) is not supported; write the characters instead")

    @staticmethod
    def _case(fl: _Flags) -> str:
        return "(?i:" if fl.ignorecase else ""

    @staticmethod
    def _end_case(fl: _Flags) -> str:
        return ")" if fl.ignorecase else ""

    @staticmethod
    def _letters(items: Any, fl: _Flags) -> str | None:
        """[^\\W\\d] and [^\\W\\d_], the usual way to say "letters" (RE2 has no class intersection)."""
        names = [f"{op}:{av}".replace("UNI_", "") for op, av in items]
        if names[:2] != ["NEGATE:None", "CATEGORY:CATEGORY_NOT_WORD"]:
            return None
        rest = sorted(names[2:])
        underscore = f"LITERAL:{ord('_')}"
        if rest == ["CATEGORY:CATEGORY_DIGIT"]:
            return "[A-Za-z_]" if fl.ascii else r"[\p{L}\p{Nl}\p{No}_]"
        if rest == sorted(["CATEGORY:CATEGORY_DIGIT", underscore]):
            return "[A-Za-z]" if fl.ascii else r"[\p{L}\p{Nl}\p{No}]"
        return None

    def _class(self, items: Any, fl: _Flags) -> str:
        cats = _ASCII if fl.ascii else _UNICODE
        idiom = self._letters(items, fl)
        if idiom:
            return idiom
        negate = False
        parts: list[str] = []
        negated: list[str] = []  # \W, \D, \S: RE2 has no class difference, so each is a class of its own
        for op, av in items:
            name = str(op)
            if name == "NEGATE":
                negate = True
            elif name == "LITERAL":
                parts.append(_c(av))
            elif name == "RANGE":
                parts.append(f"{_c(av[0])}-{_c(av[1])}")
            elif name == "CATEGORY":
                cat = str(av).replace("CATEGORY_", "").replace("UNI_", "")
                if cat.startswith("NOT_"):
                    negated.append(cat)
                else:
                    parts.append(cats.get(cat, ""))
            else:
                raise PatternError(f"{name} inside [...] is not supported")
        body = "".join(parts)
        if negated:
            if negate:  # [^\W] is [\w]; [^\Wx] would be a difference of classes
                if len(negated) > 1 or body:
                    raise PatternError(f"\\{negated[0][4].upper()} inside [^...] together with other characters "
                                       "is not supported; write the characters it should match instead")
                return f"[{cats.get(negated[0][4:], '')}]"
            # [\Wx], and Python's own rewrite of (x|\W) into one: an alternative of classes
            alts = [f"[^{cats.get(c[4:], '')}{_M}]" for c in negated] + ([f"[{body}]"] if body else [])
            return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if negate:
            return f"[^{body}{_M}]"
        return f"[{body}]" if body else "[^\\x{0}-\\x{10ffff}]"


@dataclass(frozen=True)
class UserPattern:
    """A user's regex, ready to search in linear time. `search(text)` says whether it matches
    anywhere, with Python's meaning of the pattern (case-insensitive when made so)."""

    source: str
    translated: str
    boundary: bool
    _regexp: Any = field(repr=False, compare=False)

    def search(self, text: str) -> bool:
        if MARK in text:
            text = text.replace(MARK, "")
        if self.boundary:
            text = _BOUNDARY.sub(MARK, text)
        return self._regexp.search(text) is not None


def compile_user(pattern: str, *, ignore_case: bool = False) -> UserPattern:
    """Compile a user's Python-syntax regex for RE2, or raise PatternError saying why not."""
    import re2

    if not isinstance(pattern, str):
        raise PatternError("a regular expression must be a string")
    if len(pattern) > MAX_PATTERN:
        raise PatternError(f"longer than {MAX_PATTERN} characters")
    try:
        parsed = re._parser.parse(pattern, re.IGNORECASE if ignore_case else 0)  # type: ignore[attr-defined]
    except re.error as e:
        raise PatternError(f"not a valid regular expression: {e}") from None
    state = parsed.state
    fl = _Flags().with_(state.flags, 0)
    text = str(list(parsed))
    boundary = "AT_BOUNDARY" in text
    body = _Writer(boundary).seq(parsed, fl)
    options = re2.Options()
    options.log_errors = False  # the reason goes into PatternError, not to stderr
    try:
        rx = re2.compile(body, options)
    except re2.error as e:
        msg = e.args[0].decode("utf-8", "replace") if e.args and isinstance(e.args[0], bytes) else str(e)
        raise PatternError(f"the linear-time engine cannot run it: {msg}") from None
    # RE2 builds its automaton lazily; the first text with non-ASCII letters costs up to ~30 ms
    # for a large Unicode pattern. Pay it here, at config load, not on the first quote.
    rx.search(_WARM_UP)
    return UserPattern(pattern, body, boundary, rx)


_WARM_UP = ("Lukashenko said: “NATO is moving closer to our borders, 2026!” Лукашенко заявил: «НАТО у "
            "наших границ». Ўў é _ aaaaaaaa!\n" + MARK)


@lru_cache(maxsize=512)
def cached(pattern: str, ignore_case: bool = False) -> UserPattern:
    """compile_user, remembered (patterns come from config files that are read again and again)."""
    return compile_user(pattern, ignore_case=ignore_case)


def check(pattern: str | None) -> str | None:
    """For pydantic validators: the pattern when it compiles, else ValueError with the reason."""
    if pattern is not None:
        try:
            cached(pattern)
        except PatternError as e:
            raise ValueError(str(e)) from None
    return pattern
