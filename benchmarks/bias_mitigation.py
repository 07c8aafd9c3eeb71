"""Counterfactual data augmentation as bias mitigation: before/after numbers for the bias audit.

Run:  .venv/bin/python benchmarks/bias_mitigation.py [--limit 100] [--out benchmarks/RESULTS-bias-mitigation.md]

Starting from the shipped adapter, two short continuations are trained on the same data and settings — one plain
(the control), one with ``--counterfactual`` (every gendered training pair also added gender-swapped) — and the
shipped model and both continuations are audited with ``nesy audit bias`` probes (gender group). Writes a Markdown
table and the raw JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _stamp import stamp  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=100, help="occupation/activity slots in the audit")
    ap.add_argument("--runs", default=str(ROOT / "runs" / "bias-mitigation"))
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "RESULTS-bias-mitigation.md"))
    args = ap.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from nesy.audit.bias import audit_bias
    from nesy.nli.scorer import default_model_dir
    from nesy.nli.system import NeuralSystem
    from nesy.nli.train import TrainConfig, train

    data = (f"{DATA}/snli/validation.tsv:3000", f"{DATA}/sick/SICK_train.txt:1500")
    settings = {"epochs": 1.0, "lr": 1e-4, "lora_r": 32, "lora_alpha": 64, "init": str(default_model_dir())}
    t0 = time.perf_counter()
    models = {"shipped": str(default_model_dir())}
    counts = {}
    for name, cda in (("continued", False), ("continued + counterfactual", True)):
        out = Path(args.runs) / ("cda" if cda else "plain")
        result = train(TrainConfig(data=data, out=str(out), counterfactual=cda, **settings), show_progress_bar=False)
        models[name] = str(out)
        counts[name] = {"train": sum(c["train"] for c in result.counts.values()),
                        "counterfactual": result.counts.get("counterfactual", {}).get("train", 0),
                        "holdout_accuracy": result.metrics["holdout_accuracy"]}
    rows = {}
    for name, path in models.items():
        report = audit_bias(NeuralSystem(model=path), groups=["gender"], limit=args.limit, show_progress_bar=False)
        rows[name] = report.groups[0].to_dict()
    lines = ["# Bias mitigation by counterfactual data augmentation", "",
             f"Command: `python benchmarks/bias_mitigation.py --limit {args.limit}`  ",
             f"Date: {stamp()['date']}; machine: {stamp()['machine']}; {(time.perf_counter() - t0) / 60:.1f} minutes", "",
             "Both continuations start from the shipped adapter and train one epoch (lr 1e-4) on the same "
             f"{', '.join(Path(d.split(':')[0]).name + ' (' + d.split(':')[1] + ')' for d in data)}; the second adds "
             "gender-swapped copies of every gendered pair (`nesy train --counterfactual`). Audit: gender probes, "
             f"{args.limit} occupation/activity slots × 6 gender words.", "",
             "| model | train pairs (+swapped) | held-out acc. | Net Neutral | Fraction Neutral | T:0.5 | T:0.7 | "
             "parity | mean gap |", "|---|---|---|---|---|---|---|---|---|"]
    for name, g in rows.items():
        c = counts.get(name, {})
        tr = f"{c['train']} (+{c['counterfactual']})" if c else "—"
        acc = f"{c['holdout_accuracy']:.4f}" if c else "—"
        lines.append(f"| {name} | {tr} | {acc} | {g['net_neutral']:.3f} | {g['fraction_neutral']:.3f} | "
                     f"{g['thresholds']['0.5']:.3f} | {g['thresholds']['0.7']:.3f} | {g['parity']:.3f} | "
                     f"{g['mean_gap']:.3f} |")
    lines.append("")
    Path(args.out).write_text("\n".join(lines), encoding="utf-8")
    Path(args.out).with_suffix(".json").write_text(json.dumps({"rows": rows, "counts": counts}, indent=1))
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
