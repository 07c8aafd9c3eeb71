"""Formula helpers for rule bases: the conditions of a rule, ground instances, and minimal conflicting sets.

Formulas are treated as opaque first-order logic (:mod:`nesy.logic.fol`): a *rule* is any implication under
universal quantifiers, however deep (``∀x ∀y (A → ∀z (B → C))`` has the condition ``A ∧ B``); its *conditions*
are the conjuncts (and disjuncts) of that antecedent, each kept whole when it is a quantified block (an event
``∃e (sign(e) ∧ agent(e, x))`` stays one condition). Nothing here depends on how the English reader shapes its
formulas.

Example:
    >>> from nesy.logic.folparse import parse_fol
    >>> [str(s.antecedent) for s in rule_shapes(parse_fol("∀x (Minor(x) ∧ Signs(x) → Voidable(x))"))]
    ['Minor(x) ∧ Signs(x)']
"""

from __future__ import annotations

import itertools
import logging
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import z3

from nesy.logic.fol import (
    And,
    Const,
    Exists,
    ForAll,
    Formula,
    Iff,
    Implies,
    Or,
    Var,
    conj,
    free_vars,
    functions,
    predicates,
    substitute,
)

__all__ = ["RuleShape", "rule_shapes", "conditions", "ground_instances", "close_existentially", "signature",
           "TrackedSolver", "enumerate_muses"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class RuleShape:
    """One implication found inside a formula.

    Attributes:
        variables: The universally quantified variables in scope, outermost first.
        antecedent: The condition (the conjunction of every antecedent on the way down).
        consequent: What the rule concludes.
    """

    variables: tuple[Var, ...]
    antecedent: Formula
    consequent: Formula


def rule_shapes(f: Formula) -> list[RuleShape]:
    """Every implication of ``f`` under universal quantifiers and conjunctions; ``↔`` counts both ways.

    Example:
        >>> from nesy.logic.folparse import parse_fol
        >>> len(rule_shapes(parse_fol("∀x (Lessee(x) ↔ Tenant(x))")))
        2
    """
    out: list[RuleShape] = []

    def walk(g: Formula, variables: tuple[Var, ...], ante: tuple[Formula, ...]) -> None:
        if isinstance(g, ForAll):
            walk(g.body, variables + (g.var,), ante)
        elif isinstance(g, And):
            for a in g.args:
                walk(a, variables, ante)
        elif isinstance(g, Implies):
            walk(g.right, variables, ante + (g.left,))
        elif isinstance(g, Iff) and not ante:
            walk(Implies(g.left, g.right), variables, ante)
            walk(Implies(g.right, g.left), variables, ante)
        elif ante:
            out.append(RuleShape(variables, conj(list(ante)), g))

    walk(f, (), ())
    return out


def conditions(antecedent: Formula) -> list[Formula]:
    """The separate conditions of an antecedent: its conjuncts, and the conjuncts of each disjunct."""
    if isinstance(antecedent, (And, Or)):
        return [c for a in antecedent.args for c in conditions(a)]
    return [antecedent]


def close_existentially(f: Formula) -> Formula:
    """``f`` with its free variables bound by ``∃`` (in name order, so the result is deterministic)."""
    for v in sorted(free_vars(f), key=lambda v: v.name, reverse=True):
        f = Exists(v, f)
    return f


def ground_instances(condition: Formula, variables: Sequence[Var], individuals: Sequence[Const],
                     limit: int) -> Iterator[Formula]:
    """Closed instances of ``condition``: each of its free ``variables`` replaced by one of ``individuals``."""
    free = [v for v in variables if v in free_vars(condition)]
    if not free:
        if not free_vars(condition):
            yield condition
        return
    for n, combo in enumerate(itertools.product(individuals, repeat=len(free))):
        if n >= limit:
            return
        g = substitute(condition, dict(zip(free, combo)))
        if not free_vars(g):
            yield g


def signature(f: Formula) -> frozenset[str]:
    """Predicate and measure names of ``f`` (``__not`` polarity suffixes removed)."""
    names = {p.removesuffix("__not") for p, _ in predicates(f)}
    names |= {f"fn:{n}" for n, _ in functions(f)}
    return frozenset(names)


class TrackedSolver:
    """One Z3 solver in its own context where each formula is asserted behind a tracker literal.

    ``track(f)`` returns the literal ``t`` with ``t → f`` asserted; checking with a set of literals as assumptions
    decides that subset, and an unsat core names the formulas responsible. ``refute_only`` turns model-based
    quantifier instantiation off: the solver then only looks for contradictions (an ``unsat`` is still a proof) and
    answers ``unknown`` quickly where it would otherwise build a model — the right trade for entailment checks
    over large quantified rule bases.

    Example:
        >>> from nesy.logic.folparse import parse_fol
        >>> s = TrackedSolver(timeout_ms=1000)
        >>> a, b = s.track(parse_fol("P(a)")), s.track(parse_fol("¬P(a)"))
        >>> s.check(a, b) == z3.unsat
        True
    """

    def __init__(self, *, timeout_ms: int, refute_only: bool = False) -> None:
        from nesy.logic.z3_backend import Z3Translator

        self.ctx = z3.Context()
        self.translator = Z3Translator(self.ctx)
        self.solver = z3.Solver(ctx=self.ctx)
        self.solver.set("timeout", timeout_ms)
        if refute_only:
            self.solver.set("smt.mbqi", False)
        self._n = 0

    def track(self, f: Formula) -> Any:
        b = z3.Bool(f"__track_{self._n}", self.ctx)
        self._n += 1
        self.solver.add(z3.Implies(b, self.translator.formula(f)))
        return b

    def check(self, *assumptions: Any) -> Any:
        return self.solver.check(*assumptions)

    def check_with(self, f: Formula, *assumptions: Any) -> tuple[Any, set[int]]:
        """Check ``f`` (asserted only for this check) with ``assumptions``; the result and the unsat core's ids."""
        self.solver.push()
        try:
            self.solver.add(self.translator.formula(f))
            r = self.solver.check(*assumptions)
            return r, (self.core_ids() if r == z3.unsat else set())
        finally:
            self.solver.pop()

    def core_ids(self) -> set[int]:
        """Z3 ids of the tracker literals in the last unsat core."""
        return {c.get_id() for c in self.solver.unsat_core()}


def enumerate_muses(solver: z3.Solver, soft: Sequence[Any], *, hard: Sequence[Any] = (), limit: int,
                    deadline: float) -> tuple[list[list[int]], bool]:
    """Minimal unsatisfiable subsets of the tracker literals ``soft`` (MARCO: Liffiton et al., 2016).

    ``solver`` holds ``tracker → formula`` for each soft tracker; ``hard`` literals are always assumed. A map
    solver over the soft set proposes unexplored seeds, maximal first; a satisfiable seed is grown into a maximal
    satisfiable subset and everything below it blocked, an unsatisfiable one is shrunk (unsat core, then
    deletion) into a minimal conflict and everything above it blocked.

    Returns:
        The conflicts as sorted index lists, smallest first (then by index), and whether the enumeration finished
        (False when ``limit`` conflicts were found first, time ran out, or the solver gave up on a check).
    """
    n = len(soft)
    ctx = solver.ctx
    marks = [z3.Bool(f"__mus_map_{i}", ctx) for i in range(n)]
    mapper = z3.Solver(ctx=ctx)
    found: list[list[int]] = []
    complete = True

    def check(idx: Sequence[int]) -> Any:
        return solver.check(*hard, *[soft[i] for i in idx])

    while True:
        if len(found) >= limit or time.perf_counter() > deadline:
            complete = False
            break
        if mapper.check() != z3.sat:
            break
        model = mapper.model()
        seed = [i for i in range(n) if not z3.is_false(model.eval(marks[i], model_completion=False))]
        # grow the seed to a maximal unexplored set: big seeds are satisfiable sets or contain a conflict
        for i in range(n):
            if i not in seed and mapper.check(*[marks[j] for j in seed], marks[i]) == z3.sat:
                seed.append(i)
        seed.sort()
        r = check(seed)
        if r == z3.sat:
            mss = list(seed)
            for i in range(n):
                if i not in mss and check(mss + [i]) == z3.sat:
                    mss.append(i)
            rest = [marks[i] for i in range(n) if i not in mss]
            if not rest:
                break  # everything together is satisfiable
            mapper.add(z3.Or(*rest))
        elif r == z3.unsat:
            ids = {soft[i].get_id(): i for i in seed}
            core = sorted(ids[c.get_id()] for c in solver.unsat_core() if c.get_id() in ids)
            for i in list(core):
                if time.perf_counter() > deadline:
                    complete = False
                    break
                trial = [j for j in core if j != i]
                if check(trial) == z3.unsat:
                    core = trial
            found.append(core)
            mapper.add(z3.Or(*[z3.Not(marks[i]) for i in core]))
        else:
            logger.debug("solver gave up on a seed of %d statements: %s", len(seed), solver.reason_unknown())
            complete = False
            others = [marks[i] for i in range(n) if i not in seed]
            mapper.add(z3.Or(*[z3.Not(marks[i]) for i in seed], *others))
    found.sort(key=lambda c: (len(c), c))
    return found, complete
