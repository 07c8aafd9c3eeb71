"""Tense: events carry pres/past/fut; past and future states hold at their own reference time; the present
perfect is past; implicatives' infinitives take the matrix tense. Past, present and future never entail one
another (in the classical reading; captions ignore tense, see test_readings.py)."""

from __future__ import annotations

import pytest

from nesy.logic.fol import Implies
from tests.semantics._helpers import C, E, N, atoms, read, roles, walk


# --------------------------------------------------------------------------- formulas
@pytest.mark.parametrize("sentence, tense", [
    ("Ann sings a song.", "pres"),
    ("Ann is singing a song.", "pres"),
    ("Ann sang a song.", "past"),
    ("Ann was singing a song.", "past"),
    ("Ann did not sing a song.", "past"),
    ("Ann has sung a song.", "past"),
    ("Ann will sing a song.", "fut"),
], ids=["simple-present", "progressive", "simple-past", "past-progressive", "did-not", "present-perfect",
        "future"])
def test_event_tense(reader, sentence, tense):
    r = roles(read(reader, sentence), "sing")
    assert tense in r and not ({"pres", "past", "fut"} - {tense}) & set(r)


@pytest.mark.parametrize("sentence, expected", [
    ("Ann was a nurse.", {"nurse(ann, past_time)"}),
    ("Ann will be a nurse.", {"nurse(ann, fut_time)"}),
    ("Ann is a nurse.", {"nurse(ann)"}),
    ("Ann was tall.", {"tall(ann, past_time)"}),
], ids=["past-noun", "future-noun", "present-noun", "past-adjective"])
def test_states_hold_at_their_reference_time(reader, sentence, expected):
    assert atoms(read(reader, sentence)) == expected


def test_implicative_infinitive_takes_the_matrix_tense(reader):
    assert "past" in roles(read(reader, "Ann managed to open the door."), "open")


def test_rule_condition_is_untensed(reader):
    f = read(reader, "If Ann plays the piano, Bob is happy.")
    rule = next(g for g in walk(f) if isinstance(g, Implies))
    assert "play(" in str(rule.left) and "pres(" not in str(rule.left)  # a playing at any time


@pytest.mark.parametrize("sentence, verb", [("Three nurses left.", "leave"), ("Ann sang a song or danced.", "dance")],
                         ids=["numeral-subject", "disjunct"])
def test_past_participle_form_of_a_past_verb_is_past(reader, sentence, verb):
    r = roles(read(reader, sentence), verb)
    assert "past" in r and "pres" not in r


# --------------------------------------------------------------------------- entailments
CASES = [
    N("past-not-present", "Ann sang a song.", "Ann sings a song."),
    N("present-not-past", "Ann sings a song.", "Ann sang a song."),
    N("future-not-present", "Ann will sing a song.", "Ann sings a song."),
    N("past-not-future", "Ann sang a song.", "Ann will sing a song."),
    E("perfect-is-past", "Ann has sung a song.", "Ann sang a song."),
    E("past-is-perfect", "Ann sang a song.", "Ann has sung a song."),
    E("past-progressive-is-past", "Ann was singing a song.", "Ann sang a song."),
    N("past-progressive-not-present", "Ann was singing a song.", "Ann is singing a song."),
    C("did-not-vs-past", "Ann did not sing a song.", "Ann sang a song."),
    N("did-not-says-nothing-now", "Ann did not sing a song.", "Ann sings a song."),
    N("was-nurse-not-is", "Ann was a nurse.", "Ann is a nurse."),
    N("was-nurse-not-is-not", "Ann was a nurse.", "Ann is not a nurse."),
    N("is-nurse-not-was", "Ann is a nurse.", "Ann was a nurse."),
    N("will-be-not-is", "Ann will be a nurse.", "Ann is a nurse."),
    N("was-tall-not-is-tall", "Ann was tall.", "Ann is tall."),
    E("was-nurse-repeats", "Ann was a nurse.", "Ann was a nurse."),
    E("implicative-past", "Ann managed to open the door.", "Ann opened the door."),
    N("implicative-past-not-present", "Ann managed to open the door.", "Ann opens the door."),
    E("past-rule-past-fact", ("If Ann sang a song, Bob danced.", "Ann sang a song."), "Bob danced."),
    E("present-rule-past-fact", ("If Ann plays the piano, Bob is happy.", "Ann played the piano."), "Bob is happy."),
    N("past-rule-present-fact", ("If Ann played the piano, Bob is happy.", "Ann plays the piano."), "Bob is happy."),
    N("past-numeral-subject-not-present", "At least three patients left.", "At least three patients leave."),
    N("past-vbn-not-present", "Three nurses left.", "Three nurses leave."),
]


@pytest.mark.parametrize("case", CASES)
def test_entailment(system, case):
    case.check(system)
