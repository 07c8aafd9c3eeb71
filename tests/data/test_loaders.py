"""Loader tests on small fixtures written here (not copies of shared data)."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from nesy.data import load
from nesy.data.loaders import detect_format, split_sentences
from nesy.errors import DataFormatError


def _write(tmp_path: Path, name: str, content: str | object) -> Path:
    p = tmp_path / name
    p.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return p


LOGIC_LM_3WAY = [
    {"id": "pw1", "context": "Bob is big. If someone is big then they are red.",
     "question": "Based on the above information, is the following statement true, false, or unknown? Bob is red.",
     "options": ["A) True", "B) False", "C) Unknown"], "answer": "A"},
    {"id": "pw2", "context": "Bob is big.",
     "question": "Based on the above information, is the following statement true, false, or unknown? Bob is cold.",
     "options": ["A) True", "B) False", "C) Unknown"], "answer": "C"},
]


def test_logic_lm_three_way(tmp_path):
    probs = load(_write(tmp_path, "any.name", LOGIC_LM_3WAY))
    assert [p.gold for p in probs] == ["entailment", "neutral"]
    assert probs[0].premises == ("Bob is big.", "If someone is big then they are red.")
    assert probs[0].hypothesis == "Bob is red."
    assert probs[0].scheme == "nli3"


def test_logic_lm_true_false_is_its_own_scheme(tmp_path):
    data = [{"id": "p1", "context": "Max is a wumpus. Wumpuses are not red.",
             "question": "Is the following statement true or false? Max is red.",
             "options": ["A) True", "B) False"], "answer": "B"}]
    (p,) = load(_write(tmp_path, "x.json", data))
    assert p.scheme == "truefalse" and p.gold == "false" and p.hypothesis == "Max is red."


def test_logic_lm_multiple_choice_options_become_hypotheses(tmp_path):
    data = [{"id": "ld", "context": "Intro.\n\nThere are three birds: an owl, a jay, and a hawk. The owl is the leftmost.",
             "question": "Which of the following is true?",
             "options": ["A) The owl is the leftmost.", "B) The jay is the leftmost.", "C) The hawk is the leftmost."],
             "answer": "A"}]
    (p,) = load(_write(tmp_path, "x.json", data))
    assert p.is_multiple_choice and p.gold_choice == 0
    assert p.options == ("The owl is the leftmost.", "The jay is the leftmost.", "The hawk is the leftmost.")


def test_folio_jsonl_with_fol(tmp_path):
    lines = [
        {"story_id": 1, "example_id": 7, "premises": ["All cats are animals.", "Tom is a cat."],
         "premises-FOL": ["∀x (Cat(x) → Animal(x))", "Cat(tom)"], "conclusion": "Tom is an animal.",
         "conclusion-FOL": "Animal(tom)", "label": "True"},
        {"premises": ["A."], "premises-FOL": ["A(a)"], "conclusion": "B.", "label": "Uncertain"},
    ]
    p = _write(tmp_path, "f.jsonl", "\n".join(json.dumps(x) for x in lines))
    a, b = load(p)
    assert a.premises_fol == ("∀x (Cat(x) → Animal(x))", "Cat(tom)") and a.hypothesis_fol == "Animal(tom)"
    assert a.gold == "entailment" and b.gold == "neutral" and a.id == "7"


def test_sick_txt(tmp_path):
    text = ("pair_ID\tsentence_A\tsentence_B\trelatedness_score\tentailment_judgment\n"
            "1\tA dog runs\tAn animal runs\t4.5\tENTAILMENT\n2\tA dog runs\tNo dog runs\t3.0\tCONTRADICTION\n")
    probs = load(_write(tmp_path, "s.txt", text))
    assert [p.gold for p in probs] == ["entailment", "contradiction"]
    assert probs[0].metadata["relatedness"] == 4.5


def test_snli_tsv_numeric_labels_and_rte_binary(tmp_path):
    snli = "premise\thypothesis\tlabel\nA man sleeps.\tA man rests.\t0\nA man sleeps.\tA man runs.\t2\nX\tY\t-\n"
    probs = load(_write(tmp_path, "v.tsv", snli))
    assert [p.gold for p in probs] == ["entailment", "contradiction"]
    rte = "index\tlabel\tsentence1\tsentence2\n0\t1\tNo WMD found.\tWMD found.\n1\t0\tPope named.\tA pope.\n"
    r = load(_write(tmp_path, "r.tsv", rte))
    assert [p.gold for p in r] == ["not_entailment", "entailment"] and r[0].scheme == "binary"


def test_taxinli_keeps_reasoning_categories(tmp_path):
    text = ("prem\thyp\tlabel\tannotated_label\tlexical_linguistic\tnegation_logic\tpairID\tgenre\n"
            "He left.\tHe did not leave.\tcontradiction\tcontradiction\t0\t1\tab1\tfiction\n")
    (p,) = load(_write(tmp_path, "t.tsv", text))
    assert p.gold == "contradiction" and p.metadata["categories"] == ["negation_logic"] and p.id == "ab1"


def test_anli_and_conjnli(tmp_path):
    anli = json.dumps({"uid": "u1", "context": "C.", "hypothesis": "H.", "label": "n", "genre": "wiki"})
    (a,) = load(_write(tmp_path, "a.jsonl", anli + "\n"))
    assert a.gold == "neutral" and a.id == "u1"
    conj = "\ufeffPremise\tHypothesis\tLabel\nHe ran and swam.\tHe swam.\tentailment\n"
    (c,) = load(_write(tmp_path, "c.tsv", conj))
    assert c.gold == "entailment" and c.premises == ("He ran and swam.",)


def test_logicnli_maps_self_contradiction_to_neutral(tmp_path):
    data = {"0": {"facts": ["Eli is soft."], "rules": ["If someone is soft, then he is red."],
                  "statements": ["Eli is red.", "Eli is not red.", "Eli is big.", "Eli is soft."],
                  "labels": ["entailment", "contradiction", "neutral", "self_contradiction"]}}
    probs = load(_write(tmp_path, "l.json", data))
    assert [p.gold for p in probs] == ["entailment", "contradiction", "neutral", "neutral"]
    assert probs[3].metadata["logicnli_label"] == "self_contradiction"
    assert probs[0].premises == ("Eli is soft.", "If someone is soft, then he is red.")


def test_logicbench_question_becomes_condition_and_hypothesis(tmp_path):
    data = {"type": "first_order_logic", "axiom": "modus_ponens", "data_samples": [
        {"context": "If someone is unwell, then they have a cough.", "qa_pairs": [
            {"question": "If nina is unwell, does this mean that she has a cough?", "answer": "yes"},
            {"question": "If nina is unwell, does this imply that she doesn't have a cough?", "answer": "no"}]}]}
    a, b = load(_write(tmp_path, "d.json", data))
    assert a.premises == ("If someone is unwell, then they have a cough.", "nina is unwell.")
    assert a.hypothesis == "she has a cough" and a.gold == "entailment"
    assert b.gold == "not_entailment" and b.scheme == "binary"


def test_nli_probe_two_and_three_way(tmp_path):
    lines = [{"premise": "P", "hypothesis": "H", "gold_label": "not-entailed", "idx": 0},
             {"premise": "P", "hypothesis": "H", "gold_label": "entailed", "idx": 1},
             {"premise": "P", "hypothesis": "H", "gold_label": "neutral", "idx": 2}]
    probs = load(_write(tmp_path, "p.jsonl", "\n".join(map(json.dumps, lines))))
    assert [(p.gold, p.scheme) for p in probs] == [("not_entailment", "binary"), ("entailment", "binary"),
                                                    ("neutral", "nli3")]


def test_nli4ct_comparison_uses_both_trials(tmp_path):
    ct = tmp_path / "ct_json"
    ct.mkdir()
    (ct / "NCT1.json").write_text(json.dumps({"Eligibility": ["Age over 18.", "No diabetes."]}))
    (ct / "NCT2.json").write_text(json.dumps({"Eligibility": ["Age over 65."]}))
    data = {"u1": {"Type": "Comparison", "Section_id": "Eligibility", "Primary_id": "NCT1", "Secondary_id": "NCT2",
                   "Statement": "Both trials admit adults.", "Label": "Entailment"},
            "u2": {"Type": "Single", "Section_id": "Eligibility", "Primary_id": "NCT1",
                   "Statement": "Diabetics may join.", "Label": "Contradiction"}}
    a, b = load(_write(tmp_path, "dev.json", data))
    assert len(a.premises) == 3 and a.premises[2].startswith("Secondary trial")
    assert a.gold == "entailment" and b.gold == "not_entailment" and b.scheme == "binary"


def test_official_snli_mnli_formats_skip_dash(tmp_path):
    lines = [{"sentence1": "A", "sentence2": "B", "gold_label": "neutral", "pairID": "1"},
             {"sentence1": "A", "sentence2": "B", "gold_label": "-", "pairID": "2"}]
    probs = load(_write(tmp_path, "snli.jsonl", "\n".join(map(json.dumps, lines))))
    assert len(probs) == 1 and probs[0].gold == "neutral"
    tsv = "gold_label\tsentence1\tsentence2\tpairID\nentailment\tA\tB\tx\n-\tA\tB\ty\n"
    assert [p.gold for p in load(_write(tmp_path, "m.tsv", tsv))] == ["entailment"]


def test_generic_jsonl_and_csv(tmp_path):
    j = json.dumps({"premise": "A", "hypothesis": "B", "label": "contradiction"})
    assert load(_write(tmp_path, "g.jsonl", j))[0].gold == "contradiction"
    c = 'id,premise,hypothesis,label\n1,"A, too",B,entailment\n'
    (p,) = load(_write(tmp_path, "g.csv", c))
    assert p.premises == ("A, too",) and p.gold == "entailment"


def test_entailment_bank(tmp_path):
    line = json.dumps({"id": "q", "context": "sent1: a is b sent2: b is c", "hypothesis": "a is c", "proof": "x"})
    (p,) = load(_write(tmp_path, "e.jsonl", line))
    assert p.premises == ("a is b", "b is c") and p.gold == "entailment"


def test_detection_uses_content_not_name(tmp_path):
    p = _write(tmp_path, "misleading.tsv", LOGIC_LM_3WAY)
    assert detect_format(p, p.read_text()) == "logic_lm"


def test_malformed_input_names_file_line_and_formats(tmp_path):
    p = _write(tmp_path, "bad.jsonl", '{"premise": "a", "hypothesis": "b", "label": "neutral"}\n{oops\n')
    with pytest.raises(DataFormatError, match=r"bad\.jsonl' line 2: invalid JSON"):
        load(p)
    q = _write(tmp_path, "weird.tsv", "foo\tbar\n1\t2\n")
    with pytest.raises(DataFormatError, match=re.escape("unrecognised header 'foo\\tbar'")) as err:
        load(q)
    assert "nesy reads:" in str(err.value)
    with pytest.raises(DataFormatError, match="does not exist"):
        load(tmp_path / "missing.json")
    with pytest.raises(DataFormatError, match="Unknown label 'perhaps'"):
        load(_write(tmp_path, "lab.jsonl", json.dumps({"premise": "a", "hypothesis": "b", "label": "perhaps"})))


def test_split_sentences_keeps_decimals():
    assert split_sentences("Bob is 1.5 m tall. He is red.\nAlice is big.") == (
        "Bob is 1.5 m tall.", "He is red.", "Alice is big.")


# ------------------------------------------------------------------ every shared file (slow)
EXPECTED = {
    "logic_llm/ProofWriter/dev.json": (600, {"entailment", "neutral", "contradiction"}),
    "logic_llm/ProntoQA/sample.json": (100, {"true", "false"}),
    "logic_llm/LogicalDeduction/train.json": (1200, None),
    "logic_llm/AR-LSAT/dev.json": (231, None),
    "folio/folio-train.jsonl": (1004, {"entailment", "neutral", "contradiction"}),
    "logicnli/dev_language.json": (2000, {"entailment", "neutral", "contradiction"}),
    "sick/SICK_trial.txt": (500, {"entailment", "neutral", "contradiction"}),
    "snli/validation.tsv": (9842, {"entailment", "neutral", "contradiction"}),
    "rte/train.tsv": (2490, {"entailment", "not_entailment"}),
    "taxinli/taxinli10k.tsv": (10071, {"entailment", "neutral", "contradiction"}),
    "anli/R1/dev.jsonl": (1000, {"entailment", "neutral", "contradiction"}),
    "conjnli/adversarial_train_15k.tsv": (15000, {"entailment", "neutral", "contradiction"}),
    "nli4ct/dev.json": (200, {"entailment", "not_entailment"}),
}


@pytest.mark.slow
def test_every_shared_file_loads(shared_data):
    files = [p for p in shared_data.rglob("*") if p.is_file() and p.suffix in {".json", ".jsonl", ".tsv", ".txt"}
             and "ct_json" not in p.parts and p.name not in {"SOURCE.txt", "readme.txt", "README.md", "LICENSE"}]
    assert files
    for f in files:
        probs = load(f)
        assert probs, f
        rel = str(f.relative_to(shared_data))
        if rel in EXPECTED:
            n, labels = EXPECTED[rel]
            assert len(probs) == n, rel
            if labels is None:
                assert all(p.is_multiple_choice for p in probs)
            else:
                assert set(Counter(p.gold for p in probs)) == labels, rel
