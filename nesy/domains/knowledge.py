"""Load a domain's knowledge files and attach them to a retriever."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nesy.errors import ConfigError
from nesy.kg.graph import domain_files, load_domain

__all__ = ["DomainKnowledge", "domain_knowledge", "add_domain_edges"]


@dataclass(frozen=True, slots=True)
class DomainKnowledge:
    """The edges and rule sentences of one domain (e.g. ``medical``, ``legal``)."""

    name: str
    files: tuple[str, ...]
    triples: tuple[tuple[str, str, str], ...]
    rules: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "files": list(self.files), "triples": [list(t) for t in self.triples],
                "rules": list(self.rules)}


def domain_knowledge(name: str) -> DomainKnowledge:
    """Everything in ``knowledge/<name>/*.kg``.

    Raises:
        ConfigError: no such domain.
        DataFormatError: a knowledge file is unreadable, not UTF-8, too large or malformed (file and line named).
    """
    if not isinstance(name, str):
        raise ConfigError(f"A knowledge domain is named by a string, got {type(name).__name__}.")
    files = [f for f in domain_files() if f.parent.name == name]
    if not files:
        known = sorted({f.parent.name for f in domain_files()})
        raise ConfigError(f"Unknown knowledge domain {name!r}. Choose one of: {', '.join(known)}.")
    triples: list[tuple[str, str, str]] = []
    rules: list[str] = []
    for f in files:
        t, r = load_domain(f)
        triples += t
        rules += r
    return DomainKnowledge(name=name, files=tuple(str(f) for f in files), triples=tuple(triples), rules=tuple(rules))


def add_domain_edges(retriever: Any, domain: DomainKnowledge) -> int:
    """Merge the domain's edges into ``retriever``'s graph (cited as ``nesy <name> knowledge``); clears its caches."""
    n = retriever.kg.add_triples(domain.triples, source=f"nesy {domain.name} knowledge")
    retriever.relation.cache_clear()
    return n


def knowledge_root() -> Path:
    from nesy.kg.graph import default_graph_path

    return default_graph_path().parent
