"""Benchmark runner: ``python -m benchmarks run --suite {logic,nli,speed,all} [--systems ...] [--limit N]``.

Evaluates each system on each dataset under ../shared/data that the suite names (absent files
are skipped) and writes benchmarks/RESULTS.md: one table per suite, with the command, date and
machine. Every number in that file comes from the run that wrote it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
sys.path.insert(0, str(ROOT))

SUITES = {
    "logic": ["logic_llm/ProofWriter/dev.json", "logic_llm/ProntoQA/sample.json",
              "logic_llm/LogicalDeduction/train.json", "logicnli/dev_language.json", "folio/folio-train.jsonl"],
    "nli": ["snli/validation.tsv", "sick/SICK_trial.txt", "rte/train.tsv", "taxinli/taxinli10k.tsv",
            "anli/R1/dev.jsonl", "anli/R2/dev.jsonl", "anli/R3/dev.jsonl"],
    "probes": [f"nli_probes/{t}/train.jsonl" for t in ("boolean", "negation", "quantifier", "conditional",
                                                         "comparative", "counting", "lexical", "hypernymy",
                                                         "hyponymy", "kg_relations")],
}


def run_suite(suite: str, systems: list[str], limit: int | None) -> list[dict]:
    from nesy.data import load
    from nesy.errors import NesyError
    from nesy.evaluate import evaluate
    from nesy.systems import get_system

    rows = []
    built = {}
    for rel in SUITES[suite]:
        path = DATA / rel
        if not path.is_file():
            print(f"skip {rel}: not present", file=sys.stderr)
            continue
        problems = load(path, limit=limit)
        for name in systems:
            try:
                system = built.get(name) or get_system(name)
            except NesyError as err:
                print(f"skip {name}: {err}", file=sys.stderr)
                continue
            built[name] = system
            ev = evaluate(system, problems, path=rel, show_progress_bar=False).to_dict()
            rows.append({k: ev[k] for k in ("path", "system", "n", "accuracy", "macro_f1", "ece", "coverage",
                                            "proved_accuracy", "seconds")})
            print(json.dumps(rows[-1]), flush=True)
    return rows


def write_results(rows_by_suite: dict[str, list[dict]], command: str, out: Path) -> None:
    lines = ["# nesy benchmark results", "",
             f"Command: `{command}`  ", f"Date: {time.strftime('%Y-%m-%d %H:%M')}  ",
             f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}", ""]
    for suite, rows in rows_by_suite.items():
        lines += [f"## {suite}", "", "| dataset | system | n | accuracy | macro-F1 | ECE | coverage | precision when proved | seconds |",
                  "|---|---|---|---|---|---|---|---|---|"]
        for r in rows:
            prec = "—" if r["proved_accuracy"] is None else f"{r['proved_accuracy']:.3f}"
            lines.append(f"| {r['path']} | {r['system']} | {r['n']} | {r['accuracy']:.4f} | {r['macro_f1']:.4f} | "
                         f"{r['ece']:.4f} | {r['coverage']:.3f} | {prec} | {r['seconds']:.1f} |")
        lines.append("")
    lines += ["Coverage = share of items decided by a proof. Multiple-choice accuracy is reported as accuracy.", ""]
    out.write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks")
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run")
    r.add_argument("--suite", choices=[*SUITES, "speed", "all"], default="all")
    r.add_argument("--systems", nargs="+", default=["neural", "symbolic", "nesy"])
    r.add_argument("--limit", type=int, default=None)
    r.add_argument("--out", default=str(ROOT / "benchmarks" / "RESULTS.md"))
    args = ap.parse_args(argv)
    suites = list(SUITES) if args.suite == "all" else ([] if args.suite == "speed" else [args.suite])
    results = {s: run_suite(s, args.systems, args.limit) for s in suites}
    if args.suite in ("speed", "all"):
        for script in ("logic_speed.py", "kg_speed.py"):
            subprocess.run([sys.executable, str(ROOT / "benchmarks" / script)], check=False)
    if results:
        write_results(results, "python -m benchmarks " + " ".join(sys.argv[1:] if argv is None else argv),
                      Path(args.out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
