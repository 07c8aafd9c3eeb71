"""Proof traces: ordered steps with provenance, and renderers.

A step points at its evidence (premise index and character span, knowledge-graph
edge, neural score) instead of only copying text, the way a spaCy ``Span`` points
into its ``Doc``. Renderers turn the steps into prose, Markdown, HTML, JSON or DOT.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, get_args

__all__ = ["StepKind", "ProofStep", "ProofTrace"]

StepKind = Literal["premise", "rule", "derived", "conclusion", "kg", "neural", "fusion", "note"]
STEP_KINDS: tuple[str, ...] = get_args(StepKind)


@dataclass(frozen=True, slots=True)
class ProofStep:
    """One step of an explanation.

    Attributes:
        kind: What sort of evidence this step is.
        text: Human-readable statement of the step.
        premise_index: Index of the premise this step comes from, if any.
        span: Character span ``(start, end)`` in that premise.
        formula: The logical formula used, printed readably.
        source: Where the step comes from (``premise``, ``WordNet``, ``ConceptNet``, a model name ...).
        edge_id: Knowledge-graph edge identifier, for ``kg`` steps.
        score: A number attached to the step (a probability, a KG score, a shift).
        uses: Indices of earlier steps this one is derived from.
    """

    kind: StepKind
    text: str
    premise_index: int | None = None
    span: tuple[int, int] | None = None
    formula: str | None = None
    source: str | None = None
    edge_id: str | None = None
    score: float | None = None
    uses: tuple[int, ...] = ()

    def citation(self) -> str:
        if self.premise_index is not None:
            where = f"; {self.source}" if self.source and self.source != "premise" else ""
            return f"[premise {self.premise_index + 1}{where}]"
        if self.source:
            return f"[{self.source}]"
        return ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "text": self.text,
            "premise_index": self.premise_index,
            "span": None if self.span is None else list(self.span),
            "formula": self.formula,
            "source": self.source,
            "edge_id": self.edge_id,
            "score": self.score,
            "uses": list(self.uses),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ProofStep:
        span = data.get("span")
        return cls(
            kind=data["kind"],
            text=data["text"],
            premise_index=data.get("premise_index"),
            span=None if span is None else (int(span[0]), int(span[1])),
            formula=data.get("formula"),
            source=data.get("source"),
            edge_id=data.get("edge_id"),
            score=data.get("score"),
            uses=tuple(data.get("uses") or ()),
        )


@dataclass(frozen=True, slots=True)
class ProofTrace:
    """An ordered explanation of a verdict.

    Attributes:
        steps: The steps, in reading order.
        summary: One sentence saying what decided the answer.
        neural_only: True when the answer rests on the neural network alone.
    """

    steps: tuple[ProofStep, ...] = ()
    summary: str = ""
    neural_only: bool = False
    notes: tuple[str, ...] = field(default=())

    def __len__(self) -> int:
        return len(self.steps)

    def to_dict(self) -> dict[str, Any]:
        return {
            "steps": [s.to_dict() for s in self.steps],
            "summary": self.summary,
            "neural_only": self.neural_only,
            "notes": list(self.notes),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ProofTrace:
        return cls(
            steps=tuple(ProofStep.from_dict(s) for s in data.get("steps", ())),
            summary=data.get("summary", ""),
            neural_only=bool(data.get("neural_only", False)),
            notes=tuple(data.get("notes") or ()),
        )

    # ------------------------------------------------------------------ renderers
    def to_text(self) -> str:
        """Plain-text rendering, as the CLI prints it."""
        lines = []
        if self.summary:
            lines.append(self.summary)
        if self.neural_only:
            lines.append("Note: this answer rests on the neural network alone; no proof was found.")
        for i, step in enumerate(self.steps, 1):
            cite = step.citation()
            score = f" (score {step.score:.3f})" if step.score is not None else ""
            lines.append(f"  {i}. {step.text}{' ' + cite if cite else ''}{score}")
        lines.extend(f"  note: {n}" for n in self.notes)
        return "\n".join(lines)

    def to_markdown(self) -> str:
        lines = []
        if self.summary:
            lines.append(f"**{self.summary}**\n")
        if self.neural_only:
            lines.append("> This answer rests on the neural network alone; no proof was found.\n")
        for i, step in enumerate(self.steps, 1):
            cite = step.citation()
            formula = f" — `{step.formula}`" if step.formula else ""
            lines.append(f"{i}. {step.text}{' *' + cite + '*' if cite else ''}{formula}")
        lines.extend(f"\n_note: {n}_" for n in self.notes)
        return "\n".join(lines)

    def to_html(self) -> str:
        parts = ['<div class="nesy-trace">']
        if self.summary:
            parts.append(f"<p><b>{html.escape(self.summary)}</b></p>")
        if self.neural_only:
            parts.append("<p><i>This answer rests on the neural network alone; no proof was found.</i></p>")
        parts.append("<ol>")
        for step in self.steps:
            cite = html.escape(step.citation())
            formula = f" <code>{html.escape(step.formula)}</code>" if step.formula else ""
            parts.append(f'<li class="{step.kind}">{html.escape(step.text)} <small>{cite}</small>{formula}</li>')
        parts.append("</ol>")
        parts.extend(f"<p><small>{html.escape(n)}</small></p>" for n in self.notes)
        parts.append("</div>")
        return "".join(parts)

    def _repr_html_(self) -> str:
        return self.to_html()

    def to_json(self, **kwargs: Any) -> str:
        return json.dumps(self.to_dict(), **kwargs)

    def to_networkx(self) -> Any:
        """A directed graph: one node per step, an edge from each used step to its user."""
        import networkx as nx

        g = nx.DiGraph()
        for i, step in enumerate(self.steps):
            g.add_node(i, label=step.text, kind=step.kind)
            for j in step.uses:
                g.add_edge(j, i)
        return g

    def to_dot(self) -> str:
        """Graphviz DOT source of :meth:`to_networkx`."""
        lines = ["digraph proof {", "  rankdir=TB;", "  node [shape=box, fontsize=10];"]
        for i, step in enumerate(self.steps):
            label = step.text.replace("\\", "\\\\").replace('"', '\\"')
            cite = step.citation().replace('"', '\\"')
            lines.append(f'  s{i} [label="{label}\\n{cite}"];')
        for i, step in enumerate(self.steps):
            for j in step.uses:
                lines.append(f"  s{j} -> s{i};")
        lines.append("}")
        return "\n".join(lines)

    def to_png(self, path: str | Path, *, width: float = 9.0) -> Path:
        """Draw :meth:`to_networkx` as a PNG (matplotlib; no Graphviz needed): steps top to bottom by depth,
        coloured by kind, with an arrow from each used step to its user.

        Example:
            >>> verdict.trace.to_png("proof.png")  # doctest: +SKIP
        """
        import textwrap

        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        import networkx as nx

        g = self.to_networkx()
        if not g.number_of_nodes():
            raise ValueError("This trace has no steps to draw.")
        depth: dict[int, int] = {}
        for n in nx.topological_sort(g):
            depth[n] = 1 + max((depth[p] for p in g.predecessors(n)), default=-1)
        rows: dict[int, list[int]] = {}
        for n in sorted(g.nodes):
            rows.setdefault(depth[n], []).append(n)
        pos = {n: ((k + 0.5) / len(ns), -d) for d, ns in rows.items() for k, n in enumerate(ns)}
        colours = {"premise": "#dbe9f6", "rule": "#dbe9f6", "kg": "#e3f2d9", "derived": "#fff2cc",
                   "conclusion": "#f8d7da", "neural": "#eeeeee", "fusion": "#eeeeee"}
        height = 1.2 + 1.3 * len(rows)
        fig, ax = plt.subplots(figsize=(width, height))
        wrap = max(18, int(60 / max(len(ns) for ns in rows.values())))
        for a, b in g.edges:
            ax.annotate("", xy=pos[b], xytext=pos[a],
                        arrowprops={"arrowstyle": "->", "color": "#555555", "shrinkA": 14, "shrinkB": 14})
        for n, (x, y) in pos.items():
            step = self.steps[n]
            label = "\n".join(textwrap.wrap(f"{n + 1}. {step.text}", wrap)[:4])
            ax.text(x, y, label, ha="center", va="center", fontsize=8,
                    bbox={"boxstyle": "round,pad=0.4", "fc": colours.get(step.kind, "#ffffff"), "ec": "#777777"})
        ax.set_xlim(0, 1)
        ax.set_ylim(-len(rows) + 0.4, 0.6)
        ax.axis("off")
        if self.summary:
            ax.set_title("\n".join(textwrap.wrap(self.summary, 100)[:2]), fontsize=9)
        out = Path(path)
        fig.savefig(out, dpi=110, bbox_inches="tight")
        plt.close(fig)
        return out
