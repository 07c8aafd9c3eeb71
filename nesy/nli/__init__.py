"""Neural entailment scorer (cross-encoder) and its training pipeline."""

from __future__ import annotations

from nesy.nli.scorer import NliScore, NliScorer

__all__ = ["NliScore", "NliScorer"]
