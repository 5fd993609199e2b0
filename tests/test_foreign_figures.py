"""Figures, numbers and dates in other languages, on texts written for these tests (blank pipelines)."""
from __future__ import annotations

import pytest

from sitrep.extract.foreign import dates, figures, lexicon, pipeline
from sitrep.extract.foreign.numbers import parse_run
from sitrep.pipeline import _read_foreign
from sitrep.records import Article


def _figs(code, text):
    found = figures.read_figures(pipeline(code)(text), lexicon.load(code))
    return [(f.category, f.low, f.qualifier) for f in found]


@pytest.mark.parametrize("code, text, want", [
    ("fr", "L'attentat a fait au moins 60 morts et 145 blessés.", [("killed", 60, "at least"),
                                                                  ("injured", 145, None)]),
    ("fr", "Quatre-vingt-six personnes ont été tuées.", [("killed", 86, None)]),
    ("es", "Hubo al menos 60 muertos y decenas de heridos.", [("killed", 60, "at least"),
                                                             ("injured", 12, "dozens")]),
    ("es", "Murieron cincuenta y ocho personas.", [("killed", 58, None)]),
    ("es", "Las autoridades elevaron a 31 la cifra de muertos.", [("killed", 31, None)]),
    ("es", "La policía rebajó a 12 el número de fallecidos.", [("killed", 12, None)]),
    ("pt", "Pelo menos 12 pessoas morreram e 30 ficaram feridas.", [("killed", 12, "at least"),
                                                                     ("injured", 30, None)]),
    ("de", "Es gab mindestens 60 Tote und mehr als 100 Verletzte.", [("killed", 60, "at least"),
                                                                     ("injured", 100, "more than")]),
    ("de", "Die Zahl der Toten ist auf vier gestiegen.", [("killed", 4, None)]),
    ("it", "Ci sono almeno 60 morti e 12 feriti.", [("killed", 60, "at least"), ("injured", 12, None)]),
    ("it", "L'esplosione ha causato la morte di 9 persone.", [("killed", 9, None)]),
    ("ru", "Погибли не менее 60 человек.", [("killed", 60, "at least")]),
    ("ru", "Двадцать пять человек погибли, ранены сорок.", [("killed", 25, None), ("injured", 40, None)]),
    ("tr", "Patlamada 6 kişi öldü, 81 kişi yaralandı.", [("killed", 6, None), ("injured", 81, None)]),
    # reported speech: the verb takes a suffix ("that they were injured")
    ("tr", "Vali, 3 kişinin öldüğünü, 27 kişinin yaralandığını açıkladı.",
     [("killed", 3, None), ("injured", 27, None)]),
    ("nl", "Bij de aanslag vielen minstens 60 doden en 145 gewonden.", [("killed", 60, "at least"),
                                                                   ("injured", 145, None)]),
    ("nl", "Er kwamen zeker elf mensen om het leven en tientallen raakten gewond.",
     [("killed", 11, "at least"), ("injured", 12, "dozens")]),
    ("nl", "Het dodental is gestegen tot negen.", [("killed", 9, None)]),
    ("fi", "Iskussa kuoli ainakin 60 ihmistä ja 145 haavoittui.", [("killed", 60, "at least"),
                                                              ("injured", 145, None)]),
    ("fi", "Kaksikymmentäviisi ihmistä on kuollut ja kymmeniä loukkaantunut.",
     [("killed", 25, None), ("injured", 12, "dozens")]),
    ("fi", "Kuolonuhrien määrä on noussut 21:een.", [("killed", 21, None)]),
    ("hu", "A robbanásban legalább 60 ember meghalt és 145 megsebesült.", [("killed", 60, "at least"),
                                                                          ("injured", 145, None)]),
    ("hu", "Huszonhárom halott és tucatnyi sérült van, hatan kórházba kerültek.",
     [("killed", 23, None), ("injured", 12, "dozens"), ("hospitalized", 6, None)]),
    ("hu", "A támadásban 12-en vesztették életüket.", [("killed", 12, None)]),
    # a people noun the lists lack, between the number and its casualty word
    ("fr", "Trois paroissiens tués dans une église.", [("killed", 3, None)]),
    ("es", "Cuatro feligreses muertos y dos heridos.", [("killed", 4, None), ("injured", 2, None)]),
    ("is", "Að minnsta kosti 14 létust og 30 særðust í árásinni.", [("killed", 14, "at least"),
                                                              ("injured", 30, None)]),
    ("is", "Tuttugu og fimm manns eru látnir og tugir slasaðir.", [("killed", 25, None),
                                                               ("injured", 12, "dozens")]),
    ("is", "Tala látinna eftir sprenginguna í borginni er komin upp í sex.", [("killed", 6, None)]),
    ("is", "Níu til viðbótar særðust og þrír voru fluttir á sjúkrahús.",
     [("injured", 9, None), ("hospitalized", 3, None)]),
    # Arabic: the verb first, its figure after it; "at least" before or after the figure
    ("ar", "قتل ١٢ شخصا على الأقل وأصيب ٣٠ آخرون بجروح.", [("killed", 12, "at least"),
                                                        ("injured", 30, None)]),
    ("ar", "أسفر الهجوم عن مصرع خمسة وعشرين شخصا وإصابة العشرات.", [("killed", 25, None),
                                                                 ("injured", 12, "dozens")]),
    ("ar", "ارتفع عدد القتلى جراء التفجير إلى 14.", [("killed", 14, None)]),
    ("ar", "وأصيب أكثر من 200 شخص.", [("injured", 200, "more than")]),
    ("ar", "أدى الانفجار إلى مقتل شخصين.", [("killed", 2, None)]),
])
def test_foreign_figures_casualty_phrases(code, text, want):
    assert _figs(code, text) == want


