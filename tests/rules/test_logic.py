"""Shape-agnostic formula helpers: rule conditions however deep, ground instances, MUS enumeration."""

from __future__ import annotations

import time

import z3

from nesy.logic.fol import Const
from nesy.logic.folparse import parse_fol
from nesy.rules.logic import TrackedSolver, conditions, enumerate_muses, ground_instances, rule_shapes


def test_rule_shapes_collect_nested_antecedents():
    (shape,) = rule_shapes(parse_fol("∀x (Minor(x) → ∀y (Contract(y) ∧ Signs(x, y) → Voidable(y)))"))
    assert [v.name for v in shape.variables] == ["x", "y"]
    assert str(shape.antecedent) == "Minor(x) ∧ Contract(y) ∧ Signs(x, y)"
    assert [str(c) for c in conditions(shape.antecedent)] == ["Minor(x)", "Contract(y)", "Signs(x, y)"]


def test_rule_shapes_keep_quantified_conditions_whole():
    (shape,) = rule_shapes(parse_fol("∀x ((∃e (Sign(e) ∧ Agent(e, x))) → Bound(x))"))
    (cond,) = conditions(shape.antecedent)
    assert str(cond).startswith("∃e")


def test_facts_and_constraints_have_no_rule_shape():
    assert rule_shapes(parse_fol("Minor(bob)")) == []
    assert rule_shapes(parse_fol("∀x ¬(Minor(x) ∧ Adult(x))")) == []


def test_ground_instances_substitute_individuals():
    (shape,) = rule_shapes(parse_fol("∀x ∀y (Signs(x, y) → Bound(x))"))
    got = [str(g) for g in ground_instances(shape.antecedent, shape.variables, [Const("bob"), Const("lease")], 10)]
    assert got == ["Signs(bob, bob)", "Signs(bob, lease)", "Signs(lease, bob)", "Signs(lease, lease)"]


def test_enumerate_muses_finds_every_minimal_conflict():
    ts = TrackedSolver(timeout_ms=1000)
    fs = ["P(a)", "¬P(a)", "Q(a)", "Q(a) → ¬P(a)", "R(b)"]
    soft = [ts.track(parse_fol(f)) for f in fs]
    muses, complete = enumerate_muses(ts.solver, soft, limit=10, deadline=time.perf_counter() + 10)
    assert muses == [[0, 1], [0, 2, 3]] and complete
    assert ts.check(*[soft[i] for i in (1, 2, 3, 4)]) == z3.sat
