"""Speed of the symbolic system on ProofWriter: parse + solve per problem, and memory over 1,000 problems.

Run:  .venv/bin/python benchmarks/logic_speed.py [--n 1000] [--path ../shared/data/logic_llm/ProofWriter/train.json]

Each problem is parsed from scratch (the sentence cache is cleared first), so the time
includes spaCy and the grammar as well as both Z3 checks and the core minimisation.
Targets (issue 3): median ≤ 50 ms, p95 ≤ 250 ms on a 2-core machine; resident memory flat.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _stamp import stamp  # noqa: E402


def rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser()
    ap.add_argument("--path", default=str(ROOT.parent / "shared/data/logic_llm/ProofWriter/train.json"))
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    from nesy.data import load
    from nesy.logic.system import SymbolicSystem

    if not Path(args.path).is_file():
        print(f"skip: {args.path} not found", file=sys.stderr)
        return {}
    problems = load(args.path)
    problems = (problems * (1 + args.n // len(problems)))[: args.n]
    system = SymbolicSystem()
    system.solve(problems[0])  # load spaCy once, outside the timings
    times, rss = [], []
    correct = 0
    for i, p in enumerate(problems):
        system.parser._cache.clear()
        t0 = time.perf_counter()
        v = system.solve(p)
        times.append(time.perf_counter() - t0)
        correct += v.label.value == p.gold
        if i % 100 == 0:
            gc.collect()
            rss.append(round(rss_mb(), 1))
    q = statistics.quantiles(times, n=100)
    out = {
        "benchmark": "logic_speed", "path": args.path, "n": len(problems),
        "median_ms": round(1000 * statistics.median(times), 2), "p95_ms": round(1000 * q[94], 2),
        "max_ms": round(1000 * max(times), 2), "accuracy": round(correct / len(problems), 4),
        "rss_mb_every_100": rss, "rss_growth_mb": round(rss[-1] - rss[1], 1) if len(rss) > 2 else 0.0,
        **stamp(),
    }
    print(json.dumps(out))
    return out


if __name__ == "__main__":
    main()
