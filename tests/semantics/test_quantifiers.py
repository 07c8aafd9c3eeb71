"""Quantified noun phrases: every/each/all, some/a, no, numerals, most/many/few, not every, quantifier pronouns.

Monotonicity is what decides these: "every" is downward in its restrictor and upward in its scope, "no" downward
in both, "some" upward in both; proportional "most"/"many" say nothing about a smaller or larger restrictor,
"few" is downward in its scope; "at least n" is upward, "at most n" downward.
"""

from __future__ import annotations

import pytest

from nesy.logic.fol import Exists, ForAll, Implies, Not
from tests.semantics._helpers import C, E, N, meaning, pred_names, read


# --------------------------------------------------------------------------- formulas
def test_every_is_a_universal_implication(reader):
    f = read(reader, "Every dog barks.")
    assert isinstance(f, ForAll) and isinstance(f.body, Implies)
    assert str(f.body.left) == f"dog({f.var})"
    assert "bark(" in str(f.body.right)


def test_no_is_a_universal_over_a_negated_scope(reader):
    f = read(reader, "No dog barks.")
    assert isinstance(f, ForAll) and isinstance(f.body, Implies)
    assert isinstance(f.body.right, Not)
    assert str(f).startswith("∀x1 (dog(x1) → ¬")


def test_some_introduces_a_discourse_individual(reader):
    f = read(reader, "Some dog barks.")
    assert "∀" not in str(f) and "dog(dog1)" in str(f)


def test_some_singular_subject_of_a_copula_is_existential(reader):
    assert "∀" not in str(read(reader, "Some surgeon is tall."))


@pytest.mark.parametrize("sentence", ["Each student passed.", "All students passed.", "Every student passed."],
                         ids=["each", "all", "every"])
def test_each_all_every_are_the_same_universal(reader, sentence):
    f = read(reader, sentence)
    assert isinstance(f, ForAll) and isinstance(f.body, Implies) and "student(" in str(f.body.left)


def test_not_every_is_the_negation_of_every(reader):
    f = read(reader, "Not every dog barks.")
    assert isinstance(f, Not) and isinstance(f.arg, ForAll)


def test_at_least_three_is_three_distinct_individuals(reader):
    f = read(reader, "At least three doctors smoke.")
    s = str(f)
    assert s.count("doctor(") == 3
    assert s.count("≠") == 3


def test_at_most_two_is_the_negation_of_three(reader):
    f = read(reader, "At most two doctors smoke.")
    assert isinstance(f, Not) and isinstance(f.arg, Exists)
    assert str(f).count("≠") == 3


@pytest.mark.parametrize("det", ["Most", "Many", "Few"])
def test_proportional_quantifiers_relate_two_sets(reader, det):
    m = meaning(reader, f"{det} doctors smoke.")
    f = m.premises[0]
    assert f is not None and pred_names(f) == {f"q_{det.lower()}"}
    defs = [str(g) for g, _ in m.background if "member(" in str(g) and "↔" in str(g)]
    assert any("doctor(x)" in d for d in defs) and any("smoke(" in d for d in defs)


def test_quantifier_pronouns_in_rule_text_range_over_everything(reader):
    assert str(read(reader, "Everyone smiled.")).startswith("∀x1 (∃e2 (smile(e2)")
    assert str(read(reader, "Nobody smiled.")).startswith("∀x1 (¬")


def test_quantifier_pronouns_in_captions_are_people(reader):
    m = meaning(reader, "A girl is eating an apple.", "Someone is eating an apple.", reading="scene")
    assert "person(" in str(m.hypothesis)


