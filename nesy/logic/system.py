"""The ``symbolic`` system: parse to logic, decide with Z3, answer with a proof."""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from typing import Any, Literal

from tqdm.auto import tqdm

from nesy.errors import ParseError
from nesy.logic.checker import LogicChecker, LogicResult, Outcome, World
from nesy.logic.english import EnglishParser
from nesy.logic.fol import Formula
from nesy.logic.folparse import parse_fol
from nesy.trace import ProofStep, ProofTrace
from nesy.types import Label, Problem, Verdict, check_choice

__all__ = ["SymbolicSystem", "LogicAnalysis"]

logger = logging.getLogger(__name__)

_OUTCOME_LABEL = {Outcome.ENTAILED: Label.ENTAILMENT, Outcome.CONTRADICTED: Label.CONTRADICTION}


class LogicAnalysis:
    """Parsed premises + hypothesis of one problem and the checker's result."""

    __slots__ = ("premises", "hypothesis", "result", "errors")

    def __init__(self, premises: list[Formula | None], hypothesis: Formula | None, result: LogicResult,
                 errors: dict[int, str]) -> None:
        self.premises = premises
        self.hypothesis = hypothesis
        self.result = result
        self.errors = errors


class SymbolicSystem:
    """Parse premises and hypothesis into FOL, decide with Z3.

    Args:
        use_fol: Use a problem's FOL annotations (``premises_fol``) instead of parsing its text.
        timeout_ms: Z3 time limit per check.
        world: ``open`` (default) or ``closed`` world.
        exclusive_either: Read "either … or" as exclusive.
        semantics: ``auto`` (default) reads English rule text with the RuleTaker convention
            (``directional``: rules fire forwards, negated facts are explicit, nothing is concluded by
            contraposition) and formal FOL input classically; or force ``classical``/``directional``.
        kg: A knowledge graph whose lexical axioms are added to the premises (optional).
    """

    name = "symbolic"

    def __init__(self, *, use_fol: bool = False, timeout_ms: int = 5000, world: World = "open",
                 semantics: Literal["auto", "classical", "directional"] = "auto", exclusive_either: bool = False,
                 kg: Any = None) -> None:
        check_choice("semantics", semantics, ("auto", "classical", "directional"))
        self.use_fol = use_fol
        self.semantics = semantics
        self.checker = LogicChecker(timeout_ms=timeout_ms, world=world)
        self.parser = EnglishParser(exclusive_either=exclusive_either)
        self.kg = kg

    # ---------------------------------------------------------------- parsing
    def parse_premises(self, problem: Problem) -> tuple[list[Formula | None], dict[int, str]]:
        errors: dict[int, str] = {}
        if self.use_fol and problem.premises_fol:
            out: list[Formula | None] = []
            for i, text in enumerate(problem.premises_fol):
                try:
                    out.append(parse_fol(text))
                except ParseError as err:
                    out.append(None)
                    errors[i] = str(err)
            return out, errors
        results = self.parser.parse_many(list(problem.premises))
        out = []
        for i, r in enumerate(results):
            if isinstance(r, ParseError):
                out.append(None)
                errors[i] = str(r)
            else:
                out.append(r)
        return out, errors

    def parse_hypothesis(self, problem: Problem, text: str | None = None) -> tuple[Formula | None, str | None]:
        try:
            if self.use_fol and problem.hypothesis_fol and text is None:
                return parse_fol(problem.hypothesis_fol), None
            return self.parser.parse(text if text is not None else problem.hypothesis), None
        except ParseError as err:
            return None, str(err)

    def analyse(self, problem: Problem, hypothesis: str | None = None) -> LogicAnalysis:
        premises, errors = self.parse_premises(problem)
        hyp, herr = self.parse_hypothesis(problem, hypothesis)
        texts = list(problem.premises_fol if self.use_fol and problem.premises_fol else problem.premises)
        extra: list[Formula | None] = []
        extra_texts: list[str] = []
        if self.kg is not None and hyp is not None:
            for axiom, text in self.kg.axioms_for([p for p in premises if p is not None], hyp):
                extra.append(axiom)
                extra_texts.append(text)
        formal = self.use_fol and bool(problem.premises_fol)
        sem = self.semantics if self.semantics != "auto" else ("classical" if formal else "directional")
        result = self.checker.decide(premises + extra, hyp, premise_texts=texts + extra_texts,
                                     hypothesis_text=hypothesis if hypothesis is not None else problem.hypothesis,
                                     semantics=sem, names=self.parser.surface)
        if herr:
            errors[-1] = herr
        return LogicAnalysis(premises, hyp, result, errors)

    # ---------------------------------------------------------------- answering
    def solve(self, problem: Problem) -> Verdict:
        t0 = time.perf_counter()
        if problem.is_multiple_choice:
            from nesy.logic.choice import solve_choice

            verdict = solve_choice(self, problem)
        else:
            analysis = self.analyse(problem)
            verdict = verdict_from_logic(analysis.result, problem, self.name)
        return _with_time(verdict, time.perf_counter() - t0)

    def solve_many(self, problems: Sequence[Problem], *, show_progress_bar: bool | None = None) -> list[Verdict]:
        disable = (len(problems) < 50) if show_progress_bar is None else not show_progress_bar
        return [self.solve(p) for p in tqdm(problems, desc="symbolic", disable=disable, unit="item")]


def _with_time(v: Verdict, seconds: float) -> Verdict:
    return Verdict(label=v.label, probabilities=v.probabilities, trace=v.trace, system=v.system, seconds=seconds,
                   proved=v.proved, choice=v.choice, option_probabilities=v.option_probabilities)


def logic_probabilities(result: LogicResult) -> tuple[float, float, float]:
    """Confidence of the symbolic system alone (the fusion layer learns better numbers)."""
    full = not result.unparsed
    if result.outcome in _OUTCOME_LABEL:
        p = 0.98 if full else 0.9
        probs = [(1 - p) / 2] * 3
        probs[_OUTCOME_LABEL[result.outcome].index] = p
        return (probs[0], probs[1], probs[2])
    if result.outcome is Outcome.UNKNOWN and full:
        return (0.05, 0.9, 0.05)
    if result.outcome is Outcome.UNKNOWN:
        return (0.25, 0.5, 0.25)
    return (1 / 3, 1 / 3, 1 / 3)


def verdict_from_logic(result: LogicResult, problem: Problem, system: str) -> Verdict:
    probs = logic_probabilities(result)
    label = _OUTCOME_LABEL.get(result.outcome, Label.NEUTRAL)
    steps: tuple[ProofStep, ...] = result.steps
    notes: list[str] = []
    if result.unparsed:
        notes.append(f"{len(result.unparsed)} of {result.n_premises} premises could not be parsed: "
                     + ", ".join(str(i + 1) for i in result.unparsed) + ".")
    summary = {
        Outcome.ENTAILED: "Proved: the premises entail the hypothesis.",
        Outcome.CONTRADICTED: "Disproved: the premises contradict the hypothesis.",
        Outcome.UNKNOWN: "Unknown: neither the hypothesis nor its negation follows.",
        Outcome.INCONSISTENT: "No answer: the premises are inconsistent.",
        Outcome.TIMEOUT: "No answer: the solver ran out of time.",
        Outcome.PARSE_FAILURE: "No answer: the hypothesis could not be parsed into logic.",
    }[result.outcome]
    trace = ProofTrace(steps=steps, summary=f"{summary} {result.reason}".strip(), notes=tuple(notes))
    return Verdict(label=label, probabilities=probs, trace=trace, system=system, proved=result.outcome.decided)


