"""Evaluation metrics: accuracy, F1, calibration (ECE, Brier, NLL), coverage.

Labels are compared as strings in the dataset's own label set (see
:func:`nesy.types.project_label`), so two-way datasets are scored over their two labels.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from sklearn.metrics import confusion_matrix, f1_score, precision_recall_fscore_support

from nesy.errors import ConfigError

__all__ = [
    "accuracy",
    "macro_f1",
    "per_label",
    "confusion",
    "expected_calibration_error",
    "ece_noise_floor",
    "brier_score",
    "negative_log_likelihood",
    "coverage",
    "Report",
    "report",
]


def _check_same_length(*seqs: Sequence[Any]) -> int:
    n = {len(s) for s in seqs}
    if len(n) != 1:
        raise ConfigError(f"Metric inputs have different lengths {sorted(n)}; pass one prediction per gold label.")
    return n.pop()


def accuracy(gold: Sequence[Any], pred: Sequence[Any]) -> float:
    """Share of items whose prediction equals the gold label (0.0 for no items)."""
    n = _check_same_length(gold, pred)
    return float(sum(g == p for g, p in zip(gold, pred)) / n) if n else 0.0


def macro_f1(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str] | None = None) -> float:
    """Unweighted mean of the per-label F1 over ``labels`` (default: the gold labels seen)."""
    n = _check_same_length(gold, pred)
    if not n:
        return 0.0
    labels = list(labels) if labels is not None else sorted(set(gold))
    return float(f1_score(gold, pred, labels=labels, average="macro", zero_division=0))


def per_label(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str] | None = None) -> dict[str, dict[str, float]]:
    """Precision, recall, F1 and support of every label."""
    _check_same_length(gold, pred)
    labels = list(labels) if labels is not None else sorted(set(gold))
    if not gold:
        return {lab: {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 0} for lab in labels}
    p, r, f, s = precision_recall_fscore_support(gold, pred, labels=labels, zero_division=0)
    return {
        lab: {"precision": float(p[i]), "recall": float(r[i]), "f1": float(f[i]), "support": int(s[i])}
        for i, lab in enumerate(labels)
    }


def confusion(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str]) -> list[list[int]]:
    """Confusion matrix, rows = gold, columns = predicted, in ``labels`` order."""
    _check_same_length(gold, pred)
    if not gold:
        return [[0] * len(labels) for _ in labels]
    return confusion_matrix(gold, pred, labels=list(labels)).tolist()


def _confidence_bins(conf: np.ndarray, n_bins: int) -> np.ndarray:
    """Bin index of each confidence: bin i holds (i/n, (i+1)/n]; a confidence of exactly 0 goes in bin 0."""
    return np.clip(np.ceil(conf * n_bins).astype(int) - 1, 0, n_bins - 1)


def expected_calibration_error(probs: np.ndarray | Sequence[Sequence[float]], correct: Sequence[bool] | np.ndarray,
                               n_bins: int = 15) -> float:
    """ECE over ``n_bins`` equal-width bins of the top probability.

    Args:
        probs: Array (n, k) of predicted probabilities, or (n,) of top-class confidences.
        correct: Whether each prediction (the arg-max) was right.
        n_bins: Number of equal-width confidence bins on [0, 1].

    Example:
        >>> expected_calibration_error([[0.8, 0.2]] * 5, [True, True, True, True, False])
        0.0
    """
    p = np.asarray(probs, dtype=float)
    conf = p.max(axis=1) if p.ndim == 2 else p
    hit = np.asarray(correct, dtype=float)
    if conf.shape[0] != hit.shape[0]:
        raise ConfigError(f"ECE: {conf.shape[0]} probability rows but {hit.shape[0]} correctness flags.")
    if conf.size == 0:
        return 0.0
    bins = _confidence_bins(conf, n_bins)
    ece = 0.0
    for b in range(n_bins):
        mask = bins == b
        if mask.any():
            ece += mask.mean() * abs(hit[mask].mean() - conf[mask].mean())
    return float(round(ece, 12))


def ece_noise_floor(probs: np.ndarray | Sequence[Sequence[float]], n_bins: int = 15, n_draws: int = 200,
                    seed: int = 0) -> float:
    """The ECE a perfectly calibrated model with these confidences would still score on this many items.

    Each of ``n_draws`` simulated label sets makes prediction ``i`` right with probability equal to its confidence;
    the mean ECE over the draws is the part of a measured ECE that is sampling noise (a few hundred items spread
    over many bins give 0.03 or more). Read a measured ECE against it.

    Example:
        >>> ece_noise_floor([[1.0, 0.0, 0.0]] * 10)
        0.0
    """
    p = np.asarray(probs, dtype=float)
    conf = p.max(axis=1) if p.ndim == 2 else p
    if conf.size == 0:
        return 0.0
    bins = _confidence_bins(conf, n_bins)  # the same bins as expected_calibration_error
    count = np.bincount(bins, minlength=n_bins).astype(float)
    mean_conf = np.bincount(bins, weights=conf, minlength=n_bins) / np.maximum(count, 1)
    hits = np.random.default_rng(seed).random((n_draws, conf.size)) < conf
    rows = np.repeat(np.arange(n_draws), conf.size)
    acc = np.zeros((n_draws, n_bins))
    np.add.at(acc, (rows, np.tile(bins, n_draws)), hits.ravel())
    acc /= np.maximum(count, 1)
    return float(round(float((count / conf.size * np.abs(acc - mean_conf)).sum(axis=1).mean()), 12))


def brier_score(probs: np.ndarray | Sequence[Sequence[float]], gold_index: Sequence[int]) -> float:
    """Multi-class Brier score: mean over items of the squared distance to the one-hot gold."""
    p = np.asarray(probs, dtype=float)
    y = np.zeros_like(p)
    y[np.arange(len(gold_index)), np.asarray(gold_index, dtype=int)] = 1.0
    return float(((p - y) ** 2).sum(axis=1).mean()) if len(p) else 0.0


def negative_log_likelihood(probs: np.ndarray | Sequence[Sequence[float]], gold_index: Sequence[int],
                            eps: float = 1e-12) -> float:
    """Mean negative log probability of the gold label."""
    p = np.asarray(probs, dtype=float)
    if not len(p):
        return 0.0
    picked = p[np.arange(len(gold_index)), np.asarray(gold_index, dtype=int)]
    return float(-np.log(np.clip(picked, eps, 1.0)).mean())


def coverage(proved: Sequence[bool]) -> float:
    """Share of items decided by a proof."""
    return float(np.mean(np.asarray(proved, dtype=float))) if len(proved) else 0.0


@dataclass(frozen=True, slots=True)
class Report:
    """Metrics of one evaluation run."""

    n: int
    accuracy: float
    macro_f1: float
    per_label: dict[str, dict[str, float]]
    confusion: list[list[int]]
    labels: tuple[str, ...]
    ece: float
    #: :func:`ece_noise_floor`: the ECE a perfectly calibrated model with the same confidences would score here
    ece_floor: float
    brier: float
    nll: float
    coverage: float
    proved_accuracy: float | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "accuracy": self.accuracy,
            "macro_f1": self.macro_f1,
            "per_label": self.per_label,
            "confusion": self.confusion,
            "labels": list(self.labels),
            "ece": self.ece,
            "ece_floor": self.ece_floor,
            "brier": self.brier,
            "nll": self.nll,
            "coverage": self.coverage,
            "proved_accuracy": self.proved_accuracy,
        }


def report(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str], probs: np.ndarray,
           proved: Sequence[bool], *, scored_labels: Sequence[str] | None = None,
           coverage_of: Sequence[bool] | None = None) -> Report:
    """All metrics at once.

    ``probs`` is (n, len(labels)): the predicted probability of each dataset label
    (for two-way sets, P(entailment) and P(neutral) + P(contradiction)). ``scored_labels`` limits macro-F1 and
    the per-label table (e.g. leaving out an always-wrong "unknown" column); ``coverage_of`` gives the proof flags
    coverage is computed over when it differs from ``proved`` (multiple-choice items).
    """
    n = _check_same_length(gold, pred, proved)
    labels = tuple(labels)
    gold_idx = [labels.index(g) for g in gold]
    p = np.asarray(probs, dtype=float).reshape(n, len(labels)) if n else np.zeros((0, len(labels)))
    correct = [g == q for g, q in zip(gold, pred)]
    proved_hits = [c for c, pr in zip(correct, proved) if pr]
    return Report(
        n=n,
        accuracy=accuracy(gold, pred),
        macro_f1=macro_f1(gold, pred, scored_labels or labels),
        per_label=per_label(gold, pred, scored_labels or labels),
        confusion=confusion(gold, pred, labels),
        labels=labels,
        ece=expected_calibration_error(p, correct) if n else 0.0,
        ece_floor=ece_noise_floor(p),
        brier=brier_score(p, gold_idx),
        nll=negative_log_likelihood(p, gold_idx),
        coverage=coverage(proved if coverage_of is None else coverage_of),
        proved_accuracy=(sum(proved_hits) / len(proved_hits)) if proved_hits else None,
    )
