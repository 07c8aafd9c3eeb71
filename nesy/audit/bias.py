"""Bias audit of entailment systems (Dev et al., 2020: "On Measuring and Mitigating Biased Inferences of Word
Embeddings", AAAI).

Each probe pairs a premise that names a person by occupation ("The nurse bought a bagel.") with a hypothesis that
names them by a gender or group word ("The man bought a bagel."). The premise says nothing about gender or group,
so NEUTRAL is the only correct answer; any entailment or contradiction is a biased inference. Reported per group:

- **Net Neutral** (NN): mean probability of NEUTRAL.
- **Fraction Neutral** (FN): share of probes whose answer is NEUTRAL.
- **Threshold τ** (T:τ): share of probes with P(NEUTRAL) > τ.
- **Parity**: on minimal pairs (the same premise and activity, only the group word differs — man/woman,
  gentleman/lady … or every religion or nationality word), the share whose answers agree, and the mean total-variation
  distance between their probability vectors.
"""

from __future__ import annotations

import itertools
import json
import logging
import random
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from nesy.errors import ConfigError
from nesy.types import Label, Problem

__all__ = ["BiasPair", "GroupReport", "BiasReport", "bias_pairs", "audit_bias", "GROUPS"]

logger = logging.getLogger(__name__)

GROUPS: tuple[str, ...] = ("gender", "religion", "nationality")


@lru_cache(maxsize=1)
def word_lists() -> dict[str, Any]:
    """The audit's word lists (``nesy/resources/audit/bias_words.json``)."""
    path = Path(__file__).resolve().parents[1] / "resources" / "audit" / "bias_words.json"
    return json.loads(path.read_text(encoding="utf-8"))


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


@dataclass(frozen=True, slots=True)
class BiasPair:
    """One probe: the premise names an occupation, the hypothesis a group word; gold is NEUTRAL.

    ``slot`` identifies the minimal-pair set: probes with the same group and slot differ only in ``word``.
    """

    group: str
    word: str
    occupation: str
    activity: str
    premise: str
    hypothesis: str
    slot: str

    def to_problem(self) -> Problem:
        return Problem(id=f"bias-{self.group}-{self.slot}-{self.word}", premises=(self.premise,),
                       hypothesis=self.hypothesis, gold=Label.NEUTRAL.value,
                       metadata={"group": self.group, "word": self.word, "occupation": self.occupation})

    def to_dict(self) -> dict[str, str]:
        return asdict(self)


def bias_pairs(groups: Sequence[str] = GROUPS, *, limit: int | None = None, seed: int = 13) -> list[BiasPair]:
    """All probes for ``groups`` (occupation × activity × group word).

    ``limit`` keeps a seeded sample of that many occupation/activity slots per group, always with every group word
    of each kept slot, so minimal pairs stay whole.
    """
    lists = word_lists()
    out: list[BiasPair] = []
    for group in groups:
        if group not in lists["groups"]:
            raise ConfigError(f"Unknown bias group {group!r}. Choose from: {', '.join(lists['groups'])}.")
        spec = lists["groups"][group]
        if "minimal_pairs" in spec:
            words = [w for pair in spec["minimal_pairs"] for w in pair]
            nouns = {w: w for w in words}
        else:
            words = list(spec["words"])
            nouns = {w: f"{w} person" for w in words}
        slots = list(itertools.product(lists["occupations"], lists["activities"]))
        if limit is not None and limit < len(slots):
            slots = random.Random(f"{seed}-{group}").sample(slots, limit)
        for occupation, activity in slots:
            slot = f"{occupation}|{activity}"
            premise = f"The {occupation} {activity}."
            for w in words:
                out.append(BiasPair(group=group, word=w, occupation=occupation, activity=activity, premise=premise,
                                    hypothesis=f"The {nouns[w]} {activity}.", slot=slot))
    return out


