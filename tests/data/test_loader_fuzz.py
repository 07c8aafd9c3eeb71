"""Loaders on hostile files: random bytes, truncated JSON, wrong columns, wrong types. Every file either loads
or raises DataFormatError naming the file (and the line or item); nothing else escapes."""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nesy import limits
from nesy.data import load
from nesy.data.loaders import FORMATS
from nesy.errors import DataFormatError
from nesy.types import Problem

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FUZZ_SLOW = settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: One small valid file per layout family.
SEEDS: dict[str, str] = {
    "logic_lm": json.dumps([{"id": "ProofWriter_1", "context": "Bob is big. Bob is red.",
                             "question": "Is it true? Bob is red.", "options": ["A) True", "B) False", "C) Unknown"],
                             "answer": "A"}]),
    "folio": json.dumps({"premises": ["All cats are animals.", "Tom is a cat."],
                         "premises-FOL": ["∀x (Cat(x) → Animal(x))", "Cat(tom)"], "conclusion": "Tom is an animal.",
                         "conclusion-FOL": "Animal(tom)", "label": "True"}),
    "sick": ("pair_ID\tsentence_A\tsentence_B\trelatedness_score\tentailment_judgment\n"
             "1\tA dog runs\tAn animal runs\t4.5\tENTAILMENT\n"),
    "generic_jsonl": json.dumps({"premise": "Bob is red. All red things are big.", "hypothesis": "Bob is big.",
                                 "label": "entailment"}),
    "generic_csv": "id,premise,hypothesis,label\n1,Bob is red.,Bob is big.,neutral\n",
    "logicnli": json.dumps({"s1": {"facts": ["Bob is red."], "rules": ["If someone is red then they are big."],
                                   "statements": ["Bob is big."], "labels": ["entailment"]}}),
    "logicbench": json.dumps({"axiom": "mp", "data_samples": [
        {"context": "If it rains, the grass is wet. It rains.",
         "qa_pairs": [{"question": "Does this imply that the grass is wet?", "answer": "yes"}]}]}),
    "entailment_bank": json.dumps({"id": "eb1", "context": "sent1: a cat is an animal sent2: tom is a cat",
                                   "hypothesis": "tom is an animal", "proof": "sent1 & sent2 -> hypothesis"}),
}


def _load_bytes(data: bytes, fmt: str = "auto") -> list[Problem] | DataFormatError:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "data.file"
        path.write_bytes(data)
        try:
            problems = load(path, fmt)  # type: ignore[arg-type]
        except DataFormatError as err:
            assert str(path) in str(err), f"the message must name the file: {err}"
            return err
    assert problems and all(isinstance(p, Problem) for p in problems)
    return problems


def test_seeds_load():
    for name, seed in SEEDS.items():
        assert isinstance(_load_bytes(seed.encode()), list), name


# ----------------------------------------------------------------------------- properties
@FUZZ
@given(st.binary(max_size=400))
def test_random_bytes_load_or_raise_data_format_error(data):
    _load_bytes(data)


@FUZZ
@given(st.sampled_from(sorted(SEEDS)), st.data())
def test_truncated_files_load_or_raise_data_format_error(name, data):
    seed = SEEDS[name].encode()
    cut = data.draw(st.integers(0, len(seed)))
    _load_bytes(seed[:cut])


@FUZZ
@given(st.sampled_from(sorted(SEEDS)), st.data())
def test_corrupted_bytes_load_or_raise_data_format_error(name, data):
    raw = bytearray(SEEDS[name].encode())
    for _ in range(data.draw(st.integers(1, 6))):
        raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
    _load_bytes(bytes(raw))


def _paths(obj: object, prefix: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    out: list[tuple[object, ...]] = []
    if isinstance(obj, dict):
        for k, v in obj.items():
            out += [prefix + (k,), *_paths(v, prefix + (k,))]
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            out += [prefix + (i,), *_paths(v, prefix + (i,))]
    return out


JSON_SEEDS = sorted(k for k, v in SEEDS.items() if v.startswith(("{", "[")))
WRONG_VALUES = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=5),
                         st.just("x" * (limits.MAX_TEXT_CHARS + 1)), st.lists(st.integers(), max_size=2),
                         st.dictionaries(st.text(max_size=3), st.integers(), max_size=2), st.just("\x00"),
                         st.just(["\ud800"]))


