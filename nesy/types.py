"""Core data types: labels, problems and verdicts.

All results are frozen, slotted dataclasses with ``to_dict``/``from_dict`` so they
round-trip through JSON.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

from nesy import limits
from nesy.errors import ConfigError, InputError, LabelError
from nesy.trace import ProofTrace

__all__ = ["Label", "Scheme", "Reading", "SystemName", "Problem", "Verdict", "project_label", "scheme_labels"]

SystemName = Literal["neural", "symbolic", "nesy"]
SYSTEMS: tuple[str, ...] = get_args(SystemName)

#: How a dataset's own gold labels relate to nesy's three labels.
#: ``nli3``: entailment / neutral / contradiction.
#: ``binary``: entailment / not_entailment (NEUTRAL or CONTRADICTION count as not entailed).
#: ``truefalse``: true / false where false means *provably* false (only CONTRADICTION scores as false).
Scheme = Literal["nli3", "binary", "truefalse"]
SCHEMES: tuple[str, ...] = get_args(Scheme)

#: How the text of a problem is read into logic (see the README, "Readings").
#: ``classical``: full first-order logic (user rule text; modus tollens holds). The default.
#: ``scene``: the image-caption convention of SNLI/SICK-style data: premise and hypothesis describe one scene, so
#: an indefinite of the hypothesis may denote an individual the premise introduced ("A cat is dozing" contradicts
#: "A cat is wide awake"); otherwise classical.
#: ``directional``: the RuleTaker/ProofWriter convention: rules fire forwards only, negated facts are explicit,
#: nothing is concluded by contraposition, and a statement whose negation also follows is Unknown.
Reading = Literal["classical", "scene", "directional"]
READINGS: tuple[str, ...] = get_args(Reading)

_SCHEME_LABELS: dict[str, tuple[str, ...]] = {
    "nli3": ("entailment", "neutral", "contradiction"),
    "binary": ("entailment", "not_entailment"),
    "truefalse": ("true", "false"),
}


class Label(enum.Enum):
    """The three answers nesy gives: True / Unknown / False."""

    ENTAILMENT = "entailment"
    NEUTRAL = "neutral"
    CONTRADICTION = "contradiction"

    @property
    def index(self) -> int:
        return _LABEL_ORDER.index(self)

    @classmethod
    def from_index(cls, index: int) -> Label:
        if not 0 <= index < 3:
            raise LabelError(f"Label index {index} is out of range. Use 0 (entailment), 1 (neutral) or 2 (contradiction).")
        return _LABEL_ORDER[index]

    @classmethod
    def parse(cls, value: object) -> Label:
        """Parse a label in any of the common dataset spellings.

        Accepts ``entailment/neutral/contradiction`` (any case, also ``e/n/c``),
        ``True/False/Unknown/Uncertain``, ``yes/no``, and ``0/1/2`` (the Hugging Face
        SNLI/MNLI convention: 0 = entailment, 1 = neutral, 2 = contradiction).

        Example:
            >>> Label.parse("Uncertain")
            <Label.NEUTRAL: 'neutral'>
        """
        if isinstance(value, Label):
            return value
        if isinstance(value, bool):
            return cls.ENTAILMENT if value else cls.CONTRADICTION
        if isinstance(value, int):
            return cls.from_index(value)
        key = str(value).strip().lower().replace("-", "_").replace(" ", "_")
        try:
            return _ALIASES[key]
        except KeyError:
            raise LabelError(
                f"Unknown label {value!r}. Use one of: entailment, neutral, contradiction, "
                "true, false, unknown, uncertain, or 0/1/2."
            ) from None


_LABEL_ORDER: tuple[Label, ...] = (Label.ENTAILMENT, Label.NEUTRAL, Label.CONTRADICTION)
LABELS = _LABEL_ORDER

_ALIASES: dict[str, Label] = {
    "entailment": Label.ENTAILMENT,
    "entailed": Label.ENTAILMENT,
    "e": Label.ENTAILMENT,
    "true": Label.ENTAILMENT,
    "yes": Label.ENTAILMENT,
    "0": Label.ENTAILMENT,
    "neutral": Label.NEUTRAL,
    "n": Label.NEUTRAL,
    "unknown": Label.NEUTRAL,
    "uncertain": Label.NEUTRAL,
    "1": Label.NEUTRAL,
    "contradiction": Label.CONTRADICTION,
    "c": Label.CONTRADICTION,
    "false": Label.CONTRADICTION,
    "2": Label.CONTRADICTION,
}


def scheme_labels(scheme: Scheme) -> tuple[str, ...]:
    """The dataset-level label names of a scheme, in a fixed order."""
    check_choice("scheme", scheme, SCHEMES)
    return _SCHEME_LABELS[scheme]


def project_label(label: Label, scheme: Scheme) -> str:
    """Map a three-way prediction onto a dataset's own label set.

    ``binary``: NEUTRAL and CONTRADICTION both mean "not entailed".
    ``truefalse``: only CONTRADICTION means false; NEUTRAL becomes ``"unknown"``,
    which matches neither gold label and so always scores as wrong.
    """
    check_choice("scheme", scheme, SCHEMES)
    if scheme == "nli3":
        return label.value
    if scheme == "binary":
        return "entailment" if label is Label.ENTAILMENT else "not_entailment"
    return {Label.ENTAILMENT: "true", Label.CONTRADICTION: "false"}.get(label, "unknown")


def check_choice(name: str, value: object, choices: Sequence[str]) -> None:
    """Raise a ConfigError that lists the valid options if ``value`` is not one of them."""
    if value not in choices:
        raise ConfigError(f"Unknown {name} {value!r}. Choose one of: {', '.join(choices)}.")


@dataclass(frozen=True, slots=True)
class Problem:
    """One reasoning item: premises, a hypothesis, and (optionally) the gold answer.

    Attributes:
        id: Identifier unique within its dataset.
        premises: Premise sentences (or passages), in order.
        hypothesis: The statement to decide. Empty for multiple-choice items.
        gold: Gold label in the dataset's own vocabulary (see ``scheme``), or None.
        scheme: Which label set ``gold`` uses.
        options: Candidate hypotheses for multiple-choice items.
        gold_choice: Index of the correct option for multiple-choice items.
        premises_fol: First-order-logic annotations of the premises (FOLIO notation).
        hypothesis_fol: First-order-logic annotation of the hypothesis.
        metadata: Anything else the source file carried (JSON-serialisable).
        reading: How the text is read into logic (:data:`Reading`); declared by the dataset's loader.
    """

    id: str
    premises: tuple[str, ...]
    hypothesis: str = ""
    gold: str | None = None
    scheme: Scheme = "nli3"
    options: tuple[str, ...] | None = None
    gold_choice: int | None = None
    premises_fol: tuple[str, ...] | None = None
    hypothesis_fol: str | None = None
    metadata: Mapping[str, Any] = field(default_factory=dict)
    reading: Reading = "classical"

    def __post_init__(self) -> None:
        # Input validation, before anything reads the problem: field types and the limits of nesy.limits
        # (InputError). Lists are accepted for the text sequences and stored as tuples.
        if not isinstance(self.id, str):
            raise InputError(f"Problem id must be a string, got {type(self.id).__name__} ({self.id!r}); "
                             "pass str(...) of it.")
        limits.check_text(self.id, "The problem id", limit=limits.MAX_ID_CHARS, limit_name="MAX_ID_CHARS")
        texts = {"premises": ("Premise", limits.MAX_PREMISES, "MAX_PREMISES"),
                 "options": ("Option", limits.MAX_OPTIONS, "MAX_OPTIONS"),
                 "premises_fol": ("FOL premise", limits.MAX_PREMISES, "MAX_PREMISES")}
        for name, (item, most, limit_name) in texts.items():
            value = getattr(self, name)
            if value is not None or name == "premises":
                object.__setattr__(self, name, limits.check_texts(value, name, max_items=most, limit_name=limit_name,
                                                                  item=item))
        if self.options is not None and not self.options:
            raise InputError("options is empty; give the candidate answers, or options=None for a plain problem.")
        limits.check_text(self.hypothesis, "The hypothesis")
        if self.hypothesis_fol is not None:
            limits.check_text(self.hypothesis_fol, "The FOL hypothesis")
        if self.gold is not None and not isinstance(self.gold, str):
            raise InputError(f"gold must be a label string or None, got {type(self.gold).__name__} ({self.gold!r}). "
                             "Normalise it with Label.parse(...).value.")
        if self.gold_choice is not None and (isinstance(self.gold_choice, bool) or not isinstance(self.gold_choice, int)):
            raise InputError(f"gold_choice must be an option index (int) or None, got {type(self.gold_choice).__name__}.")
        if not isinstance(self.metadata, Mapping):
            raise InputError(f"metadata must be a mapping (dict), got {type(self.metadata).__name__}.")
        limits.check_problem_size(self.premises, self.hypothesis, self.options,
                                  extra=(*(self.premises_fol or ()), self.hypothesis_fol or ""))
        check_choice("scheme", self.scheme, SCHEMES)
        check_choice("reading", self.reading, READINGS)
        if self.gold is not None and self.gold not in _SCHEME_LABELS[self.scheme]:
            raise LabelError(
                f"Gold label {self.gold!r} is not in the {self.scheme!r} label set "
                f"{_SCHEME_LABELS[self.scheme]}. Normalise it with Label.parse first."
            )
        if self.options is not None and self.gold_choice is not None:
            if not 0 <= self.gold_choice < len(self.options):
                raise ConfigError(f"gold_choice {self.gold_choice} is out of range for {len(self.options)} options.")

    @property
    def is_multiple_choice(self) -> bool:
        return self.options is not None

    @property
    def labels(self) -> tuple[str, ...]:
        """The dataset-level label names this problem is scored over."""
        return _SCHEME_LABELS[self.scheme]

    @property
    def gold_label(self) -> Label | None:
        """Gold as a three-way label, where that is defined (not for ``not_entailment``)."""
        if self.gold is None or self.gold == "not_entailment":
            return None
        return Label.parse(self.gold)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "premises": list(self.premises),
            "hypothesis": self.hypothesis,
            "gold": self.gold,
            "scheme": self.scheme,
            "options": None if self.options is None else list(self.options),
            "gold_choice": self.gold_choice,
            "premises_fol": None if self.premises_fol is None else list(self.premises_fol),
            "hypothesis_fol": self.hypothesis_fol,
            "metadata": dict(self.metadata),
            "reading": self.reading,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Problem:
        options = data.get("options")
        fol = data.get("premises_fol")
        return cls(
            id=str(data["id"]),
            premises=tuple(data["premises"]),
            hypothesis=data.get("hypothesis", ""),
            gold=data.get("gold"),
            scheme=data.get("scheme", "nli3"),
            options=None if options is None else tuple(options),
            gold_choice=data.get("gold_choice"),
            premises_fol=None if fol is None else tuple(fol),
            hypothesis_fol=data.get("hypothesis_fol"),
            metadata=dict(data.get("metadata") or {}),
            reading=data.get("reading", "classical"),
        )


@dataclass(frozen=True, slots=True)
class Verdict:
    """nesy's answer to one problem.

    Attributes:
        label: The predicted label.
        probabilities: Probability of each label, in ``Label`` order (entailment, neutral, contradiction).
        trace: The proof trace explaining the answer.
        system: Which system answered (``neural``, ``symbolic`` or ``nesy``).
        seconds: Wall-clock time spent on this problem.
        proved: True when a logical proof decided the answer.
        choice: For multiple choice, the index of the chosen option.
        option_probabilities: For multiple choice, the probability of each option.
    """

    label: Label
    probabilities: tuple[float, float, float]
    trace: ProofTrace
    system: str
    seconds: float = 0.0
    proved: bool = False
    choice: int | None = None
    option_probabilities: tuple[float, ...] | None = None

    def probability(self, label: Label) -> float:
        return self.probabilities[label.index]

    @property
    def probability_map(self) -> dict[str, float]:
        return {lab.value: p for lab, p in zip(LABELS, self.probabilities)}

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label.value,
            "probabilities": self.probability_map,
            "trace": self.trace.to_dict(),
            "system": self.system,
            "seconds": self.seconds,
            "proved": self.proved,
            "choice": self.choice,
            "option_probabilities": None if self.option_probabilities is None else list(self.option_probabilities),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Verdict:
        probs = data["probabilities"]
        if isinstance(probs, Mapping):
            probs = [probs[lab.value] for lab in LABELS]
        opt = data.get("option_probabilities")
        return cls(
            label=Label.parse(data["label"]),
            probabilities=(float(probs[0]), float(probs[1]), float(probs[2])),
            trace=ProofTrace.from_dict(data["trace"]),
            system=data["system"],
            seconds=float(data.get("seconds", 0.0)),
            proved=bool(data.get("proved", False)),
            choice=data.get("choice"),
            option_probabilities=None if opt is None else tuple(float(x) for x in opt),
        )
