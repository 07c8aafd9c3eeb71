"""The ``symbolic`` system: parse to logic, decide with Z3, answer with a proof."""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

from tqdm.auto import tqdm

from nesy.errors import ParseError
from nesy.logic.checker import LogicChecker, LogicResult, Outcome, World
from nesy.logic.english import EnglishParser
from nesy.logic.fol import Formula
from nesy.logic.folparse import parse_fol
from nesy.semantics import Reader
from nesy.trace import ProofStep, ProofTrace
from nesy.types import Label, Problem, Verdict, check_choice

if TYPE_CHECKING:
    from nesy.kg.align import LexicalDecision

__all__ = ["SymbolicSystem", "LogicAnalysis", "Formalization"]

logger = logging.getLogger(__name__)

_OUTCOME_LABEL = {Outcome.ENTAILED: Label.ENTAILMENT, Outcome.CONTRADICTED: Label.CONTRADICTION}


@dataclasses.dataclass(frozen=True, slots=True)
class Formalization:
    """A problem's text read into logic, before any solving.

    Attributes:
        premises: One formula per premise, None where the premise could not be read (see ``errors``).
        errors: Premise index → why it could not be read (index -1: the hypothesis).
        hypothesis: The hypothesis formula, or None (empty or unreadable hypothesis).
        background: Axioms the text calls for beyond its sentences (knowledge-graph relations, the meaning of
            the words used), each with the citation a proof shows for it.
        premise_texts: What each premise said (its FOL annotation for formal problems).
        semantics: How the formulas are to be decided: ``classical`` or ``directional``.
    """

    premises: tuple[Formula | None, ...]
    errors: dict[int, str]
    hypothesis: Formula | None
    background: tuple[tuple[Formula, str], ...]
    premise_texts: tuple[str, ...]
    semantics: str
    names: dict[str, str] = dataclasses.field(default_factory=dict)
    #: each predicate's part of speech ("n", "v", "a"; "r" roles, "p" prepositions), from the reader
    pos: dict[str, str] = dataclasses.field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "premises": [None if f is None else str(f) for f in self.premises],
            "errors": {str(k): v for k, v in self.errors.items()},
            "hypothesis": None if self.hypothesis is None else str(self.hypothesis),
            "background": [[str(f), text] for f, text in self.background],
            "premise_texts": list(self.premise_texts),
            "semantics": self.semantics,
        }


class LogicAnalysis:
    """Parsed premises + hypothesis of one problem and the checker's result."""

    __slots__ = ("premises", "hypothesis", "result", "errors", "lexical", "abduced", "soft")

    def __init__(self, premises: list[Formula | None], hypothesis: Formula | None, result: LogicResult,
                 errors: dict[int, str]) -> None:
        self.premises = premises
        self.hypothesis = hypothesis
        self.result = result
        self.errors = errors
        #: the natural-logic decision (:mod:`nesy.kg.align`) when the logic left the pair open
        self.lexical: LexicalDecision | None = None
        #: citations of the abduced graph axioms the result's proof rests on (:mod:`nesy.kg.abduction`)
        self.abduced: tuple[str, ...] = ()
        #: citations of the learned phrase axioms it rests on (:mod:`nesy.nli.phrases`): then it is no proof
        self.soft: tuple[str, ...] = ()


