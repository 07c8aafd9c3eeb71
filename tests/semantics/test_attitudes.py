"""Attitudes and clausal complements: factive verbs assert their complement, non-factive ones do not; the
complement is an opaque proposition (nothing is inferred inside it); implicative verbs ("manage", "fail",
"forget to") entail their complement or its negation; desire and effort verbs ("want", "try") do not."""

from __future__ import annotations

import pytest

from tests.semantics._helpers import C, E, N, atoms, read, roles


# --------------------------------------------------------------------------- formulas
def test_non_factive_attitude_is_an_event_with_a_content(reader):
    f = read(reader, "Ann believes that Bob is guilty.")
    r = roles(f, "believe")
    assert r["agent"] == {"ann"}
    (prop,) = r["content"]
    assert prop.startswith("that_")
    assert "guilty(bob)" not in atoms(f)


def test_factive_attitude_also_asserts_its_complement(reader):
    f = read(reader, "Ann knows that Bob is guilty.")
    assert "guilty(bob)" in atoms(f)
    assert "content" in roles(f, "know")


def test_same_complement_same_proposition(reader):
    a = roles(read(reader, "Ann believes that Bob is guilty."), "believe")["content"]
    b = roles(read(reader, "Carl knows that Bob is guilty."), "know")["content"]
    assert a == b


def test_opaque_infinitive(reader):
    f = read(reader, "Ann wants to win the race.")
    assert "win" not in {a.split("(")[0] for a in atoms(f)}
    assert "content" in roles(f, "want")


def test_implicative_gives_the_complement(reader):
    f = read(reader, "Ann managed to open the door.")
    assert roles(f, "open")["agent"] == {"ann"}
    assert "manage" not in {a.split("(")[0] for a in atoms(f)}


# --------------------------------------------------------------------------- entailments
CASES = [
    N("believe-not-veridical", "Ann believes that Bob is guilty.", "Bob is guilty."),
    N("believe-not-anti-veridical", "Ann believes that Bob is guilty.", "Bob is not guilty."),
    N("say-not-veridical", "Ann said that Bob is guilty.", "Bob is guilty."),
    N("hope-not-veridical", "Ann hopes that Bob is happy.", "Bob is happy."),
    N("doubt-not-negative", "Ann doubts that Bob is guilty.", "Bob is not guilty."),
    E("know-veridical", "Ann knows that Bob is guilty.", "Bob is guilty."),
    C("know-vs-negation", "Ann knows that Bob is guilty.", "Bob is not guilty."),
    E("discover-veridical", "Ann discovered that Bob is guilty.", "Bob is guilty."),
    E("regret-veridical", "Ann regrets that Bob left the party.", "Bob left the party."),
    E("same-belief", "Ann believes that Bob is guilty.", "Ann believes that Bob is guilty."),
    E("pronoun-in-complement", "Ann thinks that she is tall.", "Ann thinks that Ann is tall."),
    N("no-inference-inside-belief", "Ann believes that Bob is guilty.", "Ann believes that someone is guilty."),
    N("no-weakening-inside-belief", "Ann believes that Bob is very guilty.", "Ann believes that Bob is guilty."),
    N("knowing-is-not-believing", "Ann knows that Bob is guilty.", "Ann believes that Bob is guilty."),
    N("claim-is-not-say", "Ann claims that Bob is guilty.", "Ann said that Bob is guilty."),
    E("manage", "Ann managed to open the door.", "Ann opened the door."),
    E("remember-to", "Ann remembered to lock the door.", "Ann locked the door."),
    E("fail", "Ann failed to open the door.", "Ann did not open the door."),
    C("forget-to", "Ann forgot to lock the door.", "Ann locked the door."),
    C("not-manage", "Ann did not manage to open the door.", "Ann opened the door."),
    N("want-not-veridical", "Ann wants to win the race.", "Ann wins the race."),
    N("try-not-veridical", "Ann tried to open the door.", "Ann opened the door."),
    N("want-object-is-intensional", "Ann wants a unicorn.", "There is a unicorn.", refused_ok=True),
    N("seek-object-is-intensional", "Ann is looking for a unicorn.", "There is a unicorn.", refused_ok=True),
    N("need-object-is-intensional", ("Every patient needs a donor.", "Bob is a patient."), "There is a donor.",
      refused_ok=True),
    N("wait-for-is-intensional", "Ann is waiting for a bus.", "A bus exists.", refused_ok=True),
    # a bare noun object of an intensional verb names a kind: the same kind again, never an instance
    E("bare-kind-object-repeats", ("Every tenant who breaches the lease owes damages.", "Bob is a tenant.",
                                   "Bob breaches the lease."), "Bob owes damages."),
    N("bare-kind-object-no-instance", "Bob owes damages.", "There are damages."),
    N("bare-kind-object-no-instance-need", "Ann needs help.", "Ann has help."),
    N("bare-kind-object-modifier-not-dropped", "Ann needs legal advice.", "Ann needs medical advice."),
    # an indefinite object of an intensional verb, read de dicto: a kind again, never an instance, never widened
    E("de-dicto-indefinite-repeats", ("Every driver needs a licence.", "Bob is a driver."), "Bob needs a licence."),
    E("de-dicto-of-complement", ("Every lawyer owes a duty of confidentiality to each of their clients.",
                                 "Ms. Reyes is a lawyer.", "Mr. Okoye is one of Ms. Reyes's clients."),
      "Ms. Reyes owes a duty of confidentiality to Mr. Okoye."),
    C("de-dicto-negated", "Bob needs a permit.", "Bob does not need a permit."),
    N("de-dicto-no-instance", "Bob needs a permit.", "Bob has a permit."),
    N("de-dicto-no-existence", "Ann wants a car.", "There is a car."),
    N("de-dicto-modifier-not-dropped", "Bob needs a red permit.", "Bob needs a permit."),
    N("de-dicto-singular-not-plural", "Bob needs a permit.", "Bob needs permits."),
    N("de-dicto-other-kind", "Bob needs a permit.", "Bob needs a licence."),
    N("de-dicto-numeral-refused", "Bob needs two permits.", "Bob needs a permit.", refused_ok=True),
    E("want-definite-object-is-read", "Ann wants the red car.", "Ann wants the car."),
    E("look-for-definite-object-is-read", "Ann is looking for her keys.", "Ann is looking for something."),
    E("factive-under-negation", "Ann does not know that Bob is guilty.", "Bob is guilty.",
      gap="the factive presupposition does not project out of negation"),
]


@pytest.mark.parametrize("case", CASES)
def test_entailment(system, case):
    case.check(system)
