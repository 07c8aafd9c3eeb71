"""Legal prototype: contract and statute rules in nesy's English rule format, decided with proofs.

The rule base is ``knowledge/legal/contracts.kg`` (rules plus graph edges such as *minor excludes adult*); the cases
are ``knowledge/legal/cases.jsonl`` (facts, a question, the expected answer and why). Each case becomes a problem
whose premises are its facts followed by every rule, so a proof cites the facts and the rules it used.

Example:
    >>> from nesy.domains.legal import load_cases, run_cases  # doctest: +SKIP
    >>> for case, verdict in run_cases():  # doctest: +SKIP
    ...     print(case.id, verdict.label.value, verdict.proved)
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from nesy.domains.knowledge import DomainKnowledge, add_domain_edges, domain_knowledge, knowledge_root
from nesy.errors import DataFormatError
from nesy.types import Label, Problem, Verdict

__all__ = ["LegalCase", "load_cases", "case_problem", "run_cases", "legal_system"]


@dataclass(frozen=True, slots=True)
class LegalCase:
    id: str
    facts: tuple[str, ...]
    question: str
    expected: str
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def load_cases(path: str | Path | None = None) -> list[LegalCase]:
    """Cases from a JSON-lines file (default: ``knowledge/legal/cases.jsonl``)."""
    p = Path(path) if path is not None else knowledge_root() / "legal" / "cases.jsonl"
    if not p.is_file():
        raise DataFormatError(f"Legal cases file {str(p)!r} not found.")
    out = []
    for lineno, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
            case = LegalCase(id=str(d["id"]), facts=tuple(d["facts"]), question=d["question"],
                             expected=Label(d["expected"]).value, note=d.get("note", ""))
        except (json.JSONDecodeError, KeyError, ValueError) as err:
            raise DataFormatError(f"{str(p)!r} line {lineno}: expected id, facts, question and expected "
                                  f"(entailment/neutral/contradiction): {err}") from err
        out.append(case)
    return out


def case_problem(case: LegalCase, domain: DomainKnowledge) -> Problem:
    """The case as a problem: its facts, then the domain's rules."""
    return Problem(id=case.id, premises=case.facts + domain.rules, hypothesis=case.question, gold=case.expected,
                   metadata={"n_facts": len(case.facts), "note": case.note})


def legal_system(system: Any = None) -> Any:
    """The symbolic system with the legal domain's edges in its graph (or ``system`` unchanged)."""
    if system is not None:
        return system
    from nesy.kg.retriever import Retriever
    from nesy.logic.system import SymbolicSystem

    kg = Retriever()
    add_domain_edges(kg, domain_knowledge("legal"))
    return SymbolicSystem(kg=kg)


def run_cases(system: Any = None, cases: Sequence[LegalCase] | None = None) -> list[tuple[LegalCase, Verdict]]:
    """Decide every case (default: the shipped cases with the symbolic system and legal knowledge)."""
    domain = domain_knowledge("legal")
    cases = list(cases) if cases is not None else load_cases()
    system = legal_system(system)
    verdicts = system.solve_many([case_problem(c, domain) for c in cases], show_progress_bar=False)
    return list(zip(cases, verdicts))
