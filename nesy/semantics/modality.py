"""Modality, attitudes and control: what is obligatory, permitted, known, believed, managed or failed.

Modals quantify over accessible worlds of their flavour (deontic "must/may" are duals: "must not" = ¬"may");
the predication inside holds at the world (its event predicate takes the world as last argument). "X knows
that S" is an attitude event whose content is S's proposition, and S itself (factive); "believes that S" only
the attitude. Implicatives ("managed/failed to V") entail V / ¬V; other control verbs are opaque.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from contextlib import nullcontext

from nesy.logic.fol import (
    Atom,
    Const,
    Exists,
    ForAll,
    Formula,
    Implies,
    Term,
    free_vars,
    negate,
)
from nesy.semantics import lexicon as lx
from nesy.semantics.nominals import NominalRules
from nesy.semantics.syntax import Node
from nesy.semantics.terms import NP, Refused, conj_opt, pred_name

__all__ = ["ModalRules"]

logger = logging.getLogger(__name__)



#: Modal flavours of rules, whose noun phrase restrictions are read de re (see ``modalize``).
_DE_RE_FLAVOURS = frozenset({"deontic", "advice"})

class ModalRules(NominalRules):
    """Rules for modals, attitudes and control."""

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

        de_re = flavour in _DE_RE_FLAVOURS

        def body(x: Term) -> Formula | None:
            w = self.var("w")
            if de_re:
                # "must not be given to a child who is under 12": who the rule is about is a matter of fact, so
                # noun phrase restrictions inside a rule's modal hold outside it (de re), as nouns already do
                self.de_re_worlds.append(self.de_re_worlds[-1] if self.de_re_worlds else self.world)
            try:
                with (self.negation_scope() if negated else self.embedded()), self.at_world(w), \
                        (self.downward() if force == "pos" else nullcontext()):
                    f = core(x)
            finally:
                if de_re:
                    self.de_re_worlds.pop()
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

    def attitude(self, v: Node, comp: Node, subj: NP) -> Callable[[Term], Formula | None]:
        """"X knows/believes/says that S": an attitude event whose content is S as a proposition; factive verbs
        also assert S."""
        lemma = v.lemma
        if lemma not in lx.FACTIVE and lemma not in lx.NONFACTIVE:
            raise Refused("clausal complement", f"'{v.text} that …'")
        mark = comp.kid("mark")
        if (mark is not None and mark.lower in {"whether", "if"}) or any(
                t.tag in {"WDT", "WP", "WP$", "WRB"} and t.i < comp.i for t in comp.subtree()):
            # "knows whether Bob left", "asked who came": an embedded question asserts no answer
            raise Refused("embedded question", f"'{v.text} {mark.text if mark is not None else '…'}'")
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
            old, self._matrix_tense = self._matrix_tense, matrix
            try:
                with (self.negation_scope() if sign < 0 else nullcontext()):
                    inner = self.clause(x)
            finally:
                self._matrix_tense = old
            if inner is None:
                raise Refused("empty complement", "")
            return inner if sign > 0 else negate(inner)

        return implicative

    def tensed_state(self, core: Callable[[Term], Formula | None], tense: str) -> Callable[[Term], Formula | None]:
        """A past or future state ("Ann was a nurse"): its predicates hold at a past/future reference time,
        not now, so it neither entails nor contradicts the present."""
        t = Const(f"{tense}_time")

        def body(x: Term) -> Formula | None:
            with self.at_world(t if self.world is None else self.world):
                return core(x)

        return body
