"""Link text to the graph and classify the relation paths between premise and hypothesis concepts.

For a premise/hypothesis pair the retriever finds, for each hypothesis concept that the
premise does not already mention, its relation to each premise concept:

* ``entailing`` — synonym, or the premise concept is a kind of the hypothesis concept
  (specific → general, up to ``max_hops`` hypernym links): "guitar" → "instrument";
* ``reverse`` — general → specific: "instrument" → "guitar";
* ``excluding`` — antonyms ("hot"/"cold"), or exclusive co-hyponyms under this rule:
  the most frequent noun senses of both words are distinct hyponyms, at most two levels
  below, of a common hypernym that lies at least ``min_exclusion_depth`` levels below
  WordNet's root and is not a kind of person (people hold several roles at once: an essayist
  can be a biographer), and neither word is a synonym or hypernym of the other ("cat"/"dog",
  "red"/"yellow"). Exclusion is the riskiest inference here, hence these limits;
* ``related`` — part/member holonymy or adjective similarity.

Only the ``max_senses`` most frequent senses of the premise word are followed, which is
what keeps "dog" (animal) from reaching "frump" (a dull woman).
"""

from __future__ import annotations

import functools
import logging
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

from nesy.kg.graph import KnowledgeGraph, lemma_key
from nesy.logic.fol import Atom, ForAll, Formula, Iff, Implies, Not, Var, predicates
from nesy.trace import ProofStep

__all__ = ["KgEvidence", "Retriever", "EvidenceKind"]

logger = logging.getLogger(__name__)

EvidenceKind = Literal["entailing", "reverse", "excluding", "related"]
_CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ"}
_STOP_LEMMAS = {"be", "have", "do", "thing", "one", "something", "someone", "get", "go", "make"}


