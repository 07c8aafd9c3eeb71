"""Constructions of legal and medical rule text: negated modal passives with an indefinite subject, age and
measure bounds written with "than" and "or older/higher", present-simple rules with a restricted indefinite
subject, singular "they", pronouns in a postposed "if/unless" clause, the scope of "unless", "with" as having,
noun phrase restrictions inside a rule's modal (de re), kind complements of "allergic to", coordinated bare
subjects, abbreviated plurals ("NSAIDs"). Each has positive and negative cases."""

from __future__ import annotations

import pytest

from tests.semantics._helpers import C, E, N, read

CASES = [
    # ---------------------------------------------------------------- negated modal passive, indefinite subject
    C("neg-modal-passive-indefinite", ("A cancelled ticket cannot be refunded.", "Tom's pass is a cancelled ticket."),
      "Tom's pass can be refunded."),
    E("neg-modal-passive-indefinite-must-not",
      ("A fragile parcel must not be opened by a clerk.", "The packet is a fragile parcel.", "Ivy is a clerk."),
      "The packet must not be opened by Ivy."),
    N("neg-modal-passive-other-thing", ("A cancelled ticket cannot be refunded.", "Tom's pass is a ticket."),
      "Tom's pass can be refunded."),
    # ---------------------------------------------------------------- ages and bounds
    E("younger-than-years-old", ("Anyone who is younger than 21 years old is a junior.", "Pia is 19 years old."),
      "Pia is a junior."),
    N("younger-than-boundary", ("Anyone who is younger than 21 years old is a junior.", "Pia is 21 years old."),
      "Pia is a junior."),
    E("older-than-postnominal", ("Every member older than 60 pays half price.", "Rui is a member.",
                                 "Rui is 64 years old."), "Rui pays half price."),
    N("older-than-postnominal-below", ("Every member older than 60 pays half price.", "Rui is a member.",
                                       "Rui is 58 years old."), "Rui pays half price."),
    E("years-old-or-older", ("Anyone who is 65 years old or older is a senior.", "Dee is 65 years old."),
      "Dee is a senior."),
    N("years-old-or-older-below", ("Anyone who is 65 years old or older is a senior.", "Dee is 64 years old."),
      "Dee is a senior."),
    E("years-or-older-misparsed", ("Anyone who is 16 years or older may enrol.", "Kim is 30 years old."),
      "Kim may enrol."),
    C("unit-or-higher", "Ivo's heart rate is 120 bpm or higher.", "Ivo's heart rate is 110 bpm."),
    N("unit-or-higher-above", "Ivo's heart rate is 120 bpm or higher.", "Ivo's heart rate is 130 bpm."),
    C("years-old-or-younger", "Mia is 4 years old or younger.", "Mia is 5 years old."),
    # ---------------------------------------------------------------- outside a rule base: one individual
    E("restricted-indefinite-describes-one", "A man who lives next door plays the violin.", "A man plays the violin."),
    N("restricted-indefinite-not-a-rule", ("A man who lives next door plays the violin.", "Bob is a man.",
                                           "Bob lives next door."), "Bob plays the violin."),
    # ---------------------------------------------------------------- singular they, pronouns in postposed clauses
    E("singular-they-possessive", ("A driver renews their permit.",), "A driver renews a permit."),
    E("they-in-postposed-unless", ("A guest may stay unless they are rude.", "Ben is a guest.", "Ben is not rude."),
      "Ben may stay."),
    N("they-in-postposed-unless-rude", ("A guest may stay unless they are rude.", "Ben is a guest.", "Ben is rude."),
      "Ben may stay."),
    C("they-in-postposed-if", ("Drivers must not drive if they are tired.", "Lu is a driver.", "Lu is tired."),
      "Lu may drive."),
    N("they-in-postposed-if-not-tired", ("Drivers must not drive if they are tired.", "Lu is a driver."),
      "Lu may drive."),
    # ---------------------------------------------------------------- the scope of "unless"
    N("unless-indefinite-is-existential", ("Ann may swim unless Ann has a cold.", "Bo is not a cold."),
      "Ann may swim."),
    E("unless-indefinite-none", ("Ann may swim unless Ann has a cold.", "Ann has no cold."), "Ann may swim."),
    # ---------------------------------------------------------------- "with" is having
    E("with-is-have", ("Every tenant with a dog pays a fee.", "Sam is a tenant.", "Sam has a dog."),
      "Sam pays a fee."),
    N("with-is-have-no-dog", ("Every tenant with a dog pays a fee.", "Sam is a tenant.", "Sam has a cat."),
      "Sam pays a fee."),
    C("without-is-not-have", ("Ann is a tenant without a dog.",), "Ann has a dog."),
    E("singular-s-noun", ("Every patient with diabetes sees a nurse.", "Al is a patient.", "Al has diabetes."),
      "Al sees a nurse."),
    # ---------------------------------------------------------------- de re restrictions inside a rule's modal
    C("de-re-restriction-under-modal", ("No ticket may be sold to a child who is under 5.", "Jo is a child.",
                                        "Jo is 3 years old."), "Jo may be sold a ticket."),
    C("de-re-relative-verb-under-modal", ("A host must not expel a guest who pays the fee.", "Kai is a host.",
                                          "Lee is a guest.", "Lee pays the fee."), "Kai may expel Lee."),
    N("de-re-relative-verb-under-modal-unpaid", ("A host must not expel a guest who pays the fee.",
                                                 "Kai is a host.", "Lee is a guest."), "Kai may expel Lee."),
    # ---------------------------------------------------------------- kinds: "allergic to penicillin"
    C("allergic-to-kind", ("No patient may be given anything to which they are allergic.", "Vic is a patient.",
                           "Vic is allergic to latex."), "Vic may be given latex."),
    N("allergic-to-an-instance-not-kind", "Vic is allergic to a glove.", "Vic is allergic to gloves."),
    N("allergic-to-kind-not-instance-exists", "Vic is allergic to gloves.", "Vic is allergic to a glove."),
    # ---------------------------------------------------------------- coordinated bare subjects, abbreviations
    E("coordinated-bare-generic", ("Rice, wheat and oats are grains.", "Every oat is a grain."),
      "Every oat is a grain."),
    E("coordinated-bare-generic-third", "Rice, wheat and oats are cereals.", "Every oat is a cereal."),
    N("coordinated-bare-progressive", "Dogs and cats are running.", "Every cat is running."),
    E("abbreviated-plural", ("Aspirin and naproxen are NSAIDs.",), "Naproxen is an NSAID."),
    N("abbreviated-plural-not-identity", ("Aspirin and naproxen are NSAIDs.",), "Aspirin is naproxen."),
    # ---------------------------------------------------------------- causatives: "have their INR checked"
    E("causative-rule", ("Members who own a boat must have their hull inspected every year.", "Ida is a member.",
                         "Ida owns a boat."), "Ida must have her hull inspected every year."),
    E("causative-gives-passive", "Ann had her bike repaired.", "Ann's bike was repaired."),
    N("causative-not-agent", "Ann had her bike repaired.", "Ann repaired her bike."),
    C("causative-vs-not-done", "Ann had her bike repaired.", "Ann's bike was not repaired."),
    # ---------------------------------------------------------------- free-choice "any" outside downward contexts
    C("any-free-choice-object", ("Nothing that is forbidden for a member may be done by that member.",
                                 "Smoking is forbidden for any member whose badge is red.", "Ida is a member.",
                                 "Ida's badge is red."), "Smoking may be done by Ida.", gap="'smoking' as a thing"),
    E("any-free-choice", ("The fee is waived for any student whose income is below 100 dollars.", "Bo is a student.",
                          "Bo's income is 80 dollars."), "The fee is waived for Bo."),
    N("any-under-may-is-not-all", "Ann may eat any cake.", "Ann may eat every cake."),
    C("any-under-negation-is-some", "Ann did not eat any cake.", "Ann ate a cake."),
    # ---------------------------------------------------------------- unitless scores; unknown drug names
    C("scalar-noun-value", "Ann's score is 12.", "Ann's score is above 15."),
    E("unknown-word-as-object", ("Patients must not be given warfarin.", "Ann is a patient."),
      "Ann must not be given warfarin."),
    E("retained-object-tagged-adjective", "Ann was given apixaban.", "Ann was given something."),
    # ---------------------------------------------------------------- "only if": a necessary condition
    E("only-if-necessary", ("A permit is valid only if it is stamped by two officers.", "The pass is a permit.",
                            "The pass is valid."), "The pass is stamped by two officers."),
    C("only-if-modus-tollens", ("A permit is valid only if it is stamped by two officers.", "The pass is a permit.",
                                "The pass is not stamped by two officers."), "The pass is valid."),
    N("only-if-not-sufficient", ("A permit is valid only if it is stamped by two officers.", "The pass is a permit.",
                                 "The pass is stamped by two officers."), "The pass is valid."),
    C("only-when-name", ("Ann may vote only when she is 18 or older.", "Ann is 16 years old."), "Ann may vote."),
    N("only-when-name-old-enough", ("Ann may vote only when she is 18 or older.", "Ann is 30 years old."),
      "Ann may vote."),
    E("only-if-clauses", ("Ann swims only if Bo swims.", "Ann swims."), "Bo swims."),
    N("only-if-clauses-converse", ("Ann swims only if Bo swims.", "Bo swims."), "Ann swims."),
    C("only-if-definite-subject", ("The deed is valid only if Bo signs it.", "Bo does not sign the deed."),
      "The deed is valid."),
    # ---------------------------------------------------------------- infinitival noun complements name an activity
    C("noun-to-infinitive", ("A pledge to repay a debt is binding.", "Ann made a pledge to repay a debt."),
      "Ann's pledge is not binding.", gap="'Ann made a pledge' does not make it Ann's pledge"),
    C("noun-to-infinitive-rule", ("A pledge to repay a debt is not binding.", "The note is a pledge to repay a debt."),
      "The note is binding."),
    N("noun-to-infinitive-other-act", ("A pledge to repay a debt is not binding.",
                                       "The note is a pledge to sell a car."), "The note is binding."),
    N("noun-to-infinitive-is-no-act", "Ann made a pledge to repay a debt.", "Ann repaid a debt."),
    # ---------------------------------------------------------------- "no longer" is "not"
    C("no-longer-is-not", ("An offer that has been rejected can no longer be accepted.",
                           "The bid is an offer that has been rejected."), "The bid can be accepted."),
    # ---------------------------------------------------------------- gerund complements name an activity
    E("activity-gerund", ("A driver who is drunk is banned from driving.", "Bo is a driver.", "Bo is drunk."),
      "Bo is banned from driving."),
    N("activity-gerund-other", ("A driver who is drunk is banned from driving.", "Bo is a driver.", "Bo is drunk."),
      "Bo is banned from swimming."),
    N("activity-is-no-event", "Ann is responsible for repairing the heating.", "Ann repairs the heating."),
    # ---------------------------------------------------------------- non-intersective adjectives keep their complement
    N("good-at-is-not-good", "Ann is good at chess.", "Ann is good."),
    E("good-at-itself", "Ann is good at chess.", "Ann is good at chess."),
    E("asleep-in-is-asleep", "Ann is asleep in the car.", "Ann is asleep."),
    # ---------------------------------------------------------------- a reduced relative the tagger misreads
    C("mistagged-reduced-relative", ("A patient taking lithium must not be given ibuprofen.", "Ann is a patient.",
                                     "Ann takes lithium."), "Ann may be given ibuprofen."),
    N("mistagged-reduced-relative-other-drug", ("A patient taking lithium must not be given ibuprofen.",
                                                "Ann is a patient.", "Ann takes aspirin."),
      "Ann may be given ibuprofen."),
    # ---------------------------------------------------------------- a first-word name the tagger calls an adverb
    E("first-word-name-tagged-adverb", ("Lily is a child.", "Lily is 9 years old."), "Lily is a child who is 9."),
]


