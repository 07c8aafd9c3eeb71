"""Decide P ⊨ H with Z3, three-valued, with minimal unsat cores as proofs.

``P ∧ ¬H`` unsat → ENTAILED; ``P ∧ H`` unsat → CONTRADICTED; otherwise UNKNOWN. Premises
that contradict each other give INCONSISTENT, a solver time-out TIMEOUT, an unparsable
hypothesis PARSE_FAILURE — each with a reason. Never a bool.
"""

from __future__ import annotations

import enum
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import z3

from nesy import limits
from nesy.errors import ConfigError
from nesy.logic.fol import Atom, Formula, Not, constants, functions, negate, polarize, predicates
from nesy.logic.z3_backend import Z3Translator
from nesy.trace import ProofStep

__all__ = ["Outcome", "LogicResult", "LogicChecker"]

logger = logging.getLogger(__name__)


class Outcome(enum.Enum):
    ENTAILED = "entailed"
    CONTRADICTED = "contradicted"
    UNKNOWN = "unknown"
    INCONSISTENT = "inconsistent"
    TIMEOUT = "timeout"
    PARSE_FAILURE = "parse_failure"

    @property
    def decided(self) -> bool:
        return self in (Outcome.ENTAILED, Outcome.CONTRADICTED)


@dataclass(frozen=True, slots=True)
class LogicResult:
    """What the logic checker concluded, and why.

    Attributes:
        outcome: The three-valued answer, or why there is none.
        reason: One sentence of explanation.
        core: Indices of the premises in the minimal unsat core (the proof's support).
        steps: The proof as ordered, cited steps.
        unparsed: Indices of premises that could not be parsed (left out).
        n_premises: How many premises the problem had.
        seconds: Solver time.
    """

    outcome: Outcome
    reason: str
    core: tuple[int, ...] = ()
    steps: tuple[ProofStep, ...] = ()
    unparsed: tuple[int, ...] = ()
    n_premises: int = 0
    seconds: float = 0.0

    @property
    def parse_coverage(self) -> float:
        return 1.0 - len(self.unparsed) / self.n_premises if self.n_premises else 1.0

    @property
    def proof_size(self) -> int:
        return len(self.core)

    def to_dict(self) -> dict[str, Any]:
        return {
            "outcome": self.outcome.value,
            "reason": self.reason,
            "core": list(self.core),
            "steps": [s.to_dict() for s in self.steps],
            "unparsed": list(self.unparsed),
            "n_premises": self.n_premises,
            "seconds": self.seconds,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LogicResult:
        return cls(
            outcome=Outcome(data["outcome"]), reason=data["reason"], core=tuple(data.get("core", ())),
            steps=tuple(ProofStep.from_dict(s) for s in data.get("steps", ())),
            unparsed=tuple(data.get("unparsed", ())), n_premises=int(data.get("n_premises", 0)),
            seconds=float(data.get("seconds", 0.0)),
        )


World = Literal["open", "closed"]
#: ``classical``: full first-order logic. ``directional``: rules fire forwards only and negated
#: facts are explicit (the RuleTaker/ProofWriter and LogicNLI convention); both the hypothesis
#: and its negation following then means the premises are inconsistent about it.
Semantics = Literal["classical", "directional"]


#: SInE's tolerance: a premise is triggered by symbols at most this many times as common as its rarest one.
SELECT_TOLERANCE = 1.5


def _symbols(f: Formula) -> set[str]:
    """The non-logical symbols of ``f``: predicates, measures and constants."""
    return {f"p:{name}" for name, _ in predicates(f)} | {f"f:{name}" for name, _ in functions(f)} | \
        {f"c:{c.name}" for c in constants(f)}


def relevant_premises(premises: Sequence[Formula | None], hypothesis: Formula,
                      tolerance: float = SELECT_TOLERANCE) -> set[int]:
    """The premises a proof of ``hypothesis`` (or of its negation) is likely to use, by SInE's trigger relation
    (Hoder & Voronkov 2011): a premise is triggered by its rarest symbols (those at most ``tolerance`` times as
    frequent as its rarest one); starting from the hypothesis's symbols, every premise triggered by a symbol
    reached is taken and its symbols are reached in turn, to a fixpoint. Premises without symbols (pure
    equality, counting) are always taken."""
    syms = {i: _symbols(p) for i, p in enumerate(premises) if p is not None}
    count: dict[str, int] = {}
    for ss in syms.values():
        for x in ss:
            count[x] = count.get(x, 0) + 1
    triggers: dict[str, list[int]] = {}
    chosen: set[int] = set()
    for i, ss in syms.items():
        if not ss:
            chosen.add(i)
            continue
        least = min(count[x] for x in ss)
        for x in ss:
            if count[x] <= tolerance * least:
                triggers.setdefault(x, []).append(i)
    frontier = list(_symbols(hypothesis))
    reached = set(frontier)
    while frontier:
        x = frontier.pop()
        for i in triggers.get(x, ()):
            if i in chosen:
                continue
            chosen.add(i)
            for y in syms[i] - reached:
                reached.add(y)
                frontier.append(y)
    return chosen


class LogicChecker:
    """Decides entailment between parsed premises and a hypothesis.

    Args:
        timeout_ms: Z3 time limit per check (each problem runs at most a few checks).
        world: ``open`` (default) or ``closed``: negation as failure over the stated facts,
            i.e. every ground atom not entailed is assumed false (stratified by rule order).
        minimize_core: Shrink the unsat core to a minimal one (deletion-based).

    Example:
        >>> from nesy.logic.folparse import parse_fol
        >>> chk = LogicChecker()
        >>> chk.decide([parse_fol("∀x (Red(x) → Rough(x))"), parse_fol("Red(bob)")], parse_fol("Rough(bob)")).outcome
        <Outcome.ENTAILED: 'entailed'>
    """

    def __init__(self, *, timeout_ms: int = limits.Z3_TIMEOUT_MS, world: World = "open",
                 semantics: Semantics = "classical", minimize_core: bool = True,
                 budget_ms: int = limits.Z3_PROBLEM_BUDGET_MS, memory_mb: int = limits.Z3_MEMORY_MB) -> None:
        if world not in ("open", "closed"):
            raise ConfigError(f"Unknown world {world!r}. Choose one of: open, closed.")
        if semantics not in ("classical", "directional"):
            raise ConfigError(f"Unknown semantics {semantics!r}. Choose one of: classical, directional.")
        self.semantics = semantics
        if timeout_ms <= 0:
            raise ConfigError(f"timeout_ms must be positive, got {timeout_ms}.")
        self.timeout_ms = timeout_ms
        #: Z3 time for all the checks of one problem; core minimisation stops when it is spent
        self.budget_ms = budget_ms
        self._t0 = time.perf_counter()  # start of the problem being decided
        z3.set_param("memory_max_size", memory_mb)
        self.world = world
        self.minimize_core = minimize_core
        self._ctx: z3.Context | None = None  # one Z3 context per checker: making one costs ~10 ms

    def decide(
        self,
        premises: Sequence[Formula | None],
        hypothesis: Formula | None,
        *,
        premise_texts: Sequence[str] | None = None,
        hypothesis_text: str | None = None,
        semantics: Semantics | None = None,
        names: dict[str, str] | None = None,
    ) -> LogicResult:
        """Decide whether ``premises`` entail, contradict, or leave open ``hypothesis``.

        ``None`` entries stand for premises that failed to parse: they are left out and
        reported in ``unparsed``. A ``None`` hypothesis gives PARSE_FAILURE.
        """
        t0 = self._t0 = time.perf_counter()
        n = len(premises)
        unparsed = tuple(i for i, p in enumerate(premises) if p is None)
        if hypothesis is None:
            return LogicResult(Outcome.PARSE_FAILURE, "The hypothesis could not be parsed into logic.",
                               unparsed=unparsed, n_premises=n)
        if self.world == "open" and sum(p is not None for p in premises) > limits.SELECT_MIN_PREMISES:
            # a large theory (a rule base): first decide on the premises relevant to the hypothesis; a proof from
            # them is a proof from all, and only when there is none is the whole theory tried
            chosen = relevant_premises(premises, hypothesis)
            if len(chosen) < n - len(unparsed):
                first = self._decide(premises, hypothesis, chosen, t0, premise_texts=premise_texts,
                                     hypothesis_text=hypothesis_text, semantics=semantics, names=names)
                if first.outcome in (Outcome.ENTAILED, Outcome.CONTRADICTED, Outcome.INCONSISTENT):
                    return first
                self._t0 = time.perf_counter()
        return self._decide(premises, hypothesis, None, t0, premise_texts=premise_texts,
                            hypothesis_text=hypothesis_text, semantics=semantics, names=names)

    def _decide(self, premises: Sequence[Formula | None], hypothesis: Formula, chosen: set[int] | None, t0: float,
                *, premise_texts: Sequence[str] | None, hypothesis_text: str | None, semantics: Semantics | None,
                names: dict[str, str] | None) -> LogicResult:
        n = len(premises)
        unparsed = tuple(i for i, p in enumerate(premises) if p is None)
        sem = semantics or self.semantics
        live = [(i, p) for i, p in enumerate(premises) if p is not None and (chosen is None or i in chosen)]
        goal_pos, goal_neg = hypothesis, negate(hypothesis)
        if sem == "directional":
            live = [(i, polarize(p)) for i, p in live]
            goal_pos, goal_neg = polarize(hypothesis), polarize(Not(hypothesis))
        if self.world == "closed":
            live = live + [(-1, f) for f in self._closed_world_assumptions([p for _, p in live], hypothesis)]
        if self._ctx is None:
            self._ctx = z3.Context()
        tr = Z3Translator(self._ctx)
        solver = z3.Solver(ctx=tr.ctx)
        solver.set("timeout", self.timeout_ms)
        trackers: list[Any] = []
        index_of: dict[int, int] = {}
        for k, (i, p) in enumerate(live):
            b = z3.Bool(f"t{k}", tr.ctx)
            solver.add(z3.Implies(b, tr.formula(p)))
            trackers.append(b)
            index_of[b.get_id()] = i
        # h_neg asserts the goal fails (so unsat ⇒ the hypothesis follows); h_pos likewise for its negation.
        h_pos, h_neg = z3.Bool("h_pos", tr.ctx), z3.Bool("h_neg", tr.ctx)
        solver.add(z3.Implies(h_neg, z3.Not(tr.formula(goal_pos))), z3.Implies(h_pos, z3.Not(tr.formula(goal_neg))))

        r_neg = solver.check(*trackers, h_neg)
        core_neg = list(solver.unsat_core()) if r_neg == z3.unsat else []
        r_pos = solver.check(*trackers, h_pos)
        core_pos = list(solver.unsat_core()) if r_pos == z3.unsat else []

        def result(outcome: Outcome, reason: str, core: Sequence[int] = (), steps: Sequence[ProofStep] = ()) -> LogicResult:
            return LogicResult(outcome, reason, tuple(core), tuple(steps), unparsed, n, time.perf_counter() - t0)

        if z3.unknown in (r_neg, r_pos):
            why = solver.reason_unknown()
            if r_neg == z3.unsat and r_pos != z3.unsat:
                pass  # entailment proven even though the other check gave up
            elif r_pos == z3.unsat and r_neg != z3.unsat:
                pass
            else:
                kind = Outcome.TIMEOUT if ("timeout" in why or "canceled" in why) else Outcome.UNKNOWN
                return result(kind, f"Z3 gave up ({why}) after {self.timeout_ms} ms per check.")
        if r_neg == z3.unsat and r_pos == z3.unsat:
            if sem == "directional":
                support = [b for b in core_neg + core_pos if b.get_id() in index_of]
                idx = sorted({index_of[b.get_id()] for b in support if index_of[b.get_id()] >= 0})
                return result(Outcome.INCONSISTENT, "Both the hypothesis and its negation follow from the premises "
                              f"(premises {', '.join(str(i + 1) for i in idx)}), so neither can be asserted.", idx,
                              _core_steps(idx, premises, premise_texts))
            if solver.check(*trackers) == z3.unsat:
                core = self._minimize(solver, list(solver.unsat_core()), [])
                idx = sorted({index_of[b.get_id()] for b in core if index_of[b.get_id()] >= 0})
                return result(Outcome.INCONSISTENT, f"The premises contradict each other (premises "
                              f"{', '.join(str(i + 1) for i in idx)}).", idx,
                              _core_steps(idx, premises, premise_texts))
        from nesy.logic.proof import explain

        polarized = dict(live)
        for outcome, r, core, goal in (
            (Outcome.ENTAILED, r_neg, core_neg, goal_pos),
            (Outcome.CONTRADICTED, r_pos, core_pos, goal_neg),
        ):
            if r != z3.unsat:
                continue
            extra = [h_neg if outcome is Outcome.ENTAILED else h_pos]
            core_b = self._minimize(solver, [b for b in core if b.get_id() in index_of], extra)
            idx = sorted({index_of[b.get_id()] for b in core_b if index_of[b.get_id()] >= 0})
            cwa = any(index_of[b.get_id()] < 0 for b in core_b)
            steps = explain({i: polarized[i] for i in idx}, goal, premise_texts=premise_texts,
                            hypothesis_text=hypothesis_text, negated=outcome is Outcome.CONTRADICTED,
                            names=names)
            verb = "entail" if outcome is Outcome.ENTAILED else "contradict"
            reason = (f"Premises {', '.join(str(i + 1) for i in idx) or '(none)'} {verb} the hypothesis"
                      f"{' under the closed-world assumption' if cwa else ''} (Z3: unsat).")
            return result(outcome, reason, idx, steps)
        missing = f"; {len(unparsed)} premise(s) could not be parsed and were left out" if unparsed else ""
        return result(Outcome.UNKNOWN, f"Neither the hypothesis nor its negation follows from the premises{missing}.")

    def _minimize(self, solver: z3.Solver, core: list[Any], extra: list[Any]) -> list[Any]:
        """Deletion-based minimal core, within :data:`nesy.limits.MINIMIZE_MAX_CHECKS` checks and the problem's
        time budget (a core that is not minimal is still a valid proof: it only cites more premises)."""
        if not self.minimize_core or len(core) > 60:
            return core
        current = list(core)
        for n, b in enumerate(list(core)):
            if n >= limits.MINIMIZE_MAX_CHECKS or self._spent() > self.budget_ms:
                logger.info("core minimisation stopped at its budget after %d checks", n)
                break
            trial = [c for c in current if not c.eq(b)]
            if solver.check(*trial, *extra) == z3.unsat:
                current = trial
        return current

    def _spent(self) -> float:
        return (time.perf_counter() - self._t0) * 1000

    def _closed_world_assumptions(self, premises: list[Formula], hypothesis: Formula) -> list[Formula]:
        """Negation as failure: assume ¬A for each ground atom A over known constants that does not follow.

        Atoms are considered predicate by predicate in the order their rules depend on them, so
        a negated body ("if someone is not big ...") sees the defaults of the predicates below it.
        """
        consts = set()
        preds: set[tuple[str, int]] = set()
        for f in [*premises, hypothesis]:
            consts |= constants(f)
            preds |= predicates(f)
        assumed: list[Formula] = []
        checker = LogicChecker(timeout_ms=self.timeout_ms, world="open", minimize_core=False)
        for pred, arity in sorted(preds):
            if arity not in (1, 2):
                continue
            cs = sorted(consts, key=lambda c: c.name)
            combos = [(c,) for c in cs] if arity == 1 else [(a, b) for a in cs for b in cs]
            for args in combos:
                atom = Atom(pred, args)
                res = checker.decide([*premises, *assumed], atom)
                if res.outcome is Outcome.UNKNOWN:
                    assumed.append(Not(atom))
        return assumed


def _core_steps(idx: Sequence[int], premises: Sequence[Formula | None], texts: Sequence[str] | None) -> list[ProofStep]:
    return [
        ProofStep(kind="premise", text=texts[i] if texts else str(premises[i]), premise_index=i,
                  formula=str(premises[i]), source="premise")
        for i in idx
    ]
