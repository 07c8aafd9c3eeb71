"""Conditionals: "if/when/unless A, B" and "B if A" as material implication with the antecedent's indefinites
universally bound (donkey sentences). The antecedent is downward monotone, the consequent upward; modus ponens
and, in the classical reading, modus tollens hold; affirming the consequent and denying the antecedent do not."""

from __future__ import annotations

import pytest

from nesy.logic.fol import ForAll, Implies, Not
from tests.semantics._helpers import C, E, N, read


# --------------------------------------------------------------------------- formulas
def test_conditional_is_an_implication(reader):
    assert str(read(reader, "If Ann is tired, Bob is happy.")) == "tired(ann) → happy(bob)"


@pytest.mark.parametrize("sentence", ["Bob is happy if Ann is tired.", "If Ann is tired, then Bob is happy."],
                         ids=["postposed-if", "if-then"])
def test_conditional_variants(reader, sentence):
    assert read(reader, sentence) == read(reader, "If Ann is tired, Bob is happy.")


def test_unless_negates_the_antecedent(reader):
    f = read(reader, "Unless Ann is tired, Bob is happy.")
    assert isinstance(f, Implies) and isinstance(f.left, Not) and str(f.left) == "¬tired(ann)"


def test_antecedent_indefinites_are_universal(reader):
    f = read(reader, "If a guest plays a piano, Bob is happy.")
    assert isinstance(f, ForAll) and isinstance(f.body, ForAll) and isinstance(f.body.body, Implies)
    assert str(f.body.body.right) == "happy(bob)"


# --------------------------------------------------------------------------- entailments
CASES = [
    E("modus-ponens", ("If Ann is tired, Bob is happy.", "Ann is tired."), "Bob is happy."),
    C("modus-ponens-contradiction", ("If Ann is tired, Bob is happy.", "Ann is tired."), "Bob is not happy."),
    E("modus-tollens", ("If Ann is tired, Bob is happy.", "Bob is not happy."), "Ann is not tired."),
    E("modus-tollens-negated-antecedent", ("If Ann is not tired, Bob is happy.", "Bob is not happy."),
      "Ann is tired."),
    N("affirming-the-consequent", ("If Ann is tired, Bob is happy.", "Bob is happy."), "Ann is tired."),
    N("denying-the-antecedent", ("If Ann is tired, Bob is happy.", "Ann is not tired."), "Bob is not happy."),
    E("chain", ("If Ann is tired, Bob is happy.", "If Bob is happy, Carl is rich.", "Ann is tired."),
      "Carl is rich."),
    # monotonicity: antecedent ↓, consequent ↑
    E("antecedent-down", "If Ann is tired, Bob is happy.", "If Ann is very tired, Bob is happy."),
    N("antecedent-not-up", "If Ann is very tired, Bob is happy.", "If Ann is tired, Bob is happy."),
    E("consequent-up", "If Ann is tired, Bob is very happy.", "If Ann is tired, Bob is happy."),
    N("consequent-not-down", "If Ann is tired, Bob is happy.", "If Ann is tired, Bob is very happy."),
    E("antecedent-down-indefinite", "If a guest plays the piano, Bob is happy.",
      "If a tall guest plays the piano, Bob is happy."),
    E("antecedent-stronger-fact", ("If Ann plays the piano, Bob is happy.", "Ann plays the piano loudly."),
      "Bob is happy."),
    N("antecedent-weaker-fact", ("If Ann plays the piano loudly, Bob is happy.", "Ann plays the piano."),
      "Bob is happy."),
    E("disjunctive-antecedent", ("If Ann is tired or sick, Bob is happy.", "Ann is sick."), "Bob is happy."),
    N("conjunctive-antecedent-half", ("If Ann is tired and sick, Bob is happy.", "Ann is sick."), "Bob is happy."),
    # variants
    E("postposed-if", ("Bob is happy if Ann is tired.", "Ann is tired."), "Bob is happy."),
    E("if-then", ("If Ann is tired, then Bob is happy.", "Ann is tired."), "Bob is happy."),
    E("unless", ("Unless Ann is tired, Bob is happy.", "Ann is not tired."), "Bob is happy."),
    E("unless-tollens", ("Unless Ann is tired, Bob is happy.", "Bob is not happy."), "Ann is tired."),
    N("unless-is-not-iff", ("Bob is happy unless Ann is tired.", "Ann is tired."), "Bob is happy."),
    E("pronoun-in-consequent", ("If Ann is tired, she sleeps well.", "Ann is tired."), "Ann sleeps well."),
    E("indefinite-antecedent-instance", ("If someone is tall, they are happy.", "Ann is tall."), "Ann is happy."),
    E("weather-it", ("If it rains, the grass is wet.", "It rains."), "The grass is wet."),
    E("named-guest-instance", ("If a guest plays a piano, Bob is happy.", "Carl is a guest.",
                               "Carl plays a piano."), "Bob is happy."),
    E("donkey", ("If a farmer owns a donkey, he feeds it.", "Pedro is a farmer.", "Pedro owns a donkey."),
      "Pedro feeds a donkey."),
    E("when-clause", ("When Ann is tired, Bob is happy.", "Ann is tired."), "Bob is happy.",
      gap="'When A, B' with a copular antecedent leaves 'When' unread"),
    # an indefinite under a negation in the condition is existential inside the negation, not universal over the rule
    N("negated-indefinite-not-any-other-thing", ("If someone does not have a car, they are happy.", "Bob has a car.",
                                                  "There is a truck."), "Bob is happy."),
    E("negated-indefinite-instance", ("If someone does not have a car, they are happy.", "Bob does not have a car."),
      "Bob is happy."),
    N("no-with-indefinite-not-fired-by-other-thing", ("If no doctor has a car, Ann is happy.", "Bob is a doctor.",
                                                      "Bob has a car.", "There is a truck."), "Ann is happy."),
    E("no-with-indefinite-fired", ("If no doctor has a car, Ann is happy.", "Nobody is a doctor."), "Ann is happy."),
    N("restrictor-negated-indefinite", ("Every man who does not own a car is happy.", "Bob is a man.",
                                        "Bob owns a car.", "There is a bike."), "Bob is happy."),
    E("restrictor-negated-indefinite-instance", ("Every man who does not own a car is happy.", "Bob is a man.",
                                                 "Bob does not own a car."), "Bob is happy."),
    N("without-in-condition", ("If a guest arrives without a ticket, Bob is sad.", "Carl is a guest.",
                               "Carl arrives with a ticket.", "There is a ticket."), "Bob is sad.", refused_ok=True),
]


def test_negated_antecedent_indefinite_is_inside_the_negation(reader):
    f = read(reader, "If someone does not have a car, they are happy.")
    assert isinstance(f, ForAll) and not isinstance(f.body, ForAll)  # one universal (someone), the car under ¬
    assert "¬(∃" in str(f)


def test_pronoun_to_a_denied_indefinite_is_refused(reader):
    from tests.semantics._helpers import refusal

    assert refusal(reader, "If someone does not have a car, they want it.") == "pronoun without antecedent"


@pytest.mark.parametrize("case", CASES)
def test_entailment(system, case):
    case.check(system)
