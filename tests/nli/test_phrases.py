"""Learned phrase axioms (nesy.nli.phrases): frames, thresholds, the axioms they give, and decisions that rest on
them, which are never shown as proofs. Real Z3, spaCy and WordNet graph; the network is the shipped one where
its judgement is the point, and a fixed table where the logic around it is."""

from __future__ import annotations

import json

import pytest

from nesy.errors import ConfigError
from nesy.kg.abduction import LEARNED, Aligned
from nesy.logic.system import SymbolicSystem
from nesy.nli.phrases import PhraseAxioms, default_thresholds_path, frame
from nesy.nli.scorer import NliScore
from nesy.types import Label, Problem


class TableScorer:
    """P(entailment), P(contradiction) for frame pairs from a table; anything else neutral."""

    model_name = "table"

    def __init__(self, table: dict[tuple[str, str], tuple[float, float]]) -> None:
        self.table = table
        self.calls = 0

    def score_many(self, pairs, show_progress_bar=None):  # type: ignore[no-untyped-def]
        self.calls += 1
        out = []
        for a, b in pairs:
            pe, pc = self.table.get((a, b), (0.0, 0.0))
            pn = 1.0 - pe - pc
            out.append(NliScore((pe, pn, pc), (pe, pn, pc)))
        return out


@pytest.fixture(scope="module")
def symbolic(shipped_retriever):  # type: ignore[no-untyped-def]
    return SymbolicSystem(kg=shipped_retriever)


def test_frames_say_each_part_of_speech():
    assert frame("violin", "n") == "It is a violin."
    assert frame("apple", "n") == "It is an apple."
    assert frame("play", "v") == "They play."
    assert frame("pick_up", "v") == "They pick up."
    assert frame("slice", "v", "onion") == "They slice the onion."
    assert frame("red", "a") == "It is red."


def test_adjectives_and_compounds_get_no_learned_step():
    table = {("It is a fake gun.", "It is a gun."): (0.99, 0.0), ("It is big.", "It is large."): (0.99, 0.0)}
    ph = PhraseAxioms(TableScorer(table), thresholds={"entails:n": 0.9, "entails:v": 0.9})
    assert ph.propose([Aligned("fake_gun", "gun", "n", "aligned", compound=True),
                       Aligned("big", "large", "a", "aligned")]) == []


def test_thresholds_are_checked():
    with pytest.raises(ConfigError, match="entails:n"):
        PhraseAxioms(TableScorer({}), thresholds={"entails:n": 0.2})
    with pytest.raises(ConfigError, match="excludes:v"):
        PhraseAxioms(TableScorer({}), thresholds={"excludes:v": 1.5})
    with pytest.raises(ConfigError, match="Unknown phrase-axiom kind"):
        PhraseAxioms(TableScorer({}), thresholds={"entails": 0.9})


def test_load_rejects_a_foreign_file(tmp_path):
    bad = tmp_path / "t.json"
    bad.write_text(json.dumps({"format": "other"}))
    with pytest.raises(ConfigError, match="phrase_axioms.py"):
        PhraseAxioms.load(TableScorer({}), bad)
    with pytest.raises(ConfigError, match="Cannot read"):
        PhraseAxioms.load(TableScorer({}), tmp_path / "missing.json")


def test_shipped_thresholds_load_with_measured_precision():
    ph = PhraseAxioms.load(TableScorer({}))
    assert default_thresholds_path().is_file()
    stored = json.loads(default_thresholds_path().read_text())
    for kind, t in ph.thresholds.items():  # every kind in use met the target it was measured against
        assert 0.5 <= t <= 1.0 and ph.precision[kind] >= stored["target_precision"]
    assert all(0.0 <= v <= 1.0 for v in ph.precision.values())


def test_propose_keeps_pairs_above_threshold_only():
    table = {("It is a bike.", "It is a bicycle."): (0.97, 0.01), ("It is a cup.", "It is a mug."): (0.6, 0.1)}
    ph = PhraseAxioms(TableScorer(table), thresholds={"entails:n": 0.9}, precision={"entails:n": 0.93})
    out = ph.propose([Aligned("bike", "bicycle", "n", "aligned as theme of 'ride'"),
                      Aligned("cup", "mug", "n", "aligned as theme of 'hold'")])
    assert [str(s.formula) for s in out] == ["∀x (bike(x) → bicycle(x))"]
    assert LEARNED in out[0].citation() and "93%" in out[0].citation()


