"""The ``neural`` system: the cross-encoder alone — the pure-neural baseline."""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from nesy.nli.scorer import NliScore, NliScorer
from nesy.trace import ProofStep, ProofTrace
from nesy.types import Problem, Verdict

__all__ = ["NeuralSystem", "neural_verdict"]


def neural_verdict(score: NliScore, model_name: str, seconds: float = 0.0) -> Verdict:
    p = score.probabilities
    step = ProofStep(kind="neural", text=f"The entailment network ({model_name}) gives "
                     f"P(entailment) {p[0]:.3f}, P(neutral) {p[1]:.3f}, P(contradiction) {p[2]:.3f}.",
                     source=model_name, score=max(p))
    notes = ("The premise was truncated to fit the network.",) if score.truncated else ()
    trace = ProofTrace(steps=(step,), summary=f"{score.label.value.capitalize()} by the neural scorer.",
                       neural_only=True, notes=notes)
    return Verdict(label=score.label, probabilities=p, trace=trace, system="neural", seconds=seconds)


class NeuralSystem:
    """Answers with the neural scorer alone.

    Args:
        scorer: A ready :class:`NliScorer`; or build one from ``model``.
        model: ``default`` (shipped), a local checkpoint folder, or a hub id.
        quantize: Dynamic int8 quantisation (CPU).
    """

    name = "neural"

    def __init__(self, scorer: NliScorer | None = None, *, model: str = "default", quantize: bool = False,
                 batch_size: int = 32) -> None:
        self.scorer = scorer or NliScorer(model, quantize=quantize, batch_size=batch_size)

    @classmethod
    def default(cls, **options: Any) -> NeuralSystem:
        return cls(**options)

    def solve(self, problem: Problem) -> Verdict:
        return self.solve_many([problem], show_progress_bar=False)[0]

    def solve_many(self, problems: Sequence[Problem], *, show_progress_bar: bool | None = None) -> list[Verdict]:
        pairs: list[tuple[Sequence[str], str]] = []
        owners: list[tuple[int, int | None]] = []  # (problem, option index or None)
        for i, p in enumerate(problems):
            if p.is_multiple_choice:
                assert p.options is not None
                for k, opt in enumerate(p.options):
                    pairs.append((p.premises, opt))
                    owners.append((i, k))
            else:
                pairs.append((p.premises, p.hypothesis))
                owners.append((i, None))
        t0 = time.perf_counter()
        scores = self.scorer.score_many(pairs, show_progress_bar=show_progress_bar)
        per_item = (time.perf_counter() - t0) / max(len(problems), 1)
        out: list[Verdict | None] = [None] * len(problems)
        options: dict[int, list[NliScore]] = {}
        for (i, opt_k), s in zip(owners, scores):
            if opt_k is None:
                out[i] = neural_verdict(s, self.scorer.model_name, per_item)
            else:
                options.setdefault(i, []).append(s)
        for i, opts in options.items():
            ent = [s.probabilities[0] for s in opts]
            total = sum(ent) or 1.0
            choice = max(range(len(opts)), key=lambda k: ent[k])
            v = neural_verdict(opts[choice], self.scorer.model_name, per_item)
            out[i] = Verdict(label=v.label, probabilities=v.probabilities, trace=v.trace, system="neural",
                             seconds=per_item, choice=choice, option_probabilities=tuple(e / total for e in ent))
        return [v for v in out if v is not None]


