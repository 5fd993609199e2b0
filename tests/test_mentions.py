"""mentions.build_mentions: main incident first, history and other attacks kept apart."""
from __future__ import annotations

import pytest

from sitrep.extract.figures import extract_figures
from sitrep.extract.mentions import build_mentions
from sitrep.records import DateMention, EventType, Place

# Sentences from the seed articles (licensed for tests).
LEAD = ("A terror attack at a popular Moscow concert hall, Crocus City Hall, Friday evening local time "
        "left at least 60 dead and 145 injured.")
HISTORY = ("Friday's attack was the deadliest attack in Russia since the 2004 Beslan school siege by "
           "Islamist fundamentalists, which killed at least 334 people, roughly half of them children, and "
           "the deadliest in the Russian capital since the 2002 siege of a Moscow theater which resulted in "
           "more than 170 dead.")
BELGOROD = ("In the days leading up to the election, a series of missile strikes on the border region of "
            "Belgorod killed at least 5 civilians and forced the closure of schools and shopping malls.")


def _first_day(doc, dates, *, published, start=0, end=None):
    """A stand-in for dates.event_date: the first day-precision date inside [start, end)."""
    end = len(doc.text) if end is None else end
    return next((d for d in dates if start <= d.start < end and d.precision == "day"), None)


def _first_place(doc, places, *, start=0, end=None):
    """A stand-in for places.event_place: the first place inside [start, end)."""
    end = len(doc.text) if end is None else end
    return next((p for p in places if start <= p.start < end), None)


@pytest.fixture
def fake_stages():
    return {"event_date": _first_day, "event_place": _first_place}


@pytest.fixture(scope="module")
def sent_nlp():
    from sitrep import nlp as nlp_module

    nlp = nlp_module.blank()
    nlp.add_pipe("sentencizer")
    return nlp


def _date(text, doc_text, iso, precision):
    start = doc_text.index(text)
    return DateMention(text=text, start=start, end=start + len(text), date=iso, precision=precision)


def _build(doc, dates, places=()):
    figs = extract_figures(doc, article_id="a1")
    return build_mentions(doc, article_id="a1", figures=figs, dates=list(dates), places=list(places),
                          actors=[], event_type=EventType(label="armed assault"), published="2024-03-23",
                          event_date=_first_day, event_place=_first_place)


def test_mentions_history_figures_never_leak_into_main(sent_nlp, fake_stages):
    text = f"{LEAD} {HISTORY}"
    doc = sent_nlp(text)
    dates = [_date("Friday evening", text, "2024-03-22", "day"), _date("2004", text, "2004", "year"),
             _date("2002", text, "2002", "year")]
    place = Place(text="Crocus City Hall", start=text.index("Crocus"), end=text.index("Crocus") + 16,
                  venue="Crocus City Hall")
    found = _build(doc, dates, [place])
    main, refs = found[0], found[1:]
    assert main.main and main.id == "a1#0"
    assert main.totals["killed"] == 60 and main.totals["injured"] == 145
    assert all(f.low not in (334, 170) for f in main.figures)
    assert main.date == "2024-03-22" and main.place is place
    by_year = {m.date: m.totals.get("killed") for m in refs}
    assert by_year == {"2004": 334, "2002": 170}
    assert all(not m.main and m.id.startswith("a1#") for m in refs)


def test_mentions_two_histories_in_one_sentence_keep_their_own_places(sent_nlp, fake_stages):
    text = f"{LEAD} {HISTORY}"
    dates = [_date("Friday evening", text, "2024-03-22", "day"), _date("2004", text, "2004", "year"),
             _date("2002", text, "2002", "year")]

    def place(name, after=0):
        s = text.index(name, after)
        return Place(text=name, start=s, end=s + len(name), city=name)

    at = text.index("Russia", len(LEAD))
    russia = Place(text="Russia", start=at, end=at + 6, country="Russia", precision="country")
    moscow = place("Moscow", text.index("2002"))
    refs = {m.date: m.place for m in _build(sent_nlp(text), dates, [russia, moscow])[1:]}
    assert refs["2002"] is moscow  # "the 2002 siege of a Moscow theater"
    assert refs["2004"] is russia  # the Beslan siege is not placed in Moscow


def test_mentions_earlier_strikes_are_a_referenced_incident(sent_nlp, fake_stages):
    text = f"{LEAD} {BELGOROD}"
    found = _build(sent_nlp(text), [_date("Friday evening", text, "2024-03-22", "day")])
    assert found[0].totals["killed"] == 60
    assert [m.totals.get("killed") for m in found[1:]] == [5]


def test_mentions_main_always_has_killed_and_injured(sent_nlp, fake_stages):
    found = _build(sent_nlp("Police arrested two men after a robbery on Main Street."), [])
    assert found[0].totals == {"killed": 0, "injured": 0, "arrested": 2}


def test_mentions_no_incident_returns_nothing(sent_nlp, fake_stages):
    doc = sent_nlp("The city council met on Tuesday to discuss the budget.")
    assert build_mentions(doc, article_id="a1", figures=[], dates=[], places=[], actors=[],
                          event_type=EventType(), published=None, **fake_stages) == []