@pytest.mark.parametrize("case", CASES)
def test_entailment(system, case):
    case.check(system)


def test_either_and_neither_stay_refused(reader):
    """"Either/neither party" means one of two parties the context supplies: reading it as "any/no party at all"
    would assert more than the text says."""
    from tests.semantics._helpers import refusal

    assert refusal(reader, "A void deal cannot be enforced by either party.") == "determiner"
    assert refusal(reader, "Neither party may assign the lease.") == "determiner"


def test_negated_modal_passive_reads_universally(reader):
    f = str(read(reader, "A cancelled ticket cannot be refunded."))
    assert f.startswith("∀") and "¬" in f


def test_unless_negates_an_existential(reader):
    f = str(read(reader, "Ann may swim unless Ann has a cold."))
    assert f.startswith("¬(∃"), f


RULE_CASES = [
    # (rules, facts, question, expected label): present-simple rules with a restricted indefinite subject
    (["A member who misses three meetings loses the vote."], ["Ola is a member.", "Ola misses three meetings."],
     "Ola loses the vote.", "entailment"),
    (["A parcel whose weight is over 20 kg needs a label."], ["The box is a parcel.", "The weight of the box is 25 kg."],
     "The box needs a label.", "entailment"),
    (["A parcel whose weight is over 20 kg needs a label."], ["The box is a parcel.", "The weight of the box is 15 kg."],
     "The box needs a label.", "neutral"),
    (["A member loses the vote."], ["Ola is a member."], "Ola loses the vote.", "neutral"),
    (["A member who is late is leaving."], ["Ola is a member.", "Ola is late."], "Ola is leaving.", "neutral"),
]


