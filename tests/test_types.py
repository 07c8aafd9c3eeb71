from __future__ import annotations

import json
import re

import pytest

from nesy.errors import ConfigError, LabelError, NesyError
from nesy.trace import ProofStep, ProofTrace
from nesy.types import Label, Problem, Verdict, project_label


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("True", Label.ENTAILMENT), ("false", Label.CONTRADICTION), ("Unknown", Label.NEUTRAL),
        ("Uncertain", Label.NEUTRAL), ("ENTAILMENT", Label.ENTAILMENT), ("neutral", Label.NEUTRAL),
        ("contradiction", Label.CONTRADICTION), (0, Label.ENTAILMENT), ("1", Label.NEUTRAL), (2, Label.CONTRADICTION),
        ("e", Label.ENTAILMENT), ("c", Label.CONTRADICTION), ("entailed", Label.ENTAILMENT),
    ],
)
def test_label_parse_dataset_spellings(raw, expected):
    assert Label.parse(raw) is expected


def test_label_parse_unknown_names_the_options():
    with pytest.raises(LabelError, match=re.escape("Unknown label 'maybe'. Use one of: entailment")):
        Label.parse("maybe")
    assert issubclass(LabelError, NesyError) and issubclass(LabelError, ValueError)


def test_project_label_per_scheme():
    assert project_label(Label.NEUTRAL, "binary") == "not_entailment"
    assert project_label(Label.CONTRADICTION, "binary") == "not_entailment"
    assert project_label(Label.ENTAILMENT, "binary") == "entailment"
    # ProntoQA: False means provably false, so only CONTRADICTION scores as false.
    assert project_label(Label.CONTRADICTION, "truefalse") == "false"
    assert project_label(Label.NEUTRAL, "truefalse") == "unknown"
    with pytest.raises(ConfigError, match=re.escape("Choose one of: nli3, binary, truefalse")):
        project_label(Label.NEUTRAL, "two")  # type: ignore[arg-type]


def test_problem_rejects_gold_outside_its_scheme():
    with pytest.raises(LabelError, match="not in the 'binary' label set"):
        Problem(id="x", premises=("a",), hypothesis="b", gold="neutral", scheme="binary")


def test_problem_and_verdict_json_round_trip():
    p = Problem(id="1", premises=("A.", "B."), hypothesis="C.", gold="entailment", premises_fol=("P(a)",),
                metadata={"k": [1, 2]})
    assert Problem.from_dict(json.loads(json.dumps(p.to_dict()))) == p
    trace = ProofTrace(
        steps=(ProofStep(kind="premise", text="Bob is red.", premise_index=0, span=(0, 11), formula="Red(bob)"),
               ProofStep(kind="conclusion", text="So Bob is rough.", uses=(0,))),
        summary="Proved.",
    )
    v = Verdict(label=Label.ENTAILMENT, probabilities=(0.9, 0.05, 0.05), trace=trace, system="symbolic", proved=True)
    assert Verdict.from_dict(json.loads(json.dumps(v.to_dict()))) == v


def test_trace_renderers_cite_premises():
    trace = ProofTrace(
        steps=(ProofStep(kind="premise", text="Bob is red.", premise_index=2),
               ProofStep(kind="kg", text="guitar is a kind of instrument", source="WordNet"),
               ProofStep(kind="conclusion", text="So Bob is rough.", uses=(0, 1))),
        summary="Entailed.",
    )
    text = trace.to_text()
    assert "[premise 3]" in text and "[WordNet]" in text
    assert "<ol>" in trace._repr_html_()
    assert "s0 -> s2" in trace.to_dot()
    assert trace.to_networkx().number_of_edges() == 2
    assert "neural network alone" in ProofTrace(neural_only=True).to_markdown()
