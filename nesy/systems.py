"""The reasoning systems behind ``--system``: a registry of factories.

A system turns a :class:`~nesy.types.Problem` into a :class:`~nesy.types.Verdict`.
Systems are built lazily: nothing heavy happens until one is asked for.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any, Protocol, runtime_checkable

from nesy.errors import SystemUnavailableError
from nesy.types import SYSTEMS, Problem, SystemName, Verdict, check_choice

__all__ = ["System", "get_system", "register_system"]

logger = logging.getLogger(__name__)


@runtime_checkable
class System(Protocol):
    """Anything that answers problems."""

    name: str

    def solve(self, problem: Problem) -> Verdict: ...

    def solve_many(self, problems: Sequence[Problem], *, show_progress_bar: bool | None = None) -> list[Verdict]: ...


_FACTORIES: dict[str, Callable[..., System]] = {}


def register_system(name: str, factory: Callable[..., System]) -> None:
    """Register a factory for a system name (used by the stage subpackages)."""
    _FACTORIES[name] = factory


def _load_builtin(name: str) -> None:
    if name in _FACTORIES:
        return
    if name == "symbolic":
        from nesy.logic.system import SymbolicSystem

        register_system("symbolic", SymbolicSystem)
    elif name == "neural":
        from nesy.nli.system import NeuralSystem

        register_system("neural", NeuralSystem.default)
    elif name == "nesy":
        from nesy.reasoner import Reasoner

        register_system("nesy", Reasoner.default)


def get_system(name: SystemName | str, **options: Any) -> System:
    """Build the system called ``name``.

    Raises:
        ConfigError: ``name`` is not one of ``neural``, ``symbolic``, ``nesy``.
        SystemUnavailableError: the system's parts are not available in this installation.
    """
    check_choice("system", name, SYSTEMS)
    try:
        _load_builtin(name)
    except ImportError as err:
        raise SystemUnavailableError(
            f"The {name!r} system is not available: {err}. Reinstall nesy with `make install` "
            f"or choose another system ({', '.join(SYSTEMS)})."
        ) from err
    return _FACTORIES[name](**options)
