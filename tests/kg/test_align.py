"""Natural-logic decisions on the shipped graph: one-word substitutions, added and dropped modifiers."""

from __future__ import annotations

import pytest

from nesy.kg.align import RULES, lexical_decision
from nesy.types import Label


@pytest.mark.parametrize(("premise", "hypothesis", "label", "rule"), [
    ("A man plays a guitar.", "A man plays an instrument.", Label.ENTAILMENT, "substitution"),
    ("A tall man sleeps.", "A man sleeps.", Label.ENTAILMENT, "drop-modifier"),
    ("A man sleeps in a park.", "A man sleeps.", Label.ENTAILMENT, "drop-modifier"),
    ("Two people are walking up a mountain.", "Two sad people are walking up a mountain.", Label.NEUTRAL,
     "add-modifier"),
    ("A man sleeps.", "A man sleeps in a park.", Label.NEUTRAL, "add-modifier"),
    # a head noun generalised while a modifier is added: more specific than the premise says
    ("The architect drove a car.", "The Christian person drove a car.", Label.NEUTRAL, "add-modifier"),
    # a person noun without a sex replaced by one with a sex
    ("The dentist crashed a car.", "The man crashed a car.", Label.NEUTRAL, "add-modifier"),
    ("The accountant ate an apple.", "The lady ate an apple.", Label.NEUTRAL, "add-modifier"),
    ("The car is red.", "The car is yellow.", Label.CONTRADICTION, "substitution"),
])
def test_decisions(shipped_retriever, premise, hypothesis, label, rule):
    d = lexical_decision(shipped_retriever, premise, hypothesis)
    assert d is not None and (d.label, d.rule) == (label, rule), d
    assert d.rule in RULES and d.reason


@pytest.mark.parametrize(("premise", "hypothesis"), [
    ("A man is not sleeping.", "A tall man is not sleeping."),  # downward context: no monotone rule applies
    ("A man walks a dog.", "A woman feeds a cat."),  # more than one difference
    ("A woman holding a camera.", "A woman holds a camera in her hands."),  # a phrase about her own body
    ("A boy is playing.", "A kid is playing."),  # both state a sex/age: a missing edge is a gap, not independence
    ("A man sleeps.", "A woman sleeps."),  # exclusive, but maybe two different people: no decision
])
def test_out_of_scope_pairs_are_left_undecided(shipped_retriever, premise, hypothesis):
    assert lexical_decision(shipped_retriever, premise, hypothesis) is None


def test_a_multiword_lemma_is_one_word_not_an_added_modifier(shipped_retriever):
    d = lexical_decision(shipped_retriever, "A girl is playing a flute.", "A girl is playing a wind instrument.")
    assert d is not None and d.label is Label.ENTAILMENT and d.evidence is not None
    assert d.evidence.hypothesis_term == "wind_instrument"


def test_person_facets(shipped_retriever):
    assert shipped_retriever.person_facets("man") == {"sex": "s:male.n.02", "age": "s:adult.n.01"}
    assert shipped_retriever.person_facets("journalist") == {"sex": None, "age": None}
    assert shipped_retriever.person_facets("businessman")["sex"] == "s:male.n.02"  # compound of "business"
    assert shipped_retriever.person_facets("shaman")["sex"] is None  # "sha" is no word
    assert shipped_retriever.person_facets("guitar") is None  # not a person
