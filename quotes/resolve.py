"""The resolver: one place that settles each candidate's speaker and records why.

A candidate arrives with the speaker its extractor's rule linked it to (a transcript label, the
subject of a reporting verb, a speaker carried over), or only with the offsets of its speaker
expression (`source`). The resolver reads the expression through the document's people: a registry
name, a name found in the text, a title resolved by the source's country and date ("глава
государства" in a Belarusian source), a pronoun (nearest compatible person), a role noun (nearest
person whose roles fit). The reason names which, and the mention it rests on.
"""
from __future__ import annotations

import re

from quotes.candidate import Attribution, Candidate, Speaker
from quotes.doc import Doc, Person

_PRONOUN = re.compile(r"(?i)(?<!\w)(he|she|him|her|они|он|она|его|её|ее)(?!\w)")


class Resolver:
    def __init__(self, doc: Doc):
        self.doc = doc

    def resolve(self, c: Candidate) -> Attribution | None:
        """The candidate's speaker and the reason, or None when no person can be named."""
        sp = c.speaker
        how = ""
        if sp is None and c.source is not None:
            found = self.doc.speaker_in(*c.source)
            if found is None:
                return None
            sp = found[0]
            how = self._kind_at(found[1], sp)
        if sp is None or sp.name is None:
            return None
        if not how:
            how = self._kind_near(c, sp)
        return Attribution(sp.name, sp.leader_id, f"{c.extractor} ({c.link}); speaker {how}")

    # --- reasons ---------------------------------------------------------------------------------
    def _describe(self, p: Person) -> str:
        doc = self.doc
        said = doc.text[p.start:p.end]
        if p.title:
            ctx = doc.ctx
            where = ", ".join(x for x in (f"source country {ctx.country}" if ctx.country else "",
                                          f"published {ctx.published}" if ctx.published else "") if x)
            return f"by title {said!r} -> {p.leader_id}" + (f" ({where})" if where else " (a holder named in the text)")
        if p.leader_id:
            return f"by registry name {said!r} -> {p.leader_id}"
        return f"by name in the text {said!r} (not in the registry)"

    def _kind_at(self, pos: int, sp: Speaker) -> str:
        for p in self.doc.persons:
            if p.start == pos and p.start < p.end:
                return self._describe(p)
        word = re.match(r"[\w-]+(?:\s+[\w-]+){0,4}", self.doc.text[pos:pos + 60])
        said = word.group() if word else ""
        if _PRONOUN.fullmatch(said.split()[0] if said else ""):
            return f"by pronoun {said.split()[0]!r} -> {sp.name} (nearest compatible person before)"
        return f"by role {said!r} -> {sp.name} (nearest person whose roles fit)"

    def _kind_near(self, c: Candidate, sp: Speaker) -> str:
        """The mention a rule's speaker rests on: the nearest mention of that person before the quote
        (after it, for a quote that opens the text); a pronoun when the quote's sentence names nobody."""
        doc = self.doc
        same = [p for p in doc.persons if p.start < p.end and p.name == sp.name and p.leader_id == sp.leader_id]
        if not same:
            return f"{sp.name!r} from the transcript label" if c.extractor == "transcript" else f"{sp.name!r}"
        before = [p for p in same if p.start < c.start]
        after = [p for p in same if p.start >= c.end]
        si = doc.sent_of(c.start)
        lo = doc._sent_starts[si] if si >= 0 else 0
        window = doc.text[lo:c.start] + " " + doc.text[c.end:c.end + 120]
        near = [p for p in same if lo <= p.start < c.end + 120 and not (c.start <= p.start < c.end)]
        if not near and c.extractor != "transcript":
            m = _PRONOUN.search(window)
            if m and before:
                return f"by pronoun {m.group(1)!r} -> {self._describe(before[-1])}"
            if before and c.link.startswith("carried"):
                return f"carried over: {self._describe(before[-1])}"
        if near:
            return self._describe(min(near, key=lambda p: abs(p.start - c.start)))
        # the nearest mention outside the quote; else one inside it (a name the model read in its span)
        return self._describe(before[-1] if before else after[0] if after else same[0])
