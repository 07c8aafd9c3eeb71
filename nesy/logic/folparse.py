"""Parser for first-order logic in the FOLIO notation.

Accepts ``∀x (Dog(x) → Animal(x))``, ``∃x ∃y (Likes(x, y))``, ``¬``, ``∧``, ``∨``, ``→``,
``↔``, ``⊕``, ``=``, ``≠`` and the ASCII spellings ``forall``, ``exists``, ``~``/``-``/``not``,
``&``, ``|``, ``->``, ``<->``, ``^``/``xor``. Precedence, tightest first: ¬, ∧, ∨, ⊕, →, ↔
(→ and ↔ associate to the right); a quantifier's scope extends as far right as possible.
Identifiers bound by a quantifier are variables; all others are constants. Single-letter
variables left unbound (a common annotation slip) are closed universally.
"""

from __future__ import annotations

import re

from nesy import limits
from nesy.errors import ParseError
from nesy.limits import shorten
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
    constants,
    free_vars,
    map_terms,
)

__all__ = ["parse_fol"]

_TOKEN = re.compile(
    r"\s*(?:(?P<op>∀|∃|¬|∧|∨|→|↔|⊕|≠|=|<->|->|<=>|=>|&|\||~|\^|\(|\)|,)|(?P<id>[A-Za-z0-9_'.\-]+))"
)
_ASCII = {"<->": "↔", "<=>": "↔", "->": "→", "=>": "→", "&": "∧", "|": "∨", "~": "¬", "^": "⊕"}
_WORD_OPS = {"forall": "∀", "exists": "∃", "not": "¬", "and": "∧", "or": "∨", "xor": "⊕"}
_FREE_VAR = re.compile(r"^[u-z]\d*$")


def _tokenize(text: str) -> list[str]:
    pos, out = 0, []
    text = text.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            pos += len(text[pos:]) - len(text[pos:].lstrip())
            raise ParseError(f"Unexpected character {text[pos]!r} at position {pos} in {shorten(text)!r}. "
                             "Use ∀ ∃ ¬ ∧ ∨ → ↔ ⊕ and Pred(a, b).")
        tok = m.group("op") or m.group("id")
        if m.group("op"):
            tok = _ASCII.get(tok, tok)
        elif tok.lower() in _WORD_OPS:
            tok = _WORD_OPS[tok.lower()]
        out.append(tok)
        pos = m.end()
    return out


#: Binding strength of the infix connectives, tightest first: ∧ ∨ ⊕ → ↔ (¬ binds tighter than all of them; a
#: quantifier's scope extends as far right as possible, so it binds looser than all of them).
_PREC = {"∧": 5, "∨": 4, "⊕": 3, "→": 2, "↔": 1}
_RIGHT = frozenset({"→", "↔"})
_NARY = frozenset({"∧", "∨"})
_BINARY: dict[str, type[Implies] | type[Iff] | type[Xor]] = {"→": Implies, "↔": Iff, "⊕": Xor}
_SYMBOLS = frozenset("∀∃¬∧∨→↔⊕(),=≠")


class _Op:
    """An open construct on the parser's stack: ``(``, ``¬``, a quantifier (with its variable), or an infix
    connective with the number of times it occurred in a row (``A ∧ B ∧ C`` is one ∧ with ``count`` 2)."""

    __slots__ = ("kind", "var", "count")

    def __init__(self, kind: str, var: str = "") -> None:
        self.kind = kind
        self.var = var
        self.count = 1


