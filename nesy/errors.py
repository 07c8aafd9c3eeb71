"""One error hierarchy for nesy.

Every error raised on purpose by nesy derives from :class:`NesyError`. Subclasses
also inherit the matching builtin, so ``except ValueError`` keeps working.
Messages say what was found, what was expected, and how to fix it.
"""

from __future__ import annotations

__all__ = [
    "NesyError",
    "ConfigError",
    "DataFormatError",
    "LabelError",
    "ParseError",
    "SolverError",
    "ModelError",
    "NotFittedError",
    "SystemUnavailableError",
    "InputError",
    "FormulaLimitError",
]


class NesyError(Exception):
    """Root of every error nesy raises on purpose."""


class ConfigError(NesyError, ValueError):
    """An option or argument has an invalid value."""


class DataFormatError(NesyError, ValueError):
    """A dataset file could not be read in any supported format."""


class LabelError(NesyError, ValueError):
    """A label string could not be mapped to ENTAILMENT/NEUTRAL/CONTRADICTION."""


class ParseError(NesyError, ValueError):
    """Text or a formula could not be parsed into first-order logic."""


class SolverError(NesyError, RuntimeError):
    """The theorem prover failed in an unexpected way."""


class ModelError(NesyError, RuntimeError):
    """A neural model or other artifact could not be loaded or used."""


class NotFittedError(NesyError, AttributeError):
    """An estimator was used before ``fit``."""


class SystemUnavailableError(NesyError, RuntimeError):
    """A reasoning system was requested that cannot run here."""


class InputError(NesyError, ValueError):
    """Input that nesy refuses to read: a wrong type, or past a limit of :mod:`nesy.limits`."""


class FormulaLimitError(InputError, ParseError):
    """A formula too long, too deep or too large to parse (:data:`nesy.limits.MAX_FORMULA_DEPTH` ...).

    Also a :class:`ParseError`, so a system that reads what it can treats the formula as unreadable.
    """
