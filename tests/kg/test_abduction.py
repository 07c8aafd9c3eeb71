"""Abduction of graph axioms when the up-front axioms leave a pair open (nesy.kg.abduction), with real Z3, spaCy and
the shipped WordNet graph."""

from __future__ import annotations

import pytest

from nesy.kg.abduction import ABDUCED, abduce, role_contexts
from nesy.logic.fol import Atom, Const, Exists, Var, conj
from nesy.logic.system import SymbolicSystem
from nesy.types import Label, Problem


@pytest.fixture(scope="module")
def symbolic(shipped_retriever):  # type: ignore[no-untyped-def]
    return SymbolicSystem(kg=shipped_retriever)


def _solve(system: SymbolicSystem, premise: str, hypothesis: str, reading: str = "scene"):  # type: ignore[no-untyped-def]
    p = Problem(id="t", premises=(premise,), hypothesis=hypothesis, reading=reading)  # type: ignore[arg-type]
    return system.solve_with_analysis(p)


# (premise, hypothesis, label): each needs an abduced axiom (a second sense, adjectives of one noun, a compound
# lemma) that the up-front axioms do not add
PROVED = [
    ("A man is eating a banana", "A man is eating a fruit", Label.ENTAILMENT),
    ("A woman is peeling a banana", "A woman is peeling a fruit", Label.ENTAILMENT),
    ("A large brown dog is standing on a rock", "A big brown dog is standing on a rock", Label.ENTAILMENT),
    ("A boy is carrying a large box", "A boy is carrying a big box", Label.ENTAILMENT),
    ("A man is singing and playing a guitar", "A man is singing and playing a musical instrument",
     Label.ENTAILMENT),
    ("There is no man eating a fruit", "A man is eating a banana", Label.CONTRADICTION),
]


@pytest.mark.parametrize(("premise", "hypothesis", "label"), PROVED)
def test_abduced_axiom_closes_the_gap_and_is_cited(symbolic, premise, hypothesis, label):  # type: ignore[no-untyped-def]
    verdict, analysis = _solve(symbolic, premise, hypothesis)
    assert verdict.proved and verdict.label is label
    assert analysis.abduced and all(ABDUCED in a for a in analysis.abduced)
    cited = [s for s in verdict.trace.steps if s.kind == "kg" and ABDUCED in (s.source or "")]
    assert cited, verdict.trace.to_text()
    assert "WordNet 3.0" in (cited[0].source or "")


def test_without_abduction_the_same_pairs_stay_open(shipped_retriever):  # type: ignore[no-untyped-def]
    off = SymbolicSystem(kg=shipped_retriever)
    off.abduction = False
    for premise, hypothesis, _ in PROVED[:3]:
        verdict, _ = _solve(off, premise, hypothesis)
        assert not verdict.proved


# Negative cases: aligned pairs with no relation that makes the step valid stay unproved.
OPEN = [
    # the graph relates the adjectives only by hypernymy/similarity: not carried over to the noun
    ("A small dog is running", "A small animal is running"),
    # a hypernym of the hypothesis word is not a kind of it (specific ⊬ general in the other direction)
    ("A man is eating a fruit", "A man is eating a banana"),
    # a large dog is not a small dog, but "small dog" says nothing of the large one: not a contradiction
    ("A large dog is running", "A small dog is running"),
    # unaligned: the banana is not what is eaten
    ("A man is eating a sandwich next to a banana", "A man is eating a fruit"),
    # person nouns keep their first sense: "boy" is also a grown man, "cat" also a guy, "boy" also a son
    ("A boy is happily playing the piano", "A piano is being played by a man"),
    ("A dog is chasing a cat", "A dog is chasing a man"),
    # nor a sense across the physical/abstract divide ("road" as a means, which WordNet files under agency)
    ("Both roads lead to the station", "Both agencies lead to the station"),
]


@pytest.mark.parametrize(("premise", "hypothesis"), OPEN)
def test_no_abduction_without_a_valid_aligned_relation(symbolic, premise, hypothesis):  # type: ignore[no-untyped-def]
    verdict, analysis = _solve(symbolic, premise, hypothesis)
    assert not verdict.proved, verdict.trace.to_text()
    assert not analysis.abduced


def test_antonymous_adjectives_of_one_noun_exclude_each_other(shipped_retriever):  # type: ignore[no-untyped-def]
    x = Var("x")
    premise = conj([Atom("wave", (Const("w1"),)), Atom("big_wave", (Const("w1"),))])
    hypothesis = Exists(x, conj([Atom("wave", (x,)), Atom("small_wave", (x,))]))
    pos = {"wave": "n", "big_wave": "a", "small_wave": "a"}
    got = {str(a.formula) for a in abduce(shipped_retriever, [premise], hypothesis, pos)}
    assert "∀x (big_wave(x) → ¬small_wave(x))" in got


def test_directional_reading_never_abduces(symbolic):  # type: ignore[no-untyped-def]
    # RuleTaker-style text is a complete theory by the dataset's convention: graph knowledge must not change it
    verdict, analysis = _solve(symbolic, "The man eats the banana.", "The man eats the fruit.", reading="directional")
    assert not analysis.abduced


def test_role_contexts_pair_participants_with_their_events():
    e, m, b = Var("e"), Const("m"), Const("b")
    f = conj([Atom("man", (m,)), Atom("banana", (b,)),
              Exists(e, conj([Atom("eat", (e,)), Atom("agent", (e, m)), Atom("theme", (e, b))]))])
    ctx = role_contexts([f], {"man": "n", "banana": "n", "eat": "v", "agent": "r", "theme": "r"})
    assert ("of", "theme", "eat") in ctx["banana"]
    assert ("of", "agent", "eat") in ctx["man"]
    assert ("with", "theme", "banana") in ctx["eat"]


# antonym verbs are not abduced as exclusions of one agent (measured wrong on SICK more often than right)
@pytest.mark.parametrize(("premise", "hypothesis"), [
    ("A man is sitting", "A woman is standing"),  # two agents
    ("A man is opening a door", "A man is closing a window"),  # same agent, other things
    ("A man is standing up", "A man is sitting down"),  # SICK calls such pairs neutral
])
def test_antonym_verbs_give_no_abduced_exclusion(symbolic, premise, hypothesis):  # type: ignore[no-untyped-def]
    verdict, _ = _solve(symbolic, premise, hypothesis)
    assert not (verdict.proved and verdict.label is Label.CONTRADICTION)
