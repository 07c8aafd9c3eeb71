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

from nesy.errors import ParseError
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
            raise ParseError(f"Unexpected character {text[pos]!r} at position {pos} in {text!r}. "
                             "Use ∀ ∃ ¬ ∧ ∨ → ↔ ⊕ and Pred(a, b).")
        tok = m.group("op") or m.group("id")
        if m.group("op"):
            tok = _ASCII.get(tok, tok)
        elif tok.lower() in _WORD_OPS:
            tok = _WORD_OPS[tok.lower()]
        out.append(tok)
        pos = m.end()
    return out


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.toks = _tokenize(text)
        self.i = 0
        self.bound: list[str] = []

    def peek(self) -> str | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self, expected: str | None = None, *, what: str | None = None) -> str:
        tok = self.peek()
        if tok is None:
            raise ParseError(f"Formula {self.text!r} ends too early; expected {expected or what or 'more'}.")
        if expected is not None and tok != expected:
            raise ParseError(f"Expected {expected!r} but found {tok!r} in {self.text!r} (token {self.i + 1}).")
        self.i += 1
        return tok

    def parse(self) -> Formula:
        if not self.toks:
            raise ParseError("Empty formula. Give a formula such as ∀x (Dog(x) → Animal(x)).")
        f = self.iff()
        if self.peek() is not None:
            raise ParseError(f"Unexpected {self.peek()!r} after a complete formula in {self.text!r}.")
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
            name = self.take(what="a variable")
            if not re.match(r"^[A-Za-z_]\w*$", name):
                raise ParseError(f"{name!r} is not a variable name in {self.text!r}.")
            self.bound.append(name)
            try:
                body = self.iff()  # scope extends as far right as possible
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
        name = self.take(what="a term")
        if name in "∀∃¬∧∨→↔⊕(),=≠":
            raise ParseError(f"Expected a term but found {name!r} in {self.text!r}.")
        return Var(name) if name in self.bound else Const(name)

    def atom(self) -> Formula:
        name = self.take(what="a predicate")
        if name in "∀∃¬∧∨→↔⊕(),=≠":
            raise ParseError(f"Expected a predicate but found {name!r} in {self.text!r}.")
        if self.peek() == "(":
            self.take()
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

    Raises:
        ParseError: with the position and what was expected.

    Example:
        >>> str(parse_fol("∀x (Red(x) ∧ Cold(x) → Round(x))"))
        '∀x ((Red(x) ∧ Cold(x)) → Round(x))'
    """
    if not isinstance(text, str):
        raise ParseError(f"Expected a formula string, got {type(text).__name__}.")
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
