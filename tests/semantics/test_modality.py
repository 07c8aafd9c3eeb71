"""Modality over accessible worlds: must/may/can/need duals, "not" inside or outside the modal, modal verbs
("be required/allowed/forbidden to", "have to"), flavours (deontic, epistemic, advice) kept apart, seriality
("must" gives "may"), and nothing about the actual world."""

from __future__ import annotations

import pytest

from nesy.logic.fol import Exists, ForAll, Implies, Not
from tests.semantics._helpers import C, E, N, meaning, pred_names, read


def _strip_presupposition(f):
    """The modal part of "definite ∧ modal" (the presupposed description comes first)."""
    from nesy.logic.fol import And

    return f.args[-1] if isinstance(f, And) else f


# --------------------------------------------------------------------------- formulas
def test_must_is_a_universal_over_deontic_worlds(reader):
    f = _strip_presupposition(read(reader, "Ann must pay the fee."))
    assert isinstance(f, ForAll) and isinstance(f.body, Implies)
    assert str(f.body.left) == f"acc_deontic({f.var})"
    assert f"pay(e2, {f.var})" in str(f.body.right)  # the event is at the world


def test_may_is_an_existential_over_deontic_worlds(reader):
    f = read(reader, "Ann may leave.")
    assert isinstance(f, Exists) and "acc_deontic(w1)" in str(f)


@pytest.mark.parametrize("sentence, shape", [
    ("Ann must not enter the lab.", "□¬"),
    ("Ann cannot enter the lab.", "¬◇"),
    ("Ann need not pay the fee.", "¬□"),
    ("Ann is forbidden to enter the lab.", "□¬"),
], ids=["must-not", "cannot", "need-not", "forbidden"])
def test_scope_of_negation_and_modal(reader, sentence, shape):
    f = _strip_presupposition(read(reader, sentence))
    if shape == "□¬":
        assert isinstance(f, ForAll) and isinstance(f.body, Implies) and isinstance(f.body.right, Not)
    elif shape == "¬◇":
        assert isinstance(f, Not) and isinstance(f.arg, Exists)
    else:
        assert isinstance(f, Not) and isinstance(f.arg, ForAll)


@pytest.mark.parametrize("sentence", ["Ann is required to pay the fee.", "Ann has to pay the fee."],
                         ids=["required-to", "have-to"])
def test_modal_verbs_are_necessity(reader, sentence):
    assert read(reader, sentence) == read(reader, "Ann must pay the fee.")


def test_allowed_to_is_possibility(reader):
    assert read(reader, "Ann is allowed to smoke.") == read(reader, "Ann may smoke.")


@pytest.mark.parametrize("sentence, flavour", [
    ("Ann might sing a song.", "epistemic"), ("Ann should sing a song.", "advice"), ("Ann may sing a song.", "deontic"),
], ids=["might", "should", "may"])
def test_flavours(reader, sentence, flavour):
    assert f"acc_{flavour}" in pred_names(read(reader, sentence))


def test_seriality_axiom_for_each_flavour_used(reader):
    m = meaning(reader, "Ann must pay the fee.", "Ann might sing a song.")
    axioms = {str(f) for f, _ in m.background}
    assert {"∃w (acc_deontic(w))", "∃w (acc_epistemic(w))"} <= axioms


def test_modal_passive_with_a_dative_subject(reader):
    f = read(reader, "Patients must not be given aspirin.")
    s = str(f)
    assert s.startswith("∀x1 (patient(x1) → (∀w2 (acc_deontic(w2) → ¬")
    assert "recipient(e4, x1)" in s and "theme(e4, x3)" in s


def test_indefinite_subject_of_a_modal_passive_is_under_the_modal(reader):
    f = read(reader, "A doctor must be called.")
    assert isinstance(f, ForAll) and str(f.body.left).startswith("acc_deontic(")
    assert "doctor(" in str(f.body.right)


# --------------------------------------------------------------------------- entailments
CASES = [
    N("must-not-actual", "Ann must pay the fee.", "Ann pays the fee."),
    E("must-gives-may", "Ann must pay the fee.", "Ann may pay the fee."),
    N("may-not-must", "Ann may pay the fee.", "Ann must pay the fee."),
    N("may-not-actual", "Ann may pay the fee.", "Ann pays the fee."),
    N("allowed-not-actual", "Ann is allowed to enter the lab.", "Ann enters the lab."),
    C("must-not-vs-may", "Ann must not enter the lab.", "Ann may enter the lab."),
    C("must-not-vs-must", "Ann must not enter the lab.", "Ann must enter the lab."),
    C("cannot-vs-may", "Ann cannot enter the lab.", "Ann may enter the lab."),
    E("cannot-is-must-not", "Ann cannot enter the lab.", "Ann must not enter the lab."),
    E("must-not-is-cannot", "Ann must not enter the lab.", "Ann cannot enter the lab."),
    C("need-not-vs-must", "Ann need not pay the fee.", "Ann must pay the fee."),
    N("need-not-is-not-does-not", "Ann need not pay the fee.", "Ann does not pay the fee."),
    E("required-is-must", "Ann is required to pay the fee.", "Ann must pay the fee."),
    E("have-to-gives-may", "Ann has to pay the fee.", "Ann may pay the fee."),
    E("allowed-is-may", "Ann is allowed to enter the lab.", "Ann may enter the lab."),
    C("forbidden-vs-may", "Ann is forbidden to enter the lab.", "Ann may enter the lab."),
    E("forbidden-is-must-not", "Ann is forbidden to enter the lab.", "Ann must not enter the lab."),
    C("deontic-duality-passive", ("Patients must not be given aspirin.", "Ann is a patient."),
      "Ann may be given aspirin."),
    E("must-not-be-given-repeats", "Patients must not be given aspirin.", "Patients must not be given aspirin."),
    E("modal-rule-instance", ("Every patient must sign the form.", "Ann is a patient."), "Ann must sign the form."),
    E("must-scope-up", "Ann must sign the form.", "Ann must sign something."),
    E("must-drop-modifier", "Ann must sign the red form.", "Ann must sign the form."),
    N("must-not-add-modifier", "Ann must sign the form.", "Ann must sign the form quickly."),
    N("epistemic-is-not-deontic", "Ann might sing a song.", "Ann may sing a song."),
    N("advice-is-not-obligation", "Ann should sing a song.", "Ann must sing a song."),
    N("obligation-is-not-advice", "Ann must sing a song.", "Ann should sing a song."),
    N("might-not-actual", "Ann might sing a song.", "Ann sings a song."),
    N("actual-is-not-permitted", "Ann sings a song.", "Ann may sing a song."),
    N("modal-passive-indefinite-not-actual", "A doctor must be called.", "A doctor is called."),
]


@pytest.mark.parametrize("case", CASES)
def test_entailment(system, case):
    case.check(system)
