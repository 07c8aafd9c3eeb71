from __future__ import annotations

import math

import numpy as np
import pytest

from nesy.data import metrics


def test_accuracy_and_macro_f1_by_hand():
    gold = ["a", "a", "b", "b", "c"]
    pred = ["a", "b", "b", "b", "a"]
    assert metrics.accuracy(gold, pred) == pytest.approx(3 / 5)
    # F1(a)=2*(1/2*1/2)/(1) = 0.5 ; F1(b)= P 2/3 R 1 -> 0.8 ; F1(c)=0
    assert metrics.macro_f1(gold, pred, ["a", "b", "c"]) == pytest.approx((0.5 + 0.8 + 0.0) / 3)
    per = metrics.per_label(gold, pred, ["a", "b", "c"])
    assert per["b"]["precision"] == pytest.approx(2 / 3) and per["b"]["support"] == 2
    assert metrics.confusion(gold, pred, ["a", "b", "c"]) == [[1, 1, 0], [0, 2, 0], [1, 0, 0]]


def test_ece_zero_for_perfectly_calibrated_toy_set():
    probs = [[0.8, 0.2]] * 10
    correct = [True] * 8 + [False] * 2
    assert metrics.expected_calibration_error(probs, correct) == pytest.approx(0.0)


def test_ece_known_value_two_bins():
    # conf 0.9 all wrong (5 items) and conf 0.6 all right (5 items): 0.5*0.9 + 0.5*0.4 = 0.65
    probs = [[0.9, 0.1]] * 5 + [[0.6, 0.4]] * 5
    correct = [False] * 5 + [True] * 5
    assert metrics.expected_calibration_error(probs, correct) == pytest.approx(0.65)


def test_ece_noise_floor_matches_simulated_calibrated_models_and_shrinks_with_n():
    rng = np.random.default_rng(1)
    conf = rng.uniform(0.4, 1.0, 500)
    floor = metrics.ece_noise_floor(conf)
    # independent perfectly calibrated label sets score that much ECE on average
    sims = [metrics.expected_calibration_error(conf, rng.random(500) < conf) for _ in range(300)]
    assert floor == pytest.approx(np.mean(sims), rel=0.1)
    assert 0.02 < floor < 0.06
    big = metrics.ece_noise_floor(np.tile(conf, 20))
    assert big < floor / 3  # ~1/sqrt(n)
    assert metrics.ece_noise_floor(np.ones(50)) == 0.0
    assert metrics.ece_noise_floor(conf) == floor  # seeded


def test_brier_and_nll():
    p = np.array([[1.0, 0.0, 0.0], [0.5, 0.5, 0.0]])
    assert metrics.brier_score(p, [0, 1]) == pytest.approx((0 + 0.5) / 2)
    assert metrics.negative_log_likelihood(p, [0, 1]) == pytest.approx(-math.log(0.5) / 2)


def test_coverage_and_report():
    rep = metrics.report(["entailment", "neutral"], ["entailment", "contradiction"],
                         ("entailment", "neutral", "contradiction"), np.array([[0.9, 0.05, 0.05], [0.1, 0.2, 0.7]]),
                         [True, False])
    assert rep.coverage == 0.5 and rep.accuracy == 0.5 and rep.proved_accuracy == 1.0
    assert set(rep.to_dict()) >= {"accuracy", "macro_f1", "ece", "brier", "nll", "coverage", "per_label"}


def test_mismatched_lengths_raise_clear_error():
    with pytest.raises(ValueError, match="different lengths"):
        metrics.accuracy([1, 2], [1])
