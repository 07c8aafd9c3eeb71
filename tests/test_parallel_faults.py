"""A Ray worker killed mid-batch loses no work: every problem gets exactly one verdict, in input order."""

from __future__ import annotations

import os
import signal
import time

import pytest

from nesy import parallel
from nesy.types import Label, Problem

ray = pytest.importorskip("ray")

NAMES = ["alan", "bea", "carl", "dora", "emil", "fay", "gus", "hana", "ivo", "jan", "kim", "lea"]


def _problems() -> list[Problem]:
    """FOL problems whose answers alternate and whose proofs name their own individual."""
    out = []
    for i, name in enumerate(NAMES):
        hyp = f"Rough({name})" if i % 2 == 0 else f"¬Rough({name})"
        out.append(Problem(id=f"q{i}", premises=("All red things are rough.", f"{name} is red."), hypothesis=hyp,
                           premises_fol=("∀x (Red(x) → Rough(x))", f"Red({name})"), hypothesis_fol=hyp,
                           metadata={"formal": True}))
    return out


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


def _kill_first_worker(pool: parallel.RayPool) -> None:
    pool.killed_pid = pool._pids[0]  # type: ignore[attr-defined]
    os.kill(pool._pids[0], signal.SIGKILL)


def _check(verdicts, problems) -> None:
    assert len(verdicts) == len(problems)
    for i, (v, p) in enumerate(zip(verdicts, problems)):
        assert v.label is (Label.ENTAILMENT if i % 2 == 0 else Label.CONTRADICTION), p.id
        assert v.proved and NAMES[i] in v.trace.to_text(), p.id  # this problem's own proof, in its place


def _pid_once_back(actor) -> int:
    """The pid of a (restarted) worker, waiting while Ray still restarts it."""
    deadline = time.monotonic() + 60
    while True:
        try:
            return ray.get(actor.pid.remote(), timeout=60)
        except ray.exceptions.ActorUnavailableError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def _solve_killing_a_worker() -> tuple[list, list[Problem], int, int]:
    problems = _problems()
    with parallel.RayPool("symbolic", {"kg": None, "use_fol": True}, workers=2) as pool:
        pool._on_submitted = _kill_first_worker
        t0 = time.perf_counter()
        verdicts = pool.solve_many(problems, chunk_size=1)
        assert time.perf_counter() - t0 < 60
        new_pid = _pid_once_back(pool._actors[0])
        killed = pool.killed_pid  # type: ignore[attr-defined]
    return verdicts, problems, killed, new_pid


def test_a_worker_killed_mid_batch_is_restarted_and_its_chunks_retried(local_ray):
    verdicts, problems, killed, new_pid = _solve_killing_a_worker()
    assert new_pid != killed  # the worker really died and Ray restarted it
    _check(verdicts, problems)


def test_chunks_of_a_killed_worker_are_resubmitted_when_ray_does_not_retry(local_ray, monkeypatch, caplog):
    monkeypatch.setattr(parallel, "MAX_TASK_RETRIES", 0)
    verdicts, problems, killed, new_pid = _solve_killing_a_worker()
    assert new_pid != killed
    _check(verdicts, problems)
    assert "A Ray worker died while answering problems" in caplog.text and "resubmitting them" in caplog.text
