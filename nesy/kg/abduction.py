"""Abduction: on-demand graph axioms for a pair the logic left open.

When the premises neither entail nor contradict the hypothesis with the axioms added up front
(:meth:`~nesy.kg.retriever.Retriever.axioms_for`, which follow each word's most frequent sense only), this module
proposes further axioms linking a premise predicate to a hypothesis predicate, and the checker tries again with
them. A proof found that way is an ordinary Z3 proof whose graph steps are cited as *abduced*: each names the
relation, the graph's source and the edges it rests on.

Candidates come from two places, and every one needs the pair to be *aligned* first: the two predicates hold of
terms that play the same part in the two event structures (the theme of "eat" in both, the agent of events whose
verbs match), or they are adjective-noun predicates of the same noun (``large_dog`` / ``big_dog``):

* **less frequent senses** (up to :data:`SENSES` of the premise word): "banana" is first the plant and only then
  the fruit, so "eating a banana" ⊢ "eating a fruit" needs its second sense. The alignment is what picks the sense:
  the word is read in the sense that lets it fill the same role as the hypothesis word. Not for people: "boy" is
  also a grown man and "cat" also a guy, and a role does not tell those senses apart (on SICK train that shift
  gave the only wrong abduced proofs); nor across the physical/abstract divide ("road" as a means of achieving
  something, "bread" as money: a wrong abduced proof on the monotonicity probe);
* **adjectives of the same noun**: a synonym gives ``∀x (large_dog(x) ↔ big_dog(x))``, an antonym
  ``∀x (big_wave(x) → ¬small_wave(x))``. Subsective adjectives are relative to their noun, and both predicates
  are relative to the same one, so the adjectives' relation carries over; a hypernym of the adjective would not
  (a small dog is no small animal), and none is used;
* **compound lemmas**: a hypothesis predicate that the reader built from an adjective and a noun but that the graph
  knows as one noun ("musical instrument") is looked up as that noun.

Only entailing relations (synonym, hypernym) and direct antonyms are abduced; co-hyponym exclusions are not (with
less frequent senses they are too often wrong). The search is bounded: at most :data:`MAX_ABDUCED` axioms, best
graph evidence first, tried in one more pair of solver checks.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from nesy.kg.retriever import KgEvidence, Retriever
from nesy.logic.fol import And, Atom, Const, ForAll, Formula, Not, Var, children, predicates

__all__ = ["Abduced", "Aligned", "abduce", "aligned_pairs", "event_exclusion", "role_contexts", "MAX_ABDUCED", "SENSES",
           "ABDUCED", "LEARNED"]

logger = logging.getLogger(__name__)

#: Most axioms one abduction adds.
MAX_ABDUCED = 12
#: Senses of the premise word followed (the up-front axioms follow one).
SENSES = 3
#: Marker in an abduced axiom's citation (the trace's step source carries it).
ABDUCED = "abduced"
#: Marker in a learned (network) phrase axiom's citation (:mod:`nesy.nli.phrases`).
LEARNED = "learned step"

_ROLE_POS = {"r", "p"}


@dataclass(frozen=True, slots=True)
class Abduced:
    """One abduced axiom: the formula, the graph evidence behind it, and why the pair was aligned."""

    formula: Formula
    evidence: KgEvidence
    why: str
    #: the (premise, hypothesis) predicates the axiom links, in its direction
    pair: tuple[str, str] = ("", "")

    def citation(self) -> str:
        edges = "; ".join(self.evidence.edge_ids) or " → ".join(self.evidence.path)
        return f"{self.evidence.text()} [{self.evidence.source}, {ABDUCED}: {self.why}; {edges}]"


def _atoms(f: Formula) -> Iterator[Atom]:
    stack = [f]
    while stack:
        g = stack.pop()
        if isinstance(g, Atom):
            yield g
        else:
            stack.extend(children(g))


def _key(t: object) -> str | None:
    return t.name if isinstance(t, (Var, Const)) else None


def role_contexts(formulas: Sequence[Formula], pos: dict[str, str]) -> dict[str, set[tuple[str, ...]]]:
    """Predicate → the parts its terms play: ``("of", role, verb)`` for a term in role ``role`` of an event of
    ``verb``, and for an event predicate ``("with", role, noun)`` for each participant ``noun`` in role ``role``.

    Terms are matched by name within one formula (the reader names every variable and constant apart).
    """
    out: dict[str, set[tuple[str, ...]]] = {}
    for f in formulas:
        unary: dict[str, set[str]] = {}
        roles: list[tuple[str, str, str]] = []
        for a in _atoms(f):
            name = a.pred.removesuffix("__not")
            if len(a.args) == 1 and pos.get(name) not in _ROLE_POS:
                k = _key(a.args[0])
                if k is not None:
                    unary.setdefault(k, set()).add(name)
            elif len(a.args) == 2 and pos.get(name) in _ROLE_POS:
                e, t = _key(a.args[0]), _key(a.args[1])
                if e is not None and t is not None:
                    roles.append((name, e, t))
        for role, e, t in roles:
            for v in (v for v in unary.get(e, ()) if pos.get(v) == "v"):
                for q in unary.get(t, ()):
                    out.setdefault(q, set()).add(("of", role, v))
                    if pos.get(q) != "v":
                        out.setdefault(v, set()).add(("with", role, q))
    return out


def _split_compound(name: str, nouns: set[str]) -> tuple[str, str] | None:
    """``large_dog`` → (``large``, ``dog``) when ``dog`` is a noun predicate of the problem."""
    for i in range(len(name) - 1, 0, -1):
        if name[i] == "_" and name[i + 1:] in nouns and name[:i]:
            return name[:i], name[i + 1:]
    return None


@dataclass(frozen=True, slots=True)
class Aligned:
    """A premise predicate and a hypothesis predicate that say something of the same part of the two sentences.

    For adjective-noun predicates of one noun (``large_dog`` / ``big_dog``) ``adjectives`` holds the two
    adjectives."""

    premise: str
    hypothesis: str
    pos: str
    why: str
    adjectives: tuple[str, str] | None = None
    #: for two verbs with an agent whose events have the same thematic roles: those roles (else empty), the
    #: participants an exclusion between the two is said of (:func:`event_exclusion`)
    roles: tuple[str, ...] = ()
    #: for two verbs: the noun both events have as theme, if any
    theme: str | None = None
    #: either predicate is an adjective-noun compound of the problem (``plastic_drawer``, ``fake_gun``): what it
    #: entails is the adjective semantics' business, not a word relation's
    compound: bool = False


def aligned_pairs(premises: Sequence[Formula], hypothesis: Formula, pos: dict[str, str]) -> list[Aligned]:
    """Content predicates of the premises and of the hypothesis (each only on its side) that are aligned: their
    terms play a shared part in the two event structures (:func:`role_contexts`), or they are adjective-noun
    predicates of the same noun. Sorted by name, deterministic."""

    def content(name: str) -> bool:
        return pos.get(name, "n") in {"n", "v", "a"} and "__" not in name

    pre_ctx = role_contexts(premises, pos)
    hyp_ctx = role_contexts([hypothesis], pos)
    pre = {n.removesuffix("__not") for f in premises for n, k in predicates(f) if k == 1}
    hyp = {n.removesuffix("__not") for n, k in predicates(hypothesis) if k == 1}
    pre, hyp = {n for n in pre if content(n)}, {n for n in hyp if content(n)}
    nouns = {n for n in pre | hyp if pos.get(n) == "n"}
    out: list[Aligned] = []
    for b in sorted(hyp - pre):
        for a in sorted(pre - hyp):
            ca, cb = _split_compound(a, nouns), _split_compound(b, nouns)
            if ca and cb and ca[1] == cb[1] and pos.get(a) == pos.get(b) == "a":
                out.append(Aligned(a, b, "a", f"'{ca[0]}' and '{cb[0]}' both said of a {ca[1].replace('_', ' ')}",
                                   adjectives=(ca[0], cb[0])))
                continue
            shared = pre_ctx.get(a, set()) & hyp_ctx.get(b, set())
            if not shared:
                continue
            if pos.get(a) != pos.get(b) and not ({pos.get(a), pos.get(b)} == {"n", "a"}):
                continue
            why = "aligned as " + ", ".join(sorted(_context_text(c) for c in shared)[:2])
            roles: tuple[str, ...] = ()
            theme = next((c[2] for c in sorted(shared) if c[:2] == ("with", "theme")), None)
            if pos.get(a) == pos.get(b) == "v":
                ra = {c[1] for c in pre_ctx.get(a, ()) if c[0] == "with" and pos.get(c[1]) == "r"}
                rb = {c[1] for c in hyp_ctx.get(b, ()) if c[0] == "with" and pos.get(c[1]) == "r"}
                if ra == rb and ("with", "agent") in {c[:2] for c in shared}:
                    roles = tuple(sorted(ra))
            out.append(Aligned(a, b, pos.get(a, "n"), why, roles=roles, theme=theme, compound=bool(ca or cb)))
    return out


def event_exclusion(a: str, b: str, roles: Sequence[str]) -> Formula:
    """No one does ``a`` and ``b`` at once with the same participants: ``∀x… ∀e1 ∀e2 ¬(a(e1) ∧ r(e1, x) ∧ … ∧ b(e2) ∧
    r(e2, x) ∧ …)`` over the thematic ``roles`` (which include the agent).

    An exclusion between verbs says nothing of events alone (a sitting and a standing are two events, both may
    happen); it says that one agent cannot be in both at one moment. So it is only sound where the two sentences
    describe one moment: the scene reading of caption data."""
    e1, e2 = Var("e1"), Var("e2")
    xs = [Var(f"x{i + 1}") for i in range(len(roles))]
    conj: list[Formula] = [Atom(a, (e1,))]
    conj += [Atom(r, (e1, x)) for r, x in zip(roles, xs)]
    conj += [Atom(b, (e2,))] + [Atom(r, (e2, x)) for r, x in zip(roles, xs)]
    f: Formula = ForAll(e1, ForAll(e2, Not(And(tuple(conj)))))
    for x in reversed(xs):
        f = ForAll(x, f)
    return f


def abduce(retriever: Retriever, premises: Sequence[Formula], hypothesis: Formula, pos: dict[str, str],
           *, have: Sequence[Formula] = ()) -> list[Abduced]:
    """Axioms linking aligned premise and hypothesis predicates (:func:`aligned_pairs`) that the up-front axioms
    (``have``) lack, best graph evidence first, at most :data:`MAX_ABDUCED`."""
    wide = _wide(retriever)
    have_set = {str(f) for f in have}
    found: list[tuple[float, Abduced]] = []
    seen: set[str] = set()

    def add(a: str, b: str, ev: KgEvidence | None, why: str) -> None:
        if ev is None or not (ev.kind == "entailing" or ev.relation == "antonym"):
            return
        if _sense_shift(retriever, ev):
            return
        if ev.relation == "antonym" and pos.get(a) == "v":
            # Antonym verbs of one agent in one scene (event_exclusion) were abduced once: on SICK trial and train
            # (300 each) 4 of the 6 proofs they gave were wrong (the labels call e.g. standing up vs sitting down
            # neutral), so they are not: an antonym verb only excludes as an event predicate, up front
            return
        # the evidence said of the problem's own predicate names (an adjective's, of the adjective-noun predicates)
        ax = retriever.axiom(dataclasses.replace(ev, premise_term=a, hypothesis_term=b))
        if ax is None or str(ax) in have_set or str(ax) in seen:
            return
        seen.add(str(ax))
        found.append((ev.score, Abduced(ax, ev, why, (a, b))))

    for al in aligned_pairs(premises, hypothesis, pos):
        a, b, why = al.premise, al.hypothesis, al.why
        if al.adjectives is not None:
            # adjectives relative to the same noun
            ev = wide.relation(al.adjectives[0], al.adjectives[1], "a", "a")
            if ev is not None and (ev.relation in ("synonym", "antonym")):
                add(a, b, ev, why)
            continue
        pa = "n" if pos.get(a) == "a" and retriever.kg.senses(a, 1, "n") else pos.get(a)
        pb = "n" if pos.get(b) == "a" and retriever.kg.senses(b, 1, "n") else pos.get(b)
        if pa != pb:
            continue
        add(a, b, wide.relation(a, b, pa, pb), why)
        rev = wide.relation(b, a, pb, pa)
        if rev is not None and rev.kind == "entailing":
            add(b, a, rev, why)
    found.sort(key=lambda t: -t[0])
    return [ab for _, ab in found[:MAX_ABDUCED]]


def _sense_shift(retriever: Retriever, ev: KgEvidence) -> bool:
    """Whether ``ev`` reads the premise word in a less frequent sense that is a kind of person (or whose first
    sense is), or that lies across the physical/abstract divide from its first sense.

    Person nouns are where senses shift most: "boy" is also a grown man, "cat" also a guy, "doctor" also a
    title. The role a word plays ("agent of 'play'") cannot tell those senses apart, so no such reading is
    abduced."""
    if len(ev.path) < 3 or ev.relations[:1] != ("sense",):
        return False
    used = "s:" + ev.path[1]
    first = retriever.kg.senses(ev.premise_term, 1, used.split(".")[-2] if used.count(".") >= 2 else None)
    if not first or first[0] == used:
        return False

    up_first, up_used = retriever.hypernym_closure(first[:1], 30), retriever.hypernym_closure([used], 30)
    if "s:person.n.01" in up_first or "s:person.n.01" in up_used:
        return True
    # a sense on the other side of WordNet's physical/abstract divide is another word ("road" as a means, "bread"
    # as money), not another reading of the same thing ("banana" the plant and the fruit)
    return any((top in up_first) != (top in up_used) for top in _TOPS)


#: WordNet's two top noun categories below "entity".
_TOPS = ("s:physical_entity.n.01", "s:abstraction.n.06")


def _context_text(c: tuple[str, ...]) -> str:
    kind, role, other = c
    return f"{role} of '{other}'" if kind == "of" else f"events with {role} '{other}'"


_WIDE: dict[int, Retriever] = {}


def _wide(retriever: Retriever) -> Retriever:
    """A retriever over the same graph that follows :data:`SENSES` senses of the premise word (cached)."""
    key = id(retriever.kg)
    r = _WIDE.get(key)
    if r is None or r.kg is not retriever.kg:
        r = Retriever(retriever.kg, max_hops=retriever.max_hops, max_senses=SENSES,
                      min_exclusion_depth=retriever.min_exclusion_depth, nlp=retriever._nlp)
        _WIDE.clear()
        _WIDE[key] = r
    return r

