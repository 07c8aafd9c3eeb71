"""Audits of a system's behaviour: bias in inferences (Dev et al., 2020) and its mitigation."""

from __future__ import annotations

from nesy.audit.bias import BiasPair, BiasReport, GroupReport, audit_bias, bias_pairs
from nesy.audit.counterfactual import counterfactual_pairs, swap_gender

__all__ = ["BiasPair", "BiasReport", "GroupReport", "audit_bias", "bias_pairs", "counterfactual_pairs", "swap_gender"]
