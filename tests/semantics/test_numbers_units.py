"""Numbers and measures: units normalised to one base unit per dimension (mass in kg, length in m, durations in
seconds, ages in years, temperatures in °C, speeds in km/h), ages, rates, amounts, bounds."""

from __future__ import annotations

from fractions import Fraction

import pytest

from nesy.logic.fol import Num
from tests.semantics._helpers import C, E, N, cmps, fn_args, measure_names, pred_names, read, refusal


def _value(reader, sentence: str, dim: str) -> Fraction:
    """The number a sentence equates measure ``dim`` with."""
    f = read(reader, sentence)
    found = [c for c in cmps(f) if c.op == "=" and getattr(c.left, "name", None) == dim and isinstance(c.right, Num)]
    assert len(found) == 1, f"no single {dim} = number in {f}"
    return found[0].right.value


# --------------------------------------------------------------------------- formulas
@pytest.mark.parametrize("a, b, dim", [
    ("The dose is 500 mg.", "The dose is 0.5 grams.", "weight"),
    ("The pill weighs 500 mg.", "The pill weighs 0.5 grams.", "weight"),
    ("The pill weighs 500mg.", "The pill weighs 0.0005 kg.", "weight"),
    ("The road is 2 km long.", "The road is 2000 metres long.", "length"),
    ("The water is 40 °C.", "The water is 104 °F.", "temperature"),
    ("The water is 40°C.", "The water is 40 degrees Celsius.", "temperature"),
    ("The book costs $20.", "The book costs 20 dollars.", "price_usd"),
], ids=["mg-g-copula", "mg-g-verb", "glued-unit", "km-m", "celsius-fahrenheit", "degree-spellings", "dollar-sign"])
def test_units_are_normalised(reader, a, b, dim):
    assert _value(reader, a, dim) == _value(reader, b, dim)


def test_mass_is_in_kilograms(reader):
    assert _value(reader, "The dose is 500 mg.", "weight") == Fraction(1, 2000)


def test_ages_are_in_years(reader):
    assert _value(reader, "Ann is 72 years old.", "age") == 72
    assert _value(reader, "Ann is 18 months old.", "age") == Fraction(3, 2)
    assert _value(reader, "Ann is 72.", "age") == 72


def test_durations_are_in_seconds_on_the_event(reader):
    f = read(reader, "The trip lasted 2 hours.")
    (args,) = fn_args(f, "duration_duration")
    assert args[0].startswith("e")  # a measure of the event, not of the trip
    assert _value(reader, "Ann walked for two hours.", "duration_duration") == 7200


def test_speed_is_a_measure_of_the_driving_event(reader):
    f = read(reader, "Bob drove 130 km/h.")
    assert str(f) == "∃e1 (drive(e1) ∧ past(e1) ∧ agent(e1, bob) ∧ (speed(e1) = 130))"


def test_speed_units_are_normalised(reader):
    assert _value(reader, "Bob drove 130 km per hour.", "speed") == 130
    assert _value(reader, "Bob drove 10 m/s.", "speed") == 36


def test_currencies_are_separate_dimensions(reader):
    assert measure_names(read(reader, "The book costs 20 euros.")) == {"price_eur"}
    assert measure_names(read(reader, "The book costs 20 dollars.")) == {"price_usd"}


def test_amount_of_a_substance(reader):
    f = read(reader, "The patient received 500 mg of aspirin.")
    assert "aspirin(aspirin1)" in str(f) and "weight(aspirin1) = 0.0005" in str(f)


def test_rate_is_its_own_dimension(reader):
    assert measure_names(read(reader, "The rent is 900 euros a month.")) == {"eur_per_calendar"}


@pytest.mark.xfail(strict=True, reason="coverage: 'a 72-year-old woman' is refused (numeral: '72_year_old')")
def test_year_old_modifier_is_an_age(reader):
    assert _value(reader, "Ann is a 72-year-old woman.", "age") == 72


@pytest.mark.parametrize("sentence, dim", [("Bob is 1.8 m tall.", "height"), ("The pool is 2 m deep.", "depth")],
                         ids=["tall", "deep"])
def test_measure_phrase_is_the_dimension_and_no_positive_adjective(reader, sentence, dim):
    f = read(reader, sentence)
    assert not {"tall", "deep"} & pred_names(f)
    assert measure_names(f) == {dim}


def test_measure_phrase_in_centimetres(reader):
    f = read(reader, "The baby is 50 cm tall.")
    assert str(f) == "baby(the_baby) ∧ (height(the_baby) = 0.5)"


def test_large_counts_are_refused(reader):
    assert refusal(reader, "Twenty patients left.") == "large number of individuals"


