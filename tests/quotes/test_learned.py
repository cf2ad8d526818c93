"""The learned English attribution model (quotes/learned): the committed model loads and finds
attributions the way the extract contract says; a missing or corrupt model fails naming its file;
on PolNeAR dev (skipped without ../shared) it holds its measured figures."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from quotes.learned.tagger import MODEL_DIR, AttributionTagger, ModelError, load
from quotes.text import paragraphs

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
POLNEAR = SHARED / "data" / "polnear"


def _run(text: str, extractors: str) -> list[dict[str, object]]:
    """`mouthpiece extract` on a file, as a user runs it (a subprocess, the shipped model)."""
    return [json.loads(line) for line in _cli(text, extractors).splitlines() if line.startswith("{")]


def _cli(text: str, extractors: str, tmp: Path | None = None) -> str:
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "a.txt"
        p.write_text(text, encoding="utf-8")
        out = subprocess.run(
            [sys.executable, "-m", "mouthpiece.cli", "extract", str(p), "--format", "jsonl"],
            capture_output=True, text=True, timeout=300, cwd=ROOT,
            env={**os.environ, "MOUTHPIECE_EN_EXTRACTORS": extractors},
        )
    assert out.returncode == 0, out.stderr[-2000:]
    return out.stdout


def test_shipped_model_is_small_and_described() -> None:
    size = sum(p.stat().st_size for p in MODEL_DIR.iterdir())
    assert size <= 25 * 1024 * 1024
    card = (MODEL_DIR / "MODEL_CARD.md").read_text(encoding="utf-8")
    for must in ("PolNeAR", "Newell", "LREC 2018", "licen", "dev"):
        assert must in card


def test_model_finds_indirect_and_direct_attributions() -> None:
    text = (
        "Senator Jane Whitcombe said on Tuesday that the spending bill would not pass the chamber this year.\n\n"
        "“We simply do not have the votes,” Whitcombe told reporters after the meeting.\n\n"
        "Her colleague, Representative Tom Ashgrove, argued that the budget office had underestimated the cost."
    )
    qs = _run(text, "model")
    got = {(q["speaker"], q["text"]) for q in qs}
    assert ("Jane Whitcombe", "the spending bill would not pass the chamber this year") in got, qs
    assert ("Jane Whitcombe", "We simply do not have the votes") in got, qs
    assert any(q["speaker"] == "Tom Ashgrove" and "underestimated the cost" in str(q["text"]) for q in qs), qs
    for q in qs:
        assert text[int(q["start"]):int(q["end"])] == q["text"]  # type: ignore[call-overload]


def _model_quotes(text: str, monkeypatch: pytest.MonkeyPatch, extractors: str = "model") -> list[tuple[str | None, str]]:
    from config.settings import reset_settings
    from quotes import extract

    monkeypatch.setenv("MOUTHPIECE_EN_EXTRACTORS", extractors)
    reset_settings()
    try:
        return [(q.speaker, q.text) for q in extract(text)]
    finally:
        monkeypatch.delenv("MOUTHPIECE_EN_EXTRACTORS")
        reset_settings()


def test_statements_only_no_headline_or_inference(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tagger learnt PolNeAR's convention, where a headline's verb and the writer's "implying"
    are attributions too; the extractor keeps statements: the raw tagger finds them, the quotes do not."""
    head = "Lukashenko Says What Putin Thinks\n\nBelarus's leader met his Russian counterpart in Minsk on Friday."
    assert any(head[f.start:f.end] == "What Putin Thinks" for f in load().find(head, paragraphs(head)))
    assert _model_quotes(head, monkeypatch) == []
    inf = ("Alexander Lukashenko said the war was dragging on, strongly implying that the conflict could spill "
           "over into CSTO territory.")
    assert any("spill over" in inf[f.start:f.end] for f in load().find(inf, paragraphs(inf)))
    got = _model_quotes(inf, monkeypatch)
    assert got and not any("spill over" in t for _s, t in got), got


def test_signed_quotation_takes_its_signature(monkeypatch: pytest.MonkeyPatch) -> None:
    """A quotation signed with a dash and a name has that name as speaker, not a source carried from
    the paragraph before."""
    text = ("Readers wrote to us about the campaign.\n\n"
            "“Maybe, we can build a wall around the old bridge and keep everyone out.” ― Steve Quinlan.")
    for mix in ("model", "rules,model"):
        assert _model_quotes(text, monkeypatch, mix) == [
            ("Steve Quinlan", "Maybe, we can build a wall around the old bridge and keep everyone out")]


