"""Scale-out: answer many problems on several workers with Ray.

Each worker is a Ray actor that builds its own copy of the system once (model, graph, Z3 context) and answers
chunks of problems; problems and verdicts travel as their JSON-ready dicts. With no cluster address Ray starts a
local one on this machine (``num_cpus=workers``); set ``address`` (or ``RAY_ADDRESS``) to use an existing cluster.

No lost work: a worker that dies mid-batch (killed, out of memory, a crash in native code) is restarted by Ray
(:data:`MAX_RESTARTS`) and its unfinished chunks are retried on it (:data:`MAX_TASK_RETRIES`); a chunk whose
retries run out is resubmitted to a live worker (:data:`MAX_RESUBMITS`). Each chunk's verdicts are taken once, by
position, so every problem gets exactly one verdict, in input order.

Example:
    >>> from nesy.parallel import solve_distributed  # doctest: +SKIP
    >>> verdicts = solve_distributed("symbolic", {}, problems, workers=2)  # doctest: +SKIP
"""

from __future__ import annotations

import logging
import math
import os
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from nesy.errors import ConfigError, SolverError, SystemUnavailableError
from nesy.types import Problem, Verdict

__all__ = ["RayPool", "DistributedSystem", "solve_distributed", "MAX_RESTARTS", "MAX_TASK_RETRIES", "MAX_RESUBMITS"]

logger = logging.getLogger(__name__)

#: Times Ray restarts a worker that died (each restart rebuilds its system).
MAX_RESTARTS = 3
#: Times Ray retries a chunk that was running or queued on a worker when it died.
MAX_TASK_RETRIES = 2
#: Times the pool resubmits a chunk whose Ray retries ran out, to another live worker.
MAX_RESUBMITS = 2


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

    def pid(self) -> int:
        """The worker's process id (a readiness check; tests kill workers through it)."""
        return os.getpid()


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
        self._pids: list[int] = []
        self._started = False
        #: Test-only hook, called with the pool once every chunk of a batch is submitted (e.g. to kill a worker).
        self._on_submitted: Callable[[RayPool], None] | None = None

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
            actor_cls = ray.remote(num_cpus=1, max_restarts=MAX_RESTARTS, max_task_retries=MAX_TASK_RETRIES)(_Worker)
            self._actors = [actor_cls.remote(self.name, self.options, threads) for _ in range(self.workers)]
            self._pids = ray.get([a.pid.remote() for a in self._actors])  # wait until every worker is built
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
        payloads = [[p.to_dict() for p in chunk] for chunk in chunks]
        index = {self._actors[k % self.workers].solve.remote(payload): k for k, payload in enumerate(payloads)}
        if self._on_submitted is not None:
            self._on_submitted(self)
        results: list[list[dict[str, Any]] | None] = [None] * len(chunks)
        resubmits = [0] * len(chunks)
        disable = (len(chunks) < 4) if show_progress_bar is None else not show_progress_bar
        with tqdm(total=len(problems), desc=f"{self.name} x{self.workers}", disable=disable, unit="item") as bar:
            while index:
                done, _ = ray.wait(list(index), num_returns=1)
                for f in done:
                    k = index.pop(f)
                    try:
                        answer = ray.get(f)
                    except _lost_worker_errors(ray) as err:
                        index[self._resubmit(ray, payloads[k], k, resubmits, err)] = k
                        continue
                    if results[k] is not None or len(answer) != len(chunks[k]):
                        raise SolverError(f"Ray chunk {k} came back with {len(answer)} verdicts for "
                                          f"{len(chunks[k])} problems; this is a bug in nesy.parallel.")
                    results[k] = answer
                    bar.update(len(chunks[k]))
        return [Verdict.from_dict(d) for chunk in results for d in chunk or ()]

    def _resubmit(self, ray: Any, payload: list[dict[str, Any]], k: int, resubmits: list[int],
                  err: BaseException) -> Any:
        """Send chunk ``k`` again, to the next worker, after Ray's own restarts and retries ran out."""
        resubmits[k] += 1
        ids = ", ".join(repr(d["id"]) for d in payload[:3]) + (" …" if len(payload) > 3 else "")
        if resubmits[k] > MAX_RESUBMITS:
            raise SolverError(f"A Ray worker died on every try ({MAX_TASK_RETRIES + 1} per submission, "
                              f"{MAX_RESUBMITS + 1} submissions) of the chunk with problems {ids}: {err}. One of "
                              "them may crash the solver; answer them with workers=1 to see which.") from err
        logger.warning("A Ray worker died while answering problems %s (%s); resubmitting them (%d of %d).",
                       ids, type(err).__name__, resubmits[k], MAX_RESUBMITS)
        return self._actors[(k + resubmits[k]) % self.workers].solve.remote(payload)

    def close(self) -> None:
        """Stop the actors (and the local Ray instance, if this pool started it)."""
        if not self._actors and not self._started:
            return
        ray = _ray()
        for a in self._actors:
            ray.kill(a, no_restart=True)
        self._actors = []
        self._pids = []
        if self._started:
            ray.shutdown()
            self._started = False

    def __enter__(self) -> RayPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _lost_worker_errors(ray: Any) -> tuple[type[BaseException], ...]:
    """The exceptions with which Ray reports that the worker of a task died (not that the task itself failed)."""
    ex = ray.exceptions
    return tuple(getattr(ex, n) for n in ("RayActorError", "ActorDiedError", "ActorUnavailableError",
                                          "WorkerCrashedError", "NodeDiedError") if hasattr(ex, n))


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
