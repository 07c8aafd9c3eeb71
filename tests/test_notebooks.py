"""Execute the notebooks top to bottom, offline (the slow ones only with ``-m slow``)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))
DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def _params() -> list:
    out = []
    for path in NOTEBOOKS:
        slow = nbformat.read(path, as_version=4).metadata.get("nesy", {}).get("slow", False)
        out.append(pytest.param(path, id=path.stem, marks=[pytest.mark.slow] if slow else []))
    return out


def test_there_are_notebooks():
    assert len(NOTEBOOKS) >= 6


@pytest.mark.parametrize("path", _params())
def test_notebook_runs_offline(path, tmp_path):
    nb = nbformat.read(path, as_version=4)
    if nb.metadata.get("nesy", {}).get("slow") and not DATA.is_dir():
        pytest.skip("needs ../shared/data")
    os.environ["HF_HUB_OFFLINE"] = "1"
    client = nbclient.NotebookClient(nb, timeout=900, kernel_name="python3",
                                     resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors
