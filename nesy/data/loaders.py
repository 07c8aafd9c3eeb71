"""Dataset loaders: every supported format read into :class:`~nesy.types.Problem` objects.

``load(path)`` detects the format from the file's content (never from its name):
its first bytes, its JSON shape, or its header columns.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import logging
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextvars import ContextVar
from pathlib import Path
from typing import Any, Literal, get_args

from nesy import limits
from nesy.errors import DataFormatError, LabelError, NesyError
from nesy.types import READINGS, Label, Problem, Reading, Scheme, check_choice

__all__ = ["Format", "FORMATS", "load", "detect_format", "split_sentences"]

logger = logging.getLogger(__name__)

Format = Literal[
    "auto",
    "logic_lm",
    "folio",
    "sick",
    "snli_tsv",
    "rte_tsv",
    "taxinli",
    "anli",
    "conjnli",
    "logicnli",
    "logicnli_logic",
    "logicbench",
    "nli_probe",
    "nli4ct",
    "entailment_bank",
    "snli_jsonl",
    "mnli_tsv",
    "generic_jsonl",
    "generic_csv",
]
FORMATS: tuple[str, ...] = get_args(Format)

_FORMAT_HELP = (
    "nesy reads: Logic-LM JSON (ProofWriter, FOLIO, ProntoQA, LogicalDeduction, AR-LSAT), FOLIO jsonl, "
    "SICK txt, SNLI/RTE tsv, TaxiNLI tsv, ANLI jsonl, ConjNLI tsv, LogicNLI json, LogicBench json, "
    "NLI probe jsonl, NLI4CT json, EntailmentBank jsonl, SNLI/MultiNLI jsonl or tsv (sentence1, sentence2, "
    "gold_label), and generic JSONL/CSV/TSV with premise (or premises), hypothesis, label columns."
)

#: Where the reader being run is in its file ("line 12", "item 3"), for the message of an error it did not
#: foresee; set by the line and item iterators below, read by :func:`load`.
_WHERE: ContextVar[str] = ContextVar("nesy_loader_where", default="")
#: Exceptions a reader may raise on malformed content; :func:`load` turns them into DataFormatError.
_MALFORMED = (KeyError, IndexError, TypeError, AttributeError, ValueError, RecursionError, csv.Error)

#: A sentence ends at . ! ? before a capital, digit, quote or bracket — but not after a title or a common
#: abbreviation ("Dr. Okafor", "Ms. Ruiz", "e.g. Aspirin").
_SENT_SPLIT = re.compile(r"(?<!\bDr\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bMrs\.)(?<!\bProf\.)(?<!\bSt\.)(?<!\bNo\.)"
                         r"(?<!\bvs\.)(?<!\be\.g\.)(?<!\bi\.e\.)(?<!\bJr\.)(?<!\bSr\.)"
                         r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")


def split_sentences(text: str) -> tuple[str, ...]:
    """Split a passage into sentences at ``. ! ?`` followed by a capital letter or digit.

    Conservative on purpose: the reasoning datasets use plain sentences, and a missed
    split is safer than a split inside an abbreviation.
    """
    parts: list[str] = []
    for para in text.split("\n"):
        para = para.strip()
        if para:
            parts.extend(s.strip() for s in _SENT_SPLIT.split(para) if s.strip())
    return tuple(parts)


# --------------------------------------------------------------------------- public entry point
def load(path: str | Path, format: Format = "auto", *, limit: int | None = None) -> list[Problem]:
    """Read a dataset file into problems.

    Args:
        path: The file to read.
        format: A format name from :data:`FORMATS`, or ``"auto"`` to detect it from the content.
        limit: Keep only the first ``limit`` problems (reading stops there: later lines are not checked).

    Raises:
        DataFormatError: The file is missing, a folder, empty, binary, malformed (truncated JSON, wrong columns,
            wrong field types), past a limit of :mod:`nesy.limits`, or in no supported format; the message names
            the file and the line or item.

    Example:
        >>> problems = load("../shared/data/snli/validation.tsv")  # doctest: +SKIP
        >>> problems[0].hypothesis  # doctest: +SKIP
        'The sisters are hugging goodbye while holding to go packages after just eating lunch.'
    """
    check_choice("format", format, FORMATS)
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int)):
        raise DataFormatError(f"limit must be a whole number of items or None, got {limit!r}.")
    p = Path(path)
    if p.is_dir():
        inside = ", ".join(sorted(c.name for c in p.iterdir())[:5])
        raise DataFormatError(f"{str(p)!r} is a folder, not a dataset file. Give one of the files in it"
                              f"{f' ({inside})' if inside else ''}.")
    if not p.is_file():
        raise DataFormatError(f"Dataset file {str(p)!r} does not exist or is not a file. Check the path.")
    text = _read_text(p)
    if not text.strip():
        raise DataFormatError(f"Dataset file {str(p)!r} is empty. {_FORMAT_HELP}")
    fmt = detect_format(p, text) if format == "auto" else format
    logger.info("Reading %s as %s", p, fmt)
    reader = _READERS[fmt]
    wanted = None if limit is None else max(0, limit)
    token = _WHERE.set("")
    try:
        problems = list(itertools.islice(reader(p, text), wanted))
    except DataFormatError:
        raise
    except (NesyError, *_MALFORMED) as err:
        where = _WHERE.get()
        hint = "" if isinstance(err, NesyError) else f" (reading it as {fmt}). {_FORMAT_HELP}"
        raise DataFormatError(f"{str(p)!r}{' ' + where if where else ''}: {_malformed(err)}{hint}") from err
    finally:
        _WHERE.reset(token)
    if not problems and wanted != 0:
        raise DataFormatError(f"No items could be read from {str(p)!r} as format {fmt!r}. {_FORMAT_HELP}")
    return problems


def _malformed(err: BaseException) -> str:
    """What an exception a reader did not foresee says about the item, in words."""
    if isinstance(err, NesyError):
        return str(err)
    if isinstance(err, KeyError):
        return f"missing field {err}"
    if isinstance(err, RecursionError):
        return "values nested too deeply"
    if isinstance(err, (TypeError, AttributeError)):
        return f"a field has the wrong type ({limits.shorten(str(err), 120)})"
    return f"malformed item ({type(err).__name__}: {limits.shorten(str(err), 120)})"


def _read_text(p: Path) -> str:
    try:
        size = p.stat().st_size
        if size > limits.MAX_DATASET_BYTES:
            raise DataFormatError(f"{str(p)!r} has {size:,} bytes; nesy reads dataset files of at most "
                                  f"{limits.MAX_DATASET_BYTES:,} (nesy.limits.MAX_DATASET_BYTES). Split it.")
        raw = p.read_bytes()
    except OSError as err:
        raise DataFormatError(f"Cannot read {str(p)!r}: {err}.") from err
    if raw[:2] == b"PK":
        raise DataFormatError(f"{str(p)!r} is a zip archive. Unzip it first, then load the files inside.")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise DataFormatError(f"{str(p)!r} is not UTF-8 text (byte {err.start}). {_FORMAT_HELP}") from err


# --------------------------------------------------------------------------- detection
def detect_format(path: Path, text: str) -> str:
    """Detect a file's format from its content."""
    head = text.lstrip()[:1]
    if head in "[{":
        doc_error: json.JSONDecodeError | None = None
        try:
            data = json.loads(text)
        except json.JSONDecodeError as err:
            data, doc_error = None, err
        except RecursionError as err:
            raise DataFormatError(f"{str(path)!r}: JSON values nested too deeply to read.") from err
        if data is not None:
            fmt = _detect_json(data)
            if fmt:
                return fmt
        try:
            first = _first_json_line(path, text)
        except DataFormatError:
            if doc_error is not None and (head == "[" or doc_error.msg != "Extra data"):
                # one JSON document (not JSON lines) that does not parse: say where, for the whole file
                raise DataFormatError(
                    f"{str(path)!r}: invalid JSON at line {doc_error.lineno} column {doc_error.colno} "
                    f"({doc_error.msg}); the file may be truncated. {_FORMAT_HELP}") from doc_error
            raise
        if first is not None:
            fmt = _detect_jsonl(first)
            if fmt:
                return fmt
        raise DataFormatError(f"{str(path)!r} is JSON but matches no known layout. {_FORMAT_HELP}")
    header = text.split("\n", 1)[0].strip("\r")
    try:
        cols = [c.strip().lower() for c in (header.split("\t") if "\t" in header else next(csv.reader([header])))]
    except csv.Error as err:
        raise DataFormatError(f"{str(path)!r}: unreadable header line {limits.shorten(header, 80)!r} ({err}). "
                              f"{_FORMAT_HELP}") from err
    fmt = _detect_columns(cols)
    if fmt:
        return fmt
    raise DataFormatError(f"{str(path)!r}: unrecognised header {header[:120]!r}. {_FORMAT_HELP}")