def test_verb_exclusion_only_of_a_shared_agent_in_one_scene():
    table = {("They sleep.", "They run."): (0.0, 0.95)}
    ph = PhraseAxioms(TableScorer(table), thresholds={"excludes:v": 0.9})
    agent = Aligned("sleep", "run", "v", "aligned as events with agent 'dog'", roles=("agent",))
    theme = Aligned("sleep", "run", "v", "aligned as events with theme 'dog'")
    (ax,) = ph.propose([agent], scene=True)
    assert str(ax.formula) == "∀x1 (∀e1 (∀e2 (¬(sleep(e1) ∧ agent(e1, x1) ∧ run(e2) ∧ agent(e2, x1)))))"
    assert ph.propose([agent], scene=False) == []  # read classically, two events at unknown times
    assert ph.propose([theme], scene=True) == []


def _problem(premise: str, hypothesis: str, reading: str = "scene") -> Problem:
    return Problem(id="t", premises=(premise,), hypothesis=hypothesis, reading=reading)  # type: ignore[arg-type]


def test_a_decision_resting_on_a_learned_step_is_not_a_proof(symbolic):  # type: ignore[no-untyped-def]
    table = {("They doze.", "They jog."): (0.0, 0.97)}
    ph = PhraseAxioms(TableScorer(table), thresholds={"excludes:v": 0.9}, precision={"excludes:v": 0.9})
    p = _problem("A dog is dozing", "A dog is jogging")
    before, _ = symbolic.solve_with_analysis(p)
    assert before.label is Label.NEUTRAL and not before.proved
    v, a = symbolic.solve_with_analysis(p, phrases=ph)
    assert v.label is Label.CONTRADICTION and not v.proved
    assert a is not None and len(a.soft) == 1 and not a.abduced
    assert "Not a proof" in v.trace.summary
    learned = [s for s in v.trace.steps if s.kind == "neural"]
    assert learned and LEARNED in (learned[0].source or "")
    # the same pair read classically (two events, times unknown): no exclusion, still open
    v2, _ = symbolic.solve_with_analysis(_problem("A dog is dozing", "A dog is jogging", "classical"), phrases=ph)
    assert v2.label is Label.NEUTRAL


def test_learned_steps_are_tried_only_when_the_graph_leaves_the_pair_open(symbolic):  # type: ignore[no-untyped-def]
    scorer = TableScorer({("It is a violin.", "It is an instrument."): (0.99, 0.0)})
    ph = PhraseAxioms(scorer, thresholds={"entails:n": 0.9})
    v, a = symbolic.solve_with_analysis(_problem("A girl is playing a violin", "A girl is playing an instrument"),
                                        phrases=ph)
    assert v.proved and a is not None and not a.soft  # the graph knows violin ⊑ instrument
    assert scorer.calls == 0


def test_a_wrong_learned_entailment_does_not_prove_an_unaligned_hypothesis(symbolic):  # type: ignore[no-untyped-def]
    # "cat" and "car" are not aligned (no shared role), so even a confident network gives no axiom
    scorer = TableScorer({("It is a cat.", "It is a car."): (0.99, 0.0)})
    ph = PhraseAxioms(scorer, thresholds={"entails:n": 0.9})
    v, a = symbolic.solve_with_analysis(_problem("A cat is sleeping", "A man is washing a car"), phrases=ph)
    assert v.label is Label.NEUTRAL and a is not None and not a.soft


def test_the_shipped_network_supplies_a_learned_noun_step(symbolic):  # type: ignore[no-untyped-def]
    """motorbike is not in WordNet 3.0's graph as a lemma of motorcycle's synset; the network links them."""
    from nesy.nli.scorer import NliScorer

    scorer = NliScorer("default")
    ph = PhraseAxioms(scorer, thresholds={"entails:n": 0.8})
    (s,) = ph.propose([Aligned("motorcycle", "motorbike", "n", "aligned as theme of 'ride'")])
    assert s.relation == "entails" and s.probability >= 0.8
    # and it gives no such step for an unrelated pair in the same frame
    assert ph.propose([Aligned("motorcycle", "banana", "n", "aligned as theme of 'ride'")]) == []
