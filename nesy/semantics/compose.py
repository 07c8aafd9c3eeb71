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

import hashlib
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from fractions import Fraction

from nesy.logic.fol import (
    And,
    Atom,
    Cmp,
    Const,
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
    constants,
    free_vars,
    negate,
    substitute,
)
from nesy.semantics import lexicon as lx
from nesy.semantics.discourse import Discourse, Referent
from nesy.semantics.syntax import Node
from nesy.semantics.terms import NP, Prop, Refused, conj_opt, disj_opt, lazy, pred_name

__all__ = ["Composer", "MAX_COUNT"]

logger = logging.getLogger(__name__)

#: Numerals are expanded into that many distinct individuals; larger numbers are refused in counting position.
MAX_COUNT = 8

_REL_PRONOUNS = {"who", "whom", "which", "that"}
_BE = {"be", "is", "are", "am", "was", "were", "been", "being", "'s", "'re", "'m"}
_PUNCT_OK = {",", ".", "!", "?", ";", ":", "'", '"', "(", ")", "-", "--"}


class Composer:
    """Composes the meaning of the sentences of one problem (premises, then hypothesis) in one discourse.

    Args:
        reading: ``classical`` or ``scene`` (see :data:`nesy.types.Reading`).
    """

    def __init__(self, reading: str = "classical", *, known_noun: Callable[[str], bool] | None = None,
                 lowercase_words: frozenset[str] = frozenset()) -> None:
        self.reading = reading
        #: whether a word is a common noun of the lexicon (the knowledge graph's lemmas), for capitalised words
        self.known_noun = known_noun
        #: words the problem's text also writes in lower case (so a capitalised "Aspirin" is the drug, not a name)
        self.lowercase_words = lowercase_words
        self.discourse = Discourse()
        self.background: dict[str, tuple[Formula, str]] = {}
        self.pos: dict[str, str] = {}
        self._n = 0
        self.top = True  # positive, unembedded context of a premise: indefinites become discourse individuals
        self.world: Term | None = None  # modal world / tense index of the predication being built
        self.bind: dict[int, Term] = {}  # token index → term (relative pronouns, controlled subjects)
        self.consumed: set[int] = set()
        self.last_vp: tuple[Node, Callable[[Term], Formula | None]] | None = None
        self.concepts: dict[str, tuple[Const, Formula, Var]] = {}
        self.gq_atoms: list[Atom] = []
        self.modal_flavours: set[str] = set()
        self.generic = False  # the clause being built is a present-tense generic statement
        self.presupposed: list[tuple[Prop, Term]] = []  # definite descriptions of the sentence: (description, term)
        self.tokens: dict[int, Node] = {}

    # ------------------------------------------------------------------ helpers
    def var(self, stem: str = "x") -> Var:
        self._n += 1
        return Var(f"{stem}{self._n}")

    def use(self, *nodes: Node | None) -> None:
        for n in nodes:
            if n is not None:
                self.consumed.add(n.i)

    def use_tree(self, node: Node) -> None:
        for n in node.subtree():
            self.consumed.add(n.i)

    @contextmanager
    def embedded(self) -> Iterator[None]:
        """Inside negation, a universal, a conditional, a disjunction, a modal: no new discourse individuals."""
        old = self.top
        self.top = False
        try:
            yield
        finally:
            self.top = old

    @contextmanager
    def at_world(self, w: Term | None) -> Iterator[None]:
        old = self.world
        self.world = w
        try:
            yield
        finally:
            self.world = old

    def pred(self, name: str, kind: str, *args: Term) -> Atom:
        """An atom of a content predicate; inside a modal or tense index the world is its last argument."""
        self.pos.setdefault(name, kind)
        if self.world is not None:
            return Atom(name, (*args, self.world))
        return Atom(name, args)

    def rigid(self, name: str, kind: str, *args: Term) -> Atom:
        self.pos.setdefault(name, kind)
        return Atom(name, args)

    def measure(self, dim: str, *args: Term) -> Fn:
        if self.world is not None:
            return Fn(dim, (*args, self.world))
        return Fn(dim, args)

    def indexed(self, f: Formula | None, x: Term) -> Formula | None:
        """A predication of ``x`` built from rigid noun/adjective atoms, moved to the current world or time
        ("Ann was a nurse": nurse(ann, past_time), not nurse(ann))."""
        if f is None or self.world is None:
            return f
        w = self.world

        def go(g: Formula) -> Formula:
            if isinstance(g, Atom):
                if g.args == (x,) and self.pos.get(g.pred) in {"n", "a"}:
                    return Atom(g.pred, (x, w))
                return g
            if isinstance(g, And):
                return And(tuple(go(a) for a in g.args))
            return g

        return go(f)

    def axiom(self, f: Formula, text: str) -> None:
        self.background.setdefault(str(f), (f, text))

    # ================================================================== sentences
    def sentence(self, root: Node, *, hypothesis: bool = False, embedded: bool = False) -> Formula:
        """The meaning of one sentence (a closed formula); raises Refused. ``embedded``: the sentence is under
        a negation ("It is not the case that …"), so it introduces no individuals."""
        self.tokens = {n.i: n for n in root.subtree()}
        self.presupposed: list[tuple[Prop, Term]] = []
        self.consumed = set()
        self.bind = {}
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

    # ================================================================== clauses
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
            if v.dep in {"relcl", "acl", "xcomp", "conj", "advcl", "ccomp"} and v.i in self.bind:
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
                v.kid("auxpass") is not None and \
                self.modal(v, auxes) is not None and not self._generic_indefinite_np(subj_np, v):
            # "A doctor must be called": it must be that some doctor is called (not: some doctor must be)
            if v.kids("neg"):
                raise Refused("negated modal passive", "the scope of the indefinite subject is unclear")
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
        elif subj.kind == "some" and subj.number == "sg" and subj.head and not subj.definite and \
                self._generic_indefinite(v):
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

    # ------------------------------------------------------------------ verb phrases
    def vp(self, v: Node, subj: NP) -> Callable[[Term], Formula | None]:
        """λx. the predication of ``v`` (with its coordinated verb phrases) of subject x."""
        conjs = _verb_conjuncts(v)
        base = self.vp_single(v, subj)
        if not conjs:
            return base
        ccs = [c.kid("cc") for c in [v, *conjs] if c.kid("cc") is not None]
        words = {c.lower for c in ccs if c is not None}
        if len(words) > 1:
            raise Refused("mixed coordination", " / ".join(sorted(words)))
        word = words.pop() if words else "and"
        self.use(*ccs, v.kid("preconj"))
        for c in [v, *conjs]:
            for p in c.kids("punct"):
                if p.text == ",":
                    self.use(p)
        if word not in {"and", "or", "but", "nor"}:
            raise Refused("coordination", f"'{word}'")
        if v.kid("neg") is not None and any(not c.kids("aux", "auxpass", "neg") for c in conjs):
            raise Refused("negated coordination", "the scope of 'not' over coordinated verbs is ambiguous")
        if subj.kind not in ("ref", "some", "bare") and word == "or":
            raise Refused("disjunction under a quantifier", "")
        others = [self.vp_single(c, subj, inherit=v) for c in conjs]
        for c in conjs:
            self.use(c)

        def body(x: Term) -> Formula | None:
            if word == "or":
                with self.embedded():
                    return disj_opt([base(x), *(o(x) for o in others)])
            if word == "nor":
                return conj_opt([negate(f) for f in (base(x), *(o(x) for o in others)) if f is not None])
            return conj_opt([base(x), *(o(x) for o in others)])

        return body

    def vp_single(self, v: Node, subj: NP, inherit: Node | None = None) -> Callable[[Term], Formula | None]:
        """λx. the predication of one verb/copula ``v``: tense, negation and modality around its core."""
        self.use(v)
        auxes = v.kids("aux", "auxpass")
        if inherit is not None and not auxes:
            auxes = inherit.kids("aux", "auxpass")
        neg_nodes = v.kids("neg")
        self.use(*neg_nodes)
        negated = len(neg_nodes) % 2 == 1
        tense = self.tense(v, auxes)
        if any(n.lower == "never" for n in neg_nodes) and self.reading != "scene":
            tense = "any"  # "never" denies it at every time: an untensed event under the negation
        modal = None if getattr(self, "_skip_modal", False) else self.modal(v, auxes)
        for a in auxes:
            self.use(a)
        mv = self.modal_verb(v)
        if mv is not None and modal is None:
            # "is allowed to smoke", "has to pay", "is forbidden to enter": a modal over the infinitive
            force, flavour, x = mv
            inner = self.controlled(x)
            if force == "nec_not":
                base_inner = inner

                def inner(t: Term) -> Formula | None:
                    f = base_inner(t)
                    return negate(f) if f is not None else None

                force = "nec"
            return self.modalize(inner, force, flavour, negated, True, tense)
        if _is_copula(v):
            core = self.copula_core(v, subj)
        elif self._elliptical(v):
            # VP ellipsis: "Mary did too", "so is Bill", "but Alex hasn't", "but his sister cannot"
            if v.tag == "MD" and modal is None:
                key = v.lower
                if key not in lx.MODALS:
                    raise Refused("modal", f"'{v.text}'")
                force, flavour = lx.MODALS[key]
                if force != "fut":
                    modal = (force, flavour, force == "pos" or key == "need")
            neither = [c for c in v.kids("advmod", "preconj", "cc", "dep") if c.lower in {"neither", "nor"}]
            if neither:
                self.use(*neither)
                negated = not negated
            core = self.ellipsis(v)
        else:
            core = self.verb_core(v, subj, tense)
        if subj.kind == "every" and negated and v.kid("neg") is not None and not subj.distributive:
            raise Refused("scope ambiguity", "'every/all … not' can mean 'none' or 'not all'")
        if modal is not None:
            force, flavour, neg_outside = modal
            return self.modalize(core, force, flavour, negated, neg_outside, tense)
        if tense in {"past", "fut"} and _is_copula(v) and self.reading != "scene":
            core = self.tensed_state(core, tense)
        if negated and _is_copula(v) and any(c.kids("conj") for c in v.kids("attr", "acomp")) and not any(
                c.kid("preconj") or c.kid("cc") is not None and c.kid("cc").lower == "nor"  # type: ignore[union-attr]
                for c in v.kids("attr", "acomp")):
            # "X is not a centerback and a defender": not (A and B), or (not A) and B?
            raise Refused("scope ambiguity", "'not' before coordinated predicates")
        if negated:
            def neg_body(x: Term) -> Formula | None:
                with self.embedded():
                    f = core(x)
                if f is None:
                    raise Refused("negation of nothing", "")
                return negate(f)
            return neg_body
        return core

    def _elliptical(self, v: Node) -> bool:
        """An auxiliary or modal standing for a verb phrase said before ("… and Karim does too")."""
        if self.last_vp is None:
            return False
        if v.lemma in _BE and v.pos == "AUX" and not v.kid("attr", "acomp", "prep", "oprd"):
            return True
        if v.lemma in {"do", "have"} or v.tag == "MD":
            return not v.kid("dobj", "ccomp", "xcomp", "attr", "acomp", "prep", "oprd", "dative", "agent")
        return False

    def tense(self, v: Node, auxes: list[Node]) -> str:
        """pres / past / fut of a verb group ("has visited", "did not go", "was sliced", "will pay"); an
        infinitive takes the tense of the verb it depends on ("managed to open": past)."""
        if v.tag == "VB" and any(a.lower == "to" for a in auxes) and getattr(self, "_matrix_tense", None):
            return self._matrix_tense
        words = {a.lower for a in auxes}
        if words & {"will", "'ll", "shall", "wo"}:
            return "fut"
        if words & {"did", "was", "were", "had"} or (v.tag == "VBD" and not auxes):
            return "past"
        if words & {"has", "have", "'ve"} and v.tag == "VBN":
            return "past"  # present perfect: the event lies in the past
        if v.tag == "VBD" and v.lemma in _BE:
            return "past"
        return "pres"

    # ------------------------------------------------------------------ events
    def verb_core(self, v: Node, subj: NP, tense: str) -> Callable[[Term], Formula | None]:
        """λx. ∃e (verb(e) ∧ roles ∧ modifiers) for a full verb with subject x."""
        passive = v.kid("auxpass") is not None or any(c.dep == "nsubjpass" for c in v.children)
        if v.tag == "VBN" and v.dep in {"acl"}:
            passive = True
        lemma = v.lemma
        prt = v.kid("prt")
        if prt is not None:
            self.use(prt)
            lemma = f"{lemma}_{prt.lower}"
        if lemma in lx.MODAL_VERBS and v.kid("xcomp") is not None and lemma not in {"have"}:
            pass  # handled by modal()
        # complements that are clauses: attitudes, implicatives, control
        xcomp = v.kid("xcomp")
        ccomp = v.kid("ccomp")
        if ccomp is not None:
            return self.attitude(v, ccomp, subj)
        if xcomp is not None and lemma not in lx.MODAL_VERBS:
            return self.control(v, xcomp, subj, passive)
        # measures: "weighs 80 kg", "drove at 130 km/h"
        measure = self.measure_object(v)
        roles: list[tuple[str, NP]] = []
        obj = v.kid("dobj")
        if obj is None and measure is None:
            # a bare noun the parser sometimes calls an adverb ("works overtime", "plays football"): the object
            bare = [c for c in v.kids("advmod") if c.pos == "NOUN" and c.tag in {"NN", "NNS"}
                    and not c.kids() and c.i > v.i]
            if len(bare) == 1:
                obj = bare[0]
        dative = v.kid("dative")
        if obj is not None and measure is None:
            roles.append(("theme", lazy(obj)))
        if dative is not None:
            if dative.pos == "ADP":  # "gave a bone to the dog" sometimes parsed as dative "to"
                pobj = dative.kid("pobj")
                if pobj is None:
                    raise Refused("dative", dative.text)
                self.use(dative)
                roles.append(("recipient", lazy(pobj)))
            else:
                roles.append(("recipient", lazy(dative)))
        pps: list[tuple[str, NP, Node]] = []
        for p in v.kids("prep", "agent"):
            if p.i in self.consumed or (p.lower in {"than", "as"} and measure is not None):
                continue
            pps.append(self.pp(p, verb=lemma))
        attr = v.kid("attr", "oprd")
        if attr is not None and v.lemma in {"become", "remain", "stay"} and not v.kid("dobj"):
            # "became a parent": the result holds
            return self.nominal_predicate(attr)
        if attr is not None:
            raise Refused("object predicative", f"'{attr.text}' after '{v.text}'")
        acomp = v.kid("acomp")
        if acomp is not None and v.lemma not in {"look", "seem", "appear", "feel", "sound", "become", "get",
                                                  "remain", "stay", "turn", "grow", "keep"}:
            raise Refused("predicative complement", f"'{v.text} {acomp.text}'")
        if acomp is not None:
            if v.lemma in {"look", "seem", "appear", "feel", "sound"}:
                raise Refused("appearance verb", f"'{v.text} {acomp.text}' need not be {acomp.text}")
            # "become/remain/stay X": the result holds
            state = self.adjective_predicate(acomp, subj)
            return state
        mods = self.event_modifiers(v)
        subj_role = "theme" if passive else "agent"
        if passive:
            agent_pp = [x for x in pps if x[0] == "by_agent"]
            if obj is not None and not any(r == "recipient" for r, _ in roles):
                # "Patients must not be given co-trimoxazole": the subject is the recipient
                subj_role = "recipient" if lemma in lx.DATIVE_VERBS else "theme"
            for _, np, _ in agent_pp:
                roles.append(("agent", np))
            pps = [x for x in pps if x[0] != "by_agent"]
        # "gave a bone to the dog" = "gave the dog a bone"
        if lemma in lx.DATIVE_VERBS:
            for k, (prep, np, node) in enumerate(pps):
                if prep == "to" and not any(r == "recipient" for r, _ in roles):
                    roles.append(("recipient", np))
                    pps[k] = ("", np, node)
            pps = [x for x in pps if x[0]]
        ev_name = pred_name(lemma)
        # tense marks what happened when; a participle ("a contract signed by a minor") and the conditions of a
        # rule ("if a tenant damages …", "every patient who takes …") say nothing about when
        tense_atom = tense if self.reading != "scene" and v.dep != "acl" and tense != "any" else ""
        measures = measure
        if measure is not None and getattr(measure, "stative", False) and not roles and not pps and not mods:
            # "the temperature exceeds 40 celsius": a comparison, not an event
            def compare(x: Term) -> Formula | None:
                return measure(x, x)

            return compare

        def body(x: Term) -> Formula | None:
            def inner(terms: list[tuple[str, Term]], pp_terms: list[tuple[str, Term]]) -> Formula:
                e = self.var("e")
                parts: list[Formula] = [self.pred(ev_name, "v", e)]
                if tense_atom:
                    parts.append(self.rigid(tense_atom, "t", e))
                if x != _NOBODY:
                    parts.append(self.rigid(subj_role, "r", e, x))
                for role, t in terms:
                    parts.append(self.rigid(role, "r", e, t))
                for prep, t in pp_terms:
                    parts.append(self.rigid(prep, "p", e, t))
                    interval = self._intervals.get((prep, id(t))) if hasattr(self, "_intervals") else None
                    if interval is not None:
                        op, dim, value = interval
                        parts.append(Cmp(op, Fn(f"interval_{dim}", (e, t)), Num(value)))
                for m in mods:
                    f = m(e)
                    if f is not None:
                        parts.append(f)
                if measures is not None:
                    parts.append(measures(e, x))
                return Exists(e, conj_opt(parts))  # type: ignore[arg-type]

            return self.apply_args(roles, pps, inner)

        if v.dep != "relcl" and v.dep != "acl":
            self.last_vp = (v, body)
        return body

    def apply_args(self, roles: list[tuple[str, NP]], pps: list[tuple[str, NP, Node]],
                   inner: Callable[[list[tuple[str, Term]], list[tuple[str, Term]]], Formula]) -> Formula:
        """Apply the object and prepositional-object quantifiers in surface order around the event."""
        items: list[tuple[str, str, NP]] = [("role", r, np) for r, np in roles] + [
            ("pp", p, np) for p, np, _ in pps if p != "without"]
        without = [np for p, np, _ in pps if p == "without"]
        if without:
            # "enter the lab without a permit": the entering has no permit with it, ∃e (… ∧ ¬∃y (permit(y) ∧ with(e, y)))
            base_inner = inner

            def inner(terms: list[tuple[str, Term]], pp_terms: list[tuple[str, Term]]) -> Formula:
                f = base_inner(terms, pp_terms)
                assert isinstance(f, Exists)
                e = f.var
                extra = []
                for np in without:
                    with self.embedded():
                        extra.append(negate(self._req(self.apply(np, lambda t: self.rigid("with", "p", e, t)))))
                return Exists(e, conj_opt([f.body, *extra]))  # type: ignore[arg-type]

        def go(k: int, terms: list[tuple[str, Term]], pp_terms: list[tuple[str, Term]]) -> Formula | None:
            if k == len(items):
                return inner(terms, pp_terms)
            kind, name, np = items[k]
            if np.kind == "lazy":
                np = self.np(np.node)
            if np.kind == "bare":
                np = NP(**{**np.__dict__, "kind": "some"})
            if kind == "role":
                return self.apply(np, lambda t: go(k + 1, [*terms, (name, t)], pp_terms))
            node = next((nd for nm, _, nd in pps if nm == name), None)
            spec = self._interval_of.get(node.i) if node is not None and hasattr(self, "_interval_of") else None

            def with_term(t: Term) -> Formula | None:
                if spec is not None:
                    if not hasattr(self, "_intervals"):
                        self._intervals = {}
                    self._intervals[(name, id(t))] = spec
                return go(k + 1, terms, [*pp_terms, (name, t)])

            return self.apply(np, with_term)

        return self._req(go(0, [], []))

    @staticmethod
    def _req(f: Formula | None) -> Formula:
        if f is None:
            raise Refused("empty predication", "")
        return f

    def pp(self, p: Node, verb: str = "") -> tuple[str, NP, Node]:
        """A prepositional phrase: (relation name, object NP, node). "by" in a passive is the agent."""
        self.use(p)
        if p.dep == "agent":
            obj = p.kid("pobj")
            if obj is None:
                raise Refused("by-phrase", "no object")
            return ("by_agent", lazy(obj), p)
        if p.lower in {"except", "but", "instead", "despite", "like", "unlike", "than", "as", "if", "whether"} and not (
                p.lower == "as" and verb and p.kid("pobj") is not None and p.kid("pobj").pos == "NOUN"):  # type: ignore[union-attr]
            # ("registered as a trade mark": the capacity of the event is a plain modifier)
            raise Refused("preposition", f"'{p.text}' is not a plain modifier")
        obj = p.kid("pobj")
        if obj is None:
            pc = p.kid("pcomp")
            if pc is not None:
                raise Refused("prepositional clause", f"'{p.text} {pc.text}'")
            raise Refused("preposition without object", f"'{p.text}'")
        extra = [c for c in p.children if c is not obj]
        name = p.lower
        for c in extra:
            if c.dep == "prep" and c.i < obj.i:  # "out of", "in front of" parsed as nested
                name = f"{name}_{c.lower}"
                self.use(c)
            elif c.dep in {"advmod"} and c.lower in {"right", "just", "directly", "straight"}:
                self.use(c)
            elif c.dep == "npadvmod" and p.lower in {"after", "before"} and c.lower in lx.UNITS:
                # "35 days after the judgment": how long after
                from nesy.semantics.degrees import _numeral_op, quantity

                q = quantity(self, c)
                if q is None or q[0] not in {"span", "calendar", "duration"}:
                    raise Refused("prepositional phrase", f"'{c.text}' in '{p.span_text()}'")
                if not hasattr(self, "_interval_of"):
                    self._interval_of = {}
                self._interval_of[p.i] = (_numeral_op(self, c), q[0], q[1])
            else:
                raise Refused("prepositional phrase", f"'{c.text}' in '{p.span_text()}'")
        return (pred_name(name), lazy(obj), p)

    def event_modifiers(self, v: Node) -> list[Callable[[Term], Formula | None]]:
        """Adverbs and adverbial noun phrases of an event: quickly(e), yesterday(e), every_two_year(e)."""
        out: list[Callable[[Term], Formula | None]] = []
        for a in v.kids("advmod", "npadvmod"):
            if a.i in self.consumed:
                continue
            if a.dep == "advmod":
                if a.lower in lx.EMPTY_ADVERBS:
                    self.use(a)
                    continue
                if a.lower in lx.NON_VERIDICAL_ADVERBS or a.tag in {"RBS", "RBR", "JJS", "JJR"}:
                    # "best made of metal", "more often": an ideal or a comparison, not a property of the event
                    raise Refused("non-veridical adverb", f"'{a.text}'")
                if a.lower in {"not", "never", "n't"}:
                    continue
                if a.lower in {"together", "jointly", "collectively"} and v.lemma in lx.COLLECTIVE_VERBS:
                    raise Refused("collective reading", f"'{a.text}'")
                if a.kids("prep") and len(a.kids()) == 1:
                    # "away from the flames", "next to the car": a preposition built on an adverb
                    prep, np, _ = self.pp(a.kids("prep")[0])
                    self.use(a)
                    rel = pred_name(a.lower, prep)
                    out.append(lambda e, rel=rel, np=np: self.apply(np, lambda t: self.rigid(rel, "p", e, t)))
                    continue
                if a.kids():
                    if all(c.lower in lx.VERIDICAL_DEGREE_ADVERBS for c in a.kids()):
                        self.use_tree(a)
                    else:
                        raise Refused("complex adverb", a.span_text())
                self.use(a)
                name = pred_name(a.lemma if a.lemma.endswith("ly") is False else a.lower)
                out.append(lambda e, n=name: self.rigid(n, "r", e))
            else:
                # "every two years", "last week", "home": an opaque modifier of the event
                words = [n for n in sorted(a.subtree(), key=lambda n: n.i)]
                if any(w.lower in {"not", "no", "never"} for w in words):
                    raise Refused("negative adverbial", a.span_text())
                self.use_tree(a)
                name = pred_name(*[w.lemma if w.pos != "NUM" else w.lower for w in words])
                out.append(lambda e, n=name: self.rigid(n, "r", e))
        return out

    # ------------------------------------------------------------------ copula
    def copula_core(self, v: Node, subj: NP) -> Callable[[Term], Formula | None]:
        """λx. the predicate of "x is …": a noun, an adjective (or comparison), a place, another individual."""
        attr = v.kid("attr")
        acomp = v.kid("acomp")
        preps = v.kids("prep")
        oprd = v.kid("oprd")
        parts: list[Callable[[Term], Formula | None]] = []
        if attr is not None:
            from nesy.semantics.degrees import copula_quantity

            q = copula_quantity(self, attr, subj)
            parts.append(q if q is not None else self.nominal_predicate(attr))
        if acomp is not None:
            parts.append(self.adjective_predicate(acomp, subj))
        if oprd is not None:
            parts.append(self.nominal_predicate(oprd))
        for p in preps:
            if p.i in self.consumed or (acomp is not None and p.lower in {"than", "as"}):
                continue
            if p.lower == "than":
                raise Refused("comparison", "'than' without a comparative adjective")
            from nesy.semantics.degrees import copula_measure

            measured = copula_measure(self, p, subj)
            if measured is not None:
                parts.append(measured)
                continue
            prep, np, _ = self.pp(p)
            parts.append(lambda x, prep=prep, np=np: self.apply(np, lambda t: self.pred(prep, "p", x, t)))
        for a in v.kids("advmod"):
            if a.lower in lx.EMPTY_ADVERBS:
                self.use(a)
            elif a.lower in {"here", "there", "outside", "inside", "outdoors", "indoors", "home", "away", "nearby",
                             "upstairs", "downstairs", "abroad", "asleep", "awake", "alone"}:
                self.use(a)
                parts.append(lambda x, n=pred_name(a.lower): self.pred(n, "a", x))
            elif a.lower in lx.NON_VERIDICAL_ADVERBS:
                raise Refused("non-veridical adverb", f"'{a.text}'")
        if not parts:
            raise Refused("copula without a predicate", v.span_text())

        def body(x: Term) -> Formula | None:
            return conj_opt([p(x) for p in parts])

        self.last_vp = (v, body)
        return body

    def tensed_state(self, core: Callable[[Term], Formula | None], tense: str) -> Callable[[Term], Formula | None]:
        """A past or future state ("Ann was a nurse"): its predicates hold at a past/future reference time,
        not now, so it neither entails nor contradicts the present."""
        t = Const(f"{tense}_time")

        def body(x: Term) -> Formula | None:
            with self.at_world(t if self.world is None else self.world):
                return core(x)

        return body

    def there_clause(self, v: Node, expl: Node) -> Formula | None:
        """"There is a man playing a guitar" / "There is no man …": the noun phrase exists (or does not)."""
        self.use(expl)
        attr = v.kid("attr", "nsubj", "dobj")
        if attr is None:
            raise Refused("there-sentence", "no noun phrase")
        neg = v.kids("neg")
        self.use(*neg)
        for a in v.kids("aux"):
            self.use(a)
        for a in v.kids("advmod"):
            if a.lower in lx.EMPTY_ADVERBS:
                self.use(a)
        extra = [c for c in v.children if c.dep == "prep"]
        np = self.np(attr)
        if np.kind == "bare":
            np = NP(**{**np.__dict__, "kind": "some"})
        pps = [self.pp(p) for p in extra]

        def scope(x: Term) -> Formula | None:
            out: list[Formula | None] = []
            for prep, obj, _ in pps:
                out.append(self.apply(obj if obj.kind != "bare" else NP(**{**obj.__dict__, "kind": "some"}),
                                      lambda t, prep=prep: self.pred(prep, "p", x, t)))
            return conj_opt(out)

        if neg:
            with self.embedded():
                return negate(self._req(self.apply(np, scope)))
        return self.apply(np, scope)

    def ellipsis(self, v: Node) -> Callable[[Term], Formula | None]:
        """VP ellipsis: "Mary did too", "so did Bill", "Bill did not": the previous verb phrase, of this subject."""
        if self.last_vp is None:
            raise Refused("ellipsis", "no earlier verb phrase to repeat")
        for a in v.kids("advmod"):
            if a.lower in {"too", "so", "also", "either", "as", "well"}:
                self.use_tree(a)
        for a in v.kids("cc"):
            self.use(a)
        return self.last_vp[1]

    # ------------------------------------------------------------------ conditionals
    def conditional(self, v: Node, a: Node) -> Formula | None:
        """"If A, B" (also "B if A", "unless A, B", "when A, B"): ∀(indefinites of A) (A → B), so that pronouns
        and definites in B can refer to A's individuals (donkey anaphora)."""
        mark = a.kid("mark")
        m = _mark(a)
        self.use(mark)
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
        ante = untensed(ante)
        if m == "unless":
            ante = negate(ante)
        f: Formula = Implies(ante, cons)
        for b in reversed(binders):
            f = ForAll(b, f)
        return f

    @contextmanager
    def restrictor(self, binders: list[Var]) -> Iterator[None]:
        """Indefinites built inside become universally bound variables collected in ``binders``."""
        old = getattr(self, "_binders", None)
        self._binders = binders
        try:
            yield
        finally:
            self._binders = old

    # ------------------------------------------------------------------ attitudes and control
    def attitude(self, v: Node, comp: Node, subj: NP) -> Callable[[Term], Formula | None]:
        """"X knows/believes/says that S": an attitude event whose content is S as a proposition; factive verbs
        also assert S."""
        lemma = v.lemma
        if lemma not in lx.FACTIVE and lemma not in lx.NONFACTIVE:
            raise Refused("clausal complement", f"'{v.text} that …'")
        mark = comp.kid("mark")
        self.use(mark)
        with self.embedded():
            saved = self.last_vp
            content = self.clause(comp)
            self.last_vp = saved
        if content is None:
            raise Refused("empty complement", "")
        if free_vars(content):
            raise Refused("attitude about a bound individual", v.span_text())
        prop = self.proposition(content)
        factive = lemma in lx.FACTIVE
        name = pred_name(lemma)
        mods = self.event_modifiers(v)

        def body(x: Term) -> Formula | None:
            e = self.var("e")
            parts: list[Formula | None] = [self.pred(name, "v", e), self.rigid("agent", "r", e, x),
                                           self.rigid("content", "r", e, prop), *(m(e) for m in mods)]
            att = Exists(e, conj_opt(parts))  # type: ignore[arg-type]
            return conj_opt([att, content]) if factive else att

        return body

    def proposition(self, content: Formula) -> Const:
        digest = hashlib.sha1(str(content).encode()).hexdigest()[:10]
        c = Const(f"that_{digest}")
        self.discourse.surface.setdefault(c.name, f"that {content}")
        return c

    def control(self, v: Node, x: Node, subj: NP, passive: bool) -> Callable[[Term], Formula | None]:
        """"X managed/failed to V" (implicative: V or not V), "X wants/tries to V" (opaque: nothing about V)."""
        lemma = v.lemma
        aux_to = x.kid("aux")
        if aux_to is not None and aux_to.lower == "to":
            self.use(aux_to)
        sign = lx.IMPLICATIVE.get(lemma)
        if sign is None:
            if lemma in {"want", "try", "hope", "plan", "decide", "intend", "expect", "wish", "promise", "refuse",
                         "agree", "attempt", "offer", "seek", "like", "love", "hate", "prefer", "need", "begin",
                         "start", "stop", "continue", "keep", "learn", "choose", "threaten", "aim", "prepare"}:
                if lemma in {"begin", "start", "continue", "keep", "stop"}:
                    raise Refused("aspectual verb", f"'{v.text}'")
                def opaque(t: Term) -> Formula | None:
                    with self.embedded():
                        self.bind[x.i] = t
                        saved = self.last_vp
                        inner = self.clause(x)
                        self.last_vp = saved
                    if inner is None:
                        raise Refused("empty complement", "")
                    fv = free_vars(inner)
                    if fv:
                        raise Refused("opaque complement with a bound individual", v.span_text())
                    prop = self.proposition(inner)
                    e = self.var("e")
                    return Exists(e, conj_opt([self.pred(pred_name(lemma), "v", e), self.rigid("agent", "r", e, t),
                                               self.rigid("content", "r", e, prop)]))  # type: ignore[arg-type]
                return opaque
            raise Refused("verb with an infinitive", f"'{v.text} to …'")

        matrix = self.tense(v, v.kids("aux", "auxpass"))

        def implicative(t: Term) -> Formula | None:
            self.bind[x.i] = t
            old, self._matrix_tense = getattr(self, "_matrix_tense", None), matrix
            try:
                inner = self.clause(x)
            finally:
                self._matrix_tense = old
            if inner is None:
                raise Refused("empty complement", "")
            return inner if sign > 0 else negate(inner)

        return implicative

    # ------------------------------------------------------------------ modality
    def modal(self, v: Node, auxes: list[Node]) -> tuple[str, str, bool] | None:
        """The modal of a verb group: (force, flavour, negation outside the modal?). "must not" is □¬;
        "may not", "cannot", "need not" are ¬◇ / ¬□."""
        for a in auxes:
            if a.tag == "MD" or a.lower in lx.MODALS:
                key = a.lower
                if key not in lx.MODALS:
                    raise Refused("modal", f"'{a.text}'")
                force, flavour = lx.MODALS[key]
                if force == "fut":
                    return None
                neg_outside = force == "pos" or key == "need"
                return force, flavour, neg_outside
        return None

    def modal_verb(self, v: Node) -> tuple[str, str, Node] | None:
        """"be allowed/permitted/required/obliged/forbidden to V", "have/need to V": (force, flavour, infinitive)."""
        if v.lemma not in lx.MODAL_VERBS:
            return None
        x = v.kid("xcomp")
        if x is None or x.kid("nsubj", "nsubjpass") is not None:
            return None
        to = x.kid("aux")
        if to is None or to.lower != "to":
            return None
        passive = v.kid("auxpass") is not None or v.tag == "VBN"
        if v.lemma in {"have", "need"} and passive:
            return None
        if v.lemma not in {"have", "need"} and not passive:
            return None
        if v.kid("dobj") is not None:
            return None
        self.use(to)
        force, flavour = lx.MODAL_VERBS[v.lemma]
        return force, flavour, x

    def controlled(self, x: Node) -> Callable[[Term], Formula | None]:
        """λt. the infinitive clause ``x`` with t as its (controlled) subject."""
        def body(t: Term) -> Formula | None:
            self.bind[x.i] = t
            return self.clause(x)

        return body

    def modalize(self, core: Callable[[Term], Formula | None], force: str, flavour: str, negated: bool,
                 neg_outside: bool, tense: str) -> Callable[[Term], Formula | None]:
        """□/◇ over accessible worlds of the modal's flavour; the predication inside holds at the world."""
        rel = f"acc_{flavour}"
        self.modal_flavours.add(flavour)

        def body(x: Term) -> Formula | None:
            w = self.var("w")
            with self.embedded(), self.at_world(w):
                f = core(x)
            if f is None:
                raise Refused("modal of nothing", "")
            if negated and not neg_outside:
                f = negate(f)
            acc = Atom(rel, (w,))
            m: Formula = ForAll(w, Implies(acc, f)) if force == "nec" else Exists(w, conj_opt([acc, f]))  # type: ignore[arg-type]
            if negated and neg_outside:
                m = negate(m)
            return m

        return body

    # ================================================================== noun phrases
    def np(self, n: Node) -> NP:
        """The meaning of the noun phrase headed by ``n``."""
        self.use(n)
        if n.i in self.bind:
            return NP("ref", term=self.bind[n.i])
        # coordination: "a man and a woman", "Ann or Bob"
        conjs = [c for c in n.kids("conj") if not (c.lower in {"both", "all", "each"} and not c.kids())]
        if conjs:
            cc = n.kid("cc")
            word = cc.lower if cc is not None else "and"
            self.use(cc, n.kid("preconj"))
            pre = n.kid("preconj") or next((d for d in n.kids("det") if d.lower in {"neither", "either", "both"}),
                                           None)
            det = n.kid("det")
            if det is not None and det.lower in {"no", "every", "each", "all", "any"} and word in {"and", "or"} and \
                    all(c.pos == "NOUN" and not c.kid("det") and not c.kids("nummod", "poss") for c in conjs):
                # "no dinosaurs or mammoths", "every doctor and nurse": the determiner quantifies over the
                # coordinated nouns — no x that is a dinosaur or a mammoth
                return self.shared_determiner(n, det, conjs)
            moved = [*conjs, *([pre] if pre is not None else [])]
            deps = {id(c): c.dep for c in moved}
            for c in moved:
                c.detach()
            try:
                first = self.np(n)
                rest = [self.np(c) for c in conjs]
            finally:
                for c in moved:
                    c.attach(n, deps[id(c)])
            if word == "but" and first.kind in {"every", "no", "not_every", "any"}:
                # "Everyone but Tom laughed": an exception — everyone other than Tom did, and Tom did not
                if len(rest) != 1 or rest[0].kind != "ref" or rest[0].term is None:
                    raise Refused("exception", "'but' with an exception that is not one named individual")
                return NP(**{**first.__dict__, "kind": "except_" + first.kind, "term": rest[0].term})
            if word == "but":
                word = "and"  # "a pool but no gym"
            if word not in {"and", "or", "nor"}:
                raise Refused("coordination", f"'{word}'")
            if word == "nor":
                # "neither a jacket nor a scarf": not the one and not the other
                if pre is None or pre.lower != "neither":
                    raise Refused("coordination", "'nor' without 'neither'")
                self.use(pre)
                return NP("nor", parts=(first, *rest), number="pl")
            if pre is not None:
                if (pre.lower, word) not in {("either", "or"), ("both", "and")}:
                    raise Refused("coordination", f"'{pre.text} … {word}'")
                self.use(pre)
            return NP("and" if word == "and" else "or", parts=(first, *rest), number="pl")
        lower = n.lower
        if lower in lx.DETERMINERS and lower not in {"a", "an", "the", "that", "this", "one"} and \
                n.kid("prep") is not None and n.kid("prep").lower == "of":  # type: ignore[union-attr]
            return self.partitive(n)
        if n.lower in _REL_PRONOUNS and n.tag in {"WDT", "WP"}:
            raise Refused("relative pronoun", f"'{n.text}' outside a relative clause")
        if lower in lx.QUANT_PRONOUNS:
            return self.quant_pronoun(n)
        if lower in lx.PRONOUNS or (n.pos == "PRON" and lower in {"i", "me", "we", "us", "you", "myself"}):
            return self.pronoun(n)
        if n.pos == "NUM" and not n.kids("det", "amod", "compound", "prep"):
            raise Refused("number as a noun phrase", f"'{n.text}'")
        if n.lower in lx.UNITS and n.kids("nummod", "det"):
            from nesy.semantics.degrees import measured_np

            m = measured_np(self, n)
            if m is None:
                raise Refused("measure phrase", f"'{n.span_text()}' outside a measure")
            return m
        if not n.kid("det") and self._is_name(n):
            return self.name_np(n)
        if n.pos in {"VERB"} and n.tag == "VBG":
            raise Refused("gerund", f"'{n.text}'")
        if n.pos == "ADJ" and _colour(n.lemma) and not n.kids():
            # "a girl in white": something white
            return NP("bare", restr=lambda x, c=pred_name(n.lemma): self.rigid(c, "a", x), head="", number="sg")
        if n.pos not in {"NOUN", "PROPN"} and not (n.pos == "ADJ" and n.kid("det")):
            if n.pos == "PRON":
                raise Refused("pronoun", f"'{n.text}'")
            if lower in lx.DETERMINERS and n.kid("prep") is not None:
                return self.partitive(n)
            raise Refused("noun phrase", f"'{n.text}' ({n.pos})")
        return self.common_np(n)

    def _is_name(self, n: Node) -> bool:
        """Whether a capitalised word without a determiner is a proper name. The tagger's PROPN is trusted
        inside a sentence; a sentence's first word ("Aspirin is an NSAID", "Nico is nine") is a name if it is a
        given name, else a common noun if the problem also writes it in lower case or the lexicon knows it."""
        if not n.text[:1].isupper() or n.pos not in {"PROPN", "NOUN"}:
            return False
        from nesy.semantics.names import FEMALE_NAMES, MALE_NAMES

        w = n.lower
        first = n.i == min(self.tokens) if self.tokens else False
        if w in FEMALE_NAMES or w in MALE_NAMES or "_".join([w]) in self.discourse.names:
            return True
        if w in self.lowercase_words:
            return False
        if not first:
            return n.is_name or not (self.known_noun and self.known_noun(n.lemma))
        if self.known_noun is not None:
            return not self.known_noun(n.lemma) and not self.known_noun(w)
        return n.is_name

    def shared_determiner(self, n: Node, det: Node, conjs: list[Node]) -> NP:
        parts = []
        for c in [n, *conjs]:
            if c is not n:
                self.use(c)
            c_det = c.kid("det")
            kept = [k for k in c.kids("conj", "cc", "det") if k.dep == "det" or c is n]
            for k in kept:
                k.detach()
            try:
                parts.append(self.common_np(c, skip_det=True))
            finally:
                for k in kept:
                    k.attach(c, k.dep)
            del c_det
        self.use(det, n.kid("cc"))
        kind = lx.DETERMINERS[det.lower]
        restrs = [p.restr for p in parts]

        def restr(x: Term) -> Formula | None:
            return disj_opt([r(x) if r is not None else None for r in restrs])

        return NP(kind if kind != "any" else "any", restr=restr, head="", number="pl")

    def quant_pronoun(self, n: Node) -> NP:
        kind, person = lx.QUANT_PRONOUNS[n.lower]
        # rule text: "someone/everyone" range over the individuals the rules are about (names included);
        # captions keep the person restriction ("someone is playing" is not said of a dog)
        restrict = person and self.reading == "scene"
        restr_mods = self.noun_modifiers(n, "")
        head = "person" if restrict else ""

        def restr(x: Term) -> Formula | None:
            parts: list[Formula | None] = [self.rigid("person", "n", x)] if restrict else []
            parts.extend(m(x) for m in restr_mods)
            return conj_opt(parts)
        if n.lower == "none":
            of = n.kid("prep")
            if of is not None and of.lower == "of":
                inner = self.partitive_of(of)
                return NP("no", restr=inner.restr, head=inner.head, number="pl")
        return NP(kind, restr=restr, head=head, person=person or None)

    def partitive(self, n: Node) -> NP:
        """"all of the students", "each of them", "most of the doctors": a determiner heading an of-phrase."""
        of = n.kid("prep")
        if of is None or of.lower != "of":
            raise Refused("determiner as a noun phrase", f"'{n.text}'")
        inner = self.partitive_of(of)
        kind = lx.DETERMINERS[n.lower]
        np = self._determined(kind, n, inner)
        neg = n.kid("neg")
        if neg is not None:  # "Not all of the reports"
            self.use(neg)
            if np.kind != "every":
                raise Refused("negated determiner", f"'not {n.text}'")
            return NP(**{**np.__dict__, "kind": "not_every"})
        return np

    def partitive_of(self, of: Node) -> NP:
        self.use(of)
        obj = of.kid("pobj")
        if obj is None:
            raise Refused("partitive", "no noun after 'of'")
        if obj.lower in {"them", "us", "you"}:
            raise Refused("partitive pronoun", f"'of {obj.text}'")
        det = obj.kid("det")
        if det is not None and det.lower in {"the", "these", "those"}:
            self.use(det)
        if obj.kid("poss") is not None:
            raise Refused("partitive possessive", of.span_text())
        self.use(obj)
        inner = self.common_np(obj, skip_det=True)
        return inner

    def pronoun(self, n: Node) -> NP:
        lower = n.lower
        if lower in {"i", "me", "we", "us", "you", "myself"}:
            c = self.discourse.name([f"speaker_{lower}" if lower in {"i", "me", "myself"} else f"pron_{lower}"],
                                    n.text, None)
            return NP("ref", term=c)
        gender, number = lx.PRONOUNS[lower]
        if lower == "it" and n.dep == "nsubj" and n.parent is not None and n.parent.lemma in _WEATHER_VERBS:
            return NP("weather")  # "it rains": no agent
        ref = self.discourse.pronoun(gender, number)
        if ref is None:
            raise Refused("pronoun without antecedent", f"'{n.text}'")
        return NP("ref", term=ref.term, head=ref.head, number=ref.number)

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
        c = self.discourse.name(words, surface, gender, titled)
        mods = self.noun_modifiers(n, "", names_ok=True)
        restr = (lambda x: conj_opt([m(x) for m in mods])) if mods else None
        return NP("ref", term=c, restr=restr, surface=surface, person=True if gender else None, gender=gender)

    def common_np(self, n: Node, skip_det: bool = False, skip: set[int] | None = None) -> NP:
        """"the young boys", "every driver who is older than 70", "three patients with a sulfa allergy"."""
        head = n.lemma if n.pos == "NOUN" else n.lower
        if head in {"people", "persons"}:
            head = "person"
        det0 = n.kid("det") if not skip_det else None
        sup = next((a for a in n.kids("amod") if a.tag == "JJS" and a.lower not in {"most", "least"}
                    and not a.kids() and not (skip and a.i in skip)), None)
        if sup is not None and det0 is not None and det0.lower == "the" and not n.plural:
            self.use(det0)
            return self.superlative(n, sup, NP("some"))
        if n.lower in lx.QUANTITY_NOUNS and n.kid("prep") is not None and n.kid("prep").lower == "of":  # type: ignore[union-attr]
            # "a group of people", "a lot of water": the quantity's contents
            of = n.kid("prep")
            assert of is not None
            det = n.kid("det")
            if det is not None and det.lower not in {"a", "an", "the", "some", "no", "this", "that"}:
                raise Refused("quantity noun", f"'{det.text} {n.text} of'")
            self.use(det)
            for a in n.kids("amod", "nummod"):
                if a.lower in {"large", "small", "big", "huge"}:
                    self.use(a)
                else:
                    raise Refused("quantity noun", n.span_text())
            inner = self.partitive_of(of)
            k = "count" if n.lower in {"couple", "pair"} else "some"
            if det is not None and det.lower == "no":
                k = "no"  # "There is no group of people …": no people do
            return NP(k, restr=inner.restr, head=inner.head, number="pl", op="≥", n=2 if k == "count" else 1,
                      mods=inner.mods, person=inner.person, gender=inner.gender)
        det = n.kid("det") if not skip_det else None
        if det is not None and det.lower == "a":
            few = next((c for c in n.kids("amod") if c.lower in {"few", "couple"} and c.i == det.i + 1), None)
            if few is not None:
                # "a few men": at least two
                self.use(det, few)
                return NP(**{**self.common_np(n, skip_det=True, skip={few.i}).__dict__, "kind": "count", "op": "≥",
                             "n": 2})
        if det is None and not skip_det:
            # "Most young doctors", "Many patients", "Few drivers": the tagger makes the quantifier an adjective
            first = next((c for c in n.children if c.dep in {"amod", "advmod", "nummod"}), None)
            if first is not None and first.lower in {"most", "many", "few", "several", "numerous", "various"} \
                    and first.i == min(t.i for t in n.subtree()):
                det = first
                det.dep = "det"
        predet = n.kid("predet")
        poss = n.kid("poss")
        nums = n.kids("nummod")
        head_pred = pred_name(head) if head not in lx.GENERIC_HEADS else ""
        # an adjective of a person word compares with people in general ("big people", "a tall person": big, tall)
        mod_head = "" if head_pred == "person" and self.reading != "scene" else head_pred
        mods = self.noun_modifiers(n, mod_head, skip=skip)
        mod_keys = frozenset(getattr(m, "key", "") for m in mods) - {""}
        gender = "male" if n.lower in lx.MALE_NOUNS or head in lx.MALE_NOUNS else (
            "female" if n.lower in lx.FEMALE_NOUNS or head in lx.FEMALE_NOUNS else None)
        person = True if (gender or head in lx.PERSON_NOUNS_HINT or head in lx.PERSON_HEADS) else None
        number = "pl" if n.plural else "sg"

        privative = any(getattr(m, "privative", False) for m in mods)
        if privative:
            # "a former nurse", "a toy gun": not a nurse, not a gun — and not "the nurse" of later sentences
            head_pred = next(getattr(m, "key") for m in mods if getattr(m, "privative", False))

        def restr(x: Term) -> Formula | None:
            parts: list[Formula | None] = []
            if head_pred and not privative:
                parts.append(self.rigid(head_pred, "n", x))
            parts.extend(m(x) for m in mods)
            return conj_opt(parts)

        generic: Prop | None = None
        if head_pred == "person" and self.reading != "scene":
            # rule text: "Big people are not cold", "every person who …" range over the individuals the text talks
            # about, as "someone/everyone" do (nesy does not know which names are people)
            def generic(x: Term) -> Formula | None:
                return conj_opt([m(x) for m in mods])

        base = NP("some", restr=restr, head=head_pred, mods=mod_keys, number=number, person=person, gender=gender,
                  surface=n.span_text(), restr_generic=generic, node=n)
        if poss is not None:
            return self.possessive(n, poss, base, det)
        count = self.numeral(n, nums) if nums else None
        if predet is not None:
            self.use(predet)
            if predet.lower in {"all", "both"}:
                if det is not None:
                    self.use(det)
                if count is not None:
                    raise Refused("quantifier", f"'{predet.text} … {n.text}'")
                return NP(**{**base.__dict__, "kind": "every"})
            raise Refused("predeterminer", f"'{predet.text}'")
        if det is None:
            if count is not None:
                op, k = count
                return NP(**{**base.__dict__, "kind": "count", "op": op, "n": k})
            if number == "sg" and n.pos == "PROPN":
                return base
            return NP(**{**base.__dict__, "kind": "bare"})
        self.use(det)
        dl = det.lower
        if dl not in lx.DETERMINERS:
            if dl in {"which", "what", "whose", "whatever", "whichever"}:
                raise Refused("question or free relative", f"'{det.text}'")
            raise Refused("determiner", f"'{det.text}'")
        kind = lx.DETERMINERS[dl]
        neg = [c for c in det.kids("neg", "advmod") if c.lower in {"not"}] + [
            c for c in n.kids("neg") if c.i < det.i]
        if neg:
            self.use(*neg)
            single = next((a for a in n.kids("amod") if a.lower == "single" and a.i == det.i + 1), None)
            if dl in {"a", "an", "any"}:
                # "Not a single window was broken": no window was
                self.use(single)
                return NP(**{**self.common_np(n, skip_det=True, skip={a.i for a in [single] if a}).__dict__,
                             "kind": "no"})
        if count is not None:
            op, k = count
            if kind in {"the", "the_pl"}:
                # "the three doctors": at least that many (the definite adds uniqueness we do not assert)
                return NP(**{**base.__dict__, "kind": "count", "op": "≥", "n": k})
            raise Refused("determiner with a numeral", f"'{det.text} … {n.text}'")
        np = self._determined(kind, det, base)
        if neg:
            if np.kind != "every":
                raise Refused("negated determiner", f"'not {det.text}'")
            return NP(**{**np.__dict__, "kind": "not_every"})
        return np

    def _determined(self, kind: str, det: Node, base: NP) -> NP:
        if kind == "some":
            if det.lower == "some" and base.number == "sg" and base.head in {"", "person"}:
                pass
            return NP(**{**base.__dict__, "kind": "some"})
        if kind in {"every", "any", "no", "most", "many", "few"}:
            if kind in {"most", "many", "few"}:
                if det.lower == "few" and det.kid("det") is not None and det.kid("det").lower == "a":  # type: ignore[union-attr]
                    self.use(det.kid("det"))
                    return NP(**{**base.__dict__, "kind": "count", "op": "≥", "n": 2})
                return NP(**{**base.__dict__, "kind": "gq", "gq": kind})
            return NP(**{**base.__dict__, "kind": kind, "distributive": det.lower == "each"})
        if kind == "several":
            return NP(**{**base.__dict__, "kind": "count", "op": "≥", "n": 2})
        if kind == "both":
            return NP(**{**base.__dict__, "kind": "count", "op": "≥", "n": 2})
        if kind == "no_two":
            raise Refused("determiner", f"'{det.text}'")
        if kind == "either":
            raise Refused("determiner", f"'{det.text}'")
        if kind == "the":
            if det.lower in {"this", "that"} and base.number == "pl":
                raise Refused("determiner", f"'{det.text}' with a plural")
            return self.definite(base)
        if kind == "the_pl" or (kind == "the" and base.number == "pl"):
            # "the kittens": a group of kittens — at least two
            return NP(**{**base.__dict__, "kind": "count", "op": "≥", "n": 2})
        raise Refused("determiner", f"'{det.text}'")

    def superlative(self, n: Node, sup: Node, base: NP) -> NP:
        """"the tallest boy in the class": the boy in the class taller than every other one —
        N(t) ∧ ∀y (N(y) ∧ y ≠ t → height(t) > height(y)), with N everything else the noun phrase says."""
        self.use(sup)
        word = lx.IRREGULAR_COMPARATIVES.get(sup.lower, sup.lemma)
        dim, sign = lx.DEGREE.get(word, (f"degree_{word}", 1))
        op = ">" if sign > 0 else "<"
        without = self.common_np(n, skip_det=True, skip={sup.i})
        r = without.restr
        if r is None:
            raise Refused("superlative", n.span_text())
        key = f"{sup.lower}_{without.head}"

        def restr(x: Term) -> Formula | None:
            y = self.var("y")
            with self.embedded():
                ry = r(y)
            beats = ForAll(y, Implies(conj_opt([ry, Not(Eq(y, x))]), Cmp(op, self.measure(dim, x),  # type: ignore[arg-type]
                                                                           self.measure(dim, y))))
            return conj_opt([r(x), beats])

        np = NP(**{**without.__dict__, "restr": restr, "mods": without.mods | {key}, "kind": "some"})
        return self.definite(np)

    def definite(self, base: NP) -> NP:
        """"the will", "the tall man": the discourse's individual of that description, or a new one."""
        if base.number == "pl":
            return NP(**{**base.__dict__, "kind": "count", "op": "≥", "n": 2})
        exact = self.discourse.in_hypothesis and self.reading != "scene"
        ref = self.discourse.definite(base.head, base.mods, exact=exact) if base.head else None
        if ref is not None:
            # the individual of that description; the description itself is presupposed (stated once, outside any
            # negation) — in a hypothesis it must follow from the premises like the rest
            if base.restr is not None and self.top is not None:
                self.presupposed.append((base.restr, ref.term))
            return NP(**{**base.__dict__, "kind": "ref", "term": ref.term, "restr": None})
        if self.discourse.in_hypothesis:
            # a hypothesis definite the premises never introduced: some such individual (the premises cannot know
            # more about a new constant than about any individual of that description)
            return NP(**{**base.__dict__, "kind": "some", "definite": True})
        if not self.top and not self.discourse.in_hypothesis and getattr(self, "_binders", None) is not None:
            # "the licence" inside a rule: read like an indefinite of the rule ("If a patient has a rash, the
            # rash …" would need bridging we do not do); a definite of its own kind
            pass
        c = Const(f"the_{base.head or 'thing'}")
        if any(r.term == c for r in self.discourse.referents):
            c = self.discourse.fresh_const(f"the_{base.head or 'thing'}_")
        self._add_ref(Referent(c, base.head, base.mods, base.gender, base.person, base.number,
                               f"the {base.surface}" if base.surface else "", kind="def"))
        # its description is presupposed: asserted once, outside any negation or rule of the sentence
        if base.restr is not None:
            self.presupposed.append((base.restr, c))
        return NP(**{**base.__dict__, "kind": "ref", "term": c, "restr": None})

    def possessive(self, n: Node, poss: Node, base: NP, det: Node | None) -> NP:
        """"John's dog", "his licence": the (unique) thing of that kind the possessor has."""
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
        if isinstance(owner_term, Const):
            for r in self.discourse.referents:
                if r.head == head and r.name == key:
                    return NP(**{**base.__dict__, "kind": "ref", "term": r.term})
        base_restr = base.restr

        def restr(x: Term) -> Formula | None:
            return conj_opt([base_restr(x) if base_restr else None, self.rigid("of", "p", x, owner_term)])

        np = NP(**{**base.__dict__, "restr": restr, "kind": "some"})
        if isinstance(owner_term, Const) and self.top:
            c = self.discourse.fresh_const(f"{head or 'thing'}_of_{owner_term.name}_")
            self.discourse.add(Referent(c, head, base.mods, None, None, base.number, key, kind="def"))
            return NP(**{**np.__dict__, "kind": "ref", "term": c})
        return np

    def numeral(self, n: Node, nums: list[Node]) -> tuple[str, int] | None:
        """"three", "at least 3", "no more than five", "exactly two" → (comparison, number)."""
        if len(nums) != 1:
            raise Refused("numeral", n.span_text())
        num = nums[0]
        value = lx.number_value(num.text)
        if value is None:
            compound = [c for c in num.kids("compound", "quantmod") if lx.number_value(c.text) is not None]
            if compound:
                value = lx.number_value(" ".join(t.text for t in sorted([*compound, num], key=lambda t: t.i)))
                self.use(*compound)
        if value is None or value.denominator != 1:
            raise Refused("numeral", f"'{num.text}'")
        self.use(num)
        mod_words = sorted([c for c in num.subtree() if c is not num and c.i not in self.consumed], key=lambda t: t.i)
        prefix = self.numeral_prefix(min([num.i, *(w.i for w in mod_words)]))
        op = "≥"
        for j in range(len(prefix) + 1):
            cand = [*prefix[j:], *mod_words]
            words = tuple(w.lower for w in cand)
            if not words:
                break
            if any(w in lx.VAGUE_NUMERAL_MODIFIERS for w in words):
                raise Refused("vague numeral", " ".join(words) + f" {num.text}")
            if words in lx.NUMERAL_MODIFIERS:
                op = lx.NUMERAL_MODIFIERS[words]
                for w in cand:
                    self.use(w)
                break
        else:
            raise Refused("numeral modifier", " ".join(w.lower for w in mod_words))
        k = int(value)
        if op == ">":
            op, k = "≥", k + 1
        elif op == "<":
            op, k = "≤", k - 1
        if k > MAX_COUNT:
            raise Refused("large number of individuals", f"{k} (more than {MAX_COUNT})")
        return op, k

    def numeral_prefix(self, start: int) -> list[Node]:
        """Words of a numeral modifier just before ``start`` that the parser hung elsewhere ("At most five …":
        "At" as a preposition of the verb)."""
        out: list[Node] = []
        k = start - 1
        while k in self.tokens and self.tokens[k].i not in self.consumed and \
                self.tokens[k].lower in _NUMERAL_MOD_WORDS and not self.tokens[k].kids("pobj"):
            out.insert(0, self.tokens[k])
            k -= 1
        return out

    # ------------------------------------------------------------------ noun modifiers
    def noun_modifiers(self, n: Node, head: str, names_ok: bool = False,
                       skip: set[int] | None = None) -> list[Callable[[Term], Formula | None]]:
        """Adjectives, compounds, prepositional phrases, relative clauses and appositions of a noun."""
        out: list[Callable[[Term], Formula | None]] = []
        for c in n.children:
            if skip and c.i in skip:
                continue
            if c.dep == "advmod" and c.lower in {"next", "close", "near", "away", "right", "out"} and \
                    len(c.kids("prep")) == 1:
                prep, np, _ = self.pp(c.kids("prep")[0])
                self.use(c)
                rel = pred_name(c.lower, prep)
                out.append(lambda x, rel=rel, np=np: self.apply(np, lambda t: self.rigid(rel, "p", x, t)))
                continue
            if c.dep == "amod":
                out.extend(self.attributive(c, head))
            elif c.dep == "compound" and not names_ok:
                out.append(self.compound(c, n, head))
            elif c.dep == "prep":
                if c.lower == "of" and n.lower in lx.QUANTITY_NOUNS:
                    continue
                from nesy.semantics.degrees import copula_measure

                personish = head in lx.PERSON_NOUNS_HINT or head in lx.PERSON_HEADS or n.lower in lx.MALE_NOUNS \
                    or n.lower in lx.QUANT_PRONOUNS and lx.QUANT_PRONOUNS[n.lower][1] \
                    or n.lower in lx.FEMALE_NOUNS or head in {"child", "man", "woman", "boy", "girl"}
                measured = copula_measure(self, c, None, personish)  # "children under 12", "patients over 65"
                if measured is not None:
                    out.append(measured)
                    continue
                prep, np, _ = self.pp(c)
                if prep == "without":
                    out.append(lambda x, np=np: self._without_mod(np, x))
                    continue
                fn = (lambda x, prep=prep, np=np: self.apply(np, lambda t: self.rigid(prep, "p", x, t)))
                # the key a definite or a caption's indefinite must match: preposition, object's determiner and noun
                pobj = c.kid("pobj")
                obj_det = pobj.kid("det") if pobj is not None else None
                fn.key = "_".join(x for x in (prep, obj_det.lower if obj_det is not None and obj_det.lower in
                                                  {"no", "every", "all", "few", "most"} else "",
                                              pobj.lemma if pobj is not None else "") if x)  # type: ignore[attr-defined]
                out.append(fn)
            elif c.dep == "relcl":
                out.append(self.relative(c, n))
            elif c.dep == "acl":
                out.append(self.reduced_relative(c))
            elif c.dep == "appos":
                ap = self.np(c)
                if ap.kind in {"some", "bare"}:
                    out.append(lambda x, ap=ap: ap.restr(x) if ap.restr else None)
                elif ap.kind == "ref" and ap.term is not None:
                    out.append(lambda x, ap=ap: Eq(x, ap.term))  # type: ignore[arg-type]
                else:
                    raise Refused("apposition", c.span_text())
                for p in n.kids("punct"):
                    self.use(p)
            elif c.dep in {"det", "predet", "nummod", "poss", "conj", "cc", "preconj", "case", "punct"}:
                continue
            elif c.dep == "compound" and names_ok:
                continue
            elif c.dep == "neg":
                continue
            elif c.dep == "advmod" and c.lower in lx.EMPTY_ADVERBS:
                self.use(c)
            elif c.dep in {"quantmod", "only"}:
                continue
            else:
                raise Refused("noun modifier", f"'{c.text}' ({c.dep}) of '{n.text}'")
        return out

    def _without_mod(self, np: NP, x: Term) -> Formula | None:
        with self.embedded():
            f = self.apply(np if np.kind != "bare" else NP(**{**np.__dict__, "kind": "some"}),
                           lambda t: self.rigid("with", "p", x, t))
        return negate(self._req(f))

    def attributive(self, a: Node, head: str) -> list[Callable[[Term], Formula | None]]:
        """An attributive adjective by class: intersective, subsective (default) or non-subsective."""
        self.use(a)
        out: list[Callable[[Term], Formula | None]] = []
        lemma = a.lemma if a.pos == "ADJ" else a.lower
        if a.parent is not None and a.i > a.parent.i and (a.kids("prep", "npadvmod", "dobj") or a.tag == "JJR"
                                                        or a.lower == "worth"):
            # a postnominal adjective phrase: "a patient older than 65", "patients allergic to latex",
            # "an estate worth more than 325,000 dollars" — what the phrase says of the noun's referent
            return [self.adjective_predicate(a, NP("some", head=head, person=True if head in lx.PERSON_NOUNS_HINT
                                                        else None))]
        if a.tag in {"JJR", "RBR"} or a.lower in {"more", "less", "fewer"}:
            raise Refused("attributive comparative", f"'{a.text}'")
        if a.tag == "JJS" or a.lower in {"most", "least"}:
            raise Refused("superlative", f"'{a.text}'")
        if a.lower.endswith("_old") and lx.number_value(a.lower.split("_")[0]) is not None:
            # "a 72_year_old patient"
            parts = a.lower.split("_")
            value = lx.number_value(parts[0])
            unit = parts[1]
            dim, factor, offset = lx.UNITS.get(unit + "s", lx.UNITS.get(unit, ("calendar", Fraction(12), Fraction(0))))
            years = (value * factor + offset) / 12 if dim == "calendar" else None
            if years is None:
                raise Refused("age", a.text)
            return [lambda x, y=years: Cmp("=", self.measure("age", x), Num(y))]
        advs = a.kids("advmod")
        for adv in advs:
            if adv.lower in lx.NON_VERIDICAL_ADVERBS or adv.lower in {"not", "never"}:
                raise Refused("adjective modifier", f"'{adv.text} {a.text}'")
            if adv.lower not in lx.VERIDICAL_DEGREE_ADVERBS:
                raise Refused("adjective modifier", f"'{adv.text} {a.text}'")
            self.use(adv)
        conjs = a.kids("conj")
        if conjs:
            if lemma in lx.INTERSECTIVE and all(c.lemma in lx.INTERSECTIVE for c in conjs) and not (
                    _colour(lemma) or any(_colour(c.lemma) for c in conjs)):
                self.use(a.kid("cc"))
                for c in conjs:
                    out.extend(self.attributive(c, head))
            else:
                # "a red and white shirt" is not a red shirt: the coordination names one mixed property
                cc = a.kid("cc")
                self.use(cc)
                words = [a.lemma, *(cc.lower for _ in [0] if cc is not None), *(c.lemma for c in conjs)]
                for c in conjs:
                    self.use_tree(c)
                name = pred_name(*words, "_", head) if lemma not in lx.INTERSECTIVE else pred_name(*words)
                fn = lambda x, n=name: self.rigid(n, "a", x)  # noqa: E731
                fn.key = name  # type: ignore[attr-defined]
                return [fn]
        for c in a.children:
            if c.dep not in {"advmod", "conj", "cc", "punct"}:
                raise Refused("adjective complement", f"'{a.text} {c.text}'")
            if c.dep == "punct":
                self.use(c)
        if a.tag in {"VBN", "VBG"} and a.lower not in lx.INTERSECTIVE and a.lower not in lx.NON_SUBSECTIVE and \
                "_" not in a.lower and \
                not advs and not conjs:
            # a participle: "a sleeping baby" is a baby that is sleeping, "a broken window" one that was broken
            verb = a.lemma if a.pos == "VERB" else _participle_lemma(a)
            role = "agent" if a.tag == "VBG" else "theme"
            ev = pred_name(verb)

            def participle(x: Term, ev: str = ev, role: str = role) -> Formula:
                e = self.var("e")
                return Exists(e, conj_opt([self.rigid(ev, "v", e), self.rigid(role, "r", e, x)]))  # type: ignore[arg-type]

            return [participle]
        if lemma in lx.NON_SUBSECTIVE:
            name = pred_name(lemma, "_", head) if head else pred_name(lemma)
            fn = lambda x, n=name: self.rigid(n, "a", x)  # noqa: E731
            fn.key = name  # type: ignore[attr-defined]
            fn.privative = True  # type: ignore[attr-defined]
            self._privative = True
            return [fn]
        if lemma in lx.INTERSECTIVE or not head:
            name = pred_name(lemma)
        else:
            name = pred_name(lemma, "_", head)
        fn = lambda x, n=name: self.rigid(n, "a", x)  # noqa: E731
        fn.key = name  # type: ignore[attr-defined]
        out.append(fn)
        for adv in advs:
            nm = pred_name(adv.lower, name)
            f2 = lambda x, n=nm: self.rigid(n, "a", x)  # noqa: E731
            out.append(f2)
        return out

    def compound(self, c: Node, n: Node, head: str) -> Callable[[Term], Formula | None]:
        """A noun compound: "tennis ball" is a ball and a tennis_ball; "toy gun" is only a toy_gun."""
        for g in c.children:
            if g.dep != "compound":
                raise Refused("compound", c.span_text())
        self.use_tree(c)
        words = [t.lemma if t.pos == "NOUN" else t.lower for t in sorted(c.subtree(), key=lambda t: t.i)]
        if any(w in lx.NON_SUBSECTIVE or w in _REPRESENTATION_NOUNS for w in words):
            self._privative = True
            name = pred_name(*words, head)
            fn = lambda x, nm=name: self.rigid(nm, "n", x)  # noqa: E731
            fn.key = name  # type: ignore[attr-defined]
            fn.privative = True  # type: ignore[attr-defined]
            return fn
        name = pred_name(*words, head)
        fn = lambda x, nm=name: self.rigid(nm, "n", x)  # noqa: E731
        fn.key = name  # type: ignore[attr-defined]
        return fn

    def relative(self, r: Node, n: Node) -> Callable[[Term], Formula | None]:
        """A relative clause: "who is older than 70", "that the tenant signed", "whom Ann saw"."""
        rel = next((t for t in r.subtree() if t.lower in _REL_PRONOUNS and t.tag in {"WDT", "WP", "IN"}
                    and t.dep in {"nsubj", "nsubjpass", "dobj", "pobj", "attr", "dative"}), None)
        if rel is None:
            # "whose pulse is below 60": the relative pronoun is the possessor
            rel = next((t for t in r.subtree() if t.lower == "whose" and t.dep == "poss"), None)
        if rel is None and any(t.lower in {"whose", "where", "when", "why", "how"} for t in r.subtree()):
            raise Refused("relative clause", r.span_text())

        def body(x: Term) -> Formula | None:
            saved = dict(self.bind)
            if rel is not None:
                self.use(rel)
                self.bind[rel.i] = x
            else:
                # "the man I saw": the gap is the object (or the subject when there is none)
                if r.kid("nsubj", "nsubjpass") is None:
                    self.bind[r.i] = x
                elif r.kid("dobj") is None and r.pos == "VERB":
                    gap = Node(-1 - r.i, "", "", "", "PRON", "WP", "dobj", r.i)
                    gap.attach(r, "dobj")
                    self.bind[gap.i] = x
                    try:
                        return self._rel_clause(r)
                    finally:
                        gap.detach()
                        self.bind = saved
                else:
                    raise Refused("relative clause", r.span_text())
            try:
                return self._rel_clause(r)
            finally:
                self.bind = saved

        return body

    def _rel_clause(self, r: Node) -> Formula | None:
        saved = self.last_vp
        with self.embedded():
            f = self.clause(r)
        self.last_vp = saved
        return f

    def reduced_relative(self, a: Node) -> Callable[[Term], Formula | None]:
        """"a gift made under undue influence" (passive), "a man playing a guitar" (active)."""
        from nesy.semantics.degrees import aged

        age = aged(self, a)
        if age is not None:
            return age
        if a.tag not in {"VBN", "VBG"}:
            raise Refused("noun complement", a.span_text())
        if any(x.lower == "to" for x in a.kids("aux", "auxpass")):
            raise Refused("infinitival relative", f"'{a.span_text()}' says what can or should be, not what is")

        def body(x: Term) -> Formula | None:
            saved = dict(self.bind)
            self.bind[a.i] = x
            try:
                saved_vp = self.last_vp
                with self.embedded():
                    subj = NP("ref", term=x)
                    core = self.vp(a, subj)
                    f = core(x)
                self.last_vp = saved_vp
                return f
            finally:
                self.bind = saved

        return body

    def nominal_predicate(self, attr: Node) -> Callable[[Term], Formula | None]:
        """"x is a doctor" → doctor(x); "x is the winner" → x = the_winner; "x is Bob" → x = bob."""
        np = self.np(attr)
        if np.kind in {"some", "bare"}:
            r = np.restr
            if r is None:
                raise Refused("predicate nominal", attr.span_text())
            return lambda x: self.indexed(r(x), x)
        if np.kind == "ref" and np.term is not None:
            t = np.term
            extra = np.restr
            return lambda x: conj_opt([Eq(x, t), extra(t) if extra else None])
        if np.kind == "and":
            fns = []
            for p in np.parts:
                if p.kind in {"some", "bare"} and p.restr is not None:
                    fns.append(p.restr)
                elif p.kind == "ref" and p.term is not None:
                    fns.append(lambda x, t=p.term: Eq(x, t))
                else:
                    raise Refused("predicate nominal", attr.span_text())
            return lambda x: conj_opt([f(x) for f in fns])
        if np.kind == "or":
            fns = []
            for p in np.parts:
                if p.kind in {"some", "bare"} and p.restr is not None:
                    fns.append(p.restr)
                else:
                    raise Refused("predicate nominal", attr.span_text())
            def either(x: Term) -> Formula | None:
                with self.embedded():
                    return disj_opt([f(x) for f in fns])
            return either
        raise Refused("quantified predicate nominal", attr.span_text())

    # ------------------------------------------------------------------ adjectives and degrees
    def adjective_predicate(self, a: Node, subj: NP) -> Callable[[Term], Formula | None]:
        """A predicative adjective: "x is red/tall/void", comparatives "taller than y", "as tall as y",
        measures "72 years old", coordinated adjectives."""
        from nesy.semantics.degrees import predicative

        return predicative(self, a, subj)

    def measure_object(self, v: Node) -> Callable[[Term, Term], Formula] | None:
        from nesy.semantics.degrees import verb_measure

        return verb_measure(self, v)

    # ================================================================== applying quantifiers
    def apply(self, np: NP, scope: Prop) -> Formula | None:
        """np(λx. scope(x)): the noun phrase's quantifier over its restriction and ``scope``."""
        if np.kind == "lazy":
            np = self.np(np.node)
        if np.kind == "weather":
            return scope(_NOBODY)
        subject, self._subject_next = getattr(self, "_subject_next", False), False
        self._new_subject = subject
        k = np.kind
        r = np.restr
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
            with self.embedded():
                return conj_opt([negate(self._req(self.apply(p, scope))) for p in np.parts])
        if k == "bare":
            return self.apply(NP(**{**np.__dict__, "kind": "some"}), scope)
        binders = getattr(self, "_binders", None)
        if k == "some" and binders is not None and not self.top:
            # an indefinite in a conditional antecedent or a universal's restrictor: universally bound
            v = self.var("x")
            binders.append(v)
            self._register_var(v, np)
            return conj_opt([r(v) if r else None, scope(v)])
        if k in {"some", "any"} and k == "some" or (k == "any" and not self.top):
            if self.top and not self.discourse.in_hypothesis and np.head != "" or (
                    self.top and not self.discourse.in_hypothesis and np.person):
                c = self.discourse.fresh_const(np.head or "someone")
                self._add_ref(Referent(c, np.head, np.mods, np.gender, np.person, np.number,
                                       f"a {np.surface}" if np.surface else "", kind="indef"))
                return conj_opt([r(c) if r else None, scope(c)])
            if (self.reading == "scene" and self.discourse.in_hypothesis and np.head and np.number == "sg"
                    and getattr(self, "_scene_ok", True) and binders is None):
                ante = self.discourse.scene_antecedent(np.head)
                if ante is not None and np.mods <= ante.mods:
                    # the same description (no modifier the premise did not state of it): the same individual
                    return conj_opt([r(ante.term) if r else None, scope(ante.term)])
            v = self.var("x")
            ref = self._register_var(v, np)
            body = conj_opt([r(v) if r else None, scope(v)])
            self.discourse.referents.remove(ref)
            if body is None:
                raise Refused("empty existential", "")
            return Exists(v, body)
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
                with self.restrictor(None):  # type: ignore[arg-type]
                    self._binders = None
                    sf = scope(v)
            self.discourse.drop_bound(before)
            if k == "no":
                if sf is None:
                    body: Formula = negate(self._req(rf))
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
        if getattr(self, "_new_subject", False):
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
        with self.embedded():
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
        with self.embedded():
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


