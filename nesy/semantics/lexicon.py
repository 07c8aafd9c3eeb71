"""Closed-class words and word classes the semantics needs: what each means is decided here, in one place.

Open-class words (nouns, verbs, most adjectives) become predicates named by their lemma; only the words listed
here get special meanings. A word missing from a list gets the *weakest* reading its class allows (an unknown
adjective is subsective, an unknown adverb is refused), so a gap in the lexicon costs coverage, never soundness.
"""

from __future__ import annotations

from fractions import Fraction

# --------------------------------------------------------------------------- adjectives
#: Adjectives with an intersective meaning: "a red car" is red and a car; "a pregnant patient" is pregnant.
#: Colours, materials, nationalities and religions, shapes, physical and medical states, legal statuses.
INTERSECTIVE = frozenset("""
red orange yellow green blue purple violet pink brown black white grey gray golden silver beige turquoise
blond blonde brunette maroon navy crimson scarlet tan
wooden metal metallic plastic glass leather woolen woollen cotton silk stone concrete paper steel iron golden
american british english french german italian spanish chinese japanese indian russian canadian mexican irish
scottish welsh dutch swedish african european asian australian brazilian greek polish portuguese turkish korean
christian muslim jewish hindu buddhist catholic protestant
round square rectangular triangular oval circular spherical striped spotted checkered
asleep awake alive dead pregnant married single divorced widowed unmarried male female naked nude bald bearded
shirtless barefoot wet dry empty full open closed shut broken wounded injured sick ill healthy blind deaf
diabetic hypertensive allergic anaemic anemic obese feverish unconscious conscious
void voidable valid invalid enforceable unenforceable binding lawful unlawful illegal legal liable
licensed unlicensed insured uninsured registered unregistered employed unemployed
vegetarian vegan left_handed right_handed indoor outdoor underwater airborne online offline
electric digital manual automatic wireless frozen boiled fried raw cooked sliced chopped
""".split())

#: Non-subsective adjectives (privative and modal): "a former mayor", "a fake gun", "an alleged thief" need not be a
#: mayor, a gun, a thief. They give a predicate of their own ("former_mayor") and nothing about the noun.
NON_SUBSECTIVE = frozenset("""
former fake false alleged supposed so_called would_be potential possible probable likely putative presumed
apparent suspected self_proclaimed self_styled pseudo mock counterfeit forged imitation imaginary fictional
fictitious hypothetical virtual nominal erstwhile onetime one_time ex past future prospective intended expected
artificial toy model replica simulated faux ostensible purported reputed rumoured rumored seeming wannabe
theoretical quasi proposed planned designated acting interim disputed contested unconfirmed unproven
retired disbarred defrocked lapsed emeritus outgoing incoming elect
""".split())

#: Gradable adjectives with a measure: lemma → (dimension, direction). "taller" compares height upwards,
#: "shorter" downwards. Adjectives not listed compare on a dimension named after themselves ("more intelligent").
DEGREE: dict[str, tuple[str, int]] = {
    "tall": ("height", 1), "short": ("height", -1), "high": ("height", 1), "low": ("height", -1),
    "long": ("length", 1),
    "heavy": ("weight", 1), "light": ("weight", -1),
    "old": ("age", 1), "young": ("age", -1), "elderly": ("age", 1),
    "big": ("size", 1), "large": ("size", 1), "huge": ("size", 1), "small": ("size", -1), "little": ("size", -1),
    "tiny": ("size", -1),
    "fast": ("speed", 1), "quick": ("speed", 1), "slow": ("speed", -1),
    "hot": ("temperature", 1), "warm": ("temperature", 1), "cold": ("temperature", -1), "cool": ("temperature", -1),
    "wide": ("width", 1), "narrow": ("width", -1), "broad": ("width", 1),
    "thick": ("thickness", 1), "thin": ("thickness", -1),
    "deep": ("depth", 1), "shallow": ("depth", -1),
    "expensive": ("price", 1), "costly": ("price", 1), "cheap": ("price", -1), "inexpensive": ("price", -1),
    "rich": ("wealth", 1), "wealthy": ("wealth", 1), "poor": ("wealth", -1),
    "strong": ("strength", 1), "weak": ("strength", -1),
    "early": ("time", -1), "late": ("time", 1),
    "far": ("distance", 1), "near": ("distance", -1), "close": ("distance", -1),
    "loud": ("loudness", 1), "quiet": ("loudness", -1),
    "bright": ("brightness", 1), "dark": ("brightness", -1),
    "good": ("goodness", 1), "bad": ("goodness", -1),
    "happy": ("happiness", 1), "sad": ("happiness", -1),
    "busy": ("busyness", 1), "clever": ("cleverness", 1), "smart": ("cleverness", 1), "intelligent": ("intelligence", 1),
    "large_scale": ("size", 1),
}

