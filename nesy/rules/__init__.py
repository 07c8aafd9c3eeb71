"""Rule bases: write rules in English (or FOL), check them, ask questions, explain the answers.

- :class:`RuleBase` — statements with their file and line, read into logic; ``ask``, ``why_not``, ``what_if``,
  ``check``.
- :func:`~nesy.rules.check.check_rules` — consistency with Z3: minimal conflicting sets of lines, rules that
  never fire, duplicate and subsumed rules, unread lines (``nesy check RULES_FILE``).
- :mod:`nesy.rules.limits` — the bounds of every search here.

Names load on first use (Z3 and spaCy are not imported by ``import nesy.rules``).

Example:
    >>> from nesy.rules import RuleBase
    >>> kb = RuleBase.from_list(["All minors lack contractual capacity.",
    ...                          "All tenants are parties."])
    >>> kb.check().consistent
    True
    >>> kb.ask("Ann is a party.", facts=["Ann is a tenant."]).proved
    True
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from nesy.rules.base import RuleBase, RuleBaseError, RuleFileError, Statement
    from nesy.rules.check import CheckReport, Conflict, NeverFires, Subsumed, Unread, check_rules
    from nesy.rules.explain import Explanation, MissingFact, WhatIf, WhyNot, what_if, why_not

__all__ = ["RuleBase", "Statement", "RuleBaseError", "RuleFileError", "CheckReport", "Conflict", "NeverFires",
           "Subsumed", "Unread", "check_rules", "WhyNot", "Explanation", "MissingFact", "WhatIf", "why_not",
           "what_if"]

_LAZY = {**dict.fromkeys(("RuleBase", "Statement", "RuleBaseError", "RuleFileError"), "nesy.rules.base"),
         **dict.fromkeys(("CheckReport", "Conflict", "NeverFires", "Subsumed", "Unread", "check_rules"),
                         "nesy.rules.check"),
         **dict.fromkeys(("WhyNot", "Explanation", "MissingFact", "WhatIf", "why_not", "what_if"),
                         "nesy.rules.explain")}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'nesy.rules' has no attribute {name!r}")
