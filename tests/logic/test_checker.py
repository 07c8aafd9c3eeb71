"""Checker outcomes, proofs, and proof re-checking with Z3."""

from __future__ import annotations

from nesy.logic.checker import LogicChecker, LogicResult, Outcome
from nesy.logic.folparse import parse_fol
from nesy.types import Label, Problem


def P(*xs):
    return [parse_fol(x) for x in xs]


def recheck(result: LogicResult, premises, hypothesis, checker: LogicChecker, **kw) -> None:
    """A proof is checkable: Z3 on the cited premises alone gives the same verdict."""
    cited = [premises[i] for i in result.core]
    again = checker.decide(cited, hypothesis, **kw)
    assert again.outcome is result.outcome, (result, again)


def test_entailed_with_cited_derivation():
    c = LogicChecker()
    prem = P("∀x (Red(x) → Rough(x))", "Big(bob)", "Red(bob)")
    texts = ["All red things are rough.", "Bob is big.", "Bob is red."]
    r = c.decide(prem, parse_fol("Rough(bob)"), premise_texts=texts, hypothesis_text="Bob is rough.")
    assert r.outcome is Outcome.ENTAILED and r.core == (0, 2)
    assert [s.premise_index for s in r.steps if s.premise_index is not None] == [2, 0]
    assert r.steps[-1].kind == "conclusion" and r.steps[-1].text == "So Bob is rough."
    recheck(r, prem, parse_fol("Rough(bob)"), c)


def test_contradicted():
    c = LogicChecker()
    prem = P("∀x (Red(x) → ¬Rough(x))", "Red(bob)")
    r = c.decide(prem, parse_fol("Rough(bob)"))
    assert r.outcome is Outcome.CONTRADICTED and r.core == (0, 1)
    recheck(r, prem, parse_fol("Rough(bob)"), c)


def test_unknown_is_not_false():
    r = LogicChecker().decide(P("Red(bob)"), parse_fol("Rough(bob)"))
    assert r.outcome is Outcome.UNKNOWN and not r.outcome.decided


def test_inconsistent_premises():
    r = LogicChecker().decide(P("Red(bob)", "¬Red(bob)", "Big(anne)"), parse_fol("Rough(bob)"))
    assert r.outcome is Outcome.INCONSISTENT and r.core == (0, 1)


def test_timeout_is_an_outcome_with_a_reason():
    prem = P("∀x ∃y Lt(x, y)", "∀x ¬Lt(x, x)", "∀x ∀y ∀z (Lt(x, y) ∧ Lt(y, z) → Lt(x, z))")
    r = LogicChecker(timeout_ms=50).decide(prem, parse_fol("Q(a)"))
    assert r.outcome in (Outcome.TIMEOUT, Outcome.UNKNOWN)
    assert "Z3 gave up" in r.reason


def test_parse_failure_and_unparsed_premises():
    c = LogicChecker()
    assert c.decide(P("Red(bob)"), None).outcome is Outcome.PARSE_FAILURE
    r = c.decide([parse_fol("Red(bob)"), None], parse_fol("Red(bob)"))
    assert r.outcome is Outcome.ENTAILED and r.unparsed == (1,) and r.parse_coverage == 0.5


def test_directional_semantics_does_not_use_contraposition():
    prem = P("∀x (Big(x) → ¬Red(x))", "Red(bob)")
    hyp = parse_fol("Big(bob)")
    assert LogicChecker().decide(prem, hyp).outcome is Outcome.CONTRADICTED
    assert LogicChecker(semantics="directional").decide(prem, hyp).outcome is Outcome.UNKNOWN


def test_directional_paradox_is_reported_as_inconsistent():
    prem = P("Soft(eli)", "∀x (Soft(x) → Red(x))", "∀x (Soft(x) → ¬Red(x))")
    r = LogicChecker(semantics="directional").decide(prem, parse_fol("Red(eli)"))
    assert r.outcome is Outcome.INCONSISTENT


def test_closed_world_negation_as_failure():
    prem = P("Red(bob)", "Big(anne)")
    assert LogicChecker().decide(prem, parse_fol("Red(anne)")).outcome is Outcome.UNKNOWN
    assert LogicChecker(world="closed").decide(prem, parse_fol("Red(anne)")).outcome is Outcome.CONTRADICTED


