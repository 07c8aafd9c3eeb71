"""Calibration on whole files, the way `nesy eval PATH --system {neural,nesy} --json` scores them (no sampling).

Run:  .venv/bin/python benchmarks/calibration.py [--files snli/validation.tsv sick/SICK_trial.txt ...]

Writes benchmarks/RESULTS-calibration.md and .json: accuracy, ECE (15 bins), its noise floor (the ECE a perfectly
calibrated model with the same confidences would score on that many items, `nesy.data.metrics.ece_noise_floor`),
Brier and NLL for the network alone and for nesy. The fusion's cross-fitted (held-out) figures are in
nesy/resources/fusion/README.md. Target (issue 6): nesy ECE ≤ 0.03 on SNLI validation and SICK trial, below the
network's.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _stamp import stamp  # noqa: E402

FILES = ["snli/validation.tsv", "sick/SICK_trial.txt", "sick/SICK_train.txt"]
NOTES = {"snli/validation.tsv": "95% is the network's training data",
         "sick/SICK_trial.txt": "unseen by the network; part of the fusion's calibration data",
         "sick/SICK_train.txt": "95% is the network's training data"}


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", nargs="+", default=FILES, help="paths under ../shared/data")
    ap.add_argument("--systems", nargs="+", default=["neural", "nesy"])
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "RESULTS-calibration.md"))
    args = ap.parse_args(argv)
    from nesy.data import load
    from nesy.evaluate import evaluate
    from nesy.systems import get_system

    t0 = time.perf_counter()
    systems = {name: get_system(name) for name in args.systems}
    rows = []
    for rel in args.files:
        path = DATA / rel
        if not path.is_file():
            print(f"skip {rel}: not present", file=sys.stderr)
            continue
        problems = load(path)
        for system in systems.values():
            out = evaluate(system, problems, path=rel, show_progress_bar=False).to_dict()
            rows.append({k: out[k] for k in ("path", "system", "n", "accuracy", "ece", "ece_floor", "brier", "nll")})
            print(json.dumps(rows[-1]), flush=True)
    result = {"benchmark": "calibration", "rows": rows, "minutes": round((time.perf_counter() - t0) / 60, 1),
              "command": "python benchmarks/calibration.py " + " ".join(argv if argv is not None else sys.argv[1:]),
              **stamp()}
    lines = ["# Calibration on whole files", "",
             f"`{result['command'].strip()}` — {result['date']}, {result['machine']}, {result['minutes']} min.", "",
             "ECE: 15 equal-width bins of the top probability. Floor: the ECE a perfectly calibrated model with the "
             "same confidences would score on that many items (mean of 200 seeded draws) — the part of the ECE that "
             "is sampling noise.", "",
             "| file | n | system | accuracy | ECE | floor | Brier | NLL | note |", "|---|---|---|---|---|---|---|---|---|"]
    lines += [f"| {r['path']} | {r['n']} | {r['system']} | {r['accuracy']:.4f} | {r['ece']:.4f} | {r['ece_floor']:.4f} "
              f"| {r['brier']:.4f} | {r['nll']:.4f} | {NOTES.get(r['path'], '')} |" for r in rows]
    out = Path(args.out)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out.with_suffix(".json").write_text(json.dumps(result, indent=1), encoding="utf-8")
    return result


if __name__ == "__main__":
    main()
