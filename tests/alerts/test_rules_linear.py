"""Issue 11, item 2: no rule can hang a worker. A rule's regex runs in RE2 (config/patterns.py),
linear in the quote; patterns it cannot run are refused with file:line: field; and the rules
are matched before extraction writes anything."""
from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from alerts.rules import QuoteFacts, Rule, load_rules
from config.loader import ConfigError
from config.patterns import PatternError, compile_user

ROOT = Path(__file__).resolve().parents[2]
BUDGET = 0.050  # seconds of CPU per quote, all rules together


def facts(text: str) -> QuoteFacts:
    return QuoteFacts(speaker_id="lukashenko", speaker_country="BY", speaker_roles=(), topics=("NATO",),
                      source_id="belta_en", source_kind="state_media", source_country="BY", lang="en",
                      type="direct", text=text, is_new=True)


def test_catastrophic_patterns_return_at_once_in_a_fresh_process() -> None:
    """`(a+)+$` on 30 a's took 126 s with `re`, and `^(\\w+\\s?)*$` is exponential on a plain
    sentence; in a child process with a 20 s limit, so that a regression fails rather than hangs."""
    code = (
        "from alerts.rules import Rule, QuoteFacts\n"
        "f = lambda t: QuoteFacts(speaker_id=None, speaker_country=None, speaker_roles=(), topics=(), "
        "source_id='s', source_kind='state_media', source_country='BY', lang='en', type='direct', text=t)\n"
        "assert not Rule(id='a', name='a', regex='(a+)+$', new_only=False).matches(f('a' * 30 + '!'))\n"
        "assert not Rule(id='b', name='b', regex=r'^(\\w+\\s?)*$', new_only=False).matches("
        "f('NATO is moving its forces closer to our western borders, the president said!'))\n"
        "assert Rule(id='c', name='c', regex='(a+)+$', new_only=False).matches(f('a' * 100000))\n"
        "print('ok')\n")
    p = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=20)
    assert p.returncode == 0 and "ok" in p.stdout, p.stderr[-2000:]


@pytest.mark.parametrize("pattern,why", [
    (r"(a)\1", "back-references"), (r"NATO(?=\s)", "look-ahead"), (r"(?<!anti-)NATO", "look-ahead"),
    (r"(?>a+)b", "atomic"), (r"a++", "possessive"), (r"x\B", r"\B"), (r"a{5000}", "above 1000"),
    ("(unclosed", "not a valid regular expression"), ("x" * 3000, "longer than"),
])
def test_patterns_the_engine_cannot_run_are_refused_with_file_line_field(tmp_path: Path, pattern: str,
                                                                         why: str) -> None:
    with pytest.raises(PatternError, match=re.escape(why)):
        compile_user(pattern)
    f = tmp_path / "rules.yaml"
    f.write_text("rules:\n  - id: r1\n    name: R\n    regex: '" + pattern.replace("'", "''") + "'\n")
    with pytest.raises(ConfigError, match=rf"rules\.yaml:4: rules\[0\]\.regex: .*{re.escape(why)}"):
        load_rules(f)


