"""Adjectives in predicate position, comparatives and measures: degrees as Z3 arithmetic.

* "x is red" → red(x); "x is very tall" → tall(x) ∧ very_tall(x); "x is allergic to y" → allergic_to(x, y)
  (and allergic(x) for an intersective adjective);
* "x is taller than y" → height(x) > height(y); "lighter than" → weight(x) < weight(y) (never light(x));
  "as tall as" → ≥; "more intelligent than" → intelligent-degree >; "2 cm taller than y" → height(x) = height(y) + 0.02;
* measures: "x is 72 years old" → age(x) = 72; "older than 70" → age(x) > 70; "x is over 65" (a person) → age(x) > 65;
  "weighs 80 kg" → weight(x) = 80; "drove 130 km/h" → speed(e) = 130; "drove faster than 120 km/h" → speed(e) > 120.

Units are normalised to one base unit per dimension (:data:`nesy.semantics.lexicon.UNITS`), so "2 hours" and
"120 minutes" are the same duration; a comparison across dimensions (kilograms against metres) is refused.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import TYPE_CHECKING

from nesy.logic.fol import And, Arith, Cmp, Formula, Not, Num, NumTerm, Term
from nesy.semantics import lexicon as lx
from nesy.semantics.syntax import Node
from nesy.semantics.terms import NP, Refused, conj_opt, disj_opt, pred_name

if TYPE_CHECKING:
    from nesy.semantics.nominals import NominalRules as Composer

__all__ = ["predicative", "verb_measure", "quantity", "copula_measure", "copula_quantity", "measured_np"]

_COMPARING_VERBS = {"exceed": ">", "surpass": ">", "top": ">", "reach": "≥", "equal": "="}
_SITUATING_PREPS = {"in", "on", "at", "during", "inside", "outside", "near", "before", "after", "since", "until",
                    "throughout", "within", "under", "over", "behind", "beside", "around"}
_BOUND_PREPS = {"over": ">", "above": ">", "under": "<", "below": "<", "beyond": ">"}

_OPS_UP = {"more": ">", "less": "<"}
_FLIP = {">": "<", "<": ">", "≥": "≤", "≤": "≥", "=": "=", "≠": "≠"}


def _degree(lemma: str) -> tuple[str, int]:
    lemma = lx.IRREGULAR_COMPARATIVES.get(lemma, lemma)
    return lx.DEGREE.get(lemma, (f"degree_{lemma}", 1))


def quantity(c: Composer, n: Node) -> tuple[str, Fraction] | None:
    """A measure phrase headed by ``n``: "130 kmh", "80 kg", "72 years", "a month", "5 dollars", "38.5 celsius",
    "4000 euros a month" (a rate), or a bare number ("70": dimension ""). Consumes its tokens except the words of
    a numeral modifier ("at least 10 hours": see :func:`_numeral_op`); None if ``n`` is no measure."""
    mods = _NUMERAL_WORDS
    if n.pos == "NUM" or lx.number_value(n.text) is not None and n.pos not in {"NOUN", "PROPN"}:
        v = lx.number_value(n.text)
        if v is None:
            return None
        kids = [k for k in n.kids() if (k.lower not in mods or k.kids()) and k.i not in c.consumed]
        if kids:
            unit = [k for k in kids if k.lower in lx.UNITS]
            if len(unit) == 1 and len(kids) == 1:
                c.use(n, unit[0])
                dim, factor, offset = lx.UNITS[unit[0].lower]
                return dim, v * factor + offset
            return None
        c.use(n)
        return "", v
    unit_word = n.lower
    if unit_word not in lx.UNITS:
        return None
    nums = [k for k in n.kids("nummod", "quantmod", "compound") if lx.number_value(k.text) is not None]
    det = n.kid("det")
    used: list[Node]
    if not nums and det is not None and det.lower in {"a", "an", "one"}:
        value: Fraction | None = Fraction(1)  # "a month", "an hour"
        used = [det]
    elif len(nums) == 1 and all(k.lower in mods for k in nums[0].subtree() if k is not nums[0]):
        value = lx.number_value(nums[0].text)
        used = [nums[0]]
    else:
        return None
    rate = ""
    extra = [k for k in n.children if k not in used and k.dep not in {"punct"} and k not in nums
             and k.i not in c.consumed and not all(w.lower in mods for w in k.subtree())]
    for k in list(extra):
        # "4000 euros a month", "500 mg per day": a rate
        per = k if k.dep == "npadvmod" and k.lower in lx.UNITS else None
        pobj = k.kid("pobj")
        if k.dep == "prep" and k.lower == "per" and pobj is not None and pobj.lower in lx.UNITS:
            per = pobj
            c.use(k)
        if per is None or [g for g in per.children if g.lower not in {"a", "an", "per", "each", "every"}]:
            return None
        c.use_tree(per)
        rate = "_per_" + lx.UNITS[per.lower][0]
        extra.remove(k)
    if extra or value is None:
        return None
    c.use(n, *used)
    dim, factor, offset = lx.UNITS[unit_word]
    return dim + rate, value * factor + offset


_NUMERAL_WORDS = frozenset({w for key in lx.NUMERAL_MODIFIERS for w in key})


def _measure_dim(adj_dim: str, unit_dim: str) -> str:
    """The dimension of a comparison: the adjective's, checked against the unit's."""
    if not unit_dim:
        return adj_dim
    compatible = {"age": {"calendar"}, "height": {"length"}, "length": {"length"}, "width": {"length"},
                  "depth": {"length"}, "thickness": {"length"}, "distance": {"length"}, "weight": {"mass"},
                  "speed": {"speed"}, "temperature": {"temperature"}}
    if adj_dim in compatible:
        if unit_dim not in compatible[adj_dim]:
            raise Refused("unit mismatch", f"{adj_dim} measured in {unit_dim}")
        return adj_dim
    return f"{adj_dim}_{unit_dim}"  # currencies, durations, rates: one dimension per unit family


def _value(dim: str, unit_dim: str, v: Fraction) -> Fraction:
    if dim == "age" and unit_dim == "calendar":
        return v / 12  # calendar units count months; ages are in years
    if dim == "age" and unit_dim == "":
        return v
    return v


def predicative(c: Composer, a: Node, subj: NP) -> Callable[[Term], Formula | None]:
    """λx. what "x is <adjective phrase>" says."""
    c.use(a)
    more_op = None
    if a.kids("npadvmod") and a.lemma in lx.MEASURE_ADJECTIVES:
        more_op = or_more(c, a)  # "18 years old or older"
    conjs = [k for k in a.kids("conj") if k.i not in c.consumed]
    if conjs:
        cc = a.kid("cc")
        word = cc.lower if cc is not None else "and"
        c.use(cc, a.kid("preconj"))
        for k in conjs:
            k.detach()
        try:
            first = predicative(c, a, subj)
            rest = [predicative(c, k, subj) for k in conjs]
        finally:
            for k in conjs:
                k.attach(a, "conj")
        if word == "or":
            def either(x: Term) -> Formula | None:
                with c.embedded():
                    return disj_opt([first(x), *(r(x) for r in rest)])
            return either
        if word not in {"and", "but"}:
            raise Refused("coordination", f"'{word}'")
        return lambda x: conj_opt([first(x), *(r(x) for r in rest)])
    if a.pos not in {"ADJ", "VERB", "ADV", "NOUN"} and not a.lower.endswith("_old"):
        raise Refused("predicate", f"'{a.text}' ({a.pos})")
    if a.lower.endswith("_old"):
        raise Refused("age", a.text)
    if a.lower == "worth":
        return _worth(c, a)
    than = next((p for p in a.kids("prep") if p.lower == "than"), None)
    as_ = next((p for p in a.kids("prep") if p.lower == "as"), None)
    advs = a.kids("advmod")
    lemma = a.lemma if a.pos == "ADJ" else a.lower
    comparative = a.tag in {"JJR", "RBR"} or lemma in lx.IRREGULAR_COMPARATIVES and a.lower in {"better", "worse"}
    more = next((d for d in advs if d.lower in {"more", "less"}), None)
    as_adv = next((d for d in advs if d.lower == "as"), None)
    npadv = a.kids("npadvmod")
    # ------------------------------------------------------------ comparatives
    if comparative or more is not None:
        if than is None:
            raise Refused("comparative without 'than'", f"'{a.text}'")
        dim, sign = _degree(a.lower if a.lower in lx.IRREGULAR_COMPARATIVES else lemma)
        op = ">" if sign > 0 else "<"
        if more is not None:
            c.use(more)
            if more.lower == "less":
                op = _FLIP[op]
        diff = _difference(c, npadv, dim)
        return _compare(c, a, than, dim, op, diff)
    if as_adv is not None and as_ is not None:
        c.use(as_adv)
        factor = Fraction(1)
        for d in [*as_adv.kids(), *npadv]:
            val = {"twice": Fraction(2), "thrice": Fraction(3), "half": Fraction(1, 2)}.get(d.lower)
            if val is None:
                raise Refused("equative", f"'{d.text} as {a.text} as'")
            c.use_tree(d)
            factor = val
        dim, sign = _degree(lemma)
        op = "≥" if sign > 0 else "≤"
        return _compare(c, a, as_, dim, op, None, factor)
    if than is not None or as_ is not None:
        raise Refused("comparison", a.span_text())
    # ------------------------------------------------------------ measures: "72 years old", "180 cm tall"
    if npadv and lemma in lx.MEASURE_ADJECTIVES:
        if len(npadv) != 1:
            raise Refused("measure", a.span_text())
        q = quantity(c, npadv[0])
        if q is None:
            raise Refused("measure", npadv[0].span_text())
        udim, value = q
        dim = _measure_dim(lx.MEASURE_ADJECTIVES[lemma], udim)
        op = more_op if more_op is not None else _numeral_op(c, npadv[0])
        val = _value(dim, udim, value)
        return lambda x: Cmp(op, c.measure(dim, x), Num(val))
    # ------------------------------------------------------------ plain adjectives
    name = pred_name(lemma)
    extra: list[Callable[[Term], Formula | None]] = []
    for d in advs:
        if d.lower in lx.NON_VERIDICAL_ADVERBS or d.lower in {"not", "never"}:
            raise Refused("adjective modifier", f"'{d.text} {a.text}'")
        if d.lower in lx.EMPTY_ADVERBS:
            c.use(d)
            continue
        if d.lower not in lx.VERIDICAL_DEGREE_ADVERBS:
            raise Refused("adjective modifier", f"'{d.text} {a.text}'")
        c.use(d)
        extra.append(c.atom_of(pred_name(d.lower, name), "a", indexed=True))
    rels: list[Callable[[Term], Formula | None]] = []
    situated = False
    for p in a.kids("prep"):
        prep, obj, _ = c.pp(p)
        if prep in _SITUATING_PREPS and lemma in lx.INTERSECTIVE:
            # "open on Sundays", "asleep in the car": the state and where/when it holds, as if the phrase modified
            # the whole predicate (the parser attaches it either way); only for intersective adjectives: "good at
            # chess" is no "good"
            rel, situated = prep, True
        else:
            rel = pred_name(lemma, prep)  # a complement: "allergic to penicillin", "afraid of dogs"
            if obj.kind == "lazy" and lemma in lx.KIND_ADJECTIVES:
                obj = c.np(obj.node)  # type: ignore[arg-type]
            if obj.kind == "bare" and lemma in lx.KIND_ADJECTIVES:
                # "allergic to penicillin", "afraid of dogs": about the kind, so about every portion or member
                obj = NP(**{**obj.__dict__, "kind": "every"})

        def relation(x: Term, rel: str = rel, obj: NP = obj) -> Formula | None:
            return c.apply(obj, lambda t: c.pred(rel, "a", x, t))

        rels.append(relation)
    for k in a.children:
        if k.dep not in {"advmod", "prep", "punct", "cc", "conj", "npadvmod", "neg"}:
            raise Refused("adjective complement", f"'{a.text} {k.text}' ({k.dep})")
        if k.dep == "npadvmod":
            raise Refused("adjective modifier", f"'{k.text} {a.text}'")
    plain = not rels or lemma in lx.INTERSECTIVE or situated
    negs = a.kids("neg")
    c.use(*negs)

    def body(x: Term) -> Formula | None:
        parts: list[Formula | None] = [c.pred(name, "a", x)] if plain else []
        parts.extend(r(x) for r in rels)
        parts.extend(e(x) for e in extra)
        f = conj_opt(parts)
        if f is not None and len(negs) % 2 == 1:  # "tall but not thin"
            return Not(f)
        return f

    return body


def _numeral_op(c: Composer, n: Node) -> str:
    """"over 70 years", "at least 18 years" → the comparison a numeral modifier makes (= without one)."""
    words = []
    for k in n.subtree():
        if k.i not in c.consumed and k is not n:
            words.append(k)
    start = min([n.i, *(k.i for k in n.subtree())])
    words += c.numeral_prefix(start)
    if not words:
        return "="
    key = tuple(w.lower for w in sorted(words, key=lambda t: t.i))
    if key not in lx.NUMERAL_MODIFIERS:
        raise Refused("numeral modifier", " ".join(key))
    for w in words:
        c.use(w)
    return lx.NUMERAL_MODIFIERS[key]


def _difference(c: Composer, npadv: list[Node], dim: str) -> NumTerm | None:
    if not npadv:
        return None
    if len(npadv) != 1:
        raise Refused("comparative", "several measure phrases")
    q = quantity(c, npadv[0])
    if q is None:
        if npadv[0].lower in {"much", "far", "a_lot", "lot"}:
            c.use_tree(npadv[0])
            return None
        raise Refused("comparative difference", npadv[0].span_text())
    udim, value = q
    dim2 = _measure_dim(dim, udim)
    if dim2 != dim:
        raise Refused("comparative difference", "unit and adjective do not match")
    return Num(_value(dim, udim, value))


def _compare(c: Composer, a: Node, p: Node, dim: str, op: str, diff: NumTerm | None,
             factor: Fraction = Fraction(1)) -> Callable[[Term], Formula | None]:
    """"than/as" + an individual (a noun phrase, maybe quantified) or a measure."""
    c.use(p)
    obj = p.kid("pobj")
    if obj is None or [k for k in p.children if k is not obj]:
        raise Refused("comparison", p.span_text())
    q = quantity(c, obj)
    if q is not None:
        udim, value = q
        dim2 = _measure_dim(dim, udim) if udim else dim
        val = _value(dim2, udim, value)
        if diff is not None:
            raise Refused("comparison", "a difference against a number")
        return lambda x: Cmp(op, c.measure(dim2, x), Num(val * factor))
    np = c.np(obj)

    def body(x: Term) -> Formula | None:
        def vs(y: Term) -> Formula:
            right: NumTerm = c.measure(dim, y)
            if factor != 1:
                right = Arith("*", Num(factor), right)
            if diff is not None:
                return Cmp("=", c.measure(dim, x), Arith("+" if op in {">", "≥"} else "-", right, diff))
            return Cmp(op, c.measure(dim, x), right)
        o = np if np.kind != "bare" else NP(**{**np.__dict__, "kind": "every"})
        return c.apply(o, vs)

    return body


def verb_measure(c: Composer, v: Node) -> Callable[[Term, Term], Formula] | None:
    """A measure a verb states of its event or subject: "weighs 80 kg", "costs 5 dollars", "drove 130 kmh",
    "drove at 130 kmh", "drove faster than 120 kmh", "lasted 3 hours". None when the verb states no measure."""
    lemma = v.lemma
    for p in v.kids("prep"):
        # "runs for 18 months", "lasted for three hours": how long the event lasted
        obj = p.kid("pobj")
        if p.lower == "for" and obj is not None and obj.lower in lx.UNITS and \
                lx.UNITS[obj.lower][0] in {"duration", "span", "calendar"}:
            m = _measure_of(c, [obj], "duration", True)
            if m is not None:
                c.use(p)
                return m
    if lemma in lx.MEASURE_VERBS and lx.MEASURE_VERBS[lemma] == "speed" and not any(
            k.lower in lx.UNITS and lx.UNITS[k.lower][0] == "speed" for k in v.subtree()):
        return None  # "runs a company": no speed
    if lemma in _COMPARING_VERBS:
        # "the temperature exceeds 40 celsius", "the dose must not exceed 4 g_per_day": the subject's measure
        obj = v.kid("dobj")
        if obj is None:
            return None
        q = quantity(c, obj)
        if q is None:
            return None
        udim, value = q
        if udim == "calendar":
            value = value / 12
        d = _THING_MEASURE.get(udim, udim) if udim else "value"
        op = _COMPARING_VERBS[lemma]

        def compare(e: Term, x: Term, d: str = d, op: str = op, value: Fraction = value) -> Formula:
            return Cmp(op, c.measure(d, x), Num(value))

        compare.stative = True  # type: ignore[attr-defined]
        return compare
    if lemma not in lx.MEASURE_VERBS:
        # "paid 800 euros", "received 2 litres": an amount of the event (the unit's dimension)
        obj = v.kid("dobj")
        if obj is None or obj.lower not in lx.UNITS or any(k.lower == "of" for k in obj.kids("prep")):
            return None
        return _measure_of(c, [obj], "amount", True)
    dim = lx.MEASURE_VERBS[lemma]
    on_event = dim in {"speed", "duration"}
    # comparative adverb: "faster than 120 kmh"
    for adv in v.kids("advmod"):
        if adv.tag in {"RBR", "JJR"}:
            than = next((p for p in adv.kids("prep") if p.lower == "than"), None)
            if than is None:
                return None
            adim, sign = _degree(adv.lemma if adv.lemma in lx.DEGREE else adv.lower.removesuffix("er"))
            obj = than.kid("pobj")
            if obj is None:
                return None
            q = quantity(c, obj)
            if q is None:
                return None
            c.use(adv, than)
            udim, value = q
            d = _measure_dim(adim, udim)
            op = ">" if sign > 0 else "<"
            return _bound(c, d, op, value, d == "speed")
    cands = [k for k in v.kids("dobj", "npadvmod", "attr")]
    for p in v.kids("prep"):
        if p.lower in {"at", "for"}:
            cands.extend(p.kids("pobj"))
    return _measure_of(c, cands, dim, on_event)


def _measure_of(c: Composer, cands: list[Node], dim: str, on_event: bool) -> Callable[[Term, Term], Formula] | None:
    for k in cands:
        q = quantity(c, k)
        if q is None:
            continue
        udim, value = q
        if k.parent is not None and k.parent.pos == "ADP":
            c.use(k.parent)
        d = _measure_dim(dim, udim) if udim else dim
        op = _numeral_op(c, k)
        return _bound(c, d, op, value, on_event)
    return None


def _bound(c: Composer, dim: str, op: str, value: Fraction, on_event: bool) -> Callable[[Term, Term], Formula]:
    """(e, x) ↦ the measure of the event e (``on_event``) or of x compared with ``value``."""
    def fn(e: Term, x: Term) -> Formula:
        return Cmp(op, c.measure(dim, e if on_event else x), Num(value))

    return fn


def copula_measure(c: Composer, p: Node, subj: NP | None, personish: bool = False) -> Callable[[Term], Formula | None] | None:
    """"x is over 65" / "under eighteen" / "below 30 ml_per_min": a bound on a measure of x. Without a unit the
    measure is a person's age (the subject must be a person or a name); None when ``p`` is no such phrase."""
    if p.lower not in _BOUND_PREPS:
        return None
    obj = p.kid("pobj")
    if obj is None or [k for k in p.children if k is not obj]:
        return None
    if not (obj.pos == "NUM" or obj.lower in lx.UNITS):
        return None
    q = quantity(c, obj)
    if q is None:
        return None
    udim, value = q
    if not udim and subj is not None and subj.head in lx.SCALAR_NOUNS:
        dim = "value"  # "whose INR is above 5": a unitless score or ratio
    elif not udim:
        if not (personish or (subj is not None and (subj.person or (subj.kind == "ref" and subj.head == "")
                                                      or subj.head in lx.PERSON_NOUNS_HINT))):
            raise Refused("bound without a unit", f"'{p.text} {obj.text}' of something that has no age")
        dim = "age"
    else:
        dim = _THING_MEASURE.get(udim, udim)
        if udim == "calendar":
            value = value / 12
    c.use(p)
    op = _BOUND_PREPS[p.lower]
    return lambda x: Cmp(op, c.measure(dim, x), Num(value))


