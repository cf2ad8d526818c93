"""The extractor interface: language packs and their registry, language choice, candidates, the
resolver's reasons, `mouthpiece extract --explain`."""
from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path

import pytest

from quotes import Context, extract
from quotes.candidate import Candidate
from quotes.extractors import EXTRACTORS, get_extractor
from quotes.packs import UnknownLanguage, all_packs, choose_pack, get_pack

ROOT = Path(__file__).resolve().parents[2]

EN = "“NATO is moving its forces closer to our borders,” Lukashenko said on Tuesday. He added that Minsk was ready."


def test_registry_knows_packs_and_raises_on_unknown() -> None:
    assert get_pack("en").code == "en"
    assert get_pack("en-GB").code == "en"
    assert get_pack("ru").code == "ru"
    assert get_pack("be").code == "ru"  # Belarusian state media: the Russian rules, Belarusian verb forms
    for bad in ("pl", "xx", None, ""):
        with pytest.raises(UnknownLanguage):
            get_pack(bad)


def test_every_pack_lexicon_loads_and_every_extractor_exists() -> None:
    for pack in all_packs():
        for name in pack.lexicon_files:
            assert pack.rows(name), (pack.code, name)
        for ex in pack.extractors:
            assert ex in EXTRACTORS
    assert "said" in get_pack("en").words("cue_verb_forms") | {"said"}
    assert ("us ", "US") in get_pack("en").table("nationalities")  # a column keeps its inner space
    with pytest.raises(KeyError):
        get_extractor("nope")


def test_declared_language_without_pack_is_detected_never_russian() -> None:
    pack, why = choose_pack(EN, "pl")
    assert pack.code == "en" and "declared pl has no pack" in why
    quotes = extract(EN, lang="pl")
    assert [q.speaker for q in quotes] == ["Alexander Lukashenko", "Alexander Lukashenko"]
    assert all(q.lang == "en" for q in quotes)


def test_text_in_a_language_without_pack_gives_no_quotes() -> None:
    polish = ("„NATO przesuwa swoje siły bliżej naszych granic” – powiedział we wtorek prezydent Andrzej Duda. "
              "Dodał, że Polska jest gotowa bronić swojego terytorium.")
    with pytest.raises(UnknownLanguage):
        choose_pack(polish, None)
    assert extract(polish) == []
    assert extract(polish, lang="pl") == []


def test_candidate_is_a_dataclass_and_quotes_say_extractor_and_reason() -> None:
    assert dataclasses.is_dataclass(Candidate)
    c = Candidate(0, 5, "direct", "direct", cue="said")
    assert c.span == (0, 5) and not c.overlaps(Candidate(5, 9, "direct", "direct"))
    quotes = extract(EN)
    assert [q.extractor for q in quotes] == ["direct", "indirect_en"]
    assert "registry name 'Lukashenko'" in (quotes[0].reason or "")
    assert "pronoun 'He'" in (quotes[1].reason or "")


def test_title_resolved_by_country_is_the_reason() -> None:
    text = "«Мы никому не угрожаем», — заявил глава государства."
    q = extract(text, context=Context(country="BY"))
    assert [x.speaker_id for x in q] == ["lukashenko"]
    assert "title 'глава государства'" in (q[0].reason or "") and "BY" in (q[0].reason or "")


def test_extractors_find_on_a_page() -> None:
    from config.leaders import load_registry
    from quotes.extract import read_page

    page = read_page(EN, get_pack("en"), Context(), load_registry())
    found = get_extractor("direct").find(page)
    assert [type(c) for c in found] == [Candidate]
    assert found[0].extractor == "direct" and EN[found[0].start:found[0].end].startswith("NATO is moving")


def test_cli_explain(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(EN, encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "mouthpiece.cli", "extract", "--explain", str(f)], cwd=ROOT,
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert "[direct]" in out.stdout and "why: direct (cue 'said'); speaker by registry name" in out.stdout
    js = subprocess.run([sys.executable, "-m", "mouthpiece.cli", "extract", str(f)], cwd=ROOT, capture_output=True,
                        text=True, timeout=300)
    rows = [json.loads(x) for x in js.stdout.splitlines()]
    assert {r["extractor"] for r in rows} == {"direct", "indirect_en"} and all(r["reason"] for r in rows)


def test_extractors_change_no_shared_state() -> None:
    from config.leaders import load_registry
    from quotes.extract import read_page

    text = ("Лукашенко провел совещание. «Армия должна быть готова ко всему», — сказал он. "
            "Президент добавил, что учения пройдут в сентябре.\n\n— Это приказ, — подчеркнул глава государства.")
    page = read_page(text, get_pack("ru"), Context(country="BY"), load_registry())
    before = [(p.start, p.end, p.name, p.quoted, p.speaker) for p in page.names.persons]
    for name in get_pack("ru").extractors:
        found = get_extractor(name).find(page)
        page.earlier = page.earlier + found
    assert [(p.start, p.end, p.name, p.quoted, p.speaker) for p in page.names.persons] == before
    assert {c.extractor for c in page.earlier} >= {"direct", "indirect_ru"}


def test_reason_when_the_only_mention_is_inside_the_quote() -> None:
    from config.leaders import load_registry
    from quotes.candidate import Speaker
    from quotes.extract import read_page
    from quotes.resolve import Resolver

    text = "“Lukashenko will not come,” the statement read."
    page = read_page(text, get_pack("en"), Context(), load_registry())
    c = Candidate(1, 26, "direct", "model", speaker=Speaker("Alexander Lukashenko", "lukashenko"), link="tagged")
    who = Resolver(page.names).resolve(c)
    assert who is not None and "registry name 'Lukashenko'" in who.reason


def test_a_malformed_lexicon_names_its_file_and_line(tmp_path: Path) -> None:
    from quotes.packs import LanguagePack, PackError

    bad = tmp_path / "nationalities.tsv"
    bad.write_text("# stem\tcountry\nrussia\tRU\nbelarus\n", encoding="utf-8")
    pack = LanguagePack("xx", "Test", (), "en", ("direct",), {"nationalities": bad})
    with pytest.raises(PackError, match=r"nationalities\.tsv:3: nationalities needs two tab-separated columns"):
        pack.table("nationalities")
    empty = tmp_path / "empty_col.tsv"
    empty.write_text("russia\t\n", encoding="utf-8")
    with pytest.raises(PackError, match=r"empty_col\.tsv:1"):
        LanguagePack("xx", "Test", (), "en", (), {"n": empty}).rows("n")
