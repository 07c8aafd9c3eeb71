"""Run a system over a dataset and score it."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from nesy.data import metrics
from nesy.systems import System
from nesy.types import LABELS, Problem, Verdict, project_label, scheme_labels

__all__ = ["Evaluation", "evaluate", "scheme_probabilities", "metric_labels"]

logger = logging.getLogger(__name__)


def metric_labels(problem: Problem) -> tuple[str, ...]:
    """Label names the metrics are computed over (``truefalse`` adds the always-wrong ``unknown``)."""
    labels = scheme_labels(problem.scheme)
    return labels + ("unknown",) if problem.scheme == "truefalse" else labels


def scheme_probabilities(verdict: Verdict, problem: Problem) -> list[float]:
    """The verdict's probabilities over the problem's own label set (see :func:`metric_labels`)."""
    e, n, c = verdict.probabilities
    if problem.scheme == "binary":
        return [e, n + c]
    if problem.scheme == "truefalse":
        return [e, c, n]
    return [e, n, c]


@dataclass(frozen=True, slots=True)
class Evaluation:
    """The outcome of one ``evaluate`` run: the report plus one record per item."""

    system: str
    path: str
    report: metrics.Report
    mc_accuracy: float | None
    seconds: float
    records: tuple[dict[str, Any], ...]

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"path": self.path, "system": self.system}
        out.update(self.report.to_dict())
        out["mc_accuracy"] = self.mc_accuracy
        if self.mc_accuracy is not None and self.report.n == 0:
            out["accuracy"] = self.mc_accuracy
        out["n"] = len(self.records)
        out["seconds"] = self.seconds
        return out

    def write_predictions(self, path: str | Path) -> None:
        with open(path, "w", encoding="utf-8") as fh:
            for rec in self.records:
                fh.write(json.dumps(rec) + "\n")


def evaluate(system: System, problems: Sequence[Problem], *, path: str = "", show_progress_bar: bool | None = None,
             verdicts: Sequence[Verdict] | None = None) -> Evaluation:
    """Answer every problem with ``system`` and compute the metrics.

    Multiple-choice items are scored by choice accuracy (``mc_accuracy``); the others by
    accuracy over their own label set. A file mixing label schemes is scored over the
    union of its labels. Pass ``verdicts`` to score answers already computed (``seconds`` is then 0).
    """
    start = time.perf_counter()
    if verdicts is None:
        verdicts = system.solve_many(problems, show_progress_bar=show_progress_bar)
    elif len(verdicts) != len(problems):
        from nesy.errors import ConfigError

        raise ConfigError(f"{len(verdicts)} verdicts for {len(problems)} problems; give one per problem.")
    seconds = time.perf_counter() - start
    gold: list[str] = []
    pred: list[str] = []
    probs: list[list[float]] = []
    proved: list[bool] = []
    mc_hits: list[bool] = []
    records: list[dict[str, Any]] = []
    label_union: list[str] = []
    for prob, v in zip(problems, verdicts):
        rec: dict[str, Any] = {
            "id": prob.id,
            "gold": prob.gold,
            "pred": project_label(v.label, prob.scheme),
            "label": v.label.value,
            "probabilities": v.probability_map,
            "proved": v.proved,
        }
        if prob.is_multiple_choice:
            rec["gold"] = prob.gold_choice
            rec["pred"] = v.choice
            rec["choice"] = v.choice
            if prob.gold_choice is not None:
                mc_hits.append(v.choice == prob.gold_choice)
        elif prob.gold is not None:
            for lab in metric_labels(prob):
                if lab not in label_union:
                    label_union.append(lab)
            gold.append(prob.gold)
            pred.append(rec["pred"])
            probs.append(scheme_probabilities(v, prob))
            proved.append(v.proved)
        records.append(rec)
    # Items of different schemes in one file: align probability columns to the label union.
    if probs and len({len(p) for p in probs}) > 1:
        aligned = []
        for prob_item, p in zip([q for q in problems if not q.is_multiple_choice and q.gold is not None], probs):
            row = [0.0] * len(label_union)
            for lab, val in zip(metric_labels(prob_item), p):
                row[label_union.index(lab)] += val
            aligned.append(row)
        probs = aligned
    labels = tuple(label_union) or ("entailment", "neutral", "contradiction")
    scored = [lab for lab in labels if lab != "unknown"]  # "unknown" is a column, never a gold label, there
    proved_mc = [v.proved for p, v in zip(problems, verdicts) if p.is_multiple_choice]
    rep = metrics.report(gold, pred, labels, np.asarray(probs, dtype=float), proved, scored_labels=scored,
                         coverage_of=proved_mc if (mc_hits and not proved) else None)
    mc_acc = float(np.mean(mc_hits)) if mc_hits else None
    return Evaluation(system=getattr(system, "name", type(system).__name__), path=path, report=rep,
                      mc_accuracy=mc_acc, seconds=seconds, records=tuple(records))


def verdict_from_probabilities(probs: Sequence[float], *, system: str, trace: Any, seconds: float = 0.0,
                               proved: bool = False) -> Verdict:
    """Build a verdict whose label is the arg-max of ``probs`` (entailment, neutral, contradiction)."""
    p = tuple(float(x) for x in probs)
    label = LABELS[int(np.argmax(p))]
    return Verdict(label=label, probabilities=(p[0], p[1], p[2]), trace=trace, system=system, seconds=seconds,
                   proved=proved)