class _Parser:
    """Operator-precedence parsing with explicit stacks: no recursion, so nesting costs memory, never Python
    stack; every formula built is checked against :data:`nesy.limits.MAX_FORMULA_DEPTH` and
    :data:`~nesy.limits.MAX_FORMULA_NODES` as it is built."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.shown = shorten(text)
        self.toks = _tokenize(text)
        self.i = 0
        self.bound: list[str] = []
        self.ops: list[_Op] = []
        self.vals: list[tuple[Formula, int]] = []  # (formula, its depth)
        self.nodes = 0

    def peek(self) -> str | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self, expected: str | None = None, *, what: str | None = None) -> str:
        tok = self.peek()
        if tok is None:
            want = repr(expected) if expected is not None else what or "more"
            raise ParseError(f"Formula {self.shown!r} ends too early; expected {want}.")
        if expected is not None and tok != expected:
            raise ParseError(f"Expected {expected!r} but found {tok!r} in {self.shown!r} (token {self.i + 1}).")
        self.i += 1
        return tok

    def push(self, f: Formula, depth: int) -> None:
        self.nodes += 1
        if depth > limits.MAX_FORMULA_DEPTH or self.nodes > limits.MAX_FORMULA_NODES:
            limits.check_formula_shape(depth, self.nodes, f"Formula {self.shown!r}")
        self.vals.append((f, depth))

    def parse(self) -> Formula:
        if not self.toks:
            raise ParseError("Empty formula. Give a formula such as ∀x (Dog(x) → Animal(x)).")
        operand = True  # expecting an operand (else an infix connective, ")" or the end)
        while True:
            tok = self.peek()
            if operand:
                if tok == "¬" or tok == "(":
                    self.take()
                    self.ops.append(_Op(tok))
                elif tok in ("∀", "∃"):
                    self.take()
                    name = self.take(what="a variable")
                    if not re.match(r"^[A-Za-z_]\w*$", name):
                        raise ParseError(f"{name!r} is not a variable name in {self.shown!r}.")
                    self.bound.append(name)
                    self.ops.append(_Op(tok, name))
                else:
                    f = self.atom()
                    if isinstance(f, Not):  # a ≠ b is ¬(a = b): two nodes, two levels
                        self.nodes += 1
                    self.push(f, 2 if isinstance(f, Not) else 1)
                    operand = False
            elif tok is None:
                break
            elif tok in _PREC:
                self.take()
                self.infix(tok)
                operand = True
            elif tok == ")":
                while self.ops and self.ops[-1].kind != "(":
                    self.reduce()
                if not self.ops:
                    raise ParseError(f"Unexpected {tok!r} after a complete formula in {self.shown!r}.")
                self.take()
                self.ops.pop()
            elif any(op.kind == "(" for op in self.ops):
                raise ParseError(f"Expected ')' but found {tok!r} in {self.shown!r} (token {self.i + 1}).")
            else:
                raise ParseError(f"Unexpected {tok!r} after a complete formula in {self.shown!r}.")
        while self.ops:
            if self.ops[-1].kind == "(":
                raise ParseError(f"Formula {self.shown!r} ends too early; expected ')'.")
            self.reduce()
        return self.vals[0][0]

    def infix(self, tok: str) -> None:
        """Close what binds tighter than ``tok`` (and an equal left-associative ⊕), then open ``tok``."""
        prec = _PREC[tok]
        while self.ops:
            top = self.ops[-1].kind
            if top == "¬" or (top in _PREC and (_PREC[top] > prec or (
                    _PREC[top] == prec and tok not in _RIGHT and tok not in _NARY))):
                self.reduce()
            else:
                break
        if tok in _NARY and self.ops and self.ops[-1].kind == tok:
            self.ops[-1].count += 1
        else:
            self.ops.append(_Op(tok))

    def reduce(self) -> None:
        """Build the formula of the construct on top of the stack from its operands."""
        op = self.ops.pop()
        if op.kind == "¬" or op.kind in ("∀", "∃"):
            body, d = self.vals.pop()
            if op.kind == "¬":
                self.push(Not(body), d + 1)
            else:
                self.bound.pop()
                self.push((ForAll if op.kind == "∀" else Exists)(Var(op.var), body), d + 1)
            return
        k = op.count + 1
        parts = self.vals[-k:]
        del self.vals[-k:]
        d = 1 + max(depth for _, depth in parts)
        fs = tuple(f for f, _ in parts)
        if op.kind == "∧":
            self.push(And(fs), d)
        elif op.kind == "∨":
            self.push(Or(fs), d)
        else:
            self.push(_BINARY[op.kind](fs[0], fs[1]), d)

    def term(self) -> Term:
        name = self.take(what="a term")
        if name in _SYMBOLS:
            raise ParseError(f"Expected a term but found {name!r} in {self.shown!r}.")
        return Var(name) if name in self.bound else Const(name)

    def atom(self) -> Formula:
        name = self.take(what="a predicate")
        if name in _SYMBOLS:
            raise ParseError(f"Expected a predicate but found {name!r} in {self.shown!r}.")
        if self.peek() == "(":
            self.take()
            if self.peek() == ")":  # P(): a proposition, as printed
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


def parse_fol(text: str) -> Formula:
    """Parse one formula in the FOLIO notation.

    Nesting is parsed without recursion, so no input reaches Python's recursion limit.

    Raises:
        ParseError: with the position and what was expected.
        FormulaLimitError: (a ParseError) the formula is longer, deeper or larger than :mod:`nesy.limits` allows
            (``MAX_FORMULA_CHARS``, ``MAX_FORMULA_DEPTH``, ``MAX_FORMULA_NODES``).

    Example:
        >>> str(parse_fol("∀x (Red(x) ∧ Cold(x) → Round(x))"))
        '∀x ((Red(x) ∧ Cold(x)) → Round(x))'
    """
    if not isinstance(text, str):
        raise ParseError(f"Expected a formula string, got {type(text).__name__}.")
    limits.check_formula_text(text)
    f = _Parser(text).parse()
    # Constants that look like unbound variables (x, y, z) are closed universally.
    loose = sorted(c.name for c in constants(f) if _FREE_VAR.match(c.name))
    if loose:
        f = _const_to_var(f, set(loose))
        for name in reversed(loose):
            f = ForAll(Var(name), f)
    for v in sorted(free_vars(f), key=lambda v: v.name):
        f = ForAll(v, f)
    return f


def _const_to_var(f: Formula, names: set[str]) -> Formula:
    return map_terms(f, lambda t: Var(t.name) if isinstance(t, Const) and t.name in names else t)
