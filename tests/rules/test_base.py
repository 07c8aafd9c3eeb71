"""RuleBase: loading with line numbers, unread lines with reasons, ask with cited lines, FOL and .kg bases."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from nesy.rules import RuleBase, RuleBaseError, RuleFileError
from nesy.types import Label

from .conftest import CONSISTENT

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"


def test_from_text_counts_comments_and_blank_lines(rules_file, system):
    kb = RuleBase.from_text(rules_file, system=system)
    assert kb.name == "rules.txt"
    assert [s.line for s in kb] == [2, 3, 4, 6]
    assert kb.statement(4).text == "Bob is a minor."
    assert kb.statement(2).citation == "line 2 of rules.txt"
    assert all(s.parsed for s in kb)


def test_from_text_accepts_a_text_or_a_path_string(rules_file, system):
    assert [s.line for s in RuleBase.from_text(str(rules_file), system=system)] == [2, 3, 4, 6]
    kb = RuleBase.from_text(CONSISTENT, name="capacity", system=system)
    assert [s.line for s in kb] == [2, 3, 4] and kb.statement(3).citation == "line 3 of capacity"


def test_missing_file_says_what_to_do(tmp_path):
    with pytest.raises(RuleFileError, match=re.escape("not found. Give the path of a text file")):
        RuleBase.from_text(tmp_path / "nope.txt")


def test_unreadable_line_is_kept_with_its_reason(system):
    kb = RuleBase.from_list(["All tenants are parties.", "Whether or not."], system=system)
    (bad,) = kb.unparsed
    assert bad.line == 2 and bad.formula is None and bad.error
    assert len(kb) == 2  # kept, not dropped


def test_unknown_line_lists_the_statement_lines(rules_file, system):
    kb = RuleBase.from_text(rules_file, system=system)
    with pytest.raises(RuleBaseError, match=re.escape("Line 5 of rules.txt holds no statement (statements are on "
                                                      "lines 2-4, 6)")):
        kb.statement(5)


def test_ask_cites_rule_lines_and_facts(consistent_file, system):
    kb = RuleBase.from_text(consistent_file, system=system)
    v = kb.ask("Ann is a party.", facts=["Ann is a tenant."])
    assert v.label is Label.ENTAILMENT and v.proved
    assert kb.cited_lines(v) == (3,) and kb.cited_facts(v) == (1,)
    assert v.trace.summary == "Proved: the question follows from fact 1 and line 3 of rules.txt (Z3: unsat)."
    text = v.trace.to_text()
    assert "[line 3 of rules.txt]" in text and "[fact 1]" in text
    assert "line 3 of rules.txt" in v.trace.to_html()


def test_ask_without_facts_uses_rule_lines_alone(consistent_file, system):
    kb = RuleBase.from_text(consistent_file, system=system)
    v = kb.ask("Bob lacks contractual capacity.")
    assert v.label is Label.ENTAILMENT and v.proved and kb.cited_lines(v) == (2, 4)


def test_ask_disproves_with_cited_lines(system):
    kb = RuleBase.from_list(["No minor is an adult."], system=system)
    v = kb.ask("Bob is an adult.", facts=["Bob is a minor."])
    assert v.label is Label.CONTRADICTION and v.proved
    assert v.trace.summary.startswith("Disproved: fact 1 and line 1 of rules contradict the question")


def test_ask_on_an_inconsistent_base_names_its_lines(rules_file, system):
    kb = RuleBase.from_text(rules_file, system=system)
    v = kb.ask("Ann is a party.", facts=["Ann is a tenant."])
    assert not v.proved
    assert "lines 2, 4 and 6 of rules.txt" in v.trace.summary


def test_ask_with_a_reasoner_gives_it_facts_then_rules(consistent_file, system):
    seen = []

    class Recording:
        def solve(self, problem):
            seen.append(problem)
            return system.solve(problem)

    kb = RuleBase.from_text(consistent_file, system=system)
    v = kb.ask("Ann is a party.", facts=["Ann is a tenant."], reasoner=Recording())
    (problem,) = seen
    assert problem.premises[0] == "Ann is a tenant." and problem.premises[1:] == tuple(s.text for s in kb)
    assert problem.reading == "classical"
    assert v.proved and kb.cited_lines(v) == (3,)


def test_unread_rule_lines_are_noted_in_the_trace(system):
    kb = RuleBase.from_list(["All tenants are parties.", "Whether or not."], system=system)
    v = kb.ask("Ann is a party.", facts=["Ann is a tenant."])
    assert v.proved
    assert any("could not be read into logic and were left out: 2" in n for n in v.trace.notes)


def test_without_retracts_lines_and_keeps_numbering(consistent_file, system):
    kb = RuleBase.from_text(consistent_file, system=system)
    smaller = kb.without([4])
    assert [s.line for s in smaller] == [2, 3] and smaller.retracted == (4,)
    assert [s.line for s in kb] == [2, 3, 4]  # the original is unchanged
    assert not smaller.ask("Bob lacks contractual capacity.").proved


def test_fol_rule_base_asks_in_fol():
    kb = RuleBase.from_fol(["∀x (Minor(x) → LacksCapacity(x))", "∀x (Tenant(x) → Party(x))", "Minor(bob)",
                            "∀x (Minor(x) ∧"])
    assert kb.notation == "fol" and [s.line for s in kb.unparsed] == [4]
    v = kb.ask("LacksCapacity(bob)")
    assert v.label is Label.ENTAILMENT and v.proved and kb.cited_lines(v) == (1, 3)
    v = kb.ask("Party(ann)", facts=["Tenant(ann)"])
    assert v.proved and kb.cited_lines(v) == (2,) and kb.cited_facts(v) == (1,)


def test_fol_rule_base_from_a_file_skips_comments(tmp_path):
    p = tmp_path / "rules.fol"
    p.write_text("# tenancy\n∀x (Tenant(x) → Party(x))\n\n¬Party(ann)\n", encoding="utf-8")
    kb = RuleBase.from_fol(p)
    assert [s.line for s in kb] == [2, 4] and kb.name == "rules.fol"
    assert kb.ask("Tenant(ann)").label is Label.CONTRADICTION


def test_from_kg_reads_rules_and_edges(tmp_path, system):
    p = tmp_path / "tiny.kg"
    p.write_text("# tiny domain\nminor | excludes | adult\nlessee | synonym | tenant\ntermination | related | "
                 "contract\nrule: All tenants are parties.\n", encoding="utf-8")
    kb = RuleBase.from_kg(p, system=system)
    assert [s.line for s in kb] == [2, 3, 4, 5]
    assert [s.kind for s in kb] == ["edge", "edge", "edge", "statement"]
    assert kb.statement(2).readings == ("No minor is an adult.",)
    assert kb.statement(3).readings == ("Every lessee is a tenant.", "Every tenant is a lessee.")
    assert kb.statement(5).text == "All tenants are parties."
    (related,) = kb.unparsed
    assert related.line == 4 and "licenses no logical axiom" in (related.error or "")
    v = kb.ask("Ann is a party.", facts=["Ann is a lessee."])
    assert v.proved and kb.cited_lines(v) == (3, 5)


def test_from_kg_on_the_shipped_legal_file(system):
    kb = RuleBase.from_kg(KNOWLEDGE / "legal" / "contracts.kg", system=system)
    assert kb.name == "contracts.kg" and len(kb) >= 20
    assert all(s.error for s in kb.unparsed)


def test_to_dict_is_json(consistent_file, system):
    kb = RuleBase.from_text(consistent_file, system=system)
    d = json.loads(json.dumps(kb.to_dict()))
    assert d["name"] == "rules.txt" and [s["line"] for s in d["statements"]] == [2, 3, 4]
    assert d["statements"][0]["formula"]


def test_from_list_refuses_a_string():
    with pytest.raises(RuleBaseError, match="from_list takes a list of statements"):
        RuleBase.from_list("All tenants are parties.")  # type: ignore[arg-type]


def test_rulebase_is_public():
    import nesy

    assert nesy.RuleBase is RuleBase and "RuleBase" in nesy.__all__