@pytest.mark.parametrize("code, text", [
    ("fr", "Un homme de 45 ans a été arrêté en 2016."),  # an age and a year count nobody
    ("de", "Der 52-jährige Täter fuhr um 19 Uhr in die Menge."),
    ("es", "El concierto reunió a 22000 personas."),  # a crowd is not a casualty figure
    ("fi", "60-vuotias mies pidätettiin vuonna 2019."),  # an age written with its ending
    ("is", "Árásarmaðurinn, sem er 34 ára, var handtekinn árið 2021."),  # an age and a year
    ("ar", "توفي المهاجم البالغ من العمر 45 عاما في عام 2019."),  # an age and a year
    ("hu", "A 2016-ban történt támadás óta három halálos merénylet volt."),  # a year; attacks, not people
])
def test_foreign_figures_numbers_that_count_nobody(code, text):
    assert [f for f in _figs(code, text) if f[0] in ("killed", "injured")] == []


def test_foreign_figures_claim_and_authority():
    lex = lexicon.load("fr")
    doc = pipeline("fr")("Selon la préfecture, 12 personnes ont été tuées. Le groupe a revendiqué 40 morts.")
    got = figures.read_figures(doc, lex)
    assert [(f.low, f.attribution_kind) for f in got] == [(12, "authority"), (40, "claimant")]


@pytest.mark.parametrize("code, words, value", [
    ("ru", ["двадцать", "пять"], 25), ("ru", ["две", "тысячи"], 2000), ("tr", ["iki", "yüz", "elli"], 250),
    ("fr", ["vingt", "et", "un"], 21), ("de", ["einundzwanzig"], 21), ("fi", ["kolmekymmentäseitsemän"], 37),
    ("fi", ["kaksi", "tuhatta"], 2000), ("fi", ["12:een"], 12), ("hu", ["negyvenhét"], 47),
    ("hu", ["két", "ezer"], 2000), ("hu", ["145-en"], 145), ("is", ["tuttugu", "og", "þrír"], 23),
    ("is", ["tvö", "hundruð", "og", "fimmtíu"], 250), ("is", ["fjórum"], 4),
    ("ar", ["خمسة", "وعشرون"], 25), ("ar", ["ثلاثة", "آلاف"], 3000), ("ar", ["١٢"], 12),
])
def test_foreign_numbers_words(code, words, value):
    assert parse_run(words, lexicon.load(code))[0] == value