#: A unit's dimension as the measure of a thing ("the dose is 500 mg": its mass).
_THING_MEASURE = {"calendar": "age", "mass": "weight", "length": "length", "temperature": "temperature",
                  "speed": "speed"}


def copula_quantity(c: Composer, attr: Node, subj: NP) -> Callable[[Term], Formula | None] | None:
    """"Dana is 16" (a person's age), "the speed limit is 100 kmh", "the dose is 500 mg_per_day": the subject's
    measure in the unit's dimension. None when ``attr`` is no measure."""
    if not (attr.pos == "NUM" or attr.lower in lx.UNITS):
        return None
    more = or_more(c, attr)
    q = quantity(c, attr)
    if q is None:
        return None
    udim, value = q
    op = more or _numeral_op(c, attr)
    if not udim and subj.head in lx.SCALAR_NOUNS:
        dim = "value"  # "the INR is 6.2", "her score is 12"
    elif not udim:
        if not (subj.person or (subj.kind == "ref" and subj.head == "") or subj.head in lx.PERSON_NOUNS_HINT):
            raise Refused("number without a unit", f"'{attr.text}' of something that has no age")
        dim = "age"
    else:
        dim = _THING_MEASURE.get(udim, udim)
        if udim == "calendar":
            value = value / 12
    return lambda x: Cmp(op, c.measure(dim, x), Num(value))


