"""Given names whose usual bearer's gender lets a pronoun find its antecedent ("Ann met Bob. She …").

A name not listed here is compatible with "he" and "she" alike; when that leaves a pronoun ambiguous the sentence
is refused rather than guessed. The lists are common given names across many languages, written for nesy.
"""

from __future__ import annotations

__all__ = ["FEMALE_NAMES", "MALE_NAMES", "name_gender"]

FEMALE_NAMES = frozenset("""
aaliyah abigail ada adele adriana agnes aisha alejandra alexandra alice alicia alina alison amal amanda amara amber
amelia amina amy ana anastasia andrea angela angelica anita ann anna anne annette annie antonia april ariana ashley
astrid aurora ava barbara beatrice bella bernadette beth betty bianca brenda bridget brittany camila carla carmen
carol caroline carolyn catherine cecilia celia charlotte chiara chloe christina christine cindy claire clara
claudia colleen cristina cynthia daisy dana daniela danielle daphne deborah debra denise diana diane dolores donna
dora doris dorothy edith elena eleanor elif elisa elizabeth ella ellen eloise elsa emilia emily emma erica erin
esther eva evelyn farah fatima fiona frances freya gabriela gemma georgia gina giulia gloria grace greta hana
hannah harriet hazel heather heidi helen helena hiba hilda holly ida ines ingrid irene iris irina isabel isabella
ivy jacqueline jade jana jane janet janice jasmine jean jennifer jenny jessica jill joan joanna jocelyn josephine
joy joyce judith judy julia julie june karen karin katarina kate katherine kathleen kathryn katie kelly kim
kimberly laila laura lauren layla lea leah leila lena leonie lily lina linda lisa lois lola lorena lori louise
lucia lucy luisa luna lydia mabel madeline maja malak mara margaret maria mariam marie marina marion marisa marta
martha mary maya megan mei melanie melissa mia michelle mila mildred mina miriam molly monica nadia nancy naomi
natalia natalie nina nisha noor nora norma olga olivia paige pamela patricia paula pauline penelope petra phoebe
phyllis priya rachel rana rebecca regina renee rita roberta rosa rose rosie ruby ruth sabrina sadie salma sally
samantha sandra sara sarah selma shannon sharon sheila shirley silvia sofia sonia sophia sophie stella stephanie
susan suzanne sylvia tamara tanya teresa theresa tina tracy ursula valentina valeria vanessa vera veronica
victoria violet virginia vivian wanda wendy yasmin yasmine yolanda yuki yvonne zara zoe zoey zeynep
""".split())

MALE_NAMES = frozenset("""
aaron abdul abraham adam adrian ahmed ahmet aiden alan albert alberto alejandro alex alexander alfred ali alvin
amir anders andre andrea_m andreas andrew angel angelo anthony antonio arjun arnold arthur august austin barry
ben benjamin bernard bill billy bob bobby boris brad bradley brandon brian bruce bruno bryan calvin cameron carl
carlos carlo charles charlie chris christian christopher clarence claude clifford colin connor craig curtis dan
daniel danny darren dave david dean dennis derek diego dmitri dominic don donald douglas duncan dylan eddie edgar
edward edwin elias elijah elliot emil emilio emmanuel enrique eric erik ernest ethan eugene evan felix fernando
finn francis francisco frank franklin fred frederick gabriel gareth gary gavin george gerald giovanni glenn gordon
graham greg gregory gus hamza hans harold harry harvey hassan hector henry herbert hiro howard hugo ian ibrahim
igor isaac ivan ivo jack jacob jake james jamie jan jason javier jay jeff jeffrey jeremy jerome jerry jesse jim
jimmy joe joel johan john johnny jon jonas jonathan jordan jorge jose joseph joshua juan julian julio justin kai
karim karl keith ken kenneth kevin khalid kurt kyle lars larry lawrence leo leon leonard leroy lewis liam lionel
logan lorenzo louis luca lucas luis luke magnus malcolm manuel marco marcus mario mark martin mason matt matteo
matthew max maxwell mehmet michael miguel mike milo mohamed mohammed muhammad nathan neil nick nicholas nicolas
nikolai noah norman olaf oliver omar oscar otto owen pablo patrick paul pedro percy peter philip phillip pierre
rafael rahul ralph ramon randy raul ray raymond reza ricardo richard rick rob robert roberto roger roland ron
ronald ross roy ruben rudolf russell ryan sam samir samuel scott sean sebastian sergei sergio seth simon stanley
stefan stephen steve steven sven tarek ted terry theo thomas tim timothy tobias todd tom tommy tony travis trevor
tyler umar victor vincent wade walter warren wayne william willie xavier yann yusuf zach zachary
""".split())


def name_gender(word: str) -> str | None:
    w = word.lower()
    if w in FEMALE_NAMES and w not in MALE_NAMES:
        return "female"
    if w in MALE_NAMES and w not in FEMALE_NAMES:
        return "male"
    return None
