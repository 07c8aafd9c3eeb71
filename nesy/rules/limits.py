"""The bounds of rule-base reasoning, in one place: solver time per check, search sizes and time budgets.

Every search in :mod:`nesy.rules` (conflict enumeration, subsumption, abduction of missing facts) is bounded by
one of these; a result that hit a bound says so (``complete=False``) instead of pretending to be exhaustive.
Pass other values through the keyword arguments of :meth:`~nesy.rules.RuleBase.check` and
:meth:`~nesy.rules.RuleBase.why_not`.

Example:
    >>> from nesy.rules import limits
    >>> limits.ABDUCTION_MAX_SET
    3
"""

from __future__ import annotations

__all__ = [
    "CHECK_TIMEOUT_MS", "CHECK_BUDGET_S", "MAX_CONFLICTS", "MAX_SUBSUMPTION_PAIRS",
    "ABDUCTION_MAX_CANDIDATES", "ABDUCTION_MAX_SET", "ABDUCTION_MAX_EXPLANATIONS", "ABDUCTION_BUDGET_S",
    "MAX_INSTANCES_PER_CONDITION",
]

#: Z3 time limit of one satisfiability check, milliseconds (a check that runs out counts as undecided).
CHECK_TIMEOUT_MS = 2_000
#: Wall-clock budget of one ``check`` (conflicts, rules that never fire, subsumption together), seconds.
CHECK_BUDGET_S = 60.0
#: Minimal conflicting sets reported by default (smallest first).
MAX_CONFLICTS = 10
#: Pairs of lines tested for entailment when looking for duplicate and subsumed rules.
MAX_SUBSUMPTION_PAIRS = 20_000
#: Candidate missing facts tried by ``why_not`` (the most relevant first).
ABDUCTION_MAX_CANDIDATES = 40
#: Largest set of missing facts ``why_not`` proposes.
ABDUCTION_MAX_SET = 3
#: Sets of missing facts ``why_not`` returns.
ABDUCTION_MAX_EXPLANATIONS = 5
#: Wall-clock budget of one ``why_not``, seconds.
ABDUCTION_BUDGET_S = 10.0
#: Ground instances of one rule condition over the individuals of the facts and question.
MAX_INSTANCES_PER_CONDITION = 64
