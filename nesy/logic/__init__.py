"""Logic: FOL AST, parsers (English and FOLIO notation) and the Z3 checker."""

from __future__ import annotations

from nesy.logic.checker import LogicChecker, LogicResult, Outcome
from nesy.logic.folparse import parse_fol

__all__ = ["LogicChecker", "LogicResult", "Outcome", "parse_fol"]