#: Irregular comparative/superlative forms → (lemma, degree).
IRREGULAR_COMPARATIVES = {
    "better": "good", "best": "good", "worse": "bad", "worst": "bad", "further": "far", "farther": "far",
    "furthest": "far", "farthest": "far", "elder": "old", "eldest": "old", "less": "little", "least": "little",
    "more": "many", "most": "many",
}

#: Degree adverbs that keep the adjective's truth ("very tall" is tall); they add a predicate of their own.
VERIDICAL_DEGREE_ADVERBS = frozenset("""very extremely really quite highly fairly rather somewhat slightly pretty
incredibly exceptionally particularly especially truly unusually terribly seriously severely mildly moderately
completely totally fully entirely perfectly visibly clearly deeply strongly heavily badly too so personally
jointly severally legally medically clinically financially morally physically mentally""".split())

# --------------------------------------------------------------------------- adverbs
#: Adverbs that add nothing an entailment can lose: "Bob always/also/still sleeps" entails "Bob sleeps".
EMPTY_ADVERBS = frozenset("""always also too still just now currently presently actually indeed certainly surely
definitely really even again already yet then""".split())
#: Adverbs that do not preserve the truth of what they modify: the sentence is refused.
NON_VERIDICAL_ADVERBS = frozenset("""almost nearly hardly barely scarcely allegedly supposedly reportedly apparently
seemingly possibly probably perhaps maybe presumably likely unlikely virtually practically rarely seldom
sometimes often usually frequently occasionally generally normally typically mostly partly partially
approximately roughly about around only merely best better ideally preferably hopefully supposedly
theoretically nominally ostensibly""".split())

# --------------------------------------------------------------------------- quantifiers
#: Determiners and their quantifier kind. Numerals are read separately (``number_value``).
DETERMINERS = {
    "a": "some", "an": "some", "some": "some", "another": "some", "one": "some",
    "the": "the", "this": "the", "that": "the", "these": "the_pl", "those": "the_pl",
    "every": "every", "each": "every", "all": "every", "any": "any",
    "no": "no", "neither": "no_two", "either": "either", "both": "both",
    "most": "most", "many": "many", "few": "few", "several": "several", "various": "several", "numerous": "many",
    "much": "many",
}
#: Quantifier pronouns: word → (kind, person-restricted).
QUANT_PRONOUNS = {
    "someone": ("some", True), "somebody": ("some", True), "something": ("some", False),
    "everyone": ("every", True), "everybody": ("every", True), "everything": ("every", False),
    "anyone": ("any", True), "anybody": ("any", True), "anything": ("any", False),
    "nobody": ("no", True), "nothing": ("no", False), "noone": ("no", True), "none": ("no", False),
}
#: Nouns of quantity: "a group of people" is some people; "a lot of water" is some water.
QUANTITY_NOUNS = frozenset("""group crowd bunch number lot lots couple pair herd flock pack team set collection
handful dozen majority plenty variety range series couple""".split())

# --------------------------------------------------------------------------- numbers
_UNITS_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS_WORDS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
               "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
SPECIAL_NUMBERS: dict[str, Fraction] = {"dozen": Fraction(12), "half": Fraction(1, 2), "once": Fraction(1),
                                        "twice": Fraction(2), "a couple": Fraction(2)}


def number_value(word: str) -> Fraction | None:
    """The value of a numeral token ("72", "2.5", "1,000", "seventy", "twenty_two", "thirty-five"); None if none."""
    w = word.lower().replace(",", "").replace("_", "-").strip()
    if not w:
        return None
    try:
        return Fraction(w)
    except (ValueError, ZeroDivisionError):
        pass
    parts = [p for p in w.replace(" and ", " ").replace("-", " ").split() if p != "and"]
    if not parts:
        return None
    total, current = 0, 0
    for p in parts:
        if p in _UNITS_WORDS:
            current += _UNITS_WORDS[p]
        elif p in _TENS_WORDS:
            current += _TENS_WORDS[p]
        elif p in _SCALES:
            current = max(current, 1) * _SCALES[p]
            if _SCALES[p] >= 1000:
                total, current = total + current, 0
        elif p in SPECIAL_NUMBERS and len(parts) == 1:
            return Fraction(SPECIAL_NUMBERS[p])
        else:
            return None
    return Fraction(total + current)


