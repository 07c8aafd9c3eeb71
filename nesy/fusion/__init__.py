"""Calibrated fusion of neural, logic and knowledge-graph evidence."""

from __future__ import annotations

from nesy.fusion.features import FEATURE_NAMES, Evidence, featurize
from nesy.fusion.model import FusionModel

__all__ = ["FEATURE_NAMES", "Evidence", "FusionModel", "featurize"]
