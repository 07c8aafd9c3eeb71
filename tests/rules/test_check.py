"""``nesy check`` and RuleBase.check: planted conflicts, the consistent remainder, unread lines, JSON shape."""

from __future__ import annotations

import json

import pytest

from nesy.cli import main
from nesy.rules import RuleBase


def test_planted_contradiction_exits_1_and_names_every_line(rules_file, capsys):
    assert main(["check", str(rules_file)]) == 1
    out = capsys.readouterr().out
    assert "INCONSISTENT" in out and "conflict 1: line 2, line 4, line 6" in out


def test_consistent_remainder_exits_0(consistent_file, capsys):
    assert main(["check", str(consistent_file)]) == 0
    assert "CONSISTENT" in capsys.readouterr().out


def test_json_shape(rules_file, capsys):
    assert main(["check", str(rules_file), "--json"]) == 1
    d = json.loads(capsys.readouterr().out)
    assert d["consistent"] is False and d["conflicts"] == [[2, 4, 6]]
    assert d["unparsed"] == [] and d["never_fire"] == [] and d["subsumed"] == []
    assert {"conflict_details", "unparsed_details", "complete", "seconds"} <= set(d)


def test_unparsed_lines_are_listed_with_reasons(tmp_path, capsys):
    p = tmp_path / "rules.txt"
    p.write_text("All tenants are parties.\n# a comment\nWhether or not.\n", encoding="utf-8")
    assert main(["check", str(p), "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["consistent"] is True and d["unparsed"] == [3]
    (detail,) = d["unparsed_details"]
    assert detail["line"] == 3 and detail["text"] == "Whether or not." and detail["reason"]
    assert main(["check", str(p)]) == 0
    assert "line 3: Whether or not. — " in capsys.readouterr().out


def test_bad_input_exits_2(tmp_path, capsys):
    assert main(["check", str(tmp_path / "missing.txt")]) == 2
    assert "not found" in capsys.readouterr().err
    p = tmp_path / "binary.txt"
    p.write_bytes(b"\xff\xfe\x00bad")
    assert main(["check", str(p)]) == 2
    assert "could not be read as UTF-8" in capsys.readouterr().err


def test_facts_file_conflicts_with_the_rules(consistent_file, tmp_path, capsys):
    facts = tmp_path / "case.txt"
    facts.write_text("# the case\nAnn is a tenant.\nBob does not lack contractual capacity.\n", encoding="utf-8")
    assert main(["check", str(consistent_file), "--facts", str(facts), "--json"]) == 1
    d = json.loads(capsys.readouterr().out)
    assert d["conflicts"] == [[2, 4]] and d["conflict_facts"] == [[3]] and d["facts_source"] == "case.txt"


def test_several_conflicts_smallest_first_and_bounded():
    kb = RuleBase.from_fol(["∀x (A(x) → B(x))", "A(c)", "¬B(c)", "P(d)", "¬P(d)", "∀x (Q(x) → ¬A(x))", "Q(c)"])
    report = kb.check()
    assert [c.lines for c in report.conflicts] == [(4, 5), (1, 2, 3), (2, 6, 7)]
    assert report.complete and report.exit_code == 1
    limited = kb.check(max_conflicts=1)
    assert len(limited.conflicts) == 1 and not limited.complete


def test_rules_that_never_fire(system):
    kb = RuleBase.from_list(["If someone is a minor and is an adult then they are confused.",
                             "No minor is an adult.", "All tenants are parties."], system=system)
    report = kb.check()
    assert report.consistent and [n.line for n in report.never_fire] == [1]
    assert report.never_fire[0].because == (2,)


def test_duplicate_and_subsumed_rules():
    kb = RuleBase.from_fol(["∀x (Tenant(x) → Party(x))", "∀y (Tenant(y) → Party(y))",
                            "∀x (Tenant(x) → Party(x) ∧ Bound(x))", "∀x (Cat(x) ∨ ¬Cat(x))"])
    report = kb.check()
    pairs = {(s.line, s.by, s.duplicate) for s in report.subsumed}
    assert (2, 1, True) in pairs and (1, 3, False) in pairs and (2, 3, False) in pairs
    assert report.always_true == (4,)


def test_english_duplicate_is_found(system):
    kb = RuleBase.from_list(["All tenants are parties.", "Every tenant is a party."], system=system)
    assert [(s.line, s.by, s.duplicate) for s in kb.check().subsumed] == [(2, 1, True)]


def test_fol_files_with_the_fol_flag(tmp_path, capsys):
    p = tmp_path / "rules.fol"
    p.write_text("∀x (Minor(x) → ¬Adult(x))\nMinor(bob)\nAdult(bob)\n", encoding="utf-8")
    assert main(["check", str(p), "--fol", "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["conflicts"] == [[1, 2, 3]]


def test_report_round_trips_through_json(rules_file, system):
    report = RuleBase.from_text(rules_file, system=system).check()
    d = json.loads(json.dumps(report.to_dict()))
    assert d["conflict_details"][0]["texts"][1] == "Bob is a minor."


@pytest.mark.parametrize("bad", [["--max-conflicts", "0"], ["--budget", "0"]])
def test_bad_options_exit_2(consistent_file, bad, capsys):
    assert main(["check", str(consistent_file), *bad]) == 2
    assert "must be" in capsys.readouterr().err


def test_kg_files_are_checked_with_their_edges(tmp_path, capsys):
    p = tmp_path / "tiny.kg"
    p.write_text("minor | excludes | adult\nminor | is_a | adult\nrule: Bob is a minor.\n", encoding="utf-8")
    assert main(["check", str(p), "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["conflicts"] == [[1, 2, 3]]


def test_max_conflicts_flag_bounds_the_search(tmp_path, capsys):
    p = tmp_path / "rules.fol"
    p.write_text("A(c)\n¬A(c)\nB(c)\n¬B(c)\n", encoding="utf-8")
    assert main(["check", str(p), "--fol", "--json", "--max-conflicts", "1"]) == 1
    d = json.loads(capsys.readouterr().out)
    assert d["conflicts"] == [[1, 2]] and d["complete"] is False
    assert main(["check", str(p), "--fol", "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["conflicts"] == [[1, 2], [3, 4]]


def test_line_numbers_follow_line_feeds_only(tmp_path, capsys):
    """A form feed or U+2028 inside a line does not start a new line: cited numbers match the editor's."""
    p = tmp_path / "rules.txt"
    p.write_bytes("All minors lack contractual capacity.\x0c\r\nBob is a minor.\u2028\nBob does not lack "
                  "contractual capacity.\n".encode("utf-8"))
    assert main(["check", str(p), "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["conflicts"] == [[1, 2, 3]]
