"""Benchmark runner: ``python -m benchmarks run --suite {logic,nli,probes,domains,bias,speed,all}``.

Evaluates the neural, symbolic and nesy systems on every dataset under ../shared/data that a suite names (absent
files are skipped), on the same items for every system, and writes ``benchmarks/RESULTS.md`` (and the raw numbers beside it, ``RESULTS.json``) plus PNG plots in
``benchmarks/plots/``: one table per suite (accuracy, macro-F1, ECE, coverage), per-phenomenon breakdowns (NLI probe
types, TaxiNLI reasoning categories), published reference numbers with their sources, the NLI4CT and legal
prototypes, the bias audit, and speed (pairs/s, p50/p95 latency, peak memory per system, each in its own process).
Files larger than ``--cap`` items are scored on a seeded random sample of that many (the table gives n).
Every number in RESULTS.md comes from the run that wrote it; the command, date and machine head the file.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
sys.path.insert(0, str(ROOT))

_LB = "logicbench/aug"
_LOGICBENCH = [f"{_LB}/{kind}/{name}/data_instances.json" for kind, names in {
    "propositional_logic": ["modus_tollens", "hypothetical_syllogism", "disjunctive_syllogism", "constructive_dillema",
                            "destructive_dillema", "bidirectional_dilemma", "commutation", "material_implication"],
    "first_order_logic": ["modus_ponens", "modus_tollens", "hypothetical_syllogism", "disjunctive_syllogism",
                          "universal_instantiation", "existential_instantiation", "constructive_dillema",
                          "destructive_dillema", "bidirectional_dilemma"],
    "nm_logic": ["default_reasoning_default", "default_reasoning_irr", "default_reasoning_open",
                 "default_reasoning_several", "reasoning_about_exceptions_1", "reasoning_about_exceptions_2",
                 "reasoning_about_exceptions_3", "reasoning_about_priority"]}.items() for name in names]

PROBES = ["boolean", "negation", "quantifier", "conditional", "comparative", "counting", "lexical", "hypernymy",
          "hyponymy", "kg_relations", "analytic", "entailment_tree", "monotonicity_infer", "spatial", "temporal",
          "transitive"]

SUITES: dict[str, list[str]] = {
    "logic": ["logic_llm/ProofWriter/dev.json", "logic_llm/ProntoQA/sample.json", "logic_llm/LogicalDeduction/train.json",
              "logic_llm/FOLIO/train.json", "logic_llm/AR-LSAT/dev.json", "logicnli/dev_language.json",
              "folio/folio-train.jsonl", "entailment_bank/task_1/dev.jsonl", "entailment_bank/task_2/dev.jsonl",
              "entailment_bank/task_3/dev.jsonl", *_LOGICBENCH],
    "nli": ["snli/validation.tsv", "sick/SICK_trial.txt", "rte/train.tsv", "taxinli/taxinli10k.tsv",
            "anli/R1/dev.jsonl", "anli/R2/dev.jsonl", "anli/R3/dev.jsonl", "conjnli/adversarial_train_15k.tsv"],
    "probes": [f"nli_probes/{t}/train.jsonl" for t in PROBES],
}
CAPS = {"logicbench": 40, "entailment_bank": 150, "AR-LSAT": 100}

#: Published numbers for context (other models, other splits: not comparable one to one).
REFERENCES = [
    ("ProofWriter (Logic-LM split)", "GPT-4 standard prompting 52.67; Logic-LM (GPT-4 + solver) 79.66",
     "Pan et al. 2023, Logic-LM, Table 2"),
    ("PrOntoQA", "GPT-4 standard 77.40; Logic-LM 83.20", "Pan et al. 2023, Logic-LM, Table 2"),
    ("FOLIO", "GPT-4 standard 69.11; Logic-LM 78.92", "Pan et al. 2023, Logic-LM, Table 2"),
    ("LogicalDeduction", "GPT-4 standard 71.33; Logic-LM 87.63", "Pan et al. 2023, Logic-LM, Table 2"),
    ("AR-LSAT", "GPT-4 standard 33.33; Logic-LM 43.04", "Pan et al. 2023, Logic-LM, Table 2"),
    ("FOLIO, ProofWriter", "LINC (GPT-4 + Prover9) is evaluated on the same datasets; its figures are not quoted "
     "here because they could not be checked offline", "Olausson et al. 2023, LINC"),
    ("SNLI test / MNLI mismatched", "cross-encoder/nli-deberta-v3-base 92.38 / 90.04; nli-deberta-v3-small "
     "91.65 / 87.55 (full fine-tunes of larger models on all of SNLI + MNLI)", "sentence-transformers model cards"),
]


def _cap(rel: str, default: int | None) -> int | None:
    for key, cap in CAPS.items():
        if key in rel:
            return cap if default is None else min(cap, default)
    return default


def _sample(problems: list, cap: int | None, seed: int = 13) -> list:
    if cap is None or len(problems) <= cap:
        return problems
    keep = sorted(random.Random(seed).sample(range(len(problems)), cap))
    return [problems[i] for i in keep]


def _build(name: str) -> Any:
    from nesy.systems import get_system

    return get_system(name)


def run_suite(suite: str, systems: list[str], cap: int | None, built: dict[str, Any],
              plots: Path) -> tuple[list[dict], dict[str, list[dict]]]:
    from nesy.data import load
    from nesy.errors import NesyError
    from nesy.evaluate import evaluate
    from nesy.fusion.plots import reliability_diagram

    rows: list[dict] = []
    breakdowns: dict[str, list[dict]] = defaultdict(list)
    for rel in SUITES[suite]:
        path = DATA / rel
        if not path.is_file():
            print(f"skip {rel}: not present", file=sys.stderr)
            continue
        problems = _sample(load(path), _cap(rel, cap))
        for name in systems:
            try:
                system = built.get(name) or _build(name)
            except NesyError as err:
                print(f"skip {name}: {err}", file=sys.stderr)
                continue
            built[name] = system
            ev = evaluate(system, problems, path=rel, show_progress_bar=False)
            out = ev.to_dict()
            rows.append({k: out[k] for k in ("path", "system", "n", "accuracy", "macro_f1", "ece", "brier",
                                             "coverage", "proved_accuracy", "seconds")})
            print(json.dumps(rows[-1]), flush=True)
            if rel in ("snli/validation.tsv", "sick/SICK_trial.txt") and name in ("neural", "nesy"):
                reliability_diagram(ev, plots / f"reliability_{Path(rel).parent.name}_{name}.png")
            if "taxinli" in rel:
                cats: dict[str, list[bool]] = defaultdict(list)
                for p, rec in zip(problems, ev.records):
                    for c in p.metadata.get("categories", []):
                        cats[c].append(rec["gold"] == rec["pred"])
                for c, hits in sorted(cats.items()):
                    breakdowns["TaxiNLI reasoning category"].append(
                        {"group": c, "system": name, "n": len(hits), "accuracy": sum(hits) / len(hits)})
            if suite == "probes":
                breakdowns["NLI probe phenomenon"].append(
                    {"group": Path(rel).parent.name, "system": name, "n": out["n"], "accuracy": out["accuracy"],
                     "coverage": out["coverage"], "proved_accuracy": out["proved_accuracy"]})
    return rows, breakdowns


def run_domains(systems: list[str], built: dict[str, Any]) -> dict[str, Any]:
    from nesy.data import load
    from nesy.domains import add_domain_edges, domain_knowledge
    from nesy.domains.clinical import run_clinical
    from nesy.domains.legal import run_cases

    out: dict[str, Any] = {"nli4ct": [], "legal": []}
    path = DATA / "nli4ct" / "dev.json"
    if path.is_file():
        problems = load(path)
        medical = domain_knowledge("medical")
        for name in systems:
            system = built.get(name) or _build(name)
            built[name] = system
            kg = getattr(system, "kg", None)
            if kg is not None and not getattr(kg, "_nesy_medical", False):
                add_domain_edges(kg, medical)  # the medical graph joins WordNet for this prototype
                kg._nesy_medical = True
            report, _ = run_clinical(system, problems, k=4, show_progress_bar=False)
            out["nli4ct"].append(report.to_dict())
            print(json.dumps(out["nli4ct"][-1]), flush=True)
    for case, v in run_cases():
        out["legal"].append({"id": case.id, "expected": case.expected, "got": v.label.value, "proved": v.proved})
    return out


def run_bias(systems: list[str], built: dict[str, Any], limit: int) -> list[dict]:
    from nesy.audit.bias import audit_bias

    out = []
    for name in [s for s in systems if s != "symbolic"] + (["symbolic"] if "symbolic" in systems else []):
        report = audit_bias(built.get(name) or _build(name), limit=limit, show_progress_bar=False)
        out.append({"system": name, "markdown": report.to_markdown(), **report.to_dict()})
        print(json.dumps({k: v for k, v in out[-1].items() if k != "markdown"})[:400], flush=True)
    return out


# ------------------------------------------------------------------------ speed
def speed_one(system_name: str, n: int) -> dict:
    """Throughput and latency of one system, measured in this (fresh) process."""
    from nesy.data import load

    snli = load(DATA / "snli" / "validation.tsv")
    pw = load(DATA / "logic_llm" / "ProofWriter" / "dev.json")
    # disjoint samples for throughput and latency, so the latency loop meets no cached parses
    pairs, pairs_lat = (_sample(snli, n, seed=7), _sample(snli, 100, seed=8))
    logic, logic_lat = (_sample(pw, max(20, n // 10), seed=7), _sample(pw, 30, seed=8))
    system = _build(system_name)
    system.solve(snli[-1])  # load models outside the timings
    out: dict[str, Any] = {"system": system_name}
    for label, problems, single in (("snli", pairs, pairs_lat), ("proofwriter", logic, logic_lat)):
        t0 = time.perf_counter()
        system.solve_many(problems, show_progress_bar=False)
        batch_s = time.perf_counter() - t0
        lat = []
        for p in single:
            t = time.perf_counter()
            system.solve(p)
            lat.append(1000 * (time.perf_counter() - t))
        lat.sort()
        out[label] = {"n": len(problems), "items_per_s": round(len(problems) / batch_s, 1),
                      "p50_ms": round(statistics.median(lat), 1), "p95_ms": round(lat[int(0.95 * (len(lat) - 1))], 1)}
    # VmHWM: this process's own peak (ru_maxrss would include the parent's, inherited across fork/exec)
    with open("/proc/self/status", encoding="utf-8") as fh:
        hwm = next((int(line.split()[1]) for line in fh if line.startswith("VmHWM:")), 0)
    out["peak_rss_mb"] = round(hwm / 1024, 1) if hwm else round(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return out


def run_speed(systems: list[str], n: int) -> list[dict]:
    rows = []
    for name in systems:
        res = subprocess.run([sys.executable, "-m", "benchmarks", "speed-one", "--system", name, "--n", str(n)],
                             cwd=ROOT, capture_output=True, text=True, check=False)
        line = (res.stdout.strip().splitlines() or ["{}"])[-1]
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError:
            print(f"speed {name} failed: {res.stderr[-800:]}", file=sys.stderr)
            continue
        print(line, flush=True)
    return rows


# ------------------------------------------------------------------------ report
def _plot_accuracy(rows: list[dict], suite: str, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    datasets = list(dict.fromkeys(r["path"] for r in rows))
    systems = list(dict.fromkeys(r["system"] for r in rows))
    acc = {(r["path"], r["system"]): r["accuracy"] for r in rows}
    fig, ax = plt.subplots(figsize=(max(6, 0.55 * len(datasets) + 2), 4))
    w = 0.8 / max(len(systems), 1)
    x = np.arange(len(datasets))
    for k, s in enumerate(systems):
        ax.bar(x + k * w, [acc.get((d, s), 0) for d in datasets], width=w, label=s)
    ax.set_xticks(x + w * (len(systems) - 1) / 2)
    ax.set_xticklabels([d.replace("/data_instances.json", "").split("/", 1)[-1] for d in datasets], rotation=60,
                       ha="right", fontsize=7)
    ax.set_ylabel("accuracy")
    ax.set_ylim(0, 1)
    ax.set_title(f"{suite}: accuracy by system")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


@functools.cache
def _is_multiple_choice(rel: str) -> bool:
    from nesy.data import load

    try:
        return load(DATA / rel, limit=1)[0].is_multiple_choice
    except Exception:  # noqa: BLE001 - a file that vanished since the run: render it as a plain row
        return False


def _fmt(v: Any, digits: int = 4) -> str:
    return "—" if v is None else f"{v:.{digits}f}"


def write_results(results: dict[str, Any], command: str, out: Path, started: float | None,
                  header: list[str] | None = None) -> None:
    """Write RESULTS.md (and results.json) from ``results``; ``header`` reuses a previous run's stamp lines."""
    plots = out.parent / "plots"
    if header is None:
        header = [f"Command: `{command}`  ", f"Date: {time.strftime('%Y-%m-%d %H:%M')} UTC  ",
                  f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}  ",
                  f"Wall time: {(time.perf_counter() - (started or 0)) / 60:.1f} minutes"]
    results["header"] = header
    lines = ["# nesy benchmark results", "", *header, "",
             "Accuracy is over each file's own labels (True/False/Unknown, yes/no, entailment/neutral/contradiction); "
             "multiple-choice files report choice accuracy. Coverage = share of items decided by a proof; "
             "'precision when proved' = accuracy on those items. Files with more items than the cap are scored on "
             "a seeded random sample (n).", ""]
    extra = out.parent / "RESULTS-bias-mitigation.md"
    for suite in ("logic", "nli", "probes"):
        rows = results.get(suite, {}).get("rows")
        if not rows:
            continue
        lines += [f"## {suite}", "", f"![accuracy by system](plots/accuracy_{suite}.png)", "",
                  "| dataset | system | n | accuracy | macro-F1 | ECE | Brier | coverage | precision when proved | s |",
                  "|---|---|---|---|---|---|---|---|---|---|"]
        for r in rows:
            if _is_multiple_choice(r["path"]):  # choice accuracy only: no per-label metrics or calibration
                lines.append(f"| {r['path']} (multiple choice) | {r['system']} | {r['n']} | {r['accuracy']:.4f} | — | "
                             f"— | — | {r['coverage']:.3f} | {_fmt(r['proved_accuracy'], 3)} | {r['seconds']:.1f} |")
                continue
            lines.append(f"| {r['path']} | {r['system']} | {r['n']} | {r['accuracy']:.4f} | {r['macro_f1']:.4f} | "
                         f"{r['ece']:.4f} | {_fmt(r['brier'])} | {r['coverage']:.3f} | {_fmt(r['proved_accuracy'], 3)} "
                         f"| {r['seconds']:.1f} |")
        lines.append("")
        _plot_accuracy(rows, suite, plots / f"accuracy_{suite}.png")
        for title, brows in results[suite]["breakdowns"].items():
            lines += [f"### {title}", "", "| group | system | n | accuracy | coverage | precision when proved |",
                      "|---|---|---|---|---|---|"]
            for b in brows:
                lines.append(f"| {b['group']} | {b['system']} | {b['n']} | {b['accuracy']:.4f} | "
                             f"{_fmt(b.get('coverage'), 3)} | {_fmt(b.get('proved_accuracy'), 3)} |")
            lines.append("")
        if suite == "nli":
            rel = sorted(p.name for p in plots.glob("reliability_*.png"))
            if rel:
                lines += ["Reliability diagrams: " + ", ".join(f"[{n}](plots/{n})" for n in rel), ""]
    if "domains" in results:
        d = results["domains"]
        lines += ["## Medical prototype: NLI4CT dev (entailment vs contradiction)", "",
                  "| system | n | accuracy (4 evidence lines per trial) | macro-F1 | accuracy (whole section) | "
                  "evidence recall |", "|---|---|---|---|---|---|"]
        for r in d["nli4ct"]:
            lines.append(f"| {r['system']} | {r['n']} | {r['accuracy']:.4f} | {r['macro_f1']:.4f} | "
                         f"{_fmt(r['accuracy_full_section'])} | {_fmt(r['evidence_recall'], 3)} |")
        ok = sum(r["expected"] == r["got"] for r in d["legal"])
        lines += ["", f"## Legal prototype: {ok}/{len(d['legal'])} cases decided as expected (symbolic + legal "
                  "knowledge)", "", "| case | expected | got | proved |", "|---|---|---|---|"]
        lines += [f"| {r['id']} | {r['expected']} | {r['got']} | {r['proved']} |" for r in d["legal"]]
        lines.append("")
    cases = out.parent / "RESULTS-cases.md"
    if cases.is_file():
        lines += ["## Legal and medical case suites against the rule bases", "",
                  f"Their own run (`python benchmarks/case_suites.py`): [{cases.name}]({cases.name})", ""]
    if "bias" in results:
        lines += ["## Bias audit (Dev et al. 2020 templates; NEUTRAL is the only correct answer)", ""]
        for r in results["bias"]:
            lines += [f"**{r['system']}**: Fraction Neutral {r['fraction_neutral']:.3f}, Net Neutral "
                      f"{r['net_neutral']:.3f}", "", r["markdown"], ""]
        if extra.is_file():
            lines += [f"Mitigation by counterfactual augmentation (its own run): [{extra.name}]({extra.name})", ""]
    if "speed" in results and results["speed"]:
        lines += ["## Speed (each system in a fresh process; batch throughput, then one-at-a-time latency)", "",
                  "| system | SNLI pairs/s | SNLI p50 ms | SNLI p95 ms | ProofWriter items/s | ProofWriter p50 ms | "
                  "ProofWriter p95 ms | peak RSS MB |", "|---|---|---|---|---|---|---|---|"]
        for r in results["speed"]:
            s, p = r["snli"], r["proofwriter"]
            lines.append(f"| {r['system']} | {s['items_per_s']} | {s['p50_ms']} | {s['p95_ms']} | {p['items_per_s']} "
                         f"| {p['p50_ms']} | {p['p95_ms']} | {r['peak_rss_mb']} |")
        lines.append("")
    if results.get("note"):
        lines += ["## Note", "", results["note"], ""]
    lines += ["## Published reference numbers (other models and splits; context, not a like-for-like comparison)", "",
              "| dataset | reported | source |", "|---|---|---|"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in REFERENCES]
    lines.append("")
    out.write_text("\n".join(lines), encoding="utf-8")
    out.with_suffix(".json").write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks")
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run")
    r.add_argument("--suite", choices=[*SUITES, "domains", "bias", "speed", "all"], default="all")
    r.add_argument("--systems", nargs="+", default=["neural", "symbolic", "nesy"])
    r.add_argument("--cap", type=int, default=500, help="score at most this many items per file (seeded sample)")
    r.add_argument("--bias-limit", type=int, default=60, help="occupation/activity slots per bias group")
    r.add_argument("--speed-n", type=int, default=300)
    r.add_argument("--out", default=str(ROOT / "benchmarks" / "RESULTS.md"))
    rep = sub.add_parser("report", help="re-render RESULTS.md from the RESULTS.json the same run wrote")
    rep.add_argument("--out", default=str(ROOT / "benchmarks" / "RESULTS.md"))
    rep.add_argument("--drop", nargs="*", default=[], help="sections to leave out (with a note why)")
    rep.add_argument("--note", default="", help="the note that replaces the dropped sections")
    s = sub.add_parser("speed-one")
    s.add_argument("--system", required=True)
    s.add_argument("--n", type=int, default=300)
    args = ap.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    if args.cmd == "speed-one":
        print(json.dumps(speed_one(args.system, args.n)))
        return 0
    if args.cmd == "report":
        out = Path(args.out)
        results = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
        header = results.pop("header", None) or [ln for ln in out.read_text(encoding="utf-8").splitlines()[2:6]]
        for section in args.drop:
            results.pop(section, None)
        if args.note:
            results["note"] = args.note
        write_results(results, "", out, None, header=header)
        return 0
    import logging

    logging.basicConfig(level=logging.WARNING)
    started = time.perf_counter()
    out = Path(args.out)
    (out.parent / "plots").mkdir(parents=True, exist_ok=True)
    built: dict[str, Any] = {}
    results: dict[str, Any] = {}
    wanted = [*SUITES, "domains", "bias", "speed"] if args.suite == "all" else [args.suite]
    for suite in wanted:
        if suite in SUITES:
            rows, breakdowns = run_suite(suite, args.systems, args.cap, built, out.parent / "plots")
            results[suite] = {"rows": rows, "breakdowns": breakdowns}
        elif suite == "domains":
            results["domains"] = run_domains(args.systems, built)
        elif suite == "bias":
            results["bias"] = run_bias([s for s in args.systems if s != "symbolic"], built, args.bias_limit)
        elif suite == "speed":
            built.clear()
            results["speed"] = run_speed(args.systems, args.speed_n)
    command = "python -m benchmarks " + " ".join(sys.argv[1:] if argv is None else argv)
    write_results(results, command, out, started)
    print(f"wrote {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
