"""Taxonomic claims in definitional English, decided by the knowledge graph.

Lexical-semantics benchmarks (and glossaries) state word-sense relations in fixed phrasings:

* "fill is best characterized as a kind or type of device (or contrivance), defined as '…'" — X is a kind of Y;
* "a specific type of crochet is double crochet (or double stitch) event, defined as '…'" — Y is a kind of X;
* "a guitar is a kind of instrument", "oak is a type of tree" — the plain form.

The parenthesised words are the other lemmas of the intended sense of Y, so they pin one synset without
glosses; "event" marks a verb sense. The claim is entailed when that synset is a WordNet hypernym of a sense
of the specific word (any number of steps). A claim about a word that the premise uses is about the sense used
there; a missing link decides nothing (the graph is incomplete), so only ENTAILMENT is ever concluded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nesy.kg.retriever import KgEvidence, Retriever

__all__ = ["KindClaim", "read_kind_claim", "decide_kind_claim"]

_SENSE = r"(?P<{n}>[^()',]+?)(?: \((?:or )?(?P<{n}_syn>[^()]*)\))?(?P<{n}_event> event)?"
_BEST = re.compile(r"^\s*,?\s*(?P<x>[^,]+?) is best characterized as a kind or type of "
                   + _SENSE.format(n="y") + r"\s*(?:,\s*defined as '.*')?\s*\.?\s*$", re.I | re.S)
_SPECIFIC = re.compile(r"^\s*a specific type of (?P<y>[^,]+?) is " + _SENSE.format(n="x")
                       + r"\s*(?:,\s*defined as '.*')?\s*\.?\s*$", re.I | re.S)
_PLAIN = re.compile(r"^\s*(?:an? |the )?(?P<x>[a-z][a-z \-]*?) (?:is|are) (?:an? )?(?:kind|type|sort|form)s? of "
                    r"(?:an? )?(?P<y>[a-z][a-z \-]*?)\s*\.?\s*$", re.I)
_ARTICLE = re.compile(r"^(?:an?|the) ", re.I)


@dataclass(frozen=True, slots=True)
class KindClaim:
    """``specific`` is a kind of ``general``; ``*_synonyms`` are the other lemmas of the intended sense."""

    specific: str
    general: str
    pos: str  # "n" or "v"
    specific_synonyms: tuple[str, ...] = ()
    general_synonyms: tuple[str, ...] = ()


def _key(text: str) -> str:
    return _ARTICLE.sub("", text.strip()).lower().replace(" ", "_")


def _syns(text: str | None) -> tuple[str, ...]:
    return tuple(_key(s) for s in (text or "").split(",") if s.strip())


def read_kind_claim(hypothesis: str) -> KindClaim | None:
    """The taxonomic claim a hypothesis makes, or None when it is not in one of the definitional forms."""
    m = _BEST.match(hypothesis)
    if m:
        return KindClaim(_key(m["x"]), _key(m["y"]), "v" if m["y_event"] else "n",
                         general_synonyms=_syns(m["y_syn"]))
    m = _SPECIFIC.match(hypothesis)
    if m:
        return KindClaim(_key(m["x"]), _key(m["y"]), "v" if m["x_event"] else "n",
                         specific_synonyms=_syns(m["x_syn"]))
    m = _PLAIN.match(hypothesis)
    if m:
        return KindClaim(_key(m["x"]), _key(m["y"]), "n")
    return None


def _pinned(retriever: Retriever, lemma: str, synonyms: tuple[str, ...], pos: str) -> list[str]:
    """Senses of ``lemma``; when synonyms are given, only the senses that have all of them as lemmas."""
    senses = retriever.kg.senses(lemma, 99, pos)
    if not synonyms:
        return senses
    return [s for s in senses if set(synonyms) <= set(retriever.kg.lemmas_of(s))]


def decide_kind_claim(retriever: Retriever, premise: str, claim: KindClaim) -> KgEvidence | None:
    """The hypernym path that makes the claim true, or None (undecided).

    One of the two words must occur in the premise (the claim is about its use there) — by lemma, so
    "hydrated" in the claim matches "hydrated" or "hydrate" in the premise.
    """
    if not claim.specific or not claim.general or claim.specific == claim.general:
        return None
    pdoc = retriever.doc(premise)
    words = {t.lower_ for t in pdoc} | {t.lemma_.lower() for t in pdoc}

    def used(term: str) -> bool:
        toks = [t for t in retriever.doc(term.replace("_", " ")) if not t.is_punct]
        return bool(toks) and all(t.lower_ in words or t.lemma_.lower() in words for t in toks)

    if not used(claim.specific) and not used(claim.general):
        return None
    spec_doc = retriever.doc(claim.specific.replace("_", " "))
    specific = claim.specific
    if not retriever.kg.has_lemma(specific):
        specific = "_".join(t.lemma_.lower() for t in spec_doc)
    lower = _pinned(retriever, specific, claim.specific_synonyms, claim.pos)
    upper = set(_pinned(retriever, claim.general, claim.general_synonyms, claim.pos))
    if not lower or not upper:
        return None
    up = retriever.hypernym_closure(lower, retriever.max_hops * 2)
    hits = [(len(path), s) for s, path in up.items() if s in upper and len(path) > 1]
    if not hits:
        return None
    return retriever.hypernym_evidence(specific, claim.general, up[min(hits)[1]])
