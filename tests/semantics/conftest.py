"""Fixtures of the semantics tests: one spaCy pipeline, one Reader and one SymbolicSystem for the whole session.

The shared system is ``SymbolicSystem(kg=None)`` (no WordNet: fast, and every proof comes from the sentences
alone) reading English through the shared :class:`~nesy.semantics.Reader`, so that each sentence is parsed once
per session. The shared reader has no ``known_noun`` lexicon, as ``Reader()`` by default: a capitalised first word
is a name when the tagger says so. (``SymbolicSystem(kg=None)`` on its own builds a reader whose lexicon knows no
noun at all, so it reads "Nurses are kind." as a fact about someone called Nurses: see
``test_generics.py::test_system_without_graph_reads_initial_plural_as_common_noun``.)
"""

from __future__ import annotations

import pytest

from nesy.logic.system import SymbolicSystem
from nesy.semantics import Reader


@pytest.fixture(scope="session")
def reader(nlp) -> Reader:  # noqa: ANN001 - the root conftest's spaCy pipeline
    return Reader(nlp=nlp)


@pytest.fixture(scope="session")
def system(reader: Reader) -> SymbolicSystem:
    s = SymbolicSystem(kg=None)
    s.reader = reader
    return s


@pytest.fixture(scope="session")
def kg_system(reader: Reader, shipped_retriever) -> SymbolicSystem:  # noqa: ANN001
    """The symbolic system with the shipped WordNet graph, for the few tests that need lexical knowledge."""
    s = SymbolicSystem(kg=shipped_retriever)
    s.reader = Reader(nlp=reader.nlp, known_noun=s._known_noun)
    return s
