"""Features of one problem for the fusion model: neural, logic and knowledge-graph evidence."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from nesy.kg.retriever import KgEvidence
from nesy.logic.checker import LogicResult, Outcome
from nesy.logic.fol import Const, Formula, Or, children, constants, predicates
from nesy.nli.scorer import NliScore

__all__ = ["FEATURE_NAMES", "Evidence", "featurize", "rule_key", "logic_shape", "polarity_flipped"]


FEATURE_NAMES: tuple[str, ...] = (
    "neural_logp_entailment", "neural_logp_neutral", "neural_logp_contradiction",
    "logic_entailed_full_parse", "logic_contradicted_full_parse", "logic_entailed_by_added_disjunct",
    "logic_entailed_partial_parse",
    "logic_contradicted_partial_parse", "logic_unknown_full_theory", "logic_inconsistent_full_parse",
    "proof_size", "parse_coverage_when_decided",
    "lexical_entailment", "lexical_contradiction", "lexical_neutral",
    "kg_entailing_count", "kg_excluding_count", "kg_entailing_flipped_count", "kg_excluding_flipped_count",
    "logic_entailed_abduced", "logic_contradicted_abduced", "logic_unknown_closed_theory",
    "logic_entailed_learned", "logic_contradicted_learned", "logic_unknown_closed_theory_partial_parse",
)

_CLOSED_OPEN = (Outcome.UNKNOWN, Outcome.INCONSISTENT)
_NEGATION = re.compile(r"\b(?:not|no|never|nobody|nothing|none|neither|nor|cannot|without)\b|n't\b", re.IGNORECASE)


def polarity_flipped(premises: Sequence[str], hypothesis: str) -> bool:
    """Whether exactly one side is negated (a negation word in the premises or in the hypothesis, not both).

    Graph relations between words bear on entailment through the polarity of the sentences: "sleeping"
    excludes "awake", so "a man is sleeping" contradicts "a man is awake" but entails "a man is not awake";
    "dog" ⊑ "animal" entails upward, and "a dog runs" contradicts "no animal runs"."""
    return bool(_NEGATION.search(" ".join(premises))) != bool(_NEGATION.search(hypothesis))


@dataclass(frozen=True, slots=True)
class Evidence:
    """Everything the sources said about one problem."""

    neural: NliScore
    logic: LogicResult | None
    kg: tuple[KgEvidence, ...] = ()
    lexical: str | None = None  # label value of a lexical (natural-logic) decision
    lexical_rule: str | None = None  # which rule made it (:data:`nesy.kg.align.RULES`)
    n_premises: int = 1
    has_rules: bool = False
    #: every predicate and every named individual of the hypothesis occurs in some premise (so "unknown" is the
    #: theory's answer, not its silence)
    hypothesis_in_vocabulary: bool = True
    #: the proof only widens the hypothesis by a disjunct the premises never mention ("A" ⊢ "A or B")
    added_disjunct: bool = False
    #: one side is negated and the other not (:func:`polarity_flipped`): entailing and excluding graph evidence
    #: then point the other way and get their own columns
    polarity_flipped: bool = False
    #: the proof rests on abduced graph axioms (:mod:`nesy.kg.abduction`): it sets its own columns
    #: (``logic_*_abduced``) and gets its own measured gate, not the one of proofs from the text alone
    abduced: bool = False
    #: the problem is read under a closed-theory convention (the RuleTaker/ProofWriter directional reading,
    #: declared by the dataset's loader): there "unknown" over a fully parsed theory is the answer NEUTRAL
    closed_theory: bool = False
    #: the decision rests on learned phrase axioms from the network (:mod:`nesy.nli.phrases`): no proof, its own
    #: columns (``logic_*_learned``) and gate, and no proof column set
    learned: bool = False


def featurize(ev: Evidence) -> np.ndarray:
    """The fixed-order feature vector (see :data:`FEATURE_NAMES`).

    A failed parse, a time-out, or an "unknown" from a partial parse is *no* logic evidence:
    all logic features stay zero, exactly as for a problem the logic never saw, so such an
    outcome can never push the answer. Only proofs (and "unknown"/"inconsistent" over a
    fully parsed theory) set logic features.
    """
    p = np.clip(np.asarray(ev.neural.probabilities, dtype=float), 1e-6, 1.0)
    x: list[float] = list(np.log(p))
    lr = ev.logic
    outcome = lr.outcome if lr is not None else Outcome.PARSE_FAILURE
    full = lr is not None and not lr.unparsed
    hard = full and not ev.learned
    text_only = hard and not ev.abduced  # a proof from the text's own formulas (see Evidence.abduced)
    x += [
        1.0 if text_only and outcome is Outcome.ENTAILED and not ev.added_disjunct else 0.0,
        1.0 if text_only and outcome is Outcome.CONTRADICTED else 0.0,
        # "A, so A or B" is valid, but in ordinary text the added alternative is new content more often than a
        # logical weakening ("nominated for Best Movie" → "… Best Movie or Series"): its own column and gate.
        1.0 if text_only and outcome is Outcome.ENTAILED and ev.added_disjunct else 0.0,
        1.0 if not full and not ev.learned and outcome is Outcome.ENTAILED else 0.0,
        1.0 if not full and not ev.learned and outcome is Outcome.CONTRADICTED else 0.0,
        # "Unknown" is evidence for NEUTRAL only over a closed rule base (several premises with rules, all
        # parsed) that speaks about everything the hypothesis mentions: an unprovable hypothesis about a
        # described scene, or one in words the theory never uses, says nothing (open world).
        1.0 if full and outcome is Outcome.UNKNOWN and ev.has_rules and ev.n_premises >= 3
        and ev.hypothesis_in_vocabulary and not ev.closed_theory else 0.0,
        1.0 if full and outcome is Outcome.INCONSISTENT else 0.0,
        math.log1p(lr.proof_size) if lr is not None and outcome.decided else 0.0,
        lr.parse_coverage if lr is not None and outcome.decided else 0.0,
    ]
    x += [1.0 if ev.lexical == lab else 0.0 for lab in ("entailment", "contradiction", "neutral")]
    # The number of premises and the presence of rules are deliberately not features on their own: they
    # identify the dataset (rule bases vs single-sentence NLI), and a fusion fitted on both learned "many
    # premises → neutral", which sank EntailmentBank (25 premises, all entailed). Rules only qualify the logic.
    # Graph evidence enters as counts of the two directional kinds, split by polarity. "Reverse" (the hypothesis
    # word is more specific) and "related" links, and the best path score of each kind, were columns too; measured
    # (scripts/compare_fusion.py), they moved near-ties of the network either way on every file (−0.6 to −2.2 points
    # on EntailmentBank, the entailment-tree and hyponymy probes) while the counts alone kept the gains.
    counts = {"entailing": 0.0, "excluding": 0.0, "entailing_flipped": 0.0, "excluding_flipped": 0.0}
    for e in ev.kg:
        if e.kind in ("entailing", "excluding"):
            counts[f"{e.kind}_flipped" if ev.polarity_flipped else e.kind] += 1.0
    x += [counts["entailing"], counts["excluding"], counts["entailing_flipped"], counts["excluding_flipped"]]
    x += [
        1.0 if hard and ev.abduced and outcome is Outcome.ENTAILED else 0.0,
        1.0 if hard and ev.abduced and outcome is Outcome.CONTRADICTED else 0.0,
        # under a declared closed-theory reading "unknown" is a decision (NEUTRAL), gated like a proof; so is
        # "inconsistent", which the directional reading reports when a statement and its negation both fire
        # (README: the premises are inconsistent about it, the answer is Unknown)
        1.0 if full and ev.closed_theory and outcome in _CLOSED_OPEN else 0.0,
        1.0 if full and ev.learned and outcome is Outcome.ENTAILED else 0.0,
        1.0 if full and ev.learned and outcome is Outcome.CONTRADICTED else 0.0,
        # the same with some premise unread: what the rest leaves open is usually still open (its own gate)
        1.0 if lr is not None and not full and ev.closed_theory and outcome in _CLOSED_OPEN else 0.0,
    ]
    # (The share of hypothesis concepts the premise does not support — "new information" — was a feature;
    # measured, it flipped more right answers of the network than wrong ones on every NLI file, held-out
    # included, so it is gone. Retriever.novelty still computes it.)
    return np.asarray(x, dtype=float)


def logic_shape(premises: Sequence[Formula | None], hypothesis: Formula | None) -> tuple[bool, bool]:
    """(every hypothesis predicate and individual occurs in a premise, the hypothesis has a disjunct whose
    predicates no premise mentions) — see :class:`Evidence`.

    The individuals matter as much as the predicates: "mountains can limit the water vapor reaching a location"
    does not speak about ``sierra_nevada_mountain_can``, so a hypothesis about that constant is not "unknown"
    to the theory, only outside it (EntailmentBank: such an "unknown" overrode a right 0.97 entailment).
    """
    if hypothesis is None:
        return True, False
    known: set[tuple[str, int]] = set()
    individuals: set[Const] = set()
    for f in premises:
        if f is not None:
            known |= predicates(f)
            individuals |= constants(f)
    in_vocabulary = predicates(hypothesis) <= known and constants(hypothesis) <= individuals

    def added(f: Formula) -> bool:
        if isinstance(f, Or) and any(not (predicates(a) & known) for a in f.args):
            return True
        return any(added(c) for c in children(f))

    return in_vocabulary, added(hypothesis)


def rule_key(ev: Evidence) -> str | None:
    """The fusion's gate key for the lexical decision, ``"<rule>:<label>"`` (None when there is none)."""
    return f"{ev.lexical_rule}:{ev.lexical}" if ev.lexical and ev.lexical_rule else None


def stack(evidence: Sequence[Evidence]) -> np.ndarray:
    return np.vstack([featurize(e) for e in evidence]) if evidence else np.zeros((0, len(FEATURE_NAMES)))
