"""``check``: is a rule base consistent, and which of its lines conflict, never fire, or repeat each other?

Everything is decided by Z3 over the lines as read into logic (:class:`~nesy.rules.RuleBase`):

- **conflicts**: every minimal set of lines that cannot all hold together (minimal unsatisfiable subsets,
  enumerated MARCO-style up to ``max_conflicts``, reported smallest first), each named by its line numbers;
- **rules that never fire**: a rule whose condition can never hold given the whole rule base (and the facts);
- **duplicate and subsumed rules**: a line that another single line entails (both ways: a duplicate);
- **always-true lines**: lines that say nothing (valid formulas);
- **unread lines**: lines the reader could not read into logic, with the reason.

Example:
    >>> from nesy.rules import RuleBase
    >>> kb = RuleBase.from_fol(["∀x (Minor(x) → ¬Adult(x))", "Minor(bob)", "Adult(bob)", "∀x (Tenant(x) → Party(x))"])
    >>> report = kb.check()
    >>> report.consistent, [c.lines for c in report.conflicts]
    (False, [(1, 2, 3)])
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import z3

from nesy.logic.fol import Not
from nesy.rules import limits
from nesy.rules.logic import TrackedSolver, close_existentially, enumerate_muses, rule_shapes, signature

if TYPE_CHECKING:
    from nesy.rules.base import RuleBase, Statement

__all__ = ["Conflict", "NeverFires", "Subsumed", "Unread", "CheckReport", "check_rules"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Conflict:
    """A minimal set of lines that cannot all be true: drop any one of them and the rest are consistent.

    Attributes:
        lines: The rule base's line numbers in the conflict.
        facts: Line numbers of the facts in it (when the check was given facts).
        texts: The text of each line, rules first, then facts.
    """

    lines: tuple[int, ...]
    facts: tuple[int, ...] = ()
    texts: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"lines": list(self.lines), "facts": list(self.facts), "texts": list(self.texts)}


@dataclass(frozen=True, slots=True)
class NeverFires:
    """A rule whose condition can never hold, given the rule base (and facts).

    Attributes:
        line: The rule's line.
        text: What it says.
        condition: Its condition, as a formula.
        because: The other lines (rule base) that rule the condition out.
    """

    line: int
    text: str
    condition: str
    because: tuple[int, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"line": self.line, "text": self.text, "condition": self.condition, "because": list(self.because)}


@dataclass(frozen=True, slots=True)
class Subsumed:
    """Line ``line`` follows from line ``by`` alone (``duplicate``: and the other way round)."""

    line: int
    by: int
    duplicate: bool
    text: str = ""
    by_text: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"line": self.line, "by": self.by, "duplicate": self.duplicate, "text": self.text,
                "by_text": self.by_text}


@dataclass(frozen=True, slots=True)
class Unread:
    """A line that could not be read into logic, and why (``source``: the file it is in)."""

    line: int
    text: str
    reason: str
    source: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"line": self.line, "text": self.text, "reason": self.reason, "source": self.source}


@dataclass(frozen=True, slots=True)
class CheckReport:
    """What ``check`` found.

    Attributes:
        source: The rule base's name (its file name).
        facts_source: The facts' name, when facts were checked with it.
        n_statements: Statements in the rule base (lines that are neither blank nor comments).
        n_read: Of those, read into logic.
        n_facts: Facts checked with them.
        consistent: True when Z3 showed that all read lines (and facts) can hold together.
        decided: False when the solver gave up before settling consistency (then ``consistent`` is False too).
        conflicts: Minimal conflicting sets, smallest first.
        never_fire: Rules whose condition can never hold (only looked for in a consistent base).
        subsumed: Lines entailed by another single line.
        always_true: Lines that are valid formulas (they say nothing).
        unparsed: Lines of the rule base, then of the facts, that could not be read into logic.
        complete: False when a search stopped at its bound (``max_conflicts``, the time budget, a solver timeout).
        notes: Anything else worth knowing.
        seconds: Wall-clock time of the check.
    """

    source: str
    facts_source: str | None
    n_statements: int
    n_read: int
    n_facts: int
    consistent: bool
    decided: bool
    conflicts: tuple[Conflict, ...] = ()
    never_fire: tuple[NeverFires, ...] = ()
    subsumed: tuple[Subsumed, ...] = ()
    always_true: tuple[int, ...] = ()
    unparsed: tuple[Unread, ...] = ()
    complete: bool = True
    notes: tuple[str, ...] = ()
    seconds: float = 0.0

    @property
    def exit_code(self) -> int:
        """``nesy check``'s exit status: 0 consistent, 1 a conflict was found, 3 the solver could not decide."""
        if self.consistent:
            return 0
        return 1 if self.conflicts or self.decided else 3

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source, "facts_source": self.facts_source, "n_statements": self.n_statements,
            "n_read": self.n_read, "n_facts": self.n_facts, "consistent": self.consistent, "decided": self.decided,
            "conflicts": [list(c.lines) for c in self.conflicts],
            "conflict_facts": [list(c.facts) for c in self.conflicts],
            "conflict_details": [c.to_dict() for c in self.conflicts],
            "never_fire": [n.line for n in self.never_fire],
            "never_fire_details": [n.to_dict() for n in self.never_fire],
            "subsumed": [s.to_dict() for s in self.subsumed],
            "always_true": list(self.always_true),
            "unparsed": [u.line for u in self.unparsed if u.source == self.source],
            "unparsed_facts": [u.line for u in self.unparsed if u.source != self.source],
            "unparsed_details": [u.to_dict() for u in self.unparsed],
            "complete": self.complete, "notes": list(self.notes), "seconds": self.seconds,
        }

    def to_text(self) -> str:
        """The report as ``nesy check`` prints it."""
        with_facts = f" with {self.n_facts} facts from {self.facts_source}" if self.facts_source else ""
        out = [f"{self.source}: {self.n_statements} statements, {self.n_read} read into logic{with_facts} "
               f"({self.seconds:.1f} s)."]
        if self.consistent:
            out.append("CONSISTENT: all lines read into logic can hold together (Z3: sat).")
        elif self.conflicts:
            more = "" if self.complete else " (the search stopped at its bound; there may be more)"
            out.append(f"INCONSISTENT: {len(self.conflicts)} minimal conflicting set(s) of lines{more}.")
            for k, c in enumerate(self.conflicts, 1):
                names = [f"line {n}" for n in c.lines] + [f"fact line {n}" for n in c.facts]
                out.append(f"  conflict {k}: {', '.join(names)}")
                for name, text in zip(names, c.texts):
                    out.append(f"    {name}: {text}")
        else:
            out.append("UNDECIDED: the solver could not settle whether the lines are consistent.")
        if self.never_fire:
            out.append(f"Rules that can never fire ({len(self.never_fire)}):")
            for n in self.never_fire:
                why = f" (ruled out by lines {', '.join(map(str, n.because))})" if n.because else ""
                out.append(f"  line {n.line}: {n.text}{why}")
        if self.subsumed:
            out.append(f"Duplicate or subsumed lines ({len(self.subsumed)}):")
            for s in self.subsumed:
                rel = "says the same as" if s.duplicate else "follows from"
                out.append(f"  line {s.line} {rel} line {s.by}: {s.text}")
        if self.always_true:
            out.append("Lines that are always true (they say nothing): " + ", ".join(map(str, self.always_true)))
        if self.unparsed:
            out.append(f"Lines not read into logic ({len(self.unparsed)}):")
            for u in self.unparsed:
                where = "" if u.source == self.source else f"{u.source} "
                out.append(f"  {where}line {u.line}: {u.text} — {u.reason}")
        out.extend(f"Note: {n}" for n in self.notes)
        return "\n".join(out)


