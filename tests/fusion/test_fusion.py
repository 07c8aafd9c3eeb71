"""Fusion properties: probabilities sum to 1, label order does not matter, save/load round trip,
calibration does not worsen held-out Brier score, proofs can override the network, failed parses cannot."""

from __future__ import annotations

import re

import numpy as np
import pytest

from nesy.data.metrics import brier_score
from nesy.errors import NotFittedError
from nesy.fusion.features import FEATURE_NAMES, Evidence, featurize
from nesy.fusion.model import FusionModel
from nesy.logic.checker import LogicResult, Outcome
from nesy.nli.scorer import NliScore


def _evidence(rng: np.random.Generator, label: int) -> tuple[Evidence, int]:
    """A synthetic item: a noisy network, and sometimes a proof from a full parse."""
    logits = rng.normal(size=3)
    logits[label] += 1.2
    p = np.exp(logits) / np.exp(logits).sum()
    score = NliScore((float(p[0]), float(p[1]), float(p[2])), tuple(map(float, logits)))  # type: ignore[arg-type]
    roll = rng.random()
    if roll < 0.3 and label != 1:
        outcome = Outcome.ENTAILED if label == 0 else Outcome.CONTRADICTED
        logic = LogicResult(outcome, "proof", core=(0, 1), n_premises=3)
    elif roll < 0.5:
        logic = LogicResult(Outcome.PARSE_FAILURE, "unparsed", unparsed=(0,), n_premises=3)
    else:
        logic = LogicResult(Outcome.UNKNOWN, "unknown", unparsed=(1,), n_premises=3)
    return Evidence(neural=score, logic=logic, n_premises=3), label


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(0)
    items = [_evidence(rng, int(rng.integers(0, 3))) for _ in range(900)]
    X = np.vstack([featurize(e) for e, _ in items])
    y = np.asarray([lab for _, lab in items])
    return X[:600], y[:600], X[600:], y[600:], [e for e, _ in items]


def test_probabilities_sum_to_one(data):
    X, y, Xt, _, _ = data
    p = FusionModel().fit(X, y, feature_names=list(FEATURE_NAMES)).predict_proba(Xt)
    assert p.shape == (len(Xt), 3) and np.allclose(p.sum(axis=1), 1.0)


@pytest.mark.parametrize(("mode", "calibration"), [("residual", "none"), ("full", "none"), ("residual", "isotonic")])
def test_permuting_label_order_changes_nothing(data, mode, calibration):
    X, y, Xt, _, _ = data
    perm = np.array([2, 0, 1])  # old label k becomes perm[k]

    def relabel(M: np.ndarray) -> np.ndarray:
        # the network's per-label columns are the residual form's offset: they follow the labels
        out = M.copy()
        if mode == "residual":
            out[:, perm] = M[:, :3]
        return out

    a = FusionModel(calibration=calibration, mode=mode).fit(X, y).predict_proba(Xt)
    b = FusionModel(calibration=calibration, mode=mode).fit(relabel(X), perm[y]).predict_proba(relabel(Xt))
    assert np.allclose(a, b[:, perm], atol=1e-4)


def test_residual_fusion_keeps_the_network_ranking_without_other_evidence(data):
    X, y, Xt, _, _ = data
    m = FusionModel(mode="residual").fit(X, y, feature_names=list(FEATURE_NAMES))
    silent = np.zeros_like(Xt)
    silent[:, :3] = Xt[:, :3]
    assert np.array_equal(m.predict(silent), Xt[:, :3].argmax(axis=1))
    with pytest.raises(Exception, match="Unknown fusion mode"):
        FusionModel(mode="other").fit(X, y)


def test_files_without_a_mode_load_as_the_full_form(data, tmp_path):
    import json

    X, y, Xt, _, _ = data
    m = FusionModel(mode="full").fit(X, y, feature_names=list(FEATURE_NAMES))
    d = m.to_dict()
    del d["params"]["mode"]
    (tmp_path / "old.json").write_text(json.dumps(d))
    assert np.array_equal(FusionModel.load(tmp_path / "old.json").predict_proba(Xt), m.predict_proba(Xt))