@pytest.mark.parametrize("code, text, published, want", [
    ("fr", "L'attaque a eu lieu le 14 juillet 2016 à Villeurbanne.", None, "2016-07-14"),
    ("fr", "Vendredi soir, un homme a ouvert le feu.", "2023-05-14", "2023-05-12"),
    ("es", "El ataque ocurrió ayer en la plaza.", "2022-08-07", "2022-08-06"),
    ("de", "Am 20. Dezember raste ein Auto in die Menge.", "2024-12-22", "2024-12-20"),
    ("ru", "Взрыв произошёл 22 марта.", "2024-03-23", "2024-03-22"),
    ("pt", "O ataque aconteceu em 3 de janeiro.", "2023-01-10", "2023-01-03"),
    ("nl", "De aanslag vond plaats op 7 augustus in Gent.", "2024-08-09", "2024-08-07"),
    ("nl", "Gisteravond opende een man het vuur op een terras.", "2022-06-05", "2022-06-04"),
    ("fi", "Räjähdys tapahtui 12. joulukuuta Oulussa.", "2025-12-14", "2025-12-12"),
    ("fi", "Poliisi kertoi, että ampuja avasi tulen torstaina.", "2021-04-10", "2021-04-08"),
    ("hu", "A merénylet 2019. május 7-én történt Szegeden.", "2019-05-09", "2019-05-07"),
    ("hu", "A robbanás december 12-én este történt.", "2025-12-14", "2025-12-12"),
    ("hu", "Tegnap este lövöldözés volt a belvárosban.", "2022-06-05", "2022-06-04"),
    ("es", "La explosión ocurrió el Domingo de Pascua en una iglesia.", "2024-04-03", "2024-03-31"),
    ("es", "El ataque del Viernes Santo dejó tres muertos.", "2023-04-10", "2023-04-07"),
    ("is", "Sprengingin varð 12. desember í miðbæ Selfoss.", "2025-12-14", "2025-12-12"),
    ("is", "Lögreglan segir að maðurinn hafi hafið skothríð á fimmtudagskvöld.", "2021-04-10", "2021-04-08"),
    ("is", "Maður réðst á vegfarendur með hnífi í gær.", "2022-06-05", "2022-06-04"),
    ("ar", "وقع الانفجار في 12 كانون الأول/ديسمبر في الموصل.", "2025-12-14", "2025-12-12"),
    ("ar", "وقع الهجوم يوم ١٣ نوفمبر ٢٠١٥ في باريس.", "2015-11-15", "2015-11-13"),
    ("ar", "أطلق مسلح النار على المارة يوم الخميس.", "2021-04-10", "2021-04-08"),
    ("ar", "قتل ثلاثة أشخاص أمس في انفجار.", "2022-06-05", "2022-06-04"),
])
def test_foreign_dates_resolved_against_publication(code, text, published, want):
    found = dates.extract_dates(text, lexicon.load(code), published=published)
    assert dates.event_date(found, published=published).date == want


def test_foreign_dates_recent_over_recalled():
    text = "Le pire attentat depuis le 11 septembre 2001 a frappé la ville le 13 novembre 2015."
    found = dates.extract_dates(text, lexicon.load("fr"), published="2015-11-14")
    assert dates.event_date(found, published="2015-11-14").date == "2015-11-13"


def test_foreign_dates_publication_day_where_the_text_writes_none():
    text = "Un homme a ouvert le feu devant une école, faisant deux morts selon la police."
    found = dates.extract_dates(text, lexicon.load("fr"), published="2023-05-14")
    got = dates.event_date(found, published="2023-05-14")
    assert (got.date, got.precision, got.relative, got.start) == ("2023-05-14", "day", True, -1)
    assert dates.event_date(found, published=None) is None  # nothing to date it by


def test_foreign_report_keeps_a_written_date_over_its_publication_day():
    art = Article.from_text("Lors de l'attaque du 3 mai à Lyon, deux personnes ont été tuées.",
                            published="2023-05-14", language="fr")
    assert _read_foreign([art])[0].main.date == "2023-05-03"
    undated = Article.from_text("Deux personnes ont été tuées par balles à Lyon, selon la police.",
                                published="2023-05-14", language="fr")
    assert _read_foreign([undated])[0].main.date == "2023-05-14"


