"""Domain prototypes built on nesy's parts: clinical-trial inference (NLI4CT) and contract/statute rules.

Domain knowledge lives in ``knowledge/<domain>/*.kg`` files: graph edges (``head | relation | tail``) that join the
knowledge graph, and ``rule:`` sentences that join the premises of the logic.
"""

from __future__ import annotations

from nesy.domains.knowledge import DomainKnowledge, add_domain_edges, domain_knowledge

__all__ = ["DomainKnowledge", "domain_knowledge", "add_domain_edges"]
