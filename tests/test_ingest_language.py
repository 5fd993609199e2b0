"""The cheap language guess: English news stays English; clear foreign prose is marked."""
from __future__ import annotations

import pytest

from sitrep.ingest.language import detect


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
])
def test_language_detect(text, lang):
    assert detect(text) == lang
