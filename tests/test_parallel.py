from __future__ import annotations

import json
import re

import pytest

from nesy.errors import ConfigError
from nesy.types import Problem

ray = pytest.importorskip("ray")

PROBLEMS = [
    Problem(id=f"p{i}", premises=(f"{name} is big.", "If someone is big then they are red."),
            hypothesis=f"{name} is {adj}.", gold=gold)
    for i, (name, adj, gold) in enumerate([("Bob", "red", "entailment"), ("Anne", "blue", "neutral"),
                                           ("Gary", "red", "entailment"), ("Erin", "cold", "neutral"),
                                           ("Fiona", "red", "entailment")])
]


@pytest.fixture(scope="module")
def ray_local():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


def test_two_ray_workers_give_the_serial_answers_in_order(ray_local):
    from nesy.logic.system import SymbolicSystem
    from nesy.parallel import RayPool

    serial = SymbolicSystem(kg=None).solve_many(PROBLEMS)
    with RayPool("symbolic", {"kg": None}, workers=2) as pool:
        remote = pool.solve_many(PROBLEMS, chunk_size=2)
        assert len(pool._actors) == 2
    assert [v.label for v in remote] == [v.label for v in serial]
    assert [v.proved for v in remote] == [v.proved for v in serial]
    assert remote[0].trace.steps and remote[0].trace.to_text() == serial[0].trace.to_text()


def test_eval_cli_with_two_workers(ray_local, tmp_path, capsys):
    from nesy.cli import main
    from tests.test_cli import PW

    data = tmp_path / "pw.json"
    data.write_text(json.dumps(PW))
    assert main(["eval", str(data), "--system", "symbolic", "--workers", "2", "--json", "--quiet"]) == 0
    out = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert out["n"] == 2 and out["accuracy"] == 1.0 and out["coverage"] == 1.0


def test_workers_must_be_positive():
    from nesy.parallel import RayPool

    with pytest.raises(ConfigError, match=re.escape("workers=0: give a positive number of workers.")):
        RayPool("symbolic", {}, workers=0)
