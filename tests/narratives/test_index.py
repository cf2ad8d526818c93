"""The in-memory echo index ranks like `narratives.echo.echo_score` (same frames gate, same
cosine, same IDF once norms are refreshed), restricts to the window and the reference countries,
refuses statements out of time order without a key, and scores a late (keyed) statement as if
it had come in order."""
from __future__ import annotations

import pytest

from narratives import configured_tagger
from narratives.echo import Statement, echo_score, idf_from_counts
from narratives.features import features
from narratives.index import EchoIndex

DAY = 86400
RU = [
    ("ru", "НАТО наращивает войска у границ Союзного государства, в Польше и Прибалтике, это угроза."),
    ("en", "NATO is building up troops near the borders of the Union State, in Poland and the Baltics."),
    ("ru", "Санкции ударили по самой Европе, немцы платят за газ втрое больше."),
    ("ru", "Киевский режим утратил легитимность, выборов не было."),
    ("en", "The West is waging a proxy war against Russia to the last Ukrainian."),
    ("ru", "Поставки дальнобойного оружия Киеву ведут к эскалации."),
]
NEW = ("ru", "Польша стягивает войска к нашей границе, НАТО наращивает силы у границ Беларуси.")


def _st(lang: str, text: str) -> Statement:
    return Statement(features(text, lang), frozenset(m.frame for m in configured_tagger().tag(text, lang)))


def test_the_index_scores_like_echo_score() -> None:
    frames = [f for f in configured_tagger().frame_ids]
    idx = EchoIndex(frames, ["RU", "BY"])
    sts = [_st(lang, t) for lang, t in RU]
    for i, st in enumerate(sts):
        idx.add(i * DAY, "RU", st.features.lang, st.frames, st.features.lemmas, st.features.keys)
    idx.add(6 * DAY, "BY", "ru", ["nato_threat"], ["войско", "граница"], [])  # not a reference country
    idx.refresh_norms()
    new = _st(*NEW)
    df: dict[str, int] = {}
    for st in sts:
        for t in st.features.lemmas | st.features.keys:
            df[t] = df.get(t, 0) + 1
    df_all = dict(df)
    for t in ("войско", "граница"):
        df_all[t] = df_all.get(t, 0) + 1
    idf = idf_from_counts(df_all, len(sts) + 1)
    want = sorted(((round(echo_score(new, st, idf).score, 4), i) for i, st in enumerate(sts)
                   if echo_score(new, st, idf).score > 0), reverse=True)[:3]
    got = idx.lookup(10 * DAY, 30 * DAY, "ru", new.frames, new.features.lemmas, new.features.keys, ["RU"], limit=3)
    assert [h.id for h in got] == [i for _s, i in want]
    for h, (s, _i) in zip(got, want, strict=True):
        assert h.score == pytest.approx(s, abs=1e-3)
    assert got[0].id in (0, 1)  # the NATO build-up statements, in Russian and in English


def test_the_window_and_the_countries_bound_the_candidates() -> None:
    idx = EchoIndex(["nato_threat"], ["RU", "BY"])
    idx.add(0, "RU", "ru", ["nato_threat"], ["нато", "граница"], [])
    idx.add(40 * DAY, "RU", "ru", ["nato_threat"], ["нато", "граница"], [])
    idx.add(41 * DAY, "BY", "ru", ["nato_threat"], ["нато", "граница"], [])
    hits = idx.lookup(45 * DAY, 30 * DAY, "ru", ["nato_threat"], ["нато", "граница"], [], ["RU"])
    assert [h.id for h in hits] == [1]
    assert idx.lookup(45 * DAY, 30 * DAY, "ru", [], ["нато"], [], ["RU"]) == []  # no frame, no echo
    with pytest.raises(ValueError, match="time order"):
        idx.add(DAY, "RU", "ru", [], ["x"], [])


def test_a_late_statement_scores_as_if_it_had_come_in_order_and_a_removed_one_is_gone() -> None:
    frames = [f for f in configured_tagger().frame_ids]
    sts = [_st(lang, t) for lang, t in RU]
    new = _st(*NEW)

    def build(late_one: int | None, swap: bool = False) -> EchoIndex:
        idx = EchoIndex(frames, ["RU", "BY"])
        order = [i for i in range(len(sts)) if i != late_one] + ([late_one] if late_one is not None else [])
        if swap:  # the last two a day out of order: within `disorder`, added like the others
            order[-2:] = order[-1:-3:-1]
        for i in order:
            st = sts[i]
            idx.add(i * DAY, "RU", st.features.lang, st.frames, st.features.lemmas, st.features.keys, key=100 + i)
        idx.refresh_norms()
        return idx

    def look(idx: EchoIndex) -> list[tuple[int, float]]:
        return [(h.id, h.score) for h in idx.lookup(10 * DAY, 30 * DAY, "ru", new.frames, new.features.lemmas,
                                                      new.features.keys, ["RU"], limit=3)]

    in_order = look(build(None))
    assert in_order and all(k >= 100 for k, _s in in_order)  # hits carry the keys
    swapped = build(None, swap=True)
    assert swapped.late_count == 0 and look(swapped) == in_order
    # a window that ends between the two: the one made after it is left out, by its own time
    just = [h.id for h in swapped.lookup(5 * DAY, 30 * DAY, "ru", new.frames, new.features.lemmas,
                                         new.features.keys, ["RU"], limit=10)]
    assert 105 not in just and just
    late = build(0)
    assert late.late_count == 1 and 100 in late
    got = look(late)
    assert [k for k, _s in got] == [k for k, _s in in_order]
    assert [s for _k, s in got] == pytest.approx([s for _k, s in in_order], abs=1e-3)
    late.remove(in_order[0][0])
    assert in_order[0][0] not in late and in_order[0][0] not in [k for k, _s in look(late)]
    late.remove(100)
    assert late.late_count == 0
