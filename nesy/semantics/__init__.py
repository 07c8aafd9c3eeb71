"""English → meaning → first-order formulas: the one path from text to logic.

``Reader.read(premises, hypothesis, reading=...)`` parses the sentences with spaCy (:mod:`.syntax`), composes
their meaning in one discourse (:mod:`.compose`: events and roles, quantifiers, adjectives and degrees,
modality, reference) and returns first-order formulas plus the background axioms the meaning needs
(:mod:`.quantifiers`). A sentence the semantics cannot represent faithfully is refused with the construction
named; nothing is approximated into something stronger.

Readings (:data:`nesy.types.Reading`): ``classical`` (user rule text), ``scene`` (image captions: the hypothesis's
indefinites may be the premise's individuals; tense is ignored), ``directional`` (RuleTaker rule text, read by
the rule grammar :mod:`nesy.semantics.rules`).

Example:
    >>> m = Reader().read(["A girl is playing a violin in the park."], "A girl is playing a violin.")  # doctest: +SKIP
    >>> print(m.hypothesis)  # doctest: +SKIP
    ∃x1 (girl(x1) ∧ ∃x2 (violin(x2) ∧ ∃e3 (play(e3) ∧ pres(e3) ∧ agent(e3, x1) ∧ theme(e3, x2))))
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from typing import Any

from nesy.errors import FormulaLimitError, ParseError
from nesy.logic.fol import Formula, Not, check_shape, conj
from nesy.semantics.compose import Composer
from nesy.semantics.quantifiers import gq_axioms, negative_prefixes, possession, seriality, unique_names
from nesy.semantics.syntax import Node, load_spacy, parse_sentences, strip_frames
from nesy.semantics.terms import Refused

__all__ = ["Reader", "Meaning", "load_spacy"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Meaning:
    """What a problem's text says, in logic.

    Attributes:
        premises: One formula per premise (the conjunction of its sentences), None where it was refused.
        hypothesis: The hypothesis formula, or None when refused or absent.
        errors: Premise index → why it was refused (index -1: the hypothesis).
        refused: Premise index → the construction that was refused (for coverage counts).
        background: Axioms the meaning needs (names, generalised quantifiers, modal frames), with citations.
        surface: How the text wrote each constant and predicate, for proofs.
        pos: The part of speech each predicate came from ("n", "v", "a"; "r" roles, "p" prepositions).
        reading: The reading used.
    """

    premises: tuple[Formula | None, ...]
    hypothesis: Formula | None
    errors: dict[int, str]
    refused: dict[int, str]
    background: tuple[tuple[Formula, str], ...]
    surface: dict[str, str] = field(default_factory=dict)
    pos: dict[str, str] = field(default_factory=dict)
    reading: str = "classical"

    def to_dict(self) -> dict[str, Any]:
        return {
            "premises": [None if f is None else str(f) for f in self.premises],
            "hypothesis": None if self.hypothesis is None else str(self.hypothesis),
            "errors": {str(k): v for k, v in self.errors.items()},
            "refused": {str(k): v for k, v in self.refused.items()},
            "background": [[str(f), t] for f, t in self.background],
            "reading": self.reading,
        }


class Reader:
    """Reads English into first-order logic (see the module docstring).

    Args:
        nlp: A spaCy pipeline; the packaged English one by default.
        cache_size: How many parsed sentences to keep.
    """

    def __init__(self, *, nlp: Any = None, cache_size: int = 20_000,
                 known_noun: Callable[[str], bool] | None = None) -> None:
        self._nlp = nlp
        self.known_noun = known_noun
        self._trees: OrderedDict[str, list[Node]] = OrderedDict()
        self.cache_size = cache_size

    @property
    def nlp(self) -> Any:
        if self._nlp is None:
            self._nlp = load_spacy()
        return self._nlp

    def trees(self, texts: Sequence[str]) -> list[list[Node]]:
        todo = [t for t in dict.fromkeys(texts) if t not in self._trees]
        if todo:
            for t, roots in zip(todo, parse_sentences(todo, self.nlp)):
                self._trees[t] = roots
            while len(self._trees) > self.cache_size:
                self._trees.popitem(last=False)
        return [self._trees[t] for t in texts]

    def read(self, premises: Sequence[str], hypothesis: str | None = None, *, reading: str = "classical",
             rules: Collection[int] = ()) -> Meaning:
        """Read premises and hypothesis in one discourse under ``reading`` (``classical`` or ``scene``).

        ``rules`` holds the (0-based) premises that are statements of a rule base: there an indefinite subject
        with a restrictive modifier states a rule in the present simple ("A patient whose temperature is over 38
        has a fever"), where a description would mean one individual ("A man who lives next door plays the
        violin")."""
        if reading not in ("classical", "scene"):
            from nesy.errors import ConfigError

            raise ConfigError(f"Unknown reading {reading!r} for the compositional reader. Choose one of: "
                              "classical, scene (directional rule text is read by nesy.semantics.rules).")
        from nesy.limits import check_text

        texts = list(premises) + ([hypothesis] if hypothesis else [])
        for k, t in enumerate(texts):
            check_text(t, "The hypothesis" if hypothesis and k == len(texts) - 1 else f"Premise {k + 1}")
        framed = [strip_frames(t) for t in texts]
        all_trees = self.trees([inner for inner, _ in framed])
        lower = frozenset(n.lower for roots in all_trees for r in roots for n in r.subtree()
                          if n.text[:1].islower() and n.pos in {"NOUN", "PROPN"})
        comp = Composer(reading, known_noun=self.known_noun, lowercase_words=lower)
        out: list[Formula | None] = []
        errors: dict[int, str] = {}
        refused: dict[int, str] = {}
        hyp: Formula | None = None
        for k, (text, roots) in enumerate(zip(texts, all_trees)):
            is_hyp = hypothesis is not None and k == len(texts) - 1 and bool(hypothesis)
            idx = -1 if is_hyp else k
            comp.rule_statement = k in rules and not is_hyp
            try:
                if not roots:
                    raise Refused("empty text", "nothing to read")
                negated = framed[k][1]
                forms = [self._sentence(comp, r, is_hyp, negated) for r in roots]
                whole = conj(forms)
                f: Formula | None = Not(whole) if negated else whole
                check_shape(whole, what=f"The formula of {'the hypothesis' if is_hyp else f'premise {k + 1}'}")
            except Refused as err:
                f = None
                errors[idx] = f"Cannot read {text.strip()[:100]!r} into logic: {err}."
                refused[idx] = err.construction
            except FormulaLimitError as err:
                f = None
                errors[idx] = str(err)
                refused[idx] = "formula size"
            except RecursionError:
                f = None
                errors[idx] = f"Cannot read {text.strip()[:100]!r} into logic: it is nested too deeply."
                refused[idx] = "nesting"
            if is_hyp:
                hyp = f
            else:
                out.append(f)
        if hypothesis is None or not hypothesis:
            pass
        background = [*unique_names(comp.discourse.name_constants()), *seriality(comp.modal_flavours)]
        background += gq_axioms(comp.gq_atoms, [c for c, _, _ in comp.concepts.values()])
        background += negative_prefixes(p for p, kind in comp.pos.items() if kind == "a")
        background += possession(comp.pos)
        background += list(comp.background.values())
        return Meaning(tuple(out), hyp, errors, refused, tuple(background), dict(comp.discourse.surface),
                       dict(comp.pos), reading)

    def _sentence(self, comp: Composer, root: Node, hypothesis: bool, negated: bool) -> Formula:
        """One sentence; when the parser's analysis is refused and the sentence starts with a capitalised common
        word, the analysis of the same words with that word in lower case is tried ("Statins lower cholesterol":
        the tagger reads a capitalised plural as a name and "lower" as an adjective)."""
        state = comp.discourse.snapshot()
        if _mistagged_reduced_relative(root):
            # "A [patient]amod [taking]compound methotrexate …": the reduced relative written out is parsed as one
            expanded = _expand_reduced_relative(" ".join(n.text for n in sorted(root.subtree(), key=lambda n: n.i)))
            alt = self.trees([expanded])[0] if expanded is not None else []
            if len(alt) == 1:
                try:
                    return comp.sentence(alt[0], hypothesis=hypothesis, embedded=negated)
                except Refused:
                    comp.discourse.restore(state)
        try:
            return comp.sentence(root, hypothesis=hypothesis, embedded=negated)
        except Refused as original:
            comp.discourse.restore(state)
            try:
                return self._retry(comp, root, hypothesis, negated)
            except Refused:
                comp.discourse.restore(state)
                raise original from None

    def _retry(self, comp: Composer, root: Node, hypothesis: bool, negated: bool) -> Formula:
        text = " ".join(n.text for n in sorted(root.subtree(), key=lambda n: n.i))
        expanded = None if _mistagged_reduced_relative(root) else _expand_reduced_relative(text)  # tried already
        if expanded is not None:
            # "A patient taking methotrexate must not …", which the small parser mis-tags: the same words with the
            # reduced relative written out ("a patient that is taking methotrexate") mean the same
            alt = self.trees([expanded])[0]
            if len(alt) == 1:
                try:
                    return comp.sentence(alt[0], hypothesis=hypothesis, embedded=negated)
                except Refused:
                    pass
        return self._retry_lowercase(comp, root, hypothesis, negated)

    def _retry_lowercase(self, comp: Composer, root: Node, hypothesis: bool, negated: bool) -> Formula:
        if True:
            first = min(root.subtree(), key=lambda n: n.i)
            text = " ".join(n.text for n in sorted(root.subtree(), key=lambda n: n.i))
            if not (first.text[:1].isupper() and first.text[1:2].islower() and first.pos in {"NOUN", "PROPN", "ADJ"}):
                raise Refused("retry", "")
            from nesy.semantics.names import name_gender

            if name_gender(first.text):
                raise Refused("retry", "")
            alt = self.trees([first.text[:1].lower() + text[1:]])[0]
            if len(alt) != 1:
                raise Refused("retry", "")
            return comp.sentence(alt[0], hypothesis=hypothesis, embedded=negated)

    def parse(self, sentence: str, *, reading: str = "classical") -> Formula:
        """One sentence as a formula; raises ParseError when it is refused (or is no readable text)."""
        from nesy.errors import InputError

        try:
            m = self.read([sentence], None, reading=reading)
        except InputError as err:
            raise ParseError(str(err)) from None
        if m.premises[0] is None:
            raise ParseError(m.errors.get(0, f"Cannot read {sentence!r}."))
        return m.premises[0]


#: -ing nouns that are no reduced relative after a noun ("a patient morning dose").
_ING_NOUNS = frozenset("""morning evening building ceiling meeting wedding thing something anything nothing everything
king ring spring string wing sibling offspring pudding painting clothing lodging bedding housing funding feeling
warning training setting hearing ruling filing billing dressing bleeding swelling""".split())
_DETS = frozenset({"a", "an", "the", "every", "each", "any", "no", "all", "some"})


def _expand_reduced_relative(text: str) -> str | None:
    """"A patient taking X …" → "A patient that is taking X …" (the first determiner + noun + -ing word with
    something after it); None when there is no such phrase."""
    words = text.split(" ")
    for i in range(2, len(words) - 1):
        w, noun, det = words[i].lower(), words[i - 1], words[i - 2].lower()
        if w.endswith("ing") and len(w) > 5 and w.isalpha() and w not in _ING_NOUNS and det in _DETS and \
                noun.isalpha() and noun.islower() and noun not in _ING_NOUNS and words[i + 1].isalpha():
            be = "are" if det == "all" or (noun.endswith("s") and det in {"the", "some", "no"}) else "is"
            return " ".join([*words[:i], "that", be, *words[i:]])
    return None


def _mistagged_reduced_relative(root: Node) -> bool:
    """A person noun and an -ing word both parsed as modifiers of the next noun ("a [patient]amod [taking]compound
    lithium …"): a person noun before an -ing word heads a reduced relative."""
    from nesy.semantics import lexicon as lx

    nodes = {n.i: n for n in root.subtree()}
    return any(n.lower.endswith("ing") and n.dep in {"compound", "amod"} and (p := nodes.get(n.i - 1)) is not None
               and p.dep in {"compound", "amod"} and p.lower in lx.PERSON_NOUNS_HINT for n in nodes.values())
