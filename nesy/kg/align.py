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
* dropping adjectives or a prepositional phrase → ENTAILMENT ("a tall man sleeps" → "a man sleeps"), also
  with the head noun generalised ("a tall man" → "a person");
* adding them → NEUTRAL ("a man sleeps" → "a sad man sleeps"; "the architect" → "the Christian person"), and
  so is replacing a person noun that states no sex by one that does ("the dentist" → "the man").

Each decision names its rule (:data:`RULES`); the fusion weighs it by that rule's measured precision.

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
    """A natural-logic decision; ``rule`` names the step that made it (see :data:`RULES`)."""

    label: Label
    evidence: KgEvidence | None
    reason: str
    rule: str = "substitution"


#: restate: same content words; drop-modifier / add-modifier: the hypothesis drops / adds intersective
#: modifiers (possibly with a head-noun substitution); substitution: one word replaced by a related word;
#: kind-of: a definitional "X is a kind of Y" claim confirmed by WordNet (:mod:`nesy.kg.definitions`).
#: A person noun that states no sex replaced by one that does ("the nurse" → "the man") is the same step as
#: add-modifier — "man" is "male adult person", and the premise lacks "male" — and carries its name (and so its
#: measured precision: on its own it fired twice in the network's three-way NLI sources, too few to measure).
#: (Natural logic's "independence" — a noun replaced by one the graph relates neither way — is deliberately not a
#: rule: measured on SNLI/SICK it was right less than half the time, because a missing edge is more often a gap
#: in the graph, "boy" → "kid", than a fact.)
RULES: tuple[str, ...] = ("restate", "drop-modifier", "add-modifier", "substitution", "kind-of")


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
        return LexicalDecision(Label.ENTAILMENT, None, "The hypothesis restates the premise.", "restate")
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
        if _modifiers(p_mid) or _prep_phrase(p_mid):
            return LexicalDecision(Label.ENTAILMENT, None,
                                   f"The hypothesis drops the modifier '{' '.join(s.text for s in p_mid)}'.",
                                   "drop-modifier")
        return None
    if not p_mid and h_mid:
        # the mirror image: the hypothesis adds adjectives or a prepositional phrase, so it says more
        if _modifiers(h_mid) or _prep_phrase(h_mid):
            return LexicalDecision(Label.NEUTRAL, None, f"The hypothesis adds '{' '.join(s.text for s in h_mid)}', "
                                   "which the premise does not say.", "add-modifier")
        return None
    if not p_mid or len(p_mid) > 3 or len(h_mid) > 3:
        return None
    headed = _head_substitution(retriever, p_mid, h_mid)
    if headed is not None:
        return headed
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
        if len(p_mid) == len(h_mid) and sp.pos == "NOUN":
            return _new_facet(retriever, sp, sh)
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


def _modifiers(slots: list[Slot]) -> bool:
    """Only intersective adjectives ("tall", "red"): dropping them generalises, adding them specialises."""
    return bool(slots) and all(s.pos == "ADJ" and s.dep in {"amod", "compound"} for s in slots)


def _prep_phrase(slots: list[Slot]) -> bool:
    """A whole prepositional phrase ("in a park"), not one about the subject's own body ("in her hands")."""
    return (bool(slots) and slots[0].pos == "ADP" and slots[0].dep == "prep"
            and any(s.pos in {"NOUN", "PROPN"} for s in slots) and not any(s.dep == "poss" for s in slots))


def _group_modifiers(slots: list[Slot]) -> bool:
    """Modifiers of a head noun: adjectives, or group words spaCy tags as nouns ("a Christian person")."""
    return bool(slots) and all(s.dep in {"amod", "compound"} and s.pos in {"ADJ", "PROPN", "NOUN"} for s in slots)


def _head_substitution(retriever: Retriever, p_mid: list[Slot], h_mid: list[Slot]) -> LexicalDecision | None:
    """A head noun replaced while modifiers are added or dropped: "the architect" → "the Christian person".

    Dropping intersective adjectives and generalising the noun entails ("a tall man" → "a person"); adding
    modifiers to the same or a more general noun says more than the premise ("an architect" → "a Christian
    person"): NEUTRAL.
    """
    if len(p_mid) == len(h_mid) or (len(p_mid) > 1 and len(h_mid) > 1):
        return None
    if any(len(m) > 1 and retriever.kg.has_lemma("_".join(s.lemma for s in m)) for m in (p_mid, h_mid)):
        return None  # "wind instrument" is one word: the multiword route below decides
    hp, hh = p_mid[-1], h_mid[-1]
    if hp.pos not in {"NOUN", "PROPN"} or hh.pos not in {"NOUN", "PROPN"}:
        return None
    if len(h_mid) > 1 and _group_modifiers(h_mid[:-1]):
        ev = None if hp.lemma == hh.lemma else retriever.relation(hp.lemma, hh.lemma, "n", "n")
        if hp.lemma == hh.lemma or (ev is not None and ev.kind in {"entailing", "reverse"}):
            added = " ".join(s.text for s in h_mid[:-1])
            return LexicalDecision(Label.NEUTRAL, ev, f"The hypothesis describes '{hp.text}' as '{added} "
                                   f"{hh.text}'; the premise does not say '{added}'.", "add-modifier")
        return None
    if len(p_mid) > 1 and _modifiers(p_mid[:-1]):
        ev = retriever.relation(hp.lemma, hh.lemma, "n", "n")
        if ev is not None and ev.kind == "entailing":
            dropped = " ".join(s.text for s in p_mid[:-1])
            return LexicalDecision(Label.ENTAILMENT, ev, f"The hypothesis drops '{dropped}' and replaces "
                                   f"'{ev.premise_term}' by the more general or equivalent '{ev.hypothesis_term}'.",
                                   "drop-modifier")
    return None


def _new_facet(retriever: Retriever, sp: Slot, sh: Slot) -> LexicalDecision | None:
    """A person noun that states no sex ("accountant", "dentist") replaced by one that does ("man", "lady"): the
    premise says nothing about the person's sex, so NEUTRAL, unless the two clash on a facet both state ("child"
    vs "man"). Nouns that state a sex are left alone: between two demographic nouns ("boy" → "kid") a missing
    edge is more often a gap in WordNet than independence."""
    fp, fh = retriever.person_facets(sp.lemma), retriever.person_facets(sh.lemma)
    if fp is None or fh is None or fp["sex"] is not None:
        return None
    if any(fp[f] and fh[f] and fp[f] != fh[f] for f in fp):
        return None
    stated = [facet for facet, value in fh.items() if value and not fp[facet]]
    if not stated:
        return None
    return LexicalDecision(Label.NEUTRAL, None, f"'{sp.text}' says nothing about {' or '.join(stated)}; "
                           f"'{sh.text}' does.", "add-modifier")
