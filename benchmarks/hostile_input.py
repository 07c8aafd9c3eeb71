"""Hostile input at every public entry point: each case must end in a verdict (or a parse, or loaded data) or a
NesyError subclass within 60 s — never another exception, a traceback or a hang.

Run:  .venv/bin/python benchmarks/hostile_input.py [--skip-cli] [--only SUBSTRING]

Entry points: ``Reasoner.infer/infer_many/choose`` (the real default reasoner, loaded offline once),
``SymbolicSystem.solve``, the FOL and English parsers, ``RuleBase`` loading, the dataset loaders, artifact loading
(fusion JSON, graph file, model folder), and the ``nesy eval/infer/data`` commands in subprocesses (a case passes
there when the exit status is 0, or 2 with a ``nesy: error:`` message and no traceback).

Writes ``benchmarks/RESULTS-hostile.md`` (kind, entry point, outcome, seconds) and prints a summary count; the exit
status is 1 when any case crashed or ran out of time.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _stamp import stamp  # noqa: E402

LIMIT_S = 60


@dataclass
class Result:
    kind: str
    entry: str
    outcome: str  # "verdict: ...", "NesyError: InputError ...", "CRASH: ...", "TIMEOUT"
    seconds: float
    ok: bool
    detail: str = ""


class _Timeout(Exception):
    pass


def _alarm(signum: int, frame: Any) -> None:
    raise _Timeout()


def _describe(value: Any) -> str:
    from nesy.types import Verdict

    if isinstance(value, Verdict):
        return f"verdict {value.label.value}" + (" (proved)" if value.proved else "")
    if isinstance(value, list) and value and all(isinstance(v, Verdict) for v in value):
        return f"{len(value)} verdicts"
    if isinstance(value, list):
        return f"loaded {len(value)} items"
    return f"answered ({type(value).__name__})"


def run_api(kind: str, entry: str, fn: Callable[[], Any]) -> Result:
    from nesy.errors import NesyError

    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(LIMIT_S)
    t0 = time.perf_counter()
    try:
        value = fn()
        outcome, ok, detail = _describe(value), True, ""
    except NesyError as err:
        outcome, ok, detail = f"refused: {type(err).__name__}", True, str(err)
    except _Timeout:
        outcome, ok, detail = f"TIMEOUT (> {LIMIT_S} s)", False, ""
    except BaseException as err:  # noqa: BLE001 - what this benchmark looks for
        tb = traceback.extract_tb(err.__traceback__)
        where = ", ".join(f"{Path(f.filename).name}:{f.lineno}" for f in tb[-3:])
        outcome, ok, detail = f"CRASH: {type(err).__name__}", False, f"{str(err)[:200]} (at {where})"
    finally:
        signal.alarm(0)
    return Result(kind, entry, outcome, time.perf_counter() - t0, ok, detail)


def run_cli(kind: str, args: list[str | bytes], *, stdin: bytes | None = None) -> Result:
    cmd = [sys.executable, "-m", "nesy", *args]
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", TOKENIZERS_PARALLELISM="false")
    t0 = time.perf_counter()
    try:
        proc = subprocess.run(cmd, capture_output=True, timeout=LIMIT_S, env=env, cwd=str(ROOT), input=stdin)
    except subprocess.TimeoutExpired:
        return Result(kind, "nesy " + str(args[0]), f"TIMEOUT (> {LIMIT_S} s)", time.perf_counter() - t0, False)
    seconds = time.perf_counter() - t0
    err = proc.stderr.decode("utf-8", "replace")
    entry = "nesy " + str(args[0])
    if "Traceback (most recent call last)" in err:
        last = [ln for ln in err.strip().splitlines() if ln.strip()][-1]
        return Result(kind, entry, f"CRASH (exit {proc.returncode})", seconds, False, last[:200])
    if proc.returncode == 0:
        return Result(kind, entry, "answered (exit 0)", seconds, True)
    if proc.returncode == 2 and "nesy: error:" in err:
        msg = err.split("nesy: error:", 1)[1].strip().splitlines()[0]
        return Result(kind, entry, "refused: exit 2, nesy: error", seconds, True, msg[:300])
    if proc.returncode == 2 and "usage:" in err:  # argparse's own refusal of a malformed command line
        return Result(kind, entry, "refused: exit 2, usage", seconds, True, err.strip().splitlines()[-1][:200])
    return Result(kind, entry, f"CRASH (exit {proc.returncode})", seconds, False, err.strip()[-200:])


# ----------------------------------------------------------------------------- the cases
def api_cases(tmp: Path) -> list[tuple[str, str, Callable[[], Any]]]:
    from nesy.data import load
    from nesy.fusion.model import FusionModel
    from nesy.kg.graph import KnowledgeGraph
    from nesy.logic.english import EnglishParser
    from nesy.logic.folparse import parse_fol
    from nesy.logic.system import SymbolicSystem
    from nesy.nli.scorer import NliScorer, default_model_dir
    from nesy.reasoner import Reasoner, default_fusion_path
    from nesy.types import Problem

    reasoner = _cached(lambda: Reasoner.default())
    symbolic = _cached(lambda: SymbolicSystem())
    english = _cached(lambda: EnglishParser())

    def fol_problem(premise: str, hypothesis: str = "Q(a)") -> Problem:
        return Problem(id="h", premises=(premise,), hypothesis=hypothesis, premises_fol=(premise,),
                       hypothesis_fol=hypothesis, metadata={"formal": True})

    def english_problem(premises: tuple[str, ...], hypothesis: str) -> Problem:
        return Problem(id="h", premises=premises, hypothesis=hypothesis)

    deep_parens = "(" * 5000 + "P(a)" + ")" * 5000
    negations = "¬" * 20_000 + "P(a)"
    deep_not_groups = "¬(" * 3000 + "P(a)" + ")" * 3000
    arrows = " → ".join(f"P{i}(a)" for i in range(1200))
    quantifiers = "∀x " * 1500 + "P(x)"
    mb = "Bob is red and " * 70_000 + "Bob is round."
    mb_sentences = "Bob is red. " * 90_000
    long_word = "Bob is " + "a" * 10_000 + "."
    rtl = "\u202eBob is red.\u202c \u200fAll red things are rough.\u200f"
    zero_width = "Bob\u200b is\u200d red\ufeff."
    rand_unicode = "".join(chr(c) for c in (0x0645, 0x0627, 0x2603, 0x1F600, 0x0301, 0x0300, 0x4E2D, 0x05D0,
                                            0x0E01, 0xFFFD, 0x1D400, 0x2028, 0x2029, 0x00AD))
    huge_number = "Bob has " + "9" * 5000 + " apples."
    huge_fol = "P(" + "9" * 5000 + ")"

    files = _hostile_files(tmp)
    cases: list[tuple[str, str, Callable[[], Any]]] = [
        # FOL parser
        ("FOL: 5,000-deep parenthesis nest", "parse_fol", lambda: parse_fol(deep_parens)),
        ("FOL: 4,995-deep parentheses (within the length limit)", "parse_fol",
         lambda: parse_fol("(" * 4995 + "P(a)" + ")" * 4995)),
        ("FOL: 20,000 negations", "parse_fol", lambda: parse_fol(negations)),
        ("FOL: 3,000 nested ¬( groups", "parse_fol", lambda: parse_fol(deep_not_groups)),
        ("FOL: 1,200-step implication chain", "parse_fol", lambda: parse_fol(arrows)),
        ("FOL: 1,500 nested quantifiers", "parse_fol", lambda: parse_fol(quantifiers)),
        ("FOL: malformed (dangling connective)", "parse_fol", lambda: parse_fol("∀x (P(x) ∧")),
        ("FOL: unbalanced quantifiers", "parse_fol", lambda: parse_fol("∀x ∃y ∀z")),
        ("FOL: unbalanced parentheses", "parse_fol", lambda: parse_fol("((P(a)) ∧ Q(b)))")),
        ("FOL: random unicode", "parse_fol", lambda: parse_fol(rand_unicode)),
        ("FOL: 5,000-digit constant", "parse_fol", lambda: parse_fol(huge_fol)),
        ("FOL: wrong type (bytes)", "parse_fol", lambda: parse_fol(b"P(a)")),  # type: ignore[arg-type]
        # English parser
        ("English: 1 MB sentence", "EnglishParser.parse", lambda: english().parse(mb)),
        ("English: NUL bytes", "EnglishParser.parse", lambda: english().parse("Bob\x00 is red.")),
        ("English: lone surrogate", "EnglishParser.parse", lambda: english().parse("Bob \ud800 is red.")),
        ("English: RTL and zero-width marks", "EnglishParser.parse", lambda: english().parse(zero_width)),
        ("English: random unicode", "EnglishParser.parse", lambda: english().parse(rand_unicode)),
        ("English: 10,000-character word", "EnglishParser.parse", lambda: english().parse(long_word)),
        ("English: empty string", "EnglishParser.parse", lambda: english().parse("")),
        ("English: whitespace only", "EnglishParser.parse", lambda: english().parse(" \n\t ")),
        ("English: 5,000-digit number", "EnglishParser.parse", lambda: english().parse(huge_number)),
        # SymbolicSystem.solve
        ("solve: FOL premise 3,000 groups deep", "SymbolicSystem.solve",
         lambda: symbolic().solve(fol_problem(deep_not_groups))),
        ("solve: FOL premise, 20,000 negations", "SymbolicSystem.solve",
         lambda: symbolic().solve(fol_problem(negations))),
        ("solve: inconsistent premises", "SymbolicSystem.solve",
         lambda: symbolic().solve(english_problem(("Bob is red.", "Bob is not red."), "Bob is big."))),
        ("solve: 300 premises", "SymbolicSystem.solve",
         lambda: symbolic().solve(english_problem(tuple(f"Thing{i} is red." for i in range(300)), "Thing7 is red."))),
        ("solve: None instead of a problem", "SymbolicSystem.solve", lambda: symbolic().solve(None)),  # type: ignore
        ("solve: 5,000-digit number", "SymbolicSystem.solve",
         lambda: symbolic().solve(english_problem((huge_number,), "Bob has 3 apples."))),
        # Reasoner
        ("infer: 1 MB premise", "Reasoner.infer", lambda: reasoner().infer(mb, "Bob is red.")),
        ("infer: 1 MB of sentences", "Reasoner.infer", lambda: reasoner().infer(mb_sentences, "Bob is red.")),
        ("infer: 10,000 premises", "Reasoner.infer", lambda: reasoner().infer(["Bob is red."] * 10_000, "Bob is.")),
        ("infer: NUL bytes", "Reasoner.infer", lambda: reasoner().infer("Bob\x00 is red.", "Bob is red.")),
        ("infer: lone surrogate", "Reasoner.infer", lambda: reasoner().infer("Bob is \udcff red.", "Bob is red.")),
        ("infer: RTL and zero-width marks", "Reasoner.infer", lambda: reasoner().infer(rtl, zero_width)),
        ("infer: random unicode", "Reasoner.infer", lambda: reasoner().infer(rand_unicode, rand_unicode[::-1])),
        ("infer: empty hypothesis", "Reasoner.infer", lambda: reasoner().infer("Bob is red.", "")),
        ("infer: whitespace-only premise and hypothesis", "Reasoner.infer", lambda: reasoner().infer("  ", "\t\n")),
        ("infer: 10,000-character word", "Reasoner.infer", lambda: reasoner().infer(long_word, "Bob is red.")),
        ("infer: 5,000-digit number", "Reasoner.infer", lambda: reasoner().infer(huge_number, "Bob has apples.")),
        ("infer: premises None", "Reasoner.infer", lambda: reasoner().infer(None, "Bob is red.")),  # type: ignore
        ("infer: premises ints", "Reasoner.infer", lambda: reasoner().infer([1, 2], "Bob is red.")),  # type: ignore
        ("infer: hypothesis None", "Reasoner.infer", lambda: reasoner().infer("Bob is red.", None)),  # type: ignore
        ("infer: hypothesis bytes", "Reasoner.infer", lambda: reasoner().infer("Bob is red.", b"Bob")),  # type: ignore
        ("infer: premises a dict", "Reasoner.infer", lambda: reasoner().infer({"a": 1}, "Bob is red.")),  # type: ignore
        ("infer: FOL, 20,000 negations", "Reasoner.infer(fol=True)",
         lambda: reasoner().infer([negations], "P(a)", fol=True)),
        ("infer: FOL, 5,000-deep parentheses", "Reasoner.infer(fol=True)",
         lambda: reasoner().infer([deep_parens], "P(a)", fol=True)),
        ("infer: FOL, malformed", "Reasoner.infer(fol=True)",
         lambda: reasoner().infer(["∀x (P(x) →", "P(a)"], "Q(a)", fol=True)),
        ("infer_many: a good and a bad pair", "Reasoner.infer_many",
         lambda: reasoner().infer_many([("Bob is red.", "Bob is red."), (None, "x")])),  # type: ignore
        ("infer_many: None instead of pairs", "Reasoner.infer_many", lambda: reasoner().infer_many(None)),  # type: ignore
        ("infer_many: workers=0", "Reasoner.infer_many",
         lambda: reasoner().infer_many([("Bob is red.", "Bob is red.")], workers=0)),
        ("choose: no options", "Reasoner.choose", lambda: reasoner().choose("Bob is red.", [])),
        ("choose: options None", "Reasoner.choose", lambda: reasoner().choose("Bob is red.", None)),  # type: ignore
        ("choose: 100 options", "Reasoner.choose",
         lambda: reasoner().choose("Bob is red.", [f"Bob is {i}." for i in range(100)])),
        ("choose: options of empty strings", "Reasoner.choose", lambda: reasoner().choose("Bob is red.", ["", " "])),
        # loaders
        ("load: random bytes", "load", lambda: load(files["random"])),
        ("load: binary file (PNG header)", "load", lambda: load(files["png"])),
        ("load: truncated JSON", "load", lambda: load(files["truncated"])),
        ("load: wrong columns", "load", lambda: load(files["columns"])),
        ("load: wrong field types", "load", lambda: load(files["types"])),
        ("load: a directory instead of a file", "load", lambda: load(tmp)),
        ("load: missing file", "load", lambda: load(tmp / "missing.jsonl")),
        ("load: JSON nested 100,000 deep", "load", lambda: load(files["deep_json"])),
        ("load: 2 GB sparse file", "load", lambda: load(files["huge"])),
        ("load: NUL bytes in a TSV", "load", lambda: load(files["nul"])),
        ("load: empty file", "load", lambda: load(files["empty"])),
        # artifacts and rule files
        ("artifact: tampered fusion JSON", "FusionModel.load", lambda: FusionModel.load(files["fusion"])),
        ("artifact: fusion JSON of another shape", "FusionModel.load", lambda: FusionModel.load(files["fusion2"])),
        ("artifact: Reasoner with tampered fusion", "Reasoner.default",
         lambda: Reasoner.default(fusion=str(files["fusion"]))),
        ("artifact: tampered graph file", "KnowledgeGraph.load", lambda: KnowledgeGraph.load(files["graph"])),
        ("artifact: truncated gzip graph", "KnowledgeGraph.load", lambda: KnowledgeGraph.load(files["graph_gz"])),
        ("artifact: model folder with corrupt config", "NliScorer",
         lambda: NliScorer(str(_model_copy(tmp, default_model_dir(), "adapter_config.json", b"{oops")))),
        ("artifact: model folder with corrupt weights", "NliScorer",
         lambda: NliScorer(str(_model_copy(tmp, default_model_dir(), "adapter_model.safetensors", b"\x00" * 99)))),
        ("artifact: missing fusion file", "FusionModel.load", lambda: FusionModel.load(tmp / "nope.json")),
        ("rules: binary rule file", "RuleBase.from_text", lambda: _rulebase(files["png"])),
        ("rules: a directory as rule file", "RuleBase.from_text", lambda: _rulebase(tmp)),
    ]
    assert default_fusion_path().is_file()
    return cases


def cli_cases(tmp: Path) -> list[tuple[str, list[str | bytes]]]:
    files = _hostile_files(tmp)
    pw = tmp / "pw.json"
    pw.write_text(json.dumps([{"id": "pw1", "context": "Bob is big. If someone is big then they are red.",
                               "question": "Is the following statement true, false, or unknown? Bob is red.",
                               "options": ["A) True", "B) False", "C) Unknown"], "answer": "A"}]))
    bad_preds = tmp / "bad-preds.jsonl"
    bad_preds.write_text("not json\n{}\n")
    mixed = tmp / "mixed.jsonl"
    mixed.write_text("\n".join(json.dumps(x) for x in [
        {"premise": "Bob is red.\u200b\u202e", "hypothesis": "Bob is red.", "label": "entailment"},
        {"premise": "🙂" * 200, "hypothesis": "ﷺ", "label": "neutral"},
        {"premise": "Bob has " + "9" * 3000 + " cats.", "hypothesis": "Bob has cats.", "label": "entailment"},
    ]) + "\n")
    return [
        ("CLI: eval on random bytes", ["eval", str(files["random"]), "--system", "symbolic", "--quiet"]),
        ("CLI: eval on a directory", ["eval", str(tmp), "--system", "symbolic", "--quiet"]),
        ("CLI: eval on a missing file", ["eval", str(tmp / "missing.jsonl"), "--system", "symbolic"]),
        ("CLI: eval on truncated JSON", ["eval", str(files["truncated"]), "--system", "symbolic"]),
        ("CLI: eval --predictions into a directory", ["eval", str(pw), "--system", "symbolic", "--quiet",
                                                      "--predictions", str(tmp)]),
        ("CLI: eval --resume from a corrupt predictions file", ["eval", str(pw), "--system", "symbolic", "--quiet",
                                                                "--predictions", str(bad_preds), "--resume"]),
        ("CLI: eval --system nesy on odd unicode and huge numbers", ["eval", str(mixed), "--system", "nesy",
                                                                      "--quiet", "--json"]),
        ("CLI: infer FOL with 20,000 negations", ["infer", "--fol", "--system", "symbolic", "--premise",
                                                   "¬" * 20_000 + "P(a)", "--hypothesis", "P(a)"]),
        ("CLI: infer FOL 3,000 groups deep", ["infer", "--fol", "--system", "symbolic", "--premise",
                                              "¬(" * 3000 + "P(a)" + ")" * 3000, "--hypothesis", "P(a)"]),
        ("CLI: infer with invalid UTF-8 bytes in argv", ["infer", "--system", "symbolic", "--premise",
                                                         b"Bob is \xff\xfe red.", "--hypothesis", "Bob is red."]),
        ("CLI: infer with a 100 kB premise", ["infer", "--system", "symbolic", "--premise", "Bob is red " * 10_000,
                                              "--hypothesis", "Bob is red."]),
        ("CLI: infer with an empty hypothesis", ["infer", "--system", "nesy", "--premise", "Bob is red.",
                                                 "--hypothesis", ""]),
        ("CLI: infer --model with a corrupt model folder",
         ["infer", "--system", "neural", "--model", str(_model_copy(tmp, None, "adapter_config.json", b"[")),
          "--premise", "Bob is red.", "--hypothesis", "Bob is red."]),
        ("CLI: data on a binary file", ["data", str(files["png"])]),
        ("CLI: data on wrong columns", ["data", str(files["columns"]), "--json"]),
        ("CLI: data on a directory", ["data", str(tmp)]),
    ]


# ----------------------------------------------------------------------------- helpers
_CACHE: dict[int, Any] = {}


def _cached(make: Callable[[], Any]) -> Callable[[], Any]:
    def get() -> Any:
        key = id(make)
        if key not in _CACHE:
            _CACHE[key] = make()
        return _CACHE[key]
    return get


def _rulebase(path: Path) -> Any:
    from nesy.rules import RuleBase

    return RuleBase.from_text(path)


def _model_copy(tmp: Path, source: Path | None, file: str, content: bytes) -> Path:
    from nesy.nli.scorer import default_model_dir

    out = Path(tempfile.mkdtemp(dir=tmp, prefix="model-"))
    shutil.copytree(source or default_model_dir(), out, dirs_exist_ok=True)
    (out / file).write_bytes(content)
    return out


_FILES: dict[Path, dict[str, Path]] = {}


def _hostile_files(tmp: Path) -> dict[str, Path]:
    if tmp in _FILES:
        return _FILES[tmp]
    from nesy.reasoner import default_fusion_path

    f = {name: tmp / name for name in ("random", "png", "truncated", "columns", "types", "deep_json", "huge", "nul",
                                       "empty", "fusion", "fusion2", "graph", "graph_gz")}
    f["random"].write_bytes(os.urandom(4096))
    f["png"].write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(512))
    f["truncated"].write_text(json.dumps([{"id": "a", "context": "Bob is red.", "question": "Q? Bob is red.",
                                           "options": ["A) True", "B) False"], "answer": "A"}] * 5, indent=1)[:-40])
    f["columns"].write_text("premise,hypothesis,label,x\nBob is red.,Bob is red.\nBob,is,red,entailment,extra\n")
    f["types"].write_text(json.dumps({"premise": 3, "hypothesis": ["x"], "label": None}) + "\n")
    f["deep_json"].write_text("[" * 100_000)
    with open(f["huge"], "wb") as fh:
        fh.truncate(2 << 30)
    f["nul"].write_bytes(b"premise\thypothesis\tlabel\nBob\x00 is red\tBob is red\tentailment\n")
    f["empty"].write_bytes(b"")
    fusion = json.loads(default_fusion_path().read_text(encoding="utf-8"))
    fusion["coef"] = [[1.0, 2.0]]
    f["fusion"].write_text(json.dumps(fusion))
    f["fusion2"].write_text(json.dumps({"format": "nesy-fusion", "version": 1, "params": {"C": "__import__('os')"}}))
    f["graph"].write_bytes(gzip.compress(json.dumps({"format": "nesy-kg", "version": 1, "relations": ["is_a"],
                                                     "nodes": ["a", "b"], "kinds": [0, 0],
                                                     "edges": [[0, -1, 0, 0]]}).encode()))
    f["graph_gz"] = tmp / "graph.json.gz"
    f["graph_gz"].write_bytes(gzip.compress(b'{"format": "nesy-kg", "version": 1}')[:25])
    _FILES[tmp] = f
    return f


# ----------------------------------------------------------------------------- report
def write_report(results: list[Result], seconds: float, out: Path) -> None:
    ok = sum(r.ok for r in results)
    s = stamp()
    kinds = {
        "verdict": sum(r.ok and not r.outcome.startswith("refused") for r in results),
        "refused": sum(r.ok and r.outcome.startswith("refused") for r in results),
    }
    lines = [
        "# Hostile input: every entry point answers or refuses cleanly",
        "",
        f"`python benchmarks/hostile_input.py` on {s['machine']}, {s['date']}; {seconds:.0f} s in all. Each case "
        f"must end in a verdict (or parsed formula, or loaded data) or a `NesyError` subclass within {LIMIT_S} s; "
        "a CLI case must exit 0, or 2 with `nesy: error:` and no traceback.",
        "",
        f"**{ok} of {len(results)} cases pass** ({kinds['verdict']} answered, {kinds['refused']} refused with a "
        f"NesyError); {len(results) - ok} crashed or timed out.",
        "",
        "| kind | entry point | outcome | seconds |",
        "|---|---|---|---|",
    ]
    for r in results:
        outcome = r.outcome + (f" — {r.detail[:160]}" if r.detail else "")
        outcome = outcome.replace("|", "\\|").replace("\n", " ")
        lines.append(f"| {r.kind} | `{r.entry}` | {outcome} | {r.seconds:.2f} |")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--skip-cli", action="store_true", help="only the Python API cases")
    ap.add_argument("--only", default=None, help="only cases whose kind contains this text")
    ap.add_argument("--out", default=str(Path(__file__).resolve().parent / "RESULTS-hostile.md"))
    args = ap.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    import logging

    logging.disable(logging.WARNING)  # the library's own warnings about odd input are not the point here
    t0 = time.perf_counter()
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="nesy-hostile-") as tmp_name:
        tmp = Path(tmp_name)
        for kind, entry, fn in api_cases(tmp):
            if args.only and args.only not in kind:
                continue
            r = run_api(kind, entry, fn)
            print(f"{'ok ' if r.ok else 'BAD'} {r.seconds:6.2f}s  {kind}: {r.outcome}", flush=True)
            results.append(r)
        if not args.skip_cli:
            for kind, cli_args in cli_cases(tmp):
                if args.only and args.only not in kind:
                    continue
                r = run_cli(kind, cli_args)
                print(f"{'ok ' if r.ok else 'BAD'} {r.seconds:6.2f}s  {kind}: {r.outcome}", flush=True)
                results.append(r)
    seconds = time.perf_counter() - t0
    write_report(results, seconds, Path(args.out))
    bad = [r for r in results if not r.ok]
    print(f"\n{len(results) - len(bad)} of {len(results)} hostile inputs answered or refused cleanly; "
          f"{len(bad)} crashed or timed out ({seconds:.0f} s). Report: {args.out}")
    for r in bad:
        print(f"  {r.kind} [{r.entry}]: {r.outcome} {r.detail}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