def check_rules(kb: RuleBase, facts: RuleBase | None = None, *, max_conflicts: int = limits.MAX_CONFLICTS,
                timeout_ms: int = limits.CHECK_TIMEOUT_MS, budget_s: float = limits.CHECK_BUDGET_S) -> CheckReport:
    """Check a rule base (and optional facts, themselves a :class:`RuleBase`) for consistency with Z3.

    Args:
        kb: The rule base.
        facts: Facts of a case, checked together with the rules (conflicts may then cite fact lines).
        max_conflicts: Stop after this many minimal conflicts.
        timeout_ms: Z3 time limit per check.
        budget_s: Time budget of the whole check; searches cut short say so (``complete=False``).

    Example:
        >>> from nesy.rules import RuleBase
        >>> RuleBase.from_fol(["∀x (Tenant(x) → Party(x))"]).check().exit_code
        0
    """
    t0 = time.perf_counter()
    deadline = t0 + budget_s
    rules = [s for s in kb.statements if s.formula is not None]
    fact_stmts = [s for s in facts.statements if s.formula is not None] if facts is not None else []
    items: list[tuple[bool, Statement]] = [(True, s) for s in rules] + [(False, s) for s in fact_stmts]
    unread = [Unread(s.line, s.text, s.error or "", kb.name) for s in kb.unparsed]
    if facts is not None:
        unread += [Unread(s.line, s.text, s.error or "", facts.name) for s in facts.unparsed]
    ts = TrackedSolver(timeout_ms=timeout_ms)
    trackers = [ts.track(s.formula) for _, s in items if s.formula is not None]
    notes: list[str] = []
    complete = True
    r = ts.check(*trackers)
    conflicts: list[Conflict] = []
    if r == z3.unsat:
        muses, complete = enumerate_muses(ts.solver, trackers, limit=max_conflicts, deadline=deadline)
        for mus in muses:
            rl = tuple(sorted(items[i][1].line for i in mus if items[i][0]))
            fl = tuple(sorted(items[i][1].line for i in mus if not items[i][0]))
            texts = tuple(kb.statement(n).text for n in rl) + tuple(
                next(s.text for s in fact_stmts if s.line == n) for n in fl)
            conflicts.append(Conflict(rl, fl, texts))
    elif r != z3.sat:
        complete = False
        notes.append(f"Z3 gave up on the whole rule base ({ts.solver.reason_unknown()}); raise the time limit "
                     "(timeout_ms) or check a smaller file.")
    consistent = r == z3.sat
    never: list[NeverFires] = []
    # the remaining questions are all "is this contradictory?": a refutation-only solver answers them fast
    refuter = TrackedSolver(timeout_ms=timeout_ms, refute_only=True)
    ref_trackers = [refuter.track(s.formula) for _, s in items if s.formula is not None]
    if consistent:
        never, done = _never_fire(refuter, rules, ref_trackers, len(rules), deadline)
        complete &= done
    elif conflicts:
        notes.append("Rules that never fire are looked for once the conflicts are resolved.")
    subsumed, always, done = _subsumption(refuter, rules, ref_trackers[:len(rules)], deadline)
    complete &= done
    if time.perf_counter() > deadline:
        notes.append(f"The {budget_s:.0f} s budget ran out; the report is partial (raise budget_s).")
    return CheckReport(
        source=kb.name, facts_source=facts.name if facts is not None else None, n_statements=len(kb.statements),
        n_read=len(rules), n_facts=len(fact_stmts), consistent=consistent, decided=r in (z3.sat, z3.unsat),
        conflicts=tuple(conflicts), never_fire=tuple(never), subsumed=tuple(subsumed), always_true=tuple(always),
        unparsed=tuple(unread), complete=complete, notes=tuple(notes), seconds=time.perf_counter() - t0)