def _first_json_line(path: Path, text: str) -> dict[str, Any] | None:
    for lineno, line in enumerate(text.splitlines(), 1):
        if line.strip():
            try:
                obj = json.loads(line)
            except (json.JSONDecodeError, RecursionError) as err:
                why = err.msg if isinstance(err, json.JSONDecodeError) else "nested too deeply"
                raise DataFormatError(f"{str(path)!r} line {lineno}: invalid JSON ({why}). {_FORMAT_HELP}") from err
            return obj if isinstance(obj, dict) else None
    return None


def _detect_json(data: Any) -> str | None:
    if isinstance(data, list) and data and isinstance(data[0], dict):
        keys = set(data[0])
        if {"context", "question", "options", "answer"} <= keys:
            return "logic_lm"
        return _detect_jsonl(data[0])
    if isinstance(data, dict):
        if {"axiom"} <= set(data) and ("data_samples" in data or "samples" in data):
            return "logicbench"
        values = list(data.values())
        if values and all(isinstance(v, dict) for v in values[:5]):
            v0 = values[0]
            if {"facts", "rules", "statements", "labels"} <= set(v0):
                return "logicnli" if isinstance(v0["facts"], list) else "logicnli_logic"
            if {"Statement", "Primary_id", "Section_id"} <= set(v0):
                return "nli4ct"
        if len(data) > 1 or not values or not isinstance(values[0], dict):
            return _detect_jsonl(data)
    return None


