"""Scale-out: answer many problems on several workers with Ray.

Each worker is a Ray actor that builds its own copy of the system once (model, graph, Z3 context) and answers
chunks of problems; problems and verdicts travel as their JSON-ready dicts. With no cluster address Ray starts a
local one on this machine (``num_cpus=workers``); set ``address`` (or ``RAY_ADDRESS``) to use an existing cluster.

Example:
    >>> from nesy.parallel import solve_distributed  # doctest: +SKIP
    >>> verdicts = solve_distributed("symbolic", {}, problems, workers=2)  # doctest: +SKIP
"""

from __future__ import annotations

import logging
import math
import os
from collections.abc import Mapping, Sequence
from typing import Any

from nesy.errors import ConfigError, SystemUnavailableError
from nesy.types import Problem, Verdict

__all__ = ["RayPool", "DistributedSystem", "solve_distributed"]

logger = logging.getLogger(__name__)


class _Worker:
    """One Ray actor: a system built once, answering chunks."""

    def __init__(self, name: str, options: Mapping[str, Any], threads: int) -> None:
        import sys

        from nesy.systems import get_system

        self.system = get_system(name, **dict(options))
        if "torch" in sys.modules:  # share the machine's cores between the workers' networks
            sys.modules["torch"].set_num_threads(threads)

    def solve(self, problems: list[dict[str, Any]]) -> list[dict[str, Any]]:
        batch = [Problem.from_dict(d) for d in problems]
        return [v.to_dict() for v in self.system.solve_many(batch, show_progress_bar=False)]


def _ray() -> Any:
    try:
        import ray
    except ImportError as err:
        raise SystemUnavailableError(
            "workers > 1 needs Ray, which is not installed. Install it with `pip install 'nesy[ray]'` "
            "(or `pip install ray`), or use workers=1."
        ) from err
    return ray


class RayPool:
    """``workers`` Ray actors, each holding one copy of the system ``name``; reusable until :meth:`close`."""

    def __init__(self, name: str, options: Mapping[str, Any], *, workers: int, address: str | None = None) -> None:
        if workers < 1:
            raise ConfigError(f"workers={workers}: give a positive number of workers.")
        self.name = name
        self.options = dict(options)
        self.workers = workers
        self.address = address or os.environ.get("RAY_ADDRESS")
        self._actors: list[Any] = []
        self._started = False

    def _ensure(self) -> Any:
        ray = _ray()
        if not ray.is_initialized():
            kwargs: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False,
                                      "logging_level": logging.WARNING}
            if self.address:
                kwargs["address"] = self.address
            else:
                kwargs["num_cpus"] = self.workers
            ray.init(**kwargs)
            self._started = True
        if not self._actors:
            threads = max(1, (os.cpu_count() or self.workers) // self.workers)
            actor_cls = ray.remote(num_cpus=1)(_Worker)
            self._actors = [actor_cls.remote(self.name, self.options, threads) for _ in range(self.workers)]
        return ray

    def solve_many(self, problems: Sequence[Problem], *, chunk_size: int | None = None,
                   show_progress_bar: bool | None = None) -> list[Verdict]:
        """Verdicts in the order of ``problems``. ``chunk_size`` defaults to about four chunks per worker (at
        most 256 problems each), so one slow chunk does not hold the others up."""
        if not problems:
            return []
        ray = self._ensure()
        from tqdm.auto import tqdm

        size = chunk_size or max(1, min(256, math.ceil(len(problems) / (4 * self.workers))))
        chunks = [problems[i:i + size] for i in range(0, len(problems), size)]
        logger.info("Ray: %d workers, %d chunks of up to %d problems", self.workers, len(chunks), size)
        futures = [self._actors[k % self.workers].solve.remote([p.to_dict() for p in chunk])
                   for k, chunk in enumerate(chunks)]
        index = {f: k for k, f in enumerate(futures)}
        results: list[list[dict[str, Any]]] = [[] for _ in chunks]
        pending = list(futures)
        disable = (len(chunks) < 4) if show_progress_bar is None else not show_progress_bar
        with tqdm(total=len(problems), desc=f"{self.name} x{self.workers}", disable=disable, unit="item") as bar:
            while pending:
                done, pending = ray.wait(pending, num_returns=1)
                for f in done:
                    k = index[f]
                    results[k] = ray.get(f)
                    bar.update(len(chunks[k]))
        return [Verdict.from_dict(d) for chunk in results for d in chunk]

    def close(self) -> None:
        """Stop the actors (and the local Ray instance, if this pool started it)."""
        if not self._actors and not self._started:
            return
        ray = _ray()
        for a in self._actors:
            ray.kill(a)
        self._actors = []
        if self._started:
            ray.shutdown()
            self._started = False

    def __enter__(self) -> RayPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class DistributedSystem:
    """A :class:`~nesy.systems.System` that answers on a :class:`RayPool` (``nesy eval --workers N``)."""

    def __init__(self, name: str, options: Mapping[str, Any], *, workers: int, address: str | None = None) -> None:
        self.name = name
        self.pool = RayPool(name, options, workers=workers, address=address)

    def solve(self, problem: Problem) -> Verdict:
        return self.solve_many([problem], show_progress_bar=False)[0]

    def solve_many(self, problems: Sequence[Problem], *, show_progress_bar: bool | None = None) -> list[Verdict]:
        return self.pool.solve_many(problems, show_progress_bar=show_progress_bar)

    def close(self) -> None:
        self.pool.close()


def solve_distributed(name: str, options: Mapping[str, Any], problems: Sequence[Problem], *, workers: int,
                      chunk_size: int | None = None, address: str | None = None,
                      show_progress_bar: bool | None = None) -> list[Verdict]:
    """Answer ``problems`` with the system ``name`` (built with ``options``) on ``workers`` Ray actors, in order."""
    with RayPool(name, options, workers=workers, address=address) as pool:
        return pool.solve_many(problems, chunk_size=chunk_size, show_progress_bar=show_progress_bar)
