"""Tampered artifacts (fusion JSON, graph files, .kg knowledge files, model folders) give a clear error naming the
file; nothing is unpickled or executed from data."""

from __future__ import annotations

import gzip
import json
import re
import shutil
from pathlib import Path

import pytest

from nesy import limits
from nesy.errors import ConfigError, DataFormatError, ModelError
from nesy.fusion.model import FusionModel
from nesy.kg.graph import KnowledgeGraph, load_conceptnet, load_domain, load_triples
from nesy.reasoner import default_fusion_path

PACKAGE = Path(__file__).resolve().parents[1] / "nesy"


# ----------------------------------------------------------------------------- fusion model
@pytest.fixture(scope="module")
def fusion_dict() -> dict:
    return json.loads(default_fusion_path().read_text(encoding="utf-8"))


def _tampered(tmp_path: Path, data: dict | str | bytes) -> Path:
    p = tmp_path / "fusion.json"
    if isinstance(data, bytes):
        p.write_bytes(data)
    else:
        p.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return p


def _set(d: dict, dotted: str, value: object) -> dict:
    out = json.loads(json.dumps(d))
    node = out
    *head, last = dotted.split(".")
    for k in head:
        node = node[k]
    if value is KeyError:
        del node[last]
    else:
        node[last] = value
    return out


def test_shipped_fusion_round_trips(fusion_dict):
    assert FusionModel.from_dict(fusion_dict).to_dict() == fusion_dict


@pytest.mark.parametrize("field, value, message", [
    ("coef", [[1.0, 2.0]], "'coef' has shape (1, 2); expected (3, 25)"),
    ("mean", ["a"] * 25, "'mean' must hold numbers, not str"),
    ("mean", None, "'mean' must hold numbers, not object values"),
    ("scale", [0.0] * 25, "'scale' must be positive"),
    ("intercept", [1.0, float("nan"), 0.0], "'intercept' holds a value that is not a finite number"),
    ("temperature", -1.0, "'temperature' must be positive"),
    ("temperature", "hot", "'temperature' must hold numbers"),
    ("feature_names", [], "'feature_names' must be a non-empty list of strings"),
    ("feature_names", 7, "'feature_names' must be a non-empty list of strings"),
    ("params", {"C": 1.0, "evil": "os.system"}, "'params' must be an object with keys among"),
    ("params", "C=1", "'params' must be an object with keys among"),
    ("params.mode", "magic", "'params.mode' is 'magic'; expected residual or full"),
    ("proof_gate", {"x": [7, 0.5, 3]}, "'proof_gate.x' must be [label 0/1/2, precision in [0, 1], count]"),
    ("rule_gate", {"x": [0, 1.5, 3]}, "'rule_gate.x' must be [label 0/1/2, precision in [0, 1], count]"),
    ("rule_gate", [1, 2], "'rule_gate' must be an object"),
    ("top_label_map.confidence", [0.9, 0.5] + [0.6] * 26, "'top_label_map' must map at least two increasing "
                                                          "confidences to values in [0, 1]"),
    ("top_label_map.calibrated", [0.5], "'top_label_map.calibrated' has shape (1,); expected (28,)"),
    ("top_label_map", [1, 2], "'top_label_map' must be an object"),
    ("coef", KeyError, "missing field 'coef'"),
])
def test_tampered_fusion_field_is_a_model_error_naming_file_and_field(tmp_path, fusion_dict, field, value, message):
    p = _tampered(tmp_path, _set(fusion_dict, field, value))
    with pytest.raises(ModelError, match=re.escape(message)) as info:
        FusionModel.load(p)
    assert str(info.value).startswith(f"{str(p)!r}: Malformed nesy fusion model: ")


@pytest.mark.parametrize("content, message", [
    ("{not json", "is not JSON: "),
    (b"\xff\xfe\x00binary", "is not JSON: "),
    ("[" * 100_000, "is not JSON: "),
    ("[1, 2, 3]", "Not a nesy fusion model (format nesy-fusion, version 1)."),
    ('{"format": "nesy-fusion", "version": 2}', "Not a nesy fusion model (format nesy-fusion, version 1)."),
])
def test_fusion_file_that_is_not_a_model(tmp_path, content, message):
    p = _tampered(tmp_path, content)
    with pytest.raises(ModelError, match=re.escape(message)) as info:
        FusionModel.load(p)
    assert str(p) in str(info.value)


def test_truncated_fusion_file(tmp_path, fusion_dict):
    p = _tampered(tmp_path, json.dumps(fusion_dict)[:500])
    with pytest.raises(ModelError, match=re.escape(f"{str(p)!r} is not JSON: ")):
        FusionModel.load(p)


def test_fusion_folder_and_oversized_file(tmp_path, monkeypatch, fusion_dict):
    with pytest.raises(ModelError, match=re.escape(f"Fusion model {str(tmp_path)!r} not found.")):
        FusionModel.load(tmp_path)
    p = _tampered(tmp_path, fusion_dict)
    monkeypatch.setattr(limits, "MAX_ARTIFACT_BYTES", 100)
    with pytest.raises(ModelError, match=re.escape("bytes; a fusion model is a small JSON file (at most 100 bytes")):
        FusionModel.load(p)


