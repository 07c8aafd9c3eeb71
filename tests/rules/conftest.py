"""Rule-base fixtures: the reader is the real symbolic system (spaCy + Z3), loaded once per session."""

from __future__ import annotations

import pytest

#: A small legal rule base in plain English; line 4 (Bob is a minor) and line 6 contradict through line 2.
RULES = """# capacity (source: general contract law)
All minors lack contractual capacity.
All tenants are parties.
Bob is a minor.

Bob does not lack contractual capacity.
"""

CONSISTENT = """# capacity (source: general contract law)
All minors lack contractual capacity.
All tenants are parties.
Bob is a minor.
"""


@pytest.fixture(scope="session")
def system():
    from nesy.rules.base import default_system

    return default_system()


@pytest.fixture()
def rules_file(tmp_path):
    p = tmp_path / "rules.txt"
    p.write_text(RULES, encoding="utf-8")
    return p


@pytest.fixture()
def consistent_file(tmp_path):
    p = tmp_path / "rules.txt"
    p.write_text(CONSISTENT, encoding="utf-8")
    return p