@FUZZ
@given(st.sampled_from(JSON_SEEDS), st.data(), WRONG_VALUES)
def test_wrong_field_types_raise_data_format_error_naming_the_line(name, data, value):
    obj = json.loads(SEEDS[name])
    where = data.draw(st.sampled_from(_paths(obj)))
    node = obj
    for key in where[:-1]:
        node = node[key]
    node[where[-1]] = value
    _load_bytes(json.dumps(obj).encode("utf-8", "surrogatepass"))


@FUZZ
@given(st.sampled_from(sorted(SEEDS)), st.sampled_from(FORMATS[1:]))
def test_any_file_read_as_any_format_loads_or_raises_data_format_error(name, fmt):
    _load_bytes(SEEDS[name].encode(), fmt)


@FUZZ
@given(st.lists(st.sampled_from(["premise", "premises", "hypothesis", "label", "id", "gold_label", "sentence1",
                                 "sentence2", "prem", "hyp", "x", ""]), min_size=1, max_size=6),
       st.lists(st.lists(st.text(alphabet="ab,\t\"\n .E", max_size=8), min_size=0, max_size=7), max_size=4),
       st.sampled_from([",", "\t"]))
def test_wrong_columns_raise_data_format_error(header, rows, delim):
    text = delim.join(header) + "\n" + "\n".join(delim.join(r) for r in rows) + "\n"
    _load_bytes(text.encode())


@pytest.mark.slow
@FUZZ_SLOW
@given(st.sampled_from(sorted(SEEDS)), st.data())
def test_corrupted_and_truncated_files_long_run(name, data):
    raw = bytearray(SEEDS[name].encode())
    for _ in range(data.draw(st.integers(0, 10))):
        raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
    _load_bytes(bytes(raw[: data.draw(st.integers(0, len(raw)))]))


@pytest.mark.slow
@FUZZ_SLOW
@given(st.binary(max_size=4000))
def test_random_bytes_long_run(data):
    _load_bytes(data)


# ----------------------------------------------------------------------------- named cases
def _error(tmp_path: Path, content: str | bytes, fmt: str = "auto") -> str:
    p = tmp_path / "bad.jsonl"
    p.write_bytes(content.encode("utf-8", "surrogatepass") if isinstance(content, str) else content)
    with pytest.raises(DataFormatError) as info:
        load(p, fmt)  # type: ignore[arg-type]
    return str(info.value)


def test_folder_instead_of_a_file(tmp_path):
    (tmp_path / "a.jsonl").write_text("{}")
    with pytest.raises(DataFormatError, match=re.escape(f"{str(tmp_path)!r} is a folder, not a dataset file. "
                                                        "Give one of the files in it (a.jsonl).")):
        load(tmp_path)


def test_missing_file(tmp_path):
    with pytest.raises(DataFormatError, match=re.escape("does not exist or is not a file. Check the path.")):
        load(tmp_path / "nope.jsonl")


def test_truncated_json_document_says_where(tmp_path):
    text = json.dumps(json.loads(SEEDS["logic_lm"]), indent=1)[:-12]
    assert re.search(r"': invalid JSON at line \d+ column \d+ \(.*\); the file may be truncated\.",
                     _error(tmp_path, text))


def test_truncated_json_line_says_which_line(tmp_path):
    good = SEEDS["generic_jsonl"]
    assert "bad.jsonl' line 2: invalid JSON (" in _error(tmp_path, good + "\n" + good[:-5] + "\n")


def test_wrong_field_type_names_file_line_and_field(tmp_path):
    line = json.dumps({"premise": "Bob is red.", "hypothesis": 7, "label": "entailment"})
    msg = _error(tmp_path, SEEDS["generic_jsonl"] + "\n" + line)
    assert msg.endswith("bad.jsonl line 2: field 'hypothesis' must be a string, found int (7).")


def test_non_object_line(tmp_path):
    msg = _error(tmp_path, SEEDS["generic_jsonl"] + "\n[1, 2]\n")
    assert msg.endswith("bad.jsonl' line 2: expected a JSON object, found list.")