def _detect_jsonl(obj: Mapping[str, Any]) -> str | None:
    keys = set(obj)
    if {"premises", "conclusion"} <= keys and ("premises-FOL" in keys or "label" in keys):
        return "folio"
    if {"uid", "context", "hypothesis", "label"} <= keys:
        return "anli"
    if {"premise", "hypothesis", "gold_label"} <= keys:
        return "nli_probe"
    if {"sentence1", "sentence2", "gold_label"} <= keys:
        return "snli_jsonl"
    if {"context", "hypothesis", "proof"} <= keys:
        return "entailment_bank"
    if {"premise", "hypothesis", "label"} <= keys or {"premises", "hypothesis", "label"} <= keys:
        return "generic_jsonl"
    return None


def _detect_columns(cols: list[str]) -> str | None:
    s = set(cols)
    if {"sentence_a", "sentence_b", "entailment_judgment"} <= s:
        return "sick"
    if {"prem", "hyp", "label"} <= s:
        return "taxinli"
    if {"sentence1", "sentence2", "gold_label"} <= s:
        return "mnli_tsv"
    if {"sentence1", "sentence2", "label"} <= s:
        return "rte_tsv"
    if cols[:3] == ["premise", "hypothesis", "label"] and len(cols) == 3:
        # BECEL SNLI files and ConjNLI share the header; ConjNLI writes it capitalised.
        return "snli_tsv"
    if {"premise", "hypothesis", "label"} <= s or {"premises", "hypothesis", "label"} <= s:
        return "generic_csv"
    return None


# --------------------------------------------------------------------------- helpers
def _label(value: object, where: str) -> Label:
    try:
        return Label.parse(value)
    except LabelError as err:
        raise DataFormatError(f"{where}: {err}") from err


def _nli_gold(value: object, where: str) -> tuple[str, Scheme]:
    """Gold label and scheme for a three-way or entailed/not-entailed label string."""
    key = str(value).strip().lower().replace("-", "_").replace(" ", "_")
    if key in {"not_entailed", "not_entailment", "non_entailment"}:
        return "not_entailment", "binary"
    if key == "entailed":
        return "entailment", "binary"
    return _label(value, where).value, "nli3"


def _rows(path: Path, text: str) -> Iterator[tuple[int, dict[str, str]]]:
    header = text.split("\n", 1)[0]
    delim = "\t" if "\t" in header else ","
    quoting = csv.QUOTE_NONE if delim == "\t" else csv.QUOTE_MINIMAL
    reader = csv.DictReader(io.StringIO(text), delimiter=delim, quoting=quoting)  # type: ignore[call-overload]
    if reader.fieldnames:
        reader.fieldnames = [f.strip().lower() for f in reader.fieldnames]
    for lineno, row in enumerate(reader, 2):
        _WHERE.set(f"line {lineno}")
        if None in row or any(v is None for v in row.values()):
            raise DataFormatError(
                f"{str(path)!r} line {lineno}: expected {len(reader.fieldnames or [])} columns "
                f"({', '.join(reader.fieldnames or [])}). Check the delimiter and quoting."
            )
        yield lineno, row