class SymbolicSystem:
    """Parse premises and hypothesis into FOL, decide with Z3.

    Args:
        use_fol: Use a problem's FOL annotations (``premises_fol``) instead of parsing its text.
        timeout_ms: Z3 time limit per check.
        world: ``open`` (default) or ``closed`` world.
        exclusive_either: Read "either … or" as exclusive.
        semantics: ``auto`` (default) follows each problem's declared reading (:attr:`Problem.reading`:
            ``directional`` for RuleTaker-style datasets, classical otherwise) and reads FOL input classically;
            or force ``classical``/``directional``.
        kg: A :class:`~nesy.kg.Retriever` whose lexical axioms are added to the premises and
            whose lexical decisions settle one-word-apart NLI pairs; ``"auto"`` (default) loads the
            shipped WordNet graph on first use, ``None`` turns the graph off.
    """

    name = "symbolic"

    def __init__(self, *, use_fol: bool = False, timeout_ms: int = 5000, world: World = "open",
                 semantics: Literal["auto", "classical", "directional"] = "auto", exclusive_either: bool = False,
                 kg: Any = "auto") -> None:
        check_choice("semantics", semantics, ("auto", "classical", "directional"))
        self.use_fol = use_fol
        self.semantics = semantics
        self.checker = LogicChecker(timeout_ms=timeout_ms, world=world)
        self.parser = EnglishParser(exclusive_either=exclusive_either)
        #: how RuleTaker-style (directional) text is read: "grammar" (the rule grammar) or "semantics"
        self.directional_reader = "grammar"
        #: try abduced graph axioms (:mod:`nesy.kg.abduction`) when a classically read pair is left open
        self.abduction = True
        if kg == "auto":
            from nesy.kg.retriever import Retriever

            kg = Retriever()
        self.kg = kg
        # without a lexicon, capitalised words are told apart by their part of speech alone
        self.reader = Reader(known_noun=self._known_noun if kg is not None else None)

    def _known_noun(self, word: str) -> bool:
        """Whether the lexicon (the knowledge graph's WordNet lemmas) has ``word`` as a common noun."""
        if self.kg is None:
            return False
        try:
            return bool(self.kg.kg.senses(word, 3, "n"))
        except Exception:  # noqa: BLE001 - a lexicon lookup must never break reading
            return False

    # ---------------------------------------------------------------- parsing
    def _formal(self, problem: Problem) -> bool:
        """Use the FOL annotations: when asked (``use_fol``) or when the problem's text is itself FOL."""
        return bool(problem.premises_fol) and (self.use_fol or bool(problem.metadata.get("formal")))

    def parse_premises(self, problem: Problem) -> tuple[list[Formula | None], dict[int, str]]:
        errors: dict[int, str] = {}
        if self._formal(problem):
            assert problem.premises_fol is not None
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
            if self._formal(problem) and problem.hypothesis_fol and text is None:
                return parse_fol(problem.hypothesis_fol), None
            return self.parser.parse(text if text is not None else problem.hypothesis), None
        except ParseError as err:
            return None, str(err)

    def formalize(self, problem: Problem, hypothesis: str | None = None) -> Formalization:
        """Read a problem into logic: premises, hypothesis (``hypothesis`` overrides the problem's) and the
        background axioms they call for, without deciding anything.

        English is read by the compositional semantics (:class:`nesy.semantics.Reader`) under the problem's
        reading; RuleTaker-style text (``directional``) by the rule grammar; FOL annotations by the FOL parser.
        """
        formal = self._formal(problem)
        # the reading is the dataset's declared convention (Problem.reading); FOL input is always classical
        sem = self.semantics if self.semantics != "auto" else (
            "directional" if problem.reading == "directional" and not formal else "classical")
        hyp_text = hypothesis if hypothesis is not None else problem.hypothesis
        if not formal and (sem != "directional" or self.directional_reader == "semantics"):
            reading = "scene" if problem.reading == "scene" else "classical"
            rules = problem.metadata.get("rule_statements", ()) if isinstance(problem.metadata, dict) else ()
            m = self.reader.read(list(problem.premises), hyp_text or None, reading=reading, rules=rules)
            background = [(f, f"{t} [meaning of the words]") for f, t in m.background]
            if self.kg is not None and m.hypothesis is not None:
                background += list(self.kg.axioms_for([p for p in m.premises if p is not None], m.hypothesis,
                                                      m.pos))
            return Formalization(m.premises, dict(m.errors), m.hypothesis, tuple(background),
                                 tuple(problem.premises), sem, dict(m.surface), dict(m.pos))
        premises, errors = self.parse_premises(problem)
        hyp, herr = self.parse_hypothesis(problem, hypothesis) if (hypothesis or problem.hypothesis
                                                                   or problem.hypothesis_fol) else (None, None)
        if herr:
            errors[-1] = herr
        texts = tuple(problem.premises_fol if formal and problem.premises_fol else problem.premises)
        kg_axioms: list[tuple[Formula, str]] = []
        if self.kg is not None and hyp is not None:
            kg_axioms = list(self.kg.axioms_for([p for p in premises if p is not None], hyp, self.parser.pos))
        return Formalization(tuple(premises), errors, hyp, tuple(kg_axioms), texts, sem, dict(self.parser.surface),
                             dict(self.parser.pos))

    def analyse(self, problem: Problem, hypothesis: str | None = None, *, phrases: Any = None) -> LogicAnalysis:
        """Read and decide one problem. ``phrases``: a :class:`~nesy.nli.phrases.PhraseAxioms` whose learned
        axioms are tried after the graph's (the result then rests on them: :attr:`LogicAnalysis.soft`)."""
        form = self.formalize(problem, hypothesis)
        premises = list(form.premises)
        extra: list[Formula | None] = [f for f, _ in form.background]
        extra_texts = [t for _, t in form.background]
        hyp_text = hypothesis if hypothesis is not None else problem.hypothesis
        result = self.checker.decide(premises + extra, form.hypothesis,
                                     premise_texts=list(form.premise_texts) + extra_texts,
                                     hypothesis_text=hyp_text, names=form.names,
                                     semantics=form.semantics)  # type: ignore[arg-type]
        if result.outcome.decided and not any(i < len(premises) for i in result.core) and any(premises):
            # the minimal core found uses world knowledge only ("Aspirin is a chemical" is in WordNet): the
            # premises may still prove it on their own, which is the inference asked for
            own = [(f, t) for f, t in form.background if t.endswith("[meaning of the words]")]
            alone = self.checker.decide(premises + [f for f, _ in own], form.hypothesis,
                                        premise_texts=list(form.premise_texts) + [t for _, t in own],
                                        hypothesis_text=hyp_text, names=form.names,
                                        semantics=form.semantics)  # type: ignore[arg-type]
            if alone.outcome is result.outcome:
                result = alone
        abduced: tuple[str, ...] = ()
        soft: tuple[str, ...] = ()
        if (self.abduction and result.outcome is Outcome.UNKNOWN and self.kg is not None
                and form.hypothesis is not None and form.semantics == "classical" and not self._formal(problem)
                and any(premises)):
            result, abduced, soft = self._abduce(form, premises, extra, extra_texts, result, hyp_text, phrases,
                                                 scene=problem.reading == "scene")
        analysis = LogicAnalysis(premises, form.hypothesis, result, dict(form.errors))
        analysis.abduced = abduced
        analysis.soft = soft
        return analysis

    def _abduce(self, form: Formalization, premises: list[Formula | None], extra: list[Formula | None],
                extra_texts: list[str], result: LogicResult, hyp_text: str,
                phrases: Any = None, scene: bool = False) -> tuple[LogicResult, tuple[str, ...], tuple[str, ...]]:
        """Try again with abduced graph axioms (:mod:`nesy.kg.abduction`), then, if still open and ``phrases`` is
        given, with learned phrase axioms as well (:mod:`nesy.nli.phrases`). The new result only if it decides,
        with the citations of the graph axioms and of the learned ones its proof uses."""
        from nesy.kg.abduction import abduce, aligned_pairs

        assert form.hypothesis is not None
        given = [p for p in premises if p is not None]
        cands = abduce(self.kg, given, form.hypothesis, form.pos, have=[f for f in extra if f is not None])
        formulas: list[Formula | None] = [c.formula for c in cands]
        texts = [c.citation() for c in cands]
        n_graph = len(texts)
        tries = [n_graph] if cands else []
        if phrases is not None:
            graph_linked = {c.pair for c in cands}
            aligned = [al for al in aligned_pairs(given, form.hypothesis, form.pos)
                       if (al.premise, al.hypothesis) not in graph_linked]
            learned = phrases.propose(aligned, scene=scene)
            if learned:
                formulas += [s.formula for s in learned]
                texts += [s.citation() for s in learned]
                tries.append(len(texts))
        first = len(premises) + len(extra)
        for upto in tries:
            again = self.checker.decide(premises + extra + formulas[:upto], form.hypothesis,
                                        premise_texts=list(form.premise_texts) + extra_texts + texts[:upto],
                                        hypothesis_text=hyp_text, names=form.names,
                                        semantics=form.semantics)  # type: ignore[arg-type]
            used = [i - first for i in again.core if i >= first]
            if again.outcome.decided and used and any(i < len(premises) for i in again.core):
                graph = tuple(texts[i] for i in used if i < n_graph)
                soft = tuple(texts[i] for i in used if i >= n_graph)
                logger.debug("abduction decided %s with %d graph and %d learned axiom(s)", again.outcome.value,
                             len(graph), len(soft))
                return again, graph, soft
        return result, (), ()

    # ---------------------------------------------------------------- answering
    def solve(self, problem: Problem) -> Verdict:
        return self.solve_with_analysis(problem)[0]

    def solve_with_analysis(self, problem: Problem, *, phrases: Any = None) -> tuple[Verdict, LogicAnalysis | None]:
        """The verdict and, for non-multiple-choice problems, the parsed logic behind it. ``phrases``: learned
        phrase axioms to try when the graph's leave the pair open (:meth:`analyse`); a decision resting on them
        is labelled as evidence, not as a proof (``Verdict.proved`` False)."""
        if not isinstance(problem, Problem):
            from nesy.errors import InputError

            raise InputError(f"solve takes a nesy.Problem, got {type(problem).__name__}. Build one with "
                             "Problem(id=..., premises=(...), hypothesis=...).")
        t0 = time.perf_counter()
        analysis = None
        if problem.is_multiple_choice:
            from nesy.logic.choice import solve_choice

            verdict = solve_choice(self, problem)
        else:
            analysis = self.analyse(problem, phrases=phrases)
            analysis.result = _kg_steps(analysis.result, len(analysis.premises))
            verdict = verdict_from_logic(analysis.result, problem, self.name)
            if analysis.soft:
                trace = dataclasses.replace(verdict.trace, summary=(
                    f"Not a proof: Z3 {verdict.label.value} only with {len(analysis.soft)} learned phrase "
                    f"step(s) from the network. {verdict.trace.summary}"))
                verdict = dataclasses.replace(verdict, proved=False, trace=trace)
        return _with_time(verdict, time.perf_counter() - t0), analysis

    def lexical_decision(self, problem: Problem) -> LexicalDecision | None:
        """Natural-logic decision for a one-premise pair: a definitional "X is a kind of Y" claim
        (:mod:`nesy.kg.definitions`), or a pair that differs by one word or phrase (:mod:`nesy.kg.align`)."""
        from nesy.kg.align import LexicalDecision, lexical_decision
        from nesy.kg.definitions import decide_kind_claim, read_kind_claim

        if len(problem.premises) != 1 or not problem.hypothesis or self.kg is None:
            return None
        claim = read_kind_claim(problem.hypothesis)
        if claim is not None:  # "X is a kind of Y": a taxonomic claim, true or undecided, never aligned
            ev = decide_kind_claim(self.kg, problem.premises[0], claim)
            if ev is None:
                return None
            return LexicalDecision(Label.ENTAILMENT, ev, f"'{ev.premise_term}' is a kind of '{ev.hypothesis_term}' "
                                   f"({' → '.join(ev.path)}).", "kind-of")
        return lexical_decision(self.kg, problem.premises[0], problem.hypothesis)

    @staticmethod
    def lexical_steps(problem: Problem, d: LexicalDecision) -> list[ProofStep]:
        """Trace steps showing a lexical decision as what it is: heuristic evidence, not a proof."""
        steps = [ProofStep(kind="premise", text=problem.premises[0], premise_index=0, source="premise")]
        if d.evidence is not None:
            steps.append(d.evidence.to_step())
        steps.append(ProofStep(kind="note", text=f"Heuristic lexical evidence (rule '{d.rule}', not a proof): "
                               f"{d.reason} It suggests {d.label.value}.", uses=tuple(range(len(steps)))))
        return steps

    def solve_many(self, problems: Sequence[Problem], *, show_progress_bar: bool | None = None) -> list[Verdict]:
        disable = (len(problems) < 50) if show_progress_bar is None else not show_progress_bar
        return [self.solve(p) for p in tqdm(problems, desc="symbolic", disable=disable, unit="item")]


