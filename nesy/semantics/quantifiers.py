"""Axioms for what first-order logic cannot say directly: generalised quantifiers, names, modal frames.

* most / many / few (:meth:`~nesy.semantics.compose.Composer.generalised`) relate two concepts (sets given by
  definitions ``∀x (member(x, k) ↔ φ(x))``). Only what holds on every reading is asserted:
  - scope monotonicity: "most/many A are B" and B ⊆ B' give "most/many A are B'"; "few A are B'" and B ⊆ B' give
    "few A are B" (downward);
  - existential import: "most/many A are B" gives some A that is B;
  - nothing about the restrictor (proportional "many"/"most" are not monotone there: "many young doctors" says
    nothing about "many doctors").
* distinct names denote distinct individuals (unique names), so "Jessie has only visited Finland" excludes Rwanda;
* every modal flavour has an accessible world (seriality: "must" entails "may").
"""

from __future__ import annotations

from collections.abc import Iterable

from nesy.logic.fol import And, Atom, Const, Eq, Exists, ForAll, Formula, Implies, Not, Var

__all__ = ["gq_axioms", "unique_names", "seriality", "negative_prefixes", "possession", "GQ_SCOPE"]

#: The scope monotonicity of each generalised quantifier: +1 upward, -1 downward.
GQ_SCOPE = {"most": 1, "many": 1, "few": -1}
_EXISTENTIAL = {"most", "many"}


def _subset(a: Const, b: Const) -> Formula:
    x = Var("x")
    return ForAll(x, Implies(Atom("member", (x, a)), Atom("member", (x, b))))


def gq_axioms(atoms: Iterable[Atom], concepts: Iterable[Const]) -> list[tuple[Formula, str]]:
    """Monotonicity and existential-import axioms for the generalised-quantifier atoms of a problem."""
    atoms = list(dict.fromkeys(atoms))
    concepts = sorted(set(concepts), key=lambda c: c.name)
    out: list[tuple[Formula, str]] = []
    restrictors: dict[str, set[Const]] = {}
    for a in atoms:
        q = a.pred.removeprefix("q_")
        ra, sb = a.args
        assert isinstance(ra, Const) and isinstance(sb, Const)
        restrictors.setdefault(q, set()).add(ra)
    for q, rs in sorted(restrictors.items()):
        sign = GQ_SCOPE[q]
        for r in sorted(rs, key=lambda c: c.name):
            if q in _EXISTENTIAL:
                for b in concepts:
                    x = Var("x")
                    out.append((Implies(Atom(f"q_{q}", (r, b)), Exists(x, And((Atom("member", (x, r)),
                                                                                Atom("member", (x, b)))))),
                                f"'{q}' has existential import: {q} {r.name} are {b.name} → some are"))
            for b in concepts:
                for b2 in concepts:
                    if b == b2:
                        continue
                    small, big = (b, b2)
                    src, dst = (small, big) if sign > 0 else (big, small)
                    out.append((Implies(And((Atom(f"q_{q}", (r, src)), _subset(small, big))), Atom(f"q_{q}", (r, dst))),
                                f"'{q}' is {'upward' if sign > 0 else 'downward'} monotone in its scope"))
    return out


def unique_names(names: Iterable[Const]) -> list[tuple[Formula, str]]:
    """Different proper names name different individuals."""
    ns = sorted(set(names), key=lambda c: c.name)
    return [(Not(Eq(a, b)), f"{a.name} and {b.name} are different individuals (different names)")
            for i, a in enumerate(ns) for b in ns[i + 1:] if not _overlap(a.name, b.name)]


def _overlap(a: str, b: str) -> bool:
    """Names that may be one person's ("okafor" and "chidi_okafor"): no unique-name assumption between them."""
    wa, wb = a.split("_"), b.split("_")
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    return long_[: len(short)] == short or long_[-len(short):] == short


def seriality(flavours: Iterable[str]) -> list[tuple[Formula, str]]:
    """Some world is accessible for each modal flavour used ("must" entails "may")."""
    out: list[tuple[Formula, str]] = []
    for f in sorted(set(flavours)):
        w = Var("w")
        out.append((Exists(w, Atom(f"acc_{f}", (w,))), f"what {f} modals require is possible (seriality)"))
    return out


#: Prefixes that make an adjective the contrary of its base: "unhappy" is not happy, "nonresident" not resident.
#: (in-/im-/il-/ir- are left out: "inflammable", "invaluable", "impassive" are not contraries of their bases.)
NEGATIVE_PREFIXES = ("un", "non_", "non", "dis")
#: Words with one of the prefixes that are not the contrary of the rest.
NOT_CONTRARIES = frozenset({"universal", "union", "unique", "united", "unit", "under", "until", "discrete",
                            "dismal", "display", "distant", "discuss", "dish", "disk", "uncle", "unravel",
                            "unloosen", "disgruntled", "unbend", "unto", "nonetheless", "none"})


def negative_prefixes(adjectives: Iterable[str]) -> list[tuple[Formula, str]]:
    """"unhappy(x) → ¬happy(x)" for each prefixed adjective whose base the problem also uses."""
    words = set(adjectives)
    out: list[tuple[Formula, str]] = []
    for w in sorted(words):
        if w in NOT_CONTRARIES:
            continue
        for pre in NEGATIVE_PREFIXES:
            base = w[len(pre):]
            if w.startswith(pre) and len(base) >= 3 and base in words:
                x = Var("x")
                out.append((ForAll(x, Implies(Atom(w, (x,)), Not(Atom(base, (x,))))),
                            f"'{w}' means not '{base}'"))
                break
    return out


#: Verbs of possession: what someone owns or has is theirs ("Lucia owns a cat" → the cat is Lucia's).
POSSESSION_VERBS = ("own", "have", "possess")


def possession(predicates: Iterable[str]) -> list[tuple[Formula, str]]:
    """∀e x y (own(e) ∧ agent(e, x) ∧ theme(e, y) → of(y, x)) for the verbs of possession the problem uses,
    when it also uses the possessive (``of``)."""
    preds = set(predicates)
    if "of" not in preds:
        return []
    out: list[tuple[Formula, str]] = []
    e, x, y = Var("e"), Var("x"), Var("y")
    for v in POSSESSION_VERBS:
        if v in preds:
            body = Implies(And((Atom(v, (e,)), Atom("agent", (e, x)), Atom("theme", (e, y)))), Atom("of", (y, x)))
            out.append((ForAll(e, ForAll(x, ForAll(y, body))), f"what someone {v}s is theirs"))
    return out
