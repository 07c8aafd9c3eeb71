"""Multiple-choice problems.

Ordering puzzles (LogicalDeduction: "five birds … The owl is the leftmost. The robin is to the
left of the raven …") are encoded as integer positions 1..n with ``Distinct`` in Z3; each
option is checked for entailment and the entailed option is the answer. Other multiple-choice
items fall back to deciding each option as a hypothesis with the FOL reasoner.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import z3

from nesy.errors import ParseError
from nesy.trace import ProofStep, ProofTrace
from nesy.types import Label, Problem, Verdict

if TYPE_CHECKING:
    from nesy.logic.system import SymbolicSystem

__all__ = ["OrderingPuzzle", "parse_ordering", "solve_choice"]

_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
             "ninth": 9, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5, "6th": 6, "7th": 7}
_NUMBERS = {"three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}

# Scale words. "low" means position 1 is this end of the order (leftmost, oldest, cheapest, first).
_LOW_SUPERLATIVE = ("leftmost", "oldest", "cheapest", "first", "least expensive")
_HIGH_SUPERLATIVE = ("rightmost", "newest", "most expensive", "last", "youngest")
_LOW_COUNT = ("from the left", "oldest", "cheapest", "least expensive")
_HIGH_COUNT = ("from the right", "newest", "most expensive", "to last", "to-last", "youngest")
_LESS = ("to the left of", "older than", "cheaper than", "less expensive than", "finished above", "above", "before")
_MORE = ("to the right of", "newer than", "more expensive than", "pricier than", "finished below", "below", "after",
         "younger than")


@dataclass(frozen=True)
class _Constraint:
    """pos(a) == k, or pos(a) < pos(b) (op '<'), or pos(a) > pos(b)."""

    a: str
    op: str
    value: int | str
    text: str


@dataclass(frozen=True)
class OrderingPuzzle:
    objects: tuple[str, ...]
    constraints: tuple[tuple[int, _Constraint], ...]  # (premise index, constraint)


def _objects(sentence: str) -> tuple[str, ...] | None:
    if ":" not in sentence:
        return None
    head, tail = sentence.split(":", 1)
    if not re.search(r"\b(" + "|".join(_NUMBERS) + r"|\d+)\b", head.lower()):
        return None
    items = re.split(r",\s*(?:and\s+)?|\s+and\s+", tail.strip().rstrip("."))
    objs = tuple(re.sub(r"^(a|an|the)\s+", "", o.strip(), flags=re.I).strip() for o in items if o.strip())
    return objs if len(objs) >= 2 else None


def _find_objects(text: str, objects: tuple[str, ...]) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    low = text.lower()
    taken = [False] * len(low)
    for o in sorted(objects, key=len, reverse=True):
        for m in re.finditer(r"\b" + re.escape(o.lower()) + r"\b", low):
            if not any(taken[m.start():m.end()]):
                found.append((m.start(), o))
                for k in range(m.start(), m.end()):
                    taken[k] = True
    return sorted(found)


def parse_constraint(text: str, objects: tuple[str, ...]) -> _Constraint:
    """One ordering statement → a constraint; ParseError when it is not one."""
    mentions = _find_objects(text, objects)
    if not mentions:
        raise ParseError(f"No object of {objects} is mentioned in {text!r}.")
    low = " " + text.lower().rstrip(".") + " "
    a = mentions[0][1]
    if len(mentions) >= 2:
        b = mentions[1][1]
        for phrase in _LESS:
            if f" {phrase} " in low:
                return _Constraint(a, "<", b, text)
        for phrase in _MORE:
            if f" {phrase} " in low:
                return _Constraint(a, ">", b, text)
        raise ParseError(f"No ordering relation between {a!r} and {b!r} in {text!r}.")
    n = len(objects)
    m = re.search(r"\b(" + "|".join(_ORDINALS) + r")\b[\s-]*(.*)$", low.strip())
    if m:
        k = _ORDINALS[m.group(1)]
        rest = m.group(2)
        if any(rest.startswith(p) or rest.startswith(p.replace(" ", "-")) for p in _HIGH_COUNT):
            return _Constraint(a, "=", n + 1 - k, text)
        if any(rest.startswith(p) for p in _LOW_COUNT) or rest.strip() in {"", "place"}:
            return _Constraint(a, "=", k, text)
    for phrase in _HIGH_SUPERLATIVE:
        if re.search(r"\b" + phrase + r"\b", low):
            return _Constraint(a, "=", n, text)
    for phrase in _LOW_SUPERLATIVE:
        if re.search(r"\b" + phrase + r"\b", low):
            return _Constraint(a, "=", 1, text)
    raise ParseError(f"No position for {a!r} in {text!r}.")


def parse_ordering(problem: Problem) -> OrderingPuzzle | None:
    """Recognise an ordering puzzle; None when the problem is not one."""
    objects = None
    start = 0
    for i, s in enumerate(problem.premises):
        objects = _objects(s)
        if objects:
            start = i + 1
            break
    if not objects:
        return None
    cons = []
    for i in range(start, len(problem.premises)):
        cons.append((i, parse_constraint(problem.premises[i], objects)))
    return OrderingPuzzle(objects, tuple(cons))


def _z3(c: _Constraint, pos: dict[str, Any]) -> Any:
    if c.op == "=":
        return pos[c.a] == int(c.value)
    other = pos[str(c.value)]
    return pos[c.a] < other if c.op == "<" else pos[c.a] > other


def _solve_ordering(puzzle: OrderingPuzzle, problem: Problem, timeout_ms: int) -> Verdict:
    assert problem.options is not None
    ctx = z3.Context()
    pos = {o: z3.Int(f"pos_{k}", ctx) for k, o in enumerate(puzzle.objects)}
    s = z3.Solver(ctx=ctx)
    s.set("timeout", timeout_ms)
    n = len(puzzle.objects)
    s.add(z3.Distinct(*pos.values()))
    for v in pos.values():
        s.add(v >= 1, v <= n)
    trackers = []
    for i, c in puzzle.constraints:
        b = z3.Bool(f"p{i}", ctx)
        s.add(z3.Implies(b, _z3(c, pos)))
        trackers.append((i, b))
    entailed: list[int] = []
    consistent: list[int] = []
    cores: dict[int, list[int]] = {}
    option_cons: dict[int, _Constraint] = {}
    for k, opt in enumerate(problem.options):
        try:
            oc = parse_constraint(opt, puzzle.objects)
        except ParseError:
            continue
        option_cons[k] = oc
        q = z3.Bool(f"q{k}", ctx)
        s.add(z3.Implies(q, z3.Not(_z3(oc, pos))))
        if s.check(*[b for _, b in trackers], q) == z3.unsat:
            entailed.append(k)
            names = {str(b) for b in s.unsat_core()}
            cores[k] = [i for i, b in trackers if str(b) in names]
        r = z3.Bool(f"r{k}", ctx)
        s.add(z3.Implies(r, _z3(oc, pos)))
        if s.check(*[b for _, b in trackers], r) == z3.sat:
            consistent.append(k)
    m = len(problem.options)
    if len(entailed) == 1:
        choice = entailed[0]
        probs = [0.02 / max(m - 1, 1)] * m
        probs[choice] = 0.98
        steps = [ProofStep(kind="premise", text=problem.premises[i], premise_index=i, source="premise")
                 for i in cores[choice]]
        steps.append(ProofStep(kind="conclusion", text=f"So: {problem.options[choice]} (Z3: every ordering that "
                               f"satisfies these statements has it).", uses=tuple(range(len(steps)))))
        trace = ProofTrace(steps=tuple(steps), summary=f"Option {choice + 1} is entailed by the ordering constraints.")
        return Verdict(label=Label.ENTAILMENT, probabilities=(0.98, 0.01, 0.01), trace=trace, system="symbolic",
                       proved=True, choice=choice, option_probabilities=tuple(probs))
    pool = consistent or list(range(m))
    probs = [1.0 / len(pool) if k in pool else 0.0 for k in range(m)]
    choice = pool[0]
    trace = ProofTrace(summary=f"No single option is entailed ({len(entailed)} entailed, {len(consistent)} "
                               "consistent); the choice is a guess among the consistent options.")
    return Verdict(label=Label.NEUTRAL, probabilities=(1 / 3, 1 / 3, 1 / 3), trace=trace, system="symbolic",
                   proved=False, choice=choice, option_probabilities=tuple(probs))


def solve_choice(system: SymbolicSystem, problem: Problem) -> Verdict:
    """Answer a multiple-choice problem with the symbolic system."""
    assert problem.options is not None
    try:
        puzzle = parse_ordering(problem)
    except ParseError as err:
        puzzle = None
        reason = str(err)
    else:
        reason = ""
    if puzzle is not None:
        return _solve_ordering(puzzle, problem, system.checker.timeout_ms)
    # Generic: decide each option as a hypothesis.
    from nesy.logic.checker import Outcome

    outcomes = []
    for opt in problem.options:
        outcomes.append(system.analyse(problem, hypothesis=opt).result)
    entailed = [k for k, r in enumerate(outcomes) if r.outcome is Outcome.ENTAILED]
    m = len(problem.options)
    if len(entailed) == 1:
        k = entailed[0]
        probs = [0.02 / max(m - 1, 1)] * m
        probs[k] = 0.98
        trace = ProofTrace(steps=outcomes[k].steps, summary=f"Option {k + 1} is entailed. {outcomes[k].reason}")
        return Verdict(label=Label.ENTAILMENT, probabilities=(0.98, 0.01, 0.01), trace=trace, system="symbolic",
                       proved=True, choice=k, option_probabilities=tuple(probs))
    pool = [k for k, r in enumerate(outcomes) if r.outcome is not Outcome.CONTRADICTED] or list(range(m))
    probs = [1.0 / len(pool) if k in pool else 0.0 for k in range(m)]
    note = (reason + " ") if reason else ""
    trace = ProofTrace(summary=f"{note}No option could be proved; guessing among {len(pool)} not ruled out.")
    return Verdict(label=Label.NEUTRAL, probabilities=(1 / 3, 1 / 3, 1 / 3), trace=trace, system="symbolic",
                   proved=False, choice=pool[0], option_probabilities=tuple(probs))
