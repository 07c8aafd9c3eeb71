"""Reference: proper names, pronouns, definite descriptions and possessives across the sentences of a problem.

"Dr. Okafor" and "Okafor" are one constant; "the will" is the individual a premise introduced with that
description (in the classical reading a hypothesis's definite must match the description exactly); a pronoun
takes the nearest compatible antecedent or is refused when two are equally near (:mod:`nesy.semantics.discourse`).
"""

from __future__ import annotations

import logging

from nesy.logic.fol import (
    Const,
    Formula,
    Term,
    Var,
)
from nesy.semantics import lexicon as lx
from nesy.semantics.base import _WEATHER_VERBS
from nesy.semantics.discourse import Referent
from nesy.semantics.quantification import QuantifierRules
from nesy.semantics.syntax import Node
from nesy.semantics.terms import NP, Refused, conj_opt, pred_name

__all__ = ["ReferenceRules"]

logger = logging.getLogger(__name__)


class ReferenceRules(QuantifierRules):
    """Rules for names, pronouns, definites and possessives."""

    def _is_name(self, n: Node) -> bool:
        """Whether a capitalised word without a determiner is a proper name. The tagger's PROPN is trusted
        inside a sentence; a sentence's first word ("Aspirin is an NSAID", "Nico is nine") is a name if it is a
        given name or has an indefinite apposition ("Pip, a hamster, …"), else a common noun if the problem also writes it
        in lower case or the lexicon knows it."""
        if not n.text[:1].isupper() or n.pos not in {"PROPN", "NOUN"}:
            return False
        if n.kid("poss") is not None:
            return False  # "their INR", "his GP": a possessed thing is described, not named
        if n.tag == "NNS" and len(n.text) > 2 and n.text[:-1].isupper() and n.text.endswith("s"):
            return False  # "NSAIDs", "SSRIs": the plural of an abbreviated common noun
        from nesy.semantics.names import FEMALE_NAMES, MALE_NAMES

        w = n.lower
        first = n.i == min(self.tokens) if self.tokens else False
        if w in FEMALE_NAMES or w in MALE_NAMES or "_".join([w]) in self.discourse.names:
            return True
        if w in self.lowercase_words:
            return False
        if any(a.pos == "NOUN" and a.kid("det") is not None and a.kid("det").lower in {"a", "an"}  # type: ignore[union-attr]
               for a in n.kids("appos")):
            return True  # "Pip, a giant hamster, …": described as one individual
        if not first:
            return n.is_name or not (self.known_noun and self.known_noun(n.lemma))
        if self.known_noun is not None:
            return not self.known_noun(n.lemma) and not self.known_noun(w)
        return n.is_name

    def pronoun(self, n: Node) -> NP:
        lower = n.lower
        if lower in {"i", "me", "we", "us", "you", "myself"}:
            c = self.discourse.name([f"speaker_{lower}" if lower in {"i", "me", "myself"} else f"pron_{lower}"],
                                    n.text, None)
            return NP("ref", term=c)
        gender, number = lx.PRONOUNS[lower]
        if lower == "it" and n.dep == "nsubj" and n.parent is not None and n.parent.lemma in _WEATHER_VERBS:
            return NP("weather")  # "it rains": no agent
        ref = self.discourse.pronoun(gender, number, exclude=self._coargument_subject(n))
        if ref is None:
            raise Refused("pronoun without antecedent", f"'{n.text}'")
        return NP("ref", term=ref.term, head=ref.head, number=ref.number)

    def _coargument_subject(self, n: Node) -> set[Term]:
        """Binding Principle B: a non-reflexive object pronoun ("Bob praised him") cannot mean its own clause's
        subject; a reflexive ("himself") must. Nor can a possessive in a predicate nominal mean the subject it is
        said of ("Rex is his dog": i-within-i)."""
        if n.dep == "poss" and n.parent is not None and n.parent.dep == "attr" and n.parent.parent is not None:
            subj = n.parent.parent.kid("nsubj")
            return {self.ref_terms[subj.i]} if subj is not None and subj.i in self.ref_terms else set()
        if n.lower.endswith(("self", "selves")) or n.dep not in {"dobj", "dative", "iobj"} or n.parent is None:
            return set()
        verb: Node | None = n.parent
        while verb is not None and verb.kid("nsubj") is None and verb.kid("nsubjpass") is None \
                and verb.dep == "conj":
            verb = verb.parent
        subj = None if verb is None else (verb.kid("nsubj") or verb.kid("nsubjpass"))
        if subj is None or subj.i not in self.ref_terms:
            return set()
        return {self.ref_terms[subj.i]}

    def name_np(self, n: Node) -> NP:
        """A proper name (with its compound parts and title): one constant per individual."""
        parts = sorted([n, *[c for c in n.kids("compound") if c.is_name or c.lower.rstrip(".") in lx.TITLES]],
                       key=lambda t: t.i)
        for c in n.kids("compound"):
            if c not in parts and c.text in {".", ","}:
                self.use(c)
            elif c not in parts:
                raise Refused("name", f"'{c.text} {n.text}'")
        self.use(*parts)
        for c in n.kids("punct"):
            if c.text in {".", ","}:
                self.use(c)
        gender: str | None = None
        titled = False
        words = []
        for t in parts:
            w = t.lower.rstrip(".")
            if w in lx.TITLES and t is not n:
                gender = lx.TITLES[w] or gender
                titled = True
                continue
            words.append(pred_name(t.lower))
        if not words:
            raise Refused("name", "only a title")
        surface = " ".join(t.text for t in parts)
        if gender is None:
            from nesy.semantics.names import name_gender

            gender = name_gender(words[0])
        const = self.discourse.name(words, surface, gender, titled)
        mods = self.noun_modifiers(n, "", names_ok=True)

        def described(x: Term) -> Formula | None:
            return conj_opt([m(x) for m in mods])

        return NP("ref", term=const, restr=described if mods else None, surface=surface, person=True if gender else None, gender=gender)

    def definite(self, base: NP) -> NP:
        """"the will", "the tall man": the discourse's individual of that description, or a new one."""
        if base.number == "pl":
            return NP(**{**base.__dict__, "kind": "count", "op": "≥", "n": 2})
        exact = self.discourse.in_hypothesis and self.reading != "scene"
        ref = self.discourse.definite(base.head, base.mods, exact=exact) if base.head else None
        if ref is not None:
            # the individual of that description; the description itself is presupposed (stated once, outside any
            # negation) — in a hypothesis it must follow from the premises like the rest
            if isinstance(ref.term, Var):  # a rule's bound individual: its description stays in the rule
                return NP(**{**base.__dict__, "kind": "ref", "term": ref.term})
            if base.restr is not None:
                self.presupposed.append((base.restr, ref.term))
            return NP(**{**base.__dict__, "kind": "ref", "term": ref.term, "restr": None})
        if self.discourse.in_hypothesis:
            # a hypothesis definite the premises never introduced: some such individual (the premises cannot know
            # more about a new constant than about any individual of that description)
            return NP(**{**base.__dict__, "kind": "some", "definite": True})
        c = Const(f"the_{base.head or 'thing'}")
        if any(r.term == c for r in self.discourse.referents):
            c = self.discourse.fresh_const(f"the_{base.head or 'thing'}_")
        self._add_ref(Referent(c, base.head, base.mods, base.gender, base.person, base.number,
                               f"the {base.surface}" if base.surface else "", kind="def"))
        # its description is presupposed: asserted once, outside any negation or rule of the sentence
        if base.restr is not None:
            self.presupposed.append((base.restr, c))
        return NP(**{**base.__dict__, "kind": "ref", "term": c, "restr": None})

    def possessive(self, n: Node, poss: Node, base: NP, det: Node | None, *, refer: bool = True) -> NP:
        """"John's dog", "his licence": the (unique) thing of that kind the possessor has. Without ``refer`` (the
        plural of a partitive, "each of John's dogs") only the restriction: things of that kind the owner has."""
        self.use(poss)
        case = poss.kid("case")
        self.use(case)
        owner = self.np(poss)
        if owner.kind in {"some", "bare"} and owner.number == "sg":
            # "A man's white car": some man's car
            base_restr0 = base.restr

            def restr_some(x: Term) -> Formula | None:
                return conj_opt([base_restr0(x) if base_restr0 else None,
                                 self.apply(owner, lambda o: self.rigid("of", "p", x, o))])

            return NP(**{**base.__dict__, "restr": restr_some, "kind": "some"})
        if owner.kind != "ref" or owner.term is None:
            raise Refused("quantified possessor", poss.span_text())
        owner_term = owner.term
        head = base.head
        key = f"{head}_of_{owner_term}"
        if isinstance(owner_term, Const) and refer:
            for r in self.discourse.referents:
                if r.head == head and r.name == key:
                    return NP(**{**base.__dict__, "kind": "ref", "term": r.term})
        base_restr = base.restr

        def restr(x: Term) -> Formula | None:
            return conj_opt([base_restr(x) if base_restr else None, self.rigid("of", "p", x, owner_term)])

        np = NP(**{**base.__dict__, "restr": restr, "kind": "some"})
        if isinstance(owner_term, Const) and self.top and refer:
            c = self.discourse.fresh_const(f"{head or 'thing'}_of_{owner_term.name}_")
            self.discourse.add(Referent(c, head, base.mods, None, None, base.number, key, kind="def"))
            return NP(**{**np.__dict__, "kind": "ref", "term": c})
        return np