#: Numeral modifiers: words before a numeral → comparison of the count or measure with it.
NUMERAL_MODIFIERS = {
    ("at", "least"): "≥", ("at", "most"): "≤", ("no", "more", "than"): "≤", ("no", "fewer", "than"): "≥",
    ("no", "less", "than"): "≥", ("more", "than"): ">", ("over",): ">", ("above",): ">", ("fewer", "than"): "<",
    ("less", "than"): "<", ("under",): "<", ("below",): "<", ("exactly",): "=", ("precisely",): "=",
    ("up", "to"): "≤", ("not", "more", "than"): "≤", ("not", "less", "than"): "≥", ("just", "over"): ">",
    ("just", "under"): "<", ("minimum", "of"): "≥", ("maximum", "of"): "≤", ("a", "minimum", "of"): "≥",
    ("a", "maximum", "of"): "≤",
}
#: Vague numeral modifiers: refused ("about five", "nearly ten", "almost 30").
VAGUE_NUMERAL_MODIFIERS = frozenset({"about", "around", "approximately", "roughly", "nearly", "almost", "some",
                                     "circa", "maybe", "perhaps"})

# --------------------------------------------------------------------------- units
#: unit word → (dimension, factor to the dimension's base unit, offset). Base units: metre, kilogram, second for
#: durations under a day, day for calendar spans, year for ages, litre, km/h, °C, each currency on its own.
UNITS: dict[str, tuple[str, Fraction, Fraction]] = {}


def _unit(dim: str, factor: object, *words: str, offset: object = 0) -> None:
    for w in words:
        UNITS[w] = (dim, Fraction(str(factor)), Fraction(str(offset)))


_unit("length", "0.001", "mm", "millimetre", "millimeter", "millimetres", "millimeters")
_unit("length", "0.01", "cm", "centimetre", "centimeter", "centimetres", "centimeters")
_unit("length", 1, "m", "metre", "meter", "metres", "meters")
_unit("length", 1000, "km", "kilometre", "kilometer", "kilometres", "kilometers")
_unit("length", "0.0254", "inch", "inches", "in.")
_unit("length", "0.3048", "foot", "feet", "ft")
_unit("length", "1609.344", "mile", "miles", "mi")
_unit("mass", "0.000001", "mg", "milligram", "milligrams", "milligramme", "milligrammes")
_unit("mass", "0.000000001", "mcg", "µg", "microgram", "micrograms")
_unit("mass", "0.001", "g", "gram", "grams", "gramme", "grammes")
_unit("mass", 1, "kg", "kilo", "kilos", "kilogram", "kilograms", "kilogramme", "kilogrammes")
_unit("mass", "0.45359237", "lb", "lbs", "pound_weight")
_unit("mass", 1000, "tonne", "tonnes", "ton", "tons")
_unit("volume", "0.001", "ml", "millilitre", "milliliter", "millilitres", "milliliters")
_unit("volume", 1, "l", "litre", "liter", "litres", "liters")
_unit("duration", 1, "second", "seconds", "sec", "secs", "s")
_unit("duration", 60, "minute", "minutes", "min", "mins")
_unit("duration", 3600, "hour", "hours", "hr", "hrs", "h")
_unit("span", 1, "day", "days")
_unit("span", 7, "week", "weeks")
_unit("calendar", 1, "month", "months")
_unit("calendar", 12, "year", "years", "yr", "yrs")
_unit("speed", "3.6", "metres_per_second", "meters_per_second")
_unit("speed", 1, "km/h", "kmh", "kph", "kilometres_per_hour", "kilometers_per_hour")
_unit("speed", "1.609344", "mph", "miles_per_hour")
_unit("temperature", 1, "°c", "celsius", "degrees_celsius", "°C", "c")
_unit("temperature", Fraction(5, 9), "°f", "fahrenheit", "degrees_fahrenheit", "°F", "f", offset=Fraction(-160, 9))
_unit("usd", 1, "$", "dollar", "dollars", "usd")
_unit("eur", 1, "€", "euro", "euros", "eur")
_unit("gbp", 1, "£", "pound", "pounds", "gbp")
_unit("percent", 1, "%", "percent", "per_cent")
_unit("rate_ml_min", 1, "ml/min", "ml_per_min", "ml/minute")
_unit("rate_mg_day", 1, "mg/day", "mg_per_day", "mg/d")
_unit("dose_mg_kg", 1, "mg_per_kg")
_unit("pressure", 1, "mmhg")
_unit("concentration_mmol", 1, "mmol/l", "mmol_per_l", "mmol")
_unit("count_bpm", 1, "bpm", "beats_per_minute")
_unit("alcohol_units", 1, "unit", "units")