_WEATHER_VERBS = frozenset({"rain", "snow", "hail", "drizzle", "pour", "thunder", "freeze", "sleet"})
#: The subject of a weather verb ("it rains"): the role atom with it is left out of the event.
_NOBODY = Const("__no_subject__")

_NUMERAL_MOD_WORDS = frozenset({w for key in lx.NUMERAL_MODIFIERS for w in key})

_REPRESENTATION_NOUNS = frozenset("""toy model fake plastic stone wax paper cardboard chocolate rubber cartoon
statue picture image photo photograph drawing painting replica imitation dummy puppet robot teddy stuffed
sculpture poster video film movie""".split())


def _colour(lemma: str) -> bool:
    return lemma in {"red", "orange", "yellow", "green", "blue", "purple", "violet", "pink", "brown", "black",
                     "white", "grey", "gray", "golden", "silver", "beige", "turquoise", "maroon", "navy", "tan"}


_TENSES = {"pres", "past", "fut"}


def untensed(f: Formula | None, positive: bool = True) -> Formula | None:
    """The condition of a rule without the tense of its positive events: "if a tenant damages the property"
    covers damage at any time (a past "Bob damaged the flat" included). Tense under a negation stays ("does not
    pay the rent" is about now), so the rule only ever applies more widely than its literal present tense."""
    if f is None:
        return None
    if isinstance(f, Atom):
        return f
    if isinstance(f, And):
        parts = [g for g in f.args if not (positive and isinstance(g, Atom) and g.pred in _TENSES
                                           and len(g.args) == 1)]
        parts2 = [untensed(g, positive) for g in parts]
        return conj_opt(parts2)
    if isinstance(f, Or):
        return disj_opt([untensed(g, positive) for g in f.args])
    if isinstance(f, Not):
        inner = untensed(f.arg, not positive)
        return Not(inner) if inner is not None else None
    if isinstance(f, Implies):
        left, right = untensed(f.left, not positive), untensed(f.right, positive)
        if left is None or right is None:
            return f
        return Implies(left, right)
    if isinstance(f, (Exists, ForAll)):
        body = untensed(f.body, positive)
        return type(f)(f.var, body) if body is not None else f
    return f