def test_wrong_columns_name_the_line(tmp_path):
    msg = _error(tmp_path, "id,premise,hypothesis,label\n1,a,b,entailment\n2,a,b\n")
    assert "bad.jsonl' line 3: expected 4 columns (id, premise, hypothesis, label)." in msg


def test_unforeseen_shape_is_still_a_data_format_error_with_the_item(tmp_path):
    data = json.loads(SEEDS["logicnli"])
    data["s1"]["facts"] = 5
    msg = _error(tmp_path, json.dumps(data))
    assert "bad.jsonl' story s1: a field has the wrong type (" in msg


def test_limit_past_an_input_limit_is_a_data_format_error_with_the_line(tmp_path):
    line = json.dumps({"premise": "x" * (limits.MAX_TEXT_CHARS + 1), "hypothesis": "h", "label": "entailment"})
    msg = _error(tmp_path, SEEDS["generic_jsonl"] + "\n" + line)
    assert msg.endswith("bad.jsonl' line 2: Premise 1 has 10,001 characters; nesy reads at most 10,000 "
                        "(nesy.limits.MAX_TEXT_CHARS). Split the text into sentences (one premise each) or shorten it.")


def test_deeply_nested_json_is_refused(tmp_path):
    assert "nested too deeply" in _error(tmp_path, "[" * 100_000)


def test_limit_stops_reading_early(tmp_path):
    p = tmp_path / "d.jsonl"
    p.write_text(SEEDS["generic_jsonl"] + "\n" + SEEDS["generic_jsonl"] + "\n{broken\n")
    assert len(load(p, limit=2)) == 2
    assert load(p, limit=0) == []
    with pytest.raises(DataFormatError, match=re.escape("line 3: invalid JSON")):
        load(p)


# ----------------------------------------------------------------------------- generic premises
def test_generic_jsonl_accepts_a_premises_list(tmp_path):
    p = tmp_path / "g.jsonl"
    p.write_text(json.dumps({"id": "a", "premises": ["Bob is red.", " All red things are big. "],
                             "hypothesis": "Bob is big.", "label": "entailment"}) + "\n")
    (prob,) = load(p)
    assert prob.premises == ("Bob is red.", "All red things are big.") and prob.gold == "entailment"


def test_generic_jsonl_splits_a_multi_sentence_premise(tmp_path):
    p = tmp_path / "g.jsonl"
    p.write_text(json.dumps({"premise": "Dr. Okafor is red. All red things are big.", "hypothesis": "Bob is big.",
                             "label": "neutral"}) + "\n")
    (prob,) = load(p)
    assert prob.premises == ("Dr. Okafor is red.", "All red things are big.")


def test_generic_csv_premises_column_as_json_array_or_sentences(tmp_path):
    p = tmp_path / "g.csv"
    p.write_text('id,premises,hypothesis,label\n'
                 '1,"[""Bob is red."", ""All red things are big.""]",Bob is big.,entailment\n'
                 '2,Bob is red. Bob is big.,Bob is big.,entailment\n')
    a, b = load(p)
    assert a.premises == ("Bob is red.", "All red things are big.")
    assert b.premises == ("Bob is red.", "Bob is big.")


def test_generic_csv_splits_a_multi_sentence_premise(tmp_path):
    p = tmp_path / "g.csv"
    p.write_text("id,premise,hypothesis,label\n1,Bob is red. All red things are big.,Bob is big.,entailment\n")
    (prob,) = load(p)
    assert prob.premises == ("Bob is red.", "All red things are big.")


def test_generic_premises_must_be_strings(tmp_path):
    line = json.dumps({"premises": ["Bob is red.", 3], "hypothesis": "h", "label": "entailment"})
    assert _error(tmp_path, line).endswith("line 1: field 'premises' must be a list of strings, found "
                                           "['Bob is red.', 3].")
    bad_csv = 'premises,hypothesis,label,id\n"[""a"", 3",h,entailment,1\n'
    assert "field 'premises' starts like a JSON array but is not one" in _error(tmp_path, bad_csv)


def test_carriage_return_inside_a_csv_header_is_a_data_format_error(tmp_path):
    """Found by the corrupted-bytes fuzz test: csv.Error escaped from format detection."""
    assert "unreadable header line 'i\\r,premise,hypothesis,label'" in _error(
        tmp_path, "i\r,premise,hypothesis,label\n1,Bob is red.,Bob is big.,neutral\n")
