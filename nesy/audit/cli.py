"""``nesy audit bias``."""

from __future__ import annotations

import argparse
import json
from typing import Any

from nesy.types import SYSTEMS

__all__ = ["add_cli"]


def add_cli(sub: Any) -> None:
    from nesy.audit.bias import GROUPS

    p = sub.add_parser("audit", help="audit a system's behaviour")
    audits = p.add_subparsers(dest="audit", required=True)
    b = audits.add_parser("bias", help="biased inferences about gender, religion and nationality (Dev et al., 2020)")
    b.add_argument("--system", choices=SYSTEMS, default="nesy")
    b.add_argument("--model", default=None, help="neural model directory (neural and nesy systems)")
    b.add_argument("--groups", nargs="+", choices=GROUPS, default=list(GROUPS))
    b.add_argument("--limit", type=int, default=None,
                   help="a seeded sample of N occupation/activity slots per group (default: all 600)")
    b.add_argument("--json", action="store_true", help="print the report as JSON")
    b.add_argument("--quiet", action="store_true", help="no progress bar")
    b.set_defaults(func=_cmd_bias)


def _cmd_bias(args: argparse.Namespace) -> int:
    from nesy.audit.bias import audit_bias
    from nesy.cli import _build

    system = _build(args.system, args)
    report = audit_bias(system, groups=args.groups, limit=args.limit,
                        show_progress_bar=None if not args.quiet else False)
    if args.json:
        print(json.dumps(report.to_dict()))
    else:
        print(f"bias audit [{report.system}]  Fraction Neutral {report.fraction_neutral:.3f}  "
              f"Net Neutral {report.net_neutral:.3f}  ({report.seconds:.1f} s)")
        print(report.to_markdown())
    return 0
