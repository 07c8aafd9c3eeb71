"""The knowledge graph: a networkx DiGraph with provenance on every edge.

Nodes are lemmas (``w:dog``) and, for WordNet, synsets (``s:dog.n.01``). Every edge has
its relations (``rel``, a tuple: two relations can join the same pair), a weight ``w``
(the sense rank for ``sense`` edges) and a source index ``src`` into
:attr:`KnowledgeGraph.sources` (``WordNet 3.0``, ``ConceptNet 5``, a file name).
Graph files are JSON (gzip allowed), version-stamped; no pickle.
"""

from __future__ import annotations

import csv
import gzip
import json
import logging
import time
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import networkx as nx

from nesy import limits
from nesy.errors import DataFormatError

__all__ = ["KnowledgeGraph", "RELATIONS", "default_graph_path", "domain_files", "load_conceptnet", "load_domain", "load_triples"]

logger = logging.getLogger(__name__)

#: Lemma-level relations a loader may add (WordNet adds synset-level ones as well).
RELATIONS = ("is_a", "synonym", "antonym", "excludes", "part_of", "member_of", "entails", "similar", "related")

#: ConceptNet 5 relation → nesy relation. Relations not listed are skipped.
CONCEPTNET_RELATIONS = {
    "/r/IsA": "is_a", "/r/InstanceOf": "is_a", "/r/Synonym": "synonym", "/r/Antonym": "antonym",
    "/r/DistinctFrom": "excludes", "/r/PartOf": "part_of", "/r/MemberOf": "member_of", "/r/Entails": "entails",
    "/r/SimilarTo": "similar", "/r/RelatedTo": "related", "/r/HasA": "related", "/r/MadeOf": "related",
    "/r/UsedFor": "related", "/r/AtLocation": "related", "/r/Causes": "related",
}


def default_graph_path() -> Path:
    """The shipped WordNet graph inside the package, or the repo's ``knowledge/`` folder."""
    here = Path(__file__).resolve()
    for cand in (here.parent.parent / "resources" / "knowledge" / "wordnet.json.gz",
                 here.parents[2] / "knowledge" / "wordnet.json.gz"):
        if cand.is_file():
            return cand
    return here.parents[2] / "knowledge" / "wordnet.json.gz"


def _digraph(keys: list[str], edges: list[list[int]], rels: list[str], src: int) -> nx.DiGraph:
    """A DiGraph built in one pass straight into networkx's adjacency dicts — several times faster than
    ``add_edges_from`` for the 355k-edge WordNet graph, and equal to what it builds (tested). Edges repeated with
    another relation are merged into one edge whose ``rel`` lists both."""
    succ: dict[str, dict[str, dict[str, Any]]] = {k: {} for k in keys}
    pred: dict[str, dict[str, dict[str, Any]]] = {k: {} for k in keys}
    single = [(r,) for r in rels]
    for a, b, r, w in edges:
        if (a | b | r | w) < 0:  # also a TypeError for anything but ints: no index may count from the end
            raise ValueError(f"edge {[a, b, r, w]} has a negative index or weight")
        u, v = keys[a], keys[b]
        nbrs = succ[u]
        attr = nbrs.get(v)
        if attr is None:
            nbrs[v] = pred[v][u] = {"rel": single[r], "w": w, "src": src}
        elif rels[r] not in attr["rel"]:
            attr["rel"] = attr["rel"] + single[r]
    g = nx.DiGraph()
    g._node = {k: {} for k in keys}  # noqa: SLF001 - networkx's storage layout
    g._succ = g._adj = succ  # noqa: SLF001
    g._pred = pred  # noqa: SLF001
    return g


def lemma_key(text: str) -> str:
    """Normalise a concept mention: lowercase, spaces and hyphens to underscores."""
    return "_".join(text.lower().replace("-", " ").split())


