"""Attributive and predicative adjectives by class: intersective, subsective (the default), non-subsective
(privative and modal), degree adverbs, negative prefixes, coordinated adjectives."""

from __future__ import annotations

import pytest

from tests.semantics._helpers import C, E, N, atoms, meaning, pred_names, read


# --------------------------------------------------------------------------- formulas
def test_privative_adjective_gives_its_own_predicate_and_not_the_noun(reader):
    f = read(reader, "Ann is a former nurse.")
    assert str(f) == "former_nurse(ann)"
    assert "nurse" not in pred_names(f)


@pytest.mark.parametrize("sentence, pred, noun", [
    ("Bob is an alleged thief.", "alleged_thief", "thief"),
    ("Ann is a retired nurse.", "retired_nurse", "nurse"),
    ("The gun is a fake gun.", "fake_gun", None),
], ids=["alleged", "retired", "fake"])
def test_non_subsective_adjectives(reader, sentence, pred, noun):
    f = read(reader, sentence)
    assert pred in pred_names(f)
    if noun:
        assert noun not in pred_names(f)


def test_subsective_adjective_keeps_the_noun_and_relativises_the_adjective(reader):
    f = read(reader, "Rex is a skilful forger.")
    assert atoms(f) == {"forger(rex)", "skilful_forger(rex)"}
    assert "skilful" not in pred_names(f)


def test_gradable_adjective_is_relative_to_its_noun(reader):
    assert atoms(read(reader, "Dumbo is a small elephant.")) == {"elephant(dumbo)", "small_elephant(dumbo)"}


@pytest.mark.parametrize("sentence, expected", [
    ("Tom is a red car.", {"car(tom)", "red(tom)"}),
    ("Ann is a pregnant patient.", {"patient(ann)", "pregnant(ann)"}),
    ("Ann is a diabetic patient.", {"patient(ann)", "diabetic(ann)"}),
], ids=["colour", "pregnant", "diabetic"])
def test_intersective_adjectives_hold_of_the_individual(reader, sentence, expected):
    assert atoms(read(reader, sentence)) == expected


def test_veridical_degree_adverb_keeps_the_adjective(reader):
    assert atoms(read(reader, "Ann is very tall.")) == {"tall(ann)", "very_tall(ann)"}
    assert {"woman(ann)", "tall_woman(ann)", "very_tall_woman(ann)"} == atoms(read(reader, "Ann is a very tall woman."))


def test_adjective_with_a_complement_is_a_relation(reader):
    f = read(reader, "Ann is allergic to penicillin.")
    assert "allergic_to" in pred_names(f) and "allergic" in pred_names(f)


def test_negative_prefix_gives_a_contrary_axiom(reader):
    m = meaning(reader, "Ann is unhappy.", "Ann is happy.")
    assert any(str(f) == "∀x (unhappy(x) → ¬happy(x))" for f, _ in m.background)


def test_negative_prefix_axiom_only_when_the_base_is_used(reader):
    m = meaning(reader, "Ann is unhappy.", "Ann is tall.")
    assert not any("unhappy" in str(f) for f, _ in m.background)


def test_mixed_colour_coordination_is_one_property(reader):
    f = read(reader, "Ann wears a red and white shirt.")
    assert "red" not in pred_names(f) and "white" not in pred_names(f)


def test_predicative_coordination_conjoins(reader):
    assert atoms(read(reader, "Ann is tall, rich and happy.")) == {"tall(ann)", "rich(ann)", "happy(ann)"}


# --------------------------------------------------------------------------- entailments
CASES = [
    # privative / modal
    N("former-is-not-current", "Ann is a former nurse.", "Ann is a nurse."),
    N("former-is-not-excluded", "Ann is a former nurse.", "Ann is not a nurse."),
    E("former-repeats", "Ann is a former nurse.", "Ann is a former nurse."),
    N("alleged-thief", "Bob is an alleged thief.", "Bob is a thief."),
    N("alleged-is-not-a-property", "Bob is an alleged thief.", "Bob is alleged."),
    N("retired-nurse", "Ann is a retired nurse.", "Ann is a nurse."),
    # subsective
    E("subsective-keeps-noun", "Rex is a skilful forger.", "Rex is a forger."),
    N("subsective-not-absolute", "Rex is a skilful forger.", "Rex is skilful."),
    N("subsective-not-other-noun", "Rex is a skilful forger.", "Rex is a skilful person."),
    E("small-elephant-is-elephant", "Dumbo is a small elephant.", "Dumbo is an elephant."),
    N("small-elephant-not-small", "Dumbo is a small elephant.", "Dumbo is small."),
    N("small-elephant-not-small-animal", ("Dumbo is a small elephant.", "Every elephant is an animal."),
      "Dumbo is a small animal."),
    N("big-mouse-not-big", "Bob is a big mouse.", "Bob is big."),
    # intersective
    E("red-car-is-car", "Tom owns a red car.", "Tom owns a car."),
    E("red-car-is-red", "Tom owns a red car.", "Tom owns something red."),
    E("red-predicative", "Tom is a red car.", "Tom is red."),
    E("pregnant-patient", "Ann is a pregnant patient.", "Ann is pregnant."),
    E("diabetic-patient-noun", "Ann is a diabetic patient.", "Ann is a patient."),
    E("diabetic-patient-adjective", "Ann is a diabetic patient.", "Ann is diabetic."),
    E("allergic-to-is-allergic", "Ann is allergic to penicillin.", "Ann is allergic."),
    N("no-added-adjective", "Tom owns a car.", "Tom owns a red car."),
    # degree adverbs
    E("very-tall-is-tall", "Ann is very tall.", "Ann is tall."),
    N("tall-is-not-very-tall", "Ann is tall.", "Ann is very tall."),
    E("very-tall-woman-is-woman", "Ann is a very tall woman.", "Ann is a woman."),
    E("very-tall-woman-is-tall-woman", "Ann is a very tall woman.", "Ann is a tall woman."),
    # prefixes and negation
    E("happy-not-unhappy", "Ann is happy.", "Ann is not unhappy."),
    C("unhappy-vs-happy", "Ann is unhappy.", "Ann is happy."),
    N("not-unhappy-is-not-happy", "Ann is not unhappy.", "Ann is happy."),
    # coordination
    E("and-conjunct", "Ann is happy and rich.", "Ann is rich."),
    N("or-disjunct", "Ann is happy or rich.", "Ann is rich."),
    C("but-not", "Ann is tall but not thin.", "Ann is thin."),
    E("list-conjunct", "Ann is tall, rich and happy.", "Ann is happy."),
    E("colour-conjunct-predicative", "The shirt is red and white.", "The shirt is red."),
    N("mixed-colour-not-red", "Ann wears a red and white shirt.", "Ann wears a red shirt."),
]


@pytest.mark.parametrize("case", CASES)
def test_entailment(system, case):
    case.check(system)
