"""Events and roles: verb phrases, copulas, there-sentences, prepositional modifiers, tense, ellipsis.

A verb is an event with thematic roles (neo-Davidsonian): "gave the dog a bone" → ∃e (give(e) ∧ agent(e, x) ∧
theme(e, bone) ∧ recipient(e, dog)); the passive and the by-phrase give the same roles; the object and
prepositional-object quantifiers scope over the event in surface order. Present/past/future mark the event
(``pres(e)``); a past state ("Ann was a nurse") holds at a past reference time, not now.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from nesy.logic.fol import (
    Cmp,
    Const,
    Eq,
    Exists,
    Fn,
    ForAll,
    Formula,
    Implies,
    Num,
    Term,
    negate,
)
from nesy.semantics import lexicon as lx
from nesy.semantics.base import _BE, _NOBODY, _is_copula, _verb_conjuncts
from nesy.semantics.modality import ModalRules
from nesy.semantics.syntax import Node
from nesy.semantics.terms import NP, Refused, conj_opt, disj_opt, lazy, pred_name

__all__ = ["EventRules"]

logger = logging.getLogger(__name__)



#: Prepositions whose gerund complement names an activity ("disqualified from driving").
_ACTIVITY_PREPS = frozenset({"from", "for", "of", "at", "in"})

class EventRules(ModalRules):
    """Rules for verb phrases, copulas and events."""

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
                with self.negation_scope():
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
        if _positive_of(v) is not None:
            negated = not negated  # "lacks capacity": does not have it (the core reads the positive verb)
        tense = self.tense(v, auxes)
        # "never" keeps the tense: "never smoked" denies a past event, "never smokes" a present (habitual) one
        modal = None if self._skip_modal else self.modal(v, auxes)
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
                    with self.negation_scope():
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
                with self.negation_scope():
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
        if v.tag == "VB" and any(a.lower == "to" for a in auxes) and self._matrix_tense:
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
        if v.tag == "VBN" and not auxes and (v.kid("nsubj") is not None or (
                v.dep == "conj" and v.parent is not None and v.parent.tag in {"VBD", "VBN"}
                and not v.parent.kids("aux", "auxpass"))):
            return "past"  # a past verb the tagger took for a participle ("Three nurses left.")
        return "pres"

    def causative(self, v: Node, part: Node) -> Callable[[Term], Formula | None]:
        """"x has/gets y checked": the passive event "y is checked" with x as its causer (who has it done).
        Nothing more is said of x: not that x checks y, nor who does."""
        obj = part.kid("nsubj")
        assert obj is not None
        for m in v.children:
            if m is not part and m.dep not in {"nsubj", "aux", "neg", "punct", "cc", "conj", "advcl"}:
                raise Refused("causative", f"'{m.text}' after '{v.text}'")
        event = pred_name(part.lemma)

        def body(x: Term) -> Formula | None:
            obj.dep = "nsubjpass"
            try:
                f = self.clause(part)
            finally:
                obj.dep = "nsubj"
            if f is None:
                raise Refused("causative", part.span_text())
            out = _with_causer(f, event, x, self, self.tense(v, v.kids("aux", "auxpass")))
            if out is None:
                raise Refused("causative", f"no event of '{part.text}'")
            return out

        return body

    def verb_core(self, v: Node, subj: NP, tense: str) -> Callable[[Term], Formula | None]:
        """λx. ∃e (verb(e) ∧ roles ∧ modifiers) for a full verb with subject x."""
        passive = v.kid("auxpass") is not None or any(c.dep == "nsubjpass" for c in v.children)
        if v.tag == "VBN" and v.dep in {"acl"}:
            passive = True
        lemma = _positive_of(v) or v.lemma
        prt = v.kid("prt")
        if prt is not None:
            self.use(prt)
            lemma = f"{lemma}_{prt.lower}"
        if lemma in lx.MODAL_VERBS and v.kid("xcomp") is not None and lemma not in {"have"}:
            pass  # handled by modal()
        # complements that are clauses: attitudes, implicatives, control
        xcomp = v.kid("xcomp")
        ccomp = v.kid("ccomp")
        if ccomp is not None and lemma in {"have", "get"} and ccomp.tag == "VBN" and \
                ccomp.kid("nsubj") is not None and not ccomp.kids("aux", "auxpass", "mark", "nsubjpass"):
            return self.causative(v, ccomp)
        if ccomp is not None:
            return self.attitude(v, ccomp, subj)
        if xcomp is not None and lemma not in lx.MODAL_VERBS:
            return self.control(v, xcomp, subj, passive)
        kind = self.check_intensional(v, lemma)
        # measures: "weighs 80 kg", "drove at 130 km/h"
        measure = self.measure_object(v)
        roles: list[tuple[str, NP]] = []
        obj = v.kid("dobj")
        if kind is not None:
            self.use_tree(kind)
            words = [n.lemma if n is kind else "a" if n.lower == "an" else n.lower
                     for n in sorted(kind.subtree(), key=lambda n: n.i)]
            roles.append(("theme_kind", NP("ref", term=Const("kind_" + pred_name(*words)))))
            obj = None
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
        only = self._only_object(v, obj, passive, kind, measure, pps)
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
                    interval = self._intervals.get((prep, id(t)))
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

        out: Callable[[Term], Formula | None] = body
        if only is not None:
            out = self._exhaustive(body, only, ev_name, tense_atom)
        if v.dep != "relcl" and v.dep != "acl":
            self.last_vp = (v, out)
        return out

    def _only_object(self, v: Node, obj: Node | None, passive: bool, kind: Node | None, measure: object,
                     pps: list[tuple[str, NP, Node]]) -> list[Term] | None:
        """"Ted has only visited Peru": "only" before a verb whose object (names, nothing after them) is the last
        constituent, so that the focus is the object, by the nuclear stress of a neutral reading. Returns the
        object's terms; ``None`` when the verb has no "only"; refused when the focus is not clear."""
        only = next((a for a in v.kids("advmod") if a.lower == "only" and a.i < v.i and a.i not in self.consumed), None)
        if only is None:
            return None
        names = [obj, *obj.kids("conj")] if obj is not None else []
        last = max(n.i for n in v.subtree() if n.pos != "PUNCT")
        if obj is None or passive or kind is not None or measure is not None or pps or v.kids("dative", "prt") \
                or any(a.i > v.i for a in v.kids("advmod", "npadvmod")) or max(n.i for n in obj.subtree()) != last \
                or not all(n.is_name and (n is obj or not n.kids("det", "amod", "compound", "prep", "relcl", "acl"))
                           for n in names):
            raise Refused("only", f"'{only.text} {v.text}': the focus is not a plain object")
        self.use(only)
        np = self.np(obj)  # a coordination of names is one "and" noun phrase
        parts = np.parts if np.kind == "and" else (np,)
        terms = [p.term for p in parts if p.kind == "ref" and p.term is not None]
        if not terms or len(terms) != len(names):
            raise Refused("only", f"'{only.text} {v.text}': the object is not a list of names")
        return terms

    def _exhaustive(self, body: Callable[[Term], Formula | None], objs: list[Term], ev_name: str,
                    tense_atom: str) -> Callable[[Term], Formula | None]:
        """λx. body(x) ∧ ∀z (∃e (verb(e) ∧ tense(e) ∧ agent(e, x) ∧ theme(e, z)) → z = o₁ ∨ …): nothing else."""

        def only_body(x: Term) -> Formula | None:
            z, e = self.var("x"), self.var("e")
            parts: list[Formula] = [self.pred(ev_name, "v", e)]
            if tense_atom:
                parts.append(self.rigid(tense_atom, "t", e))
            parts += [self.rigid("agent", "r", e, x), self.rigid("theme", "r", e, z)]
            others = disj_opt([Eq(z, o) for o in objs])
            assert others is not None
            return conj_opt([body(x), ForAll(z, Implies(Exists(e, conj_opt(parts)), others))])  # type: ignore[arg-type]

        return only_body

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
                    with self.negation_scope():
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
            spec = self._interval_of.get(node.i) if node is not None else None

            def with_term(t: Term) -> Formula | None:
                if spec is not None:
                    self._intervals[(name, id(t))] = spec
                return go(k + 1, terms, [*pp_terms, (name, t)])

            return self.apply(np, with_term)

        return self._req(go(0, [], []))

    def check_intensional(self, v: Node, lemma: str) -> Node | None:
        """The object of an intensional verb, which does not say that there is one ("wants a unicorn", "is looking
        for a unicorn": an extensional reading would prove it). A name or definite is read as usual (None); a bare
        noun ("owes damages") or a singular with "a"/"an" ("needs a licence") is returned: it names a kind, the
        event's ``theme_kind``, and asserts no instance of it; any other object is refused."""
        objs: list[Node] = []
        base = lemma.split("_")[0]
        if base in lx.INTENSIONAL_VERBS:
            objs += v.kids("dobj")
        if base in lx.INTENSIONAL_PREP_VERBS:
            objs += [o for p in v.kids("prep") if p.lower == "for" for o in p.kids("pobj")]
        kind = None
        for o in objs:
            if _referential(o):
                continue
            if o.dep == "dobj" and (_bare_kind(o) or _bare_kind(o, article=True)):
                kind = o
                continue
            raise Refused("intensional verb", f"'{v.text} … {o.text}' does not say that there is one")
        return kind

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
            if pc is not None and pc.tag == "VBG" and p.lower in _ACTIVITY_PREPS and not pc.kid("nsubj") and \
                    not any(t.lower in lx.PRONOUNS or t.lower in {"not", "no", "never"} or t.tag in {"WDT", "WP"}
                            or t.pos in {"NUM", "PROPN"} for t in pc.subtree()):
                # "disqualified from driving", "responsible for repairing the heating": an activity, named as a
                # whole (no event of it is asserted; only the same activity phrase matches it)
                words = [t.lemma if t.pos in {"VERB", "NOUN"} else t.lower for t in sorted(pc.subtree(), key=lambda t: t.i)
                         if t.pos not in {"DET", "PUNCT", "CCONJ"}]
                self.use_tree(pc)
                return (f"{p.lower}_activity", NP("ref", term=Const(pred_name("act", *words))), p)
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
                    out.append(self.relation_to(pred_name(a.lower, prep), np))
                    continue
                if a.kids():
                    if all(c.lower in lx.VERIDICAL_DEGREE_ADVERBS for c in a.kids()):
                        self.use_tree(a)
                    else:
                        raise Refused("complex adverb", a.span_text())
                self.use(a)
                out.append(self.atom_of(pred_name(a.lemma if not a.lemma.endswith("ly") else a.lower), "r"))
            else:
                # "every two years", "last week", "home": an opaque modifier of the event
                words = [n for n in sorted(a.subtree(), key=lambda n: n.i)]
                if any(w.lower in {"not", "no", "never"} for w in words):
                    raise Refused("negative adverbial", a.span_text())
                if any(w.pos == "PROPN" for w in words):
                    # "Bob met Tim." with Tim mis-parsed as an adverbial: a participant, not a modifier
                    raise Refused("name read as an adverbial", a.span_text())
                self.use_tree(a)
                out.append(self.atom_of(pred_name(*[w.lemma if w.pos != "NUM" else w.lower for w in words]), "r"))
        return out

    def copula_core(self, v: Node, subj: NP) -> Callable[[Term], Formula | None]:
        """λx. the predicate of "x is …": a noun, an adjective (or comparison), a place, another individual."""
        attr = v.kid("attr")
        acomp = v.kid("acomp")
        preps = v.kids("prep")
        oprd = v.kid("oprd")
        if attr is not None and acomp is not None and attr.lower in lx.UNITS and attr.kid("nummod") and \
                attr.i == acomp.i - 1 and acomp.lemma in lx.MEASURE_ADJECTIVES and not acomp.kids("npadvmod"):
            # "[1 m]attr [deep]acomp": the measure phrase of the adjective, as in "[2 m]npadvmod long"
            attr.attach(acomp, "npadvmod")
            attr = None
        if acomp is not None and acomp.pos == "ADJ" and acomp.lemma not in lx.INTERSECTIVE and \
                not acomp.kids("conj", "prep"):
            # "Ann is good [at chess]": the phrase the parser hung on "is" completes a non-intersective adjective
            # (it is no "good" by itself)
            for p in [p for p in preps if p.i == acomp.i + 1]:
                p.attach(acomp, "prep")
            preps = v.kids("prep")
        parts: list[Callable[[Term], Formula | None]] = []
        cc, conj = v.kid("cc"), v.kid("conj")
        if attr is not None and cc is not None and conj is not None and cc.lower == "or" and not conj.kids() and \
                conj.tag in {"JJR", "RBR"} and attr.i < cc.i == conj.i - 1 and \
                (attr.lower in lx.UNITS or attr.pos == "NUM") and attr.kid("conj") is None:
            # "is [18 years] or older" parsed as two conjoined predicates: "or older" belongs to the measure
            cc.attach(attr, "cc")
            conj.attach(attr, "conj")
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
            if prep == "without":
                # "Ann is without a car": Ann has none, as in "a tenant without a car"
                parts.append(lambda x, np=np: self._lacking(np, x))  # type: ignore[misc]
                continue
            parts.append(self.relation_to(prep, np, indexed=True))
        for a in v.kids("advmod"):
            if a.lower in lx.EMPTY_ADVERBS:
                self.use(a)
            elif a.lower in {"here", "there", "outside", "inside", "outdoors", "indoors", "home", "away", "nearby",
                             "upstairs", "downstairs", "abroad", "asleep", "awake", "alone"}:
                self.use(a)
                parts.append(self.atom_of(pred_name(a.lower), "a", indexed=True))
            elif a.lower in lx.NON_VERIDICAL_ADVERBS:
                raise Refused("non-veridical adverb", f"'{a.text}'")
        if not parts:
            raise Refused("copula without a predicate", v.span_text())

        def body(x: Term) -> Formula | None:
            return conj_opt([p(x) for p in parts])

        self.last_vp = (v, body)
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
            return conj_opt([self.relation_to(prep, obj, indexed=True)(x) for prep, obj, _ in pps])

        if neg:
            with self.negation_scope():
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

    def adjective_predicate(self, a: Node, subj: NP) -> Callable[[Term], Formula | None]:
        """A predicative adjective: "x is red/tall/void", comparatives "taller than y", "as tall as y",
        measures "72 years old", coordinated adjectives."""
        from nesy.semantics.degrees import predicative

        return predicative(self, a, subj)

    def measure_object(self, v: Node) -> Callable[[Term, Term], Formula] | None:
        from nesy.semantics.degrees import verb_measure

        return verb_measure(self, v)


