"""Resident memory over 10,000 mixed problems in one process: does it stay flat?

Run:  .venv/bin/python benchmarks/memory_flat.py [--n 10000] [--every 500] [--reasoner-share 0.1]

The mix, interleaved so that every stretch of the run sees the same kinds: English rule text (ProofWriter dev,
directional reading), FOL (LogicNLI dev in logic form), NLI pairs (SNLI validation) through the symbolic system,
and a share of NLI pairs and English rule text through the full Reasoner (network + graph + Z3 + fusion). Files
missing from ../shared/data are replaced by generated problems of the same kind. Caches are left as they are in
a long-running service (nothing is cleared between problems). Resident memory (RSS, after a garbage collection) is
sampled every ``--every`` problems; the figure is the growth from the mean of the first quarter's samples to the mean
of the last quarter's.

Writes ``benchmarks/RESULTS-memory.md`` (and ``RESULTS-memory.json``).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import resource
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _stamp import stamp  # noqa: E402


def rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _generated(kind: str, n: int, rng: random.Random) -> list[Any]:
    """Problems of ``kind`` made up here (used when a data file is missing)."""
    from nesy.types import Problem

    names = ["Anne", "Bob", "Carl", "Dave", "Erin", "Fiona", "Gary", "Harry"]
    adjs = ["big", "red", "cold", "kind", "rough", "round", "smart", "quiet", "young", "green"]
    out = []
    for i in range(n):
        who = rng.choice(names)
        a, b, c = rng.sample(adjs, 3)
        if kind == "english":
            out.append(Problem(id=f"g{i}", premises=(f"{who} is {a}.", f"If someone is {a} then they are {b}.",
                                                     f"All {b} people are {c}."), hypothesis=f"{who} is {c}.",
                               gold="entailment", reading="directional"))
        elif kind == "fol":
            p = (f"{a.capitalize()}({who.lower()})", f"∀x ({a.capitalize()}(x) → {b.capitalize()}(x))")
            h = f"{b.capitalize()}({who.lower()})"
            out.append(Problem(id=f"g{i}", premises=p, hypothesis=h, premises_fol=p, hypothesis_fol=h,
                               gold="entailment", metadata={"formal": True}))
        else:
            out.append(Problem(id=f"g{i}", premises=(f"A {a} dog runs in the park near {who}.",),
                               hypothesis=f"An animal is {rng.choice(['outside', 'asleep', 'running'])}.",
                               gold="neutral", reading="scene"))
    return out


def _source(kind: str, n: int, rng: random.Random) -> list[Any]:
    from nesy.data import load

    files = {"english": DATA / "logic_llm/ProofWriter/dev.json", "fol": DATA / "logicnli/dev_logic.json",
             "nli": DATA / "snli/validation.tsv"}
    path = files[kind]
    if not path.is_file():
        return _generated(kind, n, rng)
    problems = [p for p in load(path) if not p.is_multiple_choice]
    rng.shuffle(problems)
    return (problems * (1 + n // len(problems)))[:n]


def main(argv: list[str] | None = None) -> dict[str, Any]:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--every", type=int, default=500)
    ap.add_argument("--reasoner-share", type=float, default=0.1, help="share of problems through the Reasoner")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--out", default=str(Path(__file__).resolve().parent / "RESULTS-memory.md"))
    args = ap.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    import logging

    logging.disable(logging.WARNING)
    from nesy.logic.system import SymbolicSystem
    from nesy.reasoner import Reasoner

    rng = random.Random(args.seed)
    n_reasoner = round(args.n * args.reasoner_share)
    n_sym = args.n - n_reasoner
    # symbolic: 4 English rule texts, 3 FOL, 3 NLI pairs per 10; reasoner: NLI pairs and English rule text, 1:1
    sym_plan = {"english": round(0.4 * n_sym), "fol": round(0.3 * n_sym)}
    sym_plan["nli"] = n_sym - sum(sym_plan.values())
    pools = {k: _source(k, v + n_reasoner, rng) for k, v in sym_plan.items()}
    stream: list[tuple[str, str, Any]] = []
    counts = dict(sym_plan)
    taken = Counter[str]()
    reasoner_left = n_reasoner
    for i in range(args.n):
        if reasoner_left and i % round(1 / args.reasoner_share) == 0:
            kind = "nli" if reasoner_left % 2 else "english"
            reasoner_left -= 1
            system = "reasoner"
        else:
            kind = max(counts, key=lambda k: counts[k] / max(1, sym_plan[k]))  # keep the mix even
            counts[kind] -= 1
            system = "symbolic"
        stream.append((system, kind, pools[kind][taken[kind]]))
        taken[kind] += 1
    t_build = time.perf_counter()
    symbolic = SymbolicSystem()
    reasoner = Reasoner.default() if n_reasoner else None
    fol_symbolic = SymbolicSystem(kg=symbolic.kg)  # FOL problems declare themselves formal; one graph for both
    for system, _kind, problem in stream[:20]:  # warm up outside the curve (spaCy, models, Z3)
        (reasoner if system == "reasoner" else symbolic).solve(problem)
    build_s = time.perf_counter() - t_build
    gc.collect()
    samples: list[dict[str, Any]] = [{"problems": 0, "rss_mb": round(rss_mb(), 1)}]
    mix = Counter(f"{s}:{k}" for s, k, _ in stream)
    t0 = time.perf_counter()
    labels = Counter[str]()
    for i, (system, kind, problem) in enumerate(stream, 1):
        solver = reasoner if system == "reasoner" else (fol_symbolic if kind == "fol" else symbolic)
        assert solver is not None
        labels[solver.solve(problem).label.value] += 1
        if i % args.every == 0:
            gc.collect()
            sample = {"problems": i, "rss_mb": round(rss_mb(), 1), "seconds": round(time.perf_counter() - t0, 1),
                      "parse_cache": len(getattr(symbolic.parser, "_cache", ()))}
            samples.append(sample)
            print(json.dumps(sample), flush=True)
    seconds = time.perf_counter() - t0
    body = [s for s in samples if s["problems"] > 0]
    quarter = max(1, len(body) // 4)
    first = statistics.mean(s["rss_mb"] for s in body[:quarter])
    last = statistics.mean(s["rss_mb"] for s in body[-quarter:])
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {
        "command": "python benchmarks/memory_flat.py " + " ".join(argv if argv is not None else sys.argv[1:]),
        **stamp(), "n": args.n, "mix": dict(mix), "build_and_warmup_s": round(build_s, 1),
        "seconds": round(seconds, 1), "samples": samples, "first_quarter_mb": round(first, 1),
        "last_quarter_mb": round(last, 1), "growth_mb": round(last - first, 1),
        "growth_pct": round(100 * (last - first) / first, 2), "peak_rss_mb": round(peak, 1), "labels": dict(labels),
    }
    out = Path(args.out)
    out.with_suffix(".json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    out.write_text(_markdown(result, quarter), encoding="utf-8")
    print(f"RSS first quarter {first:.1f} MB, last quarter {last:.1f} MB: growth {last - first:+.1f} MB "
          f"({result['growth_pct']:+.2f}%); peak {peak:.0f} MB; {args.n} problems in {seconds:.0f} s.")
    return result


def _markdown(r: dict[str, Any], quarter: int) -> str:
    mix = ", ".join(f"{v:,} {k.replace(':', ' ')}" for k, v in sorted(r["mix"].items()))
    lines = [
        "# Memory over 10,000 mixed problems",
        "",
        f"`{r['command'].strip()}` on {r['machine']}, {r['date']}: {r['n']:,} problems in one process ({mix}), "
        f"{r['seconds']:.0f} s after {r['build_and_warmup_s']:.0f} s of loading and warm-up. Caches are not cleared "
        "between problems. RSS after a garbage collection, every "
        f"{r['samples'][1]['problems'] if len(r['samples']) > 1 else '?'} problems.",
        "",
        f"**First quarter {r['first_quarter_mb']:.1f} MB → last quarter {r['last_quarter_mb']:.1f} MB: "
        f"{r['growth_mb']:+.1f} MB ({r['growth_pct']:+.2f}%)**, means of {quarter} samples each; peak RSS "
        f"{r['peak_rss_mb']:.0f} MB.",
        "",
        "| problems | RSS (MB) | seconds | English parse cache (sentences) |",
        "|---|---|---|---|",
    ]
    for s in r["samples"]:
        lines.append(f"| {s['problems']:,} | {s['rss_mb']:.1f} | {s.get('seconds', 0):.0f} | "
                     f"{s.get('parse_cache', '')} |")
    lines += ["", f"Answers: {', '.join(f'{k} {v:,}' for k, v in sorted(r['labels'].items()))}.", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