#: Dimension of a measured quantity named by an adjective or verb with a measure phrase: "72 years old" → age.
MEASURE_ADJECTIVES = {"old": "age", "tall": "height", "high": "height", "long": "length", "wide": "width",
                      "deep": "depth", "heavy": "weight", "thick": "thickness", "far": "distance"}
#: Verbs whose object is a measure of the subject: "Bob weighs 80 kg" → weight(bob) = 80.
MEASURE_VERBS = {"weigh": "weight", "cost": "price", "measure": "size", "last": "duration", "earn": "income",
                 "drive": "speed", "travel": "speed", "run": "speed", "ride": "speed", "fly": "speed"}

# --------------------------------------------------------------------------- verbs
#: Verbs whose "to"-object is the recipient, as in the double-object form ("gave the dog a bone").
DATIVE_VERBS = frozenset("""give hand pass offer show tell sell lend loan send throw bring pay teach read write
feed award grant serve owe mail deliver prescribe administer promise assign allot donate leave bequeath
issue lease rent""".split())
#: Factive verbs: "X knows that S" entails S.
FACTIVE = frozenset("""know realise realize regret discover notice learn remember see understand recognise
recognize forget reveal prove confirm acknowledge admit""".split())
#: Non-factive attitude verbs: "X believes that S" says nothing about S.
NONFACTIVE = frozenset("""believe think say claim hope suspect fear doubt deny suppose assume guess expect wish
imagine dream feel argue insist suggest allege report announce state declare predict promise""".split())
#: Intensional transitive verbs: "Ann wants a unicorn" says nothing about there being one (Montague's "seek"). A name
#: or definite object is read as usual; a bare or "a"/"an" object names a kind (de dicto); any other is refused.
INTENSIONAL_VERBS = frozenset("""want need seek desire require expect imagine owe crave demand request fear lack
anticipate envisage envision foresee await""".split())
#: Verbs and predicate adjectives that can be said of a fact: ", which surprised Ann" may be about the whole clause.
FACT_SUBJECT_VERBS = frozenset("""surprise amaze astonish shock annoy upset please delight worry frighten scare
disappoint mean imply suggest show prove indicate explain cause lead result make help hurt matter bother irritate
anger impress embarrass confuse puzzle alarm concern trouble amuse relieve satisfy disturb reflect demonstrate
confirm contradict violate breach allow permit require justify trigger""".split())
FACT_PREDICATES = frozenset("""surprising unusual strange odd good bad true false unfortunate fortunate lucky
unlucky likely unlikely possible impossible important unfair fair illegal legal wrong right rare common normal
typical obvious clear interesting remarkable worrying sad""".split())
#: Reporting verbs beyond the attitude verbs above: a clause before a comma and one of these ("Bob left, Ann
#: replied") is what was reported, not a statement of its own (see syntax._splice).
REPORTING = frozenset("""tell add reply explain note write ask answer agree warn mention""".split())
#: Verbs that mean the negation of another with the same object: "lacks capacity" is "does not have capacity".
NEGATIVE_VERBS = {"lack": "have"}
#: Intensional verb + preposition: "looking for a unicorn", "waiting for a bus".
INTENSIONAL_PREP_VERBS = frozenset("""look search hunt wait ask hope wish pray long call apply prepare plan listen
watch""".split())
#: Implicative verbs with a "to" complement: +1 entails the complement, -1 its negation.
IMPLICATIVE = {"manage": 1, "remember": 1, "happen": 1, "bother": 1, "dare": 1, "get": 1, "fail": -1, "forget": -1,
               "neglect": -1, "omit": -1}
#: Verbs whose plural subject acts collectively ("Ann and Bob met" is not "Ann met"): refused with coordination.
COLLECTIVE_VERBS = frozenset("""meet gather marry collide disperse assemble unite separate scatter congregate
cooperate agree fight kiss hug differ lift carry move push pull build surround share form raise hoist drag
own buy rent lease found establish organise organize win lose elect outnumber""".split())

