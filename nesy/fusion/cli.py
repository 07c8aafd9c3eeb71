"""``nesy fit-fusion``: fit the calibrated fusion model on dataset files."""

from __future__ import annotations

import argparse
import json
import logging
import random
from collections.abc import Sequence
from typing import Any

import numpy as np

from nesy.errors import ConfigError
from nesy.types import Problem

__all__ = ["add_cli", "fusion_targets", "fit_fusion", "rule_outcomes"]

logger = logging.getLogger(__name__)


def fusion_targets(problems: list[Problem]) -> tuple[list[Problem], list[int]]:
    """Problems with a three-way gold label (binary 'not entailed' items are left out) and their label index."""
    keep, y = [], []
    for p in problems:
        if p.is_multiple_choice or p.gold is None or p.gold == "not_entailment":
            continue
        lab = p.gold_label
        if lab is None:
            continue
        keep.append(p)
        y.append(lab.index)
    return keep, y


def rule_outcomes(symbolic: Any, problems: Sequence[Problem]) -> list[tuple[str, int]]:
    """(``"<rule>:<label>"``, gold) for each three-way-labelled problem a lexical rule decides.

    Only the natural-logic rules run (no network, no Z3): a rule's precision is a property of the
    rule and the data, so it can be measured on data the network trained on.
    """
    out = []
    for p, gold in zip(*fusion_targets(list(problems))):
        d = symbolic.lexical_decision(p)
        if d is not None:
            out.append((f"{d.rule}:{d.label.value}", gold))
    return out


def fit_fusion(reasoner: Any, problems: list[Problem], y: list[int], *, C: float = 1.0,
               mode: str = "residual", rule_data: Sequence[Problem] = (),
               outcomes: Sequence[tuple[str, int]] | None = None, calibrate_on: np.ndarray | None = None,
               calibration: str = "isotonic") -> Any:
    """Gather evidence for ``problems``, fit the fusion on it; the lexical rules' gates are measured on the
    fitting items plus ``rule_data`` (see :func:`rule_outcomes`), or on ``outcomes`` when those are given
    (already measured, e.g. on whole files the fitting items were drawn from). ``calibrate_on``: mask of the
    problems whose held-out part fits the temperature and the isotonic map (:meth:`FusionModel.fit`);
    ``calibration``: ``isotonic`` (default), ``temperature`` or ``none``. Returns (model, X)."""
    from nesy.fusion.features import FEATURE_NAMES, rule_key, stack
    from nesy.fusion.model import FusionModel

    gathered = reasoner.gather(problems)
    X = stack([ev for ev, _ in gathered])
    if outcomes is None:
        outcomes = [(k, g) for (ev, _), g in zip(gathered, y) if (k := rule_key(ev)) is not None]
        if rule_data:
            outcomes += rule_outcomes(reasoner.logic, rule_data)
    model = FusionModel(C=C, mode=mode, calibration=calibration)
    model.fit(X, np.asarray(y), feature_names=list(FEATURE_NAMES), rule_outcomes=outcomes, calibrate_on=calibrate_on)
    return model, X


def add_cli(sub: Any) -> None:
    p = sub.add_parser("fit-fusion", help="fit the calibrated fusion model on dev data")
    p.add_argument("--data", nargs="+", required=True, help="dataset files; PATH:N keeps a seeded sample of N items")
    p.add_argument("--out", required=True, help="output JSON file")
    p.add_argument("--model", default="default", help="neural model whose scores are fused")
    p.add_argument("--rule-data", nargs="*", default=[],
                   help="more three-way-labelled files on which to measure the lexical rules' precision")
    p.add_argument("--calibrate-on", nargs="*", default=None, metavar="PATH",
                   help="the --data files whose items fit the calibration (default: all of them); e.g. the "
                        "natural-text NLI dev sets, not templated probes")
    p.add_argument("--calibration", choices=["isotonic", "temperature", "none"], default="isotonic",
                   help="temperature, then a top-label isotonic map (default; needs 200 calibration items); "
                        "temperature alone; or none")
    p.add_argument("--C", type=float, default=1.0)
    p.add_argument("--seed", type=int, default=13)
    p.set_defaults(func=_cmd_fit)


def _cmd_fit(args: argparse.Namespace) -> int:
    from nesy.data import load
    from nesy.kg.retriever import Retriever
    from nesy.logic.system import SymbolicSystem
    from nesy.nli.scorer import NliScorer
    from nesy.nli.train import _split_spec
    from nesy.reasoner import Reasoner

    rng = random.Random(args.seed)
    problems: list[Problem] = []
    y: list[int] = []
    counts = {}
    calibrate: list[bool] = []
    unknown = sorted(set(args.calibrate_on or ()) - set(args.data) - {_split_spec(s)[0] for s in args.data})
    if unknown:
        raise ConfigError(f"--calibrate-on names files that are not among --data: {', '.join(unknown)}. "
                          "List each as it appears in --data.")
    for spec in args.data:
        path, cap = _split_spec(spec)
        ps, ys = fusion_targets(load(path))
        pairs = list(zip(ps, ys))
        if cap is not None and cap < len(pairs):
            pairs = rng.sample(pairs, cap)
        counts[path] = len(pairs)
        problems += [a for a, _ in pairs]
        y += [b for _, b in pairs]
        chosen = args.calibrate_on is None or spec in args.calibrate_on or path in args.calibrate_on
        calibrate += [chosen] * len(pairs)
    kg = Retriever()
    reasoner = Reasoner(scorer=NliScorer(args.model), kg=kg, logic=SymbolicSystem(kg=kg))
    rule_data = [p for path in args.rule_data for p in load(path)]
    model, X = fit_fusion(reasoner, problems, y, C=args.C, rule_data=rule_data, calibrate_on=np.asarray(calibrate),
                          calibration=args.calibration)
    model.save(args.out)
    acc = float((model.predict(X) == np.asarray(y)).mean())
    print(json.dumps({"out": args.out, "n": len(y), "counts": counts, "train_accuracy": acc,
                      "calibration": model.calibration, "temperature": model.temperature_,
                      "rule_gate": model.rule_gate_}))
    return 0
