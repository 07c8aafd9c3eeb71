"""Knowledge graph: shipped WordNet graph, ConceptNet/triple loaders, retriever, logic axioms."""

from __future__ import annotations

from nesy.kg.graph import KnowledgeGraph, load_conceptnet, load_triples
from nesy.kg.retriever import KgEvidence, Retriever

__all__ = ["KnowledgeGraph", "KgEvidence", "Retriever", "load_conceptnet", "load_triples"]
