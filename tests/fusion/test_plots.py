from __future__ import annotations

from nesy.evaluate import evaluate
from nesy.fusion.plots import reliability_diagram
from nesy.trace import ProofTrace
from nesy.types import LABELS, Problem, Verdict


class _Fixed:
    """A stand-in system with fixed probabilities, to exercise evaluation and plotting."""

    name = "fixed"

    def solve(self, problem):
        return self.solve_many([problem])[0]

    def solve_many(self, problems, *, show_progress_bar=None):
        out = []
        for i, _ in enumerate(problems):
            p = [(0.7, 0.2, 0.1), (0.1, 0.6, 0.3), (0.2, 0.2, 0.6)][i % 3]
            out.append(Verdict(label=LABELS[p.index(max(p))], probabilities=p, trace=ProofTrace(), system="fixed"))
        return out


def test_evaluate_and_reliability_diagram(tmp_path):
    golds = ["entailment", "neutral", "neutral", "entailment", "neutral", "contradiction"]
    probs = [Problem(id=str(i), premises=("a",), hypothesis="b", gold=g) for i, g in enumerate(golds)]
    ev = evaluate(_Fixed(), probs, path="toy")
    d = ev.to_dict()
    assert d["n"] == 6 and abs(d["accuracy"] - 5 / 6) < 1e-9 and d["coverage"] == 0.0
    out = reliability_diagram(ev, tmp_path / "rel.png")
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