def _jsonl(path: Path, text: str) -> Iterator[tuple[int, dict[str, Any]]]:
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as err:
            raise DataFormatError(f"{str(path)!r}: invalid JSON ({err.msg} at line {err.lineno}).") from err
        if not isinstance(data, list):
            raise DataFormatError(f"{str(path)!r}: expected a JSON array of objects, found {type(data).__name__}.")
        for i, obj in enumerate(data, 1):
            _WHERE.set(f"item {i}")
            if not isinstance(obj, dict):
                raise DataFormatError(f"{str(path)!r} item {i}: expected a JSON object, found {type(obj).__name__}.")
            yield i, obj
        return
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        _WHERE.set(f"line {lineno}")
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            raise DataFormatError(
                f"{str(path)!r} line {lineno}: invalid JSON ({err.msg}). Each line must be one JSON object."
            ) from err
        if not isinstance(obj, dict):
            raise DataFormatError(f"{str(path)!r} line {lineno}: expected a JSON object, found {type(obj).__name__}.")
        yield lineno, obj


def _require(obj: Mapping[str, Any], keys: Iterable[str], path: Path, lineno: int) -> None:
    if not isinstance(obj, Mapping):
        raise DataFormatError(f"{str(path)!r} item {lineno}: expected a JSON object, found {type(obj).__name__}.")
    missing = [k for k in keys if k not in obj]
    if missing:
        raise DataFormatError(
            f"{str(path)!r} line {lineno}: missing field(s) {', '.join(missing)}; found {', '.join(sorted(obj))}."
        )


def _text(value: object, field: str, where: str) -> str:
    """A field that must hold text."""
    if not isinstance(value, str):
        raise DataFormatError(f"{where}: field {field!r} must be a string, found {type(value).__name__} "
                              f"({limits.shorten(repr(value), 40)}).")
    return value


def _pair(id_: str, premise: str | tuple[str, ...], hypothesis: str, label: object, where: str, *,
          reading: Reading = "classical", **meta: Any) -> Problem:
    """An NLI pair; ``premise`` is one passage (kept whole) or the premises already split."""
    gold, scheme = _nli_gold(label, where)
    premises = premise if isinstance(premise, tuple) else (_text(premise, "premise", where).strip(),)
    return Problem(id=id_, premises=premises, hypothesis=_text(hypothesis, "hypothesis", where).strip(), gold=gold,
                   scheme=scheme, metadata=meta, reading=reading)


def _generic_premises(obj: Mapping[str, Any], where: str) -> tuple[str, ...]:
    """Premises of a generic JSONL/CSV item: a ``premises`` list (in CSV: a JSON array, or a passage), or a
    ``premise`` passage split into sentences (:func:`split_sentences`)."""
    if "premises" in obj and obj["premises"] is not None:
        value = obj["premises"]
        if isinstance(value, str) and value.lstrip().startswith("["):
            try:
                value = json.loads(value)
            except json.JSONDecodeError as err:
                raise DataFormatError(f"{where}: field 'premises' starts like a JSON array but is not one "
                                      f"({err.msg}). Write it as [\"...\", \"...\"] or as plain sentences.") from err
        if isinstance(value, str):
            return split_sentences(value) or (value.strip(),)
        if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
            raise DataFormatError(f"{where}: field 'premises' must be a list of strings, found "
                                  f"{limits.shorten(repr(value), 60)}.")
        return tuple(x.strip() for x in value if x.strip())
    premise = _text(obj["premise"], "premise", where)
    return split_sentences(premise) or (premise.strip(),)


#: Reading conventions the datasets' gold labels follow (:data:`nesy.types.Reading`), declared here where they are
#: loaded. Logic-LM items name their dataset in the id ("ProofWriter_AttNoneg-OWA-D5-1041_Q1"): ProofWriter's gold
#: follows the RuleTaker convention (rules fire forwards; "not" facts are explicit), as do ProntoQA's generated
#: theories; FOLIO, LogicalDeduction and AR-LSAT are read classically. SNLI and SICK pairs are image captions (one
#: scene), LogicNLI is RuleTaker-style; everything else is read classically.
_LOGIC_LM_READINGS: dict[str, Reading] = {"proofwriter": "directional", "prontoqa": "directional"}
SCENE: Reading = "scene"


# --------------------------------------------------------------------------- readers
_OPTION_RE = re.compile(r"^\s*\(?([A-Z])\)\s*")