def _positive_of(v: Node) -> str | None:
    """The verb whose negation a transitive ``v`` means ("lacks X": "have"), or None."""
    if v.lemma in lx.NEGATIVE_VERBS and v.kid("dobj") is not None and not v.kid("prt"):
        return lx.NEGATIVE_VERBS[v.lemma]
    return None


def _bare_kind(n: Node, *, article: bool = False) -> bool:
    """A bare common noun, alone or with plain adjective/noun modifiers and an "of" complement that is itself bare:
    "damages", "legal advice", "duty of care". With ``article`` the noun is singular and has "a"/"an" ("a duty of
    confidentiality", "a permit"): the de dicto reading of an intensional verb's indefinite object."""
    if n.pos != "NOUN" or n.is_name:
        return False
    if article and n.tag != "NN":
        return False
    for c in n.children:
        if c.dep == "det" and article and c.lower in {"a", "an"} and not c.kids():
            continue
        if c.dep in {"amod", "compound"} and not c.kids() and c.pos in {"ADJ", "NOUN"}:
            continue
        if c.dep == "prep" and c.lower == "of" and c.i > n.i and len(c.children) == 1 and c.kids("pobj") \
                and _bare_kind(c.children[0]):
            continue
        return False
    return not article or n.kid("det") is not None


