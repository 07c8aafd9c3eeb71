"""Input and resource limits: every bound nesy puts on what it reads, in one place.

nesy answers untrusted text. Each limit below is a named constant, and the helpers raise
:class:`~nesy.errors.InputError` (or :class:`~nesy.errors.FormulaLimitError` for formulas) past it, with a
message that says what was found, what the limit is, and how to get under it. The values leave a wide margin
over every dataset nesy reads (the largest visible items: a 1,421-character NLI4CT premise, 146 premises, 14,121
characters per problem, 7 options, a FOLIO formula of 289 characters nested 8 levels deep).

The Z3 figures (time per check, memory per problem, checks per proof search) are the budgets the logic checker
applies; they are defined here so that every limit is read from one place.

Example:
    >>> from nesy import limits
    >>> limits.check_text("Bob is red.", "premise 1")
    'Bob is red.'
    >>> limits.check_text("x" * (limits.MAX_TEXT_CHARS + 1), "premise 1")
    Traceback (most recent call last):
    ...
    nesy.errors.InputError: premise 1 has 10,001 characters; nesy reads at most 10,000 (nesy.limits.MAX_TEXT_CHARS). Split the text into sentences (one premise each) or shorten it.
"""

from __future__ import annotations

from collections.abc import Sequence

from nesy.errors import FormulaLimitError, InputError

__all__ = [
    "MAX_TEXT_CHARS", "MAX_PREMISES", "MAX_PROBLEM_CHARS", "MAX_OPTIONS", "MAX_ID_CHARS",
    "MAX_FORMULA_CHARS", "MAX_FORMULA_DEPTH", "MAX_FORMULA_NODES",
    "Z3_TIMEOUT_MS", "Z3_MEMORY_MB", "Z3_PROBLEM_BUDGET_MS", "MAX_AXIOMS", "ABDUCTION_MAX_CHECKS",
    "MINIMIZE_MAX_CHECKS", "SELECT_MIN_PREMISES", "MAX_DATASET_BYTES", "MAX_ARTIFACT_BYTES",
    "MAX_GRAPH_BYTES",
    "check_text", "check_texts", "check_problem_size", "check_formula_text", "check_formula_shape", "shorten",
]

# ----------------------------------------------------------------------------- text
#: Characters in one premise, hypothesis or option. spaCy refuses texts over 1,000,000 characters (E088) and
#: the network reads at most 256 tokens of a pair, so a longer text is either a passage to split into sentences
#: or not text at all. The English parser reads one premise as one unit.
MAX_TEXT_CHARS = 10_000
#: Premises in one problem (NLI4CT's longest trial sections give 146).
MAX_PREMISES = 1_000
#: Characters of one problem altogether: premises, hypothesis, options and FOL annotations.
MAX_PROBLEM_CHARS = 200_000
#: Options of one multiple-choice question (one per letter A-Z).
MAX_OPTIONS = 26
#: Characters of a problem id.
MAX_ID_CHARS = 1_000

# ----------------------------------------------------------------------------- formulas
#: Characters of one FOL formula (as text).
MAX_FORMULA_CHARS = MAX_TEXT_CHARS
#: Nesting depth of a formula: every connective or quantifier is one level, an atom is level 1, so
#: ``∀x (Dog(x) → Animal(x))`` has depth 3. nesy's formula helpers (printing, substitution, Z3 translation,
#: the directional reading) recurse over the formula with two or three Python frames per level; 100 levels keep
#: them far inside Python's default recursion limit (1,000), wherever they are called from. Parentheses alone
#: add no depth: ``((((P))))`` is the atom P.
MAX_FORMULA_DEPTH = 100
#: Nodes (atoms, equalities, connectives, quantifiers) of one formula.
MAX_FORMULA_NODES = 10_000

#: Noun-phrase readings one sentence may take (a relative clause is re-read for each term it restricts; an
#: ordinary sentence takes a few dozen). Past it the sentence is refused as too complex.
MAX_NP_READINGS = 2_000

# ----------------------------------------------------------------------------- solver budgets
#: Z3 time limit of one satisfiability check, in milliseconds (``SymbolicSystem(timeout_ms=...)``'s default).
Z3_TIMEOUT_MS = 5_000
#: Z3 memory limit (``memory_max_size``), in megabytes, for the checks of one problem.
Z3_MEMORY_MB = 2_048
#: Z3 time for all the checks of one problem together (entailment, contradiction, core minimisation,
#: abduction), in milliseconds. Past it the outcome is TIMEOUT, said so in the trace.
Z3_PROBLEM_BUDGET_MS = 30_000
#: Background axioms (knowledge-graph relations, rule bases, phrase axioms) added to one problem.
MAX_AXIOMS = 500
#: Satisfiability checks one abduction (axiom selection) may spend on a problem.
ABDUCTION_MAX_CHECKS = 50
#: Satisfiability checks one unsat-core minimisation may spend on a problem.
MINIMIZE_MAX_CHECKS = 100

#: Above this many premises the checker first tries the premises relevant to the hypothesis (SInE selection).
SELECT_MIN_PREMISES = 24

# ----------------------------------------------------------------------------- files
#: Bytes of one dataset file (SNLI's and MultiNLI's training files are under 500 MB).
MAX_DATASET_BYTES = 1 << 30
#: Bytes of a JSON artifact: a fusion model, a rule or knowledge file, a model folder's config.
MAX_ARTIFACT_BYTES = 64 << 20
#: Bytes of a knowledge-graph file once decompressed (the shipped WordNet graph: 11.6 MB).
MAX_GRAPH_BYTES = 1 << 30


def shorten(text: str, width: int = 80) -> str:
    """``text`` cut to ``width`` characters with an ellipsis, for error messages about long input."""
    return text if len(text) <= width else text[: width - 1] + "…"


