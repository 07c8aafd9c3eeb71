"""The Reasoner end to end with a tiny random BERT, the real WordNet graph, real spaCy and Z3."""

from __future__ import annotations

import numpy as np
import pytest

from nesy.fusion.features import FEATURE_NAMES
from nesy.logic.checker import LogicChecker, Outcome
from nesy.logic.system import SymbolicSystem
from nesy.nli.scorer import NliScorer
from nesy.reasoner import Reasoner
from nesy.types import Label, Problem
from tests.nli.conftest import make_tiny_bert

THEORY = ["Bob is cold.", "Bob is quiet.", "If something is quiet and cold then it is smart.",
          "All smart things are kind."]


@pytest.fixture(scope="module")
def reasoner(tmp_path_factory, nlp):
    from nesy.fusion.cli import fit_fusion, fusion_targets
    from nesy.kg.retriever import Retriever

    model_dir = make_tiny_bert(tmp_path_factory.mktemp("tiny_r"))
    kg = Retriever(nlp=nlp)
    logic = SymbolicSystem(kg=kg)
    logic.parser._nlp = nlp
    r = Reasoner(scorer=NliScorer(str(model_dir), device="cpu"), kg=kg, logic=logic)
    problems = [
        Problem(id="a", premises=tuple(THEORY), hypothesis="Bob is kind.", gold="entailment"),
        Problem(id="b", premises=tuple(THEORY), hypothesis="Bob is red.", gold="neutral"),
        Problem(id="c", premises=("Max is a wumpus.", "Every wumpus is not bitter."), hypothesis="Max is bitter.",
                gold="contradiction"),
        Problem(id="d", premises=("A man plays a guitar.",), hypothesis="A man plays an instrument.", gold="entailment"),
        Problem(id="e", premises=("A man holds a cat.",), hypothesis="A man holds a dog.", gold="contradiction"),
        Problem(id="f", premises=("A man sleeps.",), hypothesis="A man is tired.", gold="neutral"),
    ] * 6
    ps, y = fusion_targets(problems)
    r.fusion, _ = fit_fusion(r, ps, y, calibration="temperature")  # 36 items: too few for an isotonic map
    return r


def test_infer_returns_proved_verdict_with_rechecked_proof(reasoner):
    v = reasoner.infer(THEORY, "Bob is kind.")
    assert v.label is Label.ENTAILMENT and v.proved and v.system == "nesy"
    assert sum(v.probabilities) == pytest.approx(1.0)
    cited = sorted({s.premise_index for s in v.trace.steps if s.premise_index is not None})
    chk = LogicChecker(semantics="directional")
    parsed = [reasoner.logic.parser.parse(THEORY[i]) for i in cited]
    assert chk.decide(parsed, reasoner.logic.parser.parse("Bob is kind.")).outcome is Outcome.ENTAILED
    kinds = [s.kind for s in v.trace.steps]
    assert "neural" in kinds and "fusion" in kinds and "conclusion" in kinds


def test_infer_accepts_a_string_and_fol(reasoner):
    v = reasoner.infer("Bob is cold. Bob is quiet. If something is quiet and cold then it is smart.", "Bob is smart.")
    assert v.label is Label.ENTAILMENT and v.proved
    f = reasoner.infer(["∀x (Cat(x) → Animal(x))", "Cat(tom)"], "Animal(tom)", fol=True)
    assert f.label is Label.ENTAILMENT and f.proved


def test_infer_with_a_rule_base_cites_facts_and_rule_lines(reasoner):
    from nesy.errors import InputError
    from nesy.rules import RuleBase

    kb = RuleBase.from_list(["Every minor lacks contractual capacity.", "Every tenant is a party."],
                            name="contract", system=reasoner.logic)
    v = reasoner.infer(["Bob is a minor."], "Bob lacks contractual capacity.", rules=kb)
    assert v.label is Label.ENTAILMENT and v.proved and v.system == "nesy"
    assert kb.cited_lines(v) == (1,) and kb.cited_facts(v) == (1,)
    n = reasoner.infer(["Bob is a minor."], "Bob is a party.", rules=kb)
    assert not n.proved and kb.cited_lines(n) == ()
    with pytest.raises(InputError, match="RuleBase"):
        reasoner.infer(["Bob is a minor."], "Bob is a party.", rules=["Every tenant is a party."])