def test_foreign_places_hungarian_adjective_where_no_name():
    from sitrep.extract.foreign import places

    lex, nlp = lexicon.load("hu"), pipeline("hu")
    # "az esti pécsi lövöldözés": the place only as a lower-case adjective
    got = places.extract_places(nlp("Két halottja van az esti pécsi lövöldözésnek."), lex)
    assert [(p.city, p.country) for p in got] == [("Pécs", "Hungary")]
    # a place named by its name wins over an adjective ("parti" is of a party, not of Perth)
    got = places.extract_places(nlp("A parti vezetője szerint Győrben hárman meghaltak."), lex)
    assert [p.city for p in got] == ["Győr"]


def test_foreign_places_icelandic_case_endings():
    from sitrep.extract.foreign import places

    lex, nlp = lexicon.load("is"), pipeline("is")
    # genitive after "miðborg" (city centre of), a dative country, a town introduced by "á"
    text = "Skotárás í miðborg Reykjavíkur. Tveir létust á Akureyri og í Frakklandi."
    got = places.extract_places(nlp(text), lex, stop_words=frozenset(nlp.Defaults.stop_words))
    assert [(p.city, p.country) for p in got] == [("Reykjavík", "Iceland"), ("Akureyri", "Iceland"),
                                                  (None, "France")]


def test_foreign_places_arabic_prefixes():
    from sitrep.extract.foreign import places

    lex, nlp = lexicon.load("ar"), pipeline("ar")
    # a script without capitals; "ب" (in) and "و" (and) written onto the name, "ال" kept
    text = "انفجار ببغداد وآخر بالموصل، وهجوم في ألمانيا."
    got = places.extract_places(nlp(text), lex, stop_words=frozenset(nlp.Defaults.stop_words))
    assert [(p.city, p.country) for p in got] == [("Baghdad", "Iraq"), ("Mosul", "Iraq"), (None, "Germany")]


def test_foreign_spanish_purpose_infinitive_is_no_background():
    # "para conmemorar" tells why a crowd gathered, not that the sentence recalls another time;
    # "la conmemoración del atentado" does
    text = ("La fiesta terminó en tragedia. Un camión atropelló a una multitud reunida en Málaga para "
            "conmemorar la fiesta nacional, dejando al menos 9 muertos y 20 heridos.")
    (report,) = _read_foreign([Article.from_text(text, language="es", published="2023-08-16")])
    assert report.main.totals == {"killed": 9, "injured": 20}
    text = ("Dos personas murieron en un tiroteo en Sevilla el 3 de agosto. En la conmemoración del atentado "
            "de 2019, que dejó 40 muertos, hubo un minuto de silencio.")
    (report,) = _read_foreign([Article.from_text(text, language="es", published="2023-08-05")])
    assert report.main.totals.get("killed") == 2


def test_foreign_places_alternate_name_biggest_town_first():
    from sitrep.extract.foreign import places

    lex, nlp = lexicon.load("ar"), pipeline("ar")
    # GeoNames gives "لندن" to London, Ontario and to London, England: the bigger is meant
    got = places.extract_places(nlp("انفجار في لندن."), lex, stop_words=frozenset(nlp.Defaults.stop_words))
    assert [(p.city, p.country_code) for p in got] == [("London", "GB")]


def test_foreign_places_arabic_common_words_are_no_towns():
    from sitrep.extract.foreign import places

    lex, nlp = lexicon.load("ar"), pipeline("ar")
    # "for the first time" (Laval), "and that" (Van), "the city" (Medina), "camp" (Mascara)
    text = "وقال إن انفجارا وقع في المدينة لأول مرة وأن هجوما استهدف معسكرا قرب الموصل."
    got = places.extract_places(nlp(text), lex, stop_words=frozenset(nlp.Defaults.stop_words))
    assert [p.city for p in got] == ["Mosul"]


@pytest.mark.parametrize("text", ["Le bilan est monté à 40 morts, a annoncé le préfet.",
                                  "Le bilan monte à 40 morts.",
                                  "Le bilan des victimes est montée à 40 morts."])
def test_french_toll_that_went_up_is_a_revision(text):
    found = figures.read_figures(pipeline("fr")(text), lexicon.load("fr"))
    assert [(f.category, f.low, f.revision) for f in found] == [("killed", 40, "up")]
