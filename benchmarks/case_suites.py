"""The legal and medical case suites against their rule bases (issue 16): every case's facts and question are
asked of ``knowledge/<domain>/rules.txt`` by the symbolic system alone (``RuleBase.ask``), by nesy (network +
graph + logic + fusion, ``RuleBase.ask(reasoner=...)``) and by the network alone on the same text (facts, then
every rule statement). Reported per system: accuracy, macro-F1, the share of entailed/contradicted cases answered
by a proof that cites rule lines, proved precision, and for the proofs whether the cited lines include the lines
the case file expects.

    python benchmarks/case_suites.py                 # all three systems, writes RESULTS-cases.md/json
    python benchmarks/case_suites.py --systems symbolic --out /tmp/cases
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks._stamp import stamp  # noqa: E402

logger = logging.getLogger("benchmarks.case_suites")
DOMAINS = ("legal", "medical")
LABELS = ("entailment", "neutral", "contradiction")


def _macro_f1(gold: list[str], pred: list[str]) -> float:
    f1s = []
    for lab in LABELS:
        tp = sum(g == p == lab for g, p in zip(gold, pred))
        fp = sum(p == lab and g != lab for g, p in zip(gold, pred))
        fn = sum(g == lab and p != lab for g, p in zip(gold, pred))
        if tp + fp + fn == 0:
            continue
        f1s.append(2 * tp / (2 * tp + fp + fn))
    return sum(f1s) / len(f1s) if f1s else 0.0


def run_domain(domain: str, system_name: str, reasoner: Any) -> dict[str, Any]:
    from nesy.rules import RuleBase
    from nesy.types import Problem

    kb = RuleBase.from_text(ROOT / "knowledge" / domain / "rules.txt")
    cases = [json.loads(line) for line in (ROOT / "knowledge" / domain / "cases_suite.jsonl").open()
             if line.strip()]
    gold, pred, rows = [], [], []
    t0 = time.perf_counter()
    for c in cases:
        if system_name == "symbolic":
            v = kb.ask(c["question"], facts=c["facts"])
        elif system_name == "nesy":
            v = kb.ask(c["question"], facts=c["facts"], reasoner=reasoner)
        else:  # the network on the same text the others read: the facts, then every rule statement
            texts = [*kb.read_facts(c["facts"]), *[r for s in kb.statements for r in s.readings]]
            v = reasoner.solve(Problem(id=c["id"], premises=tuple(texts), hypothesis=c["question"]))
        lines = kb.cited_lines(v) if v.proved else ()
        gold.append(c["expected"])
        pred.append(v.label.value)
        rows.append({"id": c["id"], "expected": c["expected"], "got": v.label.value, "proved": v.proved,
                     "cited_lines": list(lines), "expected_lines": c.get("rules_used", []),
                     "cites_expected": bool(lines) and set(c.get("rules_used", [])) <= set(lines)})
    decided = [r for r in rows if r["expected"] != "neutral"]
    proved = [r for r in rows if r["proved"]]
    return {
        "domain": domain, "system": system_name, "n": len(rows),
        "rules": len(kb.statements), "rules_read": len(kb.statements) - len(kb.unparsed),
        "accuracy": sum(g == p for g, p in zip(gold, pred)) / len(rows),
        "macro_f1": _macro_f1(gold, pred),
        "proof_share": (sum(r["proved"] and r["cited_lines"] != [] and r["got"] == r["expected"] for r in decided)
                        / len(decided)) if decided else 0.0,
        "proved": len(proved),
        "proved_precision": (sum(r["got"] == r["expected"] for r in proved) / len(proved)) if proved else None,
        "cites_expected_lines": (sum(r["cites_expected"] for r in proved) / len(proved)) if proved else None,
        "seconds": time.perf_counter() - t0, "rows": rows,
    }


def _f(v: Any, d: int = 3) -> str:
    return "—" if v is None else f"{v:.{d}f}"


def write(results: list[dict[str, Any]], out: Path, command: str) -> None:
    st = stamp()
    lines = ["# Case suites against the rule bases", "", f"Command: `{command}`  ", f"Date: {st['date']}  ",
             f"Machine: {st['machine']}", "",
             "Each case's facts and question are asked of `knowledge/<domain>/rules.txt` "
             "(`RuleBase.ask`; nesy: `RuleBase.ask(reasoner=...)`; the network alone reads the same facts and rule "
             "statements). *Proof share* is the share of entailed/contradicted cases answered correctly by a proof "
             "that cites rule lines; *cites expected* the share of proofs whose cited lines include every line "
             "the case file lists.", "",
             "| domain | system | cases | rules read | accuracy | macro-F1 | proof share | proved | proved precision "
             "| cites expected | s |", "|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        lines.append(f"| {r['domain']} | {r['system']} | {r['n']} | {r['rules_read']}/{r['rules']} | "
                     f"{r['accuracy']:.3f} | {r['macro_f1']:.3f} | {r['proof_share']:.3f} | {r['proved']} | "
                     f"{_f(r['proved_precision'])} | {_f(r['cites_expected_lines'])} | {r['seconds']:.0f} |")
    wrong = [(r["system"], x) for r in results for x in r["rows"] if x["proved"] and x["got"] != x["expected"]]
    lines += ["", f"Wrong proofs: {len(wrong)}" + (":" if wrong else "."), ""]
    lines += [f"- {s}: {x['id']} expected {x['expected']}, proved {x['got']} from lines {x['cited_lines']}"
              for s, x in wrong]
    out.with_suffix(".md").write_text("\n".join(lines) + "\n")
    out.with_suffix(".json").write_text(json.dumps({"stamp": st, "command": command, "results": results}, indent=1))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--systems", nargs="+", default=["symbolic", "nesy", "neural"],
                    choices=["symbolic", "nesy", "neural"])
    ap.add_argument("--domains", nargs="+", default=list(DOMAINS), choices=list(DOMAINS))
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "RESULTS-cases"))
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    from nesy.systems import get_system

    results = []
    for name in args.systems:
        reasoner = None if name == "symbolic" else get_system(name)
        for domain in args.domains:
            res = run_domain(domain, name, reasoner)
            results.append(res)
            print(json.dumps({k: v for k, v in res.items() if k != "rows"}), flush=True)
    command = "python benchmarks/case_suites.py" + (" " + " ".join(argv if argv is not None else sys.argv[1:])
                                                     if (argv if argv is not None else sys.argv[1:]) else "")
    write(results, Path(args.out), command)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
