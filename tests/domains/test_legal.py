from __future__ import annotations

import pytest

from nesy.domains import domain_knowledge
from nesy.domains.legal import LegalCase, load_cases, run_cases
from nesy.errors import ConfigError, DataFormatError


def test_shipped_cases_are_decided_as_expected_with_proofs():
    results = run_cases()
    assert len(results) >= 8
    for case, verdict in results:
        assert verdict.label.value == case.expected, case.id
        assert verdict.proved == (case.expected != "neutral"), case.id
    trace = dict((c.id, v) for c, v in results)["capacity-2"].trace.to_text()
    assert "[premise 1]" in trace and "[nesy legal knowledge]" in trace


def test_a_new_case_uses_the_rules():
    (case, verdict), = run_cases(cases=[LegalCase(id="x", facts=("Zoe is a tenant.", "Zoe does not pay the rent."),
                                                  question="Zoe is in breach of the lease.", expected="entailment")])
    assert verdict.label.value == "entailment" and verdict.proved


def test_domain_errors_are_clear(tmp_path):
    with pytest.raises(ConfigError, match="Unknown knowledge domain 'tax'. Choose one of: legal, medical"):
        domain_knowledge("tax")
    bad = tmp_path / "cases.jsonl"
    bad.write_text('{"id": "a", "facts": [], "question": "q", "expected": "maybe"}\n')
    with pytest.raises(DataFormatError, match="line 1"):
        load_cases(bad)
    assert domain_knowledge("medical").rules