# --------------------------------------------------------------------------- entailments
CASES = [
    E("age-bound-from-age", "Ann is 72 years old.", "Ann is older than 70."),
    C("age-bound-too-high", "Ann is 72 years old.", "Ann is older than 75."),
    C("age-vs-younger", "Ann is 72 years old.", "Ann is younger than 70."),
    E("age-in-months", "Ann is 72 years old.", "Ann is 864 months old."),
    E("months-to-years-bound", "Ann is 18 months old.", "Ann is older than 1."),
    C("months-to-years-bound-false", "Ann is 18 months old.", "Ann is older than 2."),
    E("bare-number-age", "Ann is 72.", "Ann is over 70."),
    C("bare-number-age-false", "Ann is 72.", "Ann is under 70."),
    E("or-older", "Ann is 30 or older.", "Ann is older than 25."),
    E("speed-bound", "Bob drove 130 km/h.", "Bob drove faster than 120 km/h."),
    N("speed-bound-too-high", "Bob drove 130 km/h.", "Bob drove faster than 140 km/h."),
    N("another-drive-may-be-slower", "Bob drove 130 km/h.", "Bob drove slower than 120 km/h."),
    E("speed-at", "Bob drove at 130 km/h.", "Bob drove faster than 120 km/h."),
    E("speed-across-units", "Bob drove at 100 km/h.", "Bob drove slower than 70 mph."),
    E("speed-limit", "The speed limit is 100 km/h.", "The speed limit is more than 90 km/h."),
    E("mg-to-g", "The dose is 500 mg.", "The dose is 0.5 grams."),
    C("mg-vs-other-g", "The dose is 500 mg.", "The dose is 0.6 grams."),
    E("weighs-mg-to-g", "The pill weighs 500 mg.", "The pill weighs 0.5 grams."),
    E("weighs-kg-to-g", "The box weighs 2 kg.", "The box weighs 2000 grams."),
    E("weighs-more-than", "Bob weighs 80 kg.", "Bob weighs more than 70 kg."),
    E("amount-of-substance", "The patient received 500 mg of aspirin.",
      "The patient received 0.5 grams of aspirin."),
    E("amount-bound", "The patient received 500 mg of aspirin.",
      "The patient received more than 400 mg of aspirin."),
    E("amount-drops", "The patient received 500 mg of aspirin.", "The patient received aspirin."),
    E("litres-to-ml", "Ann received 2 litres of water.", "Ann received 2000 ml of water."),
    E("hours-to-minutes", "The trip lasted 2 hours.", "The trip lasted 120 minutes."),
    N("hours-not-other-minutes", "The trip lasted 2 hours.", "The trip lasted 100 minutes."),
    E("duration-bound", "Ann walked for two hours.", "Ann walked for more than 100 minutes."),
    E("km-to-m", "The road is 2 km long.", "The road is 2000 metres long."),
    E("m-to-cm", "The rope is 2 m long.", "The rope is 200 cm long."),
    E("length-bound-across-units", "The rope is 2 m long.", "The rope is longer than 150 cm."),
    N("measure-is-not-positive-form", "The rope is 2 m long.", "The rope is long."),
    N("measure-is-not-tall", "The baby is 50 cm tall.", "The baby is tall."),
    N("metres-deep-is-not-deep", "The ditch is 1 m deep.", "The ditch is deep."),
    E("metres-deep-is-a-depth", "The ditch is 1 m deep.", "The ditch is 100 cm deep."),
    E("celsius-to-fahrenheit", "The water is 40 °C.", "The water is 104 °F."),
    E("temperature-bound-across-units", "The water is 40 °C.", "The water is hotter than 100 °F."),
    E("colder-than", "The fridge is 4 °C.", "The fridge is colder than 10 °C."),
    E("exceeds", "The temperature exceeds 40 °C.", "The temperature is over 35 °C."),
    C("exceeds-vs-value", "The temperature exceeds 40 °C.", "The temperature is 30 °C."),
    E("dollar-sign", "The book costs $20.", "The book costs 20 dollars."),
    E("price-bound", "The book costs $20.", "The book costs more than 15 dollars."),
    C("price-bound-false", "The book costs 20 dollars.", "The book costs more than 25 dollars."),
    N("dollars-are-not-euros", "The book costs 20 dollars.", "The book costs 20 euros."),
    E("thousands-separator", "The fee is 1,000 dollars.", "The fee is more than 999 dollars."),
    E("rate-bound", "The rent is 900 euros a month.", "The rent is more than 800 euros a month."),
    E("year-old-modifier", "Ann is a 72-year-old woman.", "Ann is older than 70.",
      gap="'a 72-year-old woman' is refused"),
    E("comparative-with-a-large-measure", "The box weighs 2 kg.", "The box weighs more than 1500 g.",
      gap="'more than 1500 g' is read as a count of 1501 individuals and refused"),
    E("unit-with-final-period", "The pill weighs 500 mg.", "The pill weighs 0.5 g.",
      gap="'0.5 g.' at the end of a sentence is tokenised as the abbreviation 'g.' and refused"),
]


@pytest.mark.parametrize("case", CASES)
def test_entailment(system, case):
    case.check(system)
