"""Negation: sentential "not", negated copulas, truth frames ("it is not the case that"), "never", "no"/"not a
single" noun phrases, "there is no", "neither … nor". Negation reverses monotonicity: under it, a more specific
predicate follows from a more general one, never the other way round."""

from __future__ import annotations

import pytest

from nesy.logic.fol import Exists, Not
from tests.semantics._helpers import C, E, N, read, roles


# --------------------------------------------------------------------------- formulas
def test_negated_event_is_the_negation_of_the_existential(reader):
    f = read(reader, "Ann does not sing a song.")
    assert isinstance(f, Not)
    assert "song(" in str(f.arg)  # the indefinite is inside the negation
    assert isinstance(f.arg, Exists)


def test_negated_copula(reader):
    assert str(read(reader, "Ann is not a doctor.")) == "¬doctor(ann)"


def test_contracted_negation(reader):
    assert str(read(reader, "Ann isn't tall.")) == "¬tall(ann)"
    assert str(read(reader, "Bob doesn't like Ann.")).startswith("¬(∃e1 (like(e1)")


@pytest.mark.parametrize("framed, plain", [
    ("It is not the case that Ann is tall.", "Ann is not tall."),
    ("It is not true that Ann is tall.", "Ann is not tall."),
    ("It is true that Ann is tall.", "Ann is tall."),
    ("It is not true that it is false that Ann is tall.", "Ann is tall."),
], ids=["not-the-case", "not-true", "true", "double-frame"])
def test_truth_frames(reader, framed, plain):
    assert read(reader, framed) == read(reader, plain)


def test_never_keeps_the_tense(reader):
    present = read(reader, "Ann never smokes cigars.")
    assert isinstance(present, Not) and "pres(" in str(present) and "past(" not in str(present)
    past = read(reader, "Ann never smoked a cigar.")
    assert isinstance(past, Not) and "past(" in str(past) and "pres(" not in str(past)


def test_there_is_no(reader):
    f = read(reader, "There is no cat in the garden.")
    assert "∀x1 (¬(cat(x1) ∧ in(x1, the_garden)))" in str(f)


def test_not_a_single(reader):
    f = read(reader, "Not a single window was broken.")
    assert str(f).startswith("∀x1 (window(x1) → ¬")


def test_negation_of_a_coordination_of_names(reader):
    f = read(reader, "Neither Ann nor Bob sang a song.")
    assert str(f).count("¬") == 2
    assert roles(f, "sing")["agent"] == {"ann", "bob"}


# --------------------------------------------------------------------------- entailments
CASES = [
    C("not-vs-positive", "Ann did not sing a song.", "Ann sang a song."),
    C("positive-vs-not", "Bob likes Ann.", "Bob does not like Ann."),
    C("contracted", "Bob doesn't like Ann.", "Bob likes Ann."),
    C("copula-not", "Ann is not a doctor.", "Ann is a doctor."),
    C("copula-contracted", "Ann isn't tall.", "Ann is tall."),
    C("adverb-vs-negation", "Ann plays the piano loudly.", "Ann does not play the piano."),
    # downward under negation
    E("not-scope-down", "Ann does not play the piano.", "Ann does not play the piano loudly."),
    N("not-scope-not-up", "Ann does not play the piano loudly.", "Ann does not play the piano."),
    E("not-object-down", "Ann did not eat an apple.", "Ann did not eat a red apple."),
    N("not-object-not-up", "Ann did not eat a red apple.", "Ann did not eat an apple."),
    C("not-object-vs-specific", "Ann did not eat an apple.", "Ann ate a red apple."),
    E("not-noun-down", "Ann is not a doctor.", "Ann is not a young doctor."),
    N("not-noun-not-up", "Ann is not a young doctor.", "Ann is not a doctor."),
    C("not-own-vs-own-red", "Ann does not own a car.", "Ann owns a red car."),
    # frames
    E("frame-to-plain", "It is not the case that Ann is tall.", "Ann is not tall."),
    E("double-frame", "It is not true that it is false that Ann is tall.", "Ann is tall."),
    C("frame-vs-plain", "It is false that Ann is tall.", "Ann is tall."),
    C("frame-keeps-the-presupposition", "It is false that Ann plays the piano.", "Ann plays the piano."),
    # never
    E("never-to-not", "Ann never smokes cigars.", "Ann does not smoke cigars."),
    N("never-in-the-past-allows-now", "Ann never smoked a cigar.", "Ann smokes a cigar."),
    N("never-now-allows-the-past", "Ann never smokes cigars.", "Ann smoked a cigar."),
    C("never-in-the-past-denies-the-past", "Ann never smoked a cigar.", "Ann smoked a cigar."),
    E("never-past-to-did-not", "Ann never smoked a cigar.", "Ann did not smoke a cigar."),
    # negative noun phrases
    C("there-is-no-vs-there-is", "There is no cat in the garden.", "There is a cat in the garden."),
    E("there-is-no-down", "There is no cat in the garden.", "There is no black cat in the garden."),
    E("there-is-no-instance", ("There is no cat in the garden.", "Tom is a cat."), "Tom is not in the garden."),
    C("not-a-single", "Not a single window was broken.", "A window was broken."),
    C("nobody", "Nobody left.", "Ann left."),
    C("neither-nor-names", "Neither Ann nor Bob sang a song.", "Bob sang a song."),
    E("neither-nor-to-not", "Neither Ann nor Bob sang a song.", "Ann did not sing a song."),
    # what negation does not license
    N("not-unhappy-is-not-happy", "Ann is not unhappy.", "Ann is happy."),
    N("two-negatives-not-nobody", ("Ann is not tall.", "Bob is not tall."), "Nobody is tall."),
    C("ellipsis-first-conjunct-holds", "Ann plays the piano but Bob does not.", "Ann does not play the piano."),
    C("ellipsis-negated-other", "Ann plays the piano but Bob does not.", "Bob plays the piano."),
    E("neither-adjectives", "Ann is neither tall nor rich.", "Ann is not rich.",
      gap="'neither A nor B' on adjectives is refused (preconj 'neither')"),
    # "lack": the negation of "have", with a downward object
    E("lack-is-not-have", "Bob lacks a car.", "Bob does not have a car."),
    C("lack-contradicts-have", "Bob lacks a car.", "Bob has a car."),
    C("have-contradicts-lack", "Bob has a red car.", "Bob lacks a car."),
    E("lack-object-is-downward", "Bob lacks a car.", "Bob lacks a red car."),
    N("lack-object-not-upward", "Bob lacks a red car.", "Bob lacks a car."),
    N("lack-no-existence", "Bob lacks a car.", "There is a car."),
    E("lack-in-a-rule", ("Every minor lacks contractual capacity.", "Ann is a minor."),
      "Ann does not have contractual capacity."),
]


@pytest.mark.parametrize("case", CASES)
def test_entailment(system, case):
    case.check(system)
