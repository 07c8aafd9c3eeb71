"""Generic statements in rule text (classical reading): a bare plural or a singular indefinite subject of a
present-simple copula, modal or passive states a rule about every such individual; progressive, past and
episodic sentences stay existential. A generic has no existential import."""

from __future__ import annotations

import pytest

from nesy.logic.fol import ForAll, Implies
from nesy.logic.system import SymbolicSystem
from nesy.semantics import Reader
from nesy.types import Label, Problem
from tests.semantics._helpers import C, E, N, read


# --------------------------------------------------------------------------- formulas
@pytest.mark.parametrize("sentence", ["Dogs are loyal.", "A dog is loyal.", "Every dog is loyal."],
                         ids=["bare-plural", "indefinite", "every"])
def test_generic_is_a_universal_rule(reader, sentence):
    f = read(reader, sentence)
    assert isinstance(f, ForAll) and isinstance(f.body, Implies)
    assert str(f) == "∀x1 (dog(x1) → loyal(x1))"


@pytest.mark.parametrize("sentence", ["Dogs are barking.", "A dog is barking.", "Dogs were loyal."],
                         ids=["plural-progressive", "indefinite-progressive", "past"])
def test_episodic_sentences_are_existential(reader, sentence):
    assert "∀" not in str(read(reader, sentence))


def test_generic_with_a_modal(reader):
    f = read(reader, "A tenant must pay the rent.")
    assert isinstance(f, ForAll) or "∀x" in str(f)
    assert "tenant(" in str(f)


def test_system_without_graph_reads_initial_plural_as_common_noun(reader):
    plain = SymbolicSystem(kg=None)
    plain.reader = Reader(nlp=reader.nlp, known_noun=plain.reader.known_noun)  # as built by SymbolicSystem, shared spaCy
    verdict = plain.solve(Problem(id="kg-none", premises=("Nurses are kind.",), hypothesis="Someone is kind."))
    assert verdict.label is Label.NEUTRAL and not verdict.proved


# --------------------------------------------------------------------------- entailments
CASES = [
    E("bare-plural-instance", ("Dogs are loyal.", "Rex is a dog."), "Rex is loyal."),
    # a bare singular substance noun the tagger takes for a name ("Clopidogrel", "Morphine") is a kind term
    # (the lower-case use in a later sentence tells the reader, which has no lexicon here, that it is a noun)
    E("bare-mass-generic", ("Morphine is an opioid.", "Mr. Gold takes morphine."), "Mr. Gold takes an opioid."),
    N("bare-mass-generic-no-import", ("Morphine is an opioid.", "Ann does not take morphine."),
      "There is an opioid."),
    N("bare-mass-episodic", ("Morphine is being given.",), "Every morphine is being given.", refused_ok=True),
    E("indefinite-generic-instance", ("A dog is loyal.", "Rex is a dog."), "Rex is loyal."),
    C("negative-generic-instance", ("Cats are not loyal.", "Tom is a cat."), "Tom is loyal."),
    E("generic-chain", ("Mammals are animals.", "Dogs are mammals.", "Rex is a dog."), "Rex is an animal."),
    C("generics-exclude", ("Dogs are loyal.", "Cats are not loyal.", "Rex is a dog."), "Rex is a cat."),
    E("generic-restrictor-down", "Dogs are loyal.", "Small dogs are loyal."),
    N("generic-restrictor-not-up", "Small dogs are loyal.", "Dogs are loyal."),
    E("every-to-generic", "Every dog is loyal.", "Dogs are loyal."),
    E("generic-noun-predicate", ("Whales are big mammals.", "Moby is a whale."), "Moby is a mammal."),
    N("generic-subsective-predicate", ("Whales are big mammals.", "Moby is a whale."), "Moby is big."),
    E("generic-modal-rule", ("Children under 12 must wear a helmet.", "Tim is a child.", "Tim is 8."),
      "Tim must wear a helmet."),
    N("progressive-plural-is-not-a-rule", ("Dogs are barking.", "Rex is a dog."), "Rex is barking."),
    N("progressive-indefinite-is-not-a-rule", ("A dog is barking.", "Rex is a dog."), "Rex is barking."),
    E("progressive-plural-witness", "Dogs are barking.", "A dog is barking."),
    N("past-plural-is-not-a-rule", ("Dogs were loyal.", "Rex is a dog."), "Rex is loyal."),
    N("generic-no-existential-import", "Dogs are loyal.", "Some dog is loyal."),
    E("generic-verb-rule", ("Statins lower cholesterol.", "Lipitor is a statin."), "Lipitor lowers cholesterol.",
      gap="'Statins lower cholesterol' is parsed as a noun phrase and refused as a fragment"),
]


@pytest.mark.parametrize("case", CASES)
def test_entailment(system, case):
    case.check(system)
