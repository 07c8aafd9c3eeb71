"""Abduction of graph axioms (nesy.kg.abduction): the symbolic system with and without it, in the same run.

For each file: proved coverage and proved precision without abduction and with it, how many proofs rest on
abduced axioms (and how many of those are right), and the median time per pair of both.

Run:  .venv/bin/python benchmarks/abduction.py [--cap 500] [--out benchmarks/RESULTS-abduction.md]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data"
FILES = ["sick/SICK_trial.txt", "sick/SICK_train.txt", "nli_probes/lexical/train.jsonl",
         "nli_probes/monotonicity_infer/train.jsonl", "nli_probes/hypernymy/train.jsonl"]
_BINARY = {"entailed": "entailment", "not-entailed": "not", "not_entailment": "not"}


def _right(label: str, gold: str) -> bool:
    gold = _BINARY.get(gold, gold)
    return label == gold or (gold == "not" and label != "entailment")


def run_file(system, problems):  # type: ignore[no-untyped-def]
    out = {}
    for mode in ("off", "on"):
        system.abduction = mode == "on"
        proved = right = abd = abd_right = 0
        times = []
        for p in problems:
            t0 = time.perf_counter()
            v, a = system.solve_with_analysis(p)
            times.append(time.perf_counter() - t0)
            if v.proved:
                ok = _right(v.label.value, p.gold)
                proved += 1
                right += ok
                if a is not None and a.abduced:
                    abd += 1
                    abd_right += ok
        out[mode] = {"n": len(problems), "proved": proved, "coverage": proved / len(problems),
                     "precision": right / proved if proved else None, "abduced_proofs": abd,
                     "abduced_right": abd_right, "median_ms": 1000 * statistics.median(times)}
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cap", type=int, default=500)
    ap.add_argument("--files", nargs="*", default=FILES)
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "RESULTS-abduction.md"))
    args = ap.parse_args(argv)
    from nesy.data import load
    from nesy.logic.system import SymbolicSystem

    system = SymbolicSystem()
    results = {}
    for rel in args.files:
        path = DATA / rel
        if not path.is_file():
            continue
        items = [p for p in load(path) if not p.is_multiple_choice and p.gold]
        items = random.Random(13).sample(items, min(args.cap, len(items)))
        results[rel] = run_file(system, items)
    from benchmarks._stamp import stamp

    lines = ["# Abduction of graph axioms: symbolic system without / with it", "",
             f"`python benchmarks/abduction.py --cap {args.cap}`; seeded sample of at most {args.cap} items per file; "
             "both modes in the same run. Coverage = proved share; precision = right among proved; abduced = proofs "
             "resting on at least one abduced axiom (right/all). The second mode reads each pair after the first did, "
             "so it finds the parses cached: the times are not a speed comparison.", "",
             "| file | n | coverage off | precision off | coverage on | precision on | abduced (right/all) | "
             "median ms off | median ms on |", "|---|---|---|---|---|---|---|---|---|"]

    def f(x: float | None) -> str:
        return "—" if x is None else f"{x:.3f}"

    for rel, r in results.items():
        off, on = r["off"], r["on"]
        lines.append(f"| {rel} | {on['n']} | {f(off['coverage'])} | {f(off['precision'])} | {f(on['coverage'])} | "
                     f"{f(on['precision'])} | {on['abduced_right']}/{on['abduced_proofs']} | "
                     f"{off['median_ms']:.1f} | {on['median_ms']:.1f} |")
    st = stamp()
    text = "\n".join(lines) + f"\n\nMachine: {st['machine']}; date: {st['date']}.\n"
    Path(args.out).write_text(text, encoding="utf-8")
    Path(args.out).with_suffix(".json").write_text(json.dumps({"results": results, **stamp()}, indent=1), encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