def _referential(n: Node) -> bool:
    """A noun phrase that refers (a name, a pronoun, a possessive or a definite description), so that its
    existence does not hang on an intensional verb; coordinated phrases must all refer."""
    det = n.kid("det")
    own = n.is_name or n.pos == "PRON" or n.kid("poss") is not None or (
        det is not None and det.lower in {"the", "this", "that", "these", "those"})
    return own and all(_referential(c) for c in n.kids("conj"))


def _with_causer(f: Formula, event: str, x: Term, c: EventRules, tense: str) -> Formula | None:
    """``f`` with causer(e, x) added to the event of predicate ``event``, in the tense of the causing verb (None
    if there is no such event)."""
    from nesy.logic.fol import And, Atom

    done = False

    def go(g: Formula) -> Formula:
        nonlocal done
        if done:
            return g
        if isinstance(g, Exists) and isinstance(g.body, And) and any(
                isinstance(a, Atom) and a.pred == event and a.args[:1] == (g.var,) for a in g.body.args):
            done = True
            args = [a for a in g.body.args if not (isinstance(a, Atom) and a.pred in {"pres", "past", "fut"}
                                                   and a.args == (g.var,))]
            if tense in {"pres", "past", "fut"} and c.reading != "scene":
                args.append(c.rigid(tense, "t", g.var))
            return Exists(g.var, And((*args, c.rigid("causer", "r", g.var, x))))
        if isinstance(g, And):
            return And(tuple(go(a) for a in g.args))
        if isinstance(g, Exists):
            return Exists(g.var, go(g.body))
        return g

    out = go(f)
    return out if done else None