def _read_logic_lm(path: Path, text: str) -> Iterator[Problem]:
    data = json.loads(text)
    if not isinstance(data, list):
        raise DataFormatError(f"{str(path)!r}: expected a JSON array of Logic-LM items, found {type(data).__name__}.")
    for i, item in enumerate(data):
        _WHERE.set(f"item {i + 1}")
        _require(item, ("context", "question", "options", "answer"), path, i + 1)
        where = f"{str(path)!r} item {i + 1}"
        if not isinstance(item["options"], list) or not all(isinstance(o, str) for o in item["options"]):
            raise DataFormatError(f"{where}: field 'options' must be a list of strings.")
        _text(item["context"], "context", where)
        _text(item["question"], "question", where)
        options = [_OPTION_RE.sub("", o).strip() for o in item["options"]]
        letters = [(_OPTION_RE.match(o) or [None, chr(65 + k)])[1] for k, o in enumerate(item["options"])]
        answer = str(item["answer"]).strip()
        where = f"{path} item {i}"
        premises = split_sentences(item["context"])
        question = item["question"].strip()
        reading = _LOGIC_LM_READINGS.get(str(item.get("id", "")).split("_", 1)[0].lower(), "classical")
        kinds = {o.lower() for o in options}
        meta: dict[str, Any] = {"question": question}
        if "explanation" in item:
            meta["explanation"] = item["explanation"]
        if kinds <= {"true", "false", "unknown", "uncertain"} and {"true", "false"} <= kinds:
            # statement after the last "?" of the question (Logic-LM style).
            hyp = question.rsplit("?", 1)[-1].strip() or question
            if answer not in letters:
                raise DataFormatError(f"{where}: answer {answer!r} is not one of the options {letters}.")
            label = _label(options[letters.index(answer)], where)
            scheme: Scheme = "nli3" if len(options) == 3 else "truefalse"
            gold = label.value if scheme == "nli3" else ("true" if label is Label.ENTAILMENT else "false")
            yield Problem(id=str(item.get("id", i)), premises=premises, hypothesis=hyp, gold=gold, scheme=scheme,
                          metadata=meta, reading=reading)
        else:
            gold_choice = letters.index(answer) if answer in letters else None
            yield Problem(id=str(item.get("id", i)), premises=premises, hypothesis="", options=tuple(options),
                          gold_choice=gold_choice, metadata=meta, reading=reading)


def _read_folio(path: Path, text: str) -> Iterator[Problem]:
    for lineno, obj in _jsonl(path, text):
        _require(obj, ("premises", "conclusion"), path, lineno)
        premises = obj["premises"]
        where = f"{str(path)!r} line {lineno}"
        if isinstance(premises, str):
            premises = split_sentences(premises)
        if not isinstance(premises, (list, tuple)) or not all(isinstance(x, str) for x in premises):
            raise DataFormatError(f"{where}: field 'premises' must be a list of strings or a passage.")
        _text(obj["conclusion"], "conclusion", where)
        fol = obj.get("premises-FOL")
        if isinstance(fol, str):
            fol = [f for f in fol.split("\n") if f.strip()]
        if fol is not None and (not isinstance(fol, list) or not all(isinstance(f, str) for f in fol)):
            raise DataFormatError(f"{where}: field 'premises-FOL' must be a list of formulas (strings).")
        gold = _label(obj["label"], f"{path} line {lineno}").value if "label" in obj else None
        id_ = obj.get("example_id", obj.get("id", lineno))
        meta: dict[str, Any] = {k: obj[k] for k in ("story_id", "source") if k in obj}
        yield Problem(
            id=str(id_),
            premises=tuple(p.strip() for p in premises if p.strip()),
            hypothesis=obj["conclusion"].strip(),
            gold=gold,
            premises_fol=None if fol is None else tuple(f.strip() for f in fol if f.strip()),
            hypothesis_fol=obj.get("conclusion-FOL"),
            metadata=meta,
        )


def _read_sick(path: Path, text: str) -> Iterator[Problem]:
    for lineno, row in _rows(path, text):
        yield _pair(row["pair_id"], row["sentence_a"], row["sentence_b"], row["entailment_judgment"],
                    f"{path} line {lineno}", reading=SCENE, relatedness=float(row.get("relatedness_score") or 0))


def _read_snli_tsv(path: Path, text: str) -> Iterator[Problem]:
    for lineno, row in _rows(path, text):
        if row["label"].strip() in {"-", ""}:
            continue
        yield _pair(f"{path.stem}-{lineno - 2}", row["premise"], row["hypothesis"], row["label"],
                    f"{path} line {lineno}", reading=SCENE)


