"""Reliability diagrams (matplotlib, written to PNG)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["reliability_diagram"]


def reliability_diagram(evaluation: Any, path: str | Path, n_bins: int = 15) -> Path:
    """Plot accuracy against confidence (top probability) in ``n_bins`` equal-width bins."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    conf, hit = [], []
    for rec in evaluation.records:
        if rec.get("gold") is None or isinstance(rec.get("gold"), int):
            continue
        probs = rec["probabilities"]
        conf.append(max(probs.values()))
        hit.append(rec["gold"] == rec["pred"])
    conf_a, hit_a = np.asarray(conf), np.asarray(hit, dtype=float)
    edges = np.linspace(0, 1, n_bins + 1)
    mids, accs, counts = [], [], []
    for lo, hi in zip(edges[:-1], edges[1:]):
        m = (conf_a > lo) & (conf_a <= hi)
        if m.any():
            mids.append(conf_a[m].mean())
            accs.append(hit_a[m].mean())
            counts.append(int(m.sum()))
    fig, ax = plt.subplots(figsize=(4.5, 4.5))
    ax.plot([0, 1], [0, 1], "--", color="grey", label="perfect calibration")
    ax.bar(mids, accs, width=1 / n_bins, alpha=0.6, edgecolor="black", label="accuracy per bin")
    ece = evaluation.report.ece
    ax.set_title(f"{evaluation.system} on {Path(evaluation.path).name}\nECE {ece:.3f} (n={len(conf)})")
    ax.set_xlabel("confidence (top probability)")
    ax.set_ylabel("accuracy")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.legend(loc="upper left")
    fig.tight_layout()
    out = Path(path)
    fig.savefig(out, dpi=120)
    plt.close(fig)
    return out
