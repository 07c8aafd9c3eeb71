"""`evaluate(predictions=...)` writes records as items are answered; `resume=True` continues an interrupted run."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

import pytest

from nesy.errors import ConfigError, DataFormatError
from nesy.evaluate import evaluate, read_predictions
from nesy.trace import ProofTrace
from nesy.types import Label, Problem, Verdict

GOLDS = ["entailment", "neutral", "contradiction", "entailment", "neutral", "entailment", "contradiction"]


def _problems(ids: Sequence[str] | None = None) -> list[Problem]:
    ids = ids or [f"p{i}" for i in range(len(GOLDS))]
    return [Problem(id=i, premises=("Bob is red.",), hypothesis=f"Claim {k}.", gold=g)
            for k, (i, g) in enumerate(zip(ids, GOLDS))]


class Interrupted(Exception):
    pass


class Scripted:
    """Answers with the gold label except on every third item; raises once ``fail_after`` items are answered."""

    name = "scripted"

    def __init__(self, fail_after: int | None = None) -> None:
        self.fail_after = fail_after
        self.answered: list[str] = []

    def solve(self, problem: Problem) -> Verdict:
        return self.solve_many([problem])[0]

    def solve_many(self, problems: Sequence[Problem], *, show_progress_bar: bool | None = None) -> list[Verdict]:
        out = []
        for p in problems:
            if self.fail_after is not None and len(self.answered) >= self.fail_after:
                raise Interrupted(p.id)
            k = int(p.hypothesis.split()[1].rstrip("."))
            label = Label.NEUTRAL if k % 3 == 2 else Label.parse(p.gold)
            probs = [0.1, 0.1, 0.1]
            probs[label.index] = 0.8
            out.append(Verdict(label=label, probabilities=(probs[0], probs[1], probs[2]), trace=ProofTrace(),
                               system=self.name, proved=k % 2 == 0))
            self.answered.append(p.id)
        return out


def _report(ev):
    d = ev.to_dict()
    d.pop("seconds")
    return d


def test_records_are_written_chunk_by_chunk_and_survive_an_interruption(tmp_path):
    out = tmp_path / "preds.jsonl"
    problems = _problems()
    with pytest.raises(Interrupted):
        evaluate(Scripted(fail_after=4), problems, predictions=out, chunk_size=2)
    records, _ = read_predictions(out)
    assert [r["id"] for r in records] == ["p0", "p1", "p2", "p3"]  # two whole chunks, flushed


def test_resume_answers_only_the_missing_items_and_reports_all(tmp_path):
    problems = _problems()
    full = evaluate(Scripted(), problems, predictions=tmp_path / "full.jsonl")
    out = tmp_path / "preds.jsonl"
    with pytest.raises(Interrupted):
        evaluate(Scripted(fail_after=3), problems, predictions=out, chunk_size=3)
    again = Scripted()
    resumed = evaluate(again, problems, predictions=out, resume=True, chunk_size=3)
    assert again.answered == ["p3", "p4", "p5", "p6"]
    assert _report(resumed) == _report(full)
    assert out.read_text() == (tmp_path / "full.jsonl").read_text()


def test_resume_of_a_finished_run_answers_nothing(tmp_path):
    out = tmp_path / "preds.jsonl"
    full = evaluate(Scripted(), _problems(), predictions=out)
    again = Scripted()
    assert _report(evaluate(again, _problems(), predictions=out, resume=True)) == _report(full)
    assert again.answered == []


def test_resume_drops_a_record_cut_short(tmp_path):
    problems = _problems()
    out = tmp_path / "preds.jsonl"
    evaluate(Scripted(), problems, predictions=out)
    lines = out.read_text().splitlines(keepends=True)
    out.write_text("".join(lines[:2]) + lines[2][:17])  # killed while writing the third record
    again = Scripted()
    evaluate(again, problems, predictions=out, resume=True)
    assert again.answered == ["p2", "p3", "p4", "p5", "p6"]
    assert out.read_text() == "".join(lines)


def test_resume_keeps_a_whole_last_record_without_its_newline(tmp_path):
    problems = _problems()
    out = tmp_path / "preds.jsonl"
    evaluate(Scripted(), problems, predictions=out)
    lines = out.read_text().splitlines(keepends=True)
    out.write_text("".join(lines[:3]).rstrip("\n"))
    again = Scripted()
    evaluate(again, problems, predictions=out, resume=True)
    assert again.answered == ["p3", "p4", "p5", "p6"] and out.read_text() == "".join(lines)


def test_resume_matches_repeated_ids_in_order(tmp_path):
    problems = _problems(["a", "b", "a", "c", "a", "b", "d"])
    out = tmp_path / "preds.jsonl"
    with pytest.raises(Interrupted):
        evaluate(Scripted(fail_after=3), problems, predictions=out, chunk_size=1)
    again = Scripted()
    ev = evaluate(again, problems, predictions=out, resume=True)
    assert again.answered == ["c", "a", "b", "d"] and ev.report.n == 7


def test_resume_without_a_file_starts_afresh(tmp_path):
    again = Scripted()
    evaluate(again, _problems(), predictions=tmp_path / "new.jsonl", resume=True)
    assert len(again.answered) == len(GOLDS)


def test_resume_needs_a_predictions_file():
    with pytest.raises(ConfigError, match=re.escape("resume=True needs predictions=OUT.jsonl")):
        evaluate(Scripted(), _problems(), resume=True)


def test_resume_refuses_the_predictions_of_another_run(tmp_path):
    out = tmp_path / "preds.jsonl"
    evaluate(Scripted(), _problems(["x0", "x1", "x2", "x3", "x4", "x5", "x6"]), predictions=out)
    with pytest.raises(ConfigError, match=re.escape("holds 7 records for items this dataset does not have (e.g. "
                                                    "'x0'): it is the predictions file of another run.")):
        evaluate(Scripted(), _problems(), predictions=out, resume=True)


def test_resume_refuses_a_file_that_is_not_predictions(tmp_path):
    out = tmp_path / "preds.jsonl"
    out.write_text('{"id": "p0"}\n{"id": "p1", "label": "neutral", "probabilities": {}, "proved": false}\n')
    with pytest.raises(DataFormatError, match=re.escape("line 1 is not a prediction record (not a record).")):
        evaluate(Scripted(), _problems(), predictions=out, resume=True)
    out.write_text(json.dumps({"id": "p0", "label": "maybe", "probabilities": {}, "proved": False}) + "\n")
    with pytest.raises(DataFormatError, match=re.escape("the record of item 'p0' is not a prediction record")):
        evaluate(Scripted(), _problems(), predictions=out, resume=True)


# ----------------------------------------------------------------------------- the CLI
def test_cli_eval_resume_completes_an_interrupted_run(tmp_path, capsys):
    from nesy.cli import main
    from tests.test_cli import PW

    data = tmp_path / "pw.json"
    data.write_text(json.dumps(PW + [dict(p, id=p["id"] + "b") for p in PW]))
    full, part = tmp_path / "full.jsonl", tmp_path / "part.jsonl"
    args = ["eval", str(data), "--system", "symbolic", "--json", "--quiet"]
    assert main([*args, "--predictions", str(full)]) == 0
    first = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    lines = full.read_text().splitlines(keepends=True)
    part.write_text(lines[0] + lines[1][:10])
    assert main([*args, "--predictions", str(part), "--resume"]) == 0
    second = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert {k: v for k, v in second.items() if k != "seconds"} == {k: v for k, v in first.items() if k != "seconds"}
    assert [json.loads(x)["id"] for x in part.read_text().splitlines()] == ["pw1", "pw2", "pw1b", "pw2b"]


def test_cli_resume_needs_predictions(tmp_path, capsys):
    from nesy.cli import main

    assert main(["eval", str(tmp_path / "x.json"), "--system", "symbolic", "--resume"]) == 2
    assert "--resume needs --predictions OUT.jsonl" in capsys.readouterr().err


def test_predictions_path_that_cannot_be_written(tmp_path):
    with pytest.raises(ConfigError, match=re.escape(f"The predictions file {str(tmp_path)!r} is a folder; give a "
                                                    "file path such as")):
        evaluate(Scripted(), _problems(), predictions=tmp_path)
    missing = tmp_path / "no" / "such" / "dir.jsonl"
    with pytest.raises(ConfigError, match=re.escape(f"Cannot write the predictions file {str(missing)!r}: No such "
                                                    "file or directory.")):
        evaluate(Scripted(), _problems(), predictions=missing)
