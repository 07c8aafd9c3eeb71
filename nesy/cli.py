"""The ``nesy`` command line."""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from collections import Counter
from collections.abc import Sequence
from typing import Any

from nesy.errors import NesyError
from nesy.types import SYSTEMS, Problem

__all__ = ["main"]

logger = logging.getLogger("nesy")

DEMO_PROBLEMS: tuple[Problem, ...] = (
    Problem(
        id="demo-rules",
        premises=(
            "Bob is cold.",
            "Bob is quiet.",
            "If something is quiet and cold then it is smart.",
            "All smart things are kind.",
        ),
        hypothesis="Bob is kind.",
        gold="entailment",
    ),
    Problem(
        id="demo-categories",
        premises=("Every wumpus is a yumpus.", "Each yumpus is not bitter.", "Max is a wumpus."),
        hypothesis="Max is bitter.",
        gold="contradiction",
    ),
    Problem(
        id="demo-nli",
        premises=("A man is playing a guitar on stage.",),
        hypothesis="A man is playing an instrument.",
        gold="entailment",
    ),
)


def _system_options(name: str, args: argparse.Namespace) -> dict[str, Any]:
    """The CLI flags that apply to system ``name`` (others are ignored with a warning)."""
    opts: dict[str, Any] = {}
    logic = name in ("symbolic", "nesy")
    if getattr(args, "fol", False):
        if logic:
            opts["use_fol"] = True
        else:
            logger.warning("--fol has no effect on the neural system.")
    if getattr(args, "timeout", None) is not None:
        if logic:
            opts["timeout_ms"] = int(args.timeout * 1000)
        else:
            logger.warning("--timeout has no effect on the neural system.")
    if getattr(args, "model", None):
        if name != "symbolic":
            opts["model"] = args.model
        else:
            logger.warning("--model has no effect on the symbolic system.")
    return opts


def _build(name: str, args: argparse.Namespace) -> Any:
    from nesy.systems import get_system

    workers = getattr(args, "workers", 1) or 1
    if workers > 1:
        from nesy.parallel import DistributedSystem

        return DistributedSystem(name, _system_options(name, args), workers=workers)
    return get_system(name, **_system_options(name, args))


def _cmd_data(args: argparse.Namespace) -> int:
    from pathlib import Path

    from nesy.data.loaders import _read_text, detect_format, load

    path = Path(args.path)
    problems = load(path, args.format)
    fmt = args.format if args.format != "auto" else detect_format(path, _read_text(path))
    labels = Counter(
        (str(p.gold_choice) if p.is_multiple_choice else (p.gold or "none")) for p in problems
    )
    sample = problems[0]
    if args.json:
        print(json.dumps({"path": str(path), "format": fmt, "n": len(problems), "labels": dict(labels),
                          "sample": sample.to_dict()}, ensure_ascii=False))
        return 0
    print(f"format: {fmt}")
    print(f"items:  {len(problems)}")
    print("labels: " + ", ".join(f"{k}={v}" for k, v in sorted(labels.items())))
    print("sample:")
    print(json.dumps(sample.to_dict(), indent=2, ensure_ascii=False)[:2000])
    return 0


def _cmd_eval(args: argparse.Namespace) -> int:
    if args.resume and not args.predictions:
        from nesy.errors import ConfigError

        raise ConfigError("--resume needs --predictions OUT.jsonl: the predictions file of the run to continue.")
    system = _build(args.system, args)
    try:
        results = _eval_paths(system, args)
    finally:
        if hasattr(system, "close"):
            system.close()
    if args.json:
        for out in results[:-1]:
            print(json.dumps(out))
        print(json.dumps(results[-1]))
    return 0


def _eval_paths(system: Any, args: argparse.Namespace) -> list[dict[str, Any]]:
    from nesy.data import load
    from nesy.evaluate import CHUNK_SIZE, evaluate

    results: list[dict[str, Any]] = []
    for path in args.paths:
        problems = load(path, args.format, limit=args.limit)
        if args.fol and not any(p.premises_fol for p in problems):
            logger.warning("%s has no FOL annotations; --fol falls back to parsing the text.", path)
        target = None
        if args.predictions:  # written as the items are answered; --resume continues it
            target = args.predictions if len(args.paths) == 1 else f"{args.predictions}.{len(results) + 1}"
        ev = evaluate(system, problems, path=str(path), show_progress_bar=None if not args.quiet else False,
                      predictions=target, resume=args.resume, chunk_size=CHUNK_SIZE * max(1, args.workers or 1))
        out = ev.to_dict()
        results.append(out)
        if args.plot:
            from nesy.fusion.plots import reliability_diagram

            target = args.plot if len(args.paths) == 1 else f"{len(results)}.{args.plot}"
            reliability_diagram(ev, target)
        if not args.json:
            _print_eval(out)
    return results


def _print_eval(out: dict[str, Any]) -> None:
    print(f"{out['path']}  [{out['system']}]")
    print(f"  items {out['n']}  accuracy {out['accuracy']:.4f}  macro-F1 {out['macro_f1']:.4f}  "
          f"ECE {out['ece']:.4f} (noise floor {out['ece_floor']:.4f})  coverage {out['coverage']:.3f}  ({out['seconds']:.1f} s)")
    if out.get("mc_accuracy") is not None:
        print(f"  multiple-choice accuracy {out['mc_accuracy']:.4f}")
    for lab, m in out["per_label"].items():
        print(f"    {lab:15s} P {m['precision']:.3f} R {m['recall']:.3f} F1 {m['f1']:.3f} n {m['support']}")


