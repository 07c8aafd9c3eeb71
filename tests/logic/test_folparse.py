from __future__ import annotations

import pytest

from nesy.errors import ParseError
from nesy.logic.fol import ForAll
from nesy.logic.folparse import parse_fol


@pytest.mark.parametrize(
    "text, expected",
    [
        ("∀x (Drinks(x) → Dependent(x))", "∀x (Drinks(x) → Dependent(x))"),
        ("∀x (Drinks(x) ⊕ Jokes(x))", "∀x (Drinks(x) ⊕ Jokes(x))"),
        ("(Student(rina) ∧ Unaware(rina)) ⊕ ¬(Student(rina) ∨ Unaware(rina))",
         "(Student(rina) ∧ Unaware(rina)) ⊕ ¬(Student(rina) ∨ Unaware(rina))"),
        ("∃x ∃y (Likes(x, y) ∧ x ≠ y)", "∃x (∃y (Likes(x, y) ∧ x ≠ y))"),
        ("forall x (Dog(x) -> Animal(x))", "∀x (Dog(x) → Animal(x))"),
        ("A(a) ∧ B(a) ∨ C(a) → D(a) ↔ E(a)", "(((A(a) ∧ B(a)) ∨ C(a)) → D(a)) ↔ E(a)"),
        ("Rains", "Rains()"),
    ],
)
def test_parse_fol(text, expected):
    assert str(parse_fol(text)) == expected


def test_unbound_variables_are_closed_universally():
    f = parse_fol("Dog(x) → Animal(x)")
    assert isinstance(f, ForAll) and f.var.name == "x"


@pytest.mark.parametrize("bad", ["", "∀x", "Dog(x", "Dog(x)) ∧", "∧ A(a)", "A(a) # B(b)"])
def test_malformed_formulas_raise_parse_error(bad):
    with pytest.raises(ParseError):
        parse_fol(bad)