class KnowledgeGraph:
    """A lexical/commonsense graph.

    Example:
        >>> kg = KnowledgeGraph.load()  # doctest: +SKIP
        >>> kg.has_lemma("guitar")  # doctest: +SKIP
        True
    """

    def __init__(self, graph: nx.DiGraph | None = None) -> None:
        self.g = graph if graph is not None else nx.DiGraph()
        self.sources: list[str] = []

    def _add(self, u: str, v: str, rel: str, w: int, src: int) -> None:
        data = self.g.get_edge_data(u, v)
        if data is None:
            self.g.add_edge(u, v, rel=(rel,), w=w, src=src)
        elif rel not in data["rel"]:
            data["rel"] = data["rel"] + (rel,)

    # ---------------------------------------------------------------- loading
    @classmethod
    def load(cls, path: str | Path | None = None) -> KnowledgeGraph:
        """Load a graph file written by :meth:`save` or the WordNet builder."""
        kg = cls()
        kg.merge_file(path or default_graph_path())
        return kg

    def merge_file(self, path: str | Path) -> KnowledgeGraph:
        p = Path(path)
        if not p.is_file():
            raise DataFormatError(
                f"Knowledge graph file {str(p)!r} not found. Build the WordNet graph with "
                "`python -m nesy.kg.build_wordnet /usr/share/wordnet --out knowledge/wordnet`."
            )
        t0 = time.perf_counter()
        try:
            opener = gzip.open if p.suffix == ".gz" else open
            with opener(p, "rb") as fh:  # type: ignore[operator]
                raw = fh.read(limits.MAX_GRAPH_BYTES + 1)  # bounded: a gzip bomb stops here
            if len(raw) > limits.MAX_GRAPH_BYTES:
                raise DataFormatError(f"{str(p)!r} holds more than {limits.MAX_GRAPH_BYTES:,} bytes of graph data "
                                      "(nesy.limits.MAX_GRAPH_BYTES); it is not a graph nesy can load.")
            data = json.loads(raw.decode("utf-8"))
        except (OSError, EOFError, zlib.error, json.JSONDecodeError, UnicodeDecodeError, RecursionError) as err:
            raise DataFormatError(f"{str(p)!r} is not a nesy graph file (JSON, optionally gzip): "
                                  f"{limits.shorten(str(err) or type(err).__name__, 200)}") from err
        if not isinstance(data, dict) or data.get("format") != "nesy-kg":
            raise DataFormatError(f"{str(p)!r} is not a nesy graph file: missing \"format\": \"nesy-kg\".")
        if data.get("version") != 1:
            raise DataFormatError(f"{str(p)!r} has graph format version {data.get('version')!r}; this nesy reads 1.")
        try:
            names, kinds, rels, edges = data["nodes"], data["kinds"], data["relations"], data["edges"]
            if not all(isinstance(x, list) for x in (names, kinds, rels, edges)):
                raise TypeError("nodes, kinds, relations and edges must be lists")
            if len(names) != len(kinds):
                raise ValueError(f"{len(names)} nodes but {len(kinds)} node kinds")
            if not all(isinstance(r, str) for r in rels):
                raise TypeError("relations must be strings")
            source = str(data.get("source", p.name))
            src = len(self.sources)
            keys = [("s:" if k else "w:") + n for n, k in zip(names, kinds)]
            if self.g.number_of_nodes() == 0:
                self.g = _digraph(keys, edges, rels, src)
            else:
                for a, b, r, w in edges:
                    if (a | b | r | w) < 0:
                        raise ValueError(f"edge {[a, b, r, w]} has a negative index or weight")
                    self._add(keys[a], keys[b], rels[r], w, src)
        except KeyError as err:
            raise DataFormatError(f"{str(p)!r}: malformed graph data (missing field {err}).") from err
        except (IndexError, TypeError, ValueError) as err:
            raise DataFormatError(f"{str(p)!r}: malformed graph data ({limits.shorten(str(err), 200)}).") from err
        self.sources.append(source)
        logger.info("Loaded %s (%d edges) in %.2f s", p, len(edges), time.perf_counter() - t0)
        return self

    def add_triples(self, triples: Iterable[tuple[str, str, str]], source: str) -> int:
        """Add lemma-level edges (head, relation, tail) with ``source`` as provenance."""
        n = 0
        src = len(self.sources)
        self.sources.append(source)
        for head, rel, tail in triples:
            if rel not in RELATIONS:
                raise DataFormatError(f"Unknown relation {rel!r} in {source}. Use one of: {', '.join(RELATIONS)}.")
            u, v = "w:" + lemma_key(head), "w:" + lemma_key(tail)
            self._add(u, v, rel, 0, src)
            if rel in {"synonym", "antonym", "excludes", "similar", "related"}:
                self._add(v, u, rel, 0, src)
            n += 1
        return n

    def save(self, path: str | Path) -> None:
        """Write the graph as gzip JSON (lemma/synset node kinds, relations, edges with sources)."""
        nodes = list(self.g.nodes)
        index = {n: i for i, n in enumerate(nodes)}
        rels = sorted({r for _, _, d in self.g.edges(data=True) for r in d["rel"]})
        rid = {r: i for i, r in enumerate(rels)}
        data = {
            "format": "nesy-kg", "version": 1, "source": "+".join(dict.fromkeys(self.sources)) or "nesy",
            "relations": rels, "nodes": [n[2:] for n in nodes], "kinds": [1 if n.startswith("s:") else 0 for n in nodes],
            "edges": [[index[u], index[v], rid[r], d.get("w", 0)] for u, v, d in self.g.edges(data=True)
                      for r in d["rel"]],
        }
        with gzip.open(path, "wt", encoding="utf-8") as fh:
            json.dump(data, fh, separators=(",", ":"))

    # ---------------------------------------------------------------- queries
    def has_lemma(self, lemma: str) -> bool:
        return ("w:" + lemma_key(lemma)) in self.g

    def senses(self, lemma: str, max_rank: int = 99, pos: str | None = None) -> list[str]:
        """Synsets of a lemma, most frequent first; ``pos`` ("n", "v", "a") keeps one part of speech."""
        node = "w:" + lemma_key(lemma)
        if node not in self.g:
            return []
        tags = {"a": (".a.", ".s."), "n": (".n.",), "v": (".v.",), "r": (".r.",)}.get(pos or "", None)
        out = [(d.get("w", 99), v) for v, d in self.g.succ[node].items() if "sense" in d["rel"]
               and (tags is None or any(t in v for t in tags))]
        return [v for w, v in sorted(out) if w <= max_rank]

    def lemmas_of(self, synset: str) -> list[str]:
        if synset not in self.g:
            return []
        return [u[2:] for u, d in self.g.pred[synset].items() if "sense" in d["rel"]]

    def neighbours(self, node: str, rel: str) -> Iterator[tuple[str, dict[str, Any]]]:
        if node not in self.g:
            return
        for v, d in self.g.succ[node].items():
            if rel in d["rel"]:
                yield v, d

    def source_of(self, u: str, v: str) -> str:
        d = self.g.get_edge_data(u, v)
        return self.sources[d["src"]] if d is not None and d["src"] < len(self.sources) else "?"

    def edge_id(self, u: str, rel: str, v: str) -> str:
        return f"{self.source_of(u, v)}:{u[2:]}-{rel}->{v[2:]}"