# ----------------------------------------------------------------------------- graph files
GRAPH = {"format": "nesy-kg", "version": 1, "source": "test", "relations": ["is_a", "antonym"],
         "nodes": ["dog", "animal", "cat"], "kinds": [0, 0, 0], "edges": [[0, 1, 0, 0], [2, 1, 0, 0]]}


def _graph_file(tmp_path: Path, data: dict | bytes, name: str = "g.json.gz") -> Path:
    p = tmp_path / name
    raw = data if isinstance(data, bytes) else json.dumps(data).encode()
    p.write_bytes(gzip.compress(raw) if name.endswith(".gz") and not isinstance(data, bytes) else raw)
    return p


def test_small_graph_loads(tmp_path):
    kg = KnowledgeGraph.load(_graph_file(tmp_path, GRAPH))
    assert kg.g.has_edge("w:dog", "w:animal") and kg.sources == ["test"]


@pytest.mark.parametrize("field, value, message", [
    ("edges", [[0, 1, 0, 0], [-1, 1, 0, 0]], "edge [-1, 1, 0, 0] has a negative index or weight"),
    ("edges", [[0, 9, 0, 0]], "malformed graph data (list index out of range)"),
    ("edges", [[0, 1, 0]], "malformed graph data (not enough values to unpack"),
    ("edges", [[0, 1, 0, "w"]], "malformed graph data (unsupported operand type"),
    ("edges", [[0.5, 1, 0, 0]], "malformed graph data (unsupported operand type"),
    ("kinds", [0, 0], "3 nodes but 2 node kinds"),
    ("nodes", "dog animal cat", "nodes, kinds, relations and edges must be lists"),
    ("relations", ["is_a", 3], "relations must be strings"),
    ("nodes", None, "nodes, kinds, relations and edges must be lists"),
])
def test_tampered_graph_is_a_data_format_error_naming_the_file(tmp_path, field, value, message):
    p = _graph_file(tmp_path, dict(GRAPH, **{field: value}))
    with pytest.raises(DataFormatError, match=re.escape(message)) as info:
        KnowledgeGraph.load(p)
    assert str(info.value).startswith(f"{str(p)!r}: ")


def test_graph_missing_field(tmp_path):
    data = dict(GRAPH)
    del data["edges"]
    with pytest.raises(DataFormatError, match=re.escape("malformed graph data (missing field 'edges').")):
        KnowledgeGraph.load(_graph_file(tmp_path, data))


@pytest.mark.parametrize("raw", [
    gzip.compress(json.dumps(GRAPH).encode())[:40],            # truncated gzip
    b"\x1f\x8b\x08\x00" + bytes(range(200)),                   # gzip header, garbage body
    b"not gzip at all",                                        # .gz that is not gzip
    gzip.compress(b"\xff\xfe binary"),                         # gzip of non-UTF-8 bytes
    gzip.compress(b"[" * 100_000),                             # deep JSON
])
def test_corrupt_graph_file_is_a_data_format_error(tmp_path, raw):
    p = _graph_file(tmp_path, raw)
    with pytest.raises(DataFormatError, match=re.escape(f"{str(p)!r} is not a nesy graph file (JSON, optionally "
                                                        "gzip): ")):
        KnowledgeGraph.load(p)


