"""Run a system over a dataset and score it."""

from __future__ import annotations

import json
import logging
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import numpy as np

from nesy.data import metrics
from nesy.errors import ConfigError, DataFormatError, LabelError
from nesy.systems import System
from nesy.trace import ProofTrace
from nesy.types import LABELS, Label, Problem, Verdict, project_label, scheme_labels

__all__ = ["Evaluation", "evaluate", "scheme_probabilities", "metric_labels", "read_predictions"]

logger = logging.getLogger(__name__)


def metric_labels(problem: Problem) -> tuple[str, ...]:
    """Label names the metrics are computed over (``truefalse`` adds the always-wrong ``unknown``)."""
    labels = scheme_labels(problem.scheme)
    return labels + ("unknown",) if problem.scheme == "truefalse" else labels


def scheme_probabilities(verdict: Verdict, problem: Problem) -> list[float]:
    """The verdict's probabilities over the problem's own label set (see :func:`metric_labels`)."""
    e, n, c = verdict.probabilities
    if problem.scheme == "binary":
        return [e, n + c]
    if problem.scheme == "truefalse":
        return [e, c, n]
    return [e, n, c]


@dataclass(frozen=True, slots=True)
class Evaluation:
    """The outcome of one ``evaluate`` run: the report plus one record per item."""

    system: str
    path: str
    report: metrics.Report
    mc_accuracy: float | None
    seconds: float
    records: tuple[dict[str, Any], ...]

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"path": self.path, "system": self.system}
        out.update(self.report.to_dict())
        out["mc_accuracy"] = self.mc_accuracy
        if self.mc_accuracy is not None and self.report.n == 0:
            out["accuracy"] = self.mc_accuracy
        out["n"] = len(self.records)
        out["seconds"] = self.seconds
        return out

    def write_predictions(self, path: str | Path) -> None:
        with open(path, "w", encoding="utf-8") as fh:
            for rec in self.records:
                fh.write(json.dumps(rec) + "\n")


#: Problems answered per call of the system when predictions are written as they come (one network batch).
CHUNK_SIZE = 32


def evaluate(system: System, problems: Sequence[Problem], *, path: str = "", show_progress_bar: bool | None = None,
             verdicts: Sequence[Verdict] | None = None, predictions: str | Path | None = None, resume: bool = False,
             chunk_size: int = CHUNK_SIZE) -> Evaluation:
    """Answer every problem with ``system`` and compute the metrics.

    Multiple-choice items are scored by choice accuracy (``mc_accuracy``); the others by
    accuracy over their own label set. A file mixing label schemes is scored over the
    union of its labels. Pass ``verdicts`` to score answers already computed (``seconds`` is then 0).

    Args:
        predictions: A JSON-lines file that receives one record per item as soon as it is answered (written
            ``chunk_size`` items at a time, each chunk flushed), so an interrupted run loses at most one chunk.
        resume: Continue the run whose records are in ``predictions``: items that already have a record (matched
            by id, in order) are not answered again, the new records are appended, and the report covers all
            items. A record cut short by the interruption is dropped and its item answered again.
        chunk_size: Items per call of the system while writing ``predictions``.

    Raises:
        ConfigError: ``resume`` without ``predictions``, or records for items that are not in ``problems``.
        DataFormatError: ``predictions`` holds lines that are not prediction records.
    """
    start = time.perf_counter()
    if resume and predictions is None:
        raise ConfigError("resume=True needs predictions=OUT.jsonl: the file of the run to continue.")
    if verdicts is not None:
        if len(verdicts) != len(problems):
            raise ConfigError(f"{len(verdicts)} verdicts for {len(problems)} problems; give one per problem.")
    elif predictions is not None:
        verdicts = _solve_writing(system, problems, Path(predictions), resume=resume, chunk_size=chunk_size,
                                  show_progress_bar=show_progress_bar)
    else:
        verdicts = system.solve_many(problems, show_progress_bar=show_progress_bar)
    seconds = time.perf_counter() - start
    gold: list[str] = []
    pred: list[str] = []
    probs: list[list[float]] = []
    proved: list[bool] = []
    mc_hits: list[bool] = []
    records: list[dict[str, Any]] = []
    label_union: list[str] = []
    for prob, v in zip(problems, verdicts):
        rec = record(prob, v)
        if prob.is_multiple_choice:
            if prob.gold_choice is not None:
                mc_hits.append(v.choice == prob.gold_choice)
        elif prob.gold is not None:
            for lab in metric_labels(prob):
                if lab not in label_union:
                    label_union.append(lab)
            gold.append(prob.gold)
            pred.append(rec["pred"])
            probs.append(scheme_probabilities(v, prob))
            proved.append(v.proved)
        records.append(rec)
    # Items of different schemes in one file: align probability columns to the label union.
    if probs and len({len(p) for p in probs}) > 1:
        aligned = []
        for prob_item, p in zip([q for q in problems if not q.is_multiple_choice and q.gold is not None], probs):
            row = [0.0] * len(label_union)
            for lab, val in zip(metric_labels(prob_item), p):
                row[label_union.index(lab)] += val
            aligned.append(row)
        probs = aligned
    labels = tuple(label_union) or ("entailment", "neutral", "contradiction")
    scored = [lab for lab in labels if lab != "unknown"]  # "unknown" is a column, never a gold label, there
    proved_mc = [v.proved for p, v in zip(problems, verdicts) if p.is_multiple_choice]
    rep = metrics.report(gold, pred, labels, np.asarray(probs, dtype=float), proved, scored_labels=scored,
                         coverage_of=proved_mc if (mc_hits and not proved) else None)
    mc_acc = float(np.mean(mc_hits)) if mc_hits else None
    return Evaluation(system=getattr(system, "name", type(system).__name__), path=path, report=rep,
                      mc_accuracy=mc_acc, seconds=seconds, records=tuple(records))


