"""The state and small helpers every construction rule shares (the base of :class:`~nesy.semantics.compose.Composer`).

Rules are grouped by family in mixins layered on this base — quantifiers → reference → noun phrases → modality →
events → clauses (:mod:`nesy.semantics.compose`); a rule may call any rule of its own or a lower layer, and the few
it needs from a higher one (a relative clause needs a clause) are declared here and defined there.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from fractions import Fraction

from nesy.logic.fol import (
    And,
    Atom,
    Const,
    Eq,
    Exists,
    Fn,
    ForAll,
    Formula,
    Implies,
    Not,
    Num,
    NumTerm,
    Or,
    Term,
    Var,
    constants,
    free_vars,
)
from nesy.semantics import lexicon as lx
from nesy.semantics.discourse import Discourse
from nesy.semantics.syntax import Node
from nesy.semantics.terms import NP, Prop, Refused, conj_opt, disj_opt

__all__ = ["ComposerBase", "MAX_COUNT", "untensed"]

logger = logging.getLogger(__name__)

#: Numerals are expanded into that many distinct individuals; larger numbers are refused in counting position.
MAX_COUNT = 8

_REL_PRONOUNS = {"who", "whom", "which", "that"}
_BE = {"be", "is", "are", "am", "was", "were", "been", "being", "'s", "'re", "'m"}
_PUNCT_OK = {",", ".", "!", "?", ";", ":", "'", '"', "(", ")", "-", "--"}


class ComposerBase:
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
        # downward or non-veridical contexts around the phrase being built (negation, a restrictor or condition,
        # a "may", the scope of no/few/at most/most): "any" there is an existential, elsewhere free choice (every)
        self.de_depth = 0
        self.rule_statement = False  # the sentence is a statement of a rule base (see Reader.read)
        self.world: Term | None = None  # modal world / tense index of the predication being built
        # the world outside the deontic modals around the predication: noun phrase restrictions hold there
        self.de_re_worlds: list[Term | None] = []
        self.bind: dict[int, Term] = {}  # token index → term (relative pronouns, controlled subjects)
        self.ref_terms: dict[int, Term] = {}  # token index → the individual a name or pronoun there denotes
        self.consumed: set[int] = set()
        self.last_vp: tuple[Node, Callable[[Term], Formula | None]] | None = None
        self.concepts: dict[str, tuple[Const, Formula, Var]] = {}
        self.gq_atoms: list[Atom] = []
        self.modal_flavours: set[str] = set()
        self.presupposed: list[tuple[Prop, Term]] = []  # definite descriptions of the sentence: (description, term)
        self.tokens: dict[int, Node] = {}
        #: in a rule's condition (a conditional's antecedent, a universal's restrictor): indefinites become the
        #: universally bound variables collected here
        self._binders: list[Var] | None = None
        self._subject_next = False  # the next noun phrase applied is a clause's subject
        self._new_subject = False  # the next referent registered comes from a subject
        self._skip_modal = False  # a modal passive is built outside its subject
        self._matrix_tense: str | None = None  # the tense an infinitive inherits
        self._interval_of: dict[int, tuple[str, str, Fraction]] = {}  # "N days after": preposition → comparison
        self._intervals: dict[tuple[str, int], tuple[str, str, Fraction]] = {}  # its value per object term

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
    def negation_scope(self) -> Iterator[None]:
        """Inside a negation: embedded; an indefinite there is an existential inside the negation even in a
        rule's condition ("if someone does not have a car": ¬∃y, not ∀y over the rule, which would mean "if there
        is something they do not have"), and it is no antecedent afterwards ("Bob does not have a car. It is
        red." has no car for "it")."""
        before = len(self.discourse.referents)
        with self.embedded(), self.restrictor(None), self.downward():
            try:
                yield
            finally:
                self.discourse.drop_bound(before)

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

    def atom_of(self, name: str, kind: str, indexed: bool = False) -> Prop:
        """λx. name(x) (at the current world when ``indexed``)."""
        def fn(x: Term) -> Formula:
            return self.pred(name, kind, x) if indexed else self.rigid(name, kind, x)

        return fn

    def relation_to(self, rel: str, np: NP, kind: str = "p", indexed: bool = False) -> Prop:
        """λx. np(λt. rel(x, t)): "x in the park", "x allergic to penicillin"."""
        def fn(x: Term) -> Formula | None:
            return self.apply(np, lambda t: self.pred(rel, kind, x, t) if indexed else self.rigid(rel, kind, x, t))

        return fn

    def equal_to(self, t: Term) -> Prop:
        def fn(x: Term) -> Formula:
            return Eq(x, t)

        return fn

    def axiom(self, f: Formula, text: str) -> None:
        self.background.setdefault(str(f), (f, text))

    @staticmethod
    def _req(f: Formula | None) -> Formula:
        if f is None:
            raise Refused("empty predication", "")
        return f

    @contextmanager
    def restrictor(self, binders: list[Var] | None) -> Iterator[None]:
        """Indefinites built inside become universally bound variables collected in ``binders``."""
        old = self._binders
        self._binders = binders
        if binders is not None:
            self.de_depth += 1
        try:
            yield
        finally:
            self._binders = old
            if binders is not None:
                self.de_depth -= 1

    @contextmanager
    def downward(self) -> Iterator[None]:
        """A downward or non-veridical context (see ``de_depth``)."""
        self.de_depth += 1
        try:
            yield
        finally:
            self.de_depth -= 1

    # ------------------------------------------------------------------ rules of higher layers
    def apply(self, np: NP, scope: Prop) -> Formula | None:
        raise NotImplementedError  # defined by a higher layer (see the module docstring)

    def np(self, n: Node) -> NP:
        raise NotImplementedError  # defined by a higher layer (see the module docstring)

    def noun_modifiers(self, n: Node, head: str, names_ok: bool = False,
                       skip: set[int] | None = None) -> list[Callable[[Term], Formula | None]]:
        raise NotImplementedError  # defined by a higher layer (see the module docstring)

    def pp(self, p: Node, verb: str = "") -> tuple[str, NP, Node]:
        raise NotImplementedError  # defined by a higher layer (see the module docstring)

    def adjective_predicate(self, a: Node, subj: NP) -> Callable[[Term], Formula | None]:
        raise NotImplementedError  # defined by a higher layer (see the module docstring)

    def clause(self, v: Node) -> Formula | None:
        raise NotImplementedError  # defined by a higher layer (see the module docstring)

    def vp(self, v: Node, subj: NP) -> Callable[[Term], Formula | None]:
        raise NotImplementedError  # defined by a higher layer (see the module docstring)

    def event_modifiers(self, v: Node) -> list[Callable[[Term], Formula | None]]:
        raise NotImplementedError  # defined by a higher layer (see the module docstring)

    def tense(self, v: Node, auxes: list[Node]) -> str:
        raise NotImplementedError  # defined by a higher layer (see the module docstring)



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


