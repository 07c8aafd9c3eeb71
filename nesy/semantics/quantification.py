"""Applying quantifiers: a noun phrase's generalised quantifier over its restriction and a scope.

Names and definites are terms; indefinites of a premise's unembedded context become discourse individuals
(Skolem constants), elsewhere existentials (in a rule's condition: universally bound, for donkey pronouns);
"every/no/any" are universal; numerals are exactly that many distinct individuals ("at least three" up to
:data:`~nesy.semantics.base.MAX_COUNT`); most/many/few relate two concepts and only their monotonicity is asserted
(:mod:`nesy.semantics.quantifiers`).
"""

from __future__ import annotations

import logging
from contextlib import nullcontext

from nesy.logic.fol import (
    Atom,
    Const,
    Eq,
    Exists,
    ForAll,
    Formula,
    Iff,
    Implies,
    Not,
    Term,
    Var,
    free_vars,
    negate,
    substitute,
)
from nesy.semantics.base import _NOBODY, ComposerBase, untensed
from nesy.semantics.discourse import Referent
from nesy.semantics.terms import NP, Prop, Refused, conj_opt, disj_opt

__all__ = ["QuantifierRules"]

logger = logging.getLogger(__name__)


class QuantifierRules(ComposerBase):
    """Quantifier application."""

    def _de_re(self, r: Prop, world: Term | None) -> Prop:
        """A restriction read at ``world`` (outside a rule's modal) wherever the quantifier is."""
        def at(t: Term) -> Formula | None:
            with self.at_world(world):
                return r(t)

        return at

    def apply(self, np: NP, scope: Prop) -> Formula | None:
        """np(λx. scope(x)): the noun phrase's quantifier over its restriction and ``scope``."""
        if np.kind == "lazy":
            np = self.np(np.node)
        if np.kind == "weather":
            return scope(_NOBODY)
        subject, self._subject_next = self._subject_next, False
        self._new_subject = subject
        k = np.kind
        r = np.restr
        if r is not None and self.de_re_worlds and self.de_re_worlds[-1] is not self.world:
            r = self._de_re(r, self.de_re_worlds[-1])
        if k == "ref":
            assert np.term is not None
            self.discourse.touch(np.term, subject)
            self._new_subject = False
            return conj_opt([r(np.term) if r else None, scope(np.term)])
        if k == "and":
            return conj_opt([self.apply(p, scope) for p in np.parts])
        if k == "or":
            with self.embedded():
                return disj_opt([self.apply(p, scope) for p in np.parts])
        if k == "nor":
            with self.negation_scope():
                return conj_opt([negate(self._req(self.apply(p, scope))) for p in np.parts])
        if k == "bare":
            return self.apply(NP(**{**np.__dict__, "kind": "some"}), scope)
        binders = self._binders
        if k == "some" and binders is not None and not self.top:
            # an indefinite in a conditional antecedent or a universal's restrictor: universally bound
            v = self.var("x")
            binders.append(v)
            self._register_var(v, np)
            return conj_opt([r(v) if r else None, scope(v)])
        if k == "some" or (k == "any" and not self.top and self.de_depth > 0):
            # "any" under negation, in a condition or a restrictor, under "may": some (NPI any); elsewhere
            # ("contraindicated for any patient whose …") it is free choice and goes on to the universal below
            if self.top and not self.discourse.in_hypothesis and np.head != "" or (
                    self.top and not self.discourse.in_hypothesis and np.person):
                c = self.discourse.fresh_const(np.head or "someone")
                self._add_ref(Referent(c, np.head, np.mods, np.gender, np.person, np.number,
                                       f"a {np.surface}" if np.surface else "", kind="indef"))
                return conj_opt([r(c) if r else None, scope(c)])
            if (self.reading == "scene" and self.discourse.in_hypothesis and np.head and np.number == "sg"
                    and binders is None):
                ante = self.discourse.scene_antecedent(np.head)
                if ante is not None and np.mods <= ante.mods:
                    # the same description (no modifier the premise did not state of it): the same individual
                    return conj_opt([r(ante.term) if r else None, scope(ante.term)])
            v = self.var("x")
            ref = self._register_var(v, np)
            inner = conj_opt([r(v) if r else None, scope(v)])
            self.discourse.referents.remove(ref)
            if inner is None:
                raise Refused("empty existential", "")
            return Exists(v, inner)
        if k in {"every", "any", "no", "not_every"}:
            if np.restr_generic is not None:
                r = np.restr_generic
            v = self.var("x")
            binders_inner: list[Var] = []
            before = len(self.discourse.referents)
            with self.embedded():
                ref = self._register_var(v, np)
                with self.restrictor(binders_inner):
                    rf = untensed(r(v)) if r else None
                with self.restrictor(None), (self.downward() if k in {"no", "not_every"} else nullcontext()):
                    sf = scope(v)
            self.discourse.drop_bound(before)
            body: Formula
            if k == "no":
                if sf is None:
                    body = negate(self._req(rf))
                else:
                    body = Implies(rf, negate(sf)) if rf is not None else negate(sf)
            else:
                if sf is None:
                    raise Refused("universal of nothing", "")
                body = Implies(rf, sf) if rf is not None else sf
            for b in reversed(binders_inner):
                body = ForAll(b, body)
            f: Formula = ForAll(v, body)
            return Not(f) if k == "not_every" else f
        if k.startswith("except_"):
            t = np.term
            assert t is not None
            base = NP(**{**np.__dict__, "kind": k.removeprefix("except_"), "term": None,
                         "restr": lambda x, r0=r: conj_opt([r0(x) if r0 else None, Not(Eq(x, t))])})
            with self.embedded():
                exc = scope(t)
            main = self.apply(base, scope)
            if exc is None or main is None:
                raise Refused("exception", "")
            return conj_opt([main, negate(exc) if base.kind in {"every", "any"} else exc])
        if k == "count":
            return self.count(np, scope)
        if k == "gq":
            return self.generalised(np, scope)
        raise Refused("noun phrase", k)

    def _register_var(self, v: Var, np: NP) -> Referent:
        return self._add_ref(Referent(v, np.head, np.mods, np.gender, np.person, np.number, kind="var"))

    def _add_ref(self, ref: Referent) -> Referent:
        """Register a referent; the first one a subject noun phrase introduces is marked as a subject."""
        if self._new_subject:
            ref.subject = True
            self._new_subject = False
        return self.discourse.add(ref)

    def count(self, np: NP, scope: Prop) -> Formula | None:
        """At least / at most / exactly N: N distinct individuals (FOL expresses these exactly)."""
        r = np.restr

        def at_least(n: int, skolem: bool) -> Formula | None:
            if n <= 0:
                return None
            if skolem:
                cs = [self.discourse.fresh_const(np.head or "x") for _ in range(n)]
                for c in cs:
                    self._add_ref(Referent(c, np.head, np.mods, np.gender, np.person, "sg", kind="indef"))
                parts: list[Formula | None] = []
                for c in cs:
                    parts += [r(c) if r else None, scope(c)]
                parts += [Not(Eq(a, b)) for i, a in enumerate(cs) for b in cs[i + 1:]]
                return conj_opt(parts)
            vs = [self.var("x") for _ in range(n)]
            parts = []
            for v in vs:
                parts += [r(v) if r else None, scope(v)]
            parts += [Not(Eq(a, b)) for i, a in enumerate(vs) for b in vs[i + 1:]]
            body = conj_opt(parts)
            if body is None:
                raise Refused("empty count", "")
            for v in reversed(vs):
                body = Exists(v, body)
            return body

        if np.op == "≥":
            skolem = self.top and not self.discourse.in_hypothesis
            return at_least(np.n, skolem)
        with self.embedded(), self.downward():
            more = at_least(np.n + 1, False)
            exactly = at_least(np.n, False) if np.op == "=" else None
        if more is None:
            raise Refused("count", "")
        return conj_opt([exactly, Not(more)])

    def generalised(self, np: NP, scope: Prop) -> Formula | None:
        """most/many/few: no first-order meaning. The two sets become concepts (∀x (x ∈ k ↔ φ(x))) and the
        quantifier a relation between them; only its monotonicity (and existential import of most/many) is
        asserted, never more (:func:`nesy.semantics.quantifiers.gq_axioms`)."""
        r = np.restr
        v = self.var("x")
        with self.embedded(), self.downward():
            rf = r(v) if r else None
            sf = scope(v)
        if rf is None or sf is None:
            raise Refused("generalised quantifier", "needs a restriction and a scope")
        ka, kb = self.concept(rf, v), self.concept(sf, v)
        a = Atom(f"q_{np.gq}", (ka, kb))
        self.gq_atoms.append(a)
        return a

    def concept(self, body: Formula, v: Var) -> Const:
        fv = free_vars(body) - {v}
        if fv:
            raise Refused("generalised quantifier inside another quantifier", "")
        canon = substitute(body, {v: Var("x")})
        key = str(canon)
        if key not in self.concepts:
            c = Const(f"set{len(self.concepts) + 1}")
            self.concepts[key] = (c, canon, Var("x"))
            self.discourse.surface.setdefault(c.name, f"{{x | {key}}}")
            x = Var("x")
            self.axiom(ForAll(x, Iff(Atom("member", (x, c)), canon)), f"{c.name} is the set {{x | {key}}}")
        return self.concepts[key][0]