def record(problem: Problem, verdict: Verdict) -> dict[str, Any]:
    """The predictions-file record of one answered item."""
    rec: dict[str, Any] = {
        "id": problem.id,
        "gold": problem.gold,
        "pred": project_label(verdict.label, problem.scheme),
        "label": verdict.label.value,
        "probabilities": verdict.probability_map,
        "proved": verdict.proved,
    }
    if problem.is_multiple_choice:
        rec["gold"] = problem.gold_choice
        rec["pred"] = verdict.choice
        rec["choice"] = verdict.choice
    return rec


def _verdict_from_record(rec: Mapping[str, Any], system: str) -> Verdict:
    """The parts of a verdict a record keeps (label, probabilities, proved, choice); the trace is not kept."""
    probs = rec["probabilities"]
    choice = rec.get("choice")
    if not isinstance(probs, Mapping) or (choice is not None and not isinstance(choice, int)):
        raise TypeError("probabilities must be a mapping and choice an int")
    p = [float(probs[lab.value]) for lab in LABELS]
    return Verdict(label=Label.parse(rec["label"]), probabilities=(p[0], p[1], p[2]),
                   trace=ProofTrace(summary="Read back from the predictions file of an earlier run."), system=system,
                   proved=bool(rec["proved"]), choice=choice)


def read_predictions(path: str | Path) -> tuple[list[dict[str, Any]], int]:
    """The records of a predictions file and the byte length of its complete part.

    A last line without its newline that is not a whole JSON record (a write cut short) is left out of both.

    Raises:
        DataFormatError: a line that is not a record (a JSON object with ``id``, ``label``, ``probabilities``
            and ``proved``), other than such a cut-short last line.
    """
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as err:
        raise DataFormatError(f"Cannot read the predictions file {str(p)!r}: {err}.") from err
    records: list[dict[str, Any]] = []
    good = 0
    lines = raw.split(b"\n")
    for lineno, line in enumerate(lines, 1):
        last = lineno == len(lines)
        if not line.strip():
            good += len(line) + (0 if last else 1)
            continue
        try:
            rec = json.loads(line.decode("utf-8"))
            if not isinstance(rec, dict) or not {"id", "label", "probabilities", "proved"} <= set(rec):
                raise ValueError("not a record")
        except (ValueError, RecursionError) as err:
            if last:  # cut short by an interruption: drop it, its item is answered again
                logger.warning("%s: dropping the incomplete last line %d.", p, lineno)
                break
            raise DataFormatError(f"{str(p)!r} line {lineno} is not a prediction record ({err}). Resume only "
                                  "from a file written by `nesy eval --predictions`, or start afresh without "
                                  "--resume.") from err
        records.append(rec)
        good += len(line) + (0 if last else 1)
    return records, good


