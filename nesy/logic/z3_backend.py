"""Translate the FOL AST to Z3: one uninterpreted sort, predicates as Z3 functions, measures as real-valued ones."""

from __future__ import annotations

from typing import Any

import z3

from nesy.errors import ParseError
from nesy.logic.fol import (
    And,
    Arith,
    Atom,
    Cmp,
    Eq,
    Exists,
    Fn,
    ForAll,
    Formula,
    Iff,
    Implies,
    Not,
    Num,
    NumTerm,
    Or,
    Term,
    Var,
    Xor,
)

__all__ = ["Z3Translator"]


class Z3Translator:
    """Keeps the Z3 symbols of one problem, so premises and hypothesis share them."""

    def __init__(self, ctx: z3.Context | None = None) -> None:
        self.ctx = ctx or z3.main_ctx()
        self.sort = z3.DeclareSort("Entity", self.ctx)
        self.funcs: dict[tuple[str, int], Any] = {}
        self.measures: dict[tuple[str, int], Any] = {}
        self.consts: dict[str, Any] = {}

    def const(self, name: str) -> Any:
        if name not in self.consts:
            self.consts[name] = z3.Const(f"c_{name}", self.sort)
        return self.consts[name]

    def func(self, pred: str, arity: int) -> Any:
        key = (pred, arity)
        if key not in self.funcs:
            arity_clash = [a for (p, a) in self.funcs if p == pred]
            name = pred if not arity_clash else f"{pred}_{arity}"
            if arity == 0:
                self.funcs[key] = z3.Bool(f"p_{name}", self.ctx)
            else:
                self.funcs[key] = z3.Function(f"p_{name}", *([self.sort] * arity), z3.BoolSort(self.ctx))
        return self.funcs[key]

    def measure(self, name: str, arity: int) -> Any:
        key = (name, arity)
        if key not in self.measures:
            self.measures[key] = z3.Function(f"m_{name}_{arity}", *([self.sort] * arity), z3.RealSort(self.ctx))
        return self.measures[key]

    def num(self, t: NumTerm, env: dict[Var, Any]) -> Any:
        if isinstance(t, Num):
            return z3.RealVal(f"{t.value.numerator}/{t.value.denominator}", self.ctx)
        if isinstance(t, Fn):
            return self.measure(t.name, len(t.args))(*[self.term(a, env) for a in t.args])
        if isinstance(t, Arith):
            a, b = self.num(t.left, env), self.num(t.right, env)
            if t.op == "+":
                return a + b
            if t.op == "-":
                return a - b
            if t.op == "*":
                return a * b
            raise ParseError(f"Unknown arithmetic operator {t.op!r}; use +, - or *.")
        raise ParseError(f"Cannot translate {t!r} to Z3: not a numeric term.")

    def term(self, t: Term, env: dict[Var, Any]) -> Any:
        if isinstance(t, Var):
            if t not in env:
                raise ParseError(f"Variable {t.name!r} is not bound by a quantifier. Add ∀{t.name} or ∃{t.name}.")
            return env[t]
        return self.const(t.name)

    def formula(self, f: Formula, env: dict[Var, Any] | None = None) -> Any:
        env = env or {}
        if isinstance(f, Atom):
            fn = self.func(f.pred, len(f.args))
            return fn if not f.args else fn(*[self.term(a, env) for a in f.args])
        if isinstance(f, Eq):
            return self.term(f.left, env) == self.term(f.right, env)
        if isinstance(f, Cmp):
            a, b = self.num(f.left, env), self.num(f.right, env)
            ops = {"<": a < b, "≤": a <= b, ">": a > b, "≥": a >= b, "=": a == b, "≠": a != b}
            if f.op not in ops:
                raise ParseError(f"Unknown comparison {f.op!r}; use one of < ≤ > ≥ = ≠.")
            return ops[f.op]
        if isinstance(f, Not):
            return z3.Not(self.formula(f.arg, env))
        if isinstance(f, And):
            return z3.And(*[self.formula(a, env) for a in f.args])
        if isinstance(f, Or):
            return z3.Or(*[self.formula(a, env) for a in f.args])
        if isinstance(f, Implies):
            return z3.Implies(self.formula(f.left, env), self.formula(f.right, env))
        if isinstance(f, Iff):
            return self.formula(f.left, env) == self.formula(f.right, env)
        if isinstance(f, Xor):
            return z3.Xor(self.formula(f.left, env), self.formula(f.right, env))
        if isinstance(f, (ForAll, Exists)):
            v = z3.Const(f"v_{f.var.name}_{len(env)}", self.sort)
            body = self.formula(f.body, {**env, f.var: v})
            return z3.ForAll([v], body) if isinstance(f, ForAll) else z3.Exists([v], body)
        raise ParseError(f"Cannot translate {f!r} to Z3: not a formula.")
