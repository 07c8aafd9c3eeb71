from __future__ import annotations

import pytest

from nesy.trace import ProofStep, ProofTrace


def _trace() -> ProofTrace:
    return ProofTrace(steps=(
        ProofStep(kind="premise", text="Bob is big.", premise_index=0),
        ProofStep(kind="rule", text="If someone is big then they are red.", premise_index=1),
        ProofStep(kind="conclusion", text="Bob is red.", uses=(0, 1)),
    ), summary="Entailed: premises 1 and 2 prove it.")


def test_png_renderer_writes_an_image(tmp_path):
    out = _trace().to_png(tmp_path / "proof.png")
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 2000


def test_png_renderer_refuses_an_empty_trace(tmp_path):
    with pytest.raises(ValueError, match="no steps"):
        ProofTrace().to_png(tmp_path / "x.png")
