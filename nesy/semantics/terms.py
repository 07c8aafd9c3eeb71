"""Building blocks shared by the construction modules: refusals, noun-phrase meanings, formula helpers."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from nesy.logic.fol import And, Atom, Formula, Term, conj, disj

__all__ = ["Refused", "NP", "Mod", "Prop", "conj_opt", "disj_opt", "pred_name", "lazy"]

#: λx. φ(x) — a property; None stands for "true" (no condition).
Prop = Callable[[Term], "Formula | None"]


class Refused(Exception):
    """A construction the semantics cannot represent faithfully; the sentence is refused, never approximated."""

    def __init__(self, construction: str, detail: str = "") -> None:
        super().__init__(f"{construction}{': ' + detail if detail else ''}")
        self.construction = construction
        self.detail = detail


@dataclass(frozen=True)
class Mod:
    """A noun modifier: the property it adds, the key a later definite description must match ("tall_man",
    "with_no_shirt"), and whether it is privative (a "former nurse" is no nurse: the head noun is dropped)."""

    fn: Prop
    key: str = ""
    privative: bool = False

    def __call__(self, x: Term) -> Formula | None:
        return self.fn(x)


@dataclass
class NP:
    """The meaning of a noun phrase: a generalised quantifier over its restriction.

    ``kind``: ``ref`` (a term: name, definite, pronoun, bound variable), ``some``, ``every``, ``any`` (existential
    under negation and in conditional antecedents, universal elsewhere), ``no``, ``count`` (``op`` ``n``:
    "at least three"), ``gq`` (most/many/few: ``gq``), ``bare`` (bare plural or mass noun: generic subject of a
    present-tense rule, existential elsewhere), ``and``/``or`` (coordination of ``parts``).
    """

    kind: str
    restr: Prop | None = None
    term: Term | None = None
    head: str = ""
    mods: frozenset[str] = frozenset()
    number: str = "sg"
    op: str = "≥"
    n: int = 1
    gq: str = ""
    parts: tuple[NP, ...] = ()
    person: bool | None = None
    gender: str | None = None
    surface: str = ""
    tokens: frozenset[int] = field(default_factory=frozenset)
    restr_generic: Prop | None = None  # the restriction a quantified rule uses ("big people": big(x), see
    # Composer.common_np); None: the same as ``restr``
    distributive: bool = False
    article: bool = False  # determiner "a"/"an": a singular subject that may state a rule ("A tenant must pay");
    # "some"/"one"/"a certain" never do
    definite: bool = False  # from a definite description (never a generic)  # "each": "each X is not Y" can only mean that none is
    node: Any = None  # for kind "lazy": the noun phrase is built when applied, so that its pronouns see the
    # individuals introduced before it in the sentence ("A woman is combing her hair")


def lazy(node: Any) -> NP:
    return NP("lazy", node=node)


def conj_opt(parts: Sequence[Formula | None]) -> Formula | None:
    real = [p for p in parts if p is not None]
    return conj(real) if real else None


def disj_opt(parts: Sequence[Formula | None]) -> Formula | None:
    if any(p is None for p in parts):
        return None  # one disjunct is "true"
    return disj(list(parts)) if parts else None  # type: ignore[arg-type]


def flatten(f: Formula) -> list[Formula]:
    return list(f.args) if isinstance(f, And) else [f]


_NAME = re.compile(r"[^a-z0-9_]+")


def pred_name(*words: str) -> str:
    """A predicate name from lemmas: lower case, ``_`` between words, nothing but [a-z0-9_]."""
    name = "_".join(_NAME.sub("", w.lower().replace("-", "_").replace(" ", "_")) for w in words if w)
    name = re.sub(r"_+", "_", name).strip("_")
    if not name:
        raise Refused("empty word", "a predicate needs a name")
    if name[0].isdigit():
        name = "n" + name
    return name


def atom(pred: str, *args: Term) -> Atom:
    return Atom(pred, tuple(args))
