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
import ctypes
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


def _build_stream(args: argparse.Namespace, rng: random.Random) -> list[tuple[str, str, Any]]:
    """(system, kind, problem) for every step, the kinds interleaved evenly."""
    n_reasoner = round(args.n * args.reasoner_share)
    n_sym = args.n - n_reasoner
    # symbolic: 4 English rule texts, 3 FOL, 3 NLI pairs per 10; reasoner: NLI pairs and English rule text, 1:1
    sym_plan = {"english": round(0.4 * n_sym), "fol": round(0.3 * n_sym)}
    sym_plan["nli"] = n_sym - sum(sym_plan.values())
    pools = {k: _source(k, v + n_reasoner, rng) for k, v in sym_plan.items()}
    if args.unique:
        pools = {k: (v[: args.unique] * (1 + len(v) // args.unique))[: len(v)] for k, v in pools.items()}
    stream: list[tuple[str, str, Any]] = []
    counts = dict(sym_plan)
    taken = Counter[str]()
    reasoner_left = n_reasoner
    step = round(1 / args.reasoner_share) if args.reasoner_share else 0
    for i in range(args.n):
        if reasoner_left and i % step == 0:
            kind = "nli" if reasoner_left % 2 else "english"
            reasoner_left -= 1
            system = "reasoner"
        else:
            kind = max(counts, key=lambda k: counts[k] / max(1, sym_plan[k]))  # keep the mix even
            counts[kind] -= 1
            system = "symbolic"
        stream.append((system, kind, pools[kind][taken[kind]]))
        taken[kind] += 1
    return stream


def _clear_caches(symbolic: Any, reasoner: Any) -> None:
    """Empty the bounded caches that fill as new text arrives (see :func:`_cache_sizes`)."""
    for parser in [symbolic.parser] + ([reasoner.logic.parser] if reasoner is not None else []):
        getattr(parser, "_cache", {}).clear()
    for retriever in [symbolic.kg] + ([reasoner.kg] if reasoner is not None else []):
        for name in ("doc", "concepts_of", "relation", "depth"):
            fn = getattr(retriever, name, None)
            if hasattr(fn, "cache_clear"):
                fn.cache_clear()


def _trim() -> None:
    """Hand the allocator's free memory back to the system, so RSS counts what objects use."""
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def _run(stream: list[tuple[str, str, Any]], systems: dict[str, Any], every: int, *, cleared: bool
         ) -> dict[str, Any]:
    symbolic, reasoner, fol_symbolic = systems["symbolic"], systems["reasoner"], systems["fol"]
    if cleared:
        _clear_caches(symbolic, reasoner)
        _trim()
    gc.collect()
    samples: list[dict[str, Any]] = [{"problems": 0, "rss_mb": round(rss_mb(), 1), **_cache_sizes(symbolic, reasoner)}]
    labels = Counter[str]()
    t0 = time.perf_counter()
    for i, (system, kind, problem) in enumerate(stream, 1):
        solver = reasoner if system == "reasoner" else (fol_symbolic if kind == "fol" else symbolic)
        labels[solver.solve(problem).label.value] += 1
        if i % every == 0:
            sizes = _cache_sizes(symbolic, reasoner)
            if cleared:
                _clear_caches(symbolic, reasoner)
            gc.collect()
            if cleared:
                _trim()
            sample = {"problems": i, "rss_mb": round(rss_mb(), 1), "seconds": round(time.perf_counter() - t0, 1),
                      **sizes}
            samples.append(sample)
            print(json.dumps({"mode": "cleared" if cleared else "kept", **sample}), flush=True)
    body = [s for s in samples if s["problems"] > 0]
    quarter = max(1, len(body) // 4)
    first = statistics.mean(s["rss_mb"] for s in body[:quarter])
    last = statistics.mean(s["rss_mb"] for s in body[-quarter:])
    return {"samples": samples, "seconds": round(time.perf_counter() - t0, 1), "quarter_samples": quarter,
            "first_quarter_mb": round(first, 1), "last_quarter_mb": round(last, 1), "growth_mb": round(last - first, 1),
            "growth_pct": round(100 * (last - first) / first, 2), "labels": dict(labels)}


def main(argv: list[str] | None = None) -> dict[str, Any]:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--every", type=int, default=500)
    ap.add_argument("--reasoner-share", type=float, default=0.1, help="share of problems through the Reasoner")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--unique", type=int, default=None,
                    help="draw from only this many distinct problems per kind (a leak grows even then; a cache does not)")
    ap.add_argument("--modes", default="kept,cleared",
                    help="kept: caches as a service keeps them; cleared: bounded caches emptied (and the allocator "
                         "trimmed) before each sample, so RSS is what stays alive: the leak check")
    ap.add_argument("--out", default=str(Path(__file__).resolve().parent / "RESULTS-memory.md"))
    args = ap.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    import logging

    logging.disable(logging.WARNING)
    from nesy.logic.system import SymbolicSystem
    from nesy.reasoner import Reasoner

    stream = _build_stream(args, random.Random(args.seed))
    t_build = time.perf_counter()
    symbolic = SymbolicSystem()
    systems = {"symbolic": symbolic, "reasoner": Reasoner.default() if args.reasoner_share else None,
               "fol": SymbolicSystem(kg=symbolic.kg)}  # FOL problems declare themselves formal; one graph for both
    for system, _kind, problem in stream[:20]:  # warm up outside the curve (spaCy, models, Z3)
        systems["reasoner" if system == "reasoner" else "symbolic"].solve(problem)
    build_s = time.perf_counter() - t_build
    runs = {}
    for mode in [m.strip() for m in args.modes.split(",") if m.strip()]:
        if mode not in ("kept", "cleared"):
            ap.error(f"unknown mode {mode!r}; choose kept and/or cleared")
        runs[mode] = _run(stream, systems, args.every, cleared=mode == "cleared")
        r = runs[mode]
        print(f"{mode}: RSS first quarter {r['first_quarter_mb']:.1f} MB, last quarter {r['last_quarter_mb']:.1f} MB: "
              f"growth {r['growth_mb']:+.1f} MB ({r['growth_pct']:+.2f}%); {args.n} problems in {r['seconds']:.0f} s.")
    result = {
        "command": "python benchmarks/memory_flat.py " + " ".join(argv if argv is not None else sys.argv[1:]),
        **stamp(), "n": args.n, "every": args.every, "mix": dict(Counter(f"{s}:{k}" for s, k, _ in stream)),
        "build_and_warmup_s": round(build_s, 1), "runs": runs,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    out = Path(args.out)
    out.with_suffix(".json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    out.write_text(_markdown(result), encoding="utf-8")
    print(f"peak RSS {result['peak_rss_mb']:.0f} MB; report {out}")
    return result


def _cache_sizes(symbolic: Any, reasoner: Any) -> dict[str, int]:
    """Entries in the bounded caches that fill as new text arrives (parse cache, graph retriever's spaCy docs and
    relations, spaCy's string store)."""
    parsers = [symbolic.parser] + ([reasoner.logic.parser] if reasoner is not None else [])
    retrievers = [symbolic.kg] + ([reasoner.kg] if reasoner is not None else [])
    out = {"parse_cache": sum(len(getattr(p, "_cache", ())) for p in parsers)}
    for name in ("doc", "relation"):
        out[f"kg_{name}"] = sum(getattr(r, name).cache_info().currsize for r in retrievers
                                if r is not None and hasattr(getattr(r, name, None), "cache_info"))
    nlp = getattr(symbolic.parser, "_nlp", None)
    out["spacy_strings"] = len(nlp.vocab.strings) if nlp is not None else 0
    return out


def _markdown(r: dict[str, Any]) -> str:
    mix = ", ".join(f"{v:,} {k.replace(':', ' ')}" for k, v in sorted(r["mix"].items()))
    lines = [
        "# Memory over 10,000 mixed problems",
        "",
        f"`{r['command'].strip()}` on {r['machine']}, {r['date']}: {r['n']:,} problems in one process ({mix}), "
        f"after {r['build_and_warmup_s']:.0f} s of loading and warm-up; resident memory (RSS, after a garbage "
        f"collection) every {r['every']} problems. Peak RSS of the whole process {r['peak_rss_mb']:.0f} MB.",
        "",
        "- **kept**: the caches as a long-running service keeps them. They are bounded — the English parse cache "
        "(sentences; cleared at 50,000 per parser), the graph retriever's spaCy documents (4,096 per retriever) and "
        "relation look-ups (100,000) — so this curve rises while they fill with new text and levels off at their "
        "caps.",
        "- **cleared**: the same problems again, with those caches emptied and the allocator trimmed "
        "(`malloc_trim`) before each sample, so RSS is what stays alive from problem to problem: the leak check. "
        "It runs after the kept run in the same process, so it starts from the memory that run left behind "
        "(pages the allocator could not hand back).",
        "",
        "| run | first quarter (MB) | last quarter (MB) | growth | seconds |",
        "|---|---|---|---|---|",
    ]
    for mode, run in r["runs"].items():
        lines.append(f"| {mode} | {run['first_quarter_mb']:.1f} | {run['last_quarter_mb']:.1f} | "
                     f"**{run['growth_mb']:+.1f} MB ({run['growth_pct']:+.2f}%)** | {run['seconds']:.0f} |")
    lines += ["", "First and last quarter: means of the first and last quarter's samples "
              f"({next(iter(r['runs'].values()))['quarter_samples'] if r['runs'] else 0} each).", ""]
    modes = list(r["runs"])
    header = "| problems | " + " | ".join(f"RSS {m} (MB)" for m in modes)
    header += " | parse cache | kg docs | kg relations | spaCy strings |"
    lines += ["Cache columns: entries when the sample was taken, in the kept run (the cleared run empties them).", "",
              header, "|---|" + "---|" * (len(modes) + 4)]
    kept = r["runs"].get("kept") or next(iter(r["runs"].values()))
    for k, s in enumerate(kept["samples"]):
        rss = " | ".join(f"{r['runs'][m]['samples'][k]['rss_mb']:.1f}" for m in modes)
        lines.append(f"| {s['problems']:,} | {rss} | {s.get('parse_cache', '')} | {s.get('kg_doc', '')} | "
                     f"{s.get('kg_relation', '')} | {s.get('spacy_strings', '')} |")
    for mode, run in r["runs"].items():
        lines.append("")
        lines.append(f"Answers ({mode}): {', '.join(f'{k} {v:,}' for k, v in sorted(run['labels'].items()))}.")
    lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
