"""Knowledge-graph speed: graph load time and retrieval latency per premise/hypothesis pair.

Run:  .venv/bin/python benchmarks/kg_speed.py [--n 500] [--path ../shared/data/snli/validation.tsv]

Targets (issue 5): graph load ≤ 2 s, retrieval median ≤ 10 ms per pair (spaCy linking included).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _stamp import stamp  # noqa: E402


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser()
    ap.add_argument("--path", default=str(ROOT.parent / "shared/data/snli/validation.tsv"))
    ap.add_argument("--n", type=int, default=500)
    args = ap.parse_args(argv)
    from nesy.data import load
    from nesy.kg.graph import KnowledgeGraph
    from nesy.kg.retriever import Retriever
    from nesy.logic.english import load_spacy

    load_spacy()
    loads = []
    for _ in range(3):
        t0 = time.perf_counter()
        kg = KnowledgeGraph.load()
        loads.append(time.perf_counter() - t0)
    if not Path(args.path).is_file():
        print(f"skip retrieval: {args.path} not found", file=sys.stderr)
        problems = []
    else:
        problems = load(args.path)[: args.n]
    r = Retriever(kg)
    r.evidence("A man plays.", "A person plays.")
    times, found = [], 0
    for p in problems:
        t0 = time.perf_counter()
        ev = r.evidence(p.premises, p.hypothesis)
        times.append(time.perf_counter() - t0)
        found += bool(ev)
    out = {
        "benchmark": "kg_speed", "load_seconds_median_of_3": round(statistics.median(loads), 3),
        "edges": kg.g.number_of_edges(), "pairs": len(times),
        "retrieval_median_ms": round(1000 * statistics.median(times), 2) if times else None,
        "retrieval_p95_ms": round(1000 * statistics.quantiles(times, n=100)[94], 2) if len(times) > 2 else None,
        "pairs_with_evidence": found,
        **stamp(),
    }
    print(json.dumps(out))
    return out


if __name__ == "__main__":
    main()