def _never_fire(ts: TrackedSolver, rules: Sequence[Statement], trackers: Sequence[Any], n_rules: int,
                deadline: float) -> tuple[list[NeverFires], bool]:
    """Rules none of whose conditions can hold together with every line (and fact).

    Each condition, closed existentially, is refuted against the whole base by a refutation-only solver: an
    ``unsat`` proves the rule can never fire; anything else leaves it (possibly) firing, so every rule reported
    truly never fires (sound), while a condition ruled out only by a model-building argument goes unreported.
    """
    shapes = [(k, sh) for k, s in enumerate(rules) if s.formula is not None for sh in rule_shapes(s.formula)]
    dead: dict[int, set[int]] = {}  # shape index → lines that rule it out
    complete = True
    for i, (k, shape) in enumerate(shapes):
        if time.perf_counter() > deadline:
            complete = False
            break
        r, core = ts.check_with(close_existentially(shape.antecedent), *trackers)
        if r == z3.unsat:
            dead[i] = {rules[j].line for j in range(n_rules) if j != k and trackers[j].get_id() in core}
    out: list[NeverFires] = []
    for k, s in enumerate(rules):
        mine = [i for i, (kk, _) in enumerate(shapes) if kk == k]
        if mine and all(i in dead for i in mine):
            because = sorted(set().union(*(dead[i] for i in mine)))
            out.append(NeverFires(s.line, s.text, " ∨ ".join(str(shapes[i][1].antecedent) for i in mine),
                                  tuple(because)))
    return out, complete


def _subsumption(ts: TrackedSolver, rules: Sequence[Statement], trackers: Sequence[Any],
                 deadline: float) -> tuple[list[Subsumed], list[int], bool]:
    """Pairs of lines where one alone entails the other, and lines that are valid (refuted negations: sound, like
    :func:`_never_fire`); tested only when the entailed line's predicates all occur in the entailing one
    (otherwise it cannot follow, short of being valid)."""
    negs = [ts.track(Not(s.formula)) for s in rules if s.formula is not None]
    sigs = [signature(s.formula) for s in rules if s.formula is not None]
    always: list[int] = []
    skip: set[int] = set()
    complete = True
    for i, s in enumerate(rules):
        if time.perf_counter() > deadline:
            return [], always, False
        if ts.check(negs[i]) == z3.unsat:
            always.append(s.line)
            skip.add(i)
        elif ts.check(trackers[i]) == z3.unsat:
            skip.add(i)  # false on its own: reported as a one-line conflict
    entails: set[tuple[int, int]] = set()
    pairs = 0
    for a in range(len(rules)):
        if a in skip:
            continue
        for b in range(len(rules)):
            if b == a or b in skip or not sigs[b] <= sigs[a]:
                continue
            pairs += 1
            if pairs > limits.MAX_SUBSUMPTION_PAIRS or time.perf_counter() > deadline:
                complete = False
                break
            if ts.check(trackers[a], negs[b]) == z3.unsat:
                entails.add((a, b))
    out: list[Subsumed] = []
    for a, b in sorted(entails, key=lambda p: (rules[p[1]].line, rules[p[0]].line)):
        dup = (b, a) in entails
        if dup and rules[b].line < rules[a].line:
            continue  # report a duplicate pair once, as the later line repeating the earlier
        out.append(Subsumed(rules[b].line, rules[a].line, dup, rules[b].text, rules[a].text))
    return out, sorted(always), complete