def test_unproved_answer_says_what_it_rests_on(reasoner):
    v = reasoner.infer(["A man sleeps."], "A man is tired.")
    assert not v.proved and "no proof" in v.trace.summary


def test_infer_many_and_choose(reasoner):
    out = reasoner.infer_many([(THEORY, "Bob is kind."), ("A man sleeps.", "A man is tired.")], batch_size=2)
    assert [v.label for v in out][0] is Label.ENTAILMENT and len(out) == 2
    c = reasoner.choose(["On a shelf, there are three books: a red book, a blue book, and a green book.",
                         "The red book is the leftmost.", "The green book is to the right of the blue book."],
                        ["The red book is the rightmost.", "The blue book is the second from the left.",
                         "The green book is the leftmost."])
    assert c.choice == 1 and c.proved


def test_fusion_feature_names_are_stored(reasoner):
    assert reasoner.fusion.feature_names_ == list(FEATURE_NAMES)
    assert np.isfinite(reasoner.fusion.temperature_)


def test_hand_built_reasoner_cannot_be_sent_to_workers(reasoner):
    import re

    from nesy.errors import ConfigError

    assert reasoner.spec is None
    with pytest.raises(ConfigError, match=re.escape("workers > 1 needs a reasoner built by Reasoner.default(...)")):
        reasoner.infer_many([("A man sleeps.", "A man rests.")], workers=2)
    with pytest.raises(ConfigError, match="workers=0"):
        reasoner.infer_many([("A man sleeps.", "A man rests.")], workers=0)


def test_a_gated_lexical_rule_decides_and_is_cited(reasoner):
    from nesy.fusion.cli import rule_outcomes
    from nesy.fusion.features import rule_key

    extra = [Problem(id=f"m{i}", premises=(p,), hypothesis=h, gold="neutral") for i, (p, h) in enumerate([
        ("A man sleeps.", "A tall man sleeps."), ("A dog runs.", "A brown dog runs."),
        ("The nurse ate an apple.", "The woman ate an apple."), ("A girl sings.", "A girl sings in a park.")])]
    outcomes = rule_outcomes(reasoner.logic, extra)
    assert [k for k, _ in outcomes] == ["add-modifier:neutral"] * 4 and {g for _, g in outcomes} == {1}
    gathered = reasoner.gather(extra[:1])
    assert rule_key(gathered[0][0]) == "add-modifier:neutral"
    old = dict(reasoner.fusion.rule_gate_)
    try:
        reasoner.fusion.rule_gate_["add-modifier:neutral"] = [1, 0.9, 40]
        v = reasoner.infer("The dentist crashed a car.", "The man crashed a car.")
    finally:
        reasoner.fusion.rule_gate_ = old
    assert v.label is Label.NEUTRAL and not v.proved and v.probabilities[1] >= 0.9
    text = v.trace.to_text()
    assert "says nothing about sex" in text and "lexical rule 'add-modifier'" in text


def test_graph_context_narrows_long_premises_to_the_best_aligned_clause():
    from nesy.reasoner import graph_context

    short = ["A man plays a guitar."]
    assert graph_context(short, "A man plays an instrument.") == short
    visits = ["Ted has only visited Bahrain, Kenneth has only visited Lebanon, Jessie has only visited Finland, "
              "Darren has only visited Slovakia, Norman has only visited Madagascar, James has only visited Peru, "
              "Bill has only visited Chile"]
    assert graph_context(visits, "Jessie didn't visit Rwanda") == ["Jessie has only visited Finland"]
    assert graph_context(visits, "The weather was cold.") == []  # nothing aligns: no graph evidence
    assert graph_context(visits, "Kenneth visited Lebanon", max_words=100) == visits
    passage = ["Ian Tomlinson, 47, died of a heart attack. He had been pushed back by a police line minutes earlier, "
               "independent investigators have said, and was filmed as he fell to the ground."]
    assert graph_context(passage, "Ian Tomlinson was shot by a policeman.") == []  # several sentences
    assert graph_context(visits + ["Bob is here."], "Jessie didn't visit Rwanda") == []  # several premises
    # a claim about a word's kind is the kind-of rule's business, not the word-relation counts'
    assert graph_context(["fill a cavity"], "fill is best characterized as a kind or type of device, defined as "
                         "'an instrumentality invented for a particular purpose' .") == []


