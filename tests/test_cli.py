from __future__ import annotations

import json

import pytest

from nesy.cli import main

PW = [{"id": "pw1", "context": "Bob is big. If someone is big then they are red.",
       "question": "Based on the above information, is the following statement true, false, or unknown? Bob is red.",
       "options": ["A) True", "B) False", "C) Unknown"], "answer": "A"},
      {"id": "pw2", "context": "Bob is big. Big people are not cold.",
       "question": "Based on the above information, is the following statement true, false, or unknown? Bob is cold.",
       "options": ["A) True", "B) False", "C) Unknown"], "answer": "B"}]


@pytest.fixture()
def pw_file(tmp_path):
    p = tmp_path / "pw.json"
    p.write_text(json.dumps(PW))
    return p


def test_eval_symbolic_json_last_line(pw_file, tmp_path, capsys):
    preds = tmp_path / "preds.jsonl"
    assert main(["eval", str(pw_file), "--system", "symbolic", "--json", "--predictions", str(preds)]) == 0
    out = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert {"path", "system", "n", "accuracy", "macro_f1", "ece", "ece_floor", "coverage", "seconds", "per_label"} <= set(out)
    assert out["accuracy"] == 1.0 and out["coverage"] == 1.0 and out["n"] == 2
    rows = [json.loads(line) for line in preds.read_text().splitlines()]
    assert rows[0]["pred"] == "entailment" and rows[1]["pred"] == "contradiction" and rows[0]["proved"] is True
    assert {"id", "gold", "pred", "probabilities", "proved"} <= set(rows[0])


def test_eval_symbolic_proves_from_a_multi_sentence_premise_and_a_premises_list(tmp_path, capsys):
    """Generic JSONL: a multi-sentence ``premise`` is split into sentences, a ``premises`` list read as given; the
    proof comes from the premises even though the graph also knows aspirin is a chemical."""
    p = tmp_path / "user.jsonl"
    rows = [{"premise": "All drugs are chemicals. Aspirin is a drug.", "hypothesis": "Aspirin is a chemical.",
             "label": "entailment"},
            {"premises": ["All drugs are chemicals.", "Aspirin is a drug."], "hypothesis": "Aspirin is a chemical.",
             "label": "entailment"}]
    p.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    assert main(["data", str(p), "--json"]) == 0
    sample = json.loads(capsys.readouterr().out)["sample"]
    assert sample["premises"] == ["All drugs are chemicals.", "Aspirin is a drug."]
    assert main(["eval", str(p), "--system", "symbolic", "--json"]) == 0
    out = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert out["accuracy"] == 1.0 and out["coverage"] == 1.0


def test_infer_symbolic_with_fol(capsys):
    assert main(["infer", "--fol", "--premise", "∀x (Cat(x) → Animal(x))", "--premise", "Cat(tom)",
                 "--hypothesis", "Animal(tom)", "--system", "symbolic", "--json"]) == 0
    v = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert v["label"] == "entailment" and v["proved"] is True and v["trace"]["steps"]


def test_data_command_json(pw_file, capsys):
    assert main(["data", str(pw_file), "--json"]) == 0
    out = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert out["format"] == "logic_lm" and out["n"] == 2 and out["labels"] == {"entailment": 1, "contradiction": 1}


def test_bad_input_is_a_clear_error_not_a_crash(tmp_path, capsys):
    bad = tmp_path / "bad.txt"
    bad.write_text("hello\tworld\n")
    assert main(["data", str(bad)]) == 2
    assert "unrecognised header" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["eval", str(bad), "--system", "nueral"])


def test_fit_fusion_calibrate_on_must_name_a_data_file(pw_file, tmp_path, capsys):
    code = main(["fit-fusion", "--data", str(pw_file), "--out", str(tmp_path / "f.json"),
                 "--calibrate-on", str(tmp_path / "other.json")])
    assert code == 2
    assert "--calibrate-on names files that are not among --data" in capsys.readouterr().err
