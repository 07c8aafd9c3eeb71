"""Datasets and metrics."""

from __future__ import annotations

from nesy.data.loaders import FORMATS, detect_format, load, split_sentences

__all__ = ["FORMATS", "detect_format", "load", "split_sentences"]