def test_result_json_round_trip():
    r = LogicChecker().decide(P("∀x (A(x) → B(x))", "A(c)"), parse_fol("B(c)"))
    assert LogicResult.from_dict(r.to_dict()) == r


def test_every_symbolic_proof_on_english_rechecks(nlp):
    from nesy.logic.system import SymbolicSystem

    system = SymbolicSystem()
    system.parser._nlp = nlp
    problems = [
        Problem(id="a", premises=("Bob is cold.", "Bob is quiet.", "If something is quiet and cold then it is smart.",
                                  "All smart things are kind.", "Anne is red."), hypothesis="Bob is kind."),
        Problem(id="b", premises=("Every wumpus is a yumpus.", "Each yumpus is not bitter.", "Max is a wumpus."),
                hypothesis="Max is bitter."),
        Problem(id="c", premises=("The bear likes the cat.", "If someone likes the cat then they are big."),
                hypothesis="The bear is big."),
    ]
    expected = [Outcome.ENTAILED, Outcome.CONTRADICTED, Outcome.ENTAILED]
    for prob, want in zip(problems, expected):
        a = system.analyse(prob)
        assert a.result.outcome is want
        recheck(a.result, a.premises, a.hypothesis, system.checker, semantics="classical")
        assert a.result.steps[-1].kind == "conclusion"


def test_outcome_decided_flag_is_explicit():
    assert {o for o in Outcome if o.decided} == {Outcome.ENTAILED, Outcome.CONTRADICTED}


def test_world_knowledge_alone_is_not_a_proof_but_premises_that_prove_it_are(nlp):
    """The graph knows aspirin ⊑ chemical. Premises that say nothing about it leave the answer Unknown; premises
    that prove it on their own are the proof, even when a smaller core would use the graph only."""
    from nesy.logic.system import SymbolicSystem

    system = SymbolicSystem()
    system.reader._nlp = nlp
    v = system.solve(Problem(id="kg-only", premises=("Bob is tall.", "Aspirin is a drug."),
                             hypothesis="Aspirin is a chemical."))
    assert v.label is Label.NEUTRAL and not v.proved
    v = system.solve(Problem(id="own", premises=("All drugs are chemicals.", "Aspirin is a drug."),
                             hypothesis="Aspirin is a chemical."))
    assert v.label is Label.ENTAILMENT and v.proved
    assert {s.premise_index for s in v.trace.steps if s.kind == "premise"} == {0, 1}
    assert not any(s.kind == "kg" for s in v.trace.steps)


def test_premise_selection_keeps_proofs_of_large_theories_and_their_chains():
    """Above SELECT_MIN_PREMISES the checker first decides on the SInE-relevant premises; a chain through
    rare predicates is selected, unrelated rules are not, and a proof needing an unselected premise is still
    found on the whole theory."""
    from nesy import limits
    from nesy.logic.checker import relevant_premises
    from nesy.logic.folparse import parse_fol

    noise = [parse_fol(f"∀x (Q{i}(x) → R{i}(x))") for i in range(limits.SELECT_MIN_PREMISES + 5)]
    chain = [parse_fol("Minor(bob)"), parse_fol("∀x (Minor(x) → Protected(x))"),
             parse_fol("∀x (Protected(x) → Safe(x))")]
    premises = noise + chain
    goal = parse_fol("Safe(bob)")
    chosen = relevant_premises(premises, goal)
    n = len(noise)
    assert {n, n + 1, n + 2} <= chosen and not chosen & set(range(n))
    res = LogicChecker().decide(premises, goal)
    assert res.outcome is Outcome.ENTAILED and sorted(res.core) == [n, n + 1, n + 2]
    # the only link to the goal is through a symbol shared with every noise rule: found on the whole theory
    hub = [parse_fol(f"∀x (Q{i}(x) → Hub(x))") for i in range(limits.SELECT_MIN_PREMISES + 5)]
    linked = hub + [parse_fol("Q0(bob)"), parse_fol("∀x (Hub(x) → Safe(x))")]
    res = LogicChecker().decide(linked, goal)
    assert res.outcome is Outcome.ENTAILED
    assert LogicChecker().decide(noise + chain, parse_fol("Loud(bob)")).outcome is Outcome.UNKNOWN