@dataclass(frozen=True, slots=True)
class KgEvidence:
    """A relation path between a premise concept and a hypothesis concept.

    Attributes:
        premise_term, hypothesis_term: The linked lemmas.
        relation: ``synonym``, ``hypernym``, ``hyponym``, ``antonym``, ``cohyponym``, ``part_of``, ``similar``…
        kind: How it bears on entailment: entailing, reverse, excluding, related.
        path: Node names along the path (lemmas and synsets).
        relations: Edge relations along the path.
        source: Where the edges come from (e.g. ``WordNet 3.0``).
        score: Confidence in (0, 1]; shorter paths and more frequent senses score higher.
        edge_ids: Identifiers of the edges used.
    """

    premise_term: str
    hypothesis_term: str
    relation: str
    kind: EvidenceKind
    path: tuple[str, ...]
    relations: tuple[str, ...]
    source: str
    score: float
    edge_ids: tuple[str, ...] = ()

    def text(self) -> str:
        p, h = self.premise_term.replace("_", " "), self.hypothesis_term.replace("_", " ")
        return {
            "synonym": f"{p} means the same as {h}",
            "hypernym": f"{p} is a kind of {h}",
            "hyponym": f"{h} is a kind of {p}",
            "antonym": f"{p} is the opposite of {h}",
            "cohyponym": f"{p} and {h} are different kinds of {self.path[len(self.path) // 2].split('.')[0].replace('_', ' ')}",
            "excludes": f"{p} and {h} exclude each other",
            "part_of": f"{p} is part of {h}",
            "member_of": f"{p} is a member of {h}",
            "similar": f"{p} is similar to {h}",
            "entails": f"{p} entails {h}",
        }.get(self.relation, f"{p} is related to {h}")

    def to_step(self) -> ProofStep:
        return ProofStep(kind="kg", text=self.text(), source=self.source, edge_id=";".join(self.edge_ids) or None,
                         score=self.score)

    def to_dict(self) -> dict[str, Any]:
        return {"premise_term": self.premise_term, "hypothesis_term": self.hypothesis_term,
                "relation": self.relation, "kind": self.kind, "path": list(self.path),
                "relations": list(self.relations), "source": self.source, "score": self.score,
                "edge_ids": list(self.edge_ids)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> KgEvidence:
        return cls(d["premise_term"], d["hypothesis_term"], d["relation"], d["kind"], tuple(d["path"]),
                   tuple(d["relations"]), d["source"], float(d["score"]), tuple(d.get("edge_ids", ())))


class Retriever:
    """Finds :class:`KgEvidence` between texts, and turns it into logic axioms.

    Args:
        kg: The graph; the shipped WordNet graph is loaded lazily when omitted.
        max_hops: Longest hypernym chain followed.
        max_senses: Most frequent senses of a premise word that are followed.
        min_exclusion_depth: How far below the root a common hypernym must be for exclusion.
    """

    def __init__(self, kg: KnowledgeGraph | None = None, *, max_hops: int = 8, max_senses: int = 1,
                 min_exclusion_depth: int = 5, nlp: Any = None, target_senses: int = 99) -> None:
        self._kg = kg
        self.max_hops = max_hops
        self.max_senses = max_senses
        #: a hypernym must be one of the target word's ``target_senses`` most frequent senses
        self.target_senses = target_senses
        self.min_exclusion_depth = min_exclusion_depth
        self._nlp = nlp
        self.relation = functools.lru_cache(maxsize=100_000)(self._relation)  # type: ignore[method-assign]
        #: spaCy analysis of a text, shared by linking and lexical alignment (each pair needs both).
        self.doc = functools.lru_cache(maxsize=4096)(lambda text: self.nlp(text))
        #: linked concepts of a text, shared by :meth:`evidence` and :meth:`novelty` (each pair needs both)
        self.concepts_of = functools.lru_cache(maxsize=4096)(lambda text: tuple(self.concepts(self.doc(text))))

    @property
    def kg(self) -> KnowledgeGraph:
        if self._kg is None:
            self._kg = KnowledgeGraph.load()
        return self._kg

    @property
    def nlp(self) -> Any:
        if self._nlp is None:
            from nesy.logic.english import load_spacy

            self._nlp = load_spacy()
        return self._nlp

    # ---------------------------------------------------------------- linking
    def concepts(self, doc: Any) -> list[str]:
        """Concept lemmas of a spaCy doc: multiword expressions in the graph first, then content words."""
        kg = self.kg
        out: list[str] = []
        covered: set[int] = set()
        toks = list(doc)
        for n in (3, 2):
            for i in range(len(toks) - n + 1):
                span = toks[i:i + n]
                if any(t.i in covered for t in span) or not any(t.pos_ in _CONTENT_POS for t in span):
                    continue
                key = lemma_key(" ".join([t.lower_ for t in span[:-1]] + [span[-1].lemma_.lower()]))
                if kg.has_lemma(key):
                    out.append(key)
                    covered.update(t.i for t in span)
        for t in toks:
            if t.i in covered or t.pos_ not in _CONTENT_POS:
                continue
            lemma = t.lemma_.lower()
            if lemma in _STOP_LEMMAS or not lemma.isalpha():
                continue
            out.append(lemma if kg.has_lemma(lemma) or not kg.has_lemma(t.lower_) else t.lower_)
        return list(dict.fromkeys(out))

    # ---------------------------------------------------------------- relations
    def hypernym_closure(self, synsets: Iterable[str], hops: int) -> dict[str, tuple[str, ...]]:
        """Synsets reachable from ``synsets`` by at most ``hops`` hypernym links, each with its path (start first)."""
        seen: dict[str, tuple[str, ...]] = {s: (s,) for s in synsets}
        queue = deque(seen)
        while queue:
            s = queue.popleft()
            if len(seen[s]) > hops:
                continue
            for v, _ in self.kg.neighbours(s, "hypernym"):
                if v not in seen:
                    seen[v] = seen[s] + (v,)
                    queue.append(v)
        return seen

    @functools.lru_cache(maxsize=50_000)  # noqa: B019 - bounded, per-instance use is intended
    def depth(self, synset: str) -> int:
        """Shortest number of hypernym links from ``synset`` up to a root."""
        frontier, d, seen = [synset], 0, {synset}
        while frontier and d < 30:
            nxt: list[str] = []
            for s in frontier:
                parents = [v for v, _ in self.kg.neighbours(s, "hypernym")]
                if not parents:
                    return d
                nxt.extend(p for p in parents if p not in seen)
                seen.update(parents)
            frontier, d = nxt, d + 1
        return d

    #: Facets of person nouns that WordNet records as hypernyms: a noun under male/female states a sex, one
    #: under adult/juvenile an age. Role nouns ("journalist", "accountant") state neither.
    PERSON_FACETS: ClassVar[dict[str, tuple[str, ...]]] = {
        "sex": ("s:male.n.02", "s:female.n.02"), "age": ("s:adult.n.01", "s:juvenile.n.01")}

    def person_facets(self, lemma: str) -> dict[str, str | None] | None:
        """For a noun whose first sense is a person: the sex/age synset it states (None = unstated).

        None when the noun is not a person. WordNet leaves some sexed compounds without a sex
        ("businessman"), so a compound of a word and "man"/"woman" ("business|man", "police|woman") takes the sex
        of its last part ("German", "shaman", "human" are no compounds).
        """
        senses = self.kg.senses(lemma, 1, "n")
        if not senses:
            return None
        up = self.hypernym_closure(senses[:1], 30)
        if "s:person.n.01" not in up:
            return None
        out = {facet: next((s for s in values if s in up), None) for facet, values in self.PERSON_FACETS.items()}
        key = lemma_key(lemma)
        for suffix, sex in (("woman", "s:female.n.02"), ("women", "s:female.n.02"), ("man", "s:male.n.02"),
                            ("men", "s:male.n.02")):
            stem = key[: -len(suffix)].rstrip("_-")
            if out["sex"] is None and key.endswith(suffix) and len(stem) >= 4 and self.kg.has_lemma(stem):
                out["sex"] = sex
                break
        return out

    def hypernym_evidence(self, a: str, b: str, path: tuple[str, ...]) -> KgEvidence:
        """Entailing evidence "``a`` is a kind of ``b``" along ``path``, synsets from a sense of ``a`` up to one of ``b``."""
        kg = self.kg
        return KgEvidence(a, b, "hypernym", "entailing", (a, *[x[2:] for x in path], b),
                          ("sense", *(["hypernym"] * (len(path) - 1)), "sense"), "WordNet 3.0",
                          round(1.0 / (1 + 0.1 * len(path)), 3),
                          tuple(kg.edge_id(path[k], "hypernym", path[k + 1]) for k in range(len(path) - 1)))

    def _relation(self, a: str, b: str, pos_a: str | None = None, pos_b: str | None = None) -> KgEvidence | None:
        """The relation from concept ``a`` to ``b``; ``pos_a``/``pos_b`` restrict their senses to a part of speech."""
        a, b = lemma_key(a), lemma_key(b)
        if a == b:
            return None
        kg = self.kg
        wa, wb = "w:" + a, "w:" + b
        src = "WordNet 3.0"
        # lemma-level edges (ConceptNet, triples, domain graphs, WordNet antonyms)
        if wa in kg.g and wb in kg.g.succ[wa]:
            rels = kg.g.succ[wa][wb]["rel"]
            source = kg.source_of(wa, wb)
            eid = (kg.edge_id(wa, rels[0], wb),)
            for rel, kind, name in (("synonym", "entailing", "synonym"), ("is_a", "entailing", "hypernym"),
                                    ("antonym", "excluding", "antonym"), ("excludes", "excluding", "excludes"),
                                    ("entails", "entailing", "entails"), ("part_of", "related", "part_of"),
                                    ("member_of", "related", "member_of"), ("similar", "related", "similar"),
                                    ("related", "related", "related")):
                if rel in rels:
                    return KgEvidence(a, b, name, kind, (a, b), (rel,), source, 0.9, eid)  # type: ignore[arg-type]
        if wb in kg.g and wa in kg.g.succ[wb] and "is_a" in kg.g.succ[wb][wa]["rel"]:
            return KgEvidence(a, b, "hyponym", "reverse", (a, b), ("is_a",), kg.source_of(wb, wa), 0.9,
                              (kg.edge_id(wb, "is_a", wa),))
        sa = kg.senses(a, self.max_senses, pos_a)
        sb_all = kg.senses(b, 99, pos_b)
        if not sa or not sb_all:
            return None
        # A synonym must share one of the target word's two most frequent senses ("visit" is not "see");
        # a hypernym may be any sense of the target: the premise word's ancestry picks it out.
        sb = set(sb_all)
        shared = [s for s in sa if s in set(kg.senses(b, 2, pos_b))]
        if shared:
            return KgEvidence(a, b, "synonym", "entailing", (a, shared[0][2:], b), ("sense", "sense"), src, 0.95,
                              (kg.edge_id(wa, "sense", shared[0]), kg.edge_id(wb, "sense", shared[0])))
        up_a = self.hypernym_closure(sa, self.max_hops)
        sb_hyper = set(kg.senses(b, self.target_senses, pos_b))
        hits = [(len(p), s) for s, p in up_a.items() if s in sb_hyper]
        if hits:
            _, s = min(hits)
            return self.hypernym_evidence(a, b, up_a[s])
        sb_top = kg.senses(b, self.max_senses, pos_b)
        up_b = self.hypernym_closure(sb_top, self.max_hops)
        hits = [(len(p), s) for s, p in up_b.items() if s in set(kg.senses(a, 99, pos_a))]
        if hits:
            _, s = min(hits)
            path = up_b[s]
            return KgEvidence(a, b, "hyponym", "reverse", (a, *[x[2:] for x in reversed(path)], b),
                              ("sense", *(["hypernym"] * (len(path) - 1)), "sense"), src,
                              round(1.0 / (1 + 0.1 * len(path)), 3))
        # WordNet antonyms between any senses' lemmas (lemma-level)
        for v, _ in kg.neighbours(wa, "antonym"):
            if v == wb:
                return KgEvidence(a, b, "antonym", "excluding", (a, b), ("antonym",), src, 0.9,
                                  (kg.edge_id(wa, "antonym", wb),))
        # exclusive co-hyponyms: first noun senses, common hypernym ≤ 2 levels up, deep enough
        na = kg.senses(a, 1, "n") if pos_a in (None, "n") else []
        nb = kg.senses(b, 1, "n") if pos_b in (None, "n") else []
        if na and nb and na[0] != nb[0]:
            ua, ub = self.hypernym_closure(na[:1], 2), self.hypernym_closure(nb[:1], 2)
            if na[0] not in ub and nb[0] not in ua:
                common = [s for s in ua if s in ub]
                common = [s for s in common if self.depth(s) >= self.min_exclusion_depth
                          and "s:person.n.01" not in self.hypernym_closure([s], 30)]
                if common:
                    c = min(common, key=lambda s: len(ua[s]) + len(ub[s]))
                    path = (a, *[x[2:] for x in ua[c]], *[x[2:] for x in reversed(ub[c][:-1])], b)
                    return KgEvidence(a, b, "cohyponym", "excluding", path, ("cohyponym",), src, 0.7)
        for rel in ("part_of", "member_of", "similar"):
            for s in sa:
                for v, _ in kg.neighbours(s, rel):
                    if v in sb:
                        return KgEvidence(a, b, rel, "related", (a, s[2:], v[2:], b), ("sense", rel, "sense"), src,
                                          0.6, (kg.edge_id(s, rel, v),))
        return None

    def novelty(self, premise: str | Sequence[str], hypothesis: str,
                evidence: Sequence[KgEvidence] | None = None) -> tuple[int, int]:
        """(hypothesis concepts, of which unsupported): neither in the premise nor reached from it by an
        entailing relation (synonym, more general word). Unsupported concepts are what NLI calls new information.
        """
        text = premise if isinstance(premise, str) else " ".join(premise)
        pc, hc = set(self.concepts_of(text)), list(dict.fromkeys(self.concepts_of(hypothesis)))
        if evidence is None:
            evidence = self.evidence(premise, hypothesis)
        supported = {e.hypothesis_term for e in evidence if e.kind == "entailing"}
        return len(hc), sum(1 for h in hc if h not in pc and h not in supported)

    def evidence(self, premise: str | Sequence[str], hypothesis: str) -> list[KgEvidence]:
        """Relations between the concepts of the premise(s) and the new concepts of the hypothesis."""
        text = premise if isinstance(premise, str) else " ".join(premise)
        pc, hc = self.concepts_of(text), self.concepts_of(hypothesis)
        out: list[KgEvidence] = []
        new = [h for h in hc if h not in pc]
        for h in new:
            for p in pc:
                ev = self.relation(p, h)
                if ev is not None:
                    out.append(ev)
        return sorted(out, key=lambda e: -e.score)

    # ---------------------------------------------------------------- logic
    def axiom(self, ev: KgEvidence, arity: int = 1) -> Formula | None:
        """The first-order axiom an evidence item licenses (None for related/reverse)."""
        x, y = Var("x"), Var("y")
        args: tuple[Var, ...] = (x,) if arity == 1 else (x, y)
        a, b = Atom(ev.premise_term, args), Atom(ev.hypothesis_term, args)

        def close(f: Formula) -> Formula:
            return ForAll(x, f) if arity == 1 else ForAll(x, ForAll(y, f))

        if ev.relation == "synonym":
            return close(Iff(a, b))
        if ev.kind == "entailing":
            return close(Implies(a, b))
        if ev.kind == "excluding":
            # written as a rule so that it also fires under directional (forward-only) semantics
            return close(Implies(a, Not(b)))
        return None

    def axioms_for(self, premises: Sequence[Formula], hypothesis: Formula,
                   pos: dict[str, str] | None = None) -> list[tuple[Formula, str]]:
        """Axioms linking predicates, with their citation text.

        Premise predicate → hypothesis predicate that the premises never mention: entailing
        and excluding axioms. Premise property → another premise property (so "Tom is a
        cat" meets "all animals are mortal"): entailing axioms between unary predicates only,
        so that world knowledge never adds a contradiction the premises did not state, nor
        rewires the relations (verbs) a rule base defines. ``pos`` gives each predicate's
        part of speech (from the parser), so "bitter" the adjective is not read as the beer.
        """
        pos = pos or {}

        def content(name: str) -> bool:
            # roles, prepositions, tense and modal frames, set membership are not words of the graph
            return pos.get(name, "n") in {"n", "v", "a"} and "__" not in name.replace("__not", "")

        pre: set[tuple[str, int]] = set()
        for f in premises:
            pre |= {(n.removesuffix("__not"), a) for n, a in predicates(f) if content(n.removesuffix("__not"))}
        hyp = {(n.removesuffix("__not"), a) for n, a in predicates(hypothesis) if content(n.removesuffix("__not"))}
        out: list[tuple[Formula, str]] = []
        seen: set[tuple[str, str]] = set()
        # hypothesis word → premise word (unary, entailing only): "pizza" is food, for "there is no man eating food"
        for bname, barity in sorted(pre):
            for aname, aarity in sorted(hyp - pre):
                if aarity != 1 or barity != 1 or (aname, bname) in seen:
                    continue
                seen.add((aname, bname))
                ev = self.relation(aname, bname, pos.get(aname), pos.get(bname))
                if ev is not None and ev.kind == "entailing":
                    ax = self.axiom(ev, 1)
                    if ax is not None:
                        out.append((ax, f"{ev.text()} [{ev.source}]"))
        targets = [(t, True) for t in sorted(hyp - pre)] + [(t, False) for t in sorted(pre)]
        for (bname, barity), new in targets:
            for aname, aarity in sorted(pre):
                if aarity != barity or aarity > 2 or aname == bname or (aname, bname) in seen:
                    continue
                seen.add((aname, bname))
                if not new and aarity != 1:
                    continue  # relations between premise verbs stay as the premises state them
                ev = self.relation(aname, bname, pos.get(aname), pos.get(bname))
                if ev is None or (not new and ev.kind != "entailing"):
                    continue
                ax = self.axiom(ev, aarity)
                if ax is not None:
                    out.append((ax, f"{ev.text()} [{ev.source}]"))
        return out
