"""Each frame's concept in other words is found, and its words without the claim are not: the sentences
of tests/data/narratives/frame_concepts.yaml (written from the frame descriptions, none a gold item)."""
from __future__ import annotations

from typing import Any

import pytest
import yaml

from narratives import configured_tagger
from tests.support.services import REPO

CASES = yaml.safe_load((REPO / "tests" / "data" / "narratives" / "frame_concepts.yaml").read_text(encoding="utf-8"))


def _id(case: dict[str, Any]) -> str:
    return f"{case.get('frame') or 'none'}:{case['text'][:40]}"


@pytest.mark.parametrize("case", CASES["paraphrases"], ids=_id)
def test_a_frame_is_found_by_its_concept_without_its_telling_phrases(case: dict[str, Any]) -> None:
    assert case["frame"] in {m.frame for m in configured_tagger().tag(case["text"], case["lang"])}


@pytest.mark.parametrize("case", CASES["near_misses"], ids=_id)
def test_the_concepts_words_without_the_claim_are_not_the_frame(case: dict[str, Any]) -> None:
    got = {m.frame for m in configured_tagger().tag(case["text"], case["lang"])}
    assert (case["frame"] not in got) if case.get("frame") else not got, got