def test_mentions_an_attack_without_figures_is_still_an_incident(sent_nlp, fake_stages):
    doc = sent_nlp("Unknown perpetrators firebombed an armory in Melrose. There were no casualties.")
    date = DateMention(text="", start=-1, end=-1, date="1970-05-14", precision="day", relative=True)
    arson = EventType(gtd_attack_type="Facility/Infrastructure Attack")
    got = build_mentions(doc, article_id="a1", figures=[], dates=[date], places=[], actors=[],
                         event_type=arson, published=None, **fake_stages)
    assert len(got) == 1 and got[0].main


def test_mentions_an_earlier_month_is_another_incident(sent_nlp, fake_stages):
    kaluga = ("In February, the Russian secret service, FSB claimed that it had broken up an ISIS cell in "
              "Kaluga, a city southwest of Moscow, and killed two ISIS members from Central Asia.")
    text = f"{LEAD} {kaluga}"
    found = _build(sent_nlp(text), [_date("Friday evening", text, "2024-03-22", "day")])
    assert found[0].totals["killed"] == 60 and all(f.low != 2 for f in found[0].figures)
    ref = found[1]
    assert (ref.main, ref.date, ref.date_precision, ref.totals["killed"]) == (False, "2024-02", "month", 2)
    assert ref.figures[0].attribution == "FSB" and ref.figures[0].attribution_kind == "authority"


@pytest.mark.parametrize(
    ("text", "total", "share"),
    [
        ("Fatalities split between 2 events.", 57, 29),
        ("Unclear fatalities coded as 10 and spread between 3 locations.", 10, 3),
        ("Fatalities are split across 4 events (2).", 7, 2),
        ("Four people were killed in the raid.", 4, 4),
    ],
)
def test_mentions_split_share_of_a_total(text, total, share):
    from sitrep.extract.mentions import split_share

    assert split_share(text, total) == share


def test_mentions_date_without_written_year_is_the_event_year(sent_nlp):
    from sitrep.extract.mentions import background_sentences

    text = "10/15/2001: A letter bomb hit an office. Two clerks later died on October 23rd."
    doc = sent_nlp(text)
    main = _date("10/15/2001", text, "2001-10-15", "day")
    # a resolver that guessed the year before for a day after the event does not make it history
    later = _date("October 23rd", text, "2000-10-23", "day")
    assert background_sentences(doc, dates=[main, later], main_date=main, published=None) == {}
    written = DateMention(text="October 23, 2000", start=later.start, end=later.end, date="2000-10-23",
                          precision="day")
    got = background_sentences(doc, dates=[main, written], main_date=main, published=None)
    assert got == {1: "2000-10-23"}


def test_mentions_a_street_block_number_does_not_make_a_sentence_history(sent_nlp):
    from sitrep.extract.mentions import background_sentences

    text = ("Four people were shot near Bessemer. "
            "It happened around 5:25 p.m. Saturday in the 2000 block of Elm Street.")
    doc = sent_nlp(text)
    main = _date("Saturday", text, "2016-02-20", "day")
    assert background_sentences(doc, dates=[main], main_date=main, published="2016-02-22") == {}
    # the same sentence with a year of its own, another than the event's, still is history
    old = text.replace("Street.", "Street in 2004.")
    doc = sent_nlp(old)
    assert background_sentences(doc, dates=[_date("Saturday", old, "2016-02-20", "day")],
                                main_date=_date("Saturday", old, "2016-02-20", "day"),
                                published="2016-02-22") != {}


def test_mentions_a_round_up_of_the_day_does_not_set_the_main_toll(sent_nlp, fake_stages):
    text = ("One boy was killed late Wednesday by accidental gunfire in a home. "
            "Late Wednesday, at least eight people were killed and 12 wounded in Chicago shootings "
            "throughout the day.")
    found = _build(sent_nlp(text), [_date("late Wednesday", text, "2015-09-02", "day")])
    assert found[0].totals["killed"] == 1
    assert any(m.totals.get("killed") == 8 for m in found[1:])


@pytest.mark.slow
@pytest.mark.parametrize(("text", "referenced"), [
    # reported speech shifts the tense back: today's toll, not an earlier incident
    ("Six people were killed in a bomb blast in Qzxona on Sunday, officials said. "
     "The governor Ed Marsh said six people had been killed.", []),
    # the pluperfect of the narrator tells an earlier event
    ("Six people were killed in a bomb blast in Qzxona on Sunday. "
     "Two people had been shot on the same street before.", [{"injured": 2}]),
])
def test_mentions_reported_speech_in_the_pluperfect_is_the_main_incident(text, referenced):
    import sitrep

    report = sitrep.read(text, published="2024-06-02")
    assert report.main.totals["killed"] == 6
    assert [m.totals for m in report.mentions if not m.main] == referenced


@pytest.mark.parametrize(
    ("totals", "share"),
    [
        ({"killed": 6, "attackers_killed": 2}, {"killed": 4}),  # 8 split in 2: the victims first
        ({"killed": 1, "attackers_killed": 5}, {"killed": 1, "attackers_killed": 2}),
        ({"killed": 6}, {"killed": 3}),
    ],
)
def test_mentions_split_share_splits_everyone_victims_first(totals, share):
    from sitrep.extract.mentions import split_totals

    split_totals("Fatalities split between 2 events.", totals)
    assert totals == share
