"""``why_not`` (which missing facts would make a question provable) and ``what_if`` (the answer under changes).

``why_not`` abduces facts: the candidates are the conditions of the rules (the conjuncts of their antecedents,
:func:`~nesy.rules.logic.conditions`) instantiated on the individuals of the facts and the question, most
relevant first (fewest rule steps back from the question). Sets of candidates are tried smallest first; a set is
an explanation when, added to the facts, it makes Z3 prove the question, it is consistent with the rules and
facts, and no smaller explanation is inside it. The search is bounded (candidates, set size, a time budget) and
says when it stopped early.

Example:
    >>> from nesy.rules import RuleBase
    >>> kb = RuleBase.from_fol(["∀x (Minor(x) → LacksCapacity(x))"])
    >>> [str(m.formula) for m in kb.why_not("LacksCapacity(bob)", ["Person(bob)"]).explanations[0].facts]
    ['Minor(bob)']
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import z3

from nesy.logic.fol import Const, Formula, constants, is_literal, negate
from nesy.rules import limits
from nesy.rules.logic import TrackedSolver, conditions, ground_instances, rule_shapes, signature
from nesy.types import Verdict

if TYPE_CHECKING:
    from nesy.rules.base import RuleBase, Statement

__all__ = ["MissingFact", "Explanation", "WhyNot", "WhatIf", "why_not", "what_if"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class MissingFact:
    """One fact that is not among the given facts.

    Attributes:
        formula: The fact as a formula.
        text: The fact in English where it can be said simply, else the formula.
        line: The rule line whose condition it is.
        citation: That line, as a proof cites it (``line 12 of rules.txt``).
        rule: What that rule says.
    """

    formula: Formula
    text: str
    line: int
    citation: str
    rule: str

    def to_dict(self) -> dict[str, Any]:
        return {"formula": str(self.formula), "text": self.text, "line": self.line, "citation": self.citation,
                "rule": self.rule}


@dataclass(frozen=True, slots=True)
class Explanation:
    """A minimal set of missing facts that makes the question provable.

    Attributes:
        facts: The missing facts.
        lines: The rule lines the proof would use (the unsat core, minimised).
    """

    facts: tuple[MissingFact, ...]
    lines: tuple[int, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"facts": [f.to_dict() for f in self.facts], "lines": list(self.lines)}

    def __str__(self) -> str:
        return " and ".join(f.text for f in self.facts)


@dataclass(frozen=True, slots=True)
class WhyNot:
    """Why a question is not provable, as the facts that would make it so.

    Attributes:
        question: The question asked.
        status: ``provable`` (it already is), ``contradicted`` (the facts and rules refute it, so no added fact can
            prove it consistently), ``inconsistent`` (the facts and rules contradict each other), ``explained``
            (explanations found), ``unexplained`` (none within the bounds), or ``unread`` (the question could not
            be read into logic).
        explanations: Minimal sets of missing facts, smallest first.
        n_candidates: Candidate facts tried (after dropping those already known, inconsistent, or unreachable).
        complete: False when the search stopped at a bound (candidates, set size, time) before finishing.
        reason: One sentence saying what was found.
        seconds: Time taken.
    """

    question: str
    status: str
    explanations: tuple[Explanation, ...] = ()
    n_candidates: int = 0
    complete: bool = True
    reason: str = ""
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"question": self.question, "status": self.status,
                "explanations": [e.to_dict() for e in self.explanations], "n_candidates": self.n_candidates,
                "complete": self.complete, "reason": self.reason, "seconds": self.seconds}

    def to_text(self) -> str:
        lines = [self.reason]
        for k, e in enumerate(self.explanations, 1):
            lines.append(f"  {k}. " + "; ".join(f"{f.text} (condition of line {f.line})" for f in e.facts)
                         + (f" — the proof would use lines {', '.join(map(str, e.lines))}" if e.lines else ""))
        return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class WhatIf:
    """The answer before and after a change to the facts or the rule base.

    Attributes:
        question: The question asked.
        before: The answer with the facts and rules as given.
        after: The answer with ``added`` facts, without ``retracted_facts`` and ``retracted_lines``.
        added: Facts added.
        retracted_facts: Facts taken away.
        retracted_lines: Rule lines taken away.
    """

    question: str
    before: Verdict
    after: Verdict
    added: tuple[str, ...] = ()
    retracted_facts: tuple[str, ...] = ()
    retracted_lines: tuple[int, ...] = ()

    @property
    def changed(self) -> bool:
        """Whether the answer (label, or whether it is proved) changed."""
        return (self.before.label, self.before.proved) != (self.after.label, self.after.proved)

    def to_dict(self) -> dict[str, Any]:
        return {"question": self.question, "before": self.before.to_dict(), "after": self.after.to_dict(),
                "added": list(self.added), "retracted_facts": list(self.retracted_facts),
                "retracted_lines": list(self.retracted_lines), "changed": self.changed}

    def to_text(self) -> str:
        def say(v: Verdict) -> str:
            return f"{v.label.value}{' (proved)' if v.proved else ''}"

        change = []
        if self.added:
            change.append("adding " + ", ".join(repr(a) for a in self.added))
        if self.retracted_facts:
            change.append("retracting " + ", ".join(repr(r) for r in self.retracted_facts))
        if self.retracted_lines:
            change.append("retracting line(s) " + ", ".join(map(str, self.retracted_lines)))
        verb = "changes" if self.changed else "leaves"
        return (f"{self.question} — before: {say(self.before)}; after {' and '.join(change) or 'no change'}: "
                f"{say(self.after)} ({verb} the answer{'' if self.changed else ' as it was'}).\n"
                f"{self.after.trace.summary}")


def what_if(kb: RuleBase, question: str, facts: str | Sequence[str] = (), *, add: Sequence[str] = (),
            retract: Sequence[str | int] = (), reasoner: Any = None) -> WhatIf:
    """Answer ``question`` as given and again with ``add`` facts added and ``retract`` taken away.

    Args:
        retract: Facts (their exact text) or rule lines (their line numbers) to take away.

    Raises:
        RuleBaseError: a retracted fact is not among the facts, or a line holds no statement.

    Example:
        >>> from nesy.rules import RuleBase
        >>> kb = RuleBase.from_fol(["∀x (Minor(x) → LacksCapacity(x))"])
        >>> w = kb.what_if("LacksCapacity(bob)", [], add=["Minor(bob)"])
        >>> w.before.proved, w.after.proved
        (False, True)
    """
    from nesy.rules.base import RuleBaseError

    given = kb.read_facts(facts)
    added = kb.read_facts(add) if add else ()
    gone_facts = tuple(r for r in retract if isinstance(r, str))
    gone_lines = tuple(int(r) for r in retract if not isinstance(r, str))
    for r in gone_facts:
        if r not in given:
            listed = "; ".join(repr(g) for g in given) or "(none)"
            raise RuleBaseError(f"Cannot retract {r!r}: it is not one of the facts ({listed}). Give the fact's exact "
                                "text, or a rule line number to retract a rule.")
    before = kb.ask(question, given, reasoner=reasoner)
    changed_kb = kb.without(gone_lines) if gone_lines else kb
    after_facts = tuple(f for f in given if f not in gone_facts) + tuple(a for a in added if a not in given)
    after = changed_kb.ask(question, after_facts, reasoner=reasoner)
    return WhatIf(question, before, after, tuple(added), gone_facts, tuple(sorted(gone_lines)))


def _search(prover: TrackedSolver, hard: Sequence[Any], goal_fails: Any, cands: Sequence[Any], *, max_size: int,
            max_explanations: int, deadline: float) -> tuple[list[tuple[int, ...]], bool]:
    """Minimal sets of candidate trackers that prove the goal and are not refuted by the hard ones, smallest first.

    Single candidates are tried one by one first. Larger sets are enumerated core-guided, MARCO-style: a map
    solver proposes a maximal unexplored seed; if the seed does not prove the goal, everything below it is
    blocked; if it does, its unsat core either holds a conflict among the candidates (shrunk into a minimal
    conflict, never to be chosen together again) or is shrunk by deletion into a minimal explanation, whose
    supersets are then blocked. ``prover`` only refutes (an unsat is a proof; anything else is "not proved").
    """
    n = len(cands)
    found: list[tuple[int, ...]] = []
    complete = True

    def proves(idx: Sequence[int]) -> bool:
        return bool(prover.check(*hard, goal_fails, *[cands[i] for i in idx]) == z3.unsat)

    def refuted(idx: Sequence[int]) -> bool:
        return bool(prover.check(*hard, *[cands[i] for i in idx]) == z3.unsat)

    def core_of(idx: Sequence[int]) -> list[int]:
        ids = prover.core_ids()
        return [i for i in idx if cands[i].get_id() in ids]

    singles: set[int] = set()
    for i in range(n):
        if time.perf_counter() > deadline:
            return found, False
        if proves([i]):
            singles.add(i)  # proves alone: an explanation unless it contradicts the facts and rules
            if not refuted([i]):
                found.append((i,))
    if max_size < 2 or len(found) >= max_explanations:
        return found[:max_explanations], len(found) < max_explanations
    marks = [z3.Bool(f"__abduce_{i}", prover.ctx) for i in range(n)]
    mapper = z3.Solver(ctx=prover.ctx)
    for i in singles:
        mapper.add(z3.Not(marks[i]))
    larger: list[tuple[int, ...]] = []
    while len(found) + len(larger) < max_explanations:
        if time.perf_counter() > deadline:
            complete = False
            break
        if mapper.check() != z3.sat:
            break
        model = mapper.model()
        seed = [i for i in range(n) if not z3.is_false(model.eval(marks[i], model_completion=False))]
        for i in range(n):
            if i not in seed and mapper.check(*[marks[j] for j in seed], marks[i]) == z3.sat:
                seed.append(i)
        if not proves(seed):
            rest = [marks[i] for i in range(n) if i not in seed]
            if not rest:
                break
            mapper.add(z3.Or(*rest))
            continue
        core = core_of(seed)
        if refuted(core):
            ids = prover.core_ids()
            core = [i for i in core if cands[i].get_id() in ids]
            for i in list(core):
                trial = [j for j in core if j != i]
                if refuted(trial):
                    core = trial
        else:
            for i in list(core):
                trial = [j for j in core if j != i]
                if proves(trial):
                    core = core_of(trial)
            larger.append(tuple(sorted(core)))
        mapper.add(z3.Or(*[z3.Not(marks[i]) for i in core]))
    larger = sorted((e for e in larger if len(e) <= max_size), key=lambda e: (len(e), e))
    if len(found) + len(larger) >= max_explanations:
        complete = False
    return (found + larger)[:max_explanations], complete


@dataclass(frozen=True, slots=True)
class _Candidate:
    formula: Formula
    statement: Statement
    depth: float
    order: int


def why_not(kb: RuleBase, question: str, facts: str | Sequence[str] = (), *,
            max_candidates: int = limits.ABDUCTION_MAX_CANDIDATES, max_size: int = limits.ABDUCTION_MAX_SET,
            max_explanations: int = limits.ABDUCTION_MAX_EXPLANATIONS,
            budget_s: float = limits.ABDUCTION_BUDGET_S) -> WhyNot:
    """The missing facts that would make ``question`` provable from ``facts`` and the rules, smallest sets first.

    Only the statements connected to the question take part in the search (connected through predicates that
    are not common to most statements, such as event roles); every explanation found is then checked for
    consistency with all the facts and rules. Proofs are looked for by refutation (Z3 without model building:
    an unsat is a proof, and a check that finds none ends quickly).

    Args:
        max_candidates: Candidate facts tried (the most relevant first).
        max_size: Largest set of missing facts proposed.
        max_explanations: Stop after this many explanations.
        budget_s: Time budget.

    Example:
        >>> from nesy.rules import RuleBase
        >>> kb = RuleBase.from_list(["All minors lack contractual capacity."])
        >>> print(kb.why_not("Bob lacks contractual capacity.", ["Bob signed the lease."]).explanations[0])
        Bob is minor
    """
    t0 = time.perf_counter()
    deadline = t0 + budget_s
    fact_texts = kb.read_facts(facts)
    form, origins = kb.formalize(question, fact_texts)

    def done(status: str, reason: str, **kw: Any) -> WhyNot:
        return WhyNot(question, status, reason=reason, seconds=time.perf_counter() - t0, **kw)

    hyp = form.hypothesis
    if hyp is None:
        why = form.errors.get(-1, "the reader returned no formula")
        return done("unread", f"The question could not be read into logic ({why}), so nothing can prove it.")
    prover = TrackedSolver(timeout_ms=limits.CHECK_TIMEOUT_MS, refute_only=True)
    premises = [(f, o) for f, o in zip(form.premises, origins) if f is not None]
    rules = [(f, o.statement) for f, o in premises if o.statement is not None]
    relevant = _relevant(hyp, [f for f, _ in premises], [f for f, _ in rules])
    everything: list[Any] = []
    hard: list[Any] = []
    rule_trackers: dict[int, int] = {}  # tracker id → rule line
    for k, (f, o) in enumerate(premises):
        t = prover.track(f)
        everything.append(t)
        if k in relevant:
            hard.append(t)
        if o.statement is not None:
            rule_trackers[t.get_id()] = o.statement.line
    for f, _ in form.background:
        t = prover.track(f)
        everything.append(t)
        hard.append(t)
    goal_fails = prover.track(negate(hyp))
    goal_holds = prover.track(hyp)
    if prover.check(*everything) == z3.unsat:
        return done("inconsistent", "The facts and rules contradict each other, so everything follows; run "
                    "`nesy check` on the rules (with --facts) to find the conflicting lines.")
    if prover.check(*everything, goal_fails) == z3.unsat:
        return done("provable", "The question is already provable from the facts and rules; nothing is missing.")
    if prover.check(*everything, goal_holds) == z3.unsat:
        return done("contradicted", "The facts and rules refute the question, so no added fact can prove it "
                    "without a contradiction; see what_if(..., retract=...) to change the facts or rules.")

    individuals = sorted({c for f in [*(p for p in form.premises[:len(fact_texts)] if p is not None), hyp]
                          for c in constants(f)}, key=lambda c: c.name)
    relevant_rules = [(f, st) for k, (f, o) in enumerate(premises) if k in relevant
                      for st in [o.statement] if st is not None]
    raw = [c for c in _candidates(relevant_rules, hyp, individuals) if c.formula != hyp]
    cands = raw[:max_candidates]
    trackers = [prover.track(c.formula) for c in cands]
    n = len(cands)
    if not n or prover.check(*hard, goal_fails, *trackers) != z3.unsat:
        # adding facts only adds consequences: if all candidates together do not prove it, no subset does
        return done("unexplained", "No set of facts built from the rules' conditions on "
                    f"{', '.join(str(c) for c in individuals) or 'the individuals named'} makes the question "
                    "provable.", n_candidates=n)
    found, complete = _search(prover, hard, goal_fails, trackers, max_size=max_size,
                              max_explanations=max_explanations, deadline=deadline)
    complete &= len(raw) <= max_candidates
    checker = TrackedSolver(timeout_ms=limits.CHECK_TIMEOUT_MS)  # builds models: shows an explanation consistent
    full = [checker.track(f) for f, _ in premises] + [checker.track(f) for f, _ in form.background]
    explanations = []
    for combo in found:
        chosen = [trackers[i] for i in combo]
        if prover.check(*everything, *chosen) == z3.unsat:
            continue  # consistent with the statements searched, not with all of them
        if checker.check(*full, *[checker.track(cands[i].formula) for i in combo]) == z3.unsat:
            continue
        prover.check(*hard, goal_fails, *chosen)
        core = prover.core_ids()
        lines = tuple(sorted({line for tid, line in rule_trackers.items() if tid in core}))
        explanations.append(Explanation(tuple(_missing(kb, cands[i]) for i in combo), lines))
    if not explanations:
        bound = "" if complete else " (the search stopped at one of its bounds)"
        return done("unexplained", f"No set of at most {max_size} missing facts makes the question provable{bound}.",
                    n_candidates=n, complete=complete)
    sizes = sorted({len(e.facts) for e in explanations})
    return done("explained", f"{len(explanations)} way(s) to make the question provable, adding "
                f"{' or '.join(map(str, sizes))} fact(s):", explanations=tuple(explanations), n_candidates=n,
                complete=complete)


def _informative(rule_formulas: Sequence[Formula]) -> set[str] | None:
    """Predicates that occur in few statements (at most a fifth of them, or three), so that links through event
    roles, tense or world predicates common to most statements do not connect everything; None for small bases."""
    if len(rule_formulas) < 10:
        return None
    counts: dict[str, int] = {}
    for f in rule_formulas:
        for p in signature(f):
            counts[p] = counts.get(p, 0) + 1
    cap = max(3, len(rule_formulas) // 5)
    return {p for p, c in counts.items() if c <= cap}


def _relevant(hyp: Formula, premises: Sequence[Formula], rule_formulas: Sequence[Formula]) -> set[int]:
    """Indices of the premises connected to the question through shared informative predicates."""
    keep = _informative(rule_formulas)
    if keep is None:
        return set(range(len(premises)))

    def sig(f: Formula) -> set[str]:
        full = signature(f)
        return set(full & keep) or set(full)

    reach = sig(hyp)
    sigs = [sig(f) for f in premises]
    chosen: set[int] = set()
    grew = True
    while grew:
        grew = False
        for k, sg in enumerate(sigs):
            if k not in chosen and sg & reach:
                chosen.add(k)
                reach |= sg
                grew = True
    return chosen


def _candidates(rules: Sequence[tuple[Formula, Statement]], hyp: Formula,
                individuals: Sequence[Const]) -> list[_Candidate]:
    """Ground instances of every rule's conditions, ordered by how many rule steps back from the question their
    predicates are (then by line); conditions whose predicates never lead to the question come last."""
    keep = _informative([f for f, _ in rules])

    def sig(f: Formula) -> set[str]:
        full = signature(f)
        return set(full) if keep is None else set(full & keep) or set(full)

    back: dict[str, set[str]] = {}  # each rule's conclusion predicates → its condition predicates
    shaped = []
    for f, stmt in rules:
        for shape in rule_shapes(f):
            shaped.append((stmt, shape))
            for p in sig(shape.consequent):
                back.setdefault(p, set()).update(sig(shape.antecedent))
    depth: dict[str, int] = {p: 0 for p in sig(hyp)}
    frontier = list(depth)
    while frontier:
        nxt = []
        for p in frontier:
            for q in back.get(p, ()):
                if q not in depth:
                    depth[q] = depth[p] + 1
                    nxt.append(q)
        frontier = nxt
    out: dict[Formula, _Candidate] = {}
    order = 0
    for stmt, shape in shaped:
        for cond in conditions(shape.antecedent):
            for g in ground_instances(cond, shape.variables, individuals, limits.MAX_INSTANCES_PER_CONDITION):
                d = min((depth.get(p, float("inf")) for p in sig(g)), default=float("inf"))
                if g not in out or d < out[g].depth:
                    out[g] = _Candidate(g, stmt, d, out[g].order if g in out else order)
                order += 1
    return sorted(out.values(), key=lambda c: (c.depth, c.order))


def _missing(kb: RuleBase, c: _Candidate) -> MissingFact:
    return MissingFact(c.formula, _english(kb, c.formula), c.statement.line, c.statement.citation, c.statement.text)


def _english(kb: RuleBase, f: Formula) -> str:
    """A literal said in English by the proof renderer (with the reader's spelling of names), else the formula."""
    if not is_literal(f) or kb.notation == "fol":
        return str(f)
    try:
        from nesy.logic.proof import literal_text
    except ImportError:  # pragma: no cover - the renderer moved
        return str(f)
    parser = getattr(kb.system, "parser", None)
    names = getattr(parser, "surface", None)
    text = literal_text(f, names if isinstance(names, dict) else None)
    if not text or text == str(f):
        return str(f)
    return text[:1].upper() + text[1:]

