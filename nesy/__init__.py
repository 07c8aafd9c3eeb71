"""nesy: neuro-symbolic entailment with calibrated probabilities and proof traces.

The public API::

    from nesy import Reasoner
    reasoner = Reasoner.default()
    verdict = reasoner.infer(["All birds fly.", "Tweety is a bird."], "Tweety flies.")
    print(verdict.label, verdict.probabilities)
    print(verdict.trace.to_text())

The heavy parts (torch, spaCy, Z3) load only when one of their names is first used;
``nesy.evaluate.evaluate`` scores any system on a dataset.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from nesy._version import __version__
from nesy.errors import NesyError
from nesy.trace import ProofStep, ProofTrace
from nesy.types import Label, Problem, Verdict

if TYPE_CHECKING:
    from nesy.data.loaders import load
    from nesy.fusion.model import FusionModel
    from nesy.kg.graph import KnowledgeGraph
    from nesy.kg.retriever import KgEvidence, Retriever
    from nesy.logic.system import SymbolicSystem
    from nesy.nli.scorer import NliScorer
    from nesy.reasoner import Reasoner
    from nesy.rules.base import RuleBase

__all__ = ["__version__", "NesyError", "Label", "Problem", "Verdict", "ProofStep", "ProofTrace", "Reasoner",
           "NliScorer", "SymbolicSystem", "KnowledgeGraph", "Retriever", "KgEvidence", "FusionModel", "load",
           "RuleBase"]

_LAZY = {"Reasoner": "nesy.reasoner", "NliScorer": "nesy.nli.scorer", "SymbolicSystem": "nesy.logic.system",
         "KnowledgeGraph": "nesy.kg.graph", "Retriever": "nesy.kg.retriever", "KgEvidence": "nesy.kg.retriever",
         "FusionModel": "nesy.fusion.model", "load": "nesy.data.loaders", "RuleBase": "nesy.rules.base"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'nesy' has no attribute {name!r}")
