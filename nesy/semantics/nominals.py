"""Noun phrases: determiners and quantifiers, numerals, adjectives by class, compounds, prepositional phrases,
relative and reduced relative clauses, partitives, coordination and predicate nominals.

Each noun phrase becomes an :class:`~nesy.semantics.terms.NP` — a generalised quantifier over its restriction —
that :meth:`~nesy.semantics.quantifiers.QuantifierRules.apply` applies to a scope. Adjectives: intersective ("red
car": red(x) ∧ car(x)), subsective by default ("small whale": small__whale(x) ∧ whale(x)), non-subsective
("former mayor": former__mayor(x), and no mayor(x)).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from fractions import Fraction

from nesy import limits
from nesy.logic.fol import (
    And,
    Cmp,
    Const,
    Eq,
    Exists,
    ForAll,
    Formula,
    Implies,
    Not,
    Num,
    Term,
    negate,
)
from nesy.semantics import lexicon as lx
from nesy.semantics.base import (
    _NUMERAL_MOD_WORDS,
    _REL_PRONOUNS,
    _REPRESENTATION_NOUNS,
    MAX_COUNT,
    _colour,
    _mark,
    _participle_lemma,
)
from nesy.semantics.reference import ReferenceRules
from nesy.semantics.syntax import Node
from nesy.semantics.terms import NP, Mod, Prop, Refused, conj_opt, disj_opt, pred_name

__all__ = ["NominalRules"]

logger = logging.getLogger(__name__)


class NominalRules(ReferenceRules):
    """Rules for noun phrases."""

    def np(self, n: Node) -> NP:
        """The meaning of the noun phrase headed by ``n``."""
        self.np_readings = getattr(self, "np_readings", 0) + 1
        if self.np_readings > limits.MAX_NP_READINGS:
            # an ordinary sentence reads a few dozen noun phrases; thousands mean the readings multiply
            raise Refused("too complex", f"more than {limits.MAX_NP_READINGS} noun-phrase readings "
                          "(nesy.limits.MAX_NP_READINGS)")
        out = self._np(n)
        if out.kind == "ref" and out.term is not None:
            self.ref_terms[n.i] = out.term  # for binding constraints on later pronouns of the clause
        return out

    def _np(self, n: Node) -> NP:
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
            return NP("bare", restr=self._atom_mod(pred_name(n.lemma), "a"), head="", number="sg")
        if n.pos not in {"NOUN", "PROPN"} and not (n.pos == "ADJ" and n.kid("det")):
            if n.pos == "PRON":
                raise Refused("pronoun", f"'{n.text}'")
            if lower in lx.DETERMINERS and n.kid("prep") is not None:
                return self.partitive(n)
            raise Refused("noun phrase", f"'{n.text}' ({n.pos})")
        return self.common_np(n)

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
        poss = obj.kid("poss")
        if poss is not None and not obj.plural:
            raise Refused("partitive possessive", of.span_text())
        self.use(obj)
        if poss is None:
            return self.common_np(obj, skip_det=True)
        # "each of their clients", "one of Ann's dogs": the owner's things of that kind, not one referent
        poss.detach()
        try:
            inner = self.common_np(obj, skip_det=True)
        finally:
            poss.attach(obj, "poss")
        return self.possessive(obj, poss, inner, None, refer=False)

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
        mod_keys = frozenset(m.key for m in mods if isinstance(m, Mod)) - {""}
        gender = "male" if n.lower in lx.MALE_NOUNS or head in lx.MALE_NOUNS else (
            "female" if n.lower in lx.FEMALE_NOUNS or head in lx.FEMALE_NOUNS else None)
        person = True if (gender or head in lx.PERSON_NOUNS_HINT or head in lx.PERSON_HEADS) else None
        number = "pl" if n.plural else "sg"

        privative = any(isinstance(m, Mod) and m.privative for m in mods)
        if privative:
            # "a former nurse", "a toy gun": not a nurse, not a gun — and not "the nurse" of later sentences
            head_pred = next(m.key for m in mods if isinstance(m, Mod) and m.privative)

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
                op, k_n = count
                return NP(**{**base.__dict__, "kind": "count", "op": op, "n": k_n})
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
            op, k_n = count
            if kind in {"the", "the_pl"}:
                # "the three doctors": at least that many (the definite adds uniqueness we do not assert)
                return NP(**{**base.__dict__, "kind": "count", "op": "≥", "n": k_n})
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
            return NP(**{**base.__dict__, "kind": "some", "article": det.lower in {"a", "an"}})
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
        if kind in {"no_two", "either"}:
            # "neither/either dog": one of two dogs the context supplies, not every dog there is
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
                out.append(self.relation_to(pred_name(c.lower, prep), np))
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
                    out.append(self._without_mod(np))
                    continue
                # the key a definite or a caption's indefinite must match: preposition, object's determiner and noun
                pobj = c.kid("pobj")
                obj_det = pobj.kid("det") if pobj is not None else None
                key = "_".join(x for x in (prep, obj_det.lower if obj_det is not None and obj_det.lower in
                                               {"no", "every", "all", "few", "most"} else "",
                                           pobj.lemma if pobj is not None else "") if x)
                out.append(Mod(self._having(np) if prep == "with" else self._pp_mod(prep, np), key))
            elif c.dep == "relcl":
                out.append(self.relative(c, n))
            elif c.dep == "acl":
                out.append(self.reduced_relative(c))
            elif c.dep == "appos":
                ap = self.np(c)
                if ap.kind in {"some", "bare"} and ap.restr is not None:
                    out.append(ap.restr)
                elif ap.kind == "ref" and ap.term is not None:
                    out.append(self.equal_to(ap.term))
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

    def _without_mod(self, np: NP) -> Prop:
        return lambda x: self._lacking(np, x)

    def _lacking(self, np: NP, x: Term) -> Formula | None:
        with self.negation_scope():
            f = self.apply(np if np.kind != "bare" else NP(**{**np.__dict__, "kind": "some"}),
                           lambda t: self._has(x, t))
        return negate(self._req(f))

    def _has(self, x: Term, t: Term) -> Formula:
        """x has t: the event "Ann has a fever" states (untensed, as a noun's modifier is)."""
        e = self.var("e")
        return Exists(e, And((self.pred("have", "v", e), self.rigid("agent", "r", e, x),
                              self.rigid("theme", "r", e, t))))

    def _having(self, np: NP) -> Prop:
        """"a patient with a fever" is a patient who has a fever ("without": who has none)."""
        def fn(x: Term) -> Formula | None:
            return self.apply(np, lambda t: self._has(x, t))

        return fn

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
            if value is None or dim != "calendar":
                raise Refused("age", a.text)
            years = (value * factor + offset) / 12

            def aged(x: Term) -> Formula:
                return Cmp("=", self.measure("age", x), Num(years))

            return [aged]
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
                return [self._atom_mod(name, "a")]
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
            return [self._atom_mod(name, "a", privative=True)]
        if lemma in lx.INTERSECTIVE or not head:
            name = pred_name(lemma)
        else:
            name = pred_name(lemma, "_", head)
        out.append(self._atom_mod(name, "a"))
        for adv in advs:
            out.append(self._atom_mod(pred_name(adv.lower, name), "a", keyed=False))
        return out

    def _atom_mod(self, name: str, kind: str, privative: bool = False, keyed: bool = True) -> Mod:
        """A modifier that is one predicate of x (its name is its key)."""
        def fn(x: Term) -> Formula:
            return self.rigid(name, kind, x)

        return Mod(fn, name if keyed else "", privative)

    def _pp_mod(self, prep: str, np: NP) -> Prop:
        def fn(x: Term) -> Formula | None:
            return self.apply(np, lambda t: self.rigid(prep, "p", x, t))

        return fn

    def compound(self, c: Node, n: Node, head: str) -> Callable[[Term], Formula | None]:
        """A noun compound: "tennis ball" is a ball and a tennis_ball; "toy gun" is only a toy_gun."""
        for g in c.children:
            if g.dep != "compound":
                raise Refused("compound", c.span_text())
        self.use_tree(c)
        words = [t.lemma if t.pos == "NOUN" else t.lower for t in sorted(c.subtree(), key=lambda t: t.i)]
        privative = any(w in lx.NON_SUBSECTIVE or w in _REPRESENTATION_NOUNS for w in words)
        return self._atom_mod(pred_name(*words, head), "n", privative=privative)

    def relative(self, r: Node, n: Node) -> Callable[[Term], Formula | None]:
        """A relative clause: "who is older than 70", "that the tenant signed", "whom Ann saw"."""
        rel = next((t for t in r.subtree() if t.lower in _REL_PRONOUNS and t.tag in {"WDT", "WP", "IN"}
                    and t.dep in {"nsubj", "nsubjpass", "dobj", "pobj", "attr", "dative"}), None)
        if rel is None:
            # "whose pulse is below 60": the relative pronoun is the possessor
            rel = next((t for t in r.subtree() if t.lower == "whose" and t.dep == "poss"), None)
        if rel is None and any(t.lower in {"whose", "where", "when", "why", "how"} for t in r.subtree()):
            raise Refused("relative clause", r.span_text())
        if rel is not None and rel.lower == "which" and rel.dep == "nsubj" and self._sentential_which(r, rel):
            raise Refused("sentential relative", f"', {r.span_text()}' may be about the whole clause")
        last = max((t.i for t in self.tokens.values() if t.pos != "PUNCT"), default=-1)
        for a in r.kids("advcl"):
            if a.i > r.i and _mark(a) in {"if", "unless", "when", "whenever", "provided"} and \
                    max(t.i for t in a.subtree()) >= last:
                # "… a woman who could become pregnant unless she is on a programme": the sentence-final clause may
                # belong to the relative clause or to the whole sentence
                raise Refused("attachment", f"'{a.span_text()}' may condition the relative clause or the sentence")
        if rel is not None and rel.dep == "pobj" and rel.parent is not None and rel.parent.parent is r and \
                r.lemma == "be" and rel.parent.i < r.i and r.kid("acomp") is not None and \
                not r.kid("acomp").kids("prep"):  # type: ignore[union-attr]
            # "anything to which they are allergic": the fronted preposition is the adjective's complement
            rel.parent.attach(r.kid("acomp"), "prep")  # type: ignore[arg-type]

        def body(x: Term) -> Formula | None:
            reading = self.__dict__.setdefault("_relatives_open", set())
            if r.i in reading:
                # the clause came back to its own noun phrase ("the stairs, which are outdoors" read the stairs
                # again from inside the clause): refused at once instead of recursing until the depth limit
                raise Refused("relative clause", f"'{r.span_text()}' refers back to itself")
            reading.add(r.i)
            try:
                return inner_body(x)
            finally:
                reading.discard(r.i)

        def inner_body(x: Term) -> Formula | None:
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

    def _sentential_which(self, r: Node, rel: Node) -> bool:
        """", which surprised Ann": after a comma, a "which" whose verb (or predicate adjective) can be said of a
        fact may be about the whole preceding clause rather than the noun the parser attached it to."""
        comma = self.tokens.get(rel.i - 1)
        if comma is None or comma.text != ",":
            return False
        if r.lemma in lx.FACT_SUBJECT_VERBS:
            return True
        pred = r.kid("acomp") or r.kid("attr")
        return r.lemma == "be" and pred is not None and pred.lemma in lx.FACT_PREDICATES

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
        to = a.kid("aux")
        if a.tag == "VB" and to is not None and to.lower == "to" and a.kid("nsubj", "nsubjpass") is None and \
                not any(t.lower in lx.PRONOUNS or t.lower in {"not", "no", "never"} or t.tag in {"WDT", "WP", "WRB"}
                        or t.pos in {"NUM", "PROPN"} for t in a.subtree()):
            # "a notice to quit", "a contract to sell stolen goods", "a promise to make a gift": what the noun is
            # for, named as a whole (the act is not asserted to happen; only the same phrase matches it)
            words = [t.lemma if t.pos in {"VERB", "NOUN", "AUX"} else t.lower for t in sorted(a.subtree(), key=lambda t: t.i)
                     if t.pos not in {"DET", "PUNCT", "CCONJ", "PART"} and t is not to]
            self.use_tree(a)
            act = Const(pred_name("act", *words))
            return lambda x: self.rigid("to_activity", "p", x, act)
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
                    fns.append(self.equal_to(p.term))
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
