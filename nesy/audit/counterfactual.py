"""Counterfactual data augmentation: gender-swapped copies of training pairs (Lu et al., 2018; Dev et al., 2020)."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

__all__ = ["counterfactual_pairs", "swap_gender"]

_WORD = re.compile(r"[A-Za-z]+")
# Before these words "her" is an object pronoun ("gave it to her.", "hands her a hat"); elsewhere it is read as
# possessive ("her hat").
_OBJECT_CONTEXT = {"", "and", "or", "but", "to", "for", "with", "at", "from", "by", "on", "in", "as", "than", "that",
                   "while", "because", "when", "so", "is", "was", "a", "an", "the", "his", "her", "my", "their",
                   "its", "this", "these", "those", "some", "up", "down", "out", "off", "back", "away"}


@lru_cache(maxsize=1)
def _swaps() -> dict[str, str]:
    path = Path(__file__).resolve().parents[1] / "resources" / "audit" / "bias_words.json"
    pairs = json.loads(path.read_text(encoding="utf-8"))["counterfactual_swaps"]
    table: dict[str, str] = {}
    for male, female in pairs:
        table.setdefault(male, female)
        table.setdefault(female, male)  # "her" maps back to "his"; _swap_word fixes the object case
    return table


def _match_case(word: str, like: str) -> str:
    if like.isupper() and len(like) > 1:
        return word.upper()
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def swap_gender(text: str) -> str | None:
    """``text`` with every gendered word swapped (man↔woman, he↔she …), or None if it has none.

    Example:
        >>> swap_gender("A man hands her his hat.")
        'A woman hands him her hat.'
    """
    table = _swaps()
    tokens = list(_WORD.finditer(text))
    out: list[str] = []
    last = 0
    changed = False
    for k, m in enumerate(tokens):
        low = m.group().lower()
        if low not in table:
            continue
        new = table[low]
        if low == "her":
            nxt = tokens[k + 1].group().lower() if k + 1 < len(tokens) else ""
            gap = text[m.end(): tokens[k + 1].start()] if k + 1 < len(tokens) else ""
            new = "him" if (nxt in _OBJECT_CONTEXT or any(ch in gap for ch in ".,;:!?")) else "his"
        out.append(text[last:m.start()])
        out.append(_match_case(new, m.group()))
        last = m.end()
        changed = True
    if not changed:
        return None
    out.append(text[last:])
    return "".join(out)


def counterfactual_pairs(pairs: Sequence[tuple[str, str]]) -> list[tuple[str | None, str | None]]:
    """Gender-swapped copies of (premise, hypothesis) pairs; ``(None, None)`` where neither text is gendered.

    Premise and hypothesis are swapped together, so the entailment label is unchanged.
    """
    out: list[tuple[str | None, str | None]] = []
    for premise, hypothesis in pairs:
        p2, h2 = swap_gender(premise), swap_gender(hypothesis)
        if p2 is None and h2 is None:
            out.append((None, None))
        else:
            out.append((p2 if p2 is not None else premise, h2 if h2 is not None else hypothesis))
    return out
