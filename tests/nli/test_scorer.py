from __future__ import annotations

import re

import numpy as np
import pytest

from nesy.errors import ModelError
from nesy.nli.scorer import NliScore, NliScorer, map_labels
from nesy.types import Label
from tests.nli.conftest import make_tiny_bert


def test_map_labels_any_order_and_case():
    assert map_labels({0: "CONTRADICTION", 1: "Neutral", 2: "entailment"}) == [
        Label.CONTRADICTION, Label.NEUTRAL, Label.ENTAILMENT]
    assert map_labels({"0": "entailment", "1": "not_entailment"}) == [Label.ENTAILMENT, None]


def test_map_labels_unmappable_gives_clear_error():
    with pytest.raises(ModelError, match=re.escape("Cannot map model label 'LABEL_0' (index 0)")):
        map_labels({0: "LABEL_0", 1: "LABEL_1", 2: "LABEL_2"})


def test_scorer_probabilities_follow_label_mapping(tmp_path):
    a = make_tiny_bert(tmp_path / "a", {0: "entailment", 1: "neutral", 2: "contradiction"}, seed=1)
    b = make_tiny_bert(tmp_path / "b", {0: "contradiction", 1: "entailment", 2: "neutral"}, seed=1)
    sa = NliScorer(str(a), device="cpu").score("A man plays.", "A man is playing.")
    sb = NliScorer(str(b), device="cpu").score("A man plays.", "A man is playing.")
    # same weights, permuted names: nesy's probabilities are permuted accordingly
    assert sb.probabilities == pytest.approx((sa.probabilities[1], sa.probabilities[2], sa.probabilities[0]))
    assert sum(sa.probabilities) == pytest.approx(1.0)


def test_two_way_model_puts_not_entailed_mass_on_neutral(tmp_path):
    d = make_tiny_bert(tmp_path / "two", {0: "entailment", 1: "not_entailment"})
    s = NliScorer(str(d), device="cpu").score("A.", "B.")
    assert s.probabilities[2] == 0.0 and sum(s.probabilities) == pytest.approx(1.0)


def test_truncation_keeps_hypothesis_and_says_so(tiny_bert):
    scorer = NliScorer(str(tiny_bert), device="cpu", max_length=32)
    long_premise = " ".join(["word"] * 200)
    short, long = scorer.score_many([("A man plays.", "A man plays."), (long_premise, "A man plays.")])
    assert not short.truncated and long.truncated


def test_batched_scores_match_single_scores(tiny_bert):
    scorer = NliScorer(str(tiny_bert), device="cpu", batch_size=2)
    pairs = [("A man plays guitar on a stage tonight.", "A man plays."), ("Dogs.", "Cats."), ("x y z", "z")]
    batched = scorer.score_many(pairs)
    for pair, b in zip(pairs, batched):
        assert np.allclose(scorer.score(*pair).probabilities, b.probabilities, atol=1e-5)


def test_quantized_scorer_runs(tiny_bert):
    s = NliScorer(str(tiny_bert), device="cpu", quantize=True).score("A man.", "A person.")
    assert sum(s.probabilities) == pytest.approx(1.0)


def test_missing_model_errors_clearly(tmp_path):
    with pytest.raises(ModelError, match="not a local folder"):
        NliScorer(str(tmp_path / "nope"))
    (tmp_path / "empty").mkdir()
    with pytest.raises(ModelError, match="neither config.json nor adapter_config.json"):
        NliScorer(str(tmp_path / "empty"))


def test_nli_score_round_trip():
    s = NliScore((0.7, 0.2, 0.1), (2.0, 0.5, -1.0), True)
    assert NliScore.from_dict(s.to_dict()) == s and s.label is Label.ENTAILMENT


def test_scores_match_a_plain_transformers_forward_pass(tiny_bert):
    import torch

    scorer = NliScorer(str(tiny_bert), device="cpu", batch_size=4)
    pairs = [("A man plays guitar on a stage tonight.", "A man plays."), ("Dogs bark.", "Cats."), ("x y z", "z")]
    enc = scorer.tokenizer([p for p, _ in pairs], [h for _, h in pairs], padding=True, return_tensors="pt")
    with torch.inference_mode():
        ref = torch.softmax(scorer.model(**enc).logits, -1).numpy()
    got = np.array([s.probabilities for s in scorer.score_many(pairs)])
    assert np.allclose(got, ref, atol=1e-5)
