"""Discourse: who the noun phrases of a text refer to, across its sentences.

Names ("Dr. Okafor", "Okafor"), definite descriptions ("the will"), indefinites of the premises ("a man" introduces
an individual) and pronouns ("she") are resolved here to terms. Names are one constant per person (titles
stripped, a shortened name joins the unique longer one); a definite description joins the most recent individual
of its kind (head noun and stated modifiers) or introduces one; a pronoun takes the nearest compatible antecedent
(number, gender, person or thing). The discourse also records the facts a proof needs to render its terms
("c_man1" is "a man").
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from nesy.logic.fol import Const, Term, Var
from nesy.semantics import lexicon as lx

__all__ = ["Referent", "Discourse"]


@dataclass
class Referent:
    """An individual the text has introduced."""

    term: Term
    head: str  # head noun lemma ("" for names)
    mods: frozenset[str] = frozenset()
    gender: str | None = None  # "male" / "female" / None (unknown)
    person: bool | None = None  # True person, False thing, None unknown
    number: str = "sg"
    name: str = ""  # surface form
    kind: str = "indef"  # "name", "def", "indef", "var"
    sentence: int = 0
    hypothesis: bool = False
    subject: bool = False  # introduced as the subject of its clause (more salient for pronouns)


@dataclass
class Discourse:
    """The referents of one problem, in order of mention."""

    referents: list[Referent] = field(default_factory=list)
    names: dict[str, Const] = field(default_factory=dict)
    surface: dict[str, str] = field(default_factory=dict)
    counter: int = 0
    sentence: int = 0
    in_hypothesis: bool = False

    def snapshot(self) -> tuple[list[Referent], dict[str, Const], dict[str, str]]:
        """The referents, names and surface forms now (copies), for :meth:`restore` after a refused reading."""
        return [copy.copy(r) for r in self.referents], dict(self.names), dict(self.surface)

    def restore(self, state: tuple[list[Referent], dict[str, Const], dict[str, str]]) -> None:
        """Back to a :meth:`snapshot`: a sentence that was refused leaves no referents behind (the counter of fresh
        constants keeps counting, so names stay unique)."""
        refs, names, surface = state
        self.referents = [copy.copy(r) for r in refs]
        self.names = dict(names)
        self.surface = dict(surface)

    def fresh_const(self, stem: str) -> Const:
        self.counter += 1
        return Const(f"{stem or 'x'}{self.counter}")

    def add(self, ref: Referent) -> Referent:
        ref.sentence = self.sentence
        ref.hypothesis = self.in_hypothesis
        self.referents.append(ref)
        if isinstance(ref.term, Const) and ref.name:
            self.surface.setdefault(ref.term.name, ref.name)
        return ref

    def drop_bound(self, start: int) -> None:
        """Forget the variables bound since position ``start`` (their quantifier's scope has ended); individuals
        named or described definitely there stay."""
        self.referents[start:] = [r for r in self.referents[start:] if r.kind != "var"]

    def touch(self, term: Term, subject: bool = False) -> None:
        """A referent mentioned again: it becomes the most recent (and, as a subject, the most salient)."""
        for k in range(len(self.referents) - 1, -1, -1):
            r = self.referents[k]
            if r.term == term:
                if r.kind == "var":
                    r.subject = r.subject or subject
                    return
                del self.referents[k]
                r.sentence = self.sentence
                r.subject = subject
                self.referents.append(r)
                return

    # ------------------------------------------------------------------ names
    def name(self, words: list[str], surface: str, gender: str | None, titled: bool = False) -> Const:
        """The constant of a proper name (title-stripped words, lower case)."""
        key = "_".join(words)
        if key in self.names:
            c = self.names[key]
        else:
            # a shortened or lengthened form of a person's name already used ("Okafor" / "Chidi Okafor"); places
            # and organisations are not shortened that way ("Guinea" is not "Papua New Guinea")
            matches = {c for k, c in self.names.items()
                       if _name_parts_match(k.split("_"), words) and self._personal(k, c, words, gender or titled)}
            if len(matches) == 1:
                c = matches.pop()
            else:
                c = Const(key)
            self.names[key] = c
        if not any(r.term == c for r in self.referents):
            self.add(Referent(c, "", gender=gender, person=True if gender or titled else None, name=surface,
                              kind="name"))
        else:
            for r in self.referents:
                if r.term == c and gender and not r.gender:
                    r.gender = gender
        self.surface.setdefault(c.name, surface)
        return c

    def _personal(self, key: str, c: Const, words: list[str], person: object) -> bool:
        from nesy.semantics.names import name_gender

        longer = key.split("_") if len(key.split("_")) > len(words) else words
        if not 2 <= len(longer) <= 3:
            return False
        known = bool(person) or any(r.term == c and (r.gender or r.person) for r in self.referents)
        return known or name_gender(longer[0]) is not None

    def name_constants(self) -> list[Const]:
        return sorted(set(self.names.values()), key=lambda c: c.name)

    # ------------------------------------------------------------------ definites
    def definite(self, head: str, mods: frozenset[str], plural: bool = False, exact: bool = False) -> Referent | None:
        """The most recent referent with this head noun whose stated modifiers include ``mods`` (equal them,
        with ``exact``: a hypothesis's "the plate" is not the premise's "the dessert plate" in the classical
        reading); None if none, or if two different ones match equally (ambiguous: the caller introduces a new
        individual)."""
        def fits(r: Referent) -> bool:
            return r.head == head and (mods == r.mods if exact and not r.hypothesis else mods <= r.mods)

        bound = [r for r in self.referents if fits(r) and r.kind == "var"]
        if bound:
            # "If someone signs a contract …, the contract is voidable": the individual the rule quantifies over
            return bound[-1]
        cands = [r for r in self.referents if fits(r) and r.kind != "var" and (r.number == "pl") == plural]
        if not cands:
            return None
        distinct = {r.term for r in cands}
        if len(distinct) == 1:
            return cands[-1]
        same = {r.term for r in cands if r.mods == mods}
        if len(same) == 1:
            return next(r for r in reversed(cands) if r.term in same)
        return None

    def scene_antecedent(self, head: str) -> Referent | None:
        """Scene reading: the unique premise individual with this head noun, for a hypothesis indefinite."""
        cands = {r.term: r for r in self.referents if not r.hypothesis and r.head == head and r.kind in ("indef", "def")
                 and isinstance(r.term, Const) and r.number == "sg"}
        return next(iter(cands.values())) if len(cands) == 1 else None

    # ------------------------------------------------------------------ pronouns
    def pronoun(self, gender: str | None, number: str, exclude: set[Term] | None = None,
                bound_only: bool = False) -> Referent | None:
        """The nearest antecedent compatible with a pronoun's gender ("male", "female", "thing" or None) and
        number; ``exclude`` holds terms that cannot be meant (the clause's own subject, for a non-reflexive)."""
        exclude = exclude or set()
        fits = [r for r in reversed(self.referents) if self._fits(r, gender, number, exclude, bound_only)]
        if not fits and gender is None and number == "pl":
            # singular "they" ("A patient gives a gift to their doctor"): a person of unstated gender, only where
            # no plural antecedent is there to be meant
            fits = [r for r in reversed(self.referents) if r.term not in exclude and r.number == "sg"
                    and r.gender is None and (r.person is True or r.head in lx.PERSON_NOUNS_HINT)
                    and not (bound_only and not isinstance(r.term, Var))]
        if not fits:
            return None
        # Candidates in the current and the previous sentence: the only one; else the one whose gender is known
        # to match; else the nearest subject (the most salient); two subjects or none: ambiguous (None: refused).
        recent = [r for r in fits if r.sentence >= self.sentence - 1] or fits[:1]
        terms = list(dict.fromkeys(r.term for r in recent))
        if len(terms) == 1:
            return recent[0]
        # a variable bound in this sentence (the indefinite of a rule's condition: "Patients taking a drug must stop
        # it") is nearer than any individual of an earlier sentence
        local = list(dict.fromkeys(r.term for r in recent if r.sentence == self.sentence and r.kind == "var"))
        if len(local) == 1 and all(r.sentence < self.sentence or r.term == local[0] for r in recent):
            return next(r for r in recent if r.term == local[0])
        if gender in ("male", "female"):
            known = list(dict.fromkeys(r.term for r in recent if r.gender == gender))
            if len(known) == 1:
                return next(r for r in recent if r.term == known[0])
        subjects = [r for r in recent if r.subject]
        if subjects and (len(subjects) == 1 or subjects[0].sentence > subjects[1].sentence or
                         subjects[0].term == subjects[1].term):
            return subjects[0]
        return None

    @staticmethod
    def _fits(ref: Referent, gender: str | None, number: str, exclude: set[Term], bound_only: bool) -> bool:
        for r in [ref]:
            if r.term in exclude or (bound_only and not isinstance(r.term, Var)):
                continue
            if gender == "thing":
                if r.person is True or r.gender in ("male", "female"):
                    continue
                if r.number != "sg":
                    continue
            elif gender in ("male", "female"):
                if r.gender not in (None, gender) or r.person is False or r.number != "sg":
                    continue
                if r.gender is None and r.person is not True and r.kind != "name" and r.head not in ("", "person"):
                    continue
            elif number == "pl":
                # "they": a plural antecedent, or a generic/universal individual ("every patient … they")
                if r.number != "pl" and r.kind != "var":
                    continue
            return True
        return False


def _name_parts_match(a: list[str], b: list[str]) -> bool:
    """Whether one name is the other's first or last word(s): "okafor" ~ "chidi_okafor"."""
    if a == b:
        return True
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    if len(short) >= len(long_):
        return False
    return long_[: len(short)] == short or long_[-len(short):] == short
