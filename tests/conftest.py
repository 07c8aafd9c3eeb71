"""Shared fixtures. Heavy ones (spaCy, models) are session-scoped."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is not present")
    return SHARED_DATA


@pytest.fixture(scope="session")
def nlp():
    from nesy.logic.english import load_spacy

    return load_spacy()


@pytest.fixture(scope="session")
def shipped_retriever(nlp):
    """A retriever over the shipped WordNet graph (loads in ~2 s)."""
    from nesy.kg.retriever import Retriever

    return Retriever(nlp=nlp)