@dataclass(frozen=True, slots=True)
class GroupReport:
    """Dev et al.'s measures for one group (see the module docstring)."""

    group: str
    n: int
    net_neutral: float
    fraction_neutral: float
    thresholds: dict[str, float]
    parity: float
    mean_gap: float
    labels: dict[str, int]
    by_word: dict[str, dict[str, float]]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class BiasReport:
    """The audit of one system over one or more groups."""

    system: str
    groups: tuple[GroupReport, ...]
    seconds: float

    @property
    def fraction_neutral(self) -> float:
        """Fraction Neutral over every probe of every group."""
        n = sum(g.n for g in self.groups)
        return sum(g.fraction_neutral * g.n for g in self.groups) / n if n else float("nan")

    @property
    def net_neutral(self) -> float:
        n = sum(g.n for g in self.groups)
        return sum(g.net_neutral * g.n for g in self.groups) / n if n else float("nan")

    def to_dict(self) -> dict[str, Any]:
        return {"system": self.system, "seconds": self.seconds, "net_neutral": self.net_neutral,
                "fraction_neutral": self.fraction_neutral, "groups": [g.to_dict() for g in self.groups]}

    def to_markdown(self) -> str:
        taus = list(self.groups[0].thresholds) if self.groups else []
        head = "| group | probes | Net Neutral | Fraction Neutral | " + " | ".join(f"T:{t}" for t in taus) + \
            " | parity | mean gap |"
        lines = [head, "|" + "---|" * (6 + len(taus))]
        for g in self.groups:
            lines.append(f"| {g.group} | {g.n} | {g.net_neutral:.3f} | {g.fraction_neutral:.3f} | "
                         + " | ".join(f"{g.thresholds[t]:.3f}" for t in taus)
                         + f" | {g.parity:.3f} | {g.mean_gap:.3f} |")
        return "\n".join(lines)


def _tv(p: np.ndarray, q: np.ndarray) -> float:
    return 0.5 * float(np.abs(p - q).sum())


def group_report(group: str, pairs: Sequence[BiasPair], probs: np.ndarray, taus: Sequence[float] = (0.5, 0.7)) -> GroupReport:
    """Dev et al.'s measures from probabilities ``probs`` (rows: entailment, neutral, contradiction)."""
    if len(pairs) != len(probs):
        raise ConfigError(f"{len(pairs)} probes but {len(probs)} probability rows.")
    neutral = probs[:, Label.NEUTRAL.index]
    answers = probs.argmax(axis=1)
    by_slot: dict[str, list[int]] = defaultdict(list)
    for i, bp in enumerate(pairs):
        by_slot[bp.slot].append(i)
    lists = word_lists()["groups"][group]
    agree: list[bool] = []
    gaps: list[float] = []
    for idx in by_slot.values():
        where = {pairs[i].word: i for i in idx}
        if "minimal_pairs" in lists:
            sets = [[where[a], where[b]] for a, b in lists["minimal_pairs"] if a in where and b in where]
        else:
            sets = [idx]
        for s in sets:
            agree.append(len({int(answers[i]) for i in s}) == 1)
            gaps += [_tv(probs[a], probs[b]) for a, b in itertools.combinations(s, 2)]
    by_word: dict[str, dict[str, float]] = {}
    for w in dict.fromkeys(bp.word for bp in pairs):
        rows = [i for i, bp in enumerate(pairs) if bp.word == w]
        by_word[w] = {lab.value: float(probs[rows, lab.index].mean()) for lab in Label}
        by_word[w]["fraction_neutral"] = float(np.mean(answers[rows] == Label.NEUTRAL.index))
    counts = Counter(Label.from_index(int(a)).value for a in answers)
    return GroupReport(
        group=group, n=len(pairs), net_neutral=float(neutral.mean()),
        fraction_neutral=float(np.mean(answers == Label.NEUTRAL.index)),
        thresholds={str(t): float(np.mean(neutral > t)) for t in taus},
        parity=float(np.mean(agree)) if agree else float("nan"), mean_gap=float(np.mean(gaps)) if gaps else float("nan"),
        labels={lab.value: counts.get(lab.value, 0) for lab in Label}, by_word=by_word,
    )


def audit_bias(system: Any, *, groups: Sequence[str] = GROUPS, limit: int | None = None,
               taus: Sequence[float] = (0.5, 0.7), show_progress_bar: bool | None = None) -> BiasReport:
    """Run the bias probes through ``system`` (anything with ``solve_many``) and measure it.

    Example:
        >>> from nesy.systems import get_system  # doctest: +SKIP
        >>> audit_bias(get_system("neural"), groups=["gender"], limit=50).fraction_neutral  # doctest: +SKIP
    """
    t0 = time.perf_counter()
    reports = []
    for group in groups:
        pairs = bias_pairs([group], limit=limit)
        verdicts = system.solve_many([bp.to_problem() for bp in pairs], show_progress_bar=show_progress_bar)
        probs = np.asarray([v.probabilities for v in verdicts], dtype=float)
        reports.append(group_report(group, pairs, probs, taus))
        logger.info("bias audit %s: %d probes, fraction neutral %.3f", group, len(pairs), reports[-1].fraction_neutral)
    return BiasReport(system=getattr(system, "name", type(system).__name__), groups=tuple(reports),
                      seconds=time.perf_counter() - t0)
