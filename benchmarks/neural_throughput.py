"""Throughput of nesy's scorer vs transformers.pipeline("text-classification"), same model, same pairs.

Run:  .venv/bin/python benchmarks/neural_throughput.py [--n 2000] [--model nesy/resources/models/nli-minilm]

Both run on the CPU in this one process over the same SNLI validation pairs. The pipeline
gets the merged model and tokenizer object nesy uses, with the same batch size. Also measured:
nesy with dynamic int8 quantisation, and the accuracy of each on those pairs.
"""

from __future__ import annotations

import argparse
import json
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
    ap.add_argument("--model", default="default")
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--batch-size", type=int, default=32)
    args = ap.parse_args(argv)
    import torch
    from transformers import pipeline

    from nesy.data import load
    from nesy.nli.scorer import NliScorer

    problems = load(args.path)[: args.n]
    pairs = [(p.premises[0], p.hypothesis) for p in problems]
    gold = [p.gold for p in problems]

    def acc(labels: list[str]) -> float:
        return sum(a == b for a, b in zip(labels, gold)) / len(gold)

    scorer = NliScorer(args.model, device="cpu", batch_size=args.batch_size)
    scorer.score_many(pairs[:64], show_progress_bar=False)  # warm-up
    t0 = time.perf_counter()
    scores = scorer.score_many(pairs, show_progress_bar=False)
    t_nesy = time.perf_counter() - t0

    pipe = pipeline("text-classification", model=scorer.model, tokenizer=scorer.tokenizer, device=-1)
    inputs = [{"text": p, "text_pair": h} for p, h in pairs]
    list(pipe(inputs[:64], batch_size=args.batch_size, truncation=True))
    t0 = time.perf_counter()
    outs = list(pipe(inputs, batch_size=args.batch_size, truncation=True))
    t_pipe = time.perf_counter() - t0
    pipe_labels = [o["label"].lower() if isinstance(o, dict) else o[0]["label"].lower() for o in outs]

    q = NliScorer(args.model, device="cpu", batch_size=args.batch_size, quantize=True)
    q.score_many(pairs[:64], show_progress_bar=False)
    t0 = time.perf_counter()
    q_scores = q.score_many(pairs, show_progress_bar=False)
    t_q = time.perf_counter() - t0

    out = {
        "benchmark": "neural_throughput", "n": len(pairs), "model": args.model, "batch_size": args.batch_size,
        "nesy_pairs_per_s": round(len(pairs) / t_nesy, 1), "pipeline_pairs_per_s": round(len(pairs) / t_pipe, 1),
        "speedup_vs_pipeline": round(t_pipe / t_nesy, 2),
        "nesy_int8_pairs_per_s": round(len(pairs) / t_q, 1),
        "accuracy_nesy": round(acc([s.label.value for s in scores]), 4),
        "accuracy_pipeline": round(acc(pipe_labels), 4),
        "accuracy_int8": round(acc([s.label.value for s in q_scores]), 4),
        "torch_threads": torch.get_num_threads(),
        **stamp(),
    }
    print(json.dumps(out))
    return out


if __name__ == "__main__":
    main()
