"""The foreign readers' rule families (data/rules.tsv), each on texts written for these tests, read with
the family on and off: the reading each rule prevents is shown happening without it."""
from __future__ import annotations

import pytest

from sitrep import rules
from sitrep.extract import foreign
from sitrep.extract.foreign import dates, lexicon


def _event_day(code: str, text: str) -> str | None:
    """The event date the reader gives a text published on an unknown day (the dates step alone)."""
    doc, lex = foreign.pipeline(code)(text), lexicon.load(code)
    found = dates.extract_dates(text, lex, published=None)
    hit = dates.event_date(found, published=None, background=foreign._recalled(doc, lex, found))
    return hit.date if hit else None


RECALLED = [
    ("es", "Es el ataque más grave desde el 3 de marzo de 2009. Un hombre armado mató a ocho personas el "
           "9 de mayo de 2020 en una discoteca de Córdoba.", "2009-03-03", "2020-05-09"),
    ("fr", "L'attaque, la plus meurtrière depuis le 13 novembre 2015, a fait sept morts le 2 juin 2023 "
           "à Grenoble.", "2015-11-13", "2023-06-02"),
    ("de", "Es ist der schwerste Anschlag seit dem 19. Dezember 2016: Am 4. Mai 2023 starben in Kassel "
           "fünf Menschen.", "2016-12-19", "2023-05-04"),
    ("it", "È la strage più grave dal 2 agosto 1980: il 6 maggio 2023 a Verona sono morte nove persone.",
     "1980-08-02", "2023-05-06"),
    ("pt", "O número de vítimas é superior ao do ataque de 7 de abril de 2011; em 3 de março de 2023 "
           "morreram nove pessoas em Curitiba.", "2011-04-07", "2023-03-03"),
    ("ru", "Это самый кровавый теракт с 3 апреля 2017 года: 5 мая 2023 года в Самаре погибли семь человек.",
     "2017-04-03", "2023-05-05"),
    ("tr", "12 Haziran 2016'dan bu yana en kanlı saldırıda 3 Mart 2023 tarihinde Konya'da 9 kişi öldü.",
     "2016-06-12", "2023-03-03"),
    ("nl", "Het is de zwaarste aanslag sinds 22 maart 2016: op 4 mei 2023 kwamen in Gent zes mensen om het "
           "leven.", "2016-03-22", "2023-05-04"),
    ("fi", "Isku on pahin sitten 19. elokuuta 2017. Turussa kuoli 4. toukokuuta 2023 kuusi ihmistä.",
     "2017-08-19", "2023-05-04"),
    ("hu", "2015. november 13. óta ez a legsúlyosabb merénylet: 2023. május 4-én hat ember meghalt Győrben.",
     "2015-11-13", "2023-05-04"),
    ("is", "Þetta er mannskæðasta árásin síðan 22. júlí 2011. Fimm létust 4. maí 2023 í Kópavogi.",
     "2011-07-22", "2023-05-04"),
    ("ar", "هذا أعنف هجوم منذ 11 سبتمبر 2001. قتل خمسة أشخاص في 4 مايو 2023 في حلب.",
     "2001-09-11", "2023-05-04"),
]


@pytest.mark.parametrize("code, text, recalled, event", RECALLED, ids=[r[0] for r in RECALLED])
def test_foreign_history_date_is_not_the_event(monkeypatch, code, text, recalled, event):
    monkeypatch.setenv(rules.ENV, "foreign-history-date")
    assert _event_day(code, text) == recalled  # without the rule: the first date written
    monkeypatch.delenv(rules.ENV)
    assert _event_day(code, text) == event


def test_foreign_history_date_alone_leaves_the_event_undated():
    # the only date is the one compared with: no date beats a wrong one (linking keys on dates)
    text = "El número de muertos, once, supera ya al del atentado del 11 de marzo de 2004 en Madrid."
    assert _event_day("es", text) is None