@pytest.mark.parametrize("rules, facts, question, expected", RULE_CASES,
                         ids=["relative", "measure", "measure-below", "unrestricted", "progressive"])
def test_restricted_indefinites_are_rules_in_a_rule_base(system, rules, facts, question, expected):
    from nesy.rules import RuleBase

    v = RuleBase.from_list(rules, system=system).ask(question, facts=facts)
    assert v.label.value == expected and v.proved == (expected != "neutral"), v.trace.summary


def test_a_final_condition_after_a_relative_clause_is_refused(reader):
    """"… to a woman who could become pregnant unless she is on a programme": the parser hangs the condition on
    the relative clause; it may condition the whole rule, so neither attachment is guessed."""
    from tests.semantics._helpers import refusal

    assert refusal(reader, "Valproate must not be given to a woman who is fertile unless she uses contraception."
                   ) == "attachment"


def test_reduced_relative_expansion():
    from nesy.semantics import _expand_reduced_relative

    assert _expand_reduced_relative("A patient taking lithium must rest .") == \
        "A patient that is taking lithium must rest ."
    assert _expand_reduced_relative("The morning meeting starts .") is None
    assert _expand_reduced_relative("A dog is barking .") is None


def test_only_if_with_a_quantified_possessive_subject_is_refused(reader):
    """(∀x B(x)) → A is not what "A tenant's notice is valid only if it is signed" means."""
    from tests.semantics._helpers import refusal

    assert refusal(reader, "A tenant's notice is valid only if it is signed.") == "only if"
