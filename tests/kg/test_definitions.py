"""Definitional taxonomic claims: reading the phrasings, deciding them on the shipped graph."""

from __future__ import annotations

import pytest

from nesy.kg.definitions import KindClaim, decide_kind_claim, read_kind_claim


def test_reads_the_three_phrasings():
    c = read_kind_claim("retained is best characterized as a kind or type of withhold (or keep back) event, "
                        "defined as 'hold back; refuse to hand over or share' .")
    assert c == KindClaim("retained", "withhold", "v", general_synonyms=("keep_back",))
    c = read_kind_claim("a specific type of crochet is double crochet (or double stitch) event, defined as "
                        "'make by double stitching' .")
    assert c == KindClaim("double_crochet", "crochet", "v", specific_synonyms=("double_stitch",))
    assert read_kind_claim("An oak is a kind of tree.") == KindClaim("oak", "tree", "n")
    assert read_kind_claim("The oak grew tall.") is None


def test_pinned_sense_decides(shipped_retriever):
    claim = read_kind_claim("a specific type of tissue is animal tissue, defined as 'the tissue in the bodies "
                            "of animals' .")
    ev = decide_kind_claim(shipped_retriever, "fatty tissue protected them from the severe cold", claim)
    assert ev is not None and ev.kind == "entailing" and ev.path[0] == "animal_tissue" and ev.path[-1] == "tissue"


def test_no_link_or_unused_word_decides_nothing(shipped_retriever):
    claim = read_kind_claim("a specific type of mechanism is radio source, defined as 'an object that radiates "
                            "radio waves' .")
    assert decide_kind_claim(shipped_retriever, "the mechanism of infection", claim) is None
    oak = read_kind_claim("An oak is a kind of tree.")
    assert decide_kind_claim(shipped_retriever, "An oak grew by the river.", oak) is not None
    assert decide_kind_claim(shipped_retriever, "The river was wide.", oak) is None  # neither word is used


@pytest.mark.parametrize("synonyms", [("no_such_lemma",)])
def test_synonyms_that_match_no_sense_decide_nothing(shipped_retriever, synonyms):
    claim = KindClaim("oak", "tree", "n", general_synonyms=synonyms)
    assert decide_kind_claim(shipped_retriever, "An oak grew.", claim) is None
