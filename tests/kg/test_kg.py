"""Knowledge graph: builder on a tiny WordNet-format fixture, loaders, linking, classification, axioms."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest

from nesy.errors import DataFormatError
from nesy.kg.graph import KnowledgeGraph, load_conceptnet, load_domain, load_triples
from nesy.kg.retriever import KgEvidence, Retriever


def _offset_line(offset: int, lexfile: int, pos: str, words: list[str], ptrs: list[tuple[str, int, str]],
                 gloss: str) -> str:
    w = " ".join(f"{word} 0" for word in words)
    p = " ".join(f"{sym} {off:08d} {ppos} 0000" for sym, off, ppos in ptrs)
    return f"{offset:08d} {lexfile:02d} {pos} {len(words):02x} {w} {len(ptrs):03d} {p} | {gloss}"


def write_tiny_wordnet(root: Path) -> Path:
    """A WordNet-3.0-format database with five noun synsets: entity > animal > {cat, dog}, animal ~ beast."""
    header = "  1 This is a tiny test fixture in the WordNet database format.\n"
    syn = [  # (name, words, hypernym name or None)
        ("entity", ["entity"], None), ("animal", ["animal", "beast"], "entity"),
        ("carnivore", ["carnivore"], "animal"), ("cat", ["cat"], "carnivore"), ("dog", ["dog"], "carnivore"),
    ]
    # offsets are byte positions in data.noun: compute iteratively
    offsets: dict[str, int] = {}
    lines: list[str] = []
    pos = len(header)
    for name, words, _ in syn:
        offsets[name] = pos
        # line length does not depend on pointer offsets (fixed 8 digits), so compute with zeros first
        dummy = _offset_line(pos, 3, "n", words, [("@", 0, "n")] if _ else [], f"a {name}")
        pos += len(dummy.encode()) + 1
    for (name, words, hyper), _ in zip(syn, syn):
        ptrs = [("@", offsets[hyper], "n")] if hyper else []
        lines.append(_offset_line(offsets[name], 3, "n", words, ptrs, f"a {name}"))
    root.mkdir(parents=True, exist_ok=True)
    (root / "data.noun").write_text(header + "\n".join(lines) + "\n")
    index = []
    for name, words, hyper in syn:
        for wd in words:
            ptr = "1 @" if hyper else "0"
            index.append(f"{wd} n 1 {ptr} 1 0 {offsets[name]:08d}")
    (root / "index.noun").write_text(header + "\n".join(sorted(index)) + "\n")
    for pos_name in ("verb", "adj", "adv"):
        (root / f"data.{pos_name}").write_text(header)
        (root / f"index.{pos_name}").write_text(header)
    for exc in ("noun.exc", "verb.exc", "adj.exc", "adv.exc", "index.sense"):
        (root / exc).write_text("")
    return root


@pytest.fixture(scope="module")
def tiny_kg(tmp_path_factory):
    from nesy.kg.build_wordnet import build

    root = write_tiny_wordnet(tmp_path_factory.mktemp("wn") / "wordnet")
    out = tmp_path_factory.mktemp("kg") / "tiny"
    meta = build(root, out, show_progress_bar=False)
    assert meta["synsets"] == 5 and meta["edges_by_relation"]["hypernym"] == 4
    assert "Princeton" in meta["license"]
    return KnowledgeGraph.load(out.with_name("tiny.json.gz"))


def test_builder_reads_wordnet_format_fixture(tiny_kg):
    assert tiny_kg.has_lemma("beast") and tiny_kg.senses("dog") == ["s:dog.n.01"]
    assert "dog" in tiny_kg.lemmas_of("s:dog.n.01")


def test_builder_rejects_a_folder_without_wordnet(tmp_path):
    from nesy.kg.build_wordnet import build

    with pytest.raises(DataFormatError, match="not a WordNet 3.0 database directory"):
        build(tmp_path, tmp_path / "out")


def test_path_classification_on_fixture(tiny_kg):
    r = Retriever(tiny_kg, min_exclusion_depth=1)
    up = r.relation("dog", "animal")
    assert (up.relation, up.kind) == ("hypernym", "entailing")
    assert up.path == ("dog", "dog.n.01", "carnivore.n.01", "animal.n.01", "animal")
    assert r.relation("animal", "dog").kind == "reverse"
    assert r.relation("animal", "beast").relation == "synonym"
    ex = r.relation("cat", "dog")
    assert (ex.relation, ex.kind) == ("cohyponym", "excluding")
    # exclusion needs a deep enough common hypernym
    assert Retriever(tiny_kg, min_exclusion_depth=5).relation("cat", "dog") is None


def test_axioms_from_evidence(tiny_kg):
    from nesy.logic.folparse import parse_fol

    r = Retriever(tiny_kg, min_exclusion_depth=1)
    assert str(r.axiom(r.relation("dog", "animal"))) == "∀x (dog(x) → animal(x))"
    assert str(r.axiom(r.relation("cat", "dog"))) == "∀x (cat(x) → ¬dog(x))"
    assert str(r.axiom(r.relation("animal", "beast"))) == "∀x (animal(x) ↔ beast(x))"
    assert r.axiom(r.relation("animal", "dog")) is None
    axioms = r.axioms_for([parse_fol("dog(rex)")], parse_fol("animal(rex)"))
    assert [str(a) for a, _ in axioms] == ["∀x (dog(x) → animal(x))"]
    assert axioms[0][1] == "dog is a kind of animal [WordNet 3.0]"


def test_evidence_round_trip():
    ev = KgEvidence("dog", "animal", "hypernym", "entailing", ("dog", "animal"), ("is_a",), "WordNet 3.0", 0.8,
                    ("e1",))
    assert KgEvidence.from_dict(json.loads(json.dumps(ev.to_dict()))) == ev
    assert ev.to_step().kind == "kg" and ev.text() == "dog is a kind of animal"


def test_conceptnet_loader_keeps_english_mapped_edges(tmp_path):
    rows = [
        ["/a/1", "/r/IsA", "/c/en/guitar/n", "/c/en/instrument", '{"weight": 2.0}'],
        ["/a/2", "/r/Antonym", "/c/en/hot", "/c/en/cold", '{"weight": 1.5}'],
        ["/a/3", "/r/IsA", "/c/fr/chat", "/c/en/cat", '{"weight": 2.0}'],
        ["/a/4", "/r/HasContext", "/c/en/x", "/c/en/y", '{"weight": 2.0}'],
        ["/a/5", "/r/IsA", "/c/en/weak", "/c/en/thing", '{"weight": 0.1}'],
    ]
    p = tmp_path / "assertions.csv"
    p.write_text("\n".join("\t".join(r) for r in rows) + "\n")
    assert load_conceptnet(p) == [("guitar", "is_a", "instrument"), ("hot", "antonym", "cold")]
    kg = KnowledgeGraph()
    kg.add_triples(load_conceptnet(p), source="ConceptNet 5")
    ev = Retriever(kg).relation("guitar", "instrument")
    assert ev.kind == "entailing" and ev.source == "ConceptNet 5"
    assert Retriever(kg).relation("cold", "hot").kind == "excluding"


def test_triples_and_domain_files(tmp_path):
    t = tmp_path / "t.tsv"
    t.write_text("aspirin\tis_a\tnsaid\n# comment\n")
    j = tmp_path / "t.jsonl"
    j.write_text(json.dumps({"head": "nsaid", "relation": "is_a", "tail": "drug"}) + "\n")
    kg = KnowledgeGraph()
    kg.add_triples(load_triples(t) + load_triples(j), source="test")
    assert Retriever(kg).relation("nsaid", "drug").kind == "entailing"
    d = tmp_path / "d.kg"
    d.write_text("warfarin | is_a | anticoagulant\nrule: If someone is pregnant then they avoid warfarin.\n")
    triples, rules = load_domain(d)
    assert triples == [("warfarin", "is_a", "anticoagulant")] and rules[0].startswith("If someone")


def test_malformed_graph_files_give_clear_errors(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"nodes": []}')
    with pytest.raises(DataFormatError, match=re.escape('missing "format": "nesy-kg"')):
        KnowledgeGraph.load(bad)
    old = tmp_path / "old.json.gz"
    with gzip.open(old, "wt") as fh:
        json.dump({"format": "nesy-kg", "version": 9}, fh)
    with pytest.raises(DataFormatError, match="version 9"):
        KnowledgeGraph.load(old)
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "nesy-kg", "version": 1, "nodes": ["a"], "kinds": [0], "relations": [], '
                      '"edges": [[0, 5, 0, 0]]}')
    with pytest.raises(DataFormatError, match="malformed graph data"):
        KnowledgeGraph.load(broken)
    with pytest.raises(DataFormatError, match="unknown relation 'likes'"):
        p = tmp_path / "d.kg"
        p.write_text("a | likes | b\n")
        load_domain(p)


def test_save_load_round_trip(tmp_path):
    kg = KnowledgeGraph()
    kg.add_triples([("guitar", "is_a", "instrument")], source="test")
    kg.save(tmp_path / "g.json.gz")
    again = KnowledgeGraph.load(tmp_path / "g.json.gz")
    assert again.g.has_edge("w:guitar", "w:instrument")


def test_fast_load_builds_the_same_graph_as_networkx(tmp_path):
    import gzip
    import json

    import networkx as nx

    data = {"format": "nesy-kg", "version": 1, "source": "test", "relations": ["sense", "hypernym", "similar"],
            "nodes": ["dog", "dog.n.01", "canine.n.01", "lonely"], "kinds": [0, 1, 1, 0],
            "edges": [[0, 1, 0, 1], [1, 2, 1, 0], [1, 2, 2, 0], [2, 1, 2, 0]]}
    path = tmp_path / "g.json.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        json.dump(data, fh)
    fast = KnowledgeGraph.load(path).g
    slow = nx.DiGraph()
    slow.add_node("w:lonely")
    slow.add_edges_from([("w:dog", "s:dog.n.01", {"rel": ("sense",), "w": 1, "src": 0}),
                         ("s:dog.n.01", "s:canine.n.01", {"rel": ("hypernym", "similar"), "w": 0, "src": 0}),
                         ("s:canine.n.01", "s:dog.n.01", {"rel": ("similar",), "w": 0, "src": 0})])
    assert nx.utils.graphs_equal(fast, slow)
    assert list(fast.pred["s:canine.n.01"]) == ["s:dog.n.01"] and fast.has_edge("w:dog", "s:dog.n.01")
    fast.add_edge("w:cat", "w:dog")  # still an ordinary, mutable DiGraph
    assert fast.number_of_edges() == 4


def test_novelty_counts_hypothesis_concepts_the_premise_does_not_support(tiny_kg, nlp):
    r = Retriever(tiny_kg, min_exclusion_depth=1, nlp=nlp)
    assert r.novelty("A dog sleeps.", "An animal sleeps.") == (2, 0)  # animal: entailed by dog; sleep: restated
    total, new = r.novelty("A dog sleeps.", "A cat sleeps.")
    assert (total, new) == (2, 1)  # cat is excluded by dog, not supported
