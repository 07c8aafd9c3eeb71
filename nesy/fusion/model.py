"""Calibrated fusion: multinomial logistic regression + temperature scaling + a top-label isotonic map (scikit-learn).

Follows the scikit-learn estimator contract: keyword-only constructor arguments stored as
given, ``fit(X, y)`` returns ``self``, learned state ends in ``_``, and using the model
before ``fit`` raises :class:`~nesy.errors.NotFittedError`. Saved as version-stamped JSON.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from scipy.optimize import minimize, minimize_scalar
from sklearn.isotonic import IsotonicRegression
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold, StratifiedKFold

from nesy import limits
from nesy.errors import ConfigError, ModelError, NotFittedError

__all__ = ["FusionModel"]

logger = logging.getLogger(__name__)


def _array(value: Any, name: str, shape: tuple[int, ...]) -> np.ndarray:
    """``value`` as a finite float array of ``shape`` (-1: any length); ValueError naming the field otherwise."""
    try:
        a = np.asarray(value)
    except (TypeError, ValueError) as err:
        raise ValueError(f"'{name}' must hold numbers ({err})") from None
    if a.dtype.kind not in "iuf":
        raise ValueError(f"'{name}' must hold numbers, not {a.dtype.name} values")
    a = a.astype(float)
    if a.ndim != len(shape) or any(want not in (-1, got) for want, got in zip(shape, a.shape)):
        raise ValueError(f"'{name}' has shape {a.shape}; expected {tuple('n' if s < 0 else s for s in shape)}")
    if not np.isfinite(a).all():
        raise ValueError(f"'{name}' holds a value that is not a finite number")
    return a


def _gates(value: Any, name: str) -> dict[str, list[float]]:
    """Rule or proof gates: name → [label index, precision in [0, 1], count]."""
    if not isinstance(value, Mapping):
        raise ValueError(f"'{name}' must be an object")
    out: dict[str, list[float]] = {}
    for key, gate in value.items():
        g = _array(gate, f"{name}.{key}", (3,))
        if g[0] not in (0, 1, 2) or not 0 <= g[1] <= 1 or g[2] < 0:
            raise ValueError(f"'{name}.{key}' must be [label 0/1/2, precision in [0, 1], count]")
        out[key] = list(gate)
    return out


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def _fit_temperature(logits: np.ndarray, y: np.ndarray) -> float:
    """The temperature that minimises the log-loss of ``softmax(logits / t)`` on labels ``y``."""

    def nll(t: float) -> float:
        p = _softmax(logits / t)
        return float(-np.log(np.clip(p[np.arange(len(y)), y], 1e-12, 1)).mean())

    return float(minimize_scalar(nll, bounds=(0.05, 20.0), method="bounded").x)


#: calibration rows an isotonic map needs: fewer, and its steps are noise (Niculescu-Mizil & Caruana 2005 saw
#: isotonic overfit below ~1,000; 200 is the floor below which we refuse rather than guess)
MIN_ISOTONIC_ROWS = 200
#: pseudo-count that pulls each isotonic block's accuracy towards the block's mean confidence (a small block of
#: all-correct items does not become certainty)
_ISOTONIC_PRIOR = 3.0


def _fit_top_label_map(p: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A monotone map from top-label confidence to accuracy, by centred isotonic regression (Oron & Flournoy
    2017): scikit-learn's isotonic regression of "the top label is right" on the top probability gives blocks;
    each block becomes one knot at its mean confidence, its accuracy shrunk towards that confidence by
    :data:`_ISOTONIC_PRIOR` pseudo-items, and the map interpolates linearly between knots, from (1/3, 1/3) to
    (1, 1). Unlike the step function it keeps the ranking of confidences within a block (resolution).
    Returns (knots, values) for ``np.interp``."""
    conf = p.max(axis=1)
    correct = (p.argmax(axis=1) == y).astype(float)
    fitted = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(conf, correct).predict(conf)
    knots, values = [1.0 / 3.0], [1.0 / 3.0]
    for v in np.unique(fitted):  # ascending fitted value = ascending confidence
        block = fitted == v
        mid = float(conf[block].mean())
        if 1.0 / 3.0 < mid < 1.0:
            knots.append(mid)
            values.append((correct[block].sum() + _ISOTONIC_PRIOR * mid) / (block.sum() + _ISOTONIC_PRIOR))
    knots.append(1.0)
    values.append(1.0)
    return np.asarray(knots), np.maximum.accumulate(np.asarray(values))


