"""Turn a minimal unsat core into an ordered, human-readable derivation.

The core premises are replayed by forward chaining (modus ponens, and modus tollens for
single-literal rules) over ground literals until the goal literal appears; the steps on
the path to the goal become the proof, each citing its premise or earlier steps. When the
core is not Horn-shaped the proof lists the core premises and states Z3's conclusion.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from nesy.logic.fol import (
    NEG_SUFFIX,
    And,
    Atom,
    ForAll,
    Formula,
    Iff,
    Implies,
    Not,
    Var,
    constants,
    free_vars,
    is_literal,
    negate,
    substitute,
)
from nesy.trace import ProofStep

__all__ = ["explain", "literal_text"]


def literal_text(lit: Formula, names: Mapping[str, str] | None = None) -> str:
    """A literal as a short English sentence (``Bob is red``, ``the cat does not like the dog``).

    ``names`` maps constant and predicate names to how the text wrote them.
    """
    names = names or {}

    def _name(c: object) -> str:
        return names.get(str(c), str(c).replace("_", " "))

    neg = isinstance(lit, Not)
    atom = lit.arg if isinstance(lit, Not) else lit
    if isinstance(atom, Atom):
        pred = atom.pred
        if pred.endswith(NEG_SUFFIX):
            pred, neg = pred[: -len(NEG_SUFFIX)], not neg
        pred = names.get(pred, pred.replace("_", " "))
        if len(atom.args) == 1:
            return f"{_name(atom.args[0])} is {'not ' if neg else ''}{pred}"
        if len(atom.args) == 2:
            a, b = _name(atom.args[0]), _name(atom.args[1])
            return f"{a} does not {pred} {b}" if neg else f"{a} {pred}s {b}"
    return str(lit)


@dataclass(frozen=True)
class _Rule:
    premise: int
    var: Var | None
    body: tuple[Formula, ...]
    head: tuple[Formula, ...]


def _literals(f: Formula) -> tuple[Formula, ...] | None:
    parts = f.args if isinstance(f, And) else (f,)
    return tuple(parts) if all(is_literal(p) for p in parts) else None


def _rules_and_facts(core: Mapping[int, Formula]) -> tuple[list[tuple[int, Formula]], list[_Rule]]:
    facts: list[tuple[int, Formula]] = []
    rules: list[_Rule] = []
    for i, f in core.items():
        var = None
        body_f = f
        if isinstance(f, ForAll):
            var, body_f = f.var, f.body
        lits = _literals(body_f)
        if lits is not None and not free_vars(body_f):
            facts.extend((i, lit) for lit in lits)
            continue
        pairs: list[tuple[Formula, Formula]] = []
        if isinstance(body_f, Implies):
            pairs = [(body_f.left, body_f.right)]
        elif isinstance(body_f, Iff):
            pairs = [(body_f.left, body_f.right), (body_f.right, body_f.left)]
        for left, right in pairs:
            b, h = _literals(left), _literals(right)
            if b is not None and h is not None:
                rules.append(_Rule(i, var, b, h))
    return facts, rules


def explain(
    core: Mapping[int, Formula],
    goal: Formula,
    *,
    premise_texts: Sequence[str] | None = None,
    hypothesis_text: str | None = None,
    negated: bool = False,
    names: Mapping[str, str] | None = None,
) -> list[ProofStep]:
    """Ordered proof steps deriving ``goal`` from the ``core`` premises (index → formula)."""

    def premise_step(i: int, kind: str) -> ProofStep:
        text = premise_texts[i] if premise_texts and i < len(premise_texts) else str(core[i])
        return ProofStep(kind=kind, text=text, premise_index=i, formula=str(core[i]), source="premise")  # type: ignore[arg-type]

    facts, rules = _rules_and_facts(core)
    consts = sorted({c for f in core.values() for c in constants(f)} | constants(goal), key=lambda c: c.name)
    known: dict[Formula, int] = {}  # literal -> step index
    steps: list[ProofStep] = []
    premise_step_of: dict[int, int] = {}

    def cite(i: int, kind: str) -> int:
        if i not in premise_step_of:
            steps.append(premise_step(i, kind))
            premise_step_of[i] = len(steps) - 1
        return premise_step_of[i]

    for i, lit in facts:
        if lit not in known:
            known[lit] = cite(i, "premise")
    if is_literal(goal):
        changed = True
        rounds = 0
        while goal not in known and changed and rounds < 50:
            changed, rounds = False, rounds + 1
            for rule in rules:
                subs = [{rule.var: c} for c in consts] if rule.var is not None else [{}]
                for sub in subs:
                    body = [substitute(b, sub) for b in rule.body]  # type: ignore[arg-type]
                    head = [substitute(h, sub) for h in rule.head]  # type: ignore[arg-type]
                    if all(b in known for b in body):
                        new = [h for h in head if h not in known]
                        if new:
                            r = cite(rule.premise, "rule")
                            for h in new:
                                steps.append(ProofStep(kind="derived", text=literal_text(h, names), formula=str(h),
                                                       uses=tuple([known[b] for b in body] + [r])))
                                known[h] = len(steps) - 1
                            changed = True
                    elif len(head) == 1 and negate(head[0]) in known:
                        missing = [b for b in body if b not in known]
                        if len(missing) == 1 and negate(missing[0]) not in known:
                            r = cite(rule.premise, "rule")
                            lit = negate(missing[0])
                            uses = [known[b] for b in body if b in known] + [known[negate(head[0])], r]
                            steps.append(ProofStep(kind="derived", text=literal_text(lit, names) + " (modus tollens)",
                                                   formula=str(lit), uses=tuple(uses)))
                            known[lit] = len(steps) - 1
                            changed = True
    hyp = hypothesis_text or str(goal)
    if goal in known:
        needed = _slice(steps, known[goal])
        renum = {old: new for new, old in enumerate(needed)}
        out = [
            ProofStep(kind=s.kind, text=s.text, premise_index=s.premise_index, span=s.span, formula=s.formula,
                      source=s.source, uses=tuple(renum[u] for u in s.uses if u in renum))
            for s in (steps[k] for k in needed)
        ]
        concl = f"So it is false that {hyp}" if negated else f"So {hyp}"
        out.append(ProofStep(kind="conclusion", text=concl.rstrip(".") + ".", formula=str(goal),
                             uses=(len(out) - 1,)))
        return out
    # Not Horn-shaped: cite the whole core and let Z3's verdict stand.
    out = [premise_step(i, "premise") for i in sorted(core)]
    what = "the negation of the hypothesis" if not negated else "the hypothesis"
    out.append(ProofStep(kind="conclusion",
                         text=f"Together these premises are inconsistent with {what} (Z3), so "
                              f"{'it is false that ' if negated else ''}{hyp.rstrip('.')}.",
                         formula=str(goal), uses=tuple(range(len(out)))))
    return out


def _slice(steps: list[ProofStep], target: int) -> list[int]:
    need: set[int] = set()
    stack = [target]
    while stack:
        k = stack.pop()
        if k in need:
            continue
        need.add(k)
        stack.extend(steps[k].uses)
    return sorted(need)