def _read_rte_tsv(path: Path, text: str) -> Iterator[Problem]:
    for lineno, row in _rows(path, text):
        raw = row["label"].strip()
        if raw == "":
            continue
        where = f"{path} line {lineno}"
        if raw in {"0", "1"} or raw.lower() in {"entailment", "not_entailment"}:
            gold = "entailment" if raw in {"0", "entailment"} else "not_entailment"
        else:
            raise DataFormatError(f"{where}: RTE label {raw!r} is not 0/1/entailment/not_entailment.")
        yield Problem(id=row.get("index", str(lineno - 2)), premises=(row["sentence1"].strip(),),
                      hypothesis=row["sentence2"].strip(), gold=gold, scheme="binary")


_TAXI_META = {"pairid", "genre", "label", "annotated_label", "prem", "hyp"}


def _read_taxinli(path: Path, text: str) -> Iterator[Problem]:
    for lineno, row in _rows(path, text):
        cats = sorted(k for k, v in row.items() if k not in _TAXI_META and v.strip() == "1")
        yield _pair(row.get("pairid") or f"{path.stem}-{lineno - 2}", row["prem"], row["hyp"], row["label"],
                    f"{path} line {lineno}", categories=cats, genre=row.get("genre", ""))


def _read_anli(path: Path, text: str) -> Iterator[Problem]:
    for lineno, obj in _jsonl(path, text):
        _require(obj, ("context", "hypothesis", "label"), path, lineno)
        yield _pair(str(obj.get("uid", lineno)), obj["context"], obj["hypothesis"], obj["label"],
                    f"{path} line {lineno}", genre=obj.get("genre", ""))


def _read_nli_probe(path: Path, text: str) -> Iterator[Problem]:
    for lineno, obj in _jsonl(path, text):
        _require(obj, ("premise", "hypothesis", "gold_label"), path, lineno)
        yield _pair(str(obj.get("idx", lineno)), obj["premise"], obj["hypothesis"], obj["gold_label"],
                    f"{path} line {lineno}")


def _read_snli_jsonl(path: Path, text: str) -> Iterator[Problem]:
    for lineno, obj in _jsonl(path, text):
        _require(obj, ("sentence1", "sentence2", "gold_label"), path, lineno)
        if str(obj["gold_label"]).strip() in {"-", ""}:
            continue
        id_ = obj.get("pairID", obj.get("pairid", lineno))
        # SNLI's jsonl has captions; MultiNLI's (with a genre) does not
        yield _pair(str(id_), obj["sentence1"], obj["sentence2"], obj["gold_label"], f"{path} line {lineno}",
                    reading="classical" if "genre" in obj else SCENE,
                    **({"genre": obj["genre"]} if "genre" in obj else {}))


def _read_mnli_tsv(path: Path, text: str) -> Iterator[Problem]:
    for lineno, row in _rows(path, text):
        if row["gold_label"].strip() in {"-", ""}:
            continue
        id_ = row.get("pairid") or f"{path.stem}-{lineno - 2}"
        yield _pair(id_, row["sentence1"], row["sentence2"], row["gold_label"], f"{path} line {lineno}")


def _read_generic_jsonl(path: Path, text: str) -> Iterator[Problem]:
    for lineno, obj in _jsonl(path, text):
        _require(obj, ("premises" if "premises" in obj else "premise", "hypothesis", "label"), path, lineno)
        reading = obj.get("reading", "classical")
        check_choice(f"reading ({path} line {lineno})", reading, READINGS)
        where = f"{path} line {lineno}"
        yield _pair(str(obj.get("id", lineno)), _generic_premises(obj, where), obj["hypothesis"], obj["label"],
                    where, reading=reading)


def _read_generic_csv(path: Path, text: str) -> Iterator[Problem]:
    for lineno, row in _rows(path, text):
        where = f"{path} line {lineno}"
        yield _pair(row.get("id") or str(lineno - 1), _generic_premises(row, where), row["hypothesis"], row["label"],
                    where)


def _logicnli_gold(label: str, where: str) -> str:
    # LogicNLI's fourth label, self_contradiction ("paradox"), means both the statement and its
    # negation follow from the theory. Neither "true" nor "false" is then a sound answer, so
    # nesy scores it as NEUTRAL (Unknown) — the label a reasoner must give when it cannot
    # commit to a truth value. The original label is kept in metadata["logicnli_label"].
    if label == "self_contradiction":
        return "neutral"
    return _label(label, where).value