def test_antonyms_of_swapped_arguments_are_not_exclusions():
    from nesy.reasoner import swapped_arguments

    spatial = ["The blue square is to the right of the triangle.", "The pink rectangle is below the blue square."]
    assert swapped_arguments(spatial, "The triangle is to the left of the pink rectangle", "right", "left")
    assert swapped_arguments(["Tom is taller than Ann."], "Ann is shorter than Tom.", "tall", "short")
    assert not swapped_arguments(["Tom is taller than Ann."], "Tom is shorter than Ann.", "tall", "short")
    assert not swapped_arguments(["A man is sleeping."], "A man is awake.", "sleep", "awake")
    assert not swapped_arguments(["The old man sits."], "The man is young.", "old", "young")  # attributive
    assert not swapped_arguments(["A dog runs."], "A cat runs.", "dog", "cat")
    visits = ["Gabriel has only visited Switzerland, Gene has only visited Saint Lucia"]
    assert not swapped_arguments(visits, "Gene didn't visit Brunei", "switzerland", "brunei")  # another clause


def test_shipped_fusion_calibrates_the_top_label_and_the_trace_says_so(reasoner):
    from nesy.fusion.model import FusionModel
    from nesy.reasoner import default_fusion_path

    shipped = FusionModel.load(default_fusion_path())
    assert shipped.calibration == "isotonic" and shipped.top_label_map_ is not None
    knots, values = shipped.top_label_map_
    assert np.all(np.diff(knots) > 0) and np.all(np.diff(values) >= 0)  # a monotone map
    # a network-only row at 0.87 confidence (the region where the temperature-scaled network is overconfident)
    x = np.zeros(len(FEATURE_NAMES))
    x[:3] = np.log([0.87, 0.10, 0.03])
    before, after = shipped.calibration_shift(x)
    p = shipped.predict_proba(x)[0]
    assert after == pytest.approx(p.max()) and after != pytest.approx(before, abs=5e-4)
    assert p.argmax() == 0 and p.sum() == pytest.approx(1.0)
    r = Reasoner(scorer=reasoner.scorer, kg=reasoner.kg, logic=reasoner.logic, fusion=shipped)
    v = r.infer(["A man sleeps."], "A man is tired.")
    steps = [s.text for s in v.trace.steps if s.text.startswith("Calibration:")]
    assert len(steps) == 1 and f"becomes {max(v.probabilities):.3f}" in steps[0]


def test_shipped_fusion_lets_a_closed_theory_unknown_decide(reasoner):  # type: ignore[no-untyped-def]
    """Under the directional (RuleTaker) reading, "unknown" over a fully parsed theory is the answer NEUTRAL: the
    shipped fusion gates it like a proof (measured on ProofWriter/LogicNLI), whatever the network says, and the
    trace names the gate. Read classically, the same "unknown" is no evidence."""
    from nesy.fusion.model import FusionModel
    from nesy.reasoner import default_fusion_path

    shipped = FusionModel.load(default_fusion_path())
    gate = shipped.proof_gate_["logic_unknown_closed_theory"]
    assert gate[0] == 1 and gate[1] > 0.9 and gate[2] >= 100
    r = Reasoner(scorer=reasoner.scorer, kg=reasoner.kg, logic=reasoner.logic, fusion=shipped)
    directional = Problem(id="u", premises=tuple(THEORY), hypothesis="Bob is red.", reading="directional")
    v = r.solve(directional)
    assert v.label is Label.NEUTRAL and not v.proved
    assert any(s.text.startswith("Decided by the closed theory's 'unknown'") for s in v.trace.steps)
    classical = r.solve(Problem(id="c", premises=tuple(THEORY), hypothesis="Bob is red."))
    assert not any("closed theory" in s.text for s in classical.trace.steps)


def test_learned_phrase_steps_follow_the_network_they_were_measured_on(reasoner):  # type: ignore[no-untyped-def]
    """The shipped thresholds belong to the shipped network: another checkpoint (here a tiny random one) gets no
    learned steps unless the caller passes thresholds measured for it."""
    from nesy.nli.phrases import PhraseAxioms

    assert reasoner.phrases is None
    shipped = Reasoner(scorer=NliScorer("default"), kg=reasoner.kg, logic=reasoner.logic)
    assert isinstance(shipped.phrases, PhraseAxioms) and shipped.phrases.enabled
    explicit = PhraseAxioms(reasoner.scorer, thresholds={"entails:n": 0.9})
    assert Reasoner(scorer=reasoner.scorer, kg=reasoner.kg, logic=reasoner.logic, phrases=explicit).phrases is explicit
