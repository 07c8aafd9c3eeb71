"""Helpers of the semantics tests: reading one sentence, walking formulas, entailment cases as pytest params.

An entailment case says what the premises must give for the hypothesis:

* ``E(...)``: entailed — label ENTAILMENT and ``proved``;
* ``C(...)``: contradicted — label CONTRADICTION and ``proved``;
* ``N(...)``: not decided — label NEUTRAL, not ``proved``, and every sentence was read (a refusal would make the
  case say nothing about the semantics, so it fails the test unless ``refused_ok=True``).

``bug="..."`` marks a case the code gets wrong by proving what does not follow (``xfail(strict=True)``, reason
"soundness bug: ..."); ``gap="..."`` one it should prove but does not (reason "coverage: ...").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from nesy.logic.fol import (
    And,
    Atom,
    Cmp,
    Exists,
    Fn,
    ForAll,
    Formula,
    Iff,
    Implies,
    Not,
    Or,
    Xor,
    functions,
    predicates,
)
from nesy.logic.system import SymbolicSystem
from nesy.semantics import Meaning, Reader
from nesy.types import Label, Problem

__all__ = ["E", "C", "N", "Case", "read", "meaning", "refusal", "preds", "pred_names", "atoms", "walk",
           "functions", "cmps", "text", "events", "roles", "measure_names", "fn_args"]

_LABELS = {"E": Label.ENTAILMENT, "C": Label.CONTRADICTION, "N": Label.NEUTRAL}


# --------------------------------------------------------------------------- reading sentences
def meaning(reader: Reader, premises: str | tuple[str, ...], hypothesis: str | None = None,
            reading: str = "classical") -> Meaning:
    ps = (premises,) if isinstance(premises, str) else premises
    return reader.read(list(ps), hypothesis, reading=reading)


def read(reader: Reader, sentence: str, reading: str = "classical") -> Formula:
    """The formula of one sentence; fails the test when the sentence is refused."""
    m = reader.read([sentence], reading=reading)
    assert m.premises[0] is not None, f"{sentence!r} was refused: {m.errors}"
    return m.premises[0]


def refusal(reader: Reader, sentence: str, reading: str = "classical") -> str:
    """The construction a refused sentence names; fails the test when the sentence is read."""
    m = reader.read([sentence], reading=reading)
    assert m.premises[0] is None, f"{sentence!r} should be refused but reads as {m.premises[0]}"
    assert 0 in m.errors and 0 in m.refused
    return m.refused[0]


# --------------------------------------------------------------------------- formulas
def walk(f: Formula) -> Iterator[Formula]:
    """Every sub-formula of ``f``, ``f`` first."""
    yield f
    if isinstance(f, Not):
        yield from walk(f.arg)
    elif isinstance(f, (And, Or)):
        for a in f.args:
            yield from walk(a)
    elif isinstance(f, (Implies, Iff, Xor)):
        yield from walk(f.left)
        yield from walk(f.right)
    elif isinstance(f, (ForAll, Exists)):
        yield from walk(f.body)


def preds(f: Formula) -> set[tuple[str, int]]:
    return predicates(f)


def pred_names(f: Formula) -> set[str]:
    return {p for p, _ in predicates(f)}


def atoms(f: Formula) -> set[str]:
    """The atoms of ``f`` as strings ("agent(e1, ann)")."""
    return {str(g) for g in walk(f) if isinstance(g, Atom)}


def cmps(f: Formula) -> list[Cmp]:
    return [g for g in walk(f) if isinstance(g, Cmp)]


def text(f: Formula) -> str:
    return str(f)


def measure_names(f: Formula) -> set[str]:
    return {name for name, _ in functions(f)}


def events(f: Formula, verb: str) -> list[str]:
    """The event variables (or constants) of the verb predicate ``verb`` in ``f``."""
    return [str(g.args[0]) for g in walk(f) if isinstance(g, Atom) and g.pred == verb and g.args]


def roles(f: Formula, verb: str) -> dict[str, set[str]]:
    """Relation → the terms it links the events of ``verb`` to: {"agent": {"ann"}, "theme": {"the_ball"}, …};
    one-place modifiers of the event appear with the empty string ({"quickly": {""}}) and tense atoms too."""
    evs = set(events(f, verb))
    assert evs, f"no event of {verb!r} in {f}"
    out: dict[str, set[str]] = {}
    for g in walk(f):
        if isinstance(g, Atom) and g.pred != verb and g.args and str(g.args[0]) in evs:
            out.setdefault(g.pred, set()).add(str(g.args[1]) if len(g.args) > 1 else "")
    return out


def fn_args(f: Formula, name: str) -> list[tuple[str, ...]]:
    """The arguments of each occurrence of measure ``name`` in ``f``."""
    out = []
    for c in cmps(f):
        for side in (c.left, c.right):
            if isinstance(side, Fn) and side.name == name:
                out.append(tuple(str(a) for a in side.args))
    return out


# --------------------------------------------------------------------------- entailment cases
@dataclass(frozen=True)
class Case:
    premises: tuple[str, ...]
    hypothesis: str
    expected: str  # "E", "C" or "N"
    reading: str = "classical"
    refused_ok: bool = False

    def check(self, system: SymbolicSystem) -> None:
        problem = Problem(id="semantics-test", premises=self.premises, hypothesis=self.hypothesis,
                          reading=self.reading)  # type: ignore[arg-type]
        verdict, analysis = system.solve_with_analysis(problem)
        assert analysis is not None
        got = f"{verdict.label.name} (proved={verdict.proved}); refused: {analysis.errors}"
        if self.expected == "N":
            if not self.refused_ok:
                assert not analysis.errors, f"a sentence was refused, so the case tests nothing: {got}"
            assert verdict.label is Label.NEUTRAL and not verdict.proved, f"must not be decided, got {got}"
        else:
            want = _LABELS[self.expected]
            assert verdict.label is want and verdict.proved, f"expected {want.name}, got {got}"


def _case(kind: str, case_id: str, premises: str | tuple[str, ...], hypothesis: str, *, reading: str,
          bug: str | None, gap: str | None, refused_ok: bool) -> Any:
    ps = (premises,) if isinstance(premises, str) else tuple(premises)
    marks: list[Any] = []
    if bug:
        marks.append(pytest.mark.xfail(strict=True, reason=f"soundness bug: {bug}"))
    if gap:
        marks.append(pytest.mark.xfail(strict=True, reason=f"coverage: {gap}"))
    return pytest.param(Case(ps, hypothesis, kind, reading, refused_ok), id=case_id, marks=marks)


def E(case_id: str, premises: str | tuple[str, ...], hypothesis: str, *, reading: str = "classical",
      bug: str | None = None, gap: str | None = None) -> Any:
    """Entailed: ENTAILMENT and proved."""
    return _case("E", case_id, premises, hypothesis, reading=reading, bug=bug, gap=gap, refused_ok=False)


def C(case_id: str, premises: str | tuple[str, ...], hypothesis: str, *, reading: str = "classical",
      bug: str | None = None, gap: str | None = None) -> Any:
    """Contradicted: CONTRADICTION and proved."""
    return _case("C", case_id, premises, hypothesis, reading=reading, bug=bug, gap=gap, refused_ok=False)


def N(case_id: str, premises: str | tuple[str, ...], hypothesis: str, *, reading: str = "classical",
      bug: str | None = None, gap: str | None = None, refused_ok: bool = False) -> Any:
    """Neither: NEUTRAL and not proved (with every sentence read, unless ``refused_ok``)."""
    return _case("N", case_id, premises, hypothesis, reading=reading, bug=bug, gap=gap, refused_ok=refused_ok)