def test_surname_source_completed_from_the_text(monkeypatch: pytest.MonkeyPatch) -> None:
    text = ("Elaine Kamarck, a veteran of the rules committee, spoke first at the meeting.\n\n"
            "Kamarck noted that the process has not changed in the decades since the last replacement.")
    assert _model_quotes(text, monkeypatch) == [
        ("Elaine Kamarck", "the process has not changed in the decades since the last replacement")]


def test_organisation_is_no_speaker(monkeypatch: pytest.MonkeyPatch) -> None:
    """Of two capitalised runs in a source, the one ending in an organisation's word is not the person."""
    text = ("“The impact of Monday’s debate is still small,” wrote Cameron Easley for Morning Consult. "
            "“Just 9 percent of voters changed their minds.”")
    got = _model_quotes(text, monkeypatch)
    assert got and all(sp == "Cameron Easley" for sp, _t in got), got


def test_default_runs_the_rules_then_the_model(monkeypatch: pytest.MonkeyPatch) -> None:
    from config.settings import reset_settings
    from quotes.extract import extractor_names
    from quotes.packs import get_pack

    monkeypatch.delenv("MOUTHPIECE_EN_EXTRACTORS", raising=False)
    reset_settings()
    names = extractor_names(get_pack("en"))
    assert names[-1] == "model" and {"direct", "indirect_en"} <= set(names[:-1])
    monkeypatch.setenv("MOUTHPIECE_EN_EXTRACTORS", "rules")
    reset_settings()
    try:
        assert "model" not in extractor_names(get_pack("en"))
    finally:
        monkeypatch.delenv("MOUTHPIECE_EN_EXTRACTORS")
        reset_settings()


def test_tagger_is_loaded_once_per_process() -> None:
    assert load() is load()


def test_missing_model_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match=str(tmp_path / "model.json")):
        AttributionTagger(tmp_path)


def test_corrupt_model_names_the_file(tmp_path: Path) -> None:
    for p in MODEL_DIR.iterdir():
        shutil.copy(p, tmp_path / p.name)
    crf = tmp_path / "crf.model"
    crf.write_bytes(crf.read_bytes()[: crf.stat().st_size // 2])
    with pytest.raises(ModelError, match="corrupt.*" + str(crf).replace(".", r"\.")):
        AttributionTagger(tmp_path)
    (tmp_path / "model.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelError, match=str(tmp_path / "model.json")):
        AttributionTagger(tmp_path)


def test_cli_reports_a_broken_model_clearly(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Senator Jane Whitcombe said that the bill would fail.", encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "mouthpiece.cli", "extract", str(tmp_path / "a.txt"), "--format", "jsonl"],
        capture_output=True, text=True, timeout=300, cwd=ROOT,
        env={**os.environ, "MOUTHPIECE_EN_EXTRACTORS": "model", "MOUTHPIECE_EN_MODEL": str(tmp_path / "nope")},
    )
    assert out.returncode != 0
    assert str(tmp_path / "nope" / "model.json") in out.stderr
    assert "Traceback" not in out.stderr


def test_paragraph_tagging_is_bounded() -> None:
    """Hostile input: a huge paragraph of quotation marks and cue words tags without blowing up."""
    text = ("“said,” " * 3000) + "\n\n" + "He said that " * 2000
    tg = load()
    found = tg.find(text, paragraphs(text))
    for f in found:
        assert 0 <= f.start <= f.end <= len(text)


@pytest.mark.shared
@pytest.mark.skipif(not (POLNEAR / "dev").is_dir(), reason="../shared is absent")
@pytest.mark.parametrize(("extractors", "det", "e2e"), [("model", 0.741, 0.700), ("rules,model", 0.754, 0.699)])
def test_polnear_dev_floor(tmp_path: Path, extractors: str, det: float, e2e: float) -> None:
    """PolNeAR dev, scored as the CEO scores it: the model alone and the default (the rules, then the
    model). `det`/`e2e` are the F1 measured on the shipped model (quotes/learned/en/MODEL_CARD.md);
    the floors are 0.03 below."""
    ev = SHARED / "eval"
    subprocess.run([sys.executable, str(ev / "polnear_gold.py"), str(POLNEAR / "dev"), str(tmp_path)],
                   check=True, capture_output=True, timeout=600)
    mp = Path(sys.executable).with_name("mouthpiece")
    out = subprocess.run(
        [sys.executable, str(ev / "score_quotes.py"), str(tmp_path), "--json",
         "--cmd", f"{mp} extract {{files}} --format jsonl"],
        capture_output=True, text=True, timeout=900, cwd=ROOT,
        env={**os.environ, "MOUTHPIECE_EN_EXTRACTORS": extractors},
    )
    assert out.returncode == 0, out.stderr[-2000:]
    res = json.loads(out.stdout.strip().splitlines()[-1])
    assert res["det_f1"] >= det - 0.03 and res["e2e_f1"] >= e2e - 0.03, res