@pytest.mark.parametrize("calibration", ["temperature", "isotonic"])
def test_save_load_round_trip_gives_identical_predictions(data, tmp_path, calibration):
    X, y, Xt, _, _ = data
    m = FusionModel(calibration=calibration).fit(X, y, feature_names=list(FEATURE_NAMES))
    m.save(tmp_path / "fusion.json")
    again = FusionModel.load(tmp_path / "fusion.json")
    assert np.array_equal(m.predict_proba(Xt), again.predict_proba(Xt))
    assert not list(tmp_path.glob("*.pkl"))


@pytest.mark.parametrize("calibration", ["temperature", "isotonic"])
def test_calibration_does_not_worsen_held_out_brier(data, calibration):
    X, y, Xt, yt, _ = data
    raw = FusionModel(calibration="none").fit(X, y).predict_proba(Xt)
    cal = FusionModel(calibration=calibration).fit(X, y).predict_proba(Xt)
    assert brier_score(cal, yt) <= brier_score(raw, yt) + 0.01


def _bent(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Network scores whose reliability curve no temperature straightens: half the items are easy (margin 7 on
    the right label, always right), half are hard (margin 2.5 on a label that is right half the time)."""
    y = rng.integers(0, 3, n)
    logits = rng.normal(scale=0.3, size=(n, 3))
    easy = rng.random(n) < 0.5
    said = np.where(easy | (rng.random(n) < 0.5), y, (y + rng.integers(1, 3, n)) % 3)
    logits[np.arange(n), said] += np.where(easy, 7.0, 2.5)
    logp = logits - np.log(np.exp(logits).sum(1, keepdims=True))
    return logp, y


def test_isotonic_map_straightens_what_a_temperature_cannot_and_keeps_the_answers():
    from nesy.data.metrics import expected_calibration_error as ece

    rng = np.random.default_rng(7)
    X, y = _bent(rng, 1500)
    Xt, yt = _bent(rng, 3000)
    temp = FusionModel(calibration="temperature").fit(X, y)
    iso = FusionModel(calibration="isotonic").fit(X, y)
    pt, pi = temp.predict_proba(Xt), iso.predict_proba(Xt)
    assert np.array_equal(pt.argmax(1), pi.argmax(1))  # a top-label map re-scales, it never re-ranks
    assert np.allclose(pi.sum(1), 1.0) and (pi >= 0).all()
    correct = pt.argmax(1) == yt
    assert ece(pi, correct) < 0.03 < ece(pt, correct)
    assert brier_score(pi, yt) < brier_score(pt, yt)


def test_isotonic_calibration_refuses_too_few_rows(data):
    import re

    from nesy.errors import ConfigError

    X, y, *_ = data
    with pytest.raises(ConfigError, match=re.escape("Isotonic calibration needs at least 200 rows to calibrate "
                                                    "on; got 150. Fit on more data or use calibration='temperature'")):
        FusionModel(calibration="isotonic").fit(X, y, calibrate_on=np.arange(len(y)) < 150)


def test_full_parse_proof_overrides_the_network_and_failed_parse_does_not(data):
    X, y, _, _, _ = data
    m = FusionModel().fit(X, y, feature_names=list(FEATURE_NAMES))
    confident_neutral = NliScore((0.05, 0.9, 0.05), (0.0, 3.0, 0.0))
    proof = Evidence(neural=confident_neutral, logic=LogicResult(Outcome.ENTAILED, "p", core=(0,), n_premises=2),
                     n_premises=2)
    failed = Evidence(neural=confident_neutral, logic=LogicResult(Outcome.PARSE_FAILURE, "f", unparsed=(0, 1),
                                                                  n_premises=2), n_premises=2)
    assert m.predict(featurize(proof)[None])[0] == 0
    assert m.predict(featurize(failed)[None])[0] == 1


def test_unfitted_model_raises_clear_error():
    with pytest.raises(NotFittedError, match=re.escape("not fitted yet. Call fit(X, y)")):
        FusionModel().predict_proba(np.zeros((1, 3)))


def test_feature_vector_has_named_fixed_length(data):
    *_, items = data
    assert featurize(items[0]).shape == (len(FEATURE_NAMES),)


def test_rule_gates_follow_measured_precision_and_survive_save_load(data, tmp_path):
    from nesy.errors import ConfigError
    from nesy.fusion.features import rule_key

    X, y, Xt, _, _ = data
    proof_cols = [FEATURE_NAMES.index("logic_entailed_full_parse"), FEATURE_NAMES.index("logic_contradicted_full_parse")]
    Xt = Xt[Xt[:, proof_cols].sum(1) == 0]  # lexical rules decide only where the logic proved nothing
    outcomes = [("add-modifier:neutral", 1)] * 17 + [("add-modifier:neutral", 0)] * 3 \
        + [("substitution:neutral", 0)] * 8 + [("substitution:neutral", 1)] * 2
    m = FusionModel().fit(X, y, feature_names=list(FEATURE_NAMES), rule_outcomes=outcomes)
    assert m.rule_gate_["add-modifier:neutral"] == [1, 18 / 22, 20]
    assert m.rule_gate_["substitution:neutral"] == [1, 3 / 12, 10]
    base = m.predict_proba(Xt[:5])
    gated = m.predict_proba(Xt[:5], rules=["add-modifier:neutral"] * 5)
    assert np.allclose(gated, (1 - 18 / 22) * base + 18 / 22 * np.eye(3)[1]) and gated.argmax(1).tolist() == [1] * 5
    # a rule right less than half the time moves nothing; no rule, nothing
    assert np.array_equal(m.predict_proba(Xt[:5], rules=["substitution:neutral"] * 5), base)
    assert np.array_equal(m.predict_proba(Xt[:5], rules=[None] * 5), base)
    m.save(tmp_path / "f.json")
    assert np.array_equal(FusionModel.load(tmp_path / "f.json").predict_proba(Xt[:5], rules=["add-modifier:neutral"] * 5),
                          gated)
    with pytest.raises(ConfigError, match="One rule"):
        m.predict_proba(Xt[:5], rules=[None])
    with pytest.raises(ConfigError, match="must end in"):
        FusionModel().fit(X, y, rule_outcomes=[("add-modifier", 1)])
    ev = Evidence(neural=NliScore((0.2, 0.6, 0.2), (0.0, 1.0, 0.0)), logic=None, lexical="neutral",
                  lexical_rule="add-modifier")
    assert rule_key(ev) == "add-modifier:neutral"


def test_logic_shape_detects_vocabulary_and_added_disjuncts():
    from nesy.fusion.features import logic_shape
    from nesy.logic.folparse import parse_fol

    prem = [parse_fol("forall x (Cat(x) -> Animal(x))"), parse_fol("Cat(tom)")]
    assert logic_shape(prem, parse_fol("Animal(tom)")) == (True, False)
    assert logic_shape(prem, parse_fol("Dog(tom)")) == (False, False)  # the theory never speaks of dogs
    assert logic_shape(prem, parse_fol("Animal(jerry)")) == (False, False)  # ... nor of jerry
    assert logic_shape(prem, parse_fol("forall x (Cat(x) -> Animal(x))")) == (True, False)
    assert logic_shape(prem, parse_fol("Cat(tom) | Dog(tom)")) == (False, True)  # "A" ⊢ "A or B", B new
    assert logic_shape(prem, parse_fol("Cat(tom) | Animal(tom)")) == (True, False)
    assert logic_shape([None], None) == (True, False)


def test_graph_evidence_under_flipped_polarity_gets_its_own_columns():
    from nesy.fusion.features import polarity_flipped
    from nesy.kg.retriever import KgEvidence

    assert polarity_flipped(["A man is sleeping."], "A man is not awake.")
    assert polarity_flipped(["Ted has only visited Bahrain."], "Ted didn't visit Rwanda.")
    assert not polarity_flipped(["No dog runs."], "No animal runs.")
    assert not polarity_flipped(["A dog runs."], "An animal runs.")
    excl = KgEvidence("sleep", "awake", "antonym", "excluding", ("sleep", "awake"), ("antonym",), "WordNet 3.0", 0.9)
    score = NliScore((0.3, 0.4, 0.3), (0.0, 0.3, 0.0))
    plain = featurize(Evidence(neural=score, logic=None, kg=(excl,)))
    flipped = featurize(Evidence(neural=score, logic=None, kg=(excl,), polarity_flipped=True))
    col = {n: i for i, n in enumerate(FEATURE_NAMES)}
    assert plain[col["kg_excluding_count"]] == 1 and plain[col["kg_excluding_flipped_count"]] == 0
    assert flipped[col["kg_excluding_count"]] == 0
    assert flipped[col["kg_excluding_flipped_count"]] == 1


def test_temperature_comes_from_the_rows_it_is_told_to_calibrate_on(data):
    from nesy.errors import ConfigError

    X, y, *_ = data
    X2 = X.copy()
    half = np.arange(len(y)) < len(y) // 2
    # second half: the network's scores are blown up 4x, so those rows are badly overconfident
    X2[~half, :3] = np.log(np.exp(4 * X[~half, :3]) / np.exp(4 * X[~half, :3]).sum(1, keepdims=True))
    t_first = FusionModel().fit(X2, y, calibrate_on=half).temperature_
    t_second = FusionModel().fit(X2, y, calibrate_on=~half).temperature_
    assert t_second > t_first  # the overconfident rows ask for a higher temperature
    with pytest.raises(ConfigError, match="one boolean per row"):
        FusionModel().fit(X, y, calibrate_on=half[:10])


def test_temperature_is_fitted_out_of_fold_and_is_deterministic(data):
    X, y, *_ = data
    a = FusionModel(random_state=3).fit(X, y)
    b = FusionModel(random_state=3).fit(X, y)
    assert a.temperature_ == b.temperature_ and 0.05 < a.temperature_ < 20


def test_a_gated_proof_decides_whatever_the_network_says(data):
    """Fusion never undoes a decisive component: a proof whose gate applies sets the label."""
    X, y, _, _, _ = data
    m = FusionModel().fit(X, y, feature_names=list(FEATURE_NAMES))
    gate = m.proof_gate_["logic_contradicted_full_parse"]
    assert gate[1] > 0.5
    x = np.zeros(len(FEATURE_NAMES))
    x[:3] = np.log([0.98, 0.01, 0.01])  # the network is sure of entailment
    x[FEATURE_NAMES.index("logic_contradicted_full_parse")] = 1.0
    assert m.predict_proba(x[None])[0].argmax() == 2
    name, g = m.proof_gate(x[None])  # type: ignore[misc]
    assert name == "logic_contradicted_full_parse" and g == gate
    x[FEATURE_NAMES.index("logic_contradicted_full_parse")] = 0.0
    assert m.proof_gate(x[None]) is None


def test_abduced_learned_and_closed_theory_evidence_have_their_own_columns():
    """A proof resting on abduced graph axioms, a decision resting on learned phrase steps and a closed theory's
    "unknown" each set their own column (and so get their own measured gate), never the text-only proof columns."""
    from nesy.logic.checker import LogicResult, Outcome

    proof = LogicResult(Outcome.ENTAILED, "proved", core=(0,), n_premises=1)
    refutation = LogicResult(Outcome.CONTRADICTED, "disproved", core=(0,), n_premises=1)
    unknown = LogicResult(Outcome.UNKNOWN, "open", n_premises=3)
    partial = LogicResult(Outcome.UNKNOWN, "open", unparsed=(1,), n_premises=3)
    score = NliScore((0.2, 0.6, 0.2), (0.0, 1.0, 0.0))
    col = FEATURE_NAMES.index

    def on(ev: Evidence) -> set[str]:
        x = featurize(ev)
        return {n for n, v in zip(FEATURE_NAMES, x) if v == 1.0 and n.startswith("logic_")}

    assert on(Evidence(neural=score, logic=proof)) == {"logic_entailed_full_parse"}
    assert on(Evidence(neural=score, logic=proof, abduced=True)) == {"logic_entailed_abduced"}
    assert on(Evidence(neural=score, logic=refutation, abduced=True)) == {"logic_contradicted_abduced"}
    assert on(Evidence(neural=score, logic=proof, learned=True)) == {"logic_entailed_learned"}
    assert on(Evidence(neural=score, logic=refutation, learned=True, abduced=True)) == {"logic_contradicted_learned"}
    assert on(Evidence(neural=score, logic=unknown, closed_theory=True, has_rules=True, n_premises=3)) == {
        "logic_unknown_closed_theory"}
    assert on(Evidence(neural=score, logic=partial, closed_theory=True)) == {"logic_unknown_closed_theory_partial_parse"}
    assert on(Evidence(neural=score, logic=unknown)) == set()  # an open world's "unknown" says nothing
    clash = LogicResult(Outcome.INCONSISTENT, "both fire", n_premises=3)
    assert on(Evidence(neural=score, logic=clash, closed_theory=True)) == {"logic_inconsistent_full_parse",
                                                                           "logic_unknown_closed_theory"}
    assert featurize(Evidence(neural=score, logic=proof, learned=True))[col("logic_entailed_full_parse")] == 0.0
