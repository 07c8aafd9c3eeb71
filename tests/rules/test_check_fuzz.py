"""Property tests of ``nesy check``: any rule file (generated rule text, random text, random bytes) ends in exit
status 0, 1, 2 or 3 with a well-formed report or a ``nesy: error:`` message, never a traceback; every conflict it
reports is real and minimal (its lines alone conflict, and each of them is needed).

The rule grammar mixes facts, universal rules, negated facts and rules, conditionals and noise over a few names
and nouns, so that conflicts are frequent; random text and bytes cover the rest.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nesy.cli import main

NAMES = ["Ann", "Bob", "Dr. Okafor"]
NOUNS = ["minor", "tenant", "patient", "nurse"]
PROPS = ["happy", "liable", "pregnant", "void"]


@st.composite
def rule_line(draw: st.DrawFn) -> str:
    kind = draw(st.integers(0, 8))
    x, n, m, p = (draw(st.sampled_from(v)) for v in (NAMES, NOUNS, NOUNS, PROPS))
    return [
        f"{x} is a {n}.",
        f"All {n}s are {p}.",
        f"{x} is not {p}.",
        f"No {n} is {p}.",
        f"If someone is a {n}, they are a {m}.",
        f"Every {n} who is {p} is a {m}.",
        f"# a comment about {n}s",
        "",
        draw(st.text(max_size=40)),
    ][kind]


RULE_FILES = st.lists(rule_line(), min_size=0, max_size=8).map("\n".join)
_QUIET = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
#: the long run (``-m slow``): a fixed example budget per property
SLOW = settings(max_examples=600, deadline=None, suppress_health_check=_QUIET)


def _run(path: Path, capsys, *extra: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    rc = main(["check", str(path), *extra])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert rc in (0, 1, 2, 3), (rc, out, err)
    return rc, out, err


def _statement_lines(text: str) -> set[int]:
    return {k for k, line in enumerate(text.split("\n"), 1) if line.strip() and not line.lstrip().startswith("#")}


def check_report(tmp_path: Path, capsys, text: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "rules.txt"
    path.write_bytes(text.encode("utf-8", errors="replace"))
    rc, out, err = _run(path, capsys, "--json")
    if rc == 2:
        assert err.startswith("nesy: error:")
        return
    d = json.loads(out)
    assert d["consistent"] is (rc == 0)
    # lines as an editor numbers them (line feeds; CR LF and CR are one)
    lines = path.read_bytes().decode("utf-8").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    statements = _statement_lines("\n".join(lines))
    assert set(d["unparsed"]) <= statements
    if rc == 1:
        assert d["conflicts"], "exit 1 names at least one conflict"
    for conflict in d["conflicts"]:
        assert conflict == sorted(set(conflict)) and set(conflict) <= statements - set(d["unparsed"])
    if not d["conflicts"]:
        return
    # the first conflict again, alone: it conflicts, and without any one of its lines it does not
    first = d["conflicts"][0]
    alone = tmp_path / "alone.txt"
    alone.write_text("\n".join(lines[k - 1] for k in first) + "\n", encoding="utf-8")
    assert _run(alone, capsys)[0] == 1
    for drop in first:
        rest = tmp_path / "rest.txt"
        rest.write_text("\n".join(lines[k - 1] for k in first if k != drop) + "\n", encoding="utf-8")
        assert _run(rest, capsys)[0] == 0, f"conflict {first} is not minimal: it conflicts without line {drop}"


def check_bytes(tmp_path: Path, capsys, data: bytes, suffix: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / f"rules{suffix}"
    path.write_bytes(data)
    extra = ("--fol",) if suffix == ".fol" else ()
    rc, out, err = _run(path, capsys, *extra)
    if rc == 2:
        assert err.startswith("nesy: error:")
    else:
        assert out.strip()


def check_facts(tmp_path: Path, capsys, rules: str, facts: str) -> None:  # type: ignore[no-untyped-def]
    r, f = tmp_path / "rules.txt", tmp_path / "facts.txt"
    r.write_bytes(rules.encode("utf-8", errors="replace"))
    f.write_bytes(facts.encode("utf-8", errors="replace"))
    rc, out, err = _run(r, capsys, "--facts", str(f), "--json")
    if rc == 2:
        assert err.startswith("nesy: error:")
        return
    d = json.loads(out)
    assert d["consistent"] is (rc == 0)
    assert len(d["conflict_facts"]) == len(d["conflicts"])


BYTES = {"data": st.binary(max_size=300), "suffix": st.sampled_from([".txt", ".kg", ".fol"])}


@settings(max_examples=60, deadline=None, suppress_health_check=_QUIET)
@given(text=RULE_FILES)
def test_check_reports_are_well_formed_and_conflicts_are_real(tmp_path, capsys, text):  # type: ignore[no-untyped-def]
    check_report(tmp_path, capsys, text)


@settings(max_examples=40, deadline=None, suppress_health_check=_QUIET)
@given(**BYTES)
def test_check_on_random_bytes_never_crashes(tmp_path, capsys, data, suffix):  # type: ignore[no-untyped-def]
    check_bytes(tmp_path, capsys, data, suffix)


@settings(max_examples=30, deadline=None, suppress_health_check=_QUIET)
@given(rules=RULE_FILES, facts=RULE_FILES)
def test_check_with_facts_never_crashes(tmp_path, capsys, rules, facts):  # type: ignore[no-untyped-def]
    check_facts(tmp_path, capsys, rules, facts)


@pytest.mark.slow
@SLOW
@given(text=RULE_FILES)
def test_check_reports_long_run(tmp_path, capsys, text):  # type: ignore[no-untyped-def]
    check_report(tmp_path, capsys, text)


@pytest.mark.slow
@SLOW
@given(**BYTES)
def test_check_on_random_bytes_long_run(tmp_path, capsys, data, suffix):  # type: ignore[no-untyped-def]
    check_bytes(tmp_path, capsys, data, suffix)


@pytest.mark.slow
@SLOW
@given(rules=RULE_FILES, facts=RULE_FILES)
def test_check_with_facts_long_run(tmp_path, capsys, rules, facts):  # type: ignore[no-untyped-def]
    check_facts(tmp_path, capsys, rules, facts)
