"""Random text and random formulas never crash the parsers or the checker."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nesy.errors import ParseError
from nesy.logic.checker import LogicChecker, Outcome
from nesy.logic.english import EnglishParser
from nesy.logic.fol import And, Atom, Const, Exists, ForAll, Iff, Implies, Not, Or, Var, Xor
from nesy.logic.folparse import parse_fol

WORDS = ["Bob", "is", "not", "red", "if", "then", "all", "things", "are", "someone", "and", "or", "either",
         "neither", "nor", "the", "cat", "likes", ",", "every", "wumpus", "a", "who", "always", "being", "there",
         "vice", "versa", "only", "implies", "that", "equivalent", "to", "does", "no", "some"]

_parser = EnglishParser()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=14))
def test_english_parser_never_crashes_on_word_salad(words):
    res = _parser.parse_many([" ".join(words) + "."])[0]
    assert isinstance(res, ParseError) or res is not None


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=60))
def test_fol_parser_raises_only_parse_error(text):
    try:
        parse_fol(text)
    except ParseError:
        pass


def formulas(depth: int = 3):
    x = Var("x")
    terms = st.sampled_from([Const("a"), Const("b"), x])
    atoms = st.builds(lambda p, t: Atom(p, (t,)), st.sampled_from(["P", "Q", "R"]), terms)
    return st.recursive(
        atoms,
        lambda inner: st.one_of(
            st.builds(Not, inner),
            st.builds(lambda a, b: And((a, b)), inner, inner),
            st.builds(lambda a, b: Or((a, b)), inner, inner),
            st.builds(Implies, inner, inner),
            st.builds(Iff, inner, inner),
            st.builds(Xor, inner, inner),
            st.builds(lambda b: ForAll(x, b), inner),
            st.builds(lambda b: Exists(x, b), inner),
        ),
        max_leaves=6,
    ).map(lambda f: ForAll(x, f))


@settings(max_examples=60, deadline=None)
@given(st.lists(formulas(), min_size=0, max_size=4), formulas())
def test_checker_always_returns_an_outcome(premises, hypothesis):
    r = LogicChecker(timeout_ms=2000).decide(premises, hypothesis)
    assert isinstance(r.outcome, Outcome)
    if r.outcome.decided:
        again = LogicChecker(timeout_ms=2000).decide([premises[i] for i in r.core], hypothesis)
        assert again.outcome is r.outcome
    # the printed form parses back to the same formula
    for f in [*premises, hypothesis]:
        assert parse_fol(str(f)) == f
