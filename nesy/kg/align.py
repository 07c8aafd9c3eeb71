"""A small sentence-level semantic representation for ordinary NLI pairs, and lexical decisions.

Each sentence becomes a sequence of content slots from its dependency parse (lemma, role,
head), with determiners and punctuation dropped. Premise and hypothesis are aligned slot by
slot; when they differ by one substituted word or phrase (the case the Breaking-NLI benchmark
tests), or the hypothesis only drops modifiers, the knowledge graph decides the pair:

* substitution by a synonym or a more general word → ENTAILMENT ("guitar" → "instrument");
* substitution by an antonym or exclusive co-hyponym in predicate position → CONTRADICTION
  ("the car is red" → "the car is yellow"); elsewhere ("a man …" → "a woman …") the two words may
  describe different things, so no decision;
* substitution by a more specific word → NEUTRAL;
* dropping adjective/adverb/prepositional modifiers → ENTAILMENT ("a tall man sleeps" → "a man sleeps").

These rules hold in upward-monotone contexts only, so pairs whose premise or hypothesis has
negation, a universal or negative quantifier, a modal, or a conditional are left undecided,
as are pairs that differ in more than one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from nesy.kg.retriever import KgEvidence, Retriever
from nesy.types import Label

__all__ = ["Slot", "represent", "LexicalDecision", "lexical_decision"]

_SKIP_POS = {"DET", "PUNCT", "SPACE"}
_NON_MONOTONE = {"not", "n't", "no", "never", "nobody", "nothing", "none", "neither", "nor", "without", "every",
                 "all", "each", "any", "only", "if", "unless", "may", "might", "could", "would", "should", "few",
                 "fail", "refuse", "deny", "doubt", "or", "except", "hardly", "barely"}
_MODIFIER_DEPS = {"amod", "advmod", "compound", "nummod", "prep", "pobj", "npadvmod", "poss", "case", "acomp"}


@dataclass(frozen=True, slots=True)
class Slot:
    """One content word of a sentence: its lemma, part of speech, dependency role and head index."""

    lemma: str
    pos: str
    dep: str
    head: int
    text: str


def represent(doc: Any) -> list[Slot]:
    """The content slots of a spaCy doc, in order."""
    return [Slot(t.lemma_.lower(), t.pos_, t.dep_, t.head.i, t.lower_) for t in doc
            if t.pos_ not in _SKIP_POS and not t.is_space]


def represent_all(doc: Any) -> list[Slot]:
    return [Slot(t.lemma_.lower(), t.pos_, t.dep_, t.head.i, t.lower_) for t in doc if not t.is_space]


@dataclass(frozen=True, slots=True)
class LexicalDecision:
    label: Label
    evidence: KgEvidence | None
    reason: str


def _monotone(slots: list[Slot]) -> bool:
    return not any(s.lemma in _NON_MONOTONE or s.text in _NON_MONOTONE for s in slots)


def lexical_decision(retriever: Retriever, premise: str, hypothesis: str) -> LexicalDecision | None:
    """Decide a pair that differs by one word/phrase or by dropped modifiers; None when out of scope."""
    pdoc, hdoc = retriever.doc(premise), retriever.doc(hypothesis)
    ps, hs = represent(pdoc), represent(hdoc)
    # monotonicity is judged on every token: "no" is a determiner, which the slots leave out
    if not ps or not hs or not _monotone(represent_all(pdoc)) or not _monotone(represent_all(hdoc)):
        return None
    pl, hl = [s.lemma for s in ps], [s.lemma for s in hs]
    if pl == hl:
        return LexicalDecision(Label.ENTAILMENT, None, "The hypothesis restates the premise.")
    # common prefix / suffix, then one differing stretch on each side
    i = 0
    while i < min(len(pl), len(hl)) and pl[i] == hl[i]:
        i += 1
    j = 0
    while j < min(len(pl), len(hl)) - i and pl[-1 - j] == hl[-1 - j]:
        j += 1
    p_mid, h_mid = ps[i:len(ps) - j], hs[i:len(hs) - j]
    if not h_mid and p_mid:
        # the hypothesis drops a stretch of the premise: entailed when it is adjectives or a whole
        # prepositional phrase (adverbs are left alone: "almost", "allegedly", "best" are not veridical)
        adjectives = all(s.pos == "ADJ" and s.dep in {"amod", "compound"} for s in p_mid)
        pp = p_mid[0].pos == "ADP" and p_mid[0].dep == "prep" and any(s.pos in {"NOUN", "PROPN"} for s in p_mid)
        if adjectives or pp:
            return LexicalDecision(Label.ENTAILMENT, None,
                                   f"The hypothesis drops the modifier '{' '.join(s.text for s in p_mid)}'.")
        return None
    if not p_mid or len(p_mid) > 3 or len(h_mid) > 3:
        return None
    wn_pos = {"NOUN": "n", "PROPN": "n", "VERB": "v", "ADJ": "a"}
    ev = None
    if len(p_mid) == len(h_mid):
        # one substituted content word; everything else (prepositions, auxiliaries) identical
        diff = [k for k in range(len(p_mid)) if p_mid[k].lemma != h_mid[k].lemma]
        if len(diff) != 1:
            return None
        sp, sh = p_mid[diff[0]], h_mid[diff[0]]
        if sp.pos != sh.pos or sp.pos not in wn_pos:
            return None  # a noun replaced by a verb is no lexical substitution
        pos = None if sp.pos == "ADJ" else wn_pos[sp.pos]  # colour adjectives exclude through their noun senses
        ev = retriever.relation(sp.lemma, sh.lemma, pos, pos)
        # Exclusion contradicts only when both words describe the same thing: a predicate ("the car is
        # red/yellow"). "A man …" vs "A woman …" may be two different people.
        predicative = sp.dep in {"acomp", "attr", "oprd"} and sh.dep in {"acomp", "attr", "oprd"}
    else:
        predicative = False
        # a multiword expression replaced by another (or by one word): both must be graph lemmas
        a = "_".join(s.lemma for s in p_mid)
        b = "_".join(s.lemma for s in h_mid)
        if retriever.kg.has_lemma(a) and retriever.kg.has_lemma(b):
            ev = retriever.relation(a, b)
    if ev is None:
        return None
    if ev.kind == "entailing":
        return LexicalDecision(Label.ENTAILMENT, ev, f"'{ev.premise_term}' is replaced by the more general or "
                               f"equivalent '{ev.hypothesis_term}'.")
    if ev.kind == "excluding" and predicative:
        return LexicalDecision(Label.CONTRADICTION, ev, f"'{ev.premise_term}' and '{ev.hypothesis_term}' "
                               "exclude each other.")
    if ev.kind == "reverse":
        return LexicalDecision(Label.NEUTRAL, ev, f"'{ev.hypothesis_term}' is more specific than "
                               f"'{ev.premise_term}'.")
    return None
