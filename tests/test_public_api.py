from __future__ import annotations

import subprocess
import sys

import pytest

import nesy


def test_import_is_light_and_works_from_any_folder(tmp_path) -> None:
    # from another folder the installed package is used (an editable install once made it a namespace
    # package there, without __init__'s names)
    code = ("import sys, nesy; from nesy import Label; "
            "print('torch' in sys.modules, 'spacy' in sys.modules, 'z3' in sys.modules); "
            "from nesy import Reasoner; print(Reasoner.__module__)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=tmp_path).stdout
    assert out.split() == ["False", "False", "False", "nesy.reasoner"]


def test_public_names_resolve() -> None:
    from nesy import FusionModel, KgEvidence, KnowledgeGraph, NliScorer, Reasoner, Retriever, SymbolicSystem, load

    assert Reasoner.__module__ == "nesy.reasoner" and callable(Reasoner.default)
    assert all(callable(x) for x in (FusionModel, KgEvidence, KnowledgeGraph, NliScorer, Retriever,
                                     SymbolicSystem, load))
    assert set(nesy.__all__) >= {"Reasoner", "Verdict", "ProofTrace", "Label", "Problem", "NesyError"}


def test_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'Nope'"):
        nesy.Nope  # noqa: B018