def _cmd_infer(args: argparse.Namespace) -> int:
    system = _build(args.system, args)
    if args.fol:
        problem = Problem(id="cli", premises=tuple(args.premise), hypothesis=args.hypothesis,
                          premises_fol=tuple(args.premise), hypothesis_fol=args.hypothesis, metadata={"formal": True})
    else:
        from nesy.data import split_sentences

        premises: list[str] = []
        for p in args.premise:
            premises.extend(split_sentences(p) or (p,))
        problem = Problem(id="cli", premises=tuple(premises), hypothesis=args.hypothesis)
    verdict = system.solve(problem)
    if args.json:
        print(json.dumps(verdict.to_dict()))
    else:
        _print_verdict(problem, verdict)
    if args.png:
        verdict.trace.to_png(args.png)
    return 0


def _print_verdict(problem: Problem, verdict: Any) -> None:
    for i, p in enumerate(problem.premises, 1):
        print(f"  P{i}: {p}")
    print(f"  H:  {problem.hypothesis}")
    probs = "  ".join(f"{k} {v:.3f}" for k, v in verdict.probability_map.items())
    print(f"=> {verdict.label.value.upper()}  [{verdict.system}]  ({probs})")
    text = verdict.trace.to_text()
    if text:
        print(text)


def _cmd_demo(args: argparse.Namespace) -> int:
    from nesy.errors import SystemUnavailableError
    from nesy.systems import get_system

    system = None
    for name in (args.system,) if args.system else ("nesy", "symbolic"):
        try:
            system = get_system(name)
            break
        except SystemUnavailableError as err:
            logger.warning("%s", err)
    if system is None:
        raise SystemUnavailableError("No reasoning system is available yet; see the README for set-up.")
    for problem in DEMO_PROBLEMS:
        t = time.perf_counter()
        verdict = system.solve(problem)
        print(f"--- {problem.id} (gold: {problem.gold}, {1000 * (time.perf_counter() - t):.0f} ms)")
        _print_verdict(problem, verdict)
        print()
    return 0


def build_parser() -> argparse.ArgumentParser:
    from nesy._version import __version__
    from nesy.data.loaders import FORMATS

    parser = argparse.ArgumentParser(prog="nesy", description="Neuro-symbolic entailment: neural + knowledge graph + Z3.")
    parser.add_argument("--version", action="version", version=f"nesy {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more logging (-vv for debug)")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("eval", help="evaluate a system on dataset files")
    p.add_argument("paths", nargs="+")
    p.add_argument("--system", choices=SYSTEMS, default="nesy")
    p.add_argument("--format", choices=FORMATS, default="auto")
    p.add_argument("--limit", type=int, default=None, help="only the first N items of each file")
    p.add_argument("--fol", action="store_true", help="use the file's FOL annotations instead of parsing text")
    p.add_argument("--json", action="store_true", help="print one JSON object per file; the last line is the last file")
    p.add_argument("--predictions", metavar="OUT.jsonl",
                   help="write one JSON line per item, as each is answered (flushed)")
    p.add_argument("--resume", action="store_true",
                   help="continue the run in --predictions: items that have a record there are not answered again")
    p.add_argument("--plot", metavar="PNG", help="write a reliability diagram")
    p.add_argument("--timeout", type=float, default=None, help="solver time limit per problem, seconds")
    p.add_argument("--model", default=None, help="neural model directory or hub id")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--workers", type=int, default=1, help="answer on N Ray workers (local cluster unless RAY_ADDRESS)")
    p.set_defaults(func=_cmd_eval)

    p = sub.add_parser("infer", help="decide one hypothesis")
    p.add_argument("--premise", action="append", required=True, help="a premise (repeatable)")
    p.add_argument("--hypothesis", required=True)
    p.add_argument("--system", choices=SYSTEMS, default="nesy")
    p.add_argument("--fol", action="store_true", help="premises and hypothesis are FOL formulas")
    p.add_argument("--json", action="store_true")
    p.add_argument("--timeout", type=float, default=None)
    p.add_argument("--model", default=None)
    p.add_argument("--png", metavar="FILE", help="also draw the proof trace as a PNG graph")
    p.set_defaults(func=_cmd_infer)

    p = sub.add_parser("data", help="inspect a dataset file")
    p.add_argument("path")
    p.add_argument("--format", choices=FORMATS, default="auto")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_cmd_data)

    p = sub.add_parser("demo", help="run nesy on bundled examples")
    p.add_argument("--system", choices=SYSTEMS, default=None)
    p.set_defaults(func=_cmd_demo)

    _add_optional_commands(sub)
    return parser


def _add_optional_commands(sub: Any) -> None:
    """Commands whose implementation lives in a stage subpackage."""
    try:
        from nesy.nli.train import add_cli as add_train
    except ImportError:
        pass
    else:
        add_train(sub)
    try:
        from nesy.fusion.cli import add_cli as add_fusion
    except ImportError:
        pass
    else:
        add_fusion(sub)
    from nesy.audit.cli import add_cli as add_audit

    add_audit(sub)
    from nesy.rules.cli import add_cli as add_rules
    add_rules(sub)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    level = logging.WARNING - 10 * min(args.verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    try:
        return int(args.func(args) or 0)
    except NesyError as err:
        print(f"nesy: error: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
