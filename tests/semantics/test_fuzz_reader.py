"""Property tests: the English semantics never crashes — it reads a sentence or refuses it with a ParseError.

Sentences come from a small generative grammar of the constructions the semantics handles (with random words
from open and closed classes mixed in) and from random text and unicode. ``Reader.read`` must return a
``Meaning`` for any text (refusals are in ``errors``; only unreadable input such as a NUL raises InputError); ``Reader.parse`` must raise nothing but ``ParseError``;
the symbolic system must answer every pair.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nesy.errors import InputError, ParseError
from nesy.semantics import Meaning, Reader
from nesy.types import Problem

NAMES = ["Ann", "Bob", "Dr. Okafor", "Ms. Ruiz", "the nurse", "a patient", "every driver", "no tenant", "most doctors",
         "three dogs", "at least two cats", "someone", "nobody", "it", "they", "the former mayor", "her cousin"]
NOUNS = ["nurse", "doctor", "contract", "drug", "dog", "minor", "will", "licence", "tenant", "guitar", "fever"]
ADJS = ["red", "small", "former", "fake", "pregnant", "void", "allergic to penicillin", "taller than Ann",
        "72 years old", "older than 70", "unhappy", "very tall"]
VERBS = ["plays", "signed", "must renew", "may not be given", "is playing", "has not paid", "never eats", "knows that",
         "believes that", "managed to open", "drove at 130 km/h", "weighs 80 kg", "gave"]
GLUE = ["if", "then", "and", "or", "not", "but", "only", "unless", "who", "which", "that", "than", "as", ",", "."]
WORDS = NAMES + NOUNS + ADJS + VERBS + GLUE


@st.composite
def grammar_sentence(draw: st.DrawFn) -> str:
    kind = draw(st.integers(0, 5))
    s, n, a, v = (draw(st.sampled_from(x)) for x in (NAMES, NOUNS, ADJS, VERBS))
    if kind == 0:
        return f"{s} is {a}."
    if kind == 1:
        return f"{s} {v} the {n}."
    if kind == 2:
        return f"If {s} is a {n}, {draw(st.sampled_from(NAMES))} {v} a {n}."
    if kind == 3:
        return f"Every {n} who {v} a {draw(st.sampled_from(NOUNS))} is {a}."
    if kind == 4:
        return f"It is not the case that {s} {v} {draw(st.sampled_from(NAMES))}."
    return " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=14)))


TEXT = st.one_of(grammar_sentence(), st.text(max_size=120),
                 st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60))


@pytest.fixture(scope="module")
def reader(nlp):  # type: ignore[no-untyped-def]
    return Reader(nlp=nlp)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(premises=st.lists(TEXT, min_size=1, max_size=3), hypothesis=TEXT,
       reading=st.sampled_from(["classical", "scene"]))
def test_read_never_raises(reader: Reader, premises: list[str], hypothesis: str, reading: str) -> None:
    try:
        m = reader.read(premises, hypothesis, reading=reading)
    except InputError:  # text nesy cannot read at all (a NUL character …): a clear error, never a crash
        return
    assert isinstance(m, Meaning)
    assert len(m.premises) == len(premises)
    for k, f in enumerate(m.premises):
        assert (f is None) == (k in m.errors)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sentence=TEXT)
def test_parse_raises_only_parse_error(reader: Reader, sentence: str) -> None:
    try:
        reader.parse(sentence)
    except ParseError:
        pass


@pytest.fixture(scope="module")
def symbolic(nlp):  # type: ignore[no-untyped-def]
    from nesy.logic.system import SymbolicSystem

    s = SymbolicSystem(kg=None, timeout_ms=2000)
    s.reader._nlp = nlp
    return s


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(premises=st.lists(grammar_sentence(), min_size=1, max_size=3), hypothesis=grammar_sentence())
def test_symbolic_system_answers_every_pair(symbolic, premises: list[str], hypothesis: str) -> None:  # type: ignore[no-untyped-def]
    v = symbolic.solve(Problem(id="fuzz", premises=tuple(premises), hypothesis=hypothesis))
    assert v.label is not None


@pytest.mark.slow
@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(premises=st.lists(TEXT, min_size=1, max_size=3), hypothesis=TEXT,
       reading=st.sampled_from(["classical", "scene"]))
def test_read_never_raises_long_run(reader: Reader, premises: list[str], hypothesis: str, reading: str) -> None:
    test_read_never_raises.hypothesis.inner_test(reader, premises, hypothesis, reading)  # type: ignore[attr-defined]
