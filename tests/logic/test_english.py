"""English → FOL parser: one test per construction, with the expected formula."""

from __future__ import annotations

import re

import pytest

from nesy.errors import ParseError
from nesy.logic.english import EnglishParser, singular


@pytest.fixture(scope="module")
def parser(nlp):
    return EnglishParser(nlp=nlp)


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # ProofWriter / RuleTaker facts
        ("Bob is big.", "big(bob)"),
        ("Bob is not big.", "¬big(bob)"),
        ("The bear likes the cat.", "like(bear, cat)"),
        ("The bear does not like the cat.", "¬like(bear, cat)"),
        ("The bald eagle visits the cat.", "visit(bald_eagle, cat)"),
        # ProofWriter rules
        ("If someone is red and cold then they are round.", "∀x ((red(x) ∧ cold(x)) → round(x))"),
        ("All red things are rough.", "∀y1 (red(y1) → rough(y1))"),
        ("Red, cold things are round.", "∀y1 ((red(y1) ∧ cold(y1)) → round(y1))"),
        ("If the bear likes the cat then the cat is big.", "like(bear, cat) → big(cat)"),
        ("If something likes the cat and it is big then it needs the dog.",
         "∀x ((like(x, cat) ∧ big(x)) → need(x, dog))"),
        ("If someone is not big then they are red.", "∀x (¬big(x) → red(x))"),
        ("If Dave is smart and Dave is kind then Dave is quiet.", "(smart(dave) ∧ kind(dave)) → quiet(dave)"),
        # ProntoQA
        ("Every wumpus is a yumpus.", "∀y1 (wumpus(y1) → yumpus(y1))"),
        ("Each yumpus is not bitter.", "∀y1 (yumpus(y1) → ¬bitter(y1))"),
        ("Wumpuses are red.", "∀y1 (wumpus(y1) → red(y1))"),
        ("Jompuses are yumpuses.", "∀y1 (jompus(y1) → yumpus(y1))"),
        ("Max is a wumpus.", "wumpus(max)"),
        # quantifiers
        ("No cat is a dog.", "∀y1 (cat(y1) → ¬dog(y1))"),
        ("Everyone is happy.", "∀y1 (happy(y1))"),
        ("Some cats are black.", "∃y1 (cat(y1) ∧ black(y1))"),
        ("A man is sleeping.", "∃y1 (man(y1) ∧ sleeping(y1))"),
        ("Someone is tall.", "∃y1 (tall(y1))"),
        ("If there is someone who is southern, then Patricia is scared.", "(∃y1 (southern(y1))) → scared(patricia)"),
        ("If there is at least one people who is either southern or not civil, then Paul is soft.",
         "(∃y1 (southern(y1) ∨ ¬civil(y1))) → soft(paul)"),
        # connectives
        ("If someone is southern, then he is neither jittery nor soft.",
         "∀x (southern(x) → (¬jittery(x) ∧ ¬soft(x)))"),
        ("Bob is either red or blue.", "red(bob) ∨ blue(bob)"),
        ("Bob is both red and blue.", "red(bob) ∧ blue(bob)"),
        ("Bob is not red and not big.", "¬red(bob) ∧ ¬big(bob)"),
        ("Eli is scared if and only if Patricia is soft and Broderick is not civil.",
         "scared(eli) ↔ (soft(patricia) ∧ ¬civil(broderick))"),
        ("If someone is soft, then he is southern, and vice versa.", "∀x (soft(x) ↔ southern(x))"),
        ("It can be concluded that Broderick is scared once knowing that Miles is not soft.",
         "¬soft(miles) → scared(broderick)"),
        ("As long as someone is soft, he is poised and not scared.", "∀x (soft(x) → (poised(x) ∧ ¬scared(x)))"),
        ("Bob is red only if Bob is big.", "red(bob) → big(bob)"),
        ("Bob is red if Bob is big.", "big(bob) → red(bob)"),
        # relative clauses and gerunds
        ("Someone who is not jittery is always both civil and not soft.",
         "∀x (¬jittery(x) → (civil(x) ∧ ¬soft(x)))"),
        ("If someone who is not red is also not big, then he is soft.", "∀x ((¬red(x) ∧ ¬big(x)) → soft(x))"),
        ("Someone being not soft is equivalent to being red.", "∀x (¬soft(x) ↔ red(x))"),
        ("Eli being red and Bob being soft imply that Ann is big.", "(red(eli) ∧ soft(bob)) → big(ann)"),
        ("All not red people are not big.", "∀y1 (¬red(y1) → ¬big(y1))"),
        ("Janine is broad-minded.", "broad_minded(janine)"),
        # names and quantifiers that are logic (beside the faithfulness guards below)
        ("No cats are dogs.", "∀y1 (cat(y1) → ¬dog(y1))"),
        ("Bob is big or Anne is red.", "big(bob) ∨ red(anne)"),
        ("If Bob is big then Anne is red.", "big(bob) → red(anne)"),
        ("Some cats purr.", "∃y1 (cat(y1) ∧ purr(y1))"),
        ("Vera is various.", "various(vera)"),
    ],
)
def test_parse_construction(parser, sentence, expected):
    assert str(parser.parse(sentence)) == expected


def test_plural_and_singular_are_one_predicate(parser):
    rule = parser.parse("Rough things are big.")
    fact = parser.parse("Bob is rough.")
    assert "rough(" in str(rule) and str(fact) == "rough(bob)"
    assert singular("wumpuses") == "wumpus" and singular("nervous") == "nervous" and singular("people") == "person"


def test_parse_either_or_is_exclusive_when_asked(nlp):
    p = EnglishParser(nlp=nlp, exclusive_either=True)
    assert str(p.parse("Bob is either red or blue.")) == "red(bob) ⊕ blue(bob)"


def test_unparsable_sentence_is_reported_not_guessed(parser):
    with pytest.raises(ParseError, match=re.escape("outside nesy's grammar")):
        parser.parse("Colorless green ideas sleep furiously near the quickly.")
    results = parser.parse_many(["Bob is big.", "Whereupon, thus."])
    assert str(results[0]) == "big(bob)" and isinstance(results[1], ParseError)


@pytest.mark.parametrize(("sentence", "why"), [
    ("Many species of amphibians make Lake Wilhelm their home.", "generalised quantifier"),
    ("Most cats purr.", "generalised quantifier"),
    ("No Stranger Than Love is a 2015 comedy film directed by Nick Wernham.", "opens a name or title"),
    ("The film was nominated for the GLAAD Media Award for Outstanding TV Movie or Limited Series.",
     "inside the name or title"),
])
def test_sentences_without_a_faithful_reading_are_refused(parser, sentence, why):
    # read as "all species of amphibians …", "no x that is a stranger …", "… movie ∨ limited(x) ∧ series(x)",
    # each would prove things the sentence does not say
    with pytest.raises(ParseError, match=why):
        parser.parse(sentence)


def test_superlatives_are_not_generalised_quantifiers(parser):
    assert str(parser.parse("The apples are the most expensive.")) != ""