def test_rules_check_refuses_a_backreference_and_accepts_a_catastrophic_pattern(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from config.settings import reset_settings
    from mouthpiece.cli import app

    monkeypatch.setenv("MOUTHPIECE_CONFIG_DIR", str(tmp_path))
    reset_settings()
    try:
        (tmp_path / "rules.yaml").write_text("rules:\n  - id: r1\n    name: R\n    regex: '(NATO) \\1'\n")
        res = CliRunner().invoke(app, ["rules", "check"])
        assert isinstance(res.exception, ConfigError), res.output
        assert re.search(r"rules\.yaml:4: rules\[0\]\.regex: .*back-references", str(res.exception))
        # catastrophic for a backtracking engine, linear in RE2: accepted, and said so
        (tmp_path / "rules.yaml").write_text("rules:\n  - id: r1\n    name: R\n    regex: '(a+)+$'\n")
        res = CliRunner().invoke(app, ["rules", "check"])
        assert res.exit_code == 0, res.output
        assert "RE2 in linear time" in res.output
    finally:
        reset_settings()


def test_python_meaning_is_kept_for_unicode_classes_and_boundaries() -> None:
    r = Rule(id="r", name="R", regex=r"\bНАТО\b", new_only=False)
    assert r.matches(facts("Альянс НАТО у границ")) and r.matches(facts("нато."))
    assert not r.matches(facts("пронатовские силы"))
    assert Rule(id="w", name="W", regex=r"^\w+$", new_only=False).matches(facts("Лукашенко"))
    assert Rule(id="d", name="D", regex=r"[^\W\d_]{5}", new_only=False).matches(facts("Минск"))


@pytest.mark.parametrize("pattern, text, hit", [
    # Python's parser folds (a|\W) into one class [a\W]; found by the property test below
    (r"aa(a|aaa(a|\W))", "aaaaaa!", True), (r"aa(a|aaa(a|\W))", "aab", False),
    (r"[\Wx]+", "x!x", True), (r"[\W\d]", "a", False), (r"[\W\d]", "5", True), (r"(б|\W)", "Б", True),
])
def test_a_negated_class_beside_other_characters_keeps_pythons_meaning(pattern: str, text: str, hit: bool) -> None:
    assert bool(re.search(pattern, text, re.I)) == hit  # what the user means, as Python reads it
    assert Rule(id="n", name="N", regex=pattern, new_only=False).matches(facts(text)) == hit


# -- property tests --------------------------------------------------------------------------
_ATOMS = st.sampled_from(["a", "b", "\\w", "\\s", "\\d", ".", "[a-z]", "[^x]", "НАТО", "(?:\\bNATO\\b)", "(?:x?)", "\\W"])


@st.composite
def regexes(draw: st.DrawFn, depth: int = 0) -> str:
    """Nested groups and quantifiers: the shapes that make a backtracking engine explode (up to
    a few hundred characters; a rule's pattern is rarely a tenth of that)."""
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        if depth < 2 and draw(st.booleans()):
            inner = draw(regexes(depth + 1))
            alt = draw(regexes(depth + 1)) if draw(st.booleans()) else None
            part = f"({inner}|{alt})" if alt else f"({inner})"
        else:
            part = draw(_ATOMS)
        part += draw(st.sampled_from(["", "*", "+", "?", "{1,5}", "*?"]))
        parts.append(part)
    anchor = draw(st.sampled_from(["", "^", "$", "^$"]))
    body = "".join(parts)
    return ("^" if "^" in anchor else "") + body + ("$" if "$" in anchor else "")


QUOTES = st.one_of(
    st.text(max_size=2000),
    st.builds(lambda c, n, tail: c * n + tail, st.sampled_from(["a", "ab", "NATO ", "word ", "НАТО "]),
              st.integers(0, 400), st.sampled_from(["", "!", "b", " x", "\n"])),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(patterns=st.lists(regexes(), min_size=1, max_size=6),
       keywords=st.lists(st.text(min_size=1, max_size=20), max_size=5), quote=QUOTES)
def test_evaluation_per_quote_stays_under_50ms(patterns: list[str], keywords: list[str], quote: str) -> None:
    for p in patterns:
        try:
            compile_user(p, ignore_case=True)
        except PatternError as e:  # refused at config load, with its reason: never evaluated
            assert "pattern too large" in str(e) or "repeat" in str(e), (p, e)
            reject()
    rules = [Rule(id=f"r{i}", name="R", regex=p, keywords=keywords, new_only=False)
             for i, p in enumerate(patterns)]
    q = facts(quote)
    for r in rules:  # compiled once (config load), as in the worker
        r.matches(facts(""))
    start = time.thread_time()  # CPU time of this thread: a busy machine does not count
    results = [r.matches(q) for r in rules]
    spent = time.thread_time() - start
    assert spent < BUDGET, f"{spent * 1000:.1f} ms for {len(rules)} rules on {len(quote)} chars"
    for r, got in zip(rules, results, strict=True):  # and the answer is Python's, where Python is quick
        if len(quote) <= 40 and not keywords:
            assert got == (re.search(r.regex or "", quote, re.IGNORECASE) is not None), (r.regex, quote)
