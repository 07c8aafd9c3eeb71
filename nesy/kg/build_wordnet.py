"""Build nesy's shipped lexical graph from WordNet 3.0.

Usage:
    python -m nesy.kg.build_wordnet /usr/share/wordnet --out knowledge/wordnet

WordNet's database files (Debian: ``apt-get install wordnet-base wordnet-sense-index``)
are read with NLTK's WordNet reader. NLTK expects them in an ``nltk_data/corpora/wordnet``
folder together with a ``lexnames`` file; this script lays that folder out itself (copies of
the given directory's files plus the 45 lexicographer file names) in a temporary directory.

The graph has lemma nodes (``dog``) and synset nodes (``dog.n.01``) so that paths never
jump between the senses of an ambiguous word:

* ``sense``: lemma → synset, weighted by the sense's rank for that lemma (1 = most frequent);
  two lemmas that share a synset are synonyms;
* ``hypernym``: synset → synset (is-a; instance hypernyms included);
* ``antonym``: lemma → lemma (WordNet's antonymy is lexical, between word senses);
* ``similar``: adjective synset → synset; ``entails``: verb synset → synset;
* ``part_of`` and ``member_of``: synset → synset (part and member holonymy).

Co-hyponym exclusion is not stored: the retriever derives it at query time under a
documented rule (see :mod:`nesy.kg.retriever`).
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import tempfile
import time
from pathlib import Path
from typing import Any

from tqdm.auto import tqdm

from nesy.errors import DataFormatError

__all__ = ["LEXNAMES", "build", "open_wordnet"]

logger = logging.getLogger(__name__)

#: The 45 WordNet lexicographer files: (number, name, syntactic category 1=n 2=v 3=a 4=r).
LEXNAMES = [
    "adj.all", "adj.pert", "adv.all", "noun.Tops", "noun.act", "noun.animal", "noun.artifact", "noun.attribute",
    "noun.body", "noun.cognition", "noun.communication", "noun.event", "noun.feeling", "noun.food", "noun.group",
    "noun.location", "noun.motive", "noun.object", "noun.person", "noun.phenomenon", "noun.plant",
    "noun.possession", "noun.process", "noun.quantity", "noun.relation", "noun.shape", "noun.state",
    "noun.substance", "noun.time", "verb.body", "verb.change", "verb.cognition", "verb.communication",
    "verb.competition", "verb.consumption", "verb.contact", "verb.creation", "verb.emotion", "verb.motion",
    "verb.perception", "verb.possession", "verb.social", "verb.stative", "verb.weather", "adj.ppl",
]
_CAT = {"adj": 3, "adv": 4, "noun": 1, "verb": 2}

WORDNET_LICENSE = """WordNet Release 3.0 This software and database is being provided to you, the LICENSEE, by
Princeton University under the following license. By obtaining, using and/or copying this software and database,
you agree that you have read, understood, and will comply with these terms and conditions.: Permission to use,
copy, modify and distribute this software and database and its documentation for any purpose and without fee or
royalty is hereby granted, provided that you agree to comply with the following copyright notice and statements,
including the disclaimer, and that the same appear on ALL copies of the software, database and documentation,
including modifications that you make for internal use or for distribution. WordNet 3.0 Copyright 2006 by
Princeton University. All rights reserved. THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY
MAKES NO REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED. BY WAY OF EXAMPLE, BUT NOT LIMITATION, PRINCETON
UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES OF MERCHANT- ABILITY OR FITNESS FOR ANY PARTICULAR PURPOSE OR
THAT THE USE OF THE LICENSED SOFTWARE, DATABASE OR DOCUMENTATION WILL NOT INFRINGE ANY THIRD PARTY PATENTS,
COPYRIGHTS, TRADEMARKS OR OTHER RIGHTS. The name of Princeton University or Princeton may not be used in
advertising or publicity pertaining to distribution of the software and/or database. Title to copyright in this
software, database and any associated documentation shall at all times remain with Princeton University and
LICENSEE agrees to preserve same."""


def open_wordnet(wordnet_dir: str | Path, workdir: str | Path) -> Any:
    """An NLTK ``WordNetCorpusReader`` over the database files in ``wordnet_dir``."""
    import shutil

    import nltk
    from nltk.corpus.reader.wordnet import WordNetCorpusReader

    src = Path(wordnet_dir)
    needed = ["data.noun", "data.verb", "data.adj", "data.adv", "index.noun", "index.verb", "index.adj",
              "index.adv"]
    missing = [n for n in needed if not (src / n).is_file()]
    if missing:
        raise DataFormatError(
            f"{str(src)!r} is not a WordNet 3.0 database directory (missing {', '.join(missing)}). "
            "Install it with `apt-get install wordnet-base wordnet-sense-index` and pass /usr/share/wordnet."
        )
    root = Path(workdir) / "nltk_data" / "corpora" / "wordnet"
    root.mkdir(parents=True, exist_ok=True)
    for f in src.iterdir():
        if f.is_file() and not (root / f.name).exists():
            # copies, not links: NLTK only reads files that resolve inside one of its data roots
            shutil.copyfile(f, root / f.name)
    if not (root / "lexnames").exists():
        lines = [f"{i:02d}\t{name}\t{_CAT[name.split('.')[0]]}" for i, name in enumerate(LEXNAMES)]
        (root / "lexnames").write_text("\n".join(lines) + "\n", encoding="utf-8")
    data_root = str(Path(workdir) / "nltk_data")
    if data_root not in nltk.data.path:
        nltk.data.path.insert(0, data_root)
    return WordNetCorpusReader(str(root), None)


def build(wordnet_dir: str | Path, out: str | Path, *, show_progress_bar: bool | None = None) -> dict[str, Any]:
    """Build ``<out>.json.gz`` (the graph) and ``<out>.meta.json`` (source, license, counts)."""
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        wn = open_wordnet(wordnet_dir, tmp)
        nodes: dict[str, int] = {}
        kinds: list[int] = []  # 0 = lemma, 1 = synset
        edges: list[list[int]] = []
        rels = ["sense", "hypernym", "antonym", "similar", "entails", "part_of", "member_of"]
        rel_id = {r: i for i, r in enumerate(rels)}

        def node(name: str, kind: int) -> int:
            key = ("s:" if kind else "w:") + name
            if key not in nodes:
                nodes[key] = len(nodes)
                kinds.append(kind)
            return nodes[key]

        counts = dict.fromkeys(rels, 0)
        synsets = list(wn.all_synsets())
        for ss in tqdm(synsets, desc="wordnet", disable=show_progress_bar is False, unit="synset"):
            s = node(ss.name(), 1)
            for lemma in ss.lemmas():
                name = lemma.name().lower()
                rank = [x.name() for x in wn.synsets(name, pos=ss.pos())].index(ss.name()) + 1 \
                    if ss.name() in [x.name() for x in wn.synsets(name, pos=ss.pos())] else 99
                edges.append([node(name, 0), s, rel_id["sense"], rank])
                counts["sense"] += 1
                for ant in lemma.antonyms():
                    edges.append([node(name, 0), node(ant.name().lower(), 0), rel_id["antonym"],
                                  nodes.get("s:" + ant.synset().name(), node(ant.synset().name(), 1))])
                    counts["antonym"] += 1
            for rel, targets in (
                ("hypernym", ss.hypernyms() + ss.instance_hypernyms()),
                ("similar", ss.similar_tos()),
                ("entails", ss.entailments()),
                ("part_of", ss.part_holonyms()),
                ("member_of", ss.member_holonyms()),
            ):
                for t in targets:
                    edges.append([s, node(t.name(), 1), rel_id[rel], 0])
                    counts[rel] += 1
    names = [""] * len(nodes)
    for k, i in nodes.items():
        names[i] = k[2:]
    graph = {"format": "nesy-kg", "version": 1, "source": "WordNet 3.0", "relations": rels, "nodes": names,
             "kinds": kinds, "edges": edges}
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    gz = out.with_name(out.name + ".json.gz")
    with gzip.open(gz, "wt", encoding="utf-8", compresslevel=9) as fh:
        json.dump(graph, fh, separators=(",", ":"))
    from nesy._version import __version__

    meta = {
        "format": "nesy-kg", "version": 1, "nesy_version": __version__, "source": "WordNet 3.0 (Princeton University)",
        "built_from": str(wordnet_dir), "built": time.strftime("%Y-%m-%d"), "nodes": len(names),
        "lemmas": kinds.count(0), "synsets": kinds.count(1), "edges": len(edges), "edges_by_relation": counts,
        "bytes": gz.stat().st_size, "license": WORDNET_LICENSE,
        "build_command": f"python -m nesy.kg.build_wordnet {wordnet_dir} --out {out}",
    }
    out.with_name(out.name + ".meta.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
    logger.info("Built %s: %d nodes, %d edges in %.1f s", gz, len(names), len(edges), time.perf_counter() - t0)
    return meta


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("wordnet_dir", help="folder with WordNet 3.0 data.* and index.* files (e.g. /usr/share/wordnet)")
    ap.add_argument("--out", default="knowledge/wordnet", help="output path prefix")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO)
    meta = build(args.wordnet_dir, args.out)
    print(json.dumps({k: v for k, v in meta.items() if k != "license"}))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