def _read_logicnli(path: Path, text: str) -> Iterator[Problem]:
    data = json.loads(text)
    for story, item in data.items():
        _WHERE.set(f"story {story}")
        premises = tuple(item["facts"]) + tuple(item["rules"])
        for k, (stmt, lab) in enumerate(zip(item["statements"], item["labels"])):
            where = f"{path} story {story} statement {k}"
            yield Problem(id=f"{story}-{k}", premises=premises, hypothesis=stmt, gold=_logicnli_gold(lab, where),
                          metadata={"logicnli_label": lab, "story": story}, reading="directional")


def _logicnli_atom(fact: list[str]) -> str:
    ent, attr, sign = fact[0], fact[1], fact[2]
    if ent in {"all", "exist"}:
        return f"{'¬' if sign == '-' else ''}{attr.capitalize()}(x)"
    return f"{'¬' if sign == '-' else ''}{attr.capitalize()}({ent.lower()})"


def _logicnli_side(side: Mapping[str, Any]) -> tuple[str, set[str]]:
    atoms = [_logicnli_atom(f) for f in side["fact"]]
    quants = {f[0] for f in side["fact"] if f[0] in {"all", "exist"}}
    conj = {"and": " ∧ ", "or": " ∨ ", "none": " ∧ "}.get(side.get("conj", "none"), " ∧ ")
    if side.get("conj") == "neither":
        return "¬(" + " ∨ ".join(a.lstrip("¬") if a.startswith("¬") else a for a in atoms) + ")", quants
    body = conj.join(atoms)
    return (f"({body})" if len(atoms) > 1 else body), quants


def _read_logicnli_logic(path: Path, text: str) -> Iterator[Problem]:
    """LogicNLI's structured form: facts and rules already in logic, translated to FOLIO notation."""
    data = json.loads(text)
    for story, item in data.items():
        _WHERE.set(f"story {story}")
        facts = [_logicnli_atom(f) for f in item["facts"].values()]
        rules = []
        for rule in item["rules"].values():
            p, pq = _logicnli_side(rule["p"])
            q, qq = _logicnli_side(rule["q"])
            op = "↔" if rule.get("type") == "equ" else "→"
            if "all" in pq | qq:
                rules.append(f"∀x ({p} {op} {q})")
            elif "exist" in pq:
                rules.append(f"(∃x {p}) {op} {q}")
            else:
                rules.append(f"{p} {op} {q}")
        premises = tuple(facts + rules)
        for k, stmt in item["statements"].items():
            lab = item["labels"][k]
            hyp = _logicnli_atom(stmt)
            yield Problem(id=f"{story}-{k}", premises=premises, hypothesis=hyp,
                          gold=_logicnli_gold(lab, f"{path} story {story}"), premises_fol=premises,
                          hypothesis_fol=hyp, metadata={"logicnli_label": lab, "story": story})


_LB_QUESTION = re.compile(
    r"^(?:if (?P<cond>.+?),\s*)?(?:does this|can we say,?|would this|does it)\s*"
    r"(?:(?:mean|imply|entail|suggest)(?:\s+that)?\s*)?(?P<hyp>.+?)\??$",
    re.IGNORECASE | re.DOTALL,
)


def _read_logicbench(path: Path, text: str) -> Iterator[Problem]:
    data = json.loads(text)
    samples = data.get("data_samples", data.get("samples", []))
    axiom = data.get("axiom", "")
    for s_i, sample in enumerate(samples):
        _WHERE.set(f"sample {s_i}")
        context = sample["context"]
        premises = split_sentences(context)
        for q_i, qa in enumerate(sample.get("qa_pairs", [])):
            m = _LB_QUESTION.match(qa["question"].strip())
            cond, hyp = (m.group("cond"), m.group("hyp")) if m else (None, qa["question"].strip())
            prem = premises + ((cond.strip() + ".",) if cond else ())
            answer = str(qa["answer"]).strip().lower()
            if answer not in {"yes", "no"}:
                raise DataFormatError(f"{path} sample {s_i} question {q_i}: answer {answer!r} is not yes/no.")
            yield Problem(id=f"{axiom}-{sample.get('id', s_i)}-{q_i}", premises=prem, hypothesis=hyp.strip(),
                          gold="entailment" if answer == "yes" else "not_entailment", scheme="binary",
                          metadata={"axiom": axiom, "type": data.get("type", ""), "question": qa["question"]})