def untensed(f: Formula | None, positive: bool = True) -> Formula | None:
    """The condition of a rule without the present tense of its positive events: the present simple of a rule is
    generic, so "if a tenant damages the property" covers damage at any time (a past "Bob damaged the flat"
    included). An explicit past or future stays ("if Ann played the piano" is not fired by a present playing), and
    so does tense under a negation ("does not pay the rent" is about now)."""
    if f is None:
        return None
    if isinstance(f, Atom):
        return f
    if isinstance(f, And):
        parts = [g for g in f.args if not (positive and isinstance(g, Atom) and g.pred == "pres"
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
    adv = next((t for t in a.kids("advmod") if t.lower in {"when", "whenever", "once"}), None)
    return adv.lower if adv is not None else ""


def _only_before_mark(a: Node, v: Node) -> Node | None:
    """The "only" of "B only if A" / "only when A" (on the clause or on the main verb, just before the mark)."""
    mk = a.kid("mark") or next((t for t in a.kids("advmod") if t.lower in {"when", "whenever", "once"}), None)
    if mk is None:
        return None
    return next((t for t in [*a.kids("advmod"), *v.kids("advmod"), *mk.kids("advmod")]
                 if t.lower == "only" and t.i == mk.i - 1 and not t.kids()), None)


def _is_copula(v: Node) -> bool:
    return v.lemma == "be" and (v.kid("attr", "acomp", "prep", "oprd") is not None) and v.kid("xcomp") is None


def _generic_tense(v: Node) -> bool:
    """Present simple (not progressive, no past/future/perfect): the tense of generic statements and rules."""
    auxes = [a.lower for a in v.kids("aux", "auxpass")]
    if v.tag in {"VBD", "VBG"} and not (v.tag == "VBG" and not auxes):
        return False
    if any(a in {"was", "were", "did", "had", "will", "has", "have", "being"} for a in auxes):
        # "being": the progressive passive ("A car is being washed") is episodic
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
