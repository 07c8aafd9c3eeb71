from __future__ import annotations

import json

import pytest


def make_tiny_bert(path, id2label=None, seed=0):
    """A tiny randomly initialised BERT classifier with the packaged MiniLM tokenizer (seconds to build)."""
    import torch
    from transformers import AutoTokenizer, BertConfig, BertForSequenceClassification

    from nesy.nli.scorer import DEFAULT_BASE, base_model_path

    torch.manual_seed(seed)
    id2label = id2label or {0: "entailment", 1: "neutral", 2: "contradiction"}
    tok = AutoTokenizer.from_pretrained(base_model_path(DEFAULT_BASE))
    cfg = BertConfig(vocab_size=tok.vocab_size, hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                     intermediate_size=64, max_position_embeddings=128, num_labels=len(id2label),
                     id2label=id2label, label2id={v: k for k, v in id2label.items()})
    model = BertForSequenceClassification(cfg)
    model.save_pretrained(str(path))
    tok.save_pretrained(str(path))
    return path


@pytest.fixture(scope="session")
def tiny_bert(tmp_path_factory):
    return make_tiny_bert(tmp_path_factory.mktemp("tiny_bert"))


@pytest.fixture()
def tiny_data(tmp_path):
    rows = []
    for i in range(24):
        rows.append({"premise": f"A man plays guitar number {i}.", "hypothesis": "A man plays music.",
                     "label": "entailment"})
        rows.append({"premise": f"A woman sleeps in bed {i}.", "hypothesis": "A woman runs a race.",
                     "label": "contradiction"})
        rows.append({"premise": f"A child reads book {i}.", "hypothesis": "The child likes the book.",
                     "label": "neutral"})
    p = tmp_path / "train.jsonl"
    p.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    return p
