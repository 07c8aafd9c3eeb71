"""Constructions the semantics must refuse rather than approximate: non-veridical adverbs, vague numerals, the
ambiguous "every … not", collective verbs with plural subjects, pronouns without an antecedent, commands and
questions, appearance verbs, comparatives without a standard, counts too large to expand, unit mismatches.

A refused sentence becomes ``None`` with a ``Meaning.errors`` entry naming the construction, and a proof never
uses it: an unreadable premise can only make the system prove less."""

from __future__ import annotations

import pytest

from tests.semantics._helpers import N, meaning, pred_names, refusal

REFUSED = [
    # non-veridical adverbs
    ("Ann almost won the race.", "non-veridical adverb"),
    ("Ann nearly fell.", "non-veridical adverb"),
    ("Ann barely passed the exam.", "non-veridical adverb"),
    ("Ann hardly slept.", "non-veridical adverb"),
    ("Ann probably won the race.", "non-veridical adverb"),
    ("Ann supposedly stole the car.", "non-veridical adverb"),
    ("Ann apparently won the race.", "non-veridical adverb"),
    ("Ann often visits Bob.", "non-veridical adverb"),
    ("Ann sometimes plays the piano.", "non-veridical adverb"),
    ("Ann usually plays the piano.", "non-veridical adverb"),
    ("Ann is almost tall.", "adjective modifier"),
    ("Ann is an almost perfect nurse.", "adjective modifier"),
    # vague numerals
    ("About five patients left.", "vague numeral"),
    ("Around ten nurses smiled.", "vague numeral"),
    ("Nearly ten nurses smiled.", "vague numeral"),
    ("Roughly 30 nurses smiled.", "vague numeral"),
    ("Approximately 20 doctors smiled.", "vague numeral"),
    ("Almost 10 patients left.", "vague numeral"),
    # every … not
    ("Every dog is not loyal.", "scope ambiguity"),
    ("All dogs are not loyal.", "scope ambiguity"),
    ("Every student did not pass the exam.", "scope ambiguity"),
    # collective verbs with plural or coordinated subjects
    ("Ann and Bob met.", "collective reading"),
    ("Ann, Bob and Carl met.", "collective reading"),
    ("The students gathered.", "collective reading"),
    ("Ann and Bob lifted the piano.", "collective reading"),
    ("Two men carried the sofa.", "collective reading"),
    ("Ann and Bob own a house.", "collective reading"),
    ("Three students built a boat.", "collective reading"),
    ("Ann and Bob shared a pizza.", "collective reading"),
    # reference
    ("He smiled.", "pronoun without antecedent"),
    ("They left the room.", "pronoun without antecedent"),
    # no truth value / not a statement
    ("Close the door.", "imperative"),
    ("Who won the race?", "relative pronoun"),
    # predicates that need not hold
    ("Ann looks tired.", "appearance verb"),
    ("Ann started to run.", "aspectual verb"),
    # degrees and numbers
    ("Ann is taller.", "comparative without 'than'"),
    ("Twenty patients left.", "large number of individuals"),
    ("The dose is 5 kg taller than Bob.", "unit mismatch"),
    ("Bob is taller than 70 kg.", "unit mismatch"),
    # determiners without a faithful first-order reading here
    ("Neither dog is loyal.", "determiner"),
    ("Either dog is loyal.", "determiner"),
    # clauses
    ("Ann left before Bob arrived.", "adverbial clause"),
    # ", which …" that may be about the whole clause, not the noun the parser attached it to
    ("A man entered the room, which surprised Ann.", "sentential relative"),
    ("Bob sold the house, which was unusual.", "sentential relative"),
    ("Ann missed the train, which meant that she was late.", "sentential relative"),
]


@pytest.mark.parametrize("sentence, construction", REFUSED, ids=[s for s, _ in REFUSED])
def test_refused(reader, sentence, construction):
    assert refusal(reader, sentence) == construction


def test_refusal_message_names_the_sentence_and_the_construction(reader):
    m = meaning(reader, "Ann almost won the race.")
    assert m.errors[0] == "Cannot read 'Ann almost won the race.' into logic: non-veridical adverb: 'almost'."


def test_refused_hypothesis_is_reported_at_minus_one(reader):
    m = meaning(reader, "Ann won the race.", "Ann almost won the race.")
    assert m.hypothesis is None and m.refused == {-1: "non-veridical adverb"}


def test_refusal_of_one_sentence_leaves_the_others(reader):
    m = meaning(reader, ("Ann won the race.", "About five patients left.", "Bob lost the race."))
    assert m.premises[0] is not None and m.premises[1] is None and m.premises[2] is not None
    assert set(m.errors) == {1}


def test_whole_premise_is_refused_with_one_bad_sentence(reader):
    m = meaning(reader, "Ann won the race. He smiled.")
    assert m.premises[0] is None and m.refused[0] == "pronoun without antecedent"


def test_empty_text_is_refused(reader):
    m = meaning(reader, "   ")
    assert m.premises[0] is None and m.refused[0] == "empty text"


def test_know_whether_is_refused_or_not_factive(reader):
    m = meaning(reader, "Ann knows whether Bob left the party.")
    f = m.premises[0]
    assert f is None or "leave" not in pred_names(f)  # the complement is only the attitude's content


# --------------------------------------------------------------------------- refused premises prove nothing
CASES = [
    N("almost-won", "Ann almost won the race.", "Ann won the race.", refused_ok=True),
    N("almost-won-negation", "Ann almost won the race.", "Ann did not win the race.", refused_ok=True),
    N("about-five", "About five patients left.", "At least five patients left.", refused_ok=True),
    N("about-five-at-most", "About five patients left.", "At most five patients left.", refused_ok=True),
    N("every-not-as-none", ("Every dog is not loyal.", "Rex is a dog."), "Rex is loyal.", refused_ok=True),
    N("every-not-as-not-all", "Every dog is not loyal.", "Some dog is not loyal.", refused_ok=True),
    N("collective-lift", "Ann and Bob lifted the piano.", "Ann lifted the piano.", refused_ok=True),
    N("collective-plural", "The boys lifted the piano.", "A boy lifted the piano.", refused_ok=True),
    N("no-antecedent", "He smiled.", "Bob smiled.", refused_ok=True),
    N("appearance", "Ann looks tired.", "Ann is tired.", refused_ok=True),
    N("know-whether", "Ann knows whether Bob left the party.", "Bob left the party.", refused_ok=True),
    N("know-who", "Ann knows who left the party.", "Bob left the party.", refused_ok=True),
]


@pytest.mark.parametrize("case", CASES)
def test_refused_premises_prove_nothing(system, case):
    case.check(system)


def test_refused_sentence_leaves_no_referents(reader):
    """A refused premise is left out of the proof, so nothing it introduced can be picked up later."""
    m = meaning(reader, ("A man entered the room whether or not it rained.", "He smiled."))
    assert m.premises == (None, None)
    assert "pronoun without antecedent" in m.errors[1]


def test_non_restrictive_which_on_a_noun_is_read(reader):
    m = meaning(reader, ("Ann bought a car, which was red.",))
    assert m.premises[0] is not None and "red" in pred_names(m.premises[0])
