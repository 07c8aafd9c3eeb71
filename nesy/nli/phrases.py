"""Phrase axioms from the network: soft, measured steps where the graph is silent.

When the logic leaves a pair open and the graph relates none of its aligned predicates
(:func:`nesy.kg.abduction.aligned_pairs`), the cross-encoder is asked about each aligned pair on its own: the
premise predicate and the hypothesis predicate are put into the same minimal sentence frame ("It is a violin." /
"It is an instrument."; "They slice the onion." / "They cut the onion.") and scored as an entailment pair. A pair
the network gives an entailment probability of at least the threshold of its kind becomes ``∀x (a(x) → b(x))``; one it gives a
contradiction probability of at least the exclusion threshold becomes ``∀x (a(x) → ¬b(x))``. Z3 then tries again.
Each kind (relation and part of speech) has its own threshold, measured; a kind whose precision never reaches the
target on training data is not used (measured for the shipped network: nouns yes, verbs and exclusions no —
``benchmarks/RESULTS-phrase-axioms.md``).

Such a proof is only as good as its learned steps: it is never shown as a proof (``Verdict.proved`` stays False),
its steps are ``neural`` steps naming the network, the probability and the precision measured for that threshold
on training data (``benchmarks/phrase_axioms.py``, stored with the thresholds in
``nesy/resources/phrase_axioms.json``), and the fusion weighs it by its own columns.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nesy.errors import ConfigError
from nesy.kg.abduction import LEARNED, event_exclusion
from nesy.logic.fol import Atom, ForAll, Formula, Implies, Not, Var

__all__ = ["SoftAxiom", "PhraseAxioms", "KINDS", "LEARNED", "frame", "default_thresholds_path"]

logger = logging.getLogger(__name__)

#: Most soft axioms one problem gets.
MAX_SOFT = 6
_FORMAT = "nesy-phrase-axioms"


def default_thresholds_path() -> Path:
    return Path(__file__).resolve().parents[1] / "resources" / "phrase_axioms.json"


def _article(words: str) -> str:
    return "an" if words[:1].lower() in "aeiou" else "a"


def frame(pred: str, pos: str, theme: str | None = None) -> str:
    """The minimal sentence that says a predicate of something: nouns "It is a violin.", adjectives "It is
    red.", verbs (event predicates, named by their lemma) "They play." or, with the theme both events share,
    "They slice the onion."."""
    words = pred.replace("_", " ")
    if pos == "v":
        return f"They {words} the {theme.replace('_', ' ')}." if theme else f"They {words}."
    if pos == "a":
        return f"It is {words}."
    return f"It is {_article(words)} {words}."


@dataclass(frozen=True, slots=True)
class SoftAxiom:
    """One learned phrase axiom: the formula, the two frames the network scored, its probability, and the
    precision measured for proofs resting on steps above that threshold."""

    formula: Formula
    premise_text: str
    hypothesis_text: str
    relation: str  # "entails" | "excludes"
    probability: float
    precision: float
    why: str
    model: str

    def citation(self) -> str:
        return (f"'{self.premise_text}' {self.relation} '{self.hypothesis_text}' [network {self.model}, {LEARNED}: "
                f"P={self.probability:.2f}, proofs resting on such steps measured {self.precision:.0%} right; "
                f"{self.why}]")


#: The kinds of learned step, ``"<relation>:<part of speech>"``, each with its own threshold and precision.
KINDS = ("entails:n", "entails:v", "excludes:n", "excludes:v")


class PhraseAxioms:
    """Soft axioms from the cross-encoder for aligned predicate pairs (see the module docstring).

    Args:
        scorer: The :class:`~nesy.nli.NliScorer`.
        thresholds: For each kind (:data:`KINDS`) that is used, the least probability (P(entailment) for
            ``entails``, P(contradiction) for ``excludes``) that makes a pair an axiom; a kind left out, or None,
            is never used.
        precision: For each kind, the measured precision of decisions resting on such steps.
    """

    def __init__(self, scorer: Any, *, thresholds: dict[str, float | None],
                 precision: dict[str, float] | None = None) -> None:
        for kind, t in thresholds.items():
            if kind not in KINDS:
                raise ConfigError(f"Unknown phrase-axiom kind {kind!r}; use one of {', '.join(KINDS)}.")
            if t is not None and not 0.5 <= t <= 1.0:
                raise ConfigError(f"The threshold of {kind} must lie in [0.5, 1], got {t!r}.")
        self.scorer = scorer
        self.thresholds = {k: t for k, t in thresholds.items() if t is not None}
        self.precision = dict(precision or {})
        self._cache: dict[tuple[str, str], tuple[float, float, float]] = {}

    @property
    def enabled(self) -> bool:
        return bool(self.thresholds)

    @classmethod
    def load(cls, scorer: Any, path: str | Path | None = None) -> PhraseAxioms:
        """Thresholds and measured precisions from a JSON file (default: the shipped one)."""
        p = Path(path) if path is not None else default_thresholds_path()
        try:
            d = json.loads(p.read_text())
        except (OSError, ValueError) as err:
            raise ConfigError(f"Cannot read phrase-axiom thresholds {str(p)!r} ({err}); rebuild it with "
                              "`python benchmarks/phrase_axioms.py --write`.") from err
        if not isinstance(d, dict) or d.get("format") != _FORMAT or not isinstance(d.get("thresholds"), dict):
            raise ConfigError(f"{str(p)!r} is not a {_FORMAT} file; rebuild it with "
                              "`python benchmarks/phrase_axioms.py --write`.")
        try:
            return cls(scorer, thresholds={k: None if v is None else float(v) for k, v in d["thresholds"].items()},
                       precision={k: float(v) for k, v in d.get("precision", {}).items()})
        except (TypeError, ValueError, AttributeError) as err:
            raise ConfigError(f"{str(p)!r} has malformed thresholds ({err}); rebuild it with "
                              "`python benchmarks/phrase_axioms.py --write`.") from err

    def _scores(self, pairs: Sequence[tuple[str, str]]) -> list[tuple[float, float, float]]:
        todo = sorted({q for q in pairs if q not in self._cache})
        fresh: dict[tuple[str, str], tuple[float, float, float]] = {}
        if todo:
            for q, s in zip(todo, self.scorer.score_many(todo, show_progress_bar=False)):
                fresh[q] = tuple(float(v) for v in s.probabilities)  # type: ignore[assignment]
        out = [fresh[q] if q in fresh else self._cache[q] for q in pairs]
        if len(self._cache) + len(fresh) > 50_000:
            self._cache.clear()
        self._cache.update(fresh)
        return out

    def propose(self, aligned: Sequence[Any], *, scene: bool = False) -> list[SoftAxiom]:
        """Soft axioms for :class:`~nesy.kg.abduction.Aligned` pairs, most probable first, at most
        :data:`MAX_SOFT`.

        Exclusions between verbs are said of their shared participants, and only under the scene reading
        (``scene``), where both sentences describe one moment: "They sleep." / "They run." becomes
        ``∀x1 ∀e1 ∀e2 ¬(sleep(e1) ∧ agent(e1, x1) ∧ run(e2) ∧ agent(e2, x1))`` (one cannot do both at once;
        :func:`~nesy.kg.abduction.event_exclusion`). Without a shared agent and the same thematic roles, or read
        classically, verb pairs get no exclusion."""
        # nouns and verbs only: adjectives (and adjective-noun compounds) keep the entailments their class gives
        # them ("a big ball" is not "big", "a fake gun" not a gun), whatever the network thinks of the words
        aligned = [al for al in aligned if al.pos in ("n", "v") and not al.compound and al.adjectives is None
                   and any(k.endswith(":" + al.pos) for k in self.thresholds)]
        frames = [(frame(al.premise, al.pos, al.theme), frame(al.hypothesis, al.pos, al.theme)) for al in aligned]
        if not frames:
            return []
        x = Var("x")
        model = getattr(self.scorer, "model_name", "network")
        out: list[SoftAxiom] = []
        for al, (fa, fb), (pe, _pn, pc) in zip(aligned, frames, self._scores(frames)):
            a, b = Atom(al.premise, (x,)), Atom(al.hypothesis, (x,))
            te, tx = self.thresholds.get(f"entails:{al.pos}"), self.thresholds.get(f"excludes:{al.pos}")
            if te is not None and pe >= te:
                out.append(SoftAxiom(ForAll(x, Implies(a, b)), fa, fb, "entails", pe,
                                     self.precision.get(f"entails:{al.pos}", 0.0), al.why, model))
            elif tx is not None and pc >= tx:
                if al.pos == "v":
                    if not scene or not al.roles:
                        continue
                    formula: Formula = event_exclusion(al.premise, al.hypothesis, al.roles)
                else:
                    formula = ForAll(x, Implies(a, Not(b)))
                out.append(SoftAxiom(formula, fa, fb, "excludes", pc, self.precision.get(f"excludes:{al.pos}", 0.0),
                                     al.why, model))
        out.sort(key=lambda s: -s.probability)
        return out[:MAX_SOFT]