def _solve_writing(system: System, problems: Sequence[Problem], out: Path, *, resume: bool, chunk_size: int,
                   show_progress_bar: bool | None) -> list[Verdict]:
    """Answer ``problems`` chunk by chunk, appending each chunk's records to ``out`` (flushed) as it is done."""
    from tqdm.auto import tqdm

    name = getattr(system, "name", type(system).__name__)
    done: dict[int, Verdict] = {}
    if out.is_dir():
        raise ConfigError(f"The predictions file {str(out)!r} is a folder; give a file path such as "
                          f"{str(out / 'predictions.jsonl')!r}.")
    if resume and out.is_file():
        records, good = read_predictions(out)
        # k-th record of an id ↔ k-th item with that id (ids are not always unique within a file)
        slots: dict[str, list[int]] = {}
        for i, prob in enumerate(problems):
            slots.setdefault(prob.id, []).append(i)
        seen: Counter[str] = Counter()
        stray = []
        for rec in records:
            rid = str(rec["id"])
            k = seen[rid]
            seen[rid] += 1
            if k >= len(slots.get(rid, ())):
                stray.append(rid)
                continue
            try:
                done[slots[rid][k]] = _verdict_from_record(rec, name)
            except (KeyError, TypeError, ValueError, LabelError) as err:
                raise DataFormatError(f"{str(out)!r}: the record of item {rid!r} is not a prediction record "
                                      f"({err}). Start afresh without --resume.") from err
        if stray:
            raise ConfigError(f"{str(out)!r} holds {len(stray)} records for items this dataset does not have "
                              f"(e.g. {stray[0]!r}): it is the predictions file of another run. Give another "
                              "--predictions file, or drop --resume to overwrite it.")
        with open(out, "r+b") as raw:  # drop a record cut short, end on a newline
            raw.truncate(good)
            if good:
                raw.seek(good - 1)
                if raw.read(1) != b"\n":
                    raw.write(b"\n")
        logger.info("Resuming %s: %d of %d items already answered.", out, len(done), len(problems))
    todo = [i for i in range(len(problems)) if i not in done]
    size = max(1, chunk_size)
    disable = (len(todo) < 50) if show_progress_bar is None else not show_progress_bar
    try:
        fh = open(out, "a" if resume else "w", encoding="utf-8")  # noqa: SIM115 - closed by the with below
    except OSError as err:
        raise ConfigError(f"Cannot write the predictions file {str(out)!r}: {err.strerror or err}. Give the path of "
                          "a file in a writable folder.") from err
    with fh, tqdm(total=len(todo), desc=name, disable=disable, unit="item") as bar:
        for start in range(0, len(todo), size):
            idx = todo[start:start + size]
            answers = system.solve_many([problems[i] for i in idx], show_progress_bar=False)
            if len(answers) != len(idx):
                raise ConfigError(f"The system gave {len(answers)} verdicts for {len(idx)} problems.")
            _write_records(fh, [record(problems[i], v) for i, v in zip(idx, answers)])
            done.update(zip(idx, answers))
            bar.update(len(idx))
    return [done[i] for i in range(len(problems))]


def _write_records(fh: IO[str], records: Sequence[Mapping[str, Any]]) -> None:
    try:
        fh.write("".join(json.dumps(rec) + "\n" for rec in records))
        fh.flush()
    except OSError as err:
        raise ConfigError(f"Cannot write the predictions file {fh.name!r}: {err.strerror or err}. The records "
                          "written so far are kept; free space (or give another file) and rerun with --resume.") from err


def verdict_from_probabilities(probs: Sequence[float], *, system: str, trace: Any, seconds: float = 0.0,
                               proved: bool = False) -> Verdict:
    """Build a verdict whose label is the arg-max of ``probs`` (entailment, neutral, contradiction)."""
    p = tuple(float(x) for x in probs)
    label = LABELS[int(np.argmax(p))]
    return Verdict(label=label, probabilities=(p[0], p[1], p[2]), trace=trace, system=system, seconds=seconds,
                   proved=proved)