def measured_np(c: Composer, n: Node) -> NP | None:
    """"500 mg of paracetamol", "two litres of water": some of the stuff, with that measure. None when ``n`` is
    no unit noun with a number and an of-phrase."""
    if n.lower not in lx.UNITS:
        return None
    of = next((k for k in n.kids("prep") if k.lower == "of"), None)
    if of is None:
        return None
    of.detach()
    try:
        q = quantity(c, n)
        op = _numeral_op(c, n) if q is not None else "="
    finally:
        of.attach(n, "prep")
    if q is None:
        return None
    udim, value = q
    inner = c.partitive_of(of)
    r = inner.restr
    dim = _THING_MEASURE.get(udim, udim)

    def restr(y: Term) -> Formula | None:
        return conj_opt([r(y) if r else None, Cmp(op, c.measure(dim, y), Num(value))])

    return NP("some", restr=restr, head=inner.head, mods=inner.mods, number="sg")


def _worth(c: Composer, a: Node) -> Callable[[Term], Formula | None]:
    """"worth 7,500 dollars", "worth more than 325,000 dollars": the value of x."""
    c.use(a)
    for k in [*a.kids("npadvmod", "dobj", "attr", "pobj"), *[p.kid("pobj") for p in a.kids("prep") if p.kid("pobj")]]:
        if k is None:
            continue
        q = quantity(c, k)
        if q is None:
            continue
        udim, value = q
        op = _numeral_op(c, k)
        if k.parent is not None and k.parent.pos == "ADP":
            c.use(k.parent)
        return lambda x: Cmp(op, c.measure(f"value_{udim or 'number'}", x), Num(value))
    raise Refused("worth", a.span_text())


