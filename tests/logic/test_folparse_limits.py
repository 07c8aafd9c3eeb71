"""The FOL parser on deep, wide and hostile formulas: no recursion, clear limits, same trees as before."""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nesy import limits
from nesy.errors import FormulaLimitError, InputError, ParseError
from nesy.logic.fol import (
    And,
    Atom,
    Const,
    Eq,
    Exists,
    ForAll,
    Formula,
    Iff,
    Implies,
    Not,
    Or,
    Term,
    Var,
    Xor,
    check_shape,
)
from nesy.logic.folparse import _tokenize, parse_fol

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FUZZ_SLOW = settings(max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture
def no_char_limit(monkeypatch):
    """Lift the character limit, so that what is tested is the parser's handling of nesting itself."""
    monkeypatch.setattr(limits, "MAX_FORMULA_CHARS", 10**7)


# ----------------------------------------------------------------------------- hostile nesting
def test_parser_uses_no_python_stack_for_5000_nested_parentheses(no_char_limit):
    text = "(" * 5000 + "Dog(rex)" + ")" * 5000
    assert parse_fol(text) == Atom("Dog", (Const("rex"),))  # parentheses alone add no depth


def test_20000_negations_are_refused_with_the_depth_limit(no_char_limit):
    with pytest.raises(FormulaLimitError, match=re.escape(
            f"is nested more than {limits.MAX_FORMULA_DEPTH} levels deep (nesy.limits.MAX_FORMULA_DEPTH)")):
        parse_fol("¬" * 20_000 + "P(a)")


def test_20000_negations_are_refused_by_length_by_default():
    with pytest.raises(FormulaLimitError, match=re.escape(
            "has 20,004 characters; nesy parses at most 10,000 per formula (nesy.limits.MAX_FORMULA_CHARS)")):
        parse_fol("¬" * 20_000 + "P(a)")


@pytest.mark.parametrize("text", [
    "¬(" * 3000 + "P(a)" + ")" * 3000,
    " → ".join(["P(a)"] * 3000),
    " ↔ ".join(["P(a)"] * 3000),
    " ⊕ ".join(["P(a)"] * 3000),
    "∀x " * 3000 + "P(x)",
    "(P(a) ∧ " * 3000 + "Q(a)" + ")" * 3000,
])
def test_every_deep_shape_is_refused_not_recursed(text, no_char_limit):
    with pytest.raises(FormulaLimitError, match=re.escape("nesy.limits.MAX_FORMULA_DEPTH")):
        parse_fol(text)


def test_depth_limit_error_is_an_input_error_and_a_parse_error():
    """A system that reads what it can (catching ParseError) treats an over-deep formula as unreadable."""
    with pytest.raises(FormulaLimitError) as info:
        parse_fol("¬" * (limits.MAX_FORMULA_DEPTH + 1) + "P(a)")
    assert isinstance(info.value, InputError) and isinstance(info.value, ParseError)


def test_a_formula_at_the_depth_limit_parses():
    f = parse_fol("¬" * (limits.MAX_FORMULA_DEPTH - 1) + "P(a)")
    assert check_shape(f) == (limits.MAX_FORMULA_DEPTH, limits.MAX_FORMULA_DEPTH)


def test_wide_conjunction_parses_flat(no_char_limit):
    f = parse_fol(" ∧ ".join(f"P{i}(a)" for i in range(2000)))
    assert isinstance(f, And) and len(f.args) == 2000


def test_node_limit(no_char_limit):
    with pytest.raises(FormulaLimitError, match=re.escape(
            f"has more than {limits.MAX_FORMULA_NODES:,} parts (nesy.limits.MAX_FORMULA_NODES)")):
        parse_fol(" ∧ ".join(["P(a)"] * (limits.MAX_FORMULA_NODES + 1)))


@pytest.mark.parametrize("text, message", [
    ("(" * 50 + "P(a)", "ends too early; expected ')'."),
    ("P(a)" + ")" * 50, "Unexpected ')' after a complete formula"),
    ("∀x ∃y", "ends too early; expected a predicate."),
    ("∀x ∀y ∀z (P(x) ∧", "ends too early; expected a predicate."),
    ("(P(a) Q(b))", "Expected ')' but found 'Q'"),
    ("P(a) Q(b)", "Unexpected 'Q' after a complete formula"),
    ("∀( P(a)", "'(' is not a variable name"),
    ("P(a,)", "Expected a term but found ')'"),
    ("P(a", "ends too early; expected ')'."),
    ("→ P(a)", "Expected a predicate but found '→'"),
    ("P(a) ∧ ∧ Q(a)", "Expected a predicate but found '∧'"),
    ("()", "Expected a predicate but found ')'"),
    ("P(a) ⊕", "ends too early; expected a predicate."),
    ("P(a) # Q", "Unexpected character '#' at position 5"),
    ("P(a) ∧ Q() ∧ Q(b", "ends too early; expected ')'."),
    ("   ", "Empty formula."),
])
def test_malformed_formulas_say_what_is_wrong(text, message):
    with pytest.raises(ParseError, match=re.escape(message)):
        parse_fol(text)


def test_long_formula_text_is_shortened_in_messages():
    with pytest.raises(ParseError) as info:
        parse_fol("P(a) ∧ " * 500 + "#")
    assert len(str(info.value)) < 300


@pytest.mark.parametrize("value", [None, 3, b"P(a)", ["P(a)"]])
def test_non_string_formulas_are_parse_errors(value):
    with pytest.raises(ParseError, match=re.escape(f"Expected a formula string, got {type(value).__name__}.")):
        parse_fol(value)  # type: ignore[arg-type]


def test_check_shape_is_iterative_on_a_deep_formula_built_in_code():
    f: Formula = Atom("P", ())
    for _ in range(5 * sys.getrecursionlimit()):
        f = Not(f)
    with pytest.raises(FormulaLimitError, match=re.escape("A formula is nested more than")):
        check_shape(f)
    with pytest.raises(FormulaLimitError, match=re.escape("The formula of premise 3 is nested")):
        check_shape(f, what="The formula of premise 3")


# ----------------------------------------------------------------------------- the same trees as the recursive parser
class _RecursiveParser:
    """The recursive-descent parser nesy used before (test oracle): same grammar, same trees, but one Python frame
    per nesting step. Only change: ``P()`` parses (as the printer writes a proposition)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.toks = _tokenize(text)
        self.i = 0
        self.bound: list[str] = []

    def peek(self) -> str | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self, expected: str | None = None) -> str:
        tok = self.peek()
        if tok is None or (expected is not None and tok != expected):
            raise ParseError("oracle")
        self.i += 1
        return tok

    def parse(self) -> Formula:
        if not self.toks:
            raise ParseError("oracle")
        f = self.iff()
        if self.peek() is not None:
            raise ParseError("oracle")
        return f

    def iff(self) -> Formula:
        left = self.implies()
        if self.peek() == "↔":
            self.take()
            return Iff(left, self.iff())
        return left

    def implies(self) -> Formula:
        left = self.xor()
        if self.peek() == "→":
            self.take()
            return Implies(left, self.implies())
        return left

    def xor(self) -> Formula:
        left = self.or_()
        while self.peek() == "⊕":
            self.take()
            left = Xor(left, self.or_())
        return left

    def or_(self) -> Formula:
        parts = [self.and_()]
        while self.peek() == "∨":
            self.take()
            parts.append(self.and_())
        return parts[0] if len(parts) == 1 else Or(tuple(parts))

    def and_(self) -> Formula:
        parts = [self.unary()]
        while self.peek() == "∧":
            self.take()
            parts.append(self.unary())
        return parts[0] if len(parts) == 1 else And(tuple(parts))

    def unary(self) -> Formula:
        tok = self.peek()
        if tok == "¬":
            self.take()
            return Not(self.unary())
        if tok in ("∀", "∃"):
            self.take()
            name = self.take()
            if not re.match(r"^[A-Za-z_]\w*$", name):
                raise ParseError("oracle")
            self.bound.append(name)
            try:
                body = self.iff()
            finally:
                self.bound.pop()
            return ForAll(Var(name), body) if tok == "∀" else Exists(Var(name), body)
        if tok == "(":
            self.take()
            f = self.iff()
            self.take(")")
            return f
        return self.atom()

    def term(self) -> Term:
        name = self.take()
        if name in "∀∃¬∧∨→↔⊕(),=≠":
            raise ParseError("oracle")
        return Var(name) if name in self.bound else Const(name)

    def atom(self) -> Formula:
        name = self.take()
        if name in "∀∃¬∧∨→↔⊕(),=≠":
            raise ParseError("oracle")
        if self.peek() == "(":
            self.take()
            if self.peek() == ")":  # the one change since: P() reads back as printed
                self.take()
                return Atom(name, ())
            args = [self.term()]
            while self.peek() == ",":
                self.take()
                args.append(self.term())
            self.take(")")
            return Atom(name, tuple(args))
        if self.peek() in ("=", "≠"):
            op = self.take()
            left: Term = Var(name) if name in self.bound else Const(name)
            eq = Eq(left, self.term())
            return eq if op == "=" else Not(eq)
        return Atom(name, ())


TOKENS = ["P(a)", "Q(x)", "S()", "R(x, y)", "a = b", "x ≠ y", "S", "¬", "¬", "∀x", "∃y", "∧", "∨", "⊕", "→", "↔",
          "(", ")", "(", ")", "∧", "->", "&", "|", "~", "forall z", "T(z)", ",", "="]
token_soup = st.lists(st.sampled_from(TOKENS), min_size=1, max_size=40).map(" ".join)


def _outcome(parse: object, text: str) -> object:
    try:
        return parse(text)  # type: ignore[operator]
    except ParseError:
        return ParseError


def _same_as_oracle(text: str) -> None:
    from nesy.logic.folparse import _Parser

    assert _outcome(lambda t: _Parser(t).parse(), text) == _outcome(lambda t: _RecursiveParser(t).parse(), text)


@FUZZ
@given(token_soup)
def test_iterative_parser_builds_the_recursive_parsers_trees(text):
    _same_as_oracle(text)


@pytest.mark.slow
@FUZZ_SLOW
@given(token_soup)
def test_iterative_parser_builds_the_recursive_parsers_trees_long_run(text):
    _same_as_oracle(text)


def formulas(max_leaves: int) -> st.SearchStrategy[Formula]:
    x, y = Var("x"), Var("y")
    terms = st.sampled_from([Const("a"), Const("b"), x, y])
    atoms = st.one_of(
        st.builds(lambda p, t: Atom(p, (t,)), st.sampled_from(["P", "Q", "R"]), terms),
        st.builds(lambda t, u: Atom("L", (t, u)), terms, terms),
        st.builds(Eq, terms, terms),
        st.just(Atom("Rains", ())),
    )
    return st.recursive(
        atoms,
        lambda inner: st.one_of(
            st.builds(Not, inner),
            st.lists(inner, min_size=2, max_size=6).map(lambda a: And(tuple(a))),
            st.lists(inner, min_size=2, max_size=6).map(lambda a: Or(tuple(a))),
            st.builds(Implies, inner, inner),
            st.builds(Iff, inner, inner),
            st.builds(Xor, inner, inner),
            st.builds(lambda b: ForAll(x, b), inner),
            st.builds(lambda b: Exists(y, b), inner),
        ),
        max_leaves=max_leaves,
    ).map(lambda f: ForAll(x, ForAll(y, f)))


def _roundtrip(f: Formula) -> None:
    depth, _ = check_shape(f)
    text = str(f)
    if depth <= limits.MAX_FORMULA_DEPTH and len(text) <= limits.MAX_FORMULA_CHARS:
        assert parse_fol(text) == f
    else:
        with pytest.raises(FormulaLimitError):
            parse_fol(text)


@FUZZ
@given(formulas(max_leaves=40))
def test_random_deep_and_wide_formulas_print_and_parse_back(f):
    _roundtrip(f)


@pytest.mark.slow
@FUZZ_SLOW
@given(formulas(max_leaves=400))
def test_random_deep_and_wide_formulas_print_and_parse_back_long_run(f):
    _roundtrip(f)


@FUZZ
@given(st.lists(st.sampled_from(list("∀∃¬∧∨→↔⊕()=≠, xyPQab~&|-<>^\n\t") + ["forall", "not"]),
               max_size=200).map("".join))
def test_operator_soup_raises_only_parse_errors(text):
    try:
        parse_fol(text)
    except ParseError:
        pass


@pytest.mark.slow
@settings(max_examples=5000, deadline=None)
@given(st.text(max_size=400))
def test_random_unicode_raises_only_parse_errors_long_run(text):
    try:
        parse_fol(text)
    except ParseError:
        pass
