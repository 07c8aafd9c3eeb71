from __future__ import annotations

import json
import re

import numpy as np
import pytest

from nesy.errors import ConfigError
from nesy.nli.scorer import NliScorer
from nesy.nli.train import NOT_ENTAILED, TrainConfig, _accuracy, _loss, train


def test_two_way_loss_uses_neutral_plus_contradiction():
    import torch

    logits = torch.tensor([[0.0, 1.0, 1.0], [2.0, 0.0, 0.0]])
    labels = torch.tensor([NOT_ENTAILED, 0])
    logp = torch.log_softmax(logits, -1)
    expected = (-torch.logsumexp(logp[0, 1:], 0) - logp[1, 0]) / 2
    assert float(_loss(logits, labels)) == pytest.approx(float(expected))
    assert _accuracy(np.array([1, 0, 2]), np.array([NOT_ENTAILED, 0, NOT_ENTAILED])) == 1.0


def test_config_rejects_bad_values():
    with pytest.raises(ConfigError, match=re.escape("No training data given")):
        TrainConfig(data=(), out="x")
    with pytest.raises(ConfigError, match="holdout"):
        TrainConfig(data=("a",), out="x", holdout=0)


@pytest.mark.parametrize("lora", [True, False])
def test_training_loop_saves_a_loadable_model(tiny_bert, tiny_data, tmp_path, lora):
    out = tmp_path / ("lora" if lora else "full")
    cfg = TrainConfig(data=(str(tiny_data),), out=str(out), base=str(tiny_bert), epochs=1, lr=1e-3, batch_size=16,
                      lora=lora, lora_r=4, lora_alpha=8, holdout=0.2, seed=3)
    result = train(cfg, show_progress_bar=False)
    meta = json.loads((out / "nesy_meta.json").read_text())
    assert meta["counts"][f"{tiny_data.parent.name}/train.jsonl"]["holdout"] > 0
    assert 0.0 <= result.metrics["holdout_accuracy"] <= 1.0
    assert (out / "README.md").read_text().startswith("# nesy entailment model")
    assert (out / ("adapter_model.safetensors" if lora else "model.safetensors")).is_file()
    assert not list(out.glob("*.bin")) and not list(out.glob("*.pkl"))
    # save/load round trip: two loads give identical predictions
    a = NliScorer(str(out), device="cpu").score("A man plays guitar.", "A man plays music.")
    b = NliScorer(str(out), device="cpu").score("A man plays guitar.", "A man plays music.")
    assert a.probabilities == pytest.approx(b.probabilities, abs=1e-6)


def test_training_continues_from_a_saved_adapter(tiny_bert, tiny_data, tmp_path):
    first = tmp_path / "first"
    common = dict(data=(str(tiny_data),), base=str(tiny_bert), epochs=1, lr=1e-3, batch_size=16, lora_r=4,
                  lora_alpha=8, holdout=0.2, seed=3)
    train(TrainConfig(out=str(first), command="nesy train first", **common), show_progress_bar=False)
    second = tmp_path / "second"
    train(TrainConfig(out=str(second), init=str(first), **common), show_progress_bar=False)
    meta = json.loads((second / "nesy_meta.json").read_text())
    assert meta["init"]["command"] == "nesy train first"
    assert "Continued from the adapter" in (second / "README.md").read_text()
    scorer = NliScorer(str(second), device="cpu")
    assert sum(scorer.score("A man plays guitar.", "A man plays music.").probabilities) == pytest.approx(1.0)


def test_init_needs_an_adapter_folder(tmp_path):
    with pytest.raises(ConfigError, match="--init continues a LoRA adapter"):
        TrainConfig(data=("a",), out="x", lora=False, init=str(tmp_path))
