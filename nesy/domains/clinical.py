"""Medical prototype: entailment over clinical-trial reports (NLI4CT, SemEval-2023 Task 7).

A statement about one trial (or a comparison of two) is checked against one section of the trial reports
(eligibility, intervention, results, adverse events). Sections run to dozens of lines — far past what the
cross-encoder reads — so nesy first **assembles the premises**: it ranks the section's lines by TF-IDF similarity
to the statement (unigrams and bigrams, scikit-learn) and keeps the best ``k`` lines of each trial in report order.
The verdict's trace then opens with those evidence lines, each cited by trial, section and line number, and the
medical knowledge in ``knowledge/medical/`` joins the graph.

Example:
    >>> from nesy.data import load  # doctest: +SKIP
    >>> from nesy.domains.clinical import assemble  # doctest: +SKIP
    >>> problem, selection = assemble(load("nli4ct/dev.json")[0], k=6)  # doctest: +SKIP
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from nesy.errors import ConfigError
from nesy.trace import ProofStep
from nesy.types import Problem, Verdict

__all__ = ["EvidenceSelection", "select_evidence", "assemble", "cite_evidence", "ClinicalReport", "run_clinical"]


@dataclass(frozen=True, slots=True)
class EvidenceSelection:
    """The premise lines kept for a statement: their positions in the problem's premises, their report lines
    (``(trial role, line index)``) and their similarity scores."""

    indices: tuple[int, ...]
    lines: tuple[tuple[str, int], ...]
    scores: tuple[float, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"indices": list(self.indices), "lines": [list(x) for x in self.lines], "scores": list(self.scores)}


def _roles(problem: Problem) -> list[tuple[str, int]]:
    lines = problem.metadata.get("premise_lines")
    if not lines or len(lines) != len(problem.premises):
        raise ConfigError(f"Problem {problem.id!r} has no NLI4CT line map; load it with nesy.data.load from an "
                          "NLI4CT json file.")
    return [(str(r), int(i)) for r, i in lines]


def select_evidence(problem: Problem, k: int = 4) -> EvidenceSelection:
    """The ``k`` premise lines of each trial most similar to the hypothesis (TF-IDF cosine), in report order."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    if k < 1:
        raise ConfigError(f"k={k}: keep at least one evidence line per trial.")
    roles = _roles(problem)
    texts = [p.split(": ", 1)[-1] for p in problem.premises]
    vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, stop_words="english")
    try:
        m = vec.fit_transform(texts + [problem.hypothesis])
    except ValueError:  # nothing but stop words
        m = None
    sims = np.zeros(len(texts)) if m is None else (m[:-1] @ m[-1].T).toarray().ravel()
    keep: list[int] = []
    for role in dict.fromkeys(r for r, _ in roles):
        idx = [i for i, (r, _) in enumerate(roles) if r == role]
        ranked = sorted(idx, key=lambda i: (-sims[i], i))[:k]
        keep += sorted(ranked)
    return EvidenceSelection(indices=tuple(keep), lines=tuple(roles[i] for i in keep),
                             scores=tuple(float(sims[i]) for i in keep))


def assemble(problem: Problem, k: int = 4) -> tuple[Problem, EvidenceSelection]:
    """The problem with only its selected evidence lines as premises."""
    sel = select_evidence(problem, k)
    meta = dict(problem.metadata)
    meta["premise_lines"] = [list(x) for x in sel.lines]
    meta["evidence_selection"] = sel.to_dict()
    return dataclasses.replace(problem, premises=tuple(problem.premises[i] for i in sel.indices), metadata=meta), sel


def cite_evidence(verdict: Verdict, problem: Problem) -> Verdict:
    """Open the verdict's trace with the evidence lines, cited by trial id, section and line number."""
    meta = problem.metadata
    section = meta.get("Section_id", "section")
    ids = {"primary": meta.get("Primary_id", "primary trial"), "secondary": meta.get("Secondary_id", "secondary trial")}
    steps = [ProofStep(kind="premise", text=text.split(": ", 1)[-1], premise_index=k,
                       source=f"{ids.get(role, role)} {section} line {line}")
             for k, (text, (role, line)) in enumerate(zip(problem.premises, _roles(problem)))]
    used = {s.premise_index for s in verdict.trace.steps if s.premise_index is not None}
    steps = [s for s in steps if s.premise_index not in used]  # proof steps already cite those
    trace = dataclasses.replace(verdict.trace, steps=tuple(steps) + verdict.trace.steps)
    return dataclasses.replace(verdict, trace=trace)


@dataclass(frozen=True, slots=True)
class ClinicalReport:
    """Accuracy of a system on NLI4CT, with and without evidence selection."""

    system: str
    n: int
    k: int
    accuracy: float
    macro_f1: float
    accuracy_full_section: float | None
    macro_f1_full_section: float | None
    evidence_recall: float | None
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def _evidence_recall(problem: Problem, sel: EvidenceSelection) -> float | None:
    gold = [("primary", int(i)) for i in problem.metadata.get("Primary_evidence_index", [])]
    gold += [("secondary", int(i)) for i in problem.metadata.get("Secondary_evidence_index", [])]
    if not gold:
        return None
    got = set(sel.lines)
    return sum(1 for g in gold if g in got) / len(gold)


def run_clinical(system: Any, problems: Sequence[Problem], *, k: int = 4, full_section: bool = True,
                 show_progress_bar: bool | None = None) -> tuple[ClinicalReport, list[Verdict]]:
    """Evaluate ``system`` on NLI4CT problems with assembled premises (and, if asked, on whole sections).

    Returns the report and the verdicts on assembled premises, their traces opened by the cited evidence.
    """
    from nesy.evaluate import evaluate

    t0 = time.perf_counter()
    assembled = [assemble(p, k) for p in problems]
    small = [p for p, _ in assembled]
    verdicts = system.solve_many(small, show_progress_bar=show_progress_bar)
    ev = evaluate(system, small, verdicts=verdicts)
    full_acc = full_f1 = None
    if full_section:
        ev_full = evaluate(system, list(problems), show_progress_bar=show_progress_bar)
        full_acc, full_f1 = ev_full.report.accuracy, ev_full.report.macro_f1
    recalls = [r for (p, s) in assembled if (r := _evidence_recall(p, s)) is not None]
    report = ClinicalReport(system=getattr(system, "name", type(system).__name__), n=len(problems), k=k,
                            accuracy=ev.report.accuracy, macro_f1=ev.report.macro_f1, accuracy_full_section=full_acc,
                            macro_f1_full_section=full_f1,
                            evidence_recall=float(np.mean(recalls)) if recalls else None,
                            seconds=time.perf_counter() - t0)
    return report, [cite_evidence(v, p) for v, p in zip(verdicts, small)]
