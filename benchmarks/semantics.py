"""Proved coverage and precision of the symbolic system (the compositional semantics + Z3) on English.

Run:  .venv/bin/python benchmarks/semantics.py [--quick] [--only NAME ...]

For each file: items, 3-way accuracy of the symbolic system alone (an unproved item is answered NEUTRAL /
Unknown), coverage (share of items decided by a proof) and precision of the proved items; per phenomenon for
the hand-written suites (benchmarks/suites). Datasets from ../shared/data are skipped when absent; files over
``--limit`` items are scored on a seeded sample. Speed: parse + prove per SICK pair (spaCy, the semantics,
the knowledge-graph axioms, both Z3 checks and the core minimisation), warm caches off (each pair parsed fresh).

Writes benchmarks/RESULTS-semantics.md and .json.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
SUITES = ROOT / "benchmarks" / "suites"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _stamp import stamp  # noqa: E402

#: (name, path, reading or None for the loader's own, group key in the suite file)
FILES: list[tuple[str, Path, str | None, str]] = [
    ("phenomena (dev)", SUITES / "phenomena.jsonl", "classical", "phenomenon"),
    ("phenomena (blind)", SUITES / "phenomena_blind.jsonl", "classical", "phenomenon"),
    ("captions (scene)", SUITES / "captions.jsonl", "scene", "phenomenon"),
    ("monotonicity", SUITES / "monotonicity.jsonl", "classical", "phenomenon"),
    ("rule text (dev)", SUITES / "rule_text.jsonl", "classical", "domain"),
    ("rule text (blind)", SUITES / "rule_text_blind.jsonl", "classical", "domain"),
    ("SICK trial", DATA / "sick" / "SICK_trial.txt", None, ""),
    ("FOLIO train (English)", DATA / "folio" / "folio-train.jsonl", None, ""),
    *[(f"probe: {p}", DATA / "nli_probes" / p / "train.jsonl", None, "")
      for p in ("boolean", "quantifier", "negation", "comparative", "conditional", "counting",
                "monotonicity_infer", "spatial", "lexical")],
]


def suite_problems(path: Path, reading: str) -> list[tuple[Any, str]]:
    from nesy.types import Problem

    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        prem = row.get("premises") or [row["premise"]]
        p = Problem(id=str(row["id"]), premises=tuple(prem), hypothesis=row["hypothesis"], gold=row["gold"],
                    reading=row.get("reading", reading))  # type: ignore[arg-type]
        out.append((p, str(row.get("phenomenon") or row.get("domain") or "")))
    return out


def score(system: Any, items: list[tuple[Any, str]]) -> dict[str, Any]:
    from nesy.types import project_label

    tot: Counter[str] = Counter()
    groups: dict[str, Counter[str]] = defaultdict(Counter)
    t0 = time.perf_counter()
    for p, group in items:
        v = system.solve(p)
        pred = project_label(v.label, p.scheme)
        ok = pred == p.gold
        for c in (tot, groups[group]):
            c["n"] += 1
            c["correct"] += ok
            c["decided_gold"] += p.gold not in ("neutral", "not_entailment", "unknown")
            if v.proved:
                c["proved"] += 1
                c["proved_correct"] += ok
    res = _figures(tot)
    res["seconds"] = round(time.perf_counter() - t0, 1)
    if len(groups) > 1:
        res["groups"] = {g: _figures(c) for g, c in sorted(groups.items())}
    return res


def _figures(c: Counter[str]) -> dict[str, Any]:
    n = max(c["n"], 1)
    return {"n": c["n"], "accuracy": round(c["correct"] / n, 3), "coverage": round(c["proved"] / n, 3),
            "proved": c["proved"], "precision": round(c["proved_correct"] / c["proved"], 3) if c["proved"] else None,
            "proved_share_of_decided_gold": round(c["proved_correct"] / c["decided_gold"], 3) if c["decided_gold"]
            else None}


def speed(system: Any, n: int) -> dict[str, Any]:
    from nesy.data import load

    path = DATA / "sick" / "SICK_trial.txt"
    if not path.is_file():
        return {}
    problems = load(path)[:n]
    system.solve(problems[0])
    times = []
    for p in problems:
        system.reader._trees.clear()
        t0 = time.perf_counter()
        system.solve(p)
        times.append(time.perf_counter() - t0)
    q = statistics.quantiles(times, n=100)
    return {"pairs": len(times), "median_ms": round(1000 * statistics.median(times), 1),
            "p95_ms": round(1000 * q[94], 1), "max_ms": round(1000 * max(times), 1)}


def main(argv: list[str] | None = None) -> dict[str, Any]:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=500, help="sample at most this many items per dataset file")
    ap.add_argument("--quick", action="store_true", help="100 items per dataset file, 100 pairs for speed")
    ap.add_argument("--only", nargs="*", help="names (substrings) of the files to run")
    ap.add_argument("--speed-pairs", type=int, default=500)
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "RESULTS-semantics"))
    args = ap.parse_args(argv)
    limit = 100 if args.quick else args.limit
    from nesy.data import load
    from nesy.logic.system import SymbolicSystem

    system = SymbolicSystem()
    results: dict[str, Any] = {}
    for name, path, reading, _ in FILES:
        if args.only and not any(o.lower() in name.lower() for o in args.only):
            continue
        if not path.is_file():
            print(f"skip {name}: {path} not found", file=sys.stderr)
            continue
        if path.parent == SUITES:
            items = suite_problems(path, reading or "classical")
        else:
            problems = load(path)
            if len(problems) > limit:
                problems = random.Random(0).sample(problems, limit)
            items = [(p, "") for p in problems]
        results[name] = score(system, items)
        print(f"{name:26} {json.dumps({k: v for k, v in results[name].items() if k != 'groups'})}", flush=True)
    out: dict[str, Any] = {"benchmark": "semantics", "files": results, **stamp()}
    if not args.only:
        out["speed_sick"] = speed(system, 100 if args.quick else args.speed_pairs)
        print("speed", out["speed_sick"])
    Path(args.out + ".json").write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    Path(args.out + ".md").write_text(render(out), encoding="utf-8")
    return out


def render(out: dict[str, Any]) -> str:
    lines = ["# Symbolic system on English: proved coverage and precision", "",
             f"`python benchmarks/semantics.py` — {out['machine']}, {out['date']}. Accuracy is the symbolic system's "
             "alone (an unproved item is answered Unknown); coverage = share of items decided by a proof; precision ="
             " share of proved items that are right; 'proved / decided gold' = share of the entailed or contradicted "
             "items that are proved correctly. Files above 500 items: seeded sample of 500.", "",
             "| file | n | accuracy | coverage | precision | proved / decided gold |", "|---|---|---|---|---|---|"]
    for name, r in out["files"].items():
        prec = "—" if r["precision"] is None else f"{r['precision']:.3f}"
        share = "—" if r["proved_share_of_decided_gold"] is None else f"{r['proved_share_of_decided_gold']:.3f}"
        lines.append(f"| {name} | {r['n']} | {r['accuracy']:.3f} | {r['coverage']:.3f} | {prec} | {share} |")
    for name, r in out["files"].items():
        if "groups" not in r:
            continue
        lines += ["", f"## {name} by phenomenon", "", "| phenomenon | n | accuracy | coverage | precision |",
                  "|---|---|---|---|---|"]
        for g, f in r["groups"].items():
            prec = "—" if f["precision"] is None else f"{f['precision']:.3f}"
            lines.append(f"| {g} | {f['n']} | {f['accuracy']:.3f} | {f['coverage']:.3f} | {prec} |")
    sp = out.get("speed_sick")
    if sp:
        lines += ["", "## Speed", "", f"Parse + prove per SICK trial pair ({sp['pairs']} pairs, fresh parses): median "
                  f"{sp['median_ms']} ms, p95 {sp['p95_ms']} ms, max {sp['max_ms']} ms."]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
