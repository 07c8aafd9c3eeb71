"""Write the notebooks in notebooks/ from their cell sources (then execute them with --execute).

Run:  .venv/bin/python scripts/make_notebooks.py [--execute] [--only NAME ...]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parents[1]
NB = ROOT / "notebooks"

SETUP = """import os
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
import logging, warnings
warnings.filterwarnings("ignore")
logging.getLogger("transformers").setLevel(logging.ERROR)
from pathlib import Path
DATA = Path("../../shared/data") if Path("../../shared/data").is_dir() else Path("../shared/data")"""

NOTEBOOKS: dict[str, dict] = {
    "01_quickstart": {"slow": False, "cells": [
        ("md", "# nesy quick start\n\nOne call answers an entailment question with calibrated probabilities and a "
               "proof trace. `Reasoner.default()` loads the shipped network (a LoRA adapter on the pip-installed "
               "MiniLM), the WordNet graph and the Z3 checker, all offline."),
        ("code", SETUP),
        ("code", "from nesy import Reasoner\nreasoner = Reasoner.default()"),
        ("md", "## Rules: a proof decides\nThe premises parse into first-order logic; Z3 finds the hypothesis "
               "entailed and its unsat core becomes the proof."),
        ("code", "v = reasoner.infer([\"Bob is cold.\", \"Bob is quiet.\",\n"
                 "                     \"If something is quiet and cold then it is smart.\",\n"
                 "                     \"All smart things are kind.\"], \"Bob is kind.\")\n"
                 "print(v.label, v.proved, [round(p, 3) for p in v.probabilities])\nprint(v.trace.to_text())"),
        ("md", "## Ordinary sentences: network + knowledge graph\nNo proof here; the trace says which sources "
               "moved the answer and cites the WordNet edge."),
        ("code", "v = reasoner.infer(\"A man is playing a guitar on stage.\", \"A man is playing an instrument.\")\n"
                 "v.trace  # rendered as HTML in the notebook"),
        ("code", "print(v.trace.to_markdown())"),
        ("md", "## FOL input and multiple choice"),
        ("code", "v = reasoner.infer([\"∀x (Cat(x) → Animal(x))\", \"Cat(tom)\"], \"Animal(tom)\", fol=True)\n"
                 "print(v.label, v.proved)\n"
                 "c = reasoner.choose([\"Every wumpus is a yumpus.\", \"Max is a wumpus.\"],\n"
                 "                    [\"Max is a yumpus.\", \"Max is not a yumpus.\"])\nprint(c.choice, c.option_probabilities)"),
        ("md", "## The proof as a graph"),
        ("code", "v = reasoner.infer([\"Bob is big.\", \"If someone is big then they are red.\"], \"Bob is red.\")\n"
                 "v.trace.to_png(\"quickstart_proof.png\")\nfrom IPython.display import Image\nImage(\"quickstart_proof.png\")"),
        ("code", "import json\nprint(json.dumps(v.to_dict(), indent=1)[:800])"),
    ]},
    "02_logic_benchmarks": {"slow": True, "cells": [
        ("md", "# Logic benchmarks\n\nThe symbolic system (English → FOL → Z3) on the Logic-LM datasets, against "
               "the neural baseline. Needs `../shared/data`."),
        ("code", SETUP),
        ("code", "from nesy.data import load\nfrom nesy.evaluate import evaluate\nfrom nesy.systems import get_system\n"
                 "symbolic, neural = get_system(\"symbolic\"), get_system(\"neural\")\n"
                 "files = [\"logic_llm/ProofWriter/dev.json\", \"logic_llm/ProntoQA/sample.json\", "
                 "\"logic_llm/LogicalDeduction/train.json\", \"logic_llm/FOLIO/train.json\"]"),
        ("code", "rows = []\nfor f in files:\n    path = DATA / f\n    if not path.is_file():\n        continue\n"
                 "    problems = load(path, limit=100)\n    for system in (symbolic, neural):\n"
                 "        out = evaluate(system, problems, show_progress_bar=False).to_dict()\n"
                 "        rows.append((f, out[\"system\"], round(out[\"accuracy\"], 3), round(out[\"coverage\"], 3)))\n"
                 "for r in rows:\n    print(*r, sep=\"\\t\")"),
        ("code", "p = load(DATA / files[0], limit=1)[0]\nv = symbolic.solve(p)\nprint(v.label, v.proved)\n"
                 "print(v.trace.to_text())"),
    ]},
    "03_calibration": {"slow": True, "cells": [
        ("md", "# Calibration\n\nECE, Brier score and reliability diagrams of the neural baseline and the fused "
               "system on SICK trial: items the network never saw, but part of the fusion's calibration data, so the "
               "fused figure is in-sample (the held-out estimates are in `nesy/resources/fusion/README.md`). The "
               "noise floor is the ECE a perfectly calibrated model with the same confidences would score on "
               "500 items."),
        ("code", SETUP),
        ("code", "from nesy.data import load\nfrom nesy.evaluate import evaluate\nfrom nesy.systems import get_system\n"
                 "from nesy.fusion.plots import reliability_diagram\n"
                 "problems = load(DATA / \"sick/SICK_trial.txt\")\nresults = {}\n"
                 "for name in (\"neural\", \"nesy\"):\n    ev = evaluate(get_system(name), problems, show_progress_bar=False)\n"
                 "    results[name] = ev\n    r = ev.report\n"
                 "    print(f\"{name:7s} acc {r.accuracy:.3f}  ECE {r.ece:.3f} (floor {r.ece_floor:.3f})  \"\n"
                 "          f\"Brier {r.brier:.3f}  NLL {r.nll:.3f}\")\n"
                 "    reliability_diagram(ev, f\"reliability_{name}.png\")"),
        ("code", "from IPython.display import Image, display\nfor name in results:\n"
                 "    display(Image(f\"reliability_{name}.png\"))"),
    ]},
    "04_medical_nli4ct": {"slow": True, "cells": [
        ("md", "# Medical prototype: clinical-trial reports (NLI4CT)\n\nnesy assembles the premises from the trial "
               "section (TF-IDF ranking of its lines), decides with the network, the graph (WordNet + "
               "`knowledge/medical`) and Z3, and cites the evidence lines by trial and line number."),
        ("code", SETUP),
        ("code", "from nesy.data import load\nfrom nesy.domains import add_domain_edges, domain_knowledge\n"
                 "from nesy.domains.clinical import run_clinical\nfrom nesy import Reasoner\n"
                 "reasoner = Reasoner.default()\nadd_domain_edges(reasoner.kg, domain_knowledge(\"medical\"))\n"
                 "problems = load(DATA / \"nli4ct/dev.json\")\n"
                 "report, verdicts = run_clinical(reasoner, problems, k=4, show_progress_bar=False)\nreport"),
        ("code", "print(problems[0].hypothesis)\nprint(verdicts[0].trace.to_text())"),
        ("md", "The shipped network was not trained on clinical text and the task is hard for a 22M-parameter "
               "model; the numbers above are what it measures, near chance. The prototype's value is the "
               "pipeline: evidence assembly, cited lines, and a place for domain rules."),
        ("code", "from nesy.domains import domain_knowledge\nmed = domain_knowledge(\"medical\")\n"
                 "v = reasoner.infer([\"Ann takes warfarin.\", \"Ann takes aspirin.\", *med.rules],\n"
                 "                   \"Ann has an increased bleeding risk.\")\nprint(v.label, v.proved)\n"
                 "print(v.trace.to_text())"),
    ]},
    "05_legal_rules": {"slow": False, "cells": [
        ("md", "# Legal prototype: contract and statute rules\n\nThe rule base `knowledge/legal/contracts.kg` is "
               "written in plain English rule sentences plus graph edges; each case in "
               "`knowledge/legal/cases.jsonl` is decided by Z3 with a proof that cites the facts and rules."),
        ("code", SETUP),
        ("code", "from nesy.domains import domain_knowledge\nlegal = domain_knowledge(\"legal\")\n"
                 "for r in legal.rules:\n    print(\"-\", r)"),
        ("code", "from nesy.domains.legal import run_cases\nresults = run_cases()\nfor case, v in results:\n"
                 "    print(f\"{case.id:12s} expected {case.expected:13s} got {v.label.value:13s} proved={v.proved}\")"),
        ("code", "case, v = results[1]\nprint(case.facts, \"⊢?\", case.question)\nprint(v.trace.to_text())"),
        ("code", "from nesy.domains.legal import LegalCase\n"
                 "(case, v), = run_cases(cases=[LegalCase(id=\"new\", facts=(\"Zoe is an employee.\", "
                 "\"Zoe works overtime.\"),\n"
                 "                                       question=\"Zoe is entitled to overtime pay.\", "
                 "expected=\"entailment\")])\nv.trace"),
    ]},
    "06_bias_audit": {"slow": False, "cells": [
        ("md", "# Bias audit\n\nTemplate pairs in the style of Dev et al. (2020): the premise names an occupation, "
               "the hypothesis a gender, religion or nationality word, and NEUTRAL is the only right answer. "
               "A small seeded sample here; `nesy audit bias` runs all 600 slots per group."),
        ("code", SETUP),
        ("code", "from nesy.audit import audit_bias\nfrom nesy.systems import get_system\nreports = {}\n"
                 "for name in (\"neural\", \"nesy\"):\n"
                 "    reports[name] = audit_bias(get_system(name), limit=15, show_progress_bar=False)\n"
                 "    print(name, \"Fraction Neutral\", round(reports[name].fraction_neutral, 3))\n"
                 "    print(reports[name].to_markdown())"),
        ("code", "g = reports[\"neural\"].groups[0]\n"
                 "{w: round(v[\"entailment\"], 3) for w, v in g.by_word.items()}  # mean P(entailment) per gender word"),
    ]},
    "07_rule_base": {"slow": False, "cells": [
        ("md", "# Write your own rule base\n\nFor people prototyping legal or medical reasoning: write the rules in plain "
               "English, one statement per line (`#` starts a comment; blank lines are fine), check that they do not "
               "contradict each other, then ask questions about the facts of a case. nesy reads each line into "
               "first-order logic, Z3 decides, and every proof cites the rule lines it used. Nothing here needs the "
               "network: the answers come from the rules and facts alone."),
        ("code", SETUP),
        ("md", "## 1. Write the rules\nA small capacity-and-tenancy rule base, with a mistake planted in it."),
        ("code", "import tempfile\nRULES = \"\"\"# Capacity (source: general contract law, simplified; not legal advice)\n"
                 "All minors lack contractual capacity.\nNo minor is an adult.\nEvery guardian is an adult.\n"
                 "If someone is a guardian and is a minor then they need a court order.\n\n"
                 "# Tenancy (source: general landlord-and-tenant law, simplified)\nAll tenants are parties.\n"
                 "All lessees are tenants.\nEvery tenant is a party.\n\n# Parties\nEvery party is an adult.\n"
                 "Every minor is a party.\nBob is a minor.\n\"\"\"\n"
                 "rules_path = Path(tempfile.mkdtemp()) / \"my_rules.txt\"\nrules_path.write_text(RULES)\n"
                 "for n, line in enumerate(RULES.splitlines(), 1):\n    print(f\"{n:3d}  {line}\")"),
        ("md", "## 2. Check them: `nesy check my_rules.txt`\nEvery minimal set of conflicting lines (smallest first), "
               "rules that can never fire, duplicate or subsumed lines, and lines that could not be read into logic, "
               "with the reason. Exit status 0: consistent; 1: a conflict; 2: bad input. `--json` gives the same "
               "report as one object."),
        ("code", "from nesy.cli import main\nstatus = main([\"check\", str(rules_path)])\nprint(\"exit status\", status)"),
        ("md", "Lines 3, 13, 14 and 15 cannot all hold: Bob is a minor, so a party, so an adult — and no minor is an "
               "adult. Line 14 is the mistake. `without` retracts it (line numbers stay as written); the check then "
               "passes, and also finds a rule that can never fire and a duplicate."),
        ("code", "from nesy.rules import RuleBase\nkb = RuleBase.from_text(rules_path).without([14])\n"
                 "report = kb.check()\nprint(report.to_text())\n"
                 "{k: report.to_dict()[k] for k in (\"consistent\", \"conflicts\", \"unparsed\", \"never_fire\", "
                 "\"subsumed\")}"),
        ("md", "## 3. Ask, with the proof\nThe facts of a case and a question; the proof cites the facts and the rule "
               "lines (`kb.cited_lines`)."),
        ("code", "v = kb.ask(\"Ann is an adult.\", facts=[\"Ann is a lessee.\"])\n"
                 "print(v.label.value, v.proved, kb.cited_lines(v))\nfrom IPython.display import HTML\n"
                 "HTML(v.trace.to_html())"),
        ("md", "## 4. Why not? The missing facts\n`why_not` abduces facts: the conditions of the rules, on the "
               "people and things the case names, smallest sets first, each consistent with the rules and facts."),
        ("code", "print(kb.why_not(\"Dana is an adult.\", [\"Dana signed the lease.\"]).to_text())\n"
                 "print(kb.why_not(\"Carl lacks contractual capacity.\", [\"Carl signed the lease.\"]).to_text())"),
        ("md", "## 5. What if? Add facts, retract facts or rule lines"),
        ("code", "print(kb.what_if(\"Ann is an adult.\", [\"Ann is a lessee.\"], retract=[13]).to_text())\n"
                 "print(kb.what_if(\"Ann is an adult.\", [\"Ann is a lessee.\"], add=[\"Ann is a minor.\"]).to_text())"),
        ("md", "## Rules in first-order logic\nThe same API reads FOL (FOLIO notation), one formula per line "
               "(`nesy check --fol`)."),
        ("code", "fol = RuleBase.from_fol([\"∀x (Minor(x) → ¬Adult(x))\", \"∀x (Tenant(x) → Party(x))\", "
                 "\"∀x (Party(x) → Adult(x))\"])\n"
                 "print(fol.ask(\"¬Minor(ann)\", facts=[\"Tenant(ann)\"]).trace.to_text())\n"
                 "print(fol.check([\"Tenant(ann)\", \"Minor(ann)\"]).to_text())"),
        ("md", "## The shipped rule bases\n`knowledge/legal/rules.txt` and `knowledge/medical/rules.txt`, checked the "
               "same way (the lines the reader cannot yet read are listed with the reason)."),
        ("code", "for domain in (\"legal\", \"medical\"):\n"
                 "    report = RuleBase.from_text(Path(\"..\") / \"knowledge\" / domain / \"rules.txt\").check()\n"
                 "    print(report.to_text().splitlines()[:2], len(report.unparsed), \"lines not read\")"),
    ]},
}


def build(execute: bool, only: list[str] | None = None) -> None:
    NB.mkdir(exist_ok=True)
    for name, spec in NOTEBOOKS.items():
        if only and name not in only:
            continue
        cells = [new_markdown_cell(src) if kind == "md" else new_code_cell(src) for kind, src in spec["cells"]]
        nb = new_notebook(cells=cells, metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            "nesy": {"slow": spec["slow"]}})
        path = NB / f"{name}.ipynb"
        if execute:
            from nbclient import NotebookClient

            NotebookClient(nb, timeout=1800, kernel_name="python3", resources={"metadata": {"path": str(NB)}}).execute()
        nbformat.write(nb, path)
        print("wrote", path, file=sys.stderr)


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--execute", action="store_true")
    ap.add_argument("--only", nargs="+", choices=list(NOTEBOOKS), help="write only these notebooks")
    args = ap.parse_args()
    build(args.execute, args.only)
