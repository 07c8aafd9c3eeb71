"""Compose first-order meanings from dependency trees (UDepLambda's route, with real quantifiers and events).

Each dependency construction is one small rule:

* verbs are events with roles (neo-Davidsonian): "A girl is playing a violin in the park" →
  ∃x (girl(x) ∧ ∃y (violin(y) ∧ ∃z (park(z) ∧ ∃e (play(e) ∧ agent(e,x) ∧ theme(e,y) ∧ in(e,z))))); passives and
  by-phrases give the same roles as actives; the double-object form gives ``recipient``;
* noun phrases are generalised quantifiers applied in surface order (subject over objects over prepositional
  objects), so negation, "every", "no", numerals and conditionals get their monotonicity from the logic itself;
* adjectives by class (:mod:`nesy.semantics.lexicon`): intersective ("red": red(x)), subsective by default
  ("small whale": small__whale(x) ∧ whale(x), never small(x)), non-subsective ("former mayor": former__mayor(x),
  never mayor(x)); comparatives and measures are arithmetic (:mod:`nesy.semantics.degrees`);
* modals quantify over accessible worlds, tense marks events, attitudes embed propositions
  (:mod:`nesy.semantics.modality`).

A token no rule consumed makes the sentence refused (:class:`~nesy.semantics.terms.Refused`): the logic never
silently drops a word it does not understand.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from nesy.logic.fol import (
    Eq,
    Exists,
    ForAll,
    Formula,
    Implies,
    Term,
    Var,
    free_vars,
    negate,
)
from nesy.semantics import lexicon as lx
from nesy.semantics.base import (
    _NOBODY,
    MAX_COUNT,
    _generic_tense,
    _ignorable,
    _mark,
    _only_before_mark,
    _verb_conjuncts,
    untensed,
)
from nesy.semantics.events import EventRules
from nesy.semantics.syntax import Node
from nesy.semantics.terms import NP, Prop, Refused, conj_opt, disj_opt

__all__ = ["Composer", "MAX_COUNT"]

logger = logging.getLogger(__name__)


def _referential(n: Node) -> bool:
    """A name, a pronoun, or a singular definite or possessive of one ("the will", "Ann's notice")."""
    if n.lower in lx.PRONOUNS or n.is_name or n.pos == "PROPN":
        return True
    if n.tag == "NNS" or n.kids("conj"):
        return False
    det, poss = n.kid("det"), n.kid("poss")
    if poss is not None:
        return _referential(poss)
    return det is not None and det.lower in {"the", "this", "that"}


def _quantified(subj: Node) -> bool:
    """An indefinite, universal or bare plural subject (not a name, pronoun, definite or possessive)."""
    q = lx.QUANT_PRONOUNS.get(subj.lower)
    if q is not None:
        return q[1] and q[0] != "no"  # someone, everyone, anyone (of persons; not nobody)
    if subj.pos not in {"NOUN", "PROPN"} or subj.is_name or subj.kid("poss") is not None:
        return False
    det = subj.kid("det")
    if det is None:
        return subj.tag == "NNS"
    return det.lower in {"a", "an", "every", "each", "any", "all"}


class Composer(EventRules):
    """Composes the meaning of the sentences of one problem (premises, then hypothesis) in one discourse:
    the sentence and clause rules, on top of the rule families (events → modality → noun phrases → reference →
    quantifiers → base).

    Args:
        reading: ``classical`` or ``scene`` (see :data:`nesy.types.Reading`).
    """

    def sentence(self, root: Node, *, hypothesis: bool = False, embedded: bool = False) -> Formula:
        """The meaning of one sentence (a closed formula); raises Refused. ``embedded``: the sentence is under
        a negation ("It is not the case that …"), so it introduces no individuals."""
        self.tokens = {n.i: n for n in root.subtree()}
        self.np_readings = 0
        self.presupposed: list[tuple[Prop, Term]] = []
        self.consumed = set()
        self.bind = {}
        self.ref_terms = {}
        self.top = not hypothesis and not embedded
        self.discourse.in_hypothesis = hypothesis
        f = self.clause_or_fragment(root)
        if self.presupposed:
            with self.embedded():
                pre = [r(t) for r, t in self.presupposed]
            f = conj_opt([*pre, f])
        leftover = [n for n in root.subtree() if n.i not in self.consumed and not _ignorable(n)]
        if leftover:
            words = ", ".join(repr(n.text) for n in sorted(leftover, key=lambda n: n.i)[:4])
            raise Refused("words the logic would drop", words)
        if f is None:
            raise Refused("empty statement", "the sentence asserts nothing the logic can state")
        free = free_vars(f)
        if free:
            raise Refused("unbound variable", ", ".join(sorted(v.name for v in free)))
        self.discourse.sentence += 1
        return f

    def clause_or_fragment(self, root: Node) -> Formula | None:
        if root.pos in {"VERB", "AUX"} or root.kid("nsubj", "nsubjpass", "expl", "csubj") is not None:
            return self.clause(root)
        if root.pos in {"NOUN", "PROPN", "PRON", "NUM"}:
            verb = next((c for c in root.kids("acl") if c.tag in {"VBD", "VBN"} and c.i > root.i
                         and c.kid("auxpass") is None), None)
            if self.reading != "scene" and verb is not None:
                # "Two nurses left early" parsed as a noun with a participle: the sentence's verb is "left"
                return self._promote(root, verb)
            if self.reading != "scene":
                raise Refused("fragment", "a noun phrase without a verb")
            # a caption fragment: "Two dogs in the snow." asserts that there are such things
            np = self.np(root)
            return self.apply(np, lambda x: None)
        if root.pos == "ADJ" and root.kid("nsubj") is None:
            raise Refused("fragment", f"'{root.text}' has no subject")
        return self.clause(root)

    def _promote(self, noun: Node, verb: Node) -> Formula | None:
        verb.detach()
        old_dep, old_noun_dep, old_tag = verb.dep, noun.dep, verb.tag
        verb.dep, noun.dep, verb.tag = "ROOT", "nsubj", "VBD"
        noun.attach(verb, "nsubj")
        try:
            return self.clause(verb)
        finally:
            noun.detach()
            noun.dep, verb.tag = old_noun_dep, old_tag
            verb.attach(noun, old_dep)

    def clause(self, v: Node) -> Formula | None:
        """A clause headed by ``v`` (verb or copula), with its coordinated clauses and conditionals."""
        self.use(v)
        # conditional / adverbial clauses
        advcls = v.kids("advcl")
        cond = [a for a in advcls if _mark(a) in {"if", "unless", "when", "whenever", "once", "provided"}]
        if cond:
            return self.conditional(v, cond[0])
        for a in advcls:
            m = _mark(a)
            if not m and a.tag == "VBG" and a.kid("nsubj", "nsubjpass") is None and (
                    self._comma_before(a) or v.kid("dobj") is None):
                # a free adjunct: "A man is sitting, wearing a hat" — the subject is wearing a hat
                a.dep = "conj"
                try:
                    return self.clause_inner(v)
                finally:
                    a.dep = "advcl"
            if m in {"because", "since", "although", "though", "while", "whereas", "after", "as"}:
                self.use(a.kid("mark"))
                return conj_opt([self.clause_inner(a), self._without(v, a)])
            raise Refused("adverbial clause", f"'{m or a.text}' clause")
        return self.clause_inner(v)

    def _comma_before(self, a: Node) -> bool:
        first = min(t.i for t in a.subtree())
        t = self.tokens.get(first - 1)
        if t is not None and t.text == ",":
            self.use(t)
            return True
        return False

    def _without(self, v: Node, child: Node) -> Formula | None:
        child.detach()
        try:
            return self.clause_inner(v)
        finally:
            child.attach(v)

    def clause_inner(self, v: Node) -> Formula | None:
        self.use(v)
        conjs = [c for c in v.kids("conj") if c.pos in {"VERB", "AUX"} or c.kid("nsubj", "nsubjpass", "expl")]
        own = [c for c in conjs if c.kid("nsubj", "nsubjpass", "expl") is not None]
        cc = v.kid("cc")
        word = cc.lower if cc is not None else "and"
        preconj = v.kid("preconj")
        if own:
            # clause coordination: "The boys are playing and the man is smiling"
            if word not in {"and", "but", "or", "nor"}:
                raise Refused("coordination", f"'{word}'")
            self.use(cc, preconj)
            parts: list[Formula | None] = []
            for c in own:
                c.detach()
            try:
                if word == "or":
                    with self.embedded():
                        parts.append(self.clause_inner(v))
                        parts.extend(self.clause_inner(c) for c in own)
                    return disj_opt(parts)
                parts.append(self.clause_inner(v))
                parts.extend(self.clause_inner(c) for c in own)
            finally:
                for c in own:
                    c.attach(v, "conj")
            return conj_opt(parts)
        subj_node = v.kid("nsubj", "nsubjpass", "csubj", "expl")
        if subj_node is None:
            if v.i in self.bind and v.dep in {"relcl", "acl", "xcomp", "conj", "advcl", "ccomp", "ROOT"}:
                subj_np = NP("ref", term=self.bind[v.i])
            elif v.tag == "VB" and v.dep == "ROOT" and v.i == min(n.i for n in v.subtree()):
                raise Refused("imperative", "commands have no truth value")
            else:
                raise Refused("missing subject", f"'{v.text}' has no subject")
        elif subj_node.dep == "expl":
            return self.there_clause(v, subj_node)
        elif subj_node.dep == "csubj":
            raise Refused("clausal subject", subj_node.span_text())
        else:
            only = next((c for c in subj_node.kids("advmod") if c.lower == "only" and c.i < subj_node.i), None)
            if only is not None:
                only.dep = "only"  # read here, not as a modifier of the noun
            subj_np = self.np(subj_node)
            subj_np = self.floating(subj_np, subj_node, v)
            if only is not None:
                # "Only citizens may vote": whoever may vote is a citizen
                only.dep = "advmod"
                self.use(only)
                if subj_np.kind not in {"some", "bare", "every", "ref"}:
                    raise Refused("only", subj_node.span_text())
                vp_only = self.vp(v, subj_np)
                restr = subj_np.restr
                if subj_np.kind == "ref" and subj_np.term is not None:
                    t0 = subj_np.term
                    restr = lambda x: Eq(x, t0)  # noqa: E731
                if restr is None:
                    raise Refused("only", "nothing to restrict to")
                xv = self.var("x")
                with self.embedded():
                    body = vp_only(xv)
                    rf = restr(xv)
                return ForAll(xv, Implies(self._req(body), self._req(rf)))
        auxes = v.kids("aux", "auxpass")
        det0 = subj_node.kid("det") if subj_node is not None and subj_node.dep != "expl" else None
        if subj_np.kind == "some" and not subj_np.definite and det0 is not None and det0.lower in {"a", "an"} and \
                v.kid("auxpass") is not None and not v.kids("neg") and \
                self.modal(v, auxes) is not None and not self._generic_indefinite_np(subj_np, v):
            # "A doctor must be called": it must be that some doctor is called (not: some doctor must be). Negated
            # ("A void contract cannot be enforced") the narrow-scope reading □¬∃x φ is ∀x □¬φ (individuals are the
            # same in every world, nouns are rigid), which is the generic reading below, so no scope is guessed.
            force, flavour, _ = self.modal(v, auxes)  # type: ignore[misc]
            for a in auxes:
                self.use(a)
            self._skip_modal = True
            try:
                vp0 = self.vp(v, subj_np)
            finally:
                self._skip_modal = False
            inner_subj = NP(**{**subj_np.__dict__, "definite": True})  # existential under the modal, not generic
            return self.modalize(lambda _t: self.apply_subject(inner_subj, vp0, v), force, flavour, False, True,
                                 "pres")(_NOBODY)
        if (subj_np.kind == "and" or (subj_np.number == "pl" and subj_np.kind in {"count", "some"})) and (
                v.lemma in lx.COLLECTIVE_VERBS or any(c.lemma in lx.COLLECTIVE_VERBS for c in _verb_conjuncts(v))):
            raise Refused("collective reading", f"'{v.text}' may be done by the group together, not by each")
        vp = self.vp(v, subj_np)
        return self.apply_subject(subj_np, vp, v)

    def floating(self, np: NP, subj: Node, v: Node) -> NP:
        """Floating quantifiers: "The dogs are all vaccinated" (every dog), "A and B both prolong …"."""
        cands = [c for c in [*subj.children, *v.children] if c.lower in {"all", "both", "each"} and not c.kids()
                 and c.i > subj.i and c.dep in {"advmod", "dep", "appos", "conj", "npadvmod", "nsubj", "det"}
                 and c.i not in self.consumed]
        if not cands:
            return np
        self.use(*cands)
        if np.kind == "and":
            return np
        if np.number == "pl" and np.kind in {"count", "some", "bare"}:
            return NP(**{**np.__dict__, "kind": "every"})
        raise Refused("floating quantifier", f"'{cands[0].text}'")

    def apply_subject(self, subj: NP, vp: Callable[[Term], Formula | None], v: Node) -> Formula | None:
        self._subject_next = True
        try:
            return self._apply_subject(subj, vp, v)
        finally:
            self._subject_next = False

    def _apply_subject(self, subj: NP, vp: Callable[[Term], Formula | None], v: Node) -> Formula | None:
        if subj.kind == "bare":
            subj = self.bare_reading(subj, v)
        elif subj.kind == "and":
            # "Food, clothing and lodging are necessaries": each bare conjunct is generic like a bare subject
            subj = self._bare_parts(subj, v)
        elif subj.kind == "some" and subj.number == "sg" and subj.head and not subj.definite and subj.article and \
                (self._generic_indefinite(v) or self._restricted_generic(subj, v)):
            # "A gift made under undue influence is void", "A tenant must pay the rent": a rule about any such thing
            subj = NP(**{**subj.__dict__, "kind": "every"})
        if subj.kind == "any":
            subj = NP(**{**subj.__dict__, "kind": "every"})
        return self.apply(subj, vp)

    def _generic_indefinite_np(self, np: NP, v: Node) -> bool:
        """A generic indefinite that is a rule's subject even in the passive: one with a restrictive modifier
        ("A contract signed by a minor must be registered")."""
        return self._generic_indefinite(v) and np.node is not None and any(
            c.dep in {"relcl", "acl", "prep"} for c in np.node.children)

    def _only_if(self, v: Node, a: Node, only: Node) -> Formula | None:
        """"B only if A", "B only when A": A is a necessary condition, B → A (A's indefinites are existential,
        its tense as written; pronouns in A may mean B's individuals, so B is read first). Not "if A, B"."""
        subj = v.kid("nsubj", "nsubjpass")
        if subj is not None and v.i not in self.bind and not _referential(subj):
            # "A tenant's notice is valid only if …" with the subject quantified inside B would give
            # (∀x B(x)) → A, not ∀x (B(x) → A(x))
            raise Refused("only if", f"the quantified subject '{subj.span_text()}'")
        self.use(only, *[t for t in a.kids("advmod") if t.lower in {"when", "whenever"}])
        a.detach()
        try:
            with self.embedded():
                before = len(self.discourse.referents)
                cons = self.clause_inner(v)
                ante = self.clause_inner(a)
                self.discourse.drop_bound(before)
        finally:
            a.attach(v, "advcl")
        if ante is None or cons is None:
            raise Refused("only if", "empty clause")
        return Implies(untensed(cons) or cons, ante)

    def _bare_parts(self, np: NP, v: Node) -> NP:
        parts = tuple(self.np(p.node) if p.kind == "lazy" and p.node is not None else p for p in np.parts)
        parts = tuple(self.bare_reading(p, v) if p.kind == "bare" else self._bare_parts(p, v) if p.kind == "and"
                      else p for p in parts)
        return NP(**{**np.__dict__, "parts": parts})

    def _restricted_generic(self, np: NP, v: Node) -> bool:
        """"A patient whose temperature is over 38 has a fever", "A tenant who breaks the lease loses the deposit":
        in a rule base's statement, a present simple verb (not progressive) whose indefinite subject has a
        restrictive modifier states a rule; elsewhere it describes one ("A man who lives next door plays the
        violin"), and captions stay existential."""
        if not self.rule_statement or self.reading == "scene" or not _generic_tense(v) or \
                v.dep not in {"ROOT", "conj"}:
            return False
        if v.tag not in {"VBZ", "VBP"} or v.kid("aux", "auxpass") is not None:
            return False
        return np.node is not None and any(c.dep in {"relcl", "acl"} or (c.dep == "prep" and c.lower == "with")
                                           for c in np.node.children)

    def _generic_indefinite(self, v: Node) -> bool:
        """An indefinite singular subject states a rule (classical reading) in the present simple with a modal, a
        predicate noun or adjective, or a simple-present passive; captions and narratives ("A man is sleeping",
        "A man is in the park") stay existential."""
        if self.reading == "scene" or not _generic_tense(v) or v.dep not in {"ROOT", "conj"}:
            return False
        if self.modal(v, v.kids("aux", "auxpass")) is not None:
            return True
        if v.lemma == "be" and v.kid("attr", "acomp") is not None and v.kid("expl") is None:
            return True
        return v.kid("auxpass") is not None and v.tag == "VBN"

    def bare_reading(self, np: NP, v: Node) -> NP:
        """A bare plural or mass subject: a generic rule in the present simple ("Statins lower cholesterol",
        "Wumpuses are red"), some individuals otherwise ("Dogs are running")."""
        if self.reading != "scene" and _generic_tense(v):
            return NP(**{**np.__dict__, "kind": "every"})
        return NP(**{**np.__dict__, "kind": "some"})

    def conditional(self, v: Node, a: Node) -> Formula | None:
        """"If A, B" (also "B if A", "unless A, B", "when A, B"): ∀(indefinites of A) (A → B), so that pronouns
        and definites in B can refer to A's individuals (donkey anaphora). Postposed after a quantified subject
        with a pronoun in A ("An adult may be given it unless they are allergic"), the subject is quantified first:
        ∀x (adult(x) → (¬allergic(x) → …)), so that the pronoun can mean it."""
        subj = v.kid("nsubj", "nsubjpass")
        only = _only_before_mark(a, v)
        if a.i > v.i and subj is not None and subj.i < v.i and v.i not in self.bind and _quantified(subj) and \
                (only is not None or any(t.lower in lx.PRONOUNS for t in a.subtree())):
            np = self.np(subj)
            if np.kind in {"some", "bare", "every", "any"} and not np.definite:
                dep = subj.dep
                subj.detach()

                def vp(x: Term) -> Formula | None:
                    self.bind[v.i] = x
                    try:
                        return self.conditional(v, a)
                    finally:
                        self.bind.pop(v.i, None)
                try:
                    return self.apply_subject(np, vp, v)
                finally:
                    subj.attach(v, dep)
            raise Refused("conditional", f"'{subj.span_text()}' before a clause that may refer to it")
        mark = a.kid("mark")
        m = _mark(a)
        self.use(mark)
        if only is not None:
            if m not in {"if", "when", "whenever"}:
                raise Refused("only", f"'only {m}'")
            return self._only_if(v, a, only)
        for adv in v.kids("advmod"):
            if adv.lower == "then":
                self.use(adv)
        a.detach()
        try:
            with self.embedded():
                binders: list[Var] = []
                before = len(self.discourse.referents)
                with self.restrictor(binders):
                    ante = self.clause_inner(a)
                cons = self.clause_inner(v)
                self.discourse.drop_bound(before)
        finally:
            a.attach(v, "advcl")
        if ante is None or cons is None:
            raise Refused("conditional", "empty antecedent or consequent")
        if m == "unless":
            # "B unless A" is "if not A, B": A's indefinites are existential inside the negation
            # (¬∃x (sedative(x) ∧ take(ann, x)) → B, not ∀x (¬(sedative(x) ∧ …) → B))
            if free_vars(cons) & set(binders):
                raise Refused("unless", "the main clause refers to an individual of the 'unless' clause")
            # (its tense is kept: widening "has a cold" to any time would narrow the rule, not widen it)
            condition = ante
            for b in reversed(binders):
                condition = Exists(b, condition)
            return Implies(negate(condition), cons)
        condition = untensed(ante) or ante
        f: Formula = Implies(condition, cons)
        for b in reversed(binders):
            f = ForAll(b, f)
        return f
