from __future__ import annotations

import json

import pytest

from nesy.data import load
from nesy.domains.clinical import assemble, cite_evidence, run_clinical, select_evidence
from nesy.errors import ConfigError
from nesy.types import Problem

REPORT = {"Clinical Trial ID": "NCT1", "Eligibility": [
    "Inclusion Criteria:", "  Women aged 18 years or older", "", "  Histologically confirmed breast cancer",
    "Exclusion Criteria:", "  Pregnant or nursing women", "  Prior chemotherapy within 6 months"],
    "Intervention": ["Drug: metformin"], "Results": ["none"], "Adverse Events": ["none"]}


@pytest.fixture()
def nli4ct(tmp_path):
    (tmp_path / "ct_json").mkdir()
    (tmp_path / "ct_json" / "NCT1.json").write_text(json.dumps(REPORT))
    data = {"u1": {"Type": "Single", "Section_id": "Eligibility", "Primary_id": "NCT1",
                   "Statement": "Pregnant women are excluded from the primary trial.", "Label": "Entailment",
                   "Primary_evidence_index": [4, 5]},
            "u2": {"Type": "Single", "Section_id": "Eligibility", "Primary_id": "NCT1",
                   "Statement": "Patients with prior chemotherapy can join the primary trial.",
                   "Label": "Contradiction", "Primary_evidence_index": [6]}}
    (tmp_path / "dev.json").write_text(json.dumps(data))
    return load(tmp_path / "dev.json")


def test_loader_keeps_report_line_numbers(nli4ct):
    assert nli4ct[0].metadata["premise_lines"] == [["primary", i] for i in (0, 1, 3, 4, 5, 6)]


def test_evidence_selection_ranks_lines_by_similarity_in_report_order(nli4ct):
    sel = select_evidence(nli4ct[0], k=2)
    assert sel.lines == (("primary", 1), ("primary", 5))  # "women", "pregnant ... women"
    problem, sel2 = assemble(nli4ct[1], k=1)
    assert problem.premises == ("Primary trial eligibility: Prior chemotherapy within 6 months",)
    assert sel2.lines == (("primary", 6),)
    with pytest.raises(ConfigError, match="k=0"):
        select_evidence(nli4ct[0], k=0)
    with pytest.raises(ConfigError, match="no NLI4CT line map"):
        select_evidence(Problem(id="x", premises=("a",), hypothesis="b"))


def test_run_cites_evidence_by_trial_and_line(nli4ct):
    from nesy.logic.system import SymbolicSystem

    report, verdicts = run_clinical(SymbolicSystem(kg=None), nli4ct, k=2)
    assert report.n == 2 and 0.0 <= report.accuracy <= 1.0 and report.accuracy_full_section is not None
    assert report.evidence_recall == pytest.approx((1 / 2 + 1) / 2)
    text = verdicts[1].trace.to_text()
    assert "[premise 2; NCT1 Eligibility line 6]" in text
    again = cite_evidence(verdicts[1], assemble(nli4ct[1], k=2)[0])
    assert len(again.trace.steps) == len(verdicts[1].trace.steps)  # nothing cited twice