def test_graph_decompression_is_bounded(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_GRAPH_BYTES", 1000)
    p = tmp_path / "bomb.json.gz"
    p.write_bytes(gzip.compress(b" " * 10_000_000))
    with pytest.raises(DataFormatError, match=re.escape("holds more than 1,000 bytes of graph data "
                                                        "(nesy.limits.MAX_GRAPH_BYTES)")):
        KnowledgeGraph.load(p)


def test_graph_path_that_is_a_folder(tmp_path):
    with pytest.raises(DataFormatError, match=re.escape(f"Knowledge graph file {str(tmp_path)!r} not found.")):
        KnowledgeGraph.load(tmp_path)


# ----------------------------------------------------------------------------- knowledge (.kg), triple files
def test_domain_file_errors_name_file_and_line(tmp_path, monkeypatch):
    p = tmp_path / "x.kg"
    p.write_text("# comment\ndog | is_a | animal\nrule: Every dog barks.\ndog | eats\n")
    with pytest.raises(DataFormatError, match=re.escape(f"{str(p)!r} line 4: expected 'head | relation | tail'")):
        load_domain(p)
    p.write_bytes(b"dog | is_a | animal\n\xff\xfe\n")
    with pytest.raises(DataFormatError, match=re.escape(f"Domain knowledge file {str(p)!r} is not UTF-8 text "
                                                        "(byte 20).")):
        load_domain(p)
    p.write_text("dog | is_a | animal\n" * 100)
    monkeypatch.setattr(limits, "MAX_ARTIFACT_BYTES", 100)
    with pytest.raises(DataFormatError, match=re.escape("nesy reads such files of at most 100 bytes")):
        load_domain(p)


def test_shipped_domain_files_load():
    from nesy.domains.knowledge import domain_knowledge

    assert domain_knowledge("legal").triples or domain_knowledge("legal").rules
    with pytest.raises(ConfigError, match=re.escape("A knowledge domain is named by a string, got int.")):
        domain_knowledge(3)  # type: ignore[arg-type]


def test_triple_and_conceptnet_files(tmp_path):
    p = tmp_path / "t.jsonl"
    p.write_text('{"head": "dog", "relation": "is_a", "tail": 3}\n')
    with pytest.raises(DataFormatError, match=re.escape(f"{str(p)!r} line 1: expected")):
        load_triples(p)
    c = tmp_path / "cn.csv.gz"
    c.write_bytes(gzip.compress(b"/a/x\t/r/IsA\t/c/en/dog\t/c/en/animal\t{}\n")[:30])
    with pytest.raises(DataFormatError, match=re.escape(f"{str(c)!r} is not a ConceptNet 5 assertions file")):
        load_conceptnet(c)


# ----------------------------------------------------------------------------- model folders
@pytest.fixture()
def adapter_dir(tmp_path) -> Path:
    from nesy.nli.scorer import default_model_dir

    out = tmp_path / "model"
    shutil.copytree(default_model_dir(), out)
    return out


@pytest.mark.parametrize("file, content, message", [
    ("adapter_config.json", "{broken", "Adapter config {path!r} is not valid JSON"),
    ("adapter_config.json", "[1]", "Adapter config {path!r} must be a JSON object, found list."),
    ("adapter_config.json", b"\xff\xfe", "Adapter config {path!r} is not valid JSON"),
    ("nesy_meta.json", '{"nesy_version": 3}', "Model metadata {path!r}: nesy_version must be a string, found 3."),
    ("nesy_meta.json", '{"labels": "entailment"}', "Model metadata {path!r}: labels must be a list of label names"),
    ("nesy_meta.json", "null", "Model metadata {path!r} must be a JSON object, found NoneType."),
    ("adapter_model.safetensors", b"\x00" * 64, "Weights file {path!r} is not a valid safetensors file"),
    ("adapter_model.safetensors", b"", "Weights file {path!r} is not a valid safetensors file"),
])
def test_tampered_adapter_folder_is_a_model_error_naming_the_file(adapter_dir, file, content, message):
    from nesy.nli.scorer import load_model

    target = adapter_dir / file
    target.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(ModelError, match=re.escape(message.format(path=str(target)))):
        load_model(adapter_dir)


def test_adapter_weights_are_never_unpickled(adapter_dir):
    from nesy.nli.scorer import load_model

    (adapter_dir / "adapter_model.safetensors").rename(adapter_dir / "adapter_model.bin")
    with pytest.raises(ModelError, match=re.escape("has no adapter_model.safetensors (adapter_model.bin is there; "
                                                   "nesy does not unpickle weights).")):
        load_model(adapter_dir)


def test_full_checkpoint_folder_errors(tmp_path):
    from nesy.nli.scorer import load_model

    folder = tmp_path / "ckpt"
    folder.mkdir()
    (folder / "config.json").write_text('{"model_type": "bert", ')
    with pytest.raises(ModelError, match=re.escape(f"Model config {str(folder / 'config.json')!r} is not valid JSON")):
        load_model(folder)
    (folder / "config.json").write_text('{"model_type": "bert"}')
    (folder / "pytorch_model.bin").write_bytes(b"\x80\x04 pickled")
    with pytest.raises(ModelError, match=re.escape(f"{str(folder)!r} has no model.safetensors (only "
                                                   "pytorch_model.bin, which nesy does not unpickle).")):
        load_model(folder)
    (folder / "model.safetensors").write_bytes(b"\x10\x00\x00\x00\x00\x00\x00\x00{not a header}")
    with pytest.raises(ModelError, match=re.escape(f"Weights file {str(folder / 'model.safetensors')!r} is not a "
                                                   "valid safetensors file")):
        load_model(folder)


def test_folder_with_no_model(tmp_path):
    from nesy.nli.scorer import load_model

    with pytest.raises(ModelError, match=re.escape("has neither config.json nor adapter_config.json; it is not a "
                                                   "model folder.")):
        load_model(tmp_path)


def test_no_code_or_pickle_is_run_from_data():
    """No module of nesy unpickles, torch.loads, or trusts remote code."""
    forbidden = re.compile(r"trust_remote_code\s*=\s*True|\bpickle\.loads?\(|\btorch\.load\(|\bjoblib\.load\(|"
                           r"(?<![.\w])eval\(|(?<![.\w])exec\(")
    hits = [f"{f.relative_to(PACKAGE)}:{i}" for f in PACKAGE.rglob("*.py")
            for i, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1) if forbidden.search(line)]
    assert hits == []
