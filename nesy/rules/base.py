"""A rule base: statements with their origin (file and line), read into logic once, asked many times.

A domain user writes the rules of a contract or a clinical guideline in plain English, one statement per line
(``#`` starts a comment), and asks questions about the facts of a case. Every answer's proof cites the rule lines
it used ("line 12 of rules.txt") and the facts; :meth:`RuleBase.check` finds conflicting lines,
:meth:`RuleBase.why_not` the missing facts that would make a question provable, :meth:`RuleBase.what_if` the
answer with facts added or facts and rule lines retracted.

English is read by the symbolic system's reader (:meth:`nesy.logic.system.SymbolicSystem.formalize`), always
classically; FOL lines (FOLIO notation) by :func:`nesy.logic.folparse.parse_fol`; the ``.kg`` domain files give
their ``rule:`` sentences and their edges (``minor | excludes | adult`` reads as "No minor is an adult.").
A line that cannot be read is kept with the reason and reported, never dropped silently.

Example:
    >>> from nesy.rules import RuleBase
    >>> kb = RuleBase.from_text('''# capacity
    ... All minors lack contractual capacity.
    ... All tenants are parties.''', name="rules.txt")
    >>> v = kb.ask("Bob lacks contractual capacity.", facts=["Bob is a minor."])
    >>> v.label.value, v.proved
    ('entailment', True)
    >>> kb.cited_lines(v)
    (2,)
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from nesy.errors import NesyError, ParseError
from nesy.logic.fol import Formula, conj
from nesy.rules import limits
from nesy.trace import ProofStep
from nesy.types import Label, Problem, Verdict

if TYPE_CHECKING:
    from nesy.logic.system import Formalization, SymbolicSystem
    from nesy.rules.check import CheckReport
    from nesy.rules.explain import WhatIf, WhyNot

__all__ = ["RuleBaseError", "RuleFileError", "Statement", "RuleBase", "Notation"]

logger = logging.getLogger(__name__)

Notation = Literal["english", "fol"]
StatementKind = Literal["statement", "edge"]

#: How each ``.kg`` edge relation reads as English (h: head, t: tail; "a" is the article). Relations missing
#: here (part_of, member_of, similar, related) license no logical axiom.
_EDGE_SENTENCES: dict[str, str] = {
    "is_a": "Every {h} is {a_t}.",
    "entails": "Every {h} is {a_t}.",
    "synonym": "Every {h} is {a_t}.|Every {t} is {a_h}.",
    "excludes": "No {h} is {a_t}.",
    "antonym": "No {h} is {a_t}.",
}


class RuleBaseError(NesyError, ValueError):
    """A rule base was used in a way it does not support (unknown line, fact not among the facts ...)."""


class RuleFileError(NesyError, FileNotFoundError):
    """A rule or facts file is missing or cannot be read."""


@dataclass(frozen=True, slots=True)
class Statement:
    """One line of a rule base and what the reader made of it.

    Attributes:
        line: 1-based line number in its source (comments and blank lines count).
        text: The line as written (stripped; without a ``rule:`` prefix).
        source: The name the citations use (a file name such as ``rules.txt``).
        formula: The line read into logic, or None (see ``error``).
        error: Why the line could not be read into logic, or None.
        readings: What the reader was given: the line itself, or the English an edge line reads as.
        kind: ``statement`` (English or FOL) or ``edge`` (a ``head | relation | tail`` line of a ``.kg`` file).
    """

    line: int
    text: str
    source: str
    formula: Formula | None
    error: str | None = None
    readings: tuple[str, ...] = ()
    kind: StatementKind = "statement"

    @property
    def parsed(self) -> bool:
        return self.formula is not None

    @property
    def citation(self) -> str:
        """How a proof cites this line: ``line 12 of rules.txt``."""
        return f"line {self.line} of {self.source}"

    def to_dict(self) -> dict[str, Any]:
        return {"line": self.line, "text": self.text, "source": self.source,
                "formula": None if self.formula is None else str(self.formula), "error": self.error,
                "readings": list(self.readings), "kind": self.kind}


@dataclass(frozen=True, slots=True)
class _Origin:
    """Where one premise of an assembled problem comes from: a fact (its index) or a statement."""

    fact: int | None = None
    statement: Statement | None = None


@functools.lru_cache(maxsize=1)
def default_system() -> SymbolicSystem:
    """The reader and prover rule bases use unless given one: the symbolic system without the WordNet graph
    (answers follow from the rules and facts alone; pass ``SymbolicSystem()`` to add the graph's axioms)."""
    from nesy.logic.system import SymbolicSystem

    return SymbolicSystem(kg=None)


def _read_lines(path_or_text: str | Path, what: str) -> tuple[list[str], str, Path | None]:
    """The lines of a file (``Path``, or a one-line string naming an existing file) or of a text."""
    if isinstance(path_or_text, Path) or ("\n" not in path_or_text and _looks_like_path(path_or_text)):
        p = Path(path_or_text)
        if not p.is_file():
            raise RuleFileError(f"{what} file {str(p)!r} not found. Give the path of a text file with one "
                                "statement per line, or pass the statements themselves.")
        try:
            text = p.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise RuleFileError(f"{what} file {str(p)!r} could not be read as UTF-8 text ({err}). Save it as "
                                "plain UTF-8 text, one statement per line.") from err
        return _lines(text), p.name, p
    return _lines(path_or_text), "", None


def _lines(text: str) -> list[str]:
    """Lines as an editor numbers them: split at line feeds (CR LF and CR count as one), not at the other
    characters ``str.splitlines`` also breaks on (form feed, U+2028 …), so that cited line numbers match."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _looks_like_path(s: str) -> bool:
    s = s.strip()
    return bool(s) and (Path(s).is_file() or (" " not in s and bool(re.search(r"[/\\]|\.(txt|kg|fol|rules)$", s))))


def _numbered(lines: Sequence[str]) -> Iterator[tuple[int, str]]:
    """(1-based line number, stripped text) of each line that is neither blank nor a ``#`` comment."""
    for n, raw in enumerate(lines, 1):
        s = raw.strip()
        if s and not s.startswith("#"):
            yield n, s


def _article(noun: str) -> str:
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


class RuleBase:
    """Statements with their origin, read into logic; ask questions of them with facts.

    Build one with :meth:`from_text`, :meth:`from_fol`, :meth:`from_kg` or :meth:`from_list`; it does not change
    afterwards (:meth:`without` returns a new one).

    Args:
        statements: The lines, already read (the constructors do this).
        name: The source name citations use.
        notation: ``english`` (facts and questions are English) or ``fol`` (they are FOL formulas).
        system: The reader and prover (a :class:`~nesy.logic.system.SymbolicSystem`); default
            :func:`default_system`.
        path: The file it was read from, if any.

    Example:
        >>> kb = RuleBase.from_list(["All tenants are parties."])
        >>> kb.ask("Ann is a party.", facts=["Ann is a tenant."]).proved
        True
    """

    __slots__ = ("_statements", "_name", "_notation", "_system", "_path", "_retracted")

    def __init__(self, statements: Sequence[Statement], *, name: str, notation: Notation = "english",
                 system: SymbolicSystem | None = None, path: Path | None = None,
                 retracted: Iterable[int] = ()) -> None:
        if notation not in ("english", "fol"):
            raise RuleBaseError(f"Unknown notation {notation!r}. Choose one of: english, fol.")
        self._statements = tuple(statements)
        self._name = name
        self._notation: Notation = notation
        self._system = system
        self._path = path
        self._retracted = frozenset(retracted)

    # ------------------------------------------------------------------ constructors
    @classmethod
    def from_text(cls, path_or_text: str | Path, *, name: str | None = None,
                  system: SymbolicSystem | None = None) -> RuleBase:
        """English statements, one per line; ``#`` comments and blank lines are skipped but counted.

        ``path_or_text`` is a file (a ``Path``, or a one-line string naming a file) or the text itself.

        Raises:
            RuleFileError: the file does not exist or is not UTF-8 text.

        Example:
            >>> RuleBase.from_text("# tenancy\\nAll tenants are parties.").statements[0].line
            2
        """
        lines, file_name, path = _read_lines(path_or_text, "Rules")
        numbered = list(_numbered(lines))
        src = name or file_name or "rules"
        system = system or default_system()
        formulas, errors = _read_english(system, [t for _, t in numbered])
        stmts = [Statement(n, t, src, f, e, (t,)) for (n, t), f, e in zip(numbered, formulas, errors)]
        return cls(stmts, name=src, notation="english", system=system, path=path)

    @classmethod
    def from_list(cls, statements: Sequence[str], *, name: str = "rules",
                  system: SymbolicSystem | None = None) -> RuleBase:
        """English statements given as a list; statement ``i`` (0-based) is cited as line ``i + 1``.

        Example:
            >>> RuleBase.from_list(["All tenants are parties."]).statements[0].citation
            'line 1 of rules'
        """
        if isinstance(statements, str):
            raise RuleBaseError("from_list takes a list of statements, got one string. Use RuleBase.from_text "
                                "for a text or file, or wrap the statement in a list.")
        system = system or default_system()
        texts = [s.strip() for s in statements]
        formulas, errors = _read_english(system, texts)
        stmts = [Statement(i, t, name, f, e, (t,)) for i, (t, f, e) in enumerate(zip(texts, formulas, errors), 1)]
        return cls(stmts, name=name, notation="english", system=system)

    @classmethod
    def from_fol(cls, lines: str | Path | Sequence[str], *, name: str | None = None,
                 system: SymbolicSystem | None = None) -> RuleBase:
        """First-order formulas in the FOLIO notation, one per line (a file, a text, or a list).

        Facts and questions asked of it are FOL formulas too.

        Example:
            >>> kb = RuleBase.from_fol(["∀x (Tenant(x) → Party(x))"])
            >>> kb.ask("Party(ann)", facts=["Tenant(ann)"]).proved
            True
        """
        from nesy.logic.folparse import parse_fol

        if isinstance(lines, (str, Path)):
            raw, file_name, path = _read_lines(lines, "Rules")
            numbered = list(_numbered(raw))
        else:
            numbered, file_name, path = [(i, s.strip()) for i, s in enumerate(lines, 1)], "", None
        src = name or file_name or "rules"
        stmts = []
        for n, text in numbered:
            try:
                f: Formula | None = parse_fol(text)
                err = _untranslatable(f)
            except ParseError as e:
                f, err = None, str(e)
            stmts.append(Statement(n, text, src, None if err else f, err, (text,)))
        return cls(stmts, name=src, notation="fol", system=system or default_system(), path=path)

    @classmethod
    def from_kg(cls, path: str | Path, *, name: str | None = None,
                system: SymbolicSystem | None = None) -> RuleBase:
        """A ``.kg`` domain file: its ``rule:`` sentences, and its edges as axioms.

        ``is_a``/``entails`` edges read as "Every H is a T.", ``synonym`` as "Every H is a T." and "Every T is an
        H." (one statement), ``excludes``/``antonym`` as "No H is a T."; ``part_of``, ``member_of``, ``similar`` and
        ``related`` edges license no axiom and are listed as unread, with that reason.

        Example:
            >>> kb = RuleBase.from_kg("knowledge/legal/contracts.kg")  # doctest: +SKIP
        """
        from nesy.kg.graph import RELATIONS

        lines, file_name, p = _read_lines(Path(path), "Knowledge")
        src = name or file_name
        system = system or default_system()
        entries: list[tuple[int, str, tuple[str, ...], StatementKind, str | None]] = []
        for n, text in _numbered(lines):
            if text.lower().startswith("rule:"):
                sentence = text[5:].strip()
                entries.append((n, sentence, (sentence,), "statement", None))
                continue
            parts = [x.strip() for x in text.split("|")]
            if len(parts) != 3 or not all(parts):
                entries.append((n, text, (), "edge", "expected 'head | relation | tail' or 'rule: <sentence>'"))
            elif parts[1] not in RELATIONS:
                entries.append((n, text, (), "edge", f"unknown relation {parts[1]!r}; use one of "
                                + ", ".join(RELATIONS)))
            elif parts[1] not in _EDGE_SENTENCES:
                entries.append((n, text, (), "edge", f"a {parts[1]!r} edge licenses no logical axiom (only "
                                + ", ".join(_EDGE_SENTENCES) + " edges do); it is used by the graph only"))
            else:
                h, t = parts[0], parts[2]
                sentences = _EDGE_SENTENCES[parts[1]].format(h=h, t=t, a_h=_article(h), a_t=_article(t))
                entries.append((n, text, tuple(sentences.split("|")), "edge", None))
        todo = [r for _, _, rs, _, err in entries if err is None for r in rs]
        formulas, errors = _read_english(system, todo)
        read = dict(zip(todo, zip(formulas, errors)))
        stmts = []
        for n, text, readings, kind, err in entries:
            if err is not None:
                stmts.append(Statement(n, text, src, None, err, readings, kind))
                continue
            got = [read[r] for r in readings]
            e = next((e for _, e in got if e), None)
            f = None if e else conj([f for f, _ in got if f is not None])
            stmts.append(Statement(n, text, src, f, e, readings, kind))
        return cls(stmts, name=src, notation="english", system=system, path=p)

    # ------------------------------------------------------------------ the statements
    @property
    def name(self) -> str:
        return self._name

    @property
    def notation(self) -> Notation:
        return self._notation

    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def system(self) -> SymbolicSystem:
        if self._system is None:
            self._system = default_system()
        return self._system

    @property
    def statements(self) -> tuple[Statement, ...]:
        """Every statement (retracted ones excluded), in line order."""
        return tuple(s for s in self._statements if s.line not in self._retracted)

    @property
    def unparsed(self) -> tuple[Statement, ...]:
        """The statements that could not be read into logic, each with its ``error``."""
        return tuple(s for s in self.statements if s.formula is None)

    @property
    def retracted(self) -> tuple[int, ...]:
        return tuple(sorted(self._retracted))

    def __len__(self) -> int:
        return len(self.statements)

    def __iter__(self) -> Iterator[Statement]:
        return iter(self.statements)

    def __repr__(self) -> str:
        return (f"RuleBase({self._name!r}, {len(self)} statements, {len(self.unparsed)} unread, "
                f"notation={self._notation!r})")

    def statement(self, line: int) -> Statement:
        """The statement on ``line``.

        Raises:
            RuleBaseError: no statement on that line (a comment, a blank line, retracted, or past the end).
        """
        for s in self.statements:
            if s.line == line:
                return s
        lines = [s.line for s in self.statements]
        span = f"lines {_ranges(lines)}" if lines else "no lines"
        raise RuleBaseError(f"Line {line} of {self._name} holds no statement (statements are on {span}). "
                            "Give the line number of a rule, as `nesy check` prints it.")

    def without(self, lines: Iterable[int]) -> RuleBase:
        """A copy with the statements on ``lines`` retracted (citations keep the original line numbers)."""
        lines = list(lines)
        for n in lines:
            self.statement(n)
        return RuleBase(self._statements, name=self._name, notation=self._notation, system=self._system,
                        path=self._path, retracted=self._retracted | set(lines))

    def to_dict(self) -> dict[str, Any]:
        return {"name": self._name, "notation": self._notation, "path": None if self._path is None else str(self._path),
                "retracted": list(self.retracted), "statements": [s.to_dict() for s in self.statements]}

    # ------------------------------------------------------------------ assembling problems
    def read_facts(self, facts: str | Sequence[str]) -> tuple[str, ...]:
        """Facts as a tuple of statements (a string is split into sentences, FOL strings kept whole)."""
        if isinstance(facts, str):
            if self._notation == "fol":
                return (facts,)
            from nesy.data import split_sentences

            return tuple(split_sentences(facts)) or (facts,)
        return tuple(str(f) for f in facts)

    def problem(self, question: str, facts: str | Sequence[str] = ()) -> Problem:
        """The problem ``ask`` decides: the facts, then every statement that was read into logic."""
        return self._assemble(question, self.read_facts(facts))[0]

    def _assemble(self, question: str, facts: tuple[str, ...]) -> tuple[Problem, list[_Origin]]:
        origins = [_Origin(fact=i) for i in range(len(facts))]
        texts = list(facts)
        for s in self.statements:
            if s.formula is None:
                continue
            for r in s.readings:
                texts.append(r)
                origins.append(_Origin(statement=s))
        meta = {"rule_base": self._name, "n_facts": len(facts),
                "rule_statements": tuple(range(len(facts), len(texts)))}
        if self._notation == "fol":
            problem = Problem(id=f"rules:{self._name}", premises=tuple(texts), hypothesis=question,
                              premises_fol=tuple(texts), hypothesis_fol=question,
                              metadata={**meta, "formal": True}, reading="classical")
        else:
            problem = Problem(id=f"rules:{self._name}", premises=tuple(texts), hypothesis=question,
                              metadata=meta, reading="classical")
        return problem, origins

    def formalize(self, question: str, facts: str | Sequence[str] = ()) -> tuple[Formalization, list[_Origin]]:
        """The assembled problem read into logic, with the origin of each premise (for abduction and checks)."""
        problem, origins = self._assemble(question, self.read_facts(facts))
        return self.system.formalize(problem), origins

    # ------------------------------------------------------------------ asking
    def ask(self, question: str, facts: str | Sequence[str] = (), *, reasoner: Any = None) -> Verdict:
        """Answer ``question`` from ``facts`` and the rules; the proof cites facts and rule lines.

        Args:
            question: The statement to decide (English, or FOL for a FOL rule base).
            facts: The facts of the case (a list, or a text split into sentences).
            reasoner: Answer with this :class:`~nesy.reasoner.Reasoner` (network + graph + logic + fusion)
                instead of the symbolic system alone; it is given the facts followed by the rule statements.

        Returns:
            A :class:`~nesy.types.Verdict`; its proof steps cite ``fact N`` and ``line N of <source>``
            (:meth:`cited_lines` lists the rule lines).

        Example:
            >>> kb = RuleBase.from_list(["All minors lack contractual capacity."])
            >>> print(kb.ask("Bob lacks contractual capacity.", facts=["Bob is a minor."]).trace.summary)
            Proved: the question follows from fact 1 and line 1 of rules (Z3: unsat).
        """
        fact_texts = self.read_facts(facts)
        problem, origins = self._assemble(question, fact_texts)
        solver = reasoner if reasoner is not None else self.system
        verdict = solver.solve(problem)
        return self._cite(verdict, origins, own_summary=reasoner is None)

    def cited_lines(self, verdict: Verdict) -> tuple[int, ...]:
        """The rule lines a verdict's proof cites, in line order."""
        by_cite = {s.citation: s.line for s in self._statements}
        return tuple(sorted({by_cite[s.source] for s in verdict.trace.steps if s.source in by_cite}))

    def cited_facts(self, verdict: Verdict) -> tuple[int, ...]:
        """The facts (1-based) a verdict's proof cites."""
        out = set()
        for s in verdict.trace.steps:
            m = re.fullmatch(r"fact (\d+)", s.source or "")
            if m:
                out.add(int(m.group(1)))
        return tuple(sorted(out))

    def _cite(self, verdict: Verdict, origins: list[_Origin], *, own_summary: bool) -> Verdict:
        steps = []
        for step in verdict.trace.steps:
            i = step.premise_index
            if i is None or not 0 <= i < len(origins):
                steps.append(step)
                continue
            o = origins[i]
            if o.statement is not None:
                steps.append(dataclasses.replace(step, kind="rule" if step.kind == "premise" else step.kind,
                                                 premise_index=None, source=o.statement.citation))
            else:
                steps.append(dataclasses.replace(step, premise_index=None, source=f"fact {(o.fact or 0) + 1}"))
        trace = dataclasses.replace(verdict.trace, steps=tuple(steps))
        cited = self._citation_phrase(trace.steps)
        renumber = functools.partial(_renumber, origins=origins)
        notes = [renumber(n) for n in trace.notes]
        left_out = [s.line for s in self.unparsed]
        if left_out:
            notes.append(f"{len(left_out)} line(s) of {self._name} could not be read into logic and were left out: "
                         f"{_ranges(left_out)} (`nesy check` says why).")
        if own_summary and verdict.proved and cited:
            if verdict.label is Label.ENTAILMENT:
                summary = f"Proved: the question follows from {cited} (Z3: unsat)."
            else:
                summary = f"Disproved: {cited} contradict the question (Z3: unsat)."
        else:
            summary = renumber(trace.summary)
        return dataclasses.replace(verdict, trace=dataclasses.replace(trace, summary=summary, notes=tuple(notes)))

    def _citation_phrase(self, steps: Sequence[ProofStep]) -> str:
        facts = sorted({int(m.group(1)) for s in steps if (m := re.fullmatch(r"fact (\d+)", s.source or ""))})
        by_cite = {s.citation: s.line for s in self._statements}
        lines = sorted({by_cite[s.source] for s in steps if s.source in by_cite})
        parts = []
        if facts:
            parts.append(f"fact{'s' if len(facts) > 1 else ''} {_ranges(facts, join=True)}")
        if lines:
            parts.append(f"line{'s' if len(lines) > 1 else ''} {_ranges(lines, join=True)} of {self._name}")
        return _join_parts(parts)

    # ------------------------------------------------------------------ checking, explaining
    def check(self, facts: RuleBase | str | Sequence[str] | None = None, *, max_conflicts: int = limits.MAX_CONFLICTS,
              timeout_ms: int = limits.CHECK_TIMEOUT_MS, budget_s: float = limits.CHECK_BUDGET_S) -> CheckReport:
        """Consistency of the rule base (with ``facts``, if given): see :func:`nesy.rules.check.check_rules`."""
        from nesy.rules.check import check_rules

        if facts is not None and not isinstance(facts, RuleBase):
            facts = self.facts_base(facts)
        return check_rules(self, facts, max_conflicts=max_conflicts, timeout_ms=timeout_ms, budget_s=budget_s)

    def facts_base(self, facts: str | Path | Sequence[str], *, name: str | None = None) -> RuleBase:
        """Facts read like this rule base (same notation and reader), for :meth:`check`: a file, a text or a list."""
        if isinstance(facts, Path) or (isinstance(facts, str) and ("\n" in facts or _looks_like_path(facts))):
            if self._notation == "fol":
                return RuleBase.from_fol(facts, name=name, system=self._system)
            return RuleBase.from_text(facts, name=name, system=self._system)
        items = [facts] if isinstance(facts, str) else [str(f) for f in facts]
        if self._notation == "fol":
            return RuleBase.from_fol(items, name=name or "facts", system=self._system)
        return RuleBase.from_list(items, name=name or "facts", system=self._system)

    def why_not(self, question: str, facts: str | Sequence[str] = (), *,
                max_candidates: int = limits.ABDUCTION_MAX_CANDIDATES, max_size: int = limits.ABDUCTION_MAX_SET,
                max_explanations: int = limits.ABDUCTION_MAX_EXPLANATIONS,
                budget_s: float = limits.ABDUCTION_BUDGET_S) -> WhyNot:
        """The missing facts that would make ``question`` provable: see :func:`nesy.rules.explain.why_not`."""
        from nesy.rules.explain import why_not

        return why_not(self, question, facts, max_candidates=max_candidates, max_size=max_size,
                       max_explanations=max_explanations, budget_s=budget_s)

    def what_if(self, question: str, facts: str | Sequence[str] = (), *, add: Sequence[str] = (),
                retract: Sequence[str | int] = (), reasoner: Any = None) -> WhatIf:
        """The answer with facts added and facts or rule lines retracted: see :func:`nesy.rules.explain.what_if`."""
        from nesy.rules.explain import what_if

        return what_if(self, question, facts, add=add, retract=retract, reasoner=reasoner)


def _read_english(system: SymbolicSystem, texts: Sequence[str]) -> tuple[list[Formula | None], list[str | None]]:
    """Read English statements with the system's reader (one problem, read classically)."""
    if not texts:
        return [], []
    form = system.formalize(Problem(id="rules", premises=tuple(texts), reading="classical",
                                    metadata={"rule_statements": tuple(range(len(texts)))}))
    formulas: list[Formula | None] = []
    errors: list[str | None] = []
    for i, f in enumerate(form.premises):
        err = form.errors.get(i)
        if f is None:
            err = err or "the reader returned no formula"
        else:
            err = err or _untranslatable(f)
        formulas.append(None if err else f)
        errors.append(err)
    return formulas, errors


def _untranslatable(f: Formula | None) -> str | None:
    """Why ``f`` cannot go to Z3, or None when it can."""
    import z3

    from nesy.logic.z3_backend import Z3Translator

    if f is None:
        return None
    try:
        Z3Translator(_z3_context()).formula(f)
    except (ParseError, z3.Z3Exception, TypeError) as err:
        return f"the formula {f} cannot be given to Z3 ({err})"
    return None


@functools.lru_cache(maxsize=1)
def _z3_context() -> Any:
    import z3

    return z3.Context()


def _ranges(nums: Sequence[int], *, join: bool = False) -> str:
    """``1, 2, 3, 7`` → ``1-3, 7`` (runs of three or more shortened); with ``join``, ``1-3 and 7``."""
    nums = sorted(set(nums))
    parts: list[str] = []
    i = 0
    while i < len(nums):
        j = i
        while j + 1 < len(nums) and nums[j + 1] == nums[j] + 1:
            j += 1
        parts.extend([f"{nums[i]}-{nums[j]}"] if j >= i + 2 else [str(x) for x in nums[i:j + 1]])
        i = j + 1
    if join and len(parts) > 1:
        return ", ".join(parts[:-1]) + " and " + parts[-1]
    return ", ".join(parts)


def _join_parts(parts: Sequence[str]) -> str:
    """``fact 1`` + ``lines 2 and 3 of r`` → ``fact 1 and lines 2 and 3 of r``; a comma where a part has 'and'."""
    if len(parts) == 2 and " and " in parts[0]:
        return f"{parts[0]}, and {parts[1]}"
    return " and ".join(parts)


_PREMISE_REF = re.compile(r"\b([Pp])remises? ((?:\d+(?:, | and )?)+)")


def _renumber(text: str, origins: list[_Origin]) -> str:
    """Premise numbers in a message (``premises 1, 3``) turned into facts and rule lines."""

    def sub(m: re.Match[str]) -> str:
        nums = [int(x) for x in re.findall(r"\d+", m.group(2))]
        if not all(1 <= k <= len(origins) for k in nums):
            return m.group(0)
        facts = sorted({(origins[k - 1].fact or 0) + 1 for k in nums if origins[k - 1].statement is None})
        stmts = [origins[k - 1].statement for k in nums if origins[k - 1].statement is not None]
        lines = sorted({s.line for s in stmts if s is not None})
        src = next((s.source for s in stmts if s is not None), "")
        parts = []
        if facts:
            parts.append(f"fact{'s' if len(facts) > 1 else ''} {_ranges(facts, join=True)}")
        if lines:
            parts.append(f"line{'s' if len(lines) > 1 else ''} {_ranges(lines, join=True)} of {src}")
        out = _join_parts(parts)
        trail = " " if m.group(0).endswith(" ") else ""
        return (out[:1].upper() + out[1:] if m.group(1) == "P" else out) + trail

    return _PREMISE_REF.sub(sub, text)

