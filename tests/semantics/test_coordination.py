"""Coordination: of clauses, verb phrases, noun phrases, predicates; "and", "or", "but", "both … and",
"neither … nor"; distributive readings only (collective verbs are refused, see test_refusals.py)."""

from __future__ import annotations

import pytest

from nesy.logic.fol import And, Or
from tests.semantics._helpers import C, E, N, read, roles


# --------------------------------------------------------------------------- formulas
def test_clause_conjunction(reader):
    f = read(reader, "Ann is tall and Bob is short.")
    assert isinstance(f, And) and str(f) == "tall(ann) ∧ short(bob)"


def test_clause_disjunction(reader):
    f = read(reader, "Ann is tall or Bob is short.")
    assert isinstance(f, Or) and str(f) == "tall(ann) ∨ short(bob)"


def test_conjoined_subjects_distribute(reader):
    f = read(reader, "Ann and Bob sang a song.")
    assert roles(f, "sing")["agent"] == {"ann", "bob"}
    assert str(f).count("song(") == 2  # a song each (the distributive reading)


def test_disjoined_subjects_give_a_disjunction_of_events(reader):
    f = read(reader, "Ann or Bob sang a song.")
    assert isinstance(f, Or) and len(f.args) == 2


def test_disjunction_of_verb_phrases_keeps_indefinites_inside(reader):
    f = read(reader, "Ann sang a song or danced.")
    assert isinstance(f, Or)
    assert "song(" in str(f.args[0]) and "dance(" in str(f.args[1])


def test_predicate_nominal_disjunction(reader):
    assert str(read(reader, "Ann is a doctor or a singer.")) == "doctor(ann) ∨ singer(ann)"


def test_predicate_nominal_conjunction(reader):
    assert str(read(reader, "Ann is a doctor and a singer.")) == "doctor(ann) ∧ singer(ann)"


# --------------------------------------------------------------------------- entailments
CASES = [
    E("and-subject-left", "Ann and Bob sang a song.", "Ann sang a song."),
    E("and-subject-right", "Ann and Bob sang a song.", "Bob sang a song."),
    E("both-and", "Both Ann and Bob sang a song.", "Ann sang a song."),
    N("or-subject-not-left", "Ann or Bob sang a song.", "Ann sang a song."),
    E("or-subject-elimination", ("Ann or Bob sang a song.", "Ann did not sing a song."), "Bob sang a song."),
    E("and-vp", "Ann sang a song and danced.", "Ann danced."),
    N("or-vp-not-right", "Ann sang a song or danced.", "Ann danced."),
    E("or-vp-elimination", ("Ann sang a song or danced.", "Ann did not dance."), "Ann sang a song."),
    E("and-clauses", "Ann is tall and Bob is short.", "Bob is short."),
    N("or-clauses-not-right", "Ann is tall or Bob is short.", "Bob is short."),
    E("or-clauses-elimination", ("Ann is tall or Bob is short.", "Ann is not tall."), "Bob is short."),
    E("or-introduction", "Ann is tall.", "Ann is tall or Bob is short."),
    N("or-no-conjunction", "Ann is tall or Bob is short.", "Ann is tall and Bob is short."),
    E("and-nominals", "Ann is a doctor and a singer.", "Ann is a singer."),
    N("or-nominals-not-right", "Ann is a doctor or a singer.", "Ann is a singer."),
    E("or-nominals-elimination", ("Ann is a doctor or a singer.", "Ann is not a doctor."), "Ann is a singer."),
    E("conjunction-introduction", ("Ann is a doctor.", "Ann is a singer."), "Ann is a doctor and a singer."),
    E("and-objects", "Ann bought apples and pears.", "Ann bought pears."),
    N("or-objects-not-right", "Ann bought apples or pears.", "Ann bought pears."),
    E("list-of-adjectives", "Ann is tall, rich and happy.", "Ann is happy."),
    C("neither-nor", "Neither Ann nor Bob sang a song.", "Bob sang a song."),
    E("ellipsis-too", "Ann plays the piano and Bob does too.", "Bob plays the piano."),
    C("ellipsis-but-not", "Ann plays the piano but Bob does not.", "Bob plays the piano."),
    E("ellipsis-copula", ("Ann is a nurse.", "Bob is too."), "Bob is a nurse."),
    E("either-or-names", "Either Ann or Bob sang a song.", "Ann or Bob sang a song.",
      gap="'either' before coordinated names is left over ('words the logic would drop: Either')"),
]


@pytest.mark.parametrize("case", CASES)
def test_entailment(system, case):
    case.check(system)
