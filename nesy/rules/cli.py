"""``nesy check RULES_FILE``: consistency of a rule base, and the lines that conflict, never fire, repeat, or
could not be read.

Exit status: 0 consistent, 1 a conflict was found, 2 bad input (missing or unreadable file, bad option),
3 the solver could not decide within its limits.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from nesy.rules import limits

__all__ = ["add_cli"]


def add_cli(sub: Any) -> None:
    p = sub.add_parser("check", help="check a rule base: conflicting lines, rules that never fire, duplicates, "
                                     "unread lines (exit 0 consistent, 1 conflict, 2 bad input)")
    p.add_argument("rules", metavar="RULES_FILE",
                   help="English statements one per line (# comments), a .kg domain file, or FOL with --fol")
    p.add_argument("--facts", metavar="FILE", help="facts of a case, one per line, checked with the rules")
    p.add_argument("--json", action="store_true", help="print the report as one JSON object")
    p.add_argument("--max-conflicts", type=int, default=limits.MAX_CONFLICTS, metavar="N",
                   help=f"report at most N minimal conflicts, smallest first (default {limits.MAX_CONFLICTS})")
    p.add_argument("--fol", action="store_true", help="the files hold FOL formulas (FOLIO notation), one per line")
    p.add_argument("--budget", type=float, default=limits.CHECK_BUDGET_S, metavar="SECONDS",
                   help=f"time budget of the whole check (default {limits.CHECK_BUDGET_S:.0f})")
    p.set_defaults(func=_cmd_check)


def _cmd_check(args: argparse.Namespace) -> int:
    from nesy.errors import ConfigError
    from nesy.rules.base import RuleBase

    if args.max_conflicts < 1:
        raise ConfigError(f"--max-conflicts must be at least 1, got {args.max_conflicts}.")
    if args.budget <= 0:
        raise ConfigError(f"--budget must be positive, got {args.budget}.")
    path = Path(args.rules)
    if args.fol:
        kb = RuleBase.from_fol(path)
    elif path.suffix == ".kg":
        kb = RuleBase.from_kg(path)
    else:
        kb = RuleBase.from_text(path)
    facts = kb.facts_base(Path(args.facts)) if args.facts else None
    report = kb.check(facts, max_conflicts=args.max_conflicts, budget_s=args.budget)
    print(json.dumps(report.to_dict()) if args.json else report.to_text())
    return report.exit_code