def _participle_lemma(a: Node) -> str:
    """The verb of a participle the tagger called an adjective ("seated" → seat)."""
    w = a.lower
    if a.tag == "VBG" and w.endswith("ing"):
        return w[:-3]
    if w.endswith("ied"):
        return w[:-3] + "y"
    if w.endswith("ed"):
        return w[:-2] if not w.endswith("eed") else w[:-1]
    return a.lemma


def _verb_conjuncts(v: Node) -> list[Node]:
    """The verb phrases coordinated with ``v`` that share its subject ("running, jumping and kicking")."""
    out: list[Node] = []
    for c in v.kids("conj"):
        if c.pos in {"VERB", "AUX"} and c.kid("nsubj", "nsubjpass", "expl") is None:
            out.append(c)
            out.extend(_verb_conjuncts(c))
    return out


def _mark(a: Node) -> str:
    m = a.kid("mark")
    if m is not None:
        if m.lower == "provided":
            return "provided"
        return m.lower
    adv = a.kid("advmod")
    if adv is not None and adv.lower in {"when", "whenever", "once"}:
        return adv.lower
    return ""


def _is_copula(v: Node) -> bool:
    return v.lemma == "be" and (v.kid("attr", "acomp", "prep", "oprd") is not None) and v.kid("xcomp") is None


def _generic_tense(v: Node) -> bool:
    """Present simple (not progressive, no past/future/perfect): the tense of generic statements and rules."""
    auxes = [a.lower for a in v.kids("aux", "auxpass")]
    if v.tag in {"VBD", "VBG"} and not (v.tag == "VBG" and not auxes):
        return False
    if any(a in {"was", "were", "did", "had", "will", "has", "have"} for a in auxes):
        return False
    if v.tag == "VBN" and not v.kid("auxpass"):
        return False
    if v.lemma == "be":
        return v.lower not in {"was", "were", "been"}
    return True


def _ignorable(n: Node) -> bool:
    if n.pos == "PUNCT" or n.text in _PUNCT_OK or n.pos == "SPACE":
        return True
    if n.pos == "DET" and n.lower in {"a", "an", "the"}:
        return False
    return False


def number_term(value: Fraction) -> NumTerm:
    return Num(value)


def ground(f: Formula) -> bool:
    return not free_vars(f) and all(isinstance(c, Const) for c in constants(f))
