"""Reference across sentences: names (titles, shortened forms), definite descriptions, pronouns (gender, number,
reflexives, possessives, donkey pronouns), and the unique-names assumption."""

from __future__ import annotations

import pytest

from nesy.logic.fol import Const, constants
from nesy.semantics import Reader
from tests.semantics._helpers import C, E, N, atoms, meaning, read, refusal, roles


# --------------------------------------------------------------------------- formulas
def test_title_is_stripped_from_a_name(reader):
    m = meaning(reader, ("Dr. Okafor signed the will.", "Okafor is a surgeon."))
    assert roles(m.premises[0], "sign")["agent"] == {"okafor"}
    assert str(m.premises[1]) == "surgeon(okafor)"


def test_titled_full_name_joins_its_parts(reader):
    m = meaning(reader, ("Dr. Ann Okafor is a surgeon.", "Okafor is tall.", "Ann is rich."))
    assert [str(p) for p in m.premises] == ["surgeon(ann_okafor)", "tall(ann_okafor)", "rich(ann_okafor)"]


def test_surname_shared_by_two_people_is_not_joined(reader):
    m = meaning(reader, ("Ann Okafor is a surgeon.", "Bob Okafor is a nurse."), "Okafor is a surgeon.")
    assert "ann_okafor" not in str(m.hypothesis) and "bob_okafor" not in str(m.hypothesis)


def test_unique_names_between_different_names(reader):
    m = meaning(reader, ("Ann is a nurse.", "Bob is a nurse."))
    assert "ann ≠ bob" in {str(f) for f, _ in m.background}


def test_no_unique_name_axiom_between_overlapping_names(reader):
    m = meaning(reader, ("Ann Okafor is a nurse.", "Okafor is tall."))
    assert not any("≠" in str(f) for f, _ in m.background)


def test_indefinite_then_definite_is_one_individual(reader):
    m = meaning(reader, ("A dog barked.", "The dog is black."))
    (dog,) = roles(m.premises[0], "bark")["agent"]
    assert f"black({dog})" in atoms(m.premises[1])
    assert constants(m.premises[1]) == {Const(dog)}


def test_new_definite_presupposes_its_description(reader):
    f = read(reader, "The nurse is tall.")
    assert str(f) == "nurse(the_nurse) ∧ tall(the_nurse)"


@pytest.mark.parametrize("premises, pronoun_of", [
    (("Ann called Bob.", "He smiled."), "bob"),
    (("Ann called Bob.", "She smiled."), "ann"),
    (("Bob called Ann.", "She smiled."), "ann"),
], ids=["he-to-male", "she-to-female-subject", "she-to-female-object"])
def test_pronoun_gender_picks_the_antecedent(reader, premises, pronoun_of):
    m = meaning(reader, premises)
    assert roles(m.premises[1], "smile")["agent"] == {pronoun_of}


def test_it_takes_a_thing_antecedent(reader):
    m = meaning(reader, ("Ann saw a dog.", "It barked."))
    (dog,) = roles(m.premises[0], "see")["theme"]
    assert roles(m.premises[1], "bark")["agent"] == {dog}


def test_reflexive_is_the_subject(reader):
    assert roles(read(reader, "Bob praised himself."), "praise")["theme"] == {"bob"}


def test_possessive_pronoun(reader):
    f = read(reader, "Ann loves her dog.")
    (dog,) = roles(f, "love")["theme"]
    assert f"of({dog}, ann)" in str(f)


def test_first_word_with_indefinite_apposition_is_a_name(reader):
    """With a lexicon that knows "pip" as a noun, "Pip, a giant hamster, …" still names one individual, and the
    hypothesis's "Pip" is the same name; without the apposition the known noun is a kind term."""
    lexical = Reader(nlp=reader.nlp, known_noun=lambda w: w in {"pip", "hamster", "cage", "morphine", "opioid"})
    m = lexical.read(["Pip, a giant hamster, lives in a cage."], "Pip is a hamster.")
    assert "hamster(pip)" in str(m.premises[0]) and str(m.hypothesis) == "hamster(pip)"
    m = lexical.read(["Morphine is an opioid."])
    assert str(m.premises[0]) == "∀x1 (morphine(x1) → opioid(x1))"


def test_donkey_pronouns_are_bound_by_the_conditional(reader):
    f = read(reader, "If a farmer owns a donkey, he beats it.")
    assert str(f).startswith("∀x1 (∀x2 ((farmer(x1) ∧ donkey(x2)")
    assert "agent(e4, x1) ∧ theme(e4, x2)" in str(f)


def test_plain_object_pronoun_is_not_the_subject(reader):
    m = meaning(reader, "Ann praised her.")
    assert m.premises[0] is None or roles(m.premises[0], "praise")["theme"] != {"ann"}


@pytest.mark.parametrize("sentence", ["He smiled.", "She is tall.", "It is broken.", "They left the room."],
                         ids=["he", "she", "it", "they"])
def test_pronoun_without_antecedent_is_refused(reader, sentence):
    assert refusal(reader, sentence) == "pronoun without antecedent"


