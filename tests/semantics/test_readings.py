"""Readings: ``classical`` (rule text) and ``scene`` (image captions: premise and hypothesis describe one scene,
so a hypothesis indefinite with no more description than a premise individual's is that individual; tense and
generics are ignored; noun-phrase fragments are statements)."""

from __future__ import annotations

import re

import pytest

from nesy.errors import ConfigError
from nesy.logic.fol import Exists
from tests.semantics._helpers import C, E, N, meaning, read, refusal


# --------------------------------------------------------------------------- formulas
def test_scene_hypothesis_indefinite_is_the_premise_individual(reader):
    m = meaning(reader, "A cat is sleeping on a sofa.", "A cat is not sleeping.", reading="scene")
    assert str(m.hypothesis) == "cat(cat1) ∧ ¬(∃e2 (sleep(e2) ∧ agent(e2, cat1)))"


def test_classical_hypothesis_indefinite_is_existential(reader):
    m = meaning(reader, "A cat is sleeping on a sofa.", "A cat is not sleeping.", reading="classical")
    assert isinstance(m.hypothesis, Exists)
    assert "cat1" not in str(m.hypothesis)


def test_scene_needs_a_unique_antecedent(reader):
    m = meaning(reader, ("A man is playing a guitar.", "A man is singing."), "A man is not playing a guitar.",
                reading="scene")
    assert isinstance(m.hypothesis, Exists) and "man1" not in str(m.hypothesis)


def test_scene_hypothesis_modifier_blocks_coreference(reader):
    m = meaning(reader, "A dog is running.", "A black dog is not running.", reading="scene")
    assert isinstance(m.hypothesis, Exists)


def test_scene_ignores_tense(reader):
    f = read(reader, "A man played a guitar.", reading="scene")
    assert not re.search(r"\b(pres|past|fut)\(", str(f))
    assert re.search(r"\bpast\(", str(read(reader, "A man played a guitar.")))


def test_scene_bare_plural_is_existential(reader):
    assert str(read(reader, "Dogs are loyal.", reading="scene")) == "dog(dog1) ∧ loyal(dog1)"
    assert str(read(reader, "Dogs are loyal.")) == "∀x1 (dog(x1) → loyal(x1))"


def test_fragments_are_read_only_in_captions(reader):
    f = read(reader, "Two dogs in the snow.", reading="scene")
    assert "dog1 ≠ dog2" in str(f) and "in(dog1, the_snow)" in str(f)
    assert refusal(reader, "Two dogs in the snow.") == "fragment"


def test_unknown_reading_is_a_config_error(reader):
    with pytest.raises(ConfigError, match=re.escape("Choose one of: classical, scene")):
        reader.read(["Ann is tall."], reading="directional")


def test_meaning_records_its_reading_and_round_trips_to_dict(reader):
    m = meaning(reader, "A cat is sleeping.", "A cat is not sleeping.", reading="scene")
    d = m.to_dict()
    assert d["reading"] == "scene" and d["hypothesis"] == str(m.hypothesis) and d["errors"] == {}


# --------------------------------------------------------------------------- entailments
CASES = [
    C("scene-negation-corefers", "A cat is sleeping on a sofa.", "A cat is not sleeping.", reading="scene"),
    N("classical-negation-is-another-cat", "A cat is sleeping on a sofa.", "A cat is not sleeping."),
    E("scene-drop-modifier", "A cat is sleeping on a sofa.", "A cat is sleeping.", reading="scene"),
    E("classical-drop-modifier", "A cat is sleeping on a sofa.", "A cat is sleeping."),
    C("scene-definite", "A woman is slicing an onion.", "The woman is not slicing an onion.", reading="scene"),
    C("scene-premise-modifier-ok", "A black dog is running.", "A dog is not running.", reading="scene"),
    N("scene-hypothesis-modifier-not-stated", "A dog is running.", "A black dog is not running.", reading="scene"),
    N("scene-two-candidates", ("A man is playing a guitar.", "A man is singing."), "A man is not playing a guitar.",
      reading="scene"),
    C("scene-other-noun-ok", ("A dog is running.", "A cat is sleeping."), "A dog is not running.", reading="scene"),
    C("scene-there-is-no", "A woman is slicing an onion.", "There is no woman slicing an onion.", reading="scene"),
    N("scene-different-object", "A woman is slicing an onion.", "A woman is slicing a tomato.", reading="scene"),
    C("classical-nobody", "A man is cutting a tomato.", "Nobody is cutting a tomato."),
    E("scene-tense-ignored", "A man played a guitar.", "A man is playing a guitar.", reading="scene"),
    N("classical-tense-kept", "A man played a guitar.", "A man is playing a guitar."),
    E("scene-fragment", "Two dogs in the snow.", "A dog is in the snow.", reading="scene"),
    N("scene-bare-plural-is-not-a-rule", ("Dogs are loyal.", "Rex is a dog."), "Rex is loyal.",
      reading="scene"),
    E("classical-generic-instance", ("Dogs are loyal.", "Rex is a dog."), "Rex is loyal."),
]


@pytest.mark.parametrize("case", CASES)
def test_entailment(system, case):
    case.check(system)


# Lexical knowledge (the shipped WordNet graph): "dozing" is a kind of sleeping, "girl" a kind of person.
KG_CASES = [
    E("scene-hyponym-verb", "A cat is dozing on a sofa.", "A cat is sleeping.", reading="scene"),
    C("scene-hyponym-verb-negated", "A cat is dozing on a sofa.", "A cat is not sleeping.", reading="scene"),
    N("classical-hyponym-verb-negated", "A cat is dozing on a sofa.", "A cat is not sleeping."),
    N("scene-other-animal", "A cat is dozing on a sofa.", "A dog is sleeping.", reading="scene"),
    E("scene-person", "A girl is eating an apple.", "A person is eating an apple.", reading="scene"),
    C("scene-nobody", "A girl is eating an apple.", "Nobody is eating an apple.", reading="scene"),
]


@pytest.mark.parametrize("case", KG_CASES)
def test_entailment_with_lexical_knowledge(kg_system, case):
    case.check(kg_system)
