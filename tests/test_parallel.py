from __future__ import annotations

import json
import re

import pytest

from nesy.errors import ConfigError

ray = pytest.importorskip("ray")


def test_eval_on_two_ray_workers_matches_the_serial_run(tmp_path, capsys):
    """One local Ray instance, two actors, chunks of one problem: verdicts come back complete and in order."""
    from nesy.cli import main
    from tests.test_cli import PW

    data = tmp_path / "pw.json"
    data.write_text(json.dumps(PW + [dict(p, id=p["id"] + "b") for p in PW]))
    serial, remote = tmp_path / "serial.jsonl", tmp_path / "remote.jsonl"
    assert main(["eval", str(data), "--system", "symbolic", "--json", "--quiet", "--predictions", str(serial)]) == 0
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        from nesy.parallel import RayPool

        with RayPool("symbolic", {"kg": None}, workers=2) as pool:
            from nesy.data import load

            verdicts = pool.solve_many(load(data), chunk_size=1)
            assert len(pool._actors) == 2
        assert [v.label.value for v in verdicts] == ["entailment", "contradiction"] * 2
        assert all(v.proved and v.trace.steps for v in verdicts)
        assert main(["eval", str(data), "--system", "symbolic", "--workers", "2", "--json", "--quiet",
                     "--predictions", str(remote)]) == 0
    finally:
        ray.shutdown()
    out = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert out["n"] == 4 and out["accuracy"] == 1.0 and out["coverage"] == 1.0
    strip = [{k: v for k, v in json.loads(line).items() if k != "seconds"} for line in serial.read_text().splitlines()]
    again = [{k: v for k, v in json.loads(line).items() if k != "seconds"} for line in remote.read_text().splitlines()]
    assert again == strip


def test_workers_must_be_positive():
    from nesy.parallel import RayPool

    with pytest.raises(ConfigError, match=re.escape("workers=0: give a positive number of workers.")):
        RayPool("symbolic", {}, workers=0)