_OR_MORE = {"older": "≥", "more": "≥", "over": "≥", "above": "≥", "higher": "≥", "greater": "≥", "longer": "≥",
            "younger": "≤", "less": "≤", "fewer": "≤", "under": "≤", "below": "≤", "lower": "≤", "shorter": "≤"}


def or_more(c: Composer, n: Node) -> str | None:
    """"66 or older", "30 or more": the comparison "N or more" makes (consumes the words), else None."""
    conj = next((k for k in n.kids("conj") if k.lower in _OR_MORE and not k.kids()), None)
    cc = n.kid("cc")
    if conj is None or cc is None or cc.lower != "or":
        return None
    c.use(conj, cc)
    return _OR_MORE[conj.lower]


def aged(c: Composer, a: Node) -> Callable[[Term], Formula | None] | None:
    """"aged 72", "aged over 65", "aged between 70 and 79": a person's age."""
    if a.lemma != "age" or a.tag != "VBN":
        return None
    kids = a.children
    if len(kids) != 1:
        return None
    k = kids[0]
    if k.dep == "prep" and k.lower == "between":
        lo = k.kid("pobj")
        hi = next((g for g in lo.kids("conj")), None) if lo is not None else None
        cc = lo.kid("cc") if lo is not None else None
        if lo is None or hi is None or cc is None or cc.lower != "and":
            return None
        a1, b1 = lx.number_value(lo.text), lx.number_value(hi.text)
        if a1 is None or b1 is None:
            return None
        c.use(a, k, lo, hi, cc)
        return lambda x: And((Cmp("≥", c.measure("age", x), Num(a1)), Cmp("≤", c.measure("age", x), Num(b1))))
    measured = copula_measure(c, k, None, True) if k.dep == "prep" else None
    if measured is not None:
        c.use(a)
        return measured
    q = quantity(c, k) if k.dep in {"npadvmod", "dobj", "attr", "oprd", "nummod"} else None
    if q is None:
        return None
    udim, value = q
    if udim == "calendar":
        value = value / 12
    op = _numeral_op(c, k)
    c.use(a)
    return lambda x: Cmp(op, c.measure("age", x), Num(value))