def check_text(text: object, what: str, *, limit: int = MAX_TEXT_CHARS, limit_name: str = "MAX_TEXT_CHARS",
               empty_ok: bool = True) -> str:
    """Return ``text`` if it is a string nesy can read, else raise :class:`~nesy.errors.InputError`.

    A readable text is a ``str`` (not bytes, None or a number) of at most ``limit`` characters, holding no NUL
    character and no lone surrogate (half of a UTF-16 pair, which is not Unicode text and cannot be encoded).

    Args:
        text: The value to check.
        what: What it is, for the message (``"premise 3"``, ``"the hypothesis"``).
        limit: Most characters allowed.
        limit_name: The constant of this module ``limit`` comes from, for the message.
        empty_ok: Whether the empty string is allowed.
    """
    if not isinstance(text, str):
        hint = " Decode it first: text.decode('utf-8')." if isinstance(text, (bytes, bytearray)) else ""
        raise InputError(f"{what} must be a string, got {type(text).__name__} ({shorten(repr(text), 60)}).{hint}")
    if len(text) > limit:
        raise InputError(f"{what} has {len(text):,} characters; nesy reads at most {limit:,} (nesy.limits."
                         f"{limit_name}). Split the text into sentences (one premise each) or shorten it.")
    if not empty_ok and not text.strip():
        raise InputError(f"{what} is empty; give some text.")
    if "\x00" in text:
        raise InputError(f"{what} contains a NUL character (position {text.index(chr(0))}); "
                         "remove it: text.replace('\\x00', '').")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as err:
        raise InputError(f"{what} contains a lone surrogate {text[err.start]!r} at position {err.start}, which is "
                         "not Unicode text. Decode the source bytes with errors='replace'.") from None
    return text


def check_texts(texts: object, what: str, *, max_items: int, limit_name: str, item: str) -> tuple[str, ...]:
    """``texts`` as a tuple of checked strings (:func:`check_text`); InputError for a non-sequence, a bare
    string, or more than ``max_items`` items.

    Args:
        texts: A tuple or list of strings.
        what: The whole (``"premises"``), for the message.
        max_items: Most items allowed.
        limit_name: The constant of this module ``max_items`` comes from, for the message.
        item: One item (``"premise"``); messages number items from 1.
    """
    if isinstance(texts, str):
        raise InputError(f"{what} must be a tuple of strings, got one string ({shorten(repr(texts), 60)}). "
                         f"Wrap it: ({shorten(repr(texts), 30)},).")
    if not isinstance(texts, (tuple, list)):
        raise InputError(f"{what} must be a tuple of strings, got {type(texts).__name__}.")
    if len(texts) > max_items:
        raise InputError(f"{len(texts):,} {what}; nesy reads at most {max_items:,} per problem "
                         f"(nesy.limits.{limit_name}). Split the problem or keep the {what} that matter.")
    return tuple(check_text(t, f"{item} {i}") for i, t in enumerate(texts, 1))


def check_problem_size(premises: Sequence[str], hypothesis: str = "", options: Sequence[str] | None = None, *,
                       extra: Sequence[str] = ()) -> int:
    """Total characters of one problem (premises, hypothesis, options and ``extra`` texts such as FOL
    annotations); InputError past :data:`MAX_PREMISES`, :data:`MAX_OPTIONS` or :data:`MAX_PROBLEM_CHARS`."""
    if len(premises) > MAX_PREMISES:
        raise InputError(f"{len(premises):,} premises; nesy reads at most {MAX_PREMISES:,} per problem "
                         "(nesy.limits.MAX_PREMISES). Split the problem or keep the premises that matter.")
    if options is not None and len(options) > MAX_OPTIONS:
        raise InputError(f"{len(options):,} options; nesy reads at most {MAX_OPTIONS} per question "
                         "(nesy.limits.MAX_OPTIONS).")
    total = sum(map(len, premises)) + len(hypothesis) + sum(map(len, options or ())) + sum(map(len, extra))
    if total > MAX_PROBLEM_CHARS:
        raise InputError(f"The problem has {total:,} characters of text; nesy reads at most {MAX_PROBLEM_CHARS:,} "
                         "per problem (nesy.limits.MAX_PROBLEM_CHARS). Keep the premises that matter.")
    return total


def check_formula_text(text: str) -> str:
    """``text`` if it is short enough to parse as one formula, else :class:`~nesy.errors.FormulaLimitError`."""
    if len(text) > MAX_FORMULA_CHARS:
        raise FormulaLimitError(f"Formula {shorten(text, 40)!r} has {len(text):,} characters; nesy parses at most "
                                f"{MAX_FORMULA_CHARS:,} per formula (nesy.limits.MAX_FORMULA_CHARS). "
                                "Split it into several premises.")
    return text


def check_formula_shape(depth: int, nodes: int, what: str) -> None:
    """FormulaLimitError when a formula is deeper than :data:`MAX_FORMULA_DEPTH` or has more than
    :data:`MAX_FORMULA_NODES` nodes; ``what`` names it (``"Formula '¬¬¬P'"``)."""
    if depth > MAX_FORMULA_DEPTH:
        raise FormulaLimitError(f"{what} is nested more than {MAX_FORMULA_DEPTH} levels deep "
                                "(nesy.limits.MAX_FORMULA_DEPTH); flatten it (a chain of ¬¬ cancels, A ∧ (B ∧ C) "
                                "is A ∧ B ∧ C) or split it into several premises.")
    if nodes > MAX_FORMULA_NODES:
        raise FormulaLimitError(f"{what} has more than {MAX_FORMULA_NODES:,} parts "
                                "(nesy.limits.MAX_FORMULA_NODES); split it into several premises.")