# --------------------------------------------------------------------------- loaders
def _read_small_text(p: Path, what: str) -> str:
    """The UTF-8 text of a knowledge file of at most :data:`nesy.limits.MAX_ARTIFACT_BYTES`; DataFormatError
    naming the file otherwise."""
    try:
        size = p.stat().st_size
        if size > limits.MAX_ARTIFACT_BYTES:
            raise DataFormatError(f"{what} {str(p)!r} has {size:,} bytes; nesy reads such files of at most "
                                  f"{limits.MAX_ARTIFACT_BYTES:,} bytes (nesy.limits.MAX_ARTIFACT_BYTES).")
        return p.read_bytes().decode("utf-8")
    except UnicodeDecodeError as err:
        raise DataFormatError(f"{what} {str(p)!r} is not UTF-8 text (byte {err.start}).") from err
    except OSError as err:
        raise DataFormatError(f"Cannot read {what.lower()} {str(p)!r}: {err}.") from err


def load_triples(path: str | Path) -> list[tuple[str, str, str]]:
    """Read plain triples: TSV/CSV ``head<TAB>relation<TAB>tail`` or JSONL ``{"head", "relation", "tail"}``."""
    p = Path(path)
    if not p.is_file():
        raise DataFormatError(f"Triple file {str(p)!r} not found.")
    out: list[tuple[str, str, str]] = []
    text = _read_small_text(p, "Triple file")
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.lstrip().startswith("{"):
            try:
                obj = json.loads(line)
                triple = (obj["head"], obj["relation"], obj["tail"])
                if not all(isinstance(x, str) for x in triple):
                    raise TypeError("head, relation and tail must be strings")
                out.append(triple)
            except (json.JSONDecodeError, KeyError, TypeError, RecursionError) as err:
                raise DataFormatError(f"{str(p)!r} line {lineno}: expected {{\"head\", \"relation\", \"tail\"}} ({err}).") from err
            continue
        parts = [x.strip() for x in (line.split("\t") if "\t" in line else line.split("|") if "|" in line else line.split(","))]
        if len(parts) != 3:
            raise DataFormatError(f"{str(p)!r} line {lineno}: expected head, relation, tail; found {len(parts)} fields.")
        out.append((parts[0], parts[1], parts[2]))
    return out


