"""The shipped default model (slow: loads MiniLM + the adapter and scores a small fixture)."""

from __future__ import annotations

import pytest

from nesy.nli.scorer import NliScorer, default_model_dir
from nesy.types import Label

PAIRS = [
    ("A man is playing a guitar on stage.", "A man is playing an instrument.", Label.ENTAILMENT),
    ("Two dogs are running through a field.", "Animals are running outside.", Label.ENTAILMENT),
    ("A woman is slicing tomatoes in the kitchen.", "A woman is cutting vegetables.", Label.ENTAILMENT),
    ("A child is sleeping in a bed.", "A child is asleep.", Label.ENTAILMENT),
    ("A group of people are dancing at a party.", "People are dancing.", Label.ENTAILMENT),
    ("A man is riding a bicycle down the street.", "A man is sleeping at home.", Label.CONTRADICTION),
    ("A girl is swimming in the pool.", "The girl is sitting in a classroom.", Label.CONTRADICTION),
    ("The cat is sleeping on the sofa.", "The cat is chasing a mouse outside.", Label.CONTRADICTION),
    ("A man in a red shirt is cooking.", "Nobody is cooking.", Label.CONTRADICTION),
    ("Two women are walking on the beach.", "Two women are flying a plane.", Label.CONTRADICTION),
    ("A man is playing a guitar on stage.", "The man is a famous musician.", Label.NEUTRAL),
    ("A woman is reading a book in the park.", "The woman is reading a mystery novel.", Label.NEUTRAL),
    ("A boy is kicking a ball.", "The boy is playing with his father.", Label.NEUTRAL),
    ("A dog is running on the grass.", "The dog is chasing its owner.", Label.NEUTRAL),
    ("A man is cooking dinner.", "The man is cooking for his wife.", Label.NEUTRAL),
]


@pytest.mark.slow
def test_default_model_scores_a_small_fixture():
    if not (default_model_dir() / "adapter_config.json").is_file():
        pytest.skip("the default model is not shipped in this checkout")
    scorer = NliScorer("default", device="cpu")
    scores = scorer.score_many([(p, h) for p, h, _ in PAIRS])
    correct = sum(s.label is gold for s, (_, _, gold) in zip(scores, PAIRS))
    assert correct / len(PAIRS) >= 0.7, [s.label for s in scores]
