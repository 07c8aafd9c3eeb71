"""nesy: neuro-symbolic entailment with calibrated probabilities and proof traces."""

from __future__ import annotations

from nesy._version import __version__
from nesy.errors import NesyError
from nesy.trace import ProofStep, ProofTrace
from nesy.types import Label, Problem, Verdict

__all__ = ["__version__", "NesyError", "Label", "Problem", "Verdict", "ProofStep", "ProofTrace"]
