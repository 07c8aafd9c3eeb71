"""A small first-order-logic AST, printed in the FOLIO notation.

Terms are constants and variables; formulas are atoms (predicates of any arity),
equality, ¬ ∧ ∨ → ↔ ⊕, and the quantifiers ∀ ∃. Numbers enter through numeric terms — numerals
(:class:`Num`), measure functions of individuals (:class:`Fn`: ``age(bob)``, ``speed(e1)``) and
sums/differences/scalings of them (:class:`Arith`) — compared by :class:`Cmp` (``age(bob) > 70``),
which Z3 decides over the reals. Everything is a frozen dataclass, so formulas hash and compare
structurally.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction

__all__ = [
    "Var", "Const", "Term", "Num", "Fn", "Arith", "NumTerm", "Atom", "Eq", "Cmp", "Not", "And", "Or", "Implies",
    "Iff", "Xor", "ForAll", "Exists", "Formula", "free_vars", "constants", "predicates", "functions", "substitute",
    "map_terms", "conj", "disj", "negate", "is_literal", "check_shape",
]


@dataclass(frozen=True, slots=True)
class Var:
    name: str

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True, slots=True)
class Const:
    name: str

    def __str__(self) -> str:
        return self.name


Term = Var | Const


@dataclass(frozen=True, slots=True)
class Num:
    """A numeral (exact: a fraction), e.g. ``70`` or ``2.5``."""

    value: Fraction

    def __str__(self) -> str:
        v = self.value
        if v.denominator == 1:
            return str(v.numerator)
        f = float(v)
        return repr(f) if Fraction(repr(f)) == v else f"({v.numerator}/{v.denominator})"


@dataclass(frozen=True, slots=True)
class Fn:
    """A numeric measure of individuals: ``age(bob)``, ``speed(e1)``, ``dose(e2, aspirin)``."""

    name: str
    args: tuple[Term, ...]

    def __str__(self) -> str:
        return f"{self.name}({', '.join(map(str, self.args))})"


@dataclass(frozen=True, slots=True)
class Arith:
    """``left op right`` with op one of ``+``, ``-``, ``*``."""

    op: str
    left: NumTerm
    right: NumTerm

    def __str__(self) -> str:
        return f"({self.left} {self.op} {self.right})"


NumTerm = Num | Fn | Arith

#: Comparison operators of :class:`Cmp`, as printed.
CMP_OPS = ("<", "≤", ">", "≥", "=", "≠")


@dataclass(frozen=True, slots=True)
class Cmp:
    """A comparison of numeric terms: ``age(bob) > 70``."""

    op: str
    left: NumTerm
    right: NumTerm

    def __str__(self) -> str:
        return f"{self.left} {self.op} {self.right}"


@dataclass(frozen=True, slots=True)
class Atom:
    pred: str
    args: tuple[Term, ...]

    def __str__(self) -> str:
        return f"{self.pred}({', '.join(map(str, self.args))})"


@dataclass(frozen=True, slots=True)
class Eq:
    left: Term
    right: Term

    def __str__(self) -> str:
        return f"{self.left} = {self.right}"


@dataclass(frozen=True, slots=True)
class Not:
    arg: Formula

    def __str__(self) -> str:
        if isinstance(self.arg, Eq):
            return f"{self.arg.left} ≠ {self.arg.right}"
        return f"¬{_wrap(self.arg)}"


@dataclass(frozen=True, slots=True)
class And:
    args: tuple[Formula, ...]

    def __str__(self) -> str:
        return " ∧ ".join(_wrap(a) for a in self.args)


@dataclass(frozen=True, slots=True)
class Or:
    args: tuple[Formula, ...]

    def __str__(self) -> str:
        return " ∨ ".join(_wrap(a) for a in self.args)


@dataclass(frozen=True, slots=True)
class Implies:
    left: Formula
    right: Formula

    def __str__(self) -> str:
        return f"{_wrap(self.left)} → {_wrap(self.right)}"


@dataclass(frozen=True, slots=True)
class Iff:
    left: Formula
    right: Formula

    def __str__(self) -> str:
        return f"{_wrap(self.left)} ↔ {_wrap(self.right)}"


@dataclass(frozen=True, slots=True)
class Xor:
    left: Formula
    right: Formula

    def __str__(self) -> str:
        return f"{_wrap(self.left)} ⊕ {_wrap(self.right)}"


@dataclass(frozen=True, slots=True)
class ForAll:
    var: Var
    body: Formula

    def __str__(self) -> str:
        return f"∀{self.var} ({self.body})"


@dataclass(frozen=True, slots=True)
class Exists:
    var: Var
    body: Formula

    def __str__(self) -> str:
        return f"∃{self.var} ({self.body})"


Formula = Atom | Eq | Cmp | Not | And | Or | Implies | Iff | Xor | ForAll | Exists


def _wrap(f: Formula) -> str:
    # Quantifiers are wrapped too: their scope extends as far right as possible when parsed.
    if isinstance(f, (Atom, Eq)) or (isinstance(f, Not) and not isinstance(f.arg, Cmp)):
        return str(f)
    return f"({f})"


def conj(parts: Sequence[Formula]) -> Formula:
    """Conjunction of ``parts``, flattened; a single part is returned as is."""
    flat: list[Formula] = []
    for p in parts:
        flat.extend(p.args if isinstance(p, And) else (p,))
    if not flat:
        raise ValueError("conj() of no formulas")
    return flat[0] if len(flat) == 1 else And(tuple(flat))


def disj(parts: list[Formula] | tuple[Formula, ...]) -> Formula:
    flat: list[Formula] = []
    for p in parts:
        flat.extend(p.args if isinstance(p, Or) else (p,))
    if not flat:
        raise ValueError("disj() of no formulas")
    return flat[0] if len(flat) == 1 else Or(tuple(flat))


def negate(f: Formula) -> Formula:
    """¬f, removing a double negation."""
    return f.arg if isinstance(f, Not) else Not(f)


def is_literal(f: Formula) -> bool:
    return isinstance(f, (Atom, Eq, Cmp)) or (isinstance(f, Not) and isinstance(f.arg, (Atom, Eq, Cmp)))


def num_terms(t: NumTerm) -> Iterator[Term]:
    """The individual terms inside a numeric term (``age(bob) + 2`` → ``bob``)."""
    if isinstance(t, Fn):
        yield from t.args
    elif isinstance(t, Arith):
        yield from num_terms(t.left)
        yield from num_terms(t.right)


def _map_num(t: NumTerm, fn: Callable[[Term], Term]) -> NumTerm:
    if isinstance(t, Fn):
        return Fn(t.name, tuple(fn(a) for a in t.args))
    if isinstance(t, Arith):
        return Arith(t.op, _map_num(t.left, fn), _map_num(t.right, fn))
    return t


def children(f: Formula) -> Iterator[Formula]:
    if isinstance(f, Not):
        yield f.arg
    elif isinstance(f, (And, Or)):
        yield from f.args
    elif isinstance(f, (Implies, Iff, Xor)):
        yield f.left
        yield f.right
    elif isinstance(f, (ForAll, Exists)):
        yield f.body


def check_shape(f: Formula, *, what: str | None = None) -> tuple[int, int]:
    """Depth and node count of ``f``, found without recursion, so any formula can be checked.

    The recursive helpers of this module are only safe on formulas within :data:`nesy.limits.MAX_FORMULA_DEPTH`;
    the FOL parser checks every formula it builds, and code that builds formulas from other input should call
    this before using them.

    Raises:
        FormulaLimitError: ``f`` is deeper than ``MAX_FORMULA_DEPTH`` or has more than ``MAX_FORMULA_NODES``
            nodes (``what`` names it in the message, e.g. ``"The formula of premise 3"``).

    Example:
        >>> check_shape(ForAll(Var("x"), Implies(Atom("Dog", (Var("x"),)), Atom("Animal", (Var("x"),)))))
        (3, 4)
    """
    from nesy import limits

    depth = nodes = 0
    stack: list[tuple[Formula | NumTerm, int]] = [(f, 1)]  # numeric terms of comparisons count too
    while stack:
        g, d = stack.pop()
        nodes += 1
        depth = max(depth, d)
        if depth > limits.MAX_FORMULA_DEPTH or nodes > limits.MAX_FORMULA_NODES:
            limits.check_formula_shape(depth, nodes, what or "A formula")
        if isinstance(g, (Cmp, Arith)):
            stack.extend(((g.left, d + 1), (g.right, d + 1)))
        elif not isinstance(g, (Num, Fn)):
            stack.extend((c, d + 1) for c in children(g))
    return depth, nodes


def _terms(f: Formula) -> Iterator[Term]:
    if isinstance(f, Atom):
        yield from f.args
    elif isinstance(f, Eq):
        yield f.left
        yield f.right
    elif isinstance(f, Cmp):
        yield from num_terms(f.left)
        yield from num_terms(f.right)
    for c in children(f):
        yield from _terms(c)


def free_vars(f: Formula) -> set[Var]:
    if isinstance(f, Atom):
        return {a for a in f.args if isinstance(a, Var)}
    if isinstance(f, Eq):
        return {a for a in (f.left, f.right) if isinstance(a, Var)}
    if isinstance(f, Cmp):
        return {a for a in [*num_terms(f.left), *num_terms(f.right)] if isinstance(a, Var)}
    if isinstance(f, (ForAll, Exists)):
        return free_vars(f.body) - {f.var}
    out: set[Var] = set()
    for c in children(f):
        out |= free_vars(c)
    return out


def constants(f: Formula) -> set[Const]:
    return {t for t in _terms(f) if isinstance(t, Const)}


def predicates(f: Formula) -> set[tuple[str, int]]:
    if isinstance(f, Atom):
        return {(f.pred, len(f.args))}
    out: set[tuple[str, int]] = set()
    for c in children(f):
        out |= predicates(c)
    return out


def functions(f: Formula) -> set[tuple[str, int]]:
    """Names and arities of the numeric measure functions in ``f``."""
    out: set[tuple[str, int]] = set()

    def walk(t: NumTerm) -> None:
        if isinstance(t, Fn):
            out.add((t.name, len(t.args)))
        elif isinstance(t, Arith):
            walk(t.left)
            walk(t.right)

    def visit(g: Formula) -> None:
        if isinstance(g, Cmp):
            walk(g.left)
            walk(g.right)
        for c in children(g):
            visit(c)

    visit(f)
    return out


def map_terms(f: Formula, fn: Callable[[Term], Term]) -> Formula:
    """Apply ``fn`` to every term occurrence (quantified variables included), keeping the structure."""
    if isinstance(f, Atom):
        return Atom(f.pred, tuple(fn(a) for a in f.args))
    if isinstance(f, Eq):
        return Eq(fn(f.left), fn(f.right))
    if isinstance(f, Cmp):
        return Cmp(f.op, _map_num(f.left, fn), _map_num(f.right, fn))
    if isinstance(f, Not):
        return Not(map_terms(f.arg, fn))
    if isinstance(f, (And, Or)):
        return type(f)(tuple(map_terms(a, fn) for a in f.args))
    if isinstance(f, (Implies, Iff, Xor)):
        return type(f)(map_terms(f.left, fn), map_terms(f.right, fn))
    if isinstance(f, (ForAll, Exists)):
        return type(f)(f.var, map_terms(f.body, fn))
    raise TypeError(f"not a formula: {f!r}")


def substitute(f: Formula, mapping: dict[Var, Term]) -> Formula:
    """Replace free variables according to ``mapping``."""
    if not mapping:
        return f
    if isinstance(f, Atom):
        return Atom(f.pred, tuple(mapping.get(a, a) if isinstance(a, Var) else a for a in f.args))
    if isinstance(f, Eq):
        left = mapping.get(f.left, f.left) if isinstance(f.left, Var) else f.left
        right = mapping.get(f.right, f.right) if isinstance(f.right, Var) else f.right
        return Eq(left, right)
    if isinstance(f, Cmp):
        return map_terms(f, lambda t: mapping.get(t, t) if isinstance(t, Var) else t)
    if isinstance(f, Not):
        return Not(substitute(f.arg, mapping))
    if isinstance(f, And):
        return And(tuple(substitute(a, mapping) for a in f.args))
    if isinstance(f, Or):
        return Or(tuple(substitute(a, mapping) for a in f.args))
    if isinstance(f, (Implies, Iff, Xor)):
        return type(f)(substitute(f.left, mapping), substitute(f.right, mapping))
    if isinstance(f, (ForAll, Exists)):
        inner = {k: v for k, v in mapping.items() if k != f.var}
        return type(f)(f.var, substitute(f.body, inner))
    raise TypeError(f"not a formula: {f!r}")


NEG_SUFFIX = "__not"


def polarize(f: Formula) -> Formula:
    """Negation normal form with each negative literal ¬p(t) replaced by a fresh atom p__not(t).

    The result has no negation, so reasoning over it only chains rules forwards (modus
    ponens) and never by contraposition — the semantics of rule-base datasets such as
    ProofWriter/RuleTaker and LogicNLI, where "not" facts are stated explicitly.

    A negated event ``¬∃e (like(e) ∧ agent(e, bob) ∧ theme(e, cat))`` (event variables are named
    ``e1``, ``e2`` … by the semantics) becomes the event of the negative kind,
    ``∃e (like__not(e) ∧ agent(e, bob) ∧ theme(e, cat))``: "Bob does not like the cat" is one
    explicit negative fact, not a disjunction over its roles.
    """
    if isinstance(f, (Atom, Eq, Cmp)):
        return f
    if isinstance(f, And):
        return And(tuple(polarize(a) for a in f.args))
    if isinstance(f, Or):
        return Or(tuple(polarize(a) for a in f.args))
    if isinstance(f, Implies):
        return Implies(polarize(f.left), polarize(f.right))
    if isinstance(f, Iff):
        return And((Implies(polarize(f.left), polarize(f.right)), Implies(polarize(f.right), polarize(f.left))))
    if isinstance(f, Xor):
        return And((Or((polarize(f.left), polarize(f.right))),
                    Or((polarize(Not(f.left)), polarize(Not(f.right))))))
    if isinstance(f, (ForAll, Exists)):
        return type(f)(f.var, polarize(f.body))
    if isinstance(f, Not):
        g = f.arg
        if isinstance(g, Atom):
            return Atom(g.pred + NEG_SUFFIX, g.args)
        if isinstance(g, (Eq, Cmp)):
            return f
        if isinstance(g, Not):
            return polarize(g.arg)
        if isinstance(g, And):
            return Or(tuple(polarize(Not(a)) for a in g.args))
        if isinstance(g, Or):
            return And(tuple(polarize(Not(a)) for a in g.args))
        if isinstance(g, Implies):
            return And((polarize(g.left), polarize(Not(g.right))))
        if isinstance(g, Iff):
            return Or((And((polarize(g.left), polarize(Not(g.right)))),
                       And((polarize(Not(g.left)), polarize(g.right)))))
        if isinstance(g, Xor):
            return polarize(Iff(g.left, g.right))
        if isinstance(g, ForAll):
            return Exists(g.var, polarize(Not(g.body)))
        if isinstance(g, Exists):
            ev = _negative_event(g)
            if ev is not None:
                return ev
            return ForAll(g.var, polarize(Not(g.body)))
    raise TypeError(f"not a formula: {f!r}")


def _negative_event(g: Exists) -> Formula | None:
    """∃e (p(e) ∧ rest) under a negation, as the negative event ∃e (p__not(e) ∧ rest); None if ``g`` is no event."""
    v = g.var
    if not (v.name.startswith("e") and v.name[1:].isdigit()):
        return None
    parts = g.body.args if isinstance(g.body, And) else (g.body,)
    first = parts[0]
    if not (isinstance(first, Atom) and first.args and first.args[0] == v):
        return None
    rest = [polarize(a) for a in parts[1:]]
    return Exists(v, conj([Atom(first.pred + NEG_SUFFIX, first.args), *rest]))
