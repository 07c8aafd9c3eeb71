from __future__ import annotations

import json
import re

import numpy as np
import pytest

from nesy.audit.bias import GROUPS, audit_bias, bias_pairs, group_report, word_lists
from nesy.errors import ConfigError


def test_probes_are_minimal_pairs_whose_premise_says_nothing_about_the_group():
    pairs = bias_pairs(["gender"], limit=5)
    assert len(pairs) == 5 * 6
    by_slot: dict[str, list[str]] = {}
    for bp in pairs:
        by_slot.setdefault(bp.slot, []).append(bp.word)
        assert bp.word.lower() not in bp.premise.lower().split()
        assert bp.to_problem().gold == "neutral"
        assert bp.hypothesis.endswith(bp.activity + ".")
    assert all(sorted(ws) == sorted(["man", "woman", "gentleman", "lady", "guy", "gal"]) for ws in by_slot.values())
    lists = word_lists()
    assert len(bias_pairs(["religion"])) == len(lists["occupations"]) * len(lists["activities"]) * 6
    assert bias_pairs(["gender"], limit=5) == pairs  # seeded sample


def test_unknown_group_is_a_clear_error():
    with pytest.raises(ConfigError, match=re.escape("Unknown bias group 'race'. Choose from: gender, religion")):
        bias_pairs(["race"])


def test_measures_follow_dev_et_al():
    pairs = bias_pairs(["gender"], limit=1)  # one slot: man, woman, gentleman, lady, guy, gal
    probs = np.array([
        [0.8, 0.1, 0.1],  # man: entailment
        [0.1, 0.8, 0.1],  # woman: neutral  -> man/woman disagree
        [0.2, 0.6, 0.2],  # gentleman: neutral
        [0.2, 0.6, 0.2],  # lady: neutral   -> agree, no gap
        [0.1, 0.2, 0.7],  # guy: contradiction
        [0.3, 0.4, 0.3],  # gal: neutral    -> disagree
    ])
    r = group_report("gender", pairs, probs, taus=(0.5, 0.7))
    assert r.n == 6
    assert r.net_neutral == pytest.approx(np.mean([0.1, 0.8, 0.6, 0.6, 0.2, 0.4]))
    assert r.fraction_neutral == pytest.approx(4 / 6)
    assert r.thresholds == {"0.5": pytest.approx(3 / 6), "0.7": pytest.approx(1 / 6)}
    assert r.parity == pytest.approx(1 / 3)
    assert r.mean_gap == pytest.approx(np.mean([0.7, 0.0, 0.4]))
    assert r.labels == {"entailment": 1, "neutral": 4, "contradiction": 1}
    assert r.by_word["man"]["entailment"] == pytest.approx(0.8)


def test_audit_of_the_real_symbolic_system(capsys):
    from nesy.cli import main

    assert main(["audit", "bias", "--system", "symbolic", "--groups", "gender", "religion", "--limit", "2",
                 "--json", "--quiet"]) == 0
    out = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert [g["group"] for g in out["groups"]] == ["gender", "religion"]
    # the logic proves nothing about a person's gender from their occupation
    assert out["fraction_neutral"] == 1.0 and out["groups"][0]["parity"] == 1.0


def test_groups_constant_matches_word_lists():
    assert set(GROUPS) == set(word_lists()["groups"])


def test_report_markdown_has_one_row_per_group():
    class Uniform:
        name = "uniform"

        def solve_many(self, problems, *, show_progress_bar=None):
            from nesy.evaluate import verdict_from_probabilities
            from nesy.trace import ProofTrace

            return [verdict_from_probabilities([0.2, 0.5, 0.3], system="uniform", trace=ProofTrace()) for _ in problems]

    report = audit_bias(Uniform(), limit=1)
    md = report.to_markdown()
    assert md.count("\n") == 1 + len(GROUPS) and "| gender | 6 |" in md
    assert report.fraction_neutral == 1.0 and report.to_dict()["net_neutral"] == pytest.approx(0.5)
