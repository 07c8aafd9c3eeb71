"""Compare fusion models on the same gathered evidence (no re-running the network, the logic or the graph).

Gathers each file's evidence once with the shipped network, graph and Z3 (cached under
runs/ablation/), then scores the network alone and every fusion file given, with the same
label projection as ``nesy eval``. Multiple-choice files are skipped (their fusion works per option).

Run:  .venv/bin/python scripts/compare_fusion.py --fusion A.json B.json --data rte/train.tsv:500 ...
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--fusion", nargs="+", required=True, help="fusion JSON files to compare")
    ap.add_argument("--data", nargs="+", required=True, help="files under --data-root; PATH:N keeps a seeded sample")
    ap.add_argument("--data-root", default=str(ROOT.parent / "shared/data"))
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args(argv)

    import numpy as np

    from nesy.data import load
    from nesy.data.metrics import expected_calibration_error
    from nesy.evaluate import metric_labels, scheme_probabilities
    from nesy.fusion.features import rule_key, stack
    from nesy.fusion.model import FusionModel
    from nesy.kg.retriever import Retriever
    from nesy.logic.system import SymbolicSystem
    from nesy.nli.scorer import NliScorer
    from nesy.nli.train import _split_spec
    from nesy.reasoner import Reasoner
    from nesy.trace import ProofTrace
    from nesy.types import LABELS, Verdict, project_label

    models = {Path(f).stem: FusionModel.load(f) for f in args.fusion}
    reasoner = None
    cache_dir = ROOT / "runs" / "ablation"
    cache_dir.mkdir(parents=True, exist_ok=True)
    out = {}
    for spec in args.data:
        rel, cap = _split_spec(spec)
        problems = [p for p in load(Path(args.data_root) / rel) if not p.is_multiple_choice and p.gold]
        if cap is not None and cap < len(problems):
            keep = sorted(random.Random(args.seed).sample(range(len(problems)), cap))
            problems = [problems[i] for i in keep]
        key = hashlib.sha1(f"{rel}|{cap}|{args.seed}".encode()).hexdigest()[:12]
        cache = cache_dir / f"{key}.npz"
        if cache.is_file():
            d = np.load(cache, allow_pickle=False)
            X, rules = d["X"], [r or None for r in d["rules"].tolist()]
        else:
            if reasoner is None:
                kg = Retriever()
                reasoner = Reasoner(scorer=NliScorer("default"), kg=kg, logic=SymbolicSystem(kg=kg))
            gathered = reasoner.gather(problems)
            X = stack([ev for ev, _ in gathered])
            rules = [rule_key(ev) for ev, _ in gathered]
            np.savez(cache, X=X, rules=np.asarray([r or "" for r in rules]))
        neural = np.exp(X[:, :3])
        neural /= neural.sum(1, keepdims=True)
        row = {"n": len(problems)}
        for name, probs in [("neural", neural)] + [(n, m.predict_proba(X, rules=rules)) for n, m in models.items()]:
            correct, scheme_correct, conf = [], [], []
            for p, pr in zip(problems, probs):
                v = Verdict(label=LABELS[int(np.argmax(pr))], probabilities=tuple(map(float, pr)),  # type: ignore[arg-type]
                            trace=ProofTrace(steps=()), system=name)
                sp = scheme_probabilities(v, p)
                correct.append(project_label(v.label, p.scheme) == p.gold)
                scheme_correct.append(metric_labels(p)[int(np.argmax(sp))] == p.gold)
                conf.append(max(sp))
            row[name] = {"accuracy": round(float(np.mean(correct)), 4),
                         "scheme_argmax_accuracy": round(float(np.mean(scheme_correct)), 4),
                         "ece": round(expected_calibration_error(np.asarray(conf), np.asarray(scheme_correct)), 4)}
        out[rel] = row
        print(rel, json.dumps(row), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
