"""Relative clauses (subject and object gaps, "whose"), reduced relatives (participles) and postnominal
modifiers: they restrict the noun, so they are dropped upwards and added downwards as the quantifier says."""

from __future__ import annotations

import pytest

from tests.semantics._helpers import C, E, N, read, roles


# --------------------------------------------------------------------------- formulas
def test_subject_relative_in_a_restrictor(reader):
    f = read(reader, "Every student who smokes cigars is rich.")
    s = str(f)
    assert s.startswith("∀x1 (∀x2 ((student(x1) ∧ cigar(x2) ∧ (∃e3 (smoke(e3) ∧ agent(e3, x1) ∧ theme(e3, x2))))")
    assert s.endswith("→ rich(x1)))")


def test_object_relative_binds_the_object(reader):
    f = read(reader, "Ann owns a dog that Bob bought.")
    (dog,) = roles(f, "own")["theme"]
    assert roles(f, "buy")["theme"] == {dog} and roles(f, "buy")["agent"] == {"bob"}


def test_copular_relative_modifies_the_individual(reader):
    f = read(reader, "A man who is tall entered the room.")
    (man,) = roles(f, "enter")["agent"]
    assert {f"man({man})", f"tall({man})"} <= {str(a) for a in f.args}


def test_reduced_passive_relative(reader):
    f = read(reader, "A contract signed by a minor is voidable.")
    s = str(f)
    assert "sign(e3) ∧ theme(e3, x1) ∧ agent(e3, x2)" in s and s.endswith("→ voidable(x1)))")


def test_postnominal_bound_in_a_generic_rule(reader):
    s = str(read(reader, "Children under 12 must wear a helmet."))
    assert s.startswith("∀x1 ((child(x1) ∧ (age(x1) < 12)) →")


def test_whose_relative(reader):
    f = read(reader, "Ann met a man whose dog barked.")
    (dog,) = roles(f, "bark")["agent"]
    (man,) = roles(f, "meet")["theme"]
    assert f"of({dog}, {man})" in str(f)


# --------------------------------------------------------------------------- entailments
CASES = [
    E("relative-instance", ("Every student who smokes cigars is rich.", "Ann is a student.", "Ann smokes cigars."),
      "Ann is rich."),
    N("relative-condition-needed", ("Every student who smokes cigars is rich.", "Ann smokes cigars."), "Ann is rich."),
    C("no-relative-instance", ("No student who smokes cigars is rich.", "Ann is a student.", "Ann smokes cigars."),
      "Ann is rich."),
    E("every-adds-relative", "Every student is rich.", "Every student who smokes cigars is rich."),
    N("every-drops-relative", "Every student who smokes cigars is rich.", "Every student is rich."),
    E("no-relative-down", "No student who smokes cigars is rich.", "No student who smokes big cigars is rich."),
    E("indefinite-drops-relative", "A man who is tall entered the room.", "A man entered the room."),
    N("indefinite-adds-relative", "A man entered the room.", "A man who is tall entered the room."),
    E("relative-content-holds", "Ann helped a nurse who was crying.", "A nurse was crying."),
    E("relative-in-object", "Ann saw a man who was singing a song.", "A man was singing a song."),
    E("object-relative", "Ann owns a dog that Bob bought.", "Bob bought a dog."),
    E("object-relative-to-relative", "Ann owns a dog that Bob bought.", "Bob bought something that Ann owns."),
    E("relative-scope-up", "Ann owns a dog that barks loudly.", "Ann owns a dog that barks."),
    N("relative-scope-not-down", "Ann owns a dog that barks.", "Ann owns a dog that barks loudly."),
    E("nominal-relative", "Ann is a nurse who sings songs.", "Ann sings songs."),
    E("nested-relative", ("Every student who owns a car that is red is rich.", "Ann is a student.",
                          "Ann owns a red car."), "Ann is rich."),
    E("whose", "Ann met a man whose dog barked.", "A dog barked."),
    E("relative-bound-met", ("Every patient who is over 65 must see a doctor.", "Ann is a patient.",
                             "Ann is 70 years old."), "Ann must see a doctor."),
    N("relative-bound-not-met", ("Every patient who is over 65 must see a doctor.", "Ann is a patient.",
                                 "Ann is 60 years old."), "Ann must see a doctor."),
    E("postnominal-comparative", ("Patients older than 65 must see a doctor.", "Ann is a patient.",
                                  "Ann is 70 years old."), "Ann must see a doctor."),
    E("postnominal-bound-met", ("Children under 12 must wear a helmet.", "Tim is a child.", "Tim is 8."),
      "Tim must wear a helmet."),
    N("postnominal-bound-not-met", ("Children under 12 must wear a helmet.", "Tim is a child.", "Tim is 14."),
      "Tim must wear a helmet."),
    E("reduced-relative-rule", ("A contract signed by a minor is voidable.", "Ann is a minor.", "Ann signed the lease.",
                                "The lease is a contract."), "The lease is voidable."),
    N("definite-relative-no-uniqueness", ("The man who is tall is rich.", "Bob is a man.", "Bob is tall."),
      "Bob is rich."),
    E("object-relative-with-name-subject", ("Every nurse who Ann trusts is kind.", "Ann trusts Bob.",
                                            "Bob is a nurse."), "Bob is kind.",
      gap="an object relative with a name as its subject ('who Ann trusts') leaves the name unread"),
]


@pytest.mark.parametrize("case", CASES)
def test_entailment(system, case):
    case.check(system)


def test_a_relative_clause_whose_readings_multiply_is_refused_quickly(reader):  # type: ignore[no-untyped-def]
    """'the stairs, which are outdoors' re-read the stairs from inside the clause until the readings multiplied
    (minutes and gigabytes on one SICK pair); now the sentence is refused within the noun-phrase budget."""
    import time

    from nesy import limits

    reader.read(["A man is here."], None)  # load the pipeline before timing
    for text in ("A man is at the bottom of the stairs, which are outdoors",
                 "The man and the boy are standing at the bottom of the stairs, which are outdoors"):
        t0 = time.perf_counter()
        m = reader.read([text], None)
        assert time.perf_counter() - t0 < 10
        assert m.premises[0] is None and 0 in m.errors
    assert limits.MAX_NP_READINGS >= 1000
    # an ordinary non-restrictive relative is still read
    m = reader.read(["A man is standing near some stairs, which are red"], None)
    assert m.premises[0] is not None