# --------------------------------------------------------------------------- modality
#: Modal words → (force, flavour). Force "nec" (□) or "pos" (◇); "must" and "may" are duals of one flavour.
MODALS = {
    "must": ("nec", "deontic"), "shall": ("nec", "deontic"), "should": ("nec", "advice"),
    "ought": ("nec", "advice"), "may": ("pos", "deontic"), "can": ("pos", "deontic"), "could": ("pos", "epistemic"),
    "might": ("pos", "epistemic"), "will": ("fut", ""), "would": ("pos", "epistemic"), "'ll": ("fut", ""),
    "wo": ("fut", ""), "ca": ("pos", "deontic"), "need": ("nec", "deontic"),
}
#: Multi-word modals: "have to V", "be required to V", "be allowed to V" …  lemma → (force, flavour, negated).
MODAL_VERBS = {
    "have": ("nec", "deontic"), "require": ("nec", "deontic"), "oblige": ("nec", "deontic"),
    "obligate": ("nec", "deontic"), "need": ("nec", "deontic"), "allow": ("pos", "deontic"),
    "permit": ("pos", "deontic"), "entitle": ("pos", "deontic"), "forbid": ("nec_not", "deontic"),
    "prohibit": ("nec_not", "deontic"), "ban": ("nec_not", "deontic"),
}

# --------------------------------------------------------------------------- reference
TITLES = {"dr": None, "dr.": None, "doctor": None, "prof": None, "prof.": None, "professor": None,
          "mr": "male", "mr.": "male", "mister": "male", "sir": "male", "lord": "male",
          "ms": "female", "ms.": "female", "mrs": "female", "mrs.": "female", "miss": "female", "madam": "female",
          "dame": "female", "lady": "female", "judge": None, "justice": None, "nurse": None, "officer": None,
          "captain": None, "president": None, "senator": None, "sister": "female", "brother": "male"}
MALE_NOUNS = frozenset("""man men boy boys father husband son brother king prince uncle nephew grandfather
gentleman guy male sir monk priest actor waiter businessman policeman fireman sportsman""".split())
FEMALE_NOUNS = frozenset("""woman women girl girls mother wife daughter sister queen princess aunt niece
grandmother lady female actress waitress nun businesswoman policewoman sportswoman""".split())
PERSON_NOUNS_HINT = frozenset("""person people patient doctor nurse driver tenant landlord employee employer
student teacher child baby adult minor lawyer judge surgeon pharmacist buyer seller customer client worker
officer resident citizen member owner user player singer dancer chef cook farmer cousin sister brother mother
father son daughter wife husband friend neighbour neighbor colleague partner parent uncle aunt grandfather
grandmother boy girl man woman baby infant toddler teenager applicant candidate witness defendant victim guest
visitor passenger pilot employee worker manager director judge juror voter pupil athlete runner swimmer""".split())
PRONOUNS = {
    "he": ("male", "sg"), "him": ("male", "sg"), "his": ("male", "sg"), "himself": ("male", "sg"),
    "she": ("female", "sg"), "her": ("female", "sg"), "hers": ("female", "sg"), "herself": ("female", "sg"),
    "it": ("thing", "sg"), "its": ("thing", "sg"), "itself": ("thing", "sg"),
    "they": (None, "pl"), "them": (None, "pl"), "their": (None, "pl"), "theirs": (None, "pl"),
    "themselves": (None, "pl"),
}
#: Nouns that name an unspecified individual: "all red things", "someone who" — no predicate of their own in the
#: directional reading; a person restriction for the person words elsewhere.
GENERIC_HEADS = frozenset({"thing", "one", "individual", "entity", "object", "creature"})
PERSON_HEADS = frozenset({"person", "people", "someone", "somebody", "everyone", "everybody", "anyone", "anybody",
                          "nobody", "noone"})

#: Nouns ending in -s that are singular (or have no singular): the lemmatizer strips their -s in some contexts.
SINGULAR_S_NOUNS = frozenset("""diabetes herpes rabies measles mumps scabies rickets shingles tetanus lupus
psoriasis sepsis tuberculosis arthritis hepatitis meningitis cirrhosis thrombosis osteoporosis mellitus
insipidus news physics mathematics economics ethics politics genetics series species""".split())

#: Adjectives whose bare complement names a kind: "allergic to penicillin" is allergic to any penicillin.
KIND_ADJECTIVES = frozenset("""allergic intolerant hypersensitive sensitive resistant immune susceptible afraid
scared fearful fond""".split())

#: Nouns of unitless quantities: "the INR is 6.2" gives the INR's value, not an age.
SCALAR_NOUNS = frozenset("""inr score ratio index bmi grade rating level count value reading percentile
quotient scale""".split())
