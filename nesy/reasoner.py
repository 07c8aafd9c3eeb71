"""The Reasoner: neural scorer + knowledge graph + logic checker, fused into calibrated verdicts."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from tqdm.auto import tqdm

from nesy.fusion.features import FEATURE_NAMES, Evidence, featurize, logic_shape, polarity_flipped, rule_key
from nesy.fusion.model import FusionModel
from nesy.kg.definitions import read_kind_claim
from nesy.logic.fol import ForAll, Implies
from nesy.logic.system import SymbolicSystem
from nesy.nli.scorer import NliScore, NliScorer
from nesy.trace import ProofStep, ProofTrace
from nesy.types import LABELS, Label, Problem, Verdict

__all__ = ["Reasoner", "default_fusion_path", "graph_context", "swapped_arguments"]

logger = logging.getLogger(__name__)

#: Graph evidence between premise and hypothesis words feeds the fusion from at most this many premise words.
#: Over a longer passage some word related to a hypothesis word is almost always found, so the evidence stops
#: saying anything about entailment; a long premise gives no graph evidence to the fusion, or only its clause that
#: shares the most words with the hypothesis (see :func:`graph_context`). The graph still supplies the logic's
#: lexical axioms for any length.
KG_MAX_PREMISE_WORDS = 30

_WORD = re.compile(r"[a-z0-9]+")
_SENTENCE_BREAK = re.compile(r"[.!?;:]\s+\S")
_FUNCTION_WORDS = frozenset(
    "a an the of to in on at by for with from and or but if then than that this these those is are was were be "
    "been being has have had do does did not no it its he she they them his her their there here as so".split())


def graph_context(premises: Sequence[str], hypothesis: str, max_words: int = KG_MAX_PREMISE_WORDS) -> list[str]:
    """The premise text whose words the graph evidence may link to the hypothesis.

    Nothing (an empty list) for a kind-of claim (:func:`nesy.kg.definitions.read_kind_claim`). Premises of at
    most ``max_words`` words are used whole. A longer passage (several premises or sentences) gives nothing
    either: its hypothesis usually draws on more than one sentence, and one sentence's word relations
    mislead (measured: graph evidence from RTE passages and entailment trees flipped more right answers of the
    network than wrong ones). A long single sentence is an enumeration of parallel clauses (cut at commas);
    only the clause sharing the most content words with the hypothesis is kept, if it shares any and is
    short: "Jessie has only visited Finland" out of a list of twelve visits, for "Jessie didn't visit Rwanda".
    """
    if read_kind_claim(hypothesis) is not None:
        # a claim about what kind of thing a word names ("X is best characterized as a kind of Y, defined as
        # '…'") is checked by the kind-of rule on the graph's hypernym paths; word relations to the rest of the
        # template and its gloss say nothing about it (measured: they moved hypernymy-probe answers either way)
        return []
    if sum(len(s.split()) for s in premises) <= max_words:
        return list(premises)
    if len(premises) != 1 or _SENTENCE_BREAK.search(premises[0].strip()):
        return []
    hyp = set(_WORD.findall(hypothesis.lower())) - _FUNCTION_WORDS
    best, best_overlap = "", 0
    for clause in re.split(r",\s*", premises[0]):
        overlap = len(hyp & (set(_WORD.findall(clause.lower())) - _FUNCTION_WORDS))
        if overlap > best_overlap and len(clause.split()) <= max_words:
            best, best_overlap = clause.strip(), overlap
    return [best] if best else []


def _starts(tokens: list[str], lemma: str) -> int:
    """Index of the first token that begins with ``lemma`` ("sleep" finds "sleeping"), or -1."""
    return next((i for i, t in enumerate(tokens) if t.startswith(lemma)), -1)


def swapped_arguments(premises: Sequence[str], hypothesis: str, premise_term: str, hypothesis_term: str) -> bool:
    """Whether the two words of an excluding relation are said of swapped arguments.

    Antonyms exclude each other only of the same thing: "the square is to the right of the triangle" does not
    contradict "the triangle is to the left of the circle" (left and right are converses). Read off word order:
    the words before the hypothesis term (its subject) come after the premise term in the premise sentence, and
    the premise term has a subject of its own, sharing none of them ("the old man" has none: "old" modifies
    what follows it). Terms not found verbatim are never called swapped."""
    h = _WORD.findall(hypothesis.lower())
    i = _starts(h, hypothesis_term.replace("_", " ").split()[0])
    if i < 0:
        return False
    subject = set(h[:i]) - _FUNCTION_WORDS
    for sentence in re.split(r"[.!?;,]\s+", " ".join(premises)):  # clauses: "A has visited X, B has visited Y"
        words = _WORD.findall(sentence.lower())
        j = _starts(words, premise_term.replace("_", " ").split()[0])
        before = set(words[:j]) - _FUNCTION_WORDS
        if j >= 0 and before and subject & set(words[j + 1:]) and not subject & before:
            return True
    return False


def _is_shipped_model(scorer: Any) -> bool:
    from nesy.nli.scorer import default_model_dir

    name = str(getattr(scorer, "model_name", ""))
    if name == "default":
        return True
    try:
        return Path(name).resolve() == default_model_dir().resolve()
    except (OSError, ValueError):
        return False


def default_fusion_path() -> Path:
    return Path(__file__).resolve().parent / "resources" / "fusion" / "default.json"


def _as_premises(premises: str | Sequence[str]) -> tuple[str, ...]:
    from nesy.data import split_sentences
    from nesy.limits import MAX_PREMISES, check_text, check_texts

    if isinstance(premises, str):
        check_text(premises, "The premises", limit=200_000, limit_name="MAX_PROBLEM_CHARS")
        return split_sentences(premises) or (premises,)
    return check_texts(premises, "The premises", max_items=MAX_PREMISES, limit_name="MAX_PREMISES", item="premise")


class Reasoner:
    """Answers entailment questions with all of nesy's evidence.

    Args:
        scorer: The neural cross-encoder (:class:`~nesy.nli.NliScorer`).
        kg: A :class:`~nesy.kg.Retriever` (or None to leave the graph out).
        logic: The :class:`~nesy.logic.system.SymbolicSystem` (parser + Z3).
        fusion: A fitted :class:`~nesy.fusion.model.FusionModel`.
        phrases: Learned phrase axioms (:class:`~nesy.nli.phrases.PhraseAxioms`) tried when the graph's leave a
            pair open; ``"auto"`` (default) builds them from ``scorer`` with the shipped thresholds when there is
            a graph and ``scorer`` is the shipped network (the thresholds were measured on its judgements), None
            turns them off. A decision resting on them is evidence, never a proof.

    Example:
        >>> r = Reasoner.default()  # doctest: +SKIP
        >>> v = r.infer(["All red things are rough.", "Bob is red."], "Bob is rough.")  # doctest: +SKIP
        >>> v.label, v.proved  # doctest: +SKIP
        (<Label.ENTAILMENT: 'entailment'>, True)
    """

    name = "nesy"

    def __init__(self, *, scorer: NliScorer, kg: Any = None, logic: SymbolicSystem | None = None,
                 fusion: FusionModel | None = None, phrases: Any = "auto") -> None:
        self.scorer = scorer
        self.kg = kg
        self.logic = logic or SymbolicSystem(kg=kg)
        self.fusion = fusion
        if isinstance(phrases, str):
            if phrases != "auto":
                from nesy.errors import ConfigError

                raise ConfigError(f"phrases= takes 'auto', None or a PhraseAxioms, got {phrases!r}.")
            from nesy.nli.phrases import PhraseAxioms, default_thresholds_path

            # the shipped thresholds were measured on the shipped network's judgements; another checkpoint
            # needs its own (benchmarks/phrase_axioms.py --model PATH --write, then pass PhraseAxioms.load(...))
            phrases = (PhraseAxioms.load(scorer) if kg is not None and default_thresholds_path().is_file()
                       and _is_shipped_model(scorer) else None)
            if phrases is not None and not phrases.enabled:
                phrases = None  # no kind reached its precision target for the shipped network
        self.phrases = phrases
        #: How to rebuild this reasoner on a worker (set by :meth:`default`; None for hand-assembled ones).
        self.spec: dict[str, Any] | None = None
        if fusion is not None and getattr(fusion, "feature_names_", None) not in (None, list(FEATURE_NAMES)):
            from nesy.errors import ConfigError

            raise ConfigError("The fusion model was fitted on other features than this nesy computes "
                              f"({len(fusion.feature_names_)} vs {len(FEATURE_NAMES)}). Refit it with "
                              "`nesy fit-fusion --data ... --out FILE` (or scripts/fit_default_fusion.py).")

    @classmethod
    def default(cls, *, model: str = "default", fusion: str | None = None, use_fol: bool = False,
                timeout_ms: int = 5000) -> Reasoner:
        """The shipped configuration: default model, WordNet graph, Z3, fitted fusion."""
        from nesy.kg.retriever import Retriever

        kg = Retriever()
        r = cls(scorer=NliScorer(model), kg=kg, logic=SymbolicSystem(kg=kg, use_fol=use_fol, timeout_ms=timeout_ms),
                fusion=FusionModel.load(fusion or default_fusion_path()))
        r.spec = {"model": model, "fusion": fusion, "use_fol": use_fol, "timeout_ms": timeout_ms}
        return r

    # ---------------------------------------------------------------- evidence
    def gather(self, problems: Sequence[Problem], *, show_progress_bar: bool | None = None,
               scores: Sequence[NliScore] | None = None) -> list[tuple[Evidence, Verdict]]:
        """Neural scores, logic results and KG evidence for each (non-multiple-choice) problem."""
        if scores is None:
            scores = self.scorer.score_many([(p.premises, p.hypothesis) for p in problems],
                                            show_progress_bar=show_progress_bar)
        out = []
        disable = (len(problems) < 50) if show_progress_bar is None else not show_progress_bar
        for p, s in zip(tqdm(problems, desc="logic+kg", disable=disable, unit="item"), scores):
            sym, analysis = self.logic.solve_with_analysis(p, phrases=self.phrases)
            assert analysis is not None
            result = analysis.result
            lexical = rule = None
            if not result.outcome.decided and self.kg is not None and not self.logic._formal(p):
                # heuristic lexical evidence for the fusion (not a proof; the symbolic system never answers with it)
                analysis.lexical = self.logic.lexical_decision(p)
            if analysis.lexical is not None:
                lexical, rule = analysis.lexical.label.value, analysis.lexical.rule
            kg_ev: tuple[Any, ...] = ()
            context = graph_context(p.premises, p.hypothesis) if self.kg is not None else []
            if context:
                kg_ev = tuple(e for e in self.kg.evidence(context, p.hypothesis)
                              if not (e.kind == "excluding" and swapped_arguments(
                                  context, p.hypothesis, e.premise_term, e.hypothesis_term)))[:10]
            has_rules = any(isinstance(f, (ForAll, Implies)) for f in analysis.premises if f is not None)
            in_vocabulary, added_disjunct = logic_shape(analysis.premises, analysis.hypothesis)
            ev = Evidence(neural=s, logic=result, kg=kg_ev, lexical=lexical, lexical_rule=rule,
                          n_premises=len(p.premises), has_rules=has_rules, hypothesis_in_vocabulary=in_vocabulary,
                          added_disjunct=added_disjunct, polarity_flipped=polarity_flipped(p.premises, p.hypothesis),
                          abduced=bool(analysis.abduced), closed_theory=p.reading == "directional",
                          learned=bool(analysis.soft))
            out.append((ev, sym))
        return out

    # ---------------------------------------------------------------- answering
    def _verdict(self, problem: Problem, ev: Evidence, sym: Verdict, seconds: float) -> Verdict:
        if self.fusion is None:
            from nesy.errors import NotFittedError

            raise NotFittedError("This Reasoner has no fitted fusion model. Pass fusion=FusionModel.load(path) "
                                 "or fit one with `nesy fit-fusion`.")
        x = featurize(ev)
        rule = rule_key(ev)
        probs = self.fusion.predict_proba(x, rules=[rule])[0]
        label = LABELS[int(np.argmax(probs))]
        steps: list[ProofStep] = []
        proved = bool(sym.proved and sym.label is label)
        if proved:
            steps.extend(sym.trace.steps)
        elif ev.learned and sym.label is label:
            # Z3's derivation with learned phrase steps: shown, labelled as resting on the network
            steps.extend(sym.trace.steps)
            steps.append(ProofStep(kind="note", text="Not a proof: the derivation above uses learned phrase steps "
                                   "(the network's judgement on word pairs), evidence weighed by their measured "
                                   "precision.", uses=tuple(range(len(steps)))))
        elif ev.lexical is not None and ev.lexical == label.value:
            decision = self.logic.lexical_decision(problem)
            if decision is not None:
                steps.extend(self.logic.lexical_steps(problem, decision))
        steps.extend(e.to_step() for e in ev.kg[:3] if e.kind != "related")
        n = ev.neural.probabilities
        steps.append(ProofStep(kind="neural", text=f"The entailment network gives P(entailment) {n[0]:.3f}, "
                               f"P(neutral) {n[1]:.3f}, P(contradiction) {n[2]:.3f}.",
                               source=self.scorer.model_name, score=float(max(n))))
        shifts = _source_shifts(self.fusion, x, label)
        steps.append(ProofStep(kind="fusion", text="Fusion: " + "; ".join(f"{k} {v:+.2f}" for k, v in shifts.items())
                               + f" to the log-odds of {label.value}.", score=float(probs[label.index])))
        shift = self.fusion.calibration_shift(x)
        if shift is not None and abs(shift[1] - shift[0]) >= 0.0005:
            steps.append(ProofStep(kind="fusion", text=f"Calibration: the fused confidence {shift[0]:.3f} becomes "
                                   f"{shift[1]:.3f} (isotonic map fitted on held-out natural-text NLI).",
                                   score=shift[1]))
        gate = self.fusion.rule_gate(rule)
        if gate is not None:
            steps.append(ProofStep(kind="fusion", text=f"The lexical rule '{ev.lexical_rule}' was right on "
                                   f"{gate[1]:.0%} of {gate[2]:.0f} labelled items (smoothed); it carries that "
                                   f"weight towards {LABELS[int(gate[0])].value}.", score=float(gate[1])))
        decided_by = self.fusion.proof_gate(x)
        if decided_by is not None:
            name, pg = decided_by
            what = _GATE_TEXT.get(name, name)
            steps.append(ProofStep(kind="fusion", text=f"Decided by {what}: on the fusion's fitting data such answers "
                                   f"were right {pg[1]:.0%} of {pg[2]:.0f} times (smoothed), so it sets the label "
                                   f"({LABELS[int(pg[0])].value}) whatever the network says.", score=float(pg[1])))
        if proved:
            summary = f"{label.value.capitalize()}, backed by a proof. {sym.trace.summary}"
            neural_only = False
        elif ev.learned and sym.label is label:
            summary = (f"{label.value.capitalize()}: derived by Z3 with learned phrase steps from the network "
                       "(evidence, not a proof).")
            neural_only = False
        elif sym.proved:
            summary = (f"{label.value.capitalize()}: the evidence outweighs a proof of {sym.label.value} "
                       "(check the premises' parse).")
            neural_only = False
        else:
            summary = f"{label.value.capitalize()}: no proof was found; the answer rests on the network" + (
                " and the knowledge graph." if ev.kg else " alone.")
            neural_only = not ev.kg
        notes = sym.trace.notes
        trace = ProofTrace(steps=tuple(steps), summary=summary, neural_only=neural_only, notes=notes)
        return Verdict(label=label, probabilities=(float(probs[0]), float(probs[1]), float(probs[2])), trace=trace,
                       system=self.name, seconds=seconds, proved=proved)

    def infer(self, premises: str | Sequence[str], hypothesis: str, *, fol: bool = False,
              rules: Any = None) -> Verdict:
        """Decide one hypothesis. ``premises`` may be a string, a list of sentences, or FOL formulas (``fol=True``).

        With ``rules`` (a :class:`~nesy.rules.RuleBase`), ``premises`` are the facts of a case and the answer comes
        from those facts plus the rule base, with the proof citing ``fact N`` and the rule lines
        (the same as ``rules.ask(hypothesis, facts=premises, reasoner=self)``).
        """
        if rules is not None:
            from nesy.rules import RuleBase

            if not isinstance(rules, RuleBase):
                from nesy.errors import InputError

                raise InputError(f"rules= takes a nesy.RuleBase, got {type(rules).__name__}; load one with "
                                 "RuleBase.from_text(path) or RuleBase.from_list([...]).")
            if fol:
                from nesy.errors import InputError

                raise InputError("fol=True and rules= cannot be combined; load a FOL rule base with "
                                 "RuleBase.from_fol(...) and give its facts in FOL.")
            return rules.ask(hypothesis, facts=premises, reasoner=self)
        prem = tuple(premises) if fol and not isinstance(premises, str) else _as_premises(premises)
        problem = Problem(id="infer", premises=prem, hypothesis=hypothesis,
                          premises_fol=prem if fol else None, hypothesis_fol=hypothesis if fol else None,
                          metadata={"formal": True} if fol else {})
        return self.solve(problem)

    def infer_many(self, pairs: Sequence[tuple[str | Sequence[str], str]], *, batch_size: int = 32,
                   show_progress_bar: bool | None = None, workers: int = 1) -> list[Verdict]:
        """Decide many (premises, hypothesis) pairs.

        Args:
            batch_size: Pairs per forward pass of the network.
            workers: With more than one, the pairs are answered on that many Ray workers (a local Ray instance
                unless ``RAY_ADDRESS`` is set), each holding its own copy of this reasoner. Only for reasoners
                built by :meth:`default`, which know how to rebuild themselves.
        """
        from nesy.errors import InputError

        if isinstance(pairs, (str, bytes)) or not isinstance(pairs, Sequence):
            raise InputError(f"infer_many takes a list of (premises, hypothesis) pairs, got {type(pairs).__name__}.")
        for k, pair in enumerate(pairs):
            if not isinstance(pair, (tuple, list)) or len(pair) != 2:
                raise InputError(f"Pair {k} is {type(pair).__name__} {str(pair)[:60]!r}; give (premises, hypothesis).")
        problems = [Problem(id=str(i), premises=_as_premises(p), hypothesis=h) for i, (p, h) in enumerate(pairs)]
        self.scorer.batch_size = batch_size
        if workers > 1:
            if self.spec is None:
                from nesy.errors import ConfigError

                raise ConfigError("workers > 1 needs a reasoner built by Reasoner.default(...), which each worker "
                                  "rebuilds; this one was assembled by hand. Use workers=1.")
            from nesy.parallel import solve_distributed

            return solve_distributed(self.name, self.spec, problems, workers=workers,
                                     show_progress_bar=show_progress_bar)
        if workers < 1:
            from nesy.errors import ConfigError

            raise ConfigError(f"workers={workers}: give a positive number of workers.")
        return self.solve_many(problems, show_progress_bar=show_progress_bar)

    def choose(self, premises: str | Sequence[str], options: Sequence[str]) -> Verdict:
        """Multiple choice: the option the premises support best."""
        from nesy.errors import InputError

        if isinstance(options, (str, bytes)) or not isinstance(options, Sequence):
            raise InputError(f"choose takes a list of options (strings), got {type(options).__name__}.")
        problem = Problem(id="choose", premises=_as_premises(premises), options=tuple(options))
        return self.solve(problem)

    def solve(self, problem: Problem) -> Verdict:
        return self.solve_many([problem], show_progress_bar=False)[0]

    def solve_many(self, problems: Sequence[Problem], *, show_progress_bar: bool | None = None) -> list[Verdict]:
        t0 = time.perf_counter()
        out: list[Verdict | None] = [None] * len(problems)
        plain = [i for i, p in enumerate(problems) if not p.is_multiple_choice]
        for i, p in enumerate(problems):
            if p.is_multiple_choice:
                out[i] = self._choose(p)
        if plain:
            gathered = self.gather([problems[i] for i in plain], show_progress_bar=show_progress_bar)
            per = (time.perf_counter() - t0) / max(len(problems), 1)
            for i, (ev, sym) in zip(plain, gathered):
                out[i] = self._verdict(problems[i], ev, sym, per)
        return [v for v in out if v is not None]

    def _choose(self, problem: Problem) -> Verdict:
        assert problem.options is not None
        sym = self.logic.solve(problem)
        if sym.proved:
            return Verdict(label=sym.label, probabilities=sym.probabilities, trace=sym.trace, system=self.name,
                           proved=True, choice=sym.choice, option_probabilities=sym.option_probabilities)
        # no proof: fuse each option as a hypothesis and take the most probable entailment
        subs = [Problem(id=f"{problem.id}-{k}", premises=problem.premises, hypothesis=o)
                for k, o in enumerate(problem.options)]
        verdicts = self.solve_many(subs, show_progress_bar=False)
        ent = np.asarray([v.probabilities[0] for v in verdicts])
        if sym.option_probabilities is not None:
            ent = ent * (np.asarray(sym.option_probabilities) > 0)  # options the logic ruled out stay out
        k = int(ent.argmax())
        total = float(ent.sum()) or 1.0
        v = verdicts[k]
        return Verdict(label=v.label, probabilities=v.probabilities, trace=v.trace, system=self.name,
                       proved=False, choice=k, option_probabilities=tuple(float(e) / total for e in ent))


_GROUPS = {"neural": "neural", "logic": "logic", "lexical": "knowledge graph", "kg": "knowledge graph",
           "parse": "logic", "proof": "logic", "n": "problem", "has": "problem"}


#: What each proof gate's column stands for, in the trace.
_GATE_TEXT = {
    "logic_entailed_full_parse": "the proof from fully parsed premises",
    "logic_contradicted_full_parse": "the disproof from fully parsed premises",
    "logic_entailed_by_added_disjunct": "the proof that only adds a disjunct",
    "logic_entailed_abduced": "the proof resting on abduced graph axioms",
    "logic_contradicted_abduced": "the disproof resting on abduced graph axioms",
    "logic_unknown_closed_theory": "the closed theory's 'unknown' (directional reading, fully parsed)",
    "logic_unknown_closed_theory_partial_parse": "the closed theory's 'unknown' with some premises unread",
    "logic_entailed_learned": "the derivation resting on learned phrase steps (not a proof)",
    "logic_contradicted_learned": "the refutation resting on learned phrase steps (not a proof)",
}


def _source_shifts(model: FusionModel, x: np.ndarray, label: Label) -> dict[str, float]:
    """How much each evidence source moved the chosen label's log-odds (vs. the mean other label)."""
    contrib = model.contributions(x)
    out: dict[str, float] = {}
    for name, c in contrib.items():
        group = _GROUPS.get(name.split("_")[0], "other")
        others = [c[k] for k in range(3) if k != label.index]
        out[group] = out.get(group, 0.0) + float(c[label.index] - np.mean(others))
    return {k: round(v, 3) for k, v in sorted(out.items(), key=lambda kv: -abs(kv[1]))}


