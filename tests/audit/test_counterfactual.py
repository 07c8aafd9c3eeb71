from __future__ import annotations

from nesy.audit.counterfactual import counterfactual_pairs, swap_gender


def test_swap_gender_keeps_case_and_reads_her_in_context():
    assert swap_gender("A man hands her his hat.") == "A woman hands him her hat."
    assert swap_gender("Her dog sees the boy.") == "His dog sees the girl."
    assert swap_gender("She gave it to her.") == "He gave it to him."
    assert swap_gender("The Queen waves.") == "The King waves."
    assert swap_gender("Nobody is here.") is None


def test_pairs_are_swapped_together_and_ungendered_ones_skipped():
    out = counterfactual_pairs([("A man sleeps.", "A man rests."), ("A dog runs.", "An animal runs."),
                                ("A person waves.", "A woman waves.")])
    assert out == [("A woman sleeps.", "A woman rests."), (None, None), ("A person waves.", "A man waves.")]
