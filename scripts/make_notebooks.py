"""Write the notebooks in notebooks/ from their cell sources (then execute them with --execute).

Run:  .venv/bin/python scripts/make_notebooks.py [--execute]
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
}


def build(execute: bool) -> None:
    NB.mkdir(exist_ok=True)
    for name, spec in NOTEBOOKS.items():
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
    build(ap.parse_args().execute)