def _ct_dir(path: Path) -> Path:
    for name in ("ct_json", "CT json", "CT_json"):
        if (path.parent / name).is_dir():
            return path.parent / name
    raise DataFormatError(
        f"NLI4CT file {str(path)!r} needs the clinical-trial reports in a folder 'ct_json' (or 'CT json') "
        "beside it. Unzip them there."
    )


def _read_nli4ct(path: Path, text: str) -> Iterator[Problem]:
    data = json.loads(text)
    ct_dir = _ct_dir(path)
    cache: dict[str, dict[str, Any]] = {}

    def section(trial: str, name: str) -> list[tuple[int, str]]:
        """(line index in the report section, text) of its non-empty lines."""
        if trial not in cache:
            f = ct_dir / f"{trial}.json"
            if not f.is_file():
                raise DataFormatError(f"NLI4CT: trial report {str(f)!r} is missing.")
            try:
                cache[trial] = json.loads(f.read_text(encoding="utf-8"))
            except (OSError, ValueError, RecursionError) as err:
                raise DataFormatError(f"NLI4CT: trial report {str(f)!r} is not a JSON report "
                                      f"({limits.shorten(str(err), 100)}).") from err
            if not isinstance(cache[trial], dict):
                raise DataFormatError(f"NLI4CT: trial report {str(f)!r} is not a JSON object of sections.")
        lines = cache[trial].get(name)
        if lines is None:
            raise DataFormatError(f"NLI4CT: trial {trial} has no section {name!r}.")
        return [(i, ln.strip()) for i, ln in enumerate(lines) if ln.strip()]

    for uid, item in data.items():
        _WHERE.set(f"item {uid}")
        sec = item["Section_id"]
        lines = [("primary", i, ln) for i, ln in section(item["Primary_id"], sec)]
        if item.get("Type") == "Comparison" and item.get("Secondary_id"):
            lines += [("secondary", i, ln) for i, ln in section(item["Secondary_id"], sec)]
        premises = [f"{role.capitalize()} trial {sec.lower()}: {ln}" for role, _, ln in lines]
        gold = None
        if "Label" in item:
            gold = "entailment" if str(item["Label"]).lower() == "entailment" else "not_entailment"
        meta = {k: item[k] for k in ("Type", "Section_id", "Primary_id", "Secondary_id",
                                      "Primary_evidence_index", "Secondary_evidence_index") if k in item}
        meta["nli4ct_label"] = item.get("Label")
        # premise k is line premise_lines[k][1] of the primary/secondary report section (evidence indices use these)
        meta["premise_lines"] = [[role, i] for role, i, _ in lines]
        yield Problem(id=uid, premises=tuple(premises), hypothesis=item["Statement"].strip(), gold=gold,
                      scheme="binary", metadata=meta)


_EB_SENT = re.compile(r"sent\d+:\s*")


def _read_entailment_bank(path: Path, text: str) -> Iterator[Problem]:
    for lineno, obj in _jsonl(path, text):
        _require(obj, ("context", "hypothesis"), path, lineno)
        premises = tuple(s.strip() for s in _EB_SENT.split(obj["context"]) if s.strip())
        # Every EntailmentBank hypothesis is entailed by its context (the gold tree proves it).
        yield Problem(id=str(obj.get("id", lineno)), premises=premises, hypothesis=obj["hypothesis"].strip(),
                      gold="entailment", metadata={"proof": obj.get("proof", "")})


def _read_conjnli(path: Path, text: str) -> Iterator[Problem]:
    yield from _read_snli_tsv(path, text)


_READERS: dict[str, Callable[[Path, str], Iterable[Problem]]] = {
    "logic_lm": _read_logic_lm,
    "folio": _read_folio,
    "sick": _read_sick,
    "snli_tsv": _read_snli_tsv,
    "rte_tsv": _read_rte_tsv,
    "taxinli": _read_taxinli,
    "anli": _read_anli,
    "conjnli": _read_conjnli,
    "logicnli": _read_logicnli,
    "logicnli_logic": _read_logicnli_logic,
    "logicbench": _read_logicbench,
    "nli_probe": _read_nli_probe,
    "nli4ct": _read_nli4ct,
    "entailment_bank": _read_entailment_bank,
    "snli_jsonl": _read_snli_jsonl,
    "mnli_tsv": _read_mnli_tsv,
    "generic_jsonl": _read_generic_jsonl,
    "generic_csv": _read_generic_csv,
}
