"""why_not (abduction of missing facts) and what_if (added and retracted facts or rule lines)."""

from __future__ import annotations

import json
import re

import pytest

from nesy.rules import RuleBase, RuleBaseError
from nesy.types import Label


@pytest.fixture()
def capacity(system):
    return RuleBase.from_list(["All minors lack contractual capacity.", "All tenants are parties.",
                               "No minor is an adult."], system=system)


def _reading(system, sentence):
    return RuleBase.from_list([sentence], system=system).statements[0].formula


def test_why_not_finds_the_missing_fact(capacity, system):
    w = capacity.why_not("Bob lacks contractual capacity.", ["Bob is a tenant."])
    assert w.status == "explained" and w.complete
    first = w.explanations[0]
    assert [f.formula for f in first.facts] == [_reading(system, "Bob is a minor.")]
    assert first.facts[0].line == 1 and first.facts[0].citation == "line 1 of rules"
    assert first.lines == (1,)
    assert "Bob" in first.facts[0].text
    json.dumps(w.to_dict())


def test_why_not_smallest_sets_first(system):
    kb = RuleBase.from_fol(["∀x (Minor(x) ∧ Signs(x) → Voidable(x))", "∀x (Drunk(x) → Voidable(x))"])
    w = kb.why_not("Voidable(bob)", ["Person(bob)"])
    assert [[str(f.formula) for f in e.facts] for e in w.explanations] == [["Drunk(bob)"], ["Minor(bob)", "Signs(bob)"]]
    assert [e.facts[0].line for e in w.explanations] == [2, 1]


def test_why_not_skips_candidates_inconsistent_with_the_facts():
    kb = RuleBase.from_fol(["∀x (Minor(x) → Protected(x))", "∀x (Adult(x) → ¬Minor(x))",
                            "∀x (Ward(x) → Protected(x))"])
    w = kb.why_not("Protected(bob)", ["Adult(bob)"])
    assert [[str(f.formula) for f in e.facts] for e in w.explanations] == [["Ward(bob)"]]


def test_why_not_when_already_provable_or_refuted(capacity):
    assert capacity.why_not("Bob lacks contractual capacity.", ["Bob is a minor."]).status == "provable"
    w = capacity.why_not("Bob is an adult.", ["Bob is a minor."])
    assert w.status == "contradicted" and not w.explanations


def test_why_not_with_nothing_to_add():
    kb = RuleBase.from_fol(["∀x (Tenant(x) → Party(x))"])
    w = kb.why_not("Voidable(bob)", ["Tenant(bob)"])
    assert w.status == "unexplained" and not w.explanations and w.complete


def test_what_if_add_a_fact(capacity):
    w = capacity.what_if("Bob lacks contractual capacity.", ["Bob is a tenant."], add=["Bob is a minor."])
    assert not w.before.proved and w.after.proved and w.changed
    assert w.after.label is Label.ENTAILMENT and w.added == ("Bob is a minor.",)
    assert "before: neutral" in w.to_text()
    json.dumps(w.to_dict())


def test_what_if_retract_a_fact(capacity):
    w = capacity.what_if("Bob lacks contractual capacity.", ["Bob is a minor.", "Bob is a tenant."],
                         retract=["Bob is a minor."])
    assert w.before.proved and not w.after.proved and w.retracted_facts == ("Bob is a minor.",)


def test_what_if_retract_a_rule_line(capacity):
    w = capacity.what_if("Bob lacks contractual capacity.", ["Bob is a minor."], retract=[1])
    assert w.before.proved and not w.after.proved and w.retracted_lines == (1,)
    assert w.changed


def test_what_if_refuses_an_unknown_fact_or_line(capacity):
    with pytest.raises(RuleBaseError, match=re.escape("Cannot retract 'Bob is old.': it is not one of the facts")):
        capacity.what_if("Bob is a party.", ["Bob is a tenant."], retract=["Bob is old."])
    with pytest.raises(RuleBaseError, match="Line 9 of rules holds no statement"):
        capacity.what_if("Bob is a party.", ["Bob is a tenant."], retract=[9])


def test_what_if_on_a_fol_base():
    kb = RuleBase.from_fol(["∀x (Minor(x) → LacksCapacity(x))", "Minor(bob)"])
    w = kb.what_if("LacksCapacity(bob)", retract=[2])
    assert w.before.proved and not w.after.proved