def _kg_steps(result: LogicResult, n_premises: int) -> LogicResult:
    """Mark proof steps that cite knowledge-graph axioms (indices past the premises) as ``kg`` steps."""
    if not any(s.premise_index is not None and s.premise_index >= n_premises for s in result.steps):
        return result
    from nesy.kg.abduction import LEARNED

    steps = tuple(
        ProofStep(kind="neural" if LEARNED in s.text.rsplit("[", 1)[-1] else "kg", text=s.text.rsplit(" [", 1)[0],
                  formula=s.formula,
                  source=s.text.rsplit("[", 1)[-1].rstrip("]") if "[" in s.text else "knowledge graph", uses=s.uses)
        if s.premise_index is not None and s.premise_index >= n_premises else s
        for s in result.steps
    )
    core = tuple(i for i in result.core if i < n_premises)
    meaning = sum(1 for s in steps if s.kind == "kg" and s.source == "meaning of the words")
    learned = sum(1 for s in steps if s.kind == "neural")
    kg_used = len(result.core) - len(core) - meaning - learned
    reason = result.reason
    if result.outcome.decided and not core:
        # World knowledge alone settles the hypothesis: that is not an inference from the premises.
        return LogicResult(Outcome.UNKNOWN, "The hypothesis follows from world knowledge alone, not from the "
                           "premises.", (), (), result.unparsed, n_premises, result.seconds)
    if result.outcome.decided:
        verb = "entail" if result.outcome is Outcome.ENTAILED else "contradict"
        extra = [f"{kg_used} knowledge-graph fact(s)" if kg_used else "", f"{meaning} meaning postulate(s)" if meaning
                 else "", f"{learned} learned phrase step(s)" if learned else ""]
        reason = (f"Premises {', '.join(str(i + 1) for i in core) or '(none)'} with {' and '.join(x for x in extra if x)}"
                  f" {verb} the hypothesis (Z3: unsat).")
    return LogicResult(result.outcome, reason, core, steps, result.unparsed, n_premises, result.seconds)


def _with_time(v: Verdict, seconds: float) -> Verdict:
    return dataclasses.replace(v, seconds=seconds)


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