def _apply_top_label_map(p: np.ndarray, knots: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Replace each row's top probability by the map's value and rescale the other two in proportion, so the
    ranking of the labels is kept (the new top value is floored just above a tie with the runner-up)."""
    rows = np.arange(len(p))
    top = p.argmax(axis=1)
    conf = p[rows, top]
    second = np.sort(p, axis=1)[:, -2]
    rest = 1.0 - conf
    new = np.maximum(np.interp(conf, knots, values), second / np.maximum(rest + second, 1e-12) + 1e-9)
    new = np.minimum(new, 1.0)
    q = np.where(rest[:, None] > 1e-12, p * ((1.0 - new) / np.maximum(rest, 1e-12))[:, None], (1.0 - new)[:, None] / 2)
    q[rows, top] = new
    return q


_PROOF_COLUMNS = {"logic_entailed_full_parse": 0, "logic_contradicted_full_parse": 2,
                  "logic_entailed_by_added_disjunct": 0, "logic_entailed_abduced": 0,
                  "logic_contradicted_abduced": 2, "logic_unknown_closed_theory": 1,
                  "logic_entailed_learned": 0, "logic_contradicted_learned": 2,
                  "logic_unknown_closed_theory_partial_parse": 1}


_LABEL_INDEX = {"entailment": 0, "neutral": 1, "contradiction": 2}


def _applies(gate: Sequence[float]) -> bool:
    """A gate ([label, precision, n]) moves answers only if its evidence was right more often than wrong."""
    return gate[1] > 0.5


def _mix(p: np.ndarray, gate: Sequence[float]) -> np.ndarray:
    """``(1 - g) * p + g * onehot(label)`` for a gate [label, g, n]."""
    return (1 - gate[1]) * p + gate[1] * np.eye(3)[int(gate[0])]


def _rule_gates(outcomes: Sequence[tuple[str, int]]) -> dict[str, list[float]]:
    """rule -> [label, Laplace-smoothed precision, n] from (``"<rule>:<label>"``, gold) pairs."""
    counts: dict[str, list[int]] = {}
    for rule, gold in outcomes:
        label = rule.rsplit(":", 1)[-1]
        if label not in _LABEL_INDEX:
            raise ConfigError(f"Rule name {rule!r} must end in ':entailment', ':neutral' or ':contradiction'.")
        c = counts.setdefault(rule, [0, 0])
        c[0] += int(gold == _LABEL_INDEX[label])
        c[1] += 1
    return {rule: [_LABEL_INDEX[rule.rsplit(":", 1)[-1]], (hits + 1) / (n + 2), n]
            for rule, (hits, n) in sorted(counts.items())}


class FusionModel:
    """Combine evidence features into calibrated probabilities over (entailment, neutral, contradiction).

    On top of the regression sits a proof gate: for an item with a proof from fully parsed
    premises, the probabilities become ``(1 - g) * p + g * onehot(proved label)``, where ``g`` is
    the proof's measured precision on the fitting data (Laplace-smoothed). So a proof that has
    been reliable overrides the network, and how far it does is itself calibrated. Lexical
    (natural-logic) decisions get the same kind of gate, one per rule and label, from the rule's
    precision measured at fit time (``rule_outcomes``).

    Two forms of the regression (``mode``):

    - ``residual`` (default): the network's log-probabilities enter with one shared weight and the other
      evidence adds label-specific corrections, with no intercept. A problem on which the logic and the graph
      are silent (all their features zero) keeps the network's ranking of the labels; evidence moves it only
      where there is evidence. Fitted by L-BFGS on the multinomial log-loss with an L2 penalty.
    - ``full``: scikit-learn's multinomial ``LogisticRegression`` over all standardised features. It
      re-weights the network's three log-probabilities freely. With the temperature fitted on natural-text NLI
      both forms calibrate held-out SNLI alike (cross-fitted ECE 0.029 full, 0.034 residual, network 0.100), but
      the full form flips the network's answer on problems with no other evidence at all (cross-fitted:
      conditional probe −2.9 points, ConjNLI −0.8; earlier, LogicBench "reasoning about exceptions" −4.3;
      residual ±0 there; scripts/fit_default_fusion.py --crossfit [--mode full], scripts/compare_fusion.py).

    Args:
        C: Inverse L2 regularisation strength of the logistic regression.
        mode: ``full`` or ``residual`` (above).
        n_offset: Number of leading feature columns that are the network's log-probabilities
            (entailment, neutral, contradiction) — the offset in ``residual`` mode.
        calibration: ``temperature`` (one temperature, fitted on out-of-fold decision values), ``isotonic``
            (that temperature, then a monotone map of the top-label confidence fitted on the same out-of-fold
            scores; it keeps the ranking of the labels, so answers do not change) or ``none``. A temperature
            cannot bend the reliability curve: on unseen natural-text NLI the temperature-scaled network is
            overconfident at 0.7–0.9 and underconfident above 0.9 (SNLI, SICK and TaxiNLI alike); the isotonic
            map fixes that shape. It needs :data:`MIN_ISOTONIC_ROWS` calibration rows.
        calibration_size: Share of the calibration rows (``fit``'s ``calibrate_on``) each regression fitted
            for the temperature leaves out: ``round(1 / calibration_size)`` folds.
        random_state: Seed of the calibration folds.

    Example:
        >>> import numpy as np
        >>> X = np.random.default_rng(0).normal(size=(60, 4)); y = np.arange(60) % 3
        >>> FusionModel().fit(X, y).predict_proba(X).shape
        (60, 3)
    """

    def __init__(self, *, C: float = 1.0, calibration: str = "temperature", calibration_size: float = 0.1,
                 random_state: int = 0, mode: str = "residual", n_offset: int = 3) -> None:
        self.C = C
        self.mode = mode
        self.n_offset = n_offset
        self.calibration = calibration
        self.calibration_size = calibration_size
        self.random_state = random_state

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        return {"C": self.C, "calibration": self.calibration, "calibration_size": self.calibration_size,
                "random_state": self.random_state, "mode": self.mode, "n_offset": self.n_offset}

    def fit(self, X: np.ndarray, y: np.ndarray, feature_names: list[str] | None = None, *,
            rule_outcomes: Sequence[tuple[str, int]] = (), calibrate_on: np.ndarray | None = None) -> FusionModel:
        """Fit on features ``X`` (n, d) and labels ``y`` in {0, 1, 2} (entailment, neutral, contradiction).

        ``rule_outcomes``: (rule, gold label) for items a lexical rule decided (rule names are
        ``"<rule>:<label>"``, e.g. ``"add-modifier:neutral"``), from any labelled data: a rule's
        precision does not depend on the network, so it may be measured on more items than the
        regression is fitted on. Each rule's Laplace-smoothed precision becomes its gate (see class doc).

        ``calibrate_on``: boolean mask of the rows whose out-of-fold scores fit the temperature (default: all).
        The regression learns from every row; the temperature sets how confident the answers are, so it
        should come from the population whose confidences will be read — e.g. natural-text NLI rather than
        templated probes, on which evidence makes the fused answers right at low confidence and would pull
        the temperature the other way.
        """
        self.rule_gate_ = _rule_gates(rule_outcomes)
        if self.calibration not in ("temperature", "isotonic", "none"):
            raise ConfigError(f"Unknown calibration {self.calibration!r}. Choose one of: temperature, isotonic, none.")
        X = np.asarray(X, dtype=float)
        y = np.asarray(y, dtype=int)
        if X.ndim != 2 or len(X) != len(y):
            raise ConfigError(f"X must be (n, d) with one label per row; got X {X.shape} and y {y.shape}.")
        if set(np.unique(y)) - {0, 1, 2}:
            raise ConfigError("Labels must be 0 (entailment), 1 (neutral) or 2 (contradiction).")
        if len(np.unique(y)) < 2:
            raise ConfigError("Fusion needs examples of at least two labels.")
        if self.mode not in ("full", "residual"):
            raise ConfigError(f"Unknown fusion mode {self.mode!r}. Choose one of: residual, full.")
        if self.mode == "residual":
            k = self.n_offset
            if k != 3 or X.shape[1] < k:
                raise ConfigError("Residual fusion needs the network's three log-probabilities as the first columns.")
            self.mean_ = np.zeros(X.shape[1])  # no centring: an absent piece of evidence stays exactly zero
            self.scale_ = np.abs(X).max(axis=0)
            self.scale_[:k] = 1.0
        else:
            self.mean_ = X.mean(axis=0)
            self.scale_ = X.std(axis=0)
        self.scale_[self.scale_ == 0] = 1.0
        Z = (X - self.mean_) / self.scale_
        regress = self._residual_coef if self.mode == "residual" else self._full_coef
        self.temperature_ = 1.0
        self.top_label_map_: tuple[np.ndarray, np.ndarray] | None = None
        if self.calibration != "none":
            logits, held_y = self._held_out_decisions(regress, Z, y, calibrate_on)
            self.temperature_ = _fit_temperature(logits, held_y)
            if self.calibration == "isotonic":
                self.top_label_map_ = _fit_top_label_map(_softmax(logits / self.temperature_), held_y)
        self.coef_, self.intercept_ = regress(Z, y)
        self._finish(X, y, feature_names)
        return self

    def _held_out_decisions(self, regress: Any, Z: np.ndarray, y: np.ndarray,
                            calibrate_on: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
        """Out-of-fold decision values of the ``calibrate_on`` rows, and their labels: those rows are split into
        ``round(1 / calibration_size)`` stratified folds and each fold is scored by a regression fitted on every
        other row, so every calibration row counts once and none scores itself. The temperature (and the
        isotonic map) are fitted on these."""
        every = np.arange(len(y))
        mask = np.ones(len(y), dtype=bool) if calibrate_on is None else np.asarray(calibrate_on, dtype=bool)
        if mask.shape != y.shape:
            raise ConfigError(f"calibrate_on must be one boolean per row; got {mask.shape} for {len(y)} rows.")
        rows = every[mask]
        if self.calibration == "isotonic" and len(rows) < MIN_ISOTONIC_ROWS:
            raise ConfigError(f"Isotonic calibration needs at least {MIN_ISOTONIC_ROWS} rows to calibrate on; got "
                              f"{len(rows)}. Fit on more data or use calibration='temperature' "
                              "(`nesy fit-fusion --calibration temperature`).")
        if len(rows) < 30:
            logger.warning("Only %d rows to calibrate on: the temperature is fitted on the same rows as the "
                           "regression (optimistic). Fit on more data for an honest temperature.", len(rows))
            coef, intercept = regress(Z, y)
            return Z[rows] @ coef.T + intercept, y[rows]
        k = max(2, round(1 / self.calibration_size))
        labels = y[rows]
        if np.bincount(labels, minlength=3)[np.unique(labels)].min() >= k:
            splits = StratifiedKFold(k, shuffle=True, random_state=self.random_state).split(rows, labels)
        else:
            splits = KFold(k, shuffle=True, random_state=self.random_state).split(rows)
        held, logits = [], []
        for _, fold in splits:
            out = rows[fold]
            train = np.setdiff1d(every, out)
            coef, intercept = regress(Z[train], y[train])
            held.append(out)
            logits.append(Z[out] @ coef.T + intercept)
        return np.vstack(logits), y[np.concatenate(held)]

    def _full_coef(self, Z: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(3, d) coefficients and (3,) intercepts of scikit-learn's multinomial logistic regression."""
        lr = LogisticRegression(C=self.C, max_iter=2000).fit(Z, y)
        coef = np.zeros((3, Z.shape[1]))
        intercept = np.full(3, -30.0)  # a label never seen in training stays (almost) impossible
        for k, cls in enumerate(lr.classes_):
            if len(lr.classes_) == 2:
                sign = 1.0 if k == 1 else -1.0
                coef[cls] = sign * lr.coef_[0] / 2
                intercept[cls] = sign * lr.intercept_[0] / 2
            else:
                coef[cls] = lr.coef_[k]
                intercept[cls] = lr.intercept_[k]
        return coef, intercept

    def _residual_coef(self, Z: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(3, d) coefficients — a shared weight on the offset columns (diagonal), free weights on the rest — and
        zero intercepts (none: with no evidence the network's ranking stays)."""
        n, d = Z.shape
        k = self.n_offset
        onehot = np.eye(3)[y]
        lam = 1.0 / (self.C * n)

        def unpack(theta: np.ndarray) -> np.ndarray:
            coef = np.zeros((3, d))
            coef[np.arange(3), np.arange(3)] = theta[0]
            coef[:, k:] = theta[1:].reshape(3, d - k)
            return coef

        def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
            coef = unpack(theta)
            p = _softmax(Z @ coef.T)
            value = -np.log(np.clip((p * onehot).sum(1), 1e-12, 1)).mean() + 0.5 * lam * (theta[1:] ** 2).sum()
            g = (p - onehot) / n  # (n, 3)
            grad_full = g.T @ Z  # (3, d)
            grad = np.concatenate([[np.trace(grad_full[:, :k])], grad_full[:, k:].ravel() + lam * theta[1:]])
            return float(value), grad

        theta0 = np.concatenate([[1.0], np.zeros(3 * (d - k))])
        res = minimize(loss, theta0, jac=True, method="L-BFGS-B", options={"maxiter": 2000})
        return unpack(res.x), np.zeros(3)

    def _finish(self, X: np.ndarray, y: np.ndarray, feature_names: list[str] | None) -> None:
        self.feature_names_ = list(feature_names) if feature_names is not None else [f"x{i}" for i in range(X.shape[1])]
        self.n_features_in_ = X.shape[1]
        self.proof_gate_: dict[str, list[float]] = {}
        for name, label in _PROOF_COLUMNS.items():
            if name in self.feature_names_:
                rows = X[:, self.feature_names_.index(name)] > 0.5
                hits = int((y[rows] == label).sum())
                n = int(rows.sum())
                self.proof_gate_[name] = [label, (hits + 1) / (n + 2), n]

    def _check(self, X: np.ndarray) -> np.ndarray:
        if not hasattr(self, "coef_"):
            raise NotFittedError("This FusionModel is not fitted yet. Call fit(X, y) or FusionModel.load(path) first.")
        X = np.asarray(X, dtype=float)
        if X.ndim == 1:
            X = X[None, :]
        if X.shape[1] != self.n_features_in_:
            raise ConfigError(f"Expected {self.n_features_in_} features, got {X.shape[1]}.")
        return X

    def decision_function(self, X: np.ndarray) -> np.ndarray:
        X = self._check(X)
        return ((X - self.mean_) / self.scale_) @ self.coef_.T + self.intercept_

    def predict_proba(self, X: np.ndarray, rules: Sequence[str | None] | None = None) -> np.ndarray:
        """Probabilities (n, 3). ``rules``: the lexical rule that decided each row (or None), for the rule gates."""
        X = self._check(X)
        p = _softmax(self.decision_function(X) / self.temperature_)
        top = getattr(self, "top_label_map_", None)
        if top is not None:
            p = _apply_top_label_map(p, *top)
        if rules is not None:
            if len(rules) != len(X):
                raise ConfigError(f"One rule (or None) per row: got {len(rules)} for {len(X)} rows.")
            for i, rule in enumerate(rules):
                gate = self.rule_gate(rule)
                if gate is not None:
                    p[i] = _mix(p[i], gate)
        for name, gate in getattr(self, "proof_gate_", {}).items():
            rows = X[:, self.feature_names_.index(name)] > 0.5
            if rows.any() and _applies(gate):
                p[rows] = _mix(p[rows], gate)
        return p

    def calibration_shift(self, x: np.ndarray) -> tuple[float, float] | None:
        """(before, after) top-label confidence of one example under the isotonic map, or None without one."""
        top = getattr(self, "top_label_map_", None)
        if top is None:
            return None
        p = _softmax(self.decision_function(x)[:1] / self.temperature_)
        return float(p.max()), float(_apply_top_label_map(p, *top).max())

    def proof_gate(self, x: np.ndarray) -> tuple[str, list[float]] | None:
        """(column, [label, precision, n]) of the proof gate that decides one example, or None.

        When it applies (precision above one half), the gated label is the answer whatever the other evidence
        says: ``(1 - g) * p + g * onehot`` puts more than ``g`` on it and less than ``1 - g`` on any other."""
        x = self._check(x)[0]
        for name, gate in getattr(self, "proof_gate_", {}).items():
            if x[self.feature_names_.index(name)] > 0.5 and _applies(gate):
                return name, gate
        return None

    def rule_gate(self, rule: str | None) -> list[float] | None:
        """[label, precision, n] of a lexical rule's gate when it moves answers (see :func:`_applies`), else None."""
        gate = getattr(self, "rule_gate_", {}).get(rule or "")
        return gate if gate is not None and _applies(gate) else None

    def predict(self, X: np.ndarray) -> np.ndarray:
        return self.predict_proba(X).argmax(axis=1)

    def contributions(self, x: np.ndarray) -> dict[str, np.ndarray]:
        """Per-feature contribution to each label's logit for one example (for the trace)."""
        x = self._check(x)[0]
        z = (x - self.mean_) / self.scale_
        return {name: self.coef_[:, i] * z[i] / self.temperature_ for i, name in enumerate(self.feature_names_)}

    # ---------------------------------------------------------------- save / load
    def to_dict(self) -> dict[str, Any]:
        from nesy._version import __version__

        self._check(np.zeros((1, getattr(self, "n_features_in_", 0))))
        top = getattr(self, "top_label_map_", None)
        return {
            "format": "nesy-fusion", "version": 1, "nesy_version": __version__, "params": self.get_params(),
            "feature_names": self.feature_names_, "mean": self.mean_.tolist(), "scale": self.scale_.tolist(),
            "coef": self.coef_.tolist(), "intercept": self.intercept_.tolist(), "temperature": self.temperature_,
            "labels": ["entailment", "neutral", "contradiction"], "proof_gate": self.proof_gate_,
            "rule_gate": getattr(self, "rule_gate_", {}),
            "top_label_map": None if top is None else {"confidence": top[0].tolist(), "calibrated": top[1].tolist()},
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> FusionModel:
        """A fitted model from :meth:`to_dict`'s JSON form, every field checked (type, shape, finite values).

        Raises:
            ModelError: not a nesy fusion model, or a field is missing or malformed (the message names it).
        """
        if not isinstance(d, Mapping) or d.get("format") != "nesy-fusion" or d.get("version") != 1:
            raise ModelError("Not a nesy fusion model (format nesy-fusion, version 1). Refit with `nesy fit-fusion`.")
        from nesy._version import __version__

        saved_by = d.get("nesy_version")
        if not isinstance(saved_by, str) or saved_by.split(".")[:2] != __version__.split(".")[:2]:
            logger.warning("Fusion model was saved by nesy %s; this is nesy %s.", saved_by, __version__)
        try:
            return cls._from_checked_dict(d)
        except (KeyError, TypeError, ValueError, ConfigError) as err:
            why = f"missing field {err}" if isinstance(err, KeyError) else str(err)
            raise ModelError(f"Malformed nesy fusion model: {why}. Refit it with `nesy fit-fusion` "
                             "(or restore the file).") from err

    @classmethod
    def _from_checked_dict(cls, d: Mapping[str, Any]) -> FusionModel:
        params = d["params"]
        known = set(cls().get_params())
        if not isinstance(params, Mapping) or not set(params) <= known:
            raise ValueError(f"'params' must be an object with keys among {sorted(known)}")
        m = cls(**{"mode": "full", **params})  # files from before the residual form are "full"
        if m.mode not in ("residual", "full"):
            raise ValueError(f"'params.mode' is {m.mode!r}; expected residual or full")
        names = d["feature_names"]
        if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
            raise ValueError("'feature_names' must be a non-empty list of strings")
        n = len(names)
        m.feature_names_ = list(names)
        m.mean_ = _array(d["mean"], "mean", (n,))
        m.scale_ = _array(d["scale"], "scale", (n,))
        if not (m.scale_ > 0).all():
            raise ValueError("'scale' must be positive")
        m.coef_ = _array(d["coef"], "coef", (3, n))
        m.intercept_ = _array(d["intercept"], "intercept", (3,))
        m.temperature_ = float(_array(d["temperature"], "temperature", ()))
        if not m.temperature_ > 0:
            raise ValueError("'temperature' must be positive")
        m.proof_gate_ = _gates(d.get("proof_gate", {}), "proof_gate")
        m.rule_gate_ = _gates(d.get("rule_gate", {}), "rule_gate")
        top = d.get("top_label_map")
        if top is None:
            m.top_label_map_ = None
        else:
            if not isinstance(top, Mapping):
                raise ValueError("'top_label_map' must be an object with 'confidence' and 'calibrated' lists")
            knots = _array(top["confidence"], "top_label_map.confidence", (-1,))
            values = _array(top["calibrated"], "top_label_map.calibrated", knots.shape)
            if len(knots) < 2 or (np.diff(knots) < 0).any() or ((values < 0) | (values > 1)).any():
                raise ValueError("'top_label_map' must map at least two increasing confidences to values in [0, 1]")
            m.top_label_map_ = (knots, values)
        m.n_features_in_ = n
        return m

    def save(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.to_dict(), indent=1), encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> FusionModel:
        """Read a model saved by :meth:`save` (JSON only: nothing is unpickled or executed).

        Raises:
            ModelError: the file is missing, too large, not UTF-8 JSON, or not a well-formed nesy fusion model;
                the message names the file.
        """
        p = Path(path)
        if not p.is_file():
            raise ModelError(f"Fusion model {str(p)!r} not found. Fit one with `nesy fit-fusion --data ... --out FILE`.")
        try:
            size = p.stat().st_size
            if size > limits.MAX_ARTIFACT_BYTES:
                raise ModelError(f"Fusion model {str(p)!r} has {size:,} bytes; a fusion model is a small JSON file "
                                 f"(at most {limits.MAX_ARTIFACT_BYTES:,} bytes, nesy.limits.MAX_ARTIFACT_BYTES).")
            data = json.loads(p.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as err:
            raise ModelError(f"{str(p)!r} is not JSON: {err}") from err
        except OSError as err:
            raise ModelError(f"Cannot read the fusion model {str(p)!r}: {err}.") from err
        try:
            return cls.from_dict(data)
        except ModelError as err:
            raise ModelError(f"{str(p)!r}: {err}") from err