def _cn_term(uri: str) -> str | None:
    parts = uri.split("/")
    if len(parts) < 4 or parts[1] != "c" or parts[2] != "en":
        return None
    return parts[3]


def load_conceptnet(path: str | Path, *, min_weight: float = 1.0) -> list[tuple[str, str, str]]:
    """English edges of a ConceptNet 5 assertions CSV (tab-separated: uri, relation, start, end, json info).

    Only edges whose both ends are English (``/c/en/``) and whose relation is in
    :data:`CONCEPTNET_RELATIONS` are kept, and only when their weight is at least ``min_weight``.
    """
    p = Path(path)
    if not p.is_file():
        raise DataFormatError(f"ConceptNet file {str(p)!r} not found.")
    opener = gzip.open if p.suffix == ".gz" else open
    out: list[tuple[str, str, str]] = []
    try:
        _read_conceptnet_rows(p, opener, min_weight, out)
    except (OSError, EOFError, zlib.error, UnicodeDecodeError, csv.Error) as err:
        raise DataFormatError(f"{str(p)!r} is not a ConceptNet 5 assertions file (tab-separated text, optionally "
                              f"gzip): {limits.shorten(str(err) or type(err).__name__, 200)}") from err
    return out


def _read_conceptnet_rows(p: Path, opener: Any, min_weight: float, out: list[tuple[str, str, str]]) -> None:
    with opener(p, "rt", encoding="utf-8") as fh:
        for lineno, row in enumerate(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE), 1):
            if len(row) < 4:
                raise DataFormatError(f"{str(p)!r} line {lineno}: expected 5 tab-separated columns "
                                      "(uri, relation, start, end, info) as in ConceptNet 5 assertions.")
            rel = CONCEPTNET_RELATIONS.get(row[1])
            head, tail = _cn_term(row[2]), _cn_term(row[3])
            if rel is None or head is None or tail is None:
                continue
            weight = 1.0
            if len(row) > 4 and row[4].strip():
                try:
                    weight = float(json.loads(row[4]).get("weight", 1.0))
                except (json.JSONDecodeError, AttributeError, TypeError, ValueError, RecursionError):
                    weight = 1.0
            if weight >= min_weight:
                out.append((head, rel, tail))


def load_domain(path: str | Path) -> tuple[list[tuple[str, str, str]], list[str]]:
    """Read a domain knowledge file: ``head | relation | tail`` edges and ``rule: <sentence>`` lines.

    Returns the triples (graph edges) and the rule sentences (for the logic parser).
    """
    p = Path(path)
    if not p.is_file():
        raise DataFormatError(f"Domain knowledge file {str(p)!r} not found.")
    triples: list[tuple[str, str, str]] = []
    rules: list[str] = []
    for lineno, line in enumerate(_read_small_text(p, "Domain knowledge file").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.lower().startswith("rule:"):
            rules.append(line[5:].strip())
            continue
        parts = [x.strip() for x in line.split("|")]
        if len(parts) != 3 or not all(parts):
            raise DataFormatError(f"{str(p)!r} line {lineno}: expected 'head | relation | tail' or 'rule: ...'.")
        if parts[1] not in RELATIONS:
            raise DataFormatError(f"{str(p)!r} line {lineno}: unknown relation {parts[1]!r}. "
                                  f"Use one of: {', '.join(RELATIONS)}.")
        triples.append((parts[0], parts[1], parts[2]))
    return triples, rules


def domain_files() -> list[Path]:
    """The shipped domain knowledge files (``knowledge/medical``, ``knowledge/legal``)."""
    root = default_graph_path().parent
    return sorted(root.glob("*/*.kg"))
