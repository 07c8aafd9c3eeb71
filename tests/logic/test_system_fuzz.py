"""Random text and random formulas through SymbolicSystem.solve: a verdict or a NesyError, nothing else."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nesy.errors import NesyError
from nesy.types import Problem, Verdict

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FUZZ_SLOW = settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])

WORDS = ["Bob", "Anne", "is", "not", "red", "big", "if", "then", "all", "every", "some", "no", "people", "things",
         "are", "and", "or", "either", "nor", "has", "3", "more", "than", "apples", "who", "is", "the", "a", ",",
         "cat", "likes", "chases", "never", "always", "only", "each", "other", "taller", "2.5", "kg", "\u200b",
         "\u202e", "🙂", "ﷺ", "x" * 300]
ODD = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=80)
SENTENCE = st.one_of(st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(lambda w: " ".join(w) + "."), ODD)
FORMULA_TOKENS = ["P(a)", "Q(x)", "R(x, b)", "a = b", "¬", "∀x", "∃y", "∧", "∨", "→", "↔", "⊕", "(", ")"]
FORMULA = st.lists(st.sampled_from(FORMULA_TOKENS), min_size=1, max_size=25).map(" ".join)


@pytest.fixture(scope="module")
def system():
    from nesy.logic.system import SymbolicSystem

    return SymbolicSystem(kg=None, timeout_ms=2000)


def _solve(system, problem: Problem) -> None:
    try:
        verdict = system.solve(problem)
    except NesyError:
        return
    assert isinstance(verdict, Verdict) and abs(sum(verdict.probabilities) - 1) < 1e-6


@FUZZ
@given(st.lists(SENTENCE, max_size=4), SENTENCE)
def test_random_english_gets_a_verdict_or_a_nesy_error(system, premises, hypothesis):
    _solve(system, Problem(id="f", premises=tuple(premises), hypothesis=hypothesis))


@FUZZ
@given(st.lists(FORMULA, min_size=1, max_size=4), FORMULA)
def test_random_fol_gets_a_verdict_or_a_nesy_error(system, premises, hypothesis):
    _solve(system, Problem(id="f", premises=tuple(premises), hypothesis=hypothesis, premises_fol=tuple(premises),
                           hypothesis_fol=hypothesis, metadata={"formal": True}))


@pytest.mark.slow
@FUZZ_SLOW
@given(st.lists(SENTENCE, max_size=6), SENTENCE)
def test_random_english_long_run(system, premises, hypothesis):
    _solve(system, Problem(id="f", premises=tuple(premises), hypothesis=hypothesis))


@pytest.mark.slow
@FUZZ_SLOW
@given(st.lists(FORMULA, min_size=1, max_size=6), FORMULA)
def test_random_fol_long_run(system, premises, hypothesis):
    _solve(system, Problem(id="f", premises=tuple(premises), hypothesis=hypothesis, premises_fol=tuple(premises),
                           hypothesis_fol=hypothesis, metadata={"formal": True}))
