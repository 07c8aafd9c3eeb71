"""Input limits (nesy.limits) and the validation of Problem's fields."""

from __future__ import annotations

import re

import pytest

from nesy import limits
from nesy.errors import FormulaLimitError, InputError, NesyError, ParseError
from nesy.types import Problem


def test_every_limit_is_a_positive_int_named_in_all():
    names = [n for n in limits.__all__ if n.isupper()]
    assert len(names) >= 15
    assert all(isinstance(getattr(limits, n), int) and getattr(limits, n) > 0 for n in names)


def test_limits_leave_room_over_the_largest_visible_items():
    # the largest items of ../shared/data (see the module docstring)
    assert limits.MAX_TEXT_CHARS >= 5 * 1421
    assert limits.MAX_PREMISES >= 5 * 146
    assert limits.MAX_PROBLEM_CHARS >= 10 * 14121
    assert limits.MAX_OPTIONS >= 7
    assert limits.MAX_FORMULA_DEPTH >= 10 * 8


def test_input_error_is_a_nesy_value_error():
    assert issubclass(InputError, NesyError) and issubclass(InputError, ValueError)
    assert issubclass(FormulaLimitError, InputError) and issubclass(FormulaLimitError, ParseError)


@pytest.mark.parametrize("value, message", [
    (None, "premise 2 must be a string, got NoneType (None)."),
    (3, "premise 2 must be a string, got int (3)."),
    (b"Bob", "premise 2 must be a string, got bytes (b'Bob'). Decode it first: text.decode('utf-8')."),
    ("x" * 10_001, "premise 2 has 10,001 characters; nesy reads at most 10,000 (nesy.limits.MAX_TEXT_CHARS)."),
    ("Bob\x00 is red", "premise 2 contains a NUL character (position 3); remove it"),
    ("Bob \ud83d is red", "premise 2 contains a lone surrogate '\\ud83d' at position 4, which is not Unicode text."),
])
def test_check_text_refuses_what_cannot_be_read(value, message):
    with pytest.raises(InputError, match=re.escape(message)):
        limits.check_text(value, "premise 2")


@pytest.mark.parametrize("text", ["", "   ", "Bob is red.", "\u202eder si boB", "Bob\u200b is red", "🙂" * 100,
                                  "x" * limits.MAX_TEXT_CHARS])
def test_check_text_accepts_any_real_text(text):
    assert limits.check_text(text, "premise 1") == text


def test_check_text_can_require_content():
    with pytest.raises(InputError, match=re.escape("The hypothesis is empty; give some text.")):
        limits.check_text("  \n", "The hypothesis", empty_ok=False)


def test_check_problem_size():
    assert limits.check_problem_size(["ab", "c"], "de", ["f"], extra=["g"]) == 7
    with pytest.raises(InputError, match=re.escape("nesy reads at most 200,000 per problem "
                                                   "(nesy.limits.MAX_PROBLEM_CHARS)")):
        limits.check_problem_size(["x" * 9_000] * 30)


# ----------------------------------------------------------------------------- Problem
@pytest.mark.parametrize("fields, message", [
    ({"premises": "Bob is red."}, "premises must be a tuple of strings, got one string ('Bob is red.'). Wrap it: "
                                  "('Bob is red.',)."),
    ({"premises": None}, "premises must be a tuple of strings, got NoneType."),
    ({"premises": ("Bob is red.", 7)}, "Premise 2 must be a string, got int (7)."),
    ({"premises": ("Bob is red.",) * 1001}, "1,001 premises; nesy reads at most 1,000 per problem "
                                             "(nesy.limits.MAX_PREMISES)."),
    ({"premises": ("x" * 1_000_000,)}, "Premise 1 has 1,000,000 characters; nesy reads at most 10,000"),
    ({"premises": (), "hypothesis": None}, "The hypothesis must be a string, got NoneType (None)."),
    ({"premises": (), "hypothesis": "x" * 10_001}, "The hypothesis has 10,001 characters"),
    ({"premises": (), "options": ()}, "options is empty; give the candidate answers, or options=None"),
    ({"premises": (), "options": ("a",) * 27}, "27 options; nesy reads at most 26 per problem "
                                               "(nesy.limits.MAX_OPTIONS)."),
    ({"premises": (), "options": ("a", None)}, "Option 2 must be a string, got NoneType (None)."),
    ({"premises": (), "premises_fol": ("P(a)", 3)}, "FOL premise 2 must be a string, got int (3)."),
    ({"premises": (), "hypothesis_fol": 3}, "The FOL hypothesis must be a string, got int (3)."),
    ({"premises": (), "gold": 0}, "gold must be a label string or None, got int (0)."),
    ({"premises": (), "options": ("a", "b"), "gold_choice": "1"}, "gold_choice must be an option index (int) or "
                                                                  "None, got str."),
    ({"premises": (), "options": ("a", "b"), "gold_choice": True}, "gold_choice must be an option index (int) or "
                                                                   "None, got bool."),
    ({"premises": (), "metadata": ["x"]}, "metadata must be a mapping (dict), got list."),
    ({"premises": ("x" * 9_000,) * 30}, "The problem has 270,000 characters of text"),
    ({"premises": ("Bob is \x00red.",)}, "Premise 1 contains a NUL character (position 7)"),
])
def test_problem_refuses_bad_fields_with_input_error(fields, message):
    with pytest.raises(InputError, match=re.escape(message)):
        Problem(id="p", **fields)


@pytest.mark.parametrize("bad_id, message", [
    (3, "Problem id must be a string, got int (3); pass str(...) of it."),
    (None, "Problem id must be a string, got NoneType (None)"),
    ("x" * 1001, "The problem id has 1,001 characters; nesy reads at most 1,000 (nesy.limits.MAX_ID_CHARS)."),
])
def test_problem_id_must_be_a_short_string(bad_id, message):
    with pytest.raises(InputError, match=re.escape(message)):
        Problem(id=bad_id, premises=())


def test_problem_stores_lists_as_tuples():
    p = Problem(id="p", premises=["Bob is red.", "Bob is big."], options=["a", "b"],  # type: ignore[arg-type]
                premises_fol=["Red(bob)"])  # type: ignore[arg-type]
    assert p.premises == ("Bob is red.", "Bob is big.") and p.options == ("a", "b")
    assert p.premises_fol == ("Red(bob)",)
    assert Problem.from_dict(p.to_dict()) == p


def test_problem_at_the_limits_is_accepted():
    p = Problem(id="p", premises=("x" * limits.MAX_TEXT_CHARS,) * 19, hypothesis="y" * limits.MAX_TEXT_CHARS)
    assert len(p.premises) == 19
    assert len(Problem(id="p", premises=("a",) * limits.MAX_PREMISES).premises) == limits.MAX_PREMISES