# --------------------------------------------------------------------------- entailments
CASES = [
    # "only" before the verb, focus on a plain object (the neutral reading): that and nothing else
    E("only-object-holds", "Ted has only visited Bahrain.", "Ted visited Bahrain."),
    E("only-object-excludes", "Ted has only visited Bahrain.", "Ted did not visit Peru."),
    C("only-object-other", "Ted has only visited Bahrain.", "Ted visited Peru."),
    E("only-object-list", "Ted has only visited Bahrain and Peru.", "Ted did not visit Chad."),
    C("only-object-list-member", "Ted has only visited Bahrain and Peru.", "Ted did not visit Peru."),
    N("only-other-subject", "Ted has only visited Bahrain.", "Ann did not visit Peru."),
    N("only-other-verb", "Ted has only visited Bahrain.", "Ted did not call Peru."),
    E("only-comma-spliced", ("Ted has only visited Bahrain, Ann has only visited Peru.",), "Ann did not visit Chad."),
    E("only-plural-subject", "Dustin, Milton and Bill have only visited Ecuador.", "Bill did not visit Peru."),
    C("only-plural-subject-negated", "Dustin, Milton and Bill have only visited Ecuador.",
      "Bill did not visit Ecuador."),
    N("only-focus-unclear-pp", "Ted has only visited Bahrain in May.", "Ted did not visit Peru.", refused_ok=True),
    N("only-focus-unclear-indefinite", "Ted only visited a friend.", "Ted did not visit Ann.", refused_ok=True),
    N("only-disjunction-refused", "Ted has only visited Bahrain or Peru.", "Ted did not visit Chad.",
      refused_ok=True),
    # every: ↓ restrictor, ↑ scope
    E("every-instance", ("Every dog barks.", "Rex is a dog."), "Rex barks."),
    C("every-instance-negated", ("Every dog barks.", "Rex is a dog."), "Rex does not bark."),
    E("every-restrictor-down", "Every dog barks.", "Every small dog barks."),
    N("every-restrictor-not-up", "Every dog barks.", "Every animal barks."),
    E("every-scope-up", "Every dog barks loudly.", "Every dog barks."),
    N("every-scope-not-down", "Every dog barks.", "Every dog barks loudly."),
    N("every-no-existential-import", "Every dog barks.", "Some dog barks."),
    E("every-relative-down", "Every student is rich.", "Every student who smokes cigars is rich."),
    N("every-relative-not-up", "Every student who smokes cigars is rich.", "Every student is rich."),
    E("every-modus-tollens", ("Every nurse is kind.", "Ann is not kind."), "Ann is not a nurse."),
    E("every-chain", ("Bob is a nurse.", "Every nurse is kind.", "Every kind person is happy."), "Bob is happy."),
    # no: ↓ ↓
    C("no-instance", ("No dog barks.", "Rex is a dog."), "Rex barks."),
    E("no-restrictor-down", "No dog barks.", "No small dog barks."),
    N("no-restrictor-not-up", "No dog barks.", "No animal barks."),
    N("no-restrictor-not-up-adjective", "No small dog barks.", "No dog barks."),
    E("no-scope-down", "No dog barks.", "No dog barks loudly."),
    N("no-scope-not-up", "No dog barks loudly.", "No dog barks."),
    E("no-excludes-member", ("No nurse is rude.", "Ann is rude."), "Ann is not a nurse."),
    C("no-vs-some", "No doctor smokes.", "Some doctor smokes."),
    E("no-relative-down", "No student who smokes cigars is rich.", "No student who smokes big cigars is rich."),
    # some: ↑ ↑
    E("some-restrictor-up", "Some young doctors smoke.", "Some doctors smoke."),
    N("some-restrictor-not-down", "Some doctors smoke.", "Some young doctors smoke."),
    E("some-scope-up", "Some dog barks loudly.", "Some dog barks."),
    N("some-is-not-every", ("Some surgeon is tall.", "Ann is a surgeon."), "Ann is tall."),
    N("some-singular-has-no-universal-force", ("Some surgeon must sign the form.", "Ann is a surgeon."),
      "Ann must sign the form."),
    E("some-hypothesis-is-existential", ("Ann is a surgeon.", "Ann is tall."), "Some surgeon is tall."),
    # not every / not all
    E("not-every-some-not", "Not every dog barks.", "Some dog does not bark."),
    N("not-every-is-not-none", "Not every dog barks.", "No dog barks."),
    E("not-all-some-not", "Not all doctors smoke.", "Some doctor does not smoke."),
    N("not-all-is-not-none", "Not all doctors smoke.", "No doctor smokes."),
    # quantifier pronouns
    E("everyone-instance", ("Everyone smiled.", "Ann is a person."), "Ann smiled."),
    C("nobody-instance", "Nobody smiled.", "Ann smiled."),
    E("everyone-relative", ("Everyone who sings a song is happy.", "Ann sings a song."), "Ann is happy."),
    # most / many / few
    E("most-scope-up", "Most doctors smoke heavily.", "Most doctors smoke."),
    N("most-scope-not-down", "Most doctors smoke.", "Most doctors smoke heavily."),
    E("most-existential-import", "Most doctors smoke.", "Some doctor smokes."),
    N("most-restrictor-not-down", "Most doctors smoke.", "Most young doctors smoke."),
    N("most-restrictor-not-up", "Most young doctors smoke.", "Most doctors smoke."),
    E("many-scope-up", "Many doctors smoke heavily.", "Many doctors smoke."),
    N("many-restrictor-not-up", "Many young doctors smoke.", "Many doctors smoke."),
    E("few-scope-down", "Few doctors smoke.", "Few doctors smoke heavily."),
    N("few-scope-not-up", "Few doctors smoke heavily.", "Few doctors smoke."),
    N("few-no-existential-import", "Few doctors smoke.", "Some doctors smoke."),
    # numerals
    E("three-to-at-least-two", "Three patients left.", "At least two patients left."),
    N("three-not-at-least-four", "Three patients left.", "At least four patients left."),
    C("three-vs-at-most-two", "Three patients left.", "At most two patients left."),
    E("at-least-three-to-two", "At least three doctors smoke.", "At least two doctors smoke."),
    E("at-least-restrictor-up", "At least three young doctors smoke.", "At least three doctors smoke."),
    N("at-least-restrictor-not-down", "At least three doctors smoke.", "At least three young doctors smoke."),
    E("at-most-restrictor-down", "At most two doctors smoke.", "At most two young doctors smoke."),
    N("at-most-restrictor-not-up", "At most two young doctors smoke.", "At most two doctors smoke."),
    E("at-most-five-restrictor-down", "At most five members voted.", "At most five new members voted."),
    N("at-most-five-restrictor-not-up", "At most five new members voted.", "At most five members voted."),
    E("exactly-two-at-least", "Exactly two doctors smoke.", "At least two doctors smoke."),
    E("exactly-two-at-most", "Exactly two doctors smoke.", "At most two doctors smoke."),
    C("exactly-two-vs-three", "Exactly two doctors smoke.", "Three doctors smoke."),
    E("more-than-two-is-three", "More than two doctors smoke.", "Three doctors smoke."),
    E("fewer-than-three-is-at-most-two", "Fewer than three doctors smoke.", "At most two doctors smoke."),
    E("two-to-a", "Two doctors smoke.", "A doctor smokes."),
    E("both-to-a", "Both doctors smoke.", "A doctor smokes."),
    E("several-is-two", "Several doctors smoke.", "Two doctors smoke."),
    E("counting-named-individuals", ("Every doctor smokes.", "Ann is a doctor.", "Bob is a doctor."),
      "Two doctors smoke."),
    E("there-are-three-to-two", "There are three cats on the mat.", "There are two cats on the mat."),
    C("there-are-at-most-two-vs-three", "There are at most two cats on the mat.",
      "There are three cats on the mat."),
    E("a-few-is-two", "A few doctors smoke.", "Two doctors smoke.", gap="'a few N' is refused ('few A')"),
    N("a-few-is-not-three", "A few doctors smoke.", "Three doctors smoke.", refused_ok=True),
]


@pytest.mark.parametrize("case", CASES)
def test_entailment(system, case):
    case.check(system)
