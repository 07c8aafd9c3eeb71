"""Learned phrase axioms (nesy.nli.phrases): how often a decision resting on them is right, per threshold.

For each file, the symbolic system (graph and abduction on) reads every pair; on the pairs it leaves open, the
learned phrase axioms are tried at each threshold of a grid, one kind at a time (entailing ``a → b`` and excluding
``a → ¬b``, for nouns and for verbs: nesy.nli.phrases.KINDS). Reported: how many open pairs each threshold decides and how many of those are right
(precision), so a threshold is chosen on training data and checked on a dev file in the same run.

``--write`` stores, for each kind, the lowest threshold whose precision on the first (training) file is at least
``--target`` over at least ``--min-n`` decisions, with that measured precision, in
nesy/resources/phrase_axioms.json (the shipped thresholds).

Run:  .venv/bin/python benchmarks/phrase_axioms.py [--cap 1500] [--write]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data"
FILES = ["sick/SICK_train.txt", "sick/SICK_trial.txt", "nli_probes/lexical/train.jsonl",
         "nli_probes/monotonicity_infer/train.jsonl"]
GRID = (0.6, 0.7, 0.8, 0.9, 0.95, 0.98)
_BINARY = {"entailed": "entailment", "not-entailed": "not", "not_entailment": "not"}


def _right(label: str, gold: str) -> bool:
    gold = _BINARY.get(gold, gold)
    return label == gold or (gold == "not" and label != "entailment")


def run_file(system, scorer, problems):  # type: ignore[no-untyped-def]
    from nesy.nli.phrases import KINDS, PhraseAxioms

    open_ = []
    for p in problems:
        v, _ = system.solve_with_analysis(p)
        if not v.proved and v.label.value == "neutral" and "Unknown" in v.trace.summary:
            open_.append(p)
    rows = {}
    phrases = PhraseAxioms(scorer, thresholds={})  # one instance: the network's scores are cached
    for kind in KINDS:
        for t in GRID:
            phrases.thresholds = {kind: t}
            decided = right = 0
            for p in open_:
                v, a = system.solve_with_analysis(p, phrases=phrases)
                if a is not None and a.soft:
                    decided += 1
                    right += _right(v.label.value, p.gold)
            rows[f"{kind}@{t}"] = {"kind": kind, "threshold": t, "decided": decided, "right": right,
                                   "precision": right / decided if decided else None}
    return {"n": len(problems), "open": len(open_), "rows": rows}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cap", type=int, default=1500)
    ap.add_argument("--files", nargs="*", default=FILES)
    ap.add_argument("--target", type=float, default=0.95)
    ap.add_argument("--min-n", type=int, default=10)
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--model", default="default",
                    help="the NLI checkpoint whose phrase judgements are measured (a Hugging Face folder works too)")
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "RESULTS-phrase-axioms.md"))
    args = ap.parse_args(argv)

    from nesy.data import load
    from nesy.kg.retriever import Retriever
    from nesy.logic.system import SymbolicSystem
    from nesy.nli.scorer import NliScorer

    kg = Retriever()
    system = SymbolicSystem(kg=kg)
    scorer = NliScorer(args.model)
    results = {}
    for rel in args.files:
        path = DATA / rel
        if not path.is_file():
            print(f"skip {rel}: not found", file=sys.stderr)
            continue
        items = [p for p in load(path) if not p.is_multiple_choice and p.gold]
        random.Random(13).shuffle(items)
        results[rel] = run_file(system, scorer, items[: args.cap])
        print(json.dumps({rel: results[rel]}), flush=True)
    lines = ["# Learned phrase axioms: decisions and precision per threshold", "",
             f"Command: `python benchmarks/phrase_axioms.py {' '.join(argv if argv is not None else sys.argv[1:])}`. "
             "Symbolic system with the graph and "
             "abduction; 'open' = pairs it leaves unknown; a row = the learned axioms of one kind at one threshold "
             "tried on those pairs (decided, right, precision). Such decisions are never shown as proofs.", ""]
    for rel, r in results.items():
        lines += [f"## {rel} (n={r['n']}, open {r['open']})", "", "| kind | threshold | decided | right | precision |",
                  "|---|---:|---:|---:|---:|"]
        for row in r["rows"].values():
            prec = "–" if row["precision"] is None else f"{row['precision']:.3f}"
            lines.append(f"| {row['kind']} | {row['threshold']} | {row['decided']} | {row['right']} | {prec} |")
        lines.append("")
    chosen: dict[str, object] = {}
    if results:
        train = next(iter(results.values()))
        from nesy.nli.phrases import KINDS

        for kind in KINDS:
            ok = [row for row in train["rows"].values() if row["kind"] == kind and row["decided"] >= args.min_n
                  and row["precision"] is not None and row["precision"] >= args.target]
            chosen[kind] = min(ok, key=lambda row: row["threshold"]) if ok else None
        lines += [f"Chosen on {next(iter(results))} (lowest threshold with precision ≥ {args.target} over ≥ "
                  f"{args.min_n} decisions): " + "; ".join(
                      f"{k} {'none' if v is None else v['threshold']}" for k, v in chosen.items()), ""]
    Path(args.out).write_text("\n".join(lines))
    if args.write and chosen:
        from nesy._version import __version__

        out = {"format": "nesy-phrase-axioms", "version": 1, "nesy_version": __version__,
               "measured_on": next(iter(results)), "target_precision": args.target, "min_decisions": args.min_n,
               "command": "python benchmarks/phrase_axioms.py " + " ".join(argv if argv is not None else sys.argv[1:]),
               "thresholds": {k: v["threshold"] if v else None for k, v in chosen.items()},  # type: ignore[index]
               "precision": {k: v["precision"] for k, v in chosen.items() if v},  # type: ignore[index]
               "decisions": {k: v["decided"] for k, v in chosen.items() if v}}  # type: ignore[index]
        (ROOT / "nesy" / "resources" / "phrase_axioms.json").write_text(json.dumps(out, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