# --------------------------------------------------------------------------- entailments
CASES = [
    # names
    E("title-and-surname", "Dr. Okafor signed the will.", "Okafor signed the will."),
    E("title-across-premises", ("Dr. Okafor examined Ann.", "Okafor is a surgeon."), "Ann was examined by a surgeon."),
    E("full-name-to-surname", "Dr. Ann Okafor is a surgeon.", "Okafor is a surgeon."),
    E("full-name-to-given-name", "Dr. Ann Okafor is a surgeon.", "Ann is a surgeon."),
    E("given-name-and-surname", "Ann Lee is a surgeon.", "Ann is a surgeon."),
    E("mrs-pronoun", ("Mrs. Lee is a surgeon.", "She is tall."), "Lee is tall."),
    N("ambiguous-surname", ("Ann Okafor is a surgeon.", "Bob Okafor is a nurse."), "Okafor is a surgeon."),
    N("different-doctors", ("Dr. Okafor examined Ann.", "Dr. Lee examined Bob.", "Okafor is a surgeon."),
      "Bob was examined by a surgeon."),
    E("unknown-given-name-with-title", "Dr. Chidi Okafor is a surgeon.", "Okafor is a surgeon."),
    # pronouns
    E("he-to-bob", ("Ann called Bob.", "He smiled."), "Bob smiled."),
    N("he-not-ann", ("Ann called Bob.", "He smiled."), "Ann smiled."),
    E("she-to-ann", ("Ann called Bob.", "She smiled."), "Ann smiled."),
    E("she-to-ann-object", ("Bob called Ann.", "She smiled."), "Ann smiled."),
    E("he-after-pp", ("Ann smiled at Bob.", "He waved."), "Bob waved."),
    E("it-to-dog", ("Ann saw a dog.", "It barked."), "A dog barked."),
    N("it-not-ann", ("Ann saw a dog.", "It barked."), "Ann barked."),
    E("he-to-indefinite", ("A man entered the room.", "He sat down."), "A man sat down."),
    E("her-to-indefinite", ("A woman entered the room.", "A dog followed her."), "A dog followed a woman."),
    E("she-and-it", ("Ann has a cat.", "She feeds it."), "Ann feeds a cat."),
    E("reflexive", "Bob praised himself.", "Bob praised Bob."),
    N("non-reflexive-object", "Bob praised him.", "Bob praised Bob.", refused_ok=True),
    E("non-reflexive-object-earlier-name", ("Bob met Carl.", "Bob praised him."), "Bob praised Carl."),
    N("non-reflexive-object-not-subject", ("Bob met Carl.", "Bob praised him."), "Bob praised Bob."),
    E("possessive-pronoun", "Ann loves her dog.", "Ann loves a dog."),
    E("bound-possessive", ("Every boy loves his mother.", "Tim is a boy."), "Tim loves a mother."),
    N("possessive-not-its-own-subject", ("Bob has a dog.", "Rex is his dog."), "Rex is Rex's dog."),
    E("possessive-in-predicate-to-earlier", ("Bob has a dog.", "Rex is his dog."), "Rex is Bob's dog."),
    N("possessive-in-predicate-no-other-antecedent", "Rex is his dog.", "Rex is Rex's dog.", refused_ok=True),
    # partitives of a possessive plural: the owner's things of that kind
    E("each-of-possessive", ("Each of Bob's dogs barks.", "Rex is one of Bob's dogs."), "Rex barks."),
    N("each-of-possessive-other-owner", ("Each of Bob's dogs barks.", "Rex is one of Ann's dogs."), "Rex barks."),
    E("one-of-possessive", "Rex is one of Bob's dogs.", "Rex is a dog."),
    N("one-of-possessive-not-unique", ("Rex is one of Bob's dogs.", "Tim is one of Bob's dogs."), "Rex is Tim."),
    E("plural-pronoun-to-names", ("Ann and Bob are tall.", "They are rich."), "Bob is rich.",
      gap="'they' does not take a coordination of names as its antecedent"),
    # definites
    E("definite-to-indefinite", ("A dog barked.", "The dog is black."), "A black dog barked."),
    E("definite-to-object", ("Ann saw a dog.", "The dog is black."), "Ann saw a black dog."),
    E("definite-picks-by-noun", ("Ann saw a dog and a cat.", "The cat is black."), "Ann saw a black cat."),
    N("definite-not-the-other-noun", ("Ann saw a dog and a cat.", "The cat is black."), "Ann saw a black dog."),
    N("ambiguous-definite", ("Ann saw a dog.", "Bob saw a dog.", "The dog is black."), "Ann saw a black dog."),
    E("definite-with-modifier", ("Ann saw a big dog.", "Ann saw a small dog.", "The big dog is black."),
      "Ann saw a black dog."),
    E("definite-relative", ("Ann met a man.", "The man is tall."), "Ann met a man who is tall."),
    E("donkey", ("If a farmer owns a donkey, he feeds it.", "Pedro is a farmer.", "Pedro owns a donkey."),
      "Pedro feeds a donkey."),
    E("donkey-named", ("If a farmer owns a donkey, he feeds it.", "Pedro is a farmer.", "Pedro owns Dapple.",
                       "Dapple is a donkey."), "Pedro feeds Dapple."),
    E("donkey-local-over-earlier", ("Ann has a car.", "Every man who owns a bike rides it.", "Bob is a man.",
                                    "Bob owns a bike."), "Bob rides a bike."),
    N("donkey-local-not-earlier", ("Ann has a car.", "Every man who owns a bike rides it.", "Bob is a man.",
                                   "Bob owns a bike."), "Bob rides Ann's car."),
    E("donkey-reduced-relative-after-name", ("Clopidogrel is an antiplatelet drug.",
                                             "Patients taking an antiplatelet drug must stop it.",
                                             "Mr. Hussain is a patient.", "Mr. Hussain takes clopidogrel."),
      "Mr. Hussain must stop clopidogrel."),
    # unique names
    E("unique-names-count", ("Ann is a nurse.", "Bob is a nurse."), "There are two nurses."),
    C("unique-names-exactly-one", ("Ann is a nurse.", "Bob is a nurse.", "Exactly one nurse is tall.", "Ann is tall."),
      "Bob is tall."),
    N("name-distinctness-alone-is-no-proof", ("Ann is a nurse.", "Bob is a nurse."), "Ann is Bob."),
]


@pytest.mark.parametrize("case", CASES)
def test_entailment(system, case):
    case.check(system)
