"""Date extraction and the event date, on hand-written sentences (tokenizer-only Docs)."""
from __future__ import annotations

import pytest

from sitrep.extract.dates import event_date, extract_dates


def _dates(blank_nlp, text, published=None):
    doc = blank_nlp(text)
    return doc, extract_dates(doc, published=published)


def _event_day(blank_nlp, text, published):
    """The event date ``event_date`` gives for ``text`` published on ``published``."""
    doc, ds = _dates(blank_nlp, text, published)
    return event_date(doc, ds, published=published).date


def test_dates_friday_relative_to_saturday_publication(blank_nlp):
    doc, ds = _dates(blank_nlp, "Gunmen opened fire at the concert hall on Friday evening.", "2024-03-23")
    got = [(d.text, d.date, d.precision, d.relative) for d in ds]
    assert got == [("Friday evening", "2024-03-22", "day", True)]
    assert event_date(doc, ds, published="2024-03-23").date == "2024-03-22"


@pytest.mark.parametrize("text", [
    "The town grew fast in the 2000s.",
    "He was serving a six-year sentence.",
    "The 2004 budget was cut by 20 percent.",
])
def test_dates_invented_date_traps_give_nothing(blank_nlp, text):
    _, ds = _dates(blank_nlp, text, "2016-01-10")
    assert [d for d in ds if d.precision == "day"] == []


def test_dates_month_day_without_year_takes_the_past(blank_nlp):
    _, ds = _dates(blank_nlp, "The shooting happened Dec. 13 near the store.", "2016-01-05")
    assert ds[0].date == "2015-12-13" and ds[0].relative


def test_dates_absolute_forms(blank_nlp):
    _, ds = _dates(blank_nlp, "On 4 May 2020, a market was shelled. On March 22, 2024 a hall burned. "
                              "It was first built in 2004.")
    got = [(d.date, d.precision) for d in ds]
    assert got == [("2020-05-04", "day"), ("2024-03-22", "day"), ("2004", "year")]


def test_dates_numeric_opening_wins_over_weekday(blank_nlp):
    doc, ds = _dates(blank_nlp, "05/01/2010: On Saturday evening, a vendor reported a smoking car bomb.")
    best = event_date(doc, ds, published=None)
    assert best.text == "05/01/2010" and best.date == "2010-05-01"


def test_dates_unknown_day_gives_month_precision(blank_nlp):
    _, ds = _dates(blank_nlp, "5/0/1970: A store was bombed.")
    assert (ds[0].date, ds[0].precision) == ("1970-05", "month")


def test_dates_report_date_ranks_below_event_date(blank_nlp):
    doc, ds = _dates(blank_nlp, "As reported on 29 April 2020, gunmen killed a farmer on 27 April 2020.")
    assert ds[0].relative  # the report date is flagged
    assert event_date(doc, ds, published=None).date == "2020-04-27"


def test_dates_relative_without_publication_uses_text_anchor(blank_nlp):
    _, ds = _dates(blank_nlp, "A man was shot Friday. The statement was dated Sunday, January 17, 2016.")
    assert ds[0].date == "2016-01-15"


def test_dates_relative_without_any_anchor_stays_unresolved(blank_nlp):
    _, ds = _dates(blank_nlp, "A man was shot yesterday.")
    assert ds[0].date is None and ds[0].relative


def test_dates_future_and_history_are_not_the_event(blank_nlp):
    text = "His trial is set for March 22, 2016. Police said he shot two men last night."
    assert _event_day(blank_nlp, text, "2015-12-20") == "2015-12-19"


def test_dates_publication_line_is_not_the_event(blank_nlp):
    text = "At least 60 dead\nClara Weiss\n23 March 2024\nGunmen opened fire on Friday evening."
    assert _event_day(blank_nlp, text, "2024-03-23") == "2024-03-22"


def test_dates_published_weekday_line_is_a_report_date(blank_nlp):
    text = "A man was shot Tuesday night. (Published Wednesday, Jan. 4, 2017)"
    doc, ds = _dates(blank_nlp, text, "2017-01-04")
    assert [d.relative for d in ds if d.text.startswith("Jan.")] == [True]
    assert event_date(doc, ds, published="2017-01-04").date == "2017-01-03"


def test_dates_no_date_in_text_falls_back_to_publication_day(blank_nlp):
    doc, ds = _dates(blank_nlp, "A man was shot outside a store, police said.", "2016-02-03")
    ev = event_date(doc, ds, published="2016-02-03")
    assert (ev.date, ev.start, ev.relative) == ("2016-02-03", -1, True)
    doc, ds = _dates(blank_nlp, "A man was shot outside a store, police said.")
    assert event_date(doc, ds, published=None) is None


def test_dates_year_of_publication_ranks_below_report_day(blank_nlp):
    text = "Updated: Mar 15, 2016\n\nPolice are investigating the 12th shooting in 2016 in the city."
    assert _event_day(blank_nlp, text, "2016-03-15") == "2016-03-15"


def test_dates_day_a_statement_was_made_is_not_the_event(blank_nlp):
    text = ("A woman was fatally shot by a hunter, authorities said Wednesday. The sheriff said "
            "the woman died Tuesday in an apparent hunting accident.")
    assert _event_day(blank_nlp, text, "2016-11-23") == "2016-11-22"
    text = "Authorities Saturday said two people were killed. Gunmen opened fire on Friday."
    assert _event_day(blank_nlp, text, "2013-09-21") == "2013-09-20"


def test_dates_possessive_day_after_said_is_still_the_event(blank_nlp):
    text = "Police said Friday's shooting left two people dead."
    assert _event_day(blank_nlp, text, "2016-11-26") == "2016-11-25"


def test_dates_time_of_day_before_or_after_is_not_history(blank_nlp):
    text = ("The shooting was the third this month. "
            "Shots that killed one man were fired just before midnight Friday.")
    assert _event_day(blank_nlp, text, "2013-09-21") == "2013-09-20"


def test_dates_as_of_is_a_report_time_and_a_vigil_can_be_the_venue(blank_nlp):
    text = ("A girl was shot Sunday night near the park. As of Monday morning, investigators said "
            "they still did not know who fired the shots.")
    assert _event_day(blank_nlp, text, "2016-11-07") == "2016-11-06"
    text = ("Police in Ohio say people opened fire on a vigil held to remember a man slain in 2014. "
            "A man was fatally shot Thursday night at the vigil. Travis was found dead on July 14, 2014.")
    assert _event_day(blank_nlp, text, "2016-07-15") == "2016-07-14"


@pytest.mark.slow
def test_dates_sentence_bounds_come_from_the_parse(nlp):
    # "p.m. Friday" must not cut the sentence before the day: the day belongs with "responded".
    text = ("Police announced Saturday morning they are investigating a shooting that left two people "
            "dead. Officers say they responded to a home on Whispering Hills Drive around 7:40 p.m. Friday.")
    doc = nlp(text)
    ds = extract_dates(doc, published="2017-02-04")
    assert event_date(doc, ds, published="2017-02-04").date == "2017-02-03"


def test_dates_without_publication_date_weekdays_count_from_the_first_full_date(blank_nlp):
    text = ("05/30/2009 - On Saturday, gunmen shot a farmer in Qzxville. "
            "Three men were arrested on 06/12/2009 in connection with the attack.")
    doc, ds = _dates(blank_nlp, text)
    assert [d.date for d in ds if d.text == "Saturday"] == ["2009-05-30"]
    assert event_date(doc, ds, published=None).date == "2009-05-30"


@pytest.mark.parametrize(("text", "expected"), [
    ("Two men were shot three days ago near the store.", ("three days ago", "2024-03-20")),
    ("The blast happened a week ago, police said.", ("a week ago", "2024-03-16")),
])
def test_dates_ago_reads_number_words(blank_nlp, text, expected):
    """The "ago" reader's words come from data/lang/en/number_words.tsv ("a" and "an" to "ten")."""
    _, ds = _dates(blank_nlp, text, "2024-03-23")
    assert [(d.text, d.date) for d in ds] == [expected]


def test_dates_ago_reads_no_vague_or_large_word(blank_nlp):
    _, ds = _dates(blank_nlp, "It happened several days ago, and eleven years ago.", "2024-03-23")
    assert ds == []


def test_dates_weekday_after_a_lagging_stamp_is_the_next_day(blank_nlp):
    # stamped Tuesday 16 June; the story tells of Tuesday and of Wednesday, the day after the stamp
    text = ("A man turned himself in to police Wednesday, officials said. "
            "The shooting was reported Tuesday afternoon.")
    _, ds = _dates(blank_nlp, text, "2015-06-16")
    got = [(d.text, d.date) for d in ds]
    assert got == [("Wednesday", "2015-06-17"), ("Tuesday afternoon", "2015-06-16")]


def test_dates_last_weekday_still_looks_back_a_week(blank_nlp):
    _, ds = _dates(blank_nlp, "The store was robbed last Wednesday.", "2015-06-16")
    assert [d.date for d in ds] == ["2015-06-10"]


def test_dates_weekday_after_a_date_in_the_text_is_not_moved(blank_nlp):
    # no publication stamp: weekdays count back from the text's first full date, as before
    _, ds = _dates(blank_nlp, "On June 16, 2015 police said the man fled on Wednesday.")
    assert [d.date for d in ds] == ["2015-06-16", "2015-06-10"]


def test_dates_street_block_number_is_not_a_year(blank_nlp):
    doc, ds = _dates(blank_nlp, "It happened around 5:25 p.m. Saturday in the 2000 block of Elm Street.",
                     "2016-02-22")
    assert [(d.text, d.date) for d in ds] == [("Saturday", "2016-02-20")]


def test_dates_the_day_after_a_lagging_stamp_yields_to_the_event_day(blank_nlp):
    # stamped Tuesday: Wednesday is when the story was written, Tuesday night the shooting
    text = ("Deputies blanketed a neighbourhood Wednesday and found a gun they believe was used "
            "to shoot a boy Tuesday night.")
    assert _event_day(blank_nlp, text, "2015-11-24") == "2015-11-24"
    # alone, the next day still dates the story
    assert _event_day(blank_nlp, "A teenager was shot Friday.", "2015-11-26") == "2015-11-27"


def test_dates_a_bare_after_keeps_the_event_day(blank_nlp, monkeypatch):
    # "shot Tuesday night after an argument": Tuesday is the shooting's day, not history
    text = ("Police say a man was shot Tuesday night after an argument outside a bar. "
            "On Wednesday officers found the gun used in the shooting.")
    assert _event_day(blank_nlp, text, "2015-06-17") == "2015-06-16"
    monkeypatch.setenv("SITREP_DISABLE_RULES", "date-after-clause")
    assert _event_day(blank_nlp, text, "2015-06-17") == "2015-06-17"


def test_dates_a_stretch_of_time_before_after_is_still_history(blank_nlp):
    # "Friday, two days after a shooting": Friday is two days on; the shooting was Wednesday
    text = ("The school remained closed Friday, two days after a shooting there. "
            "A gunman opened fire at the school Wednesday morning, police said.")
    assert _event_day(blank_nlp, text, "2015-06-19") == "2015-06-17"


def test_dates_a_day_after_a_clock_time_keeps_its_sentence(blank_nlp):
    from sitrep.extract import dates

    doc = blank_nlp("Police said the man was shot at 4:25 p.m. Saturday near the park.")
    for i, tok in enumerate(doc):  # the parser's mistake: a sentence ended at "p.m."
        tok.is_sent_start = i == 0 or doc[i - 1].text == "p.m."
    ds = extract_dates(doc, published="2016-02-22")
    sat = next(d for d in ds if d.text == "Saturday")
    assert dates._date_sentence(doc, doc.text, sat)[0] == 0


def test_dates_more_event_and_followup_words(blank_nlp, monkeypatch):
    text = ("Two men were gunned down on Jan. 19 at a car wash. "
            "On Monday, a suspect in the shooting was extradited to the city.")
    assert _event_day(blank_nlp, text, "2015-03-09") == "2015-01-19"
    monkeypatch.setenv("SITREP_DISABLE_RULES", "date-more-cues")
    assert _event_day(blank_nlp, text, "2015-03-09") == "2015-03-09"


def test_dates_a_day_after_a_statement_is_when_it_was_said(blank_nlp, monkeypatch):
    text = ("Police are investigating two shootings Monday that left two men dead. "
            "The captain stated in a news release Tuesday that one shooting happened Monday morning.")
    assert _event_day(blank_nlp, text, "2015-06-23") == "2015-06-22"
    doc, ds = _dates(blank_nlp, "The chief spoke during a news conference Thursday about the shooting.",
                     "2015-06-25")
    from sitrep.extract.dates import _is_report_date

    assert _is_report_date(doc.text, ds[0])
    monkeypatch.setenv("SITREP_DISABLE_RULES", "date-statement-day")
    assert not _is_report_date(doc.text, ds[0])


def test_dates_a_court_that_is_a_place_is_no_trial(blank_nlp, monkeypatch):
    from sitrep.extract.dates import _is_history

    assert not _is_history("were shot early Wednesday morning in Mosby Court.", "")
    assert _is_history("appeared Wednesday in Superior Court on the charges", "")
    assert _is_history("the District's Court Services on Friday", "")
    assert _is_history("was in court Wednesday", "")
    monkeypatch.setenv("SITREP_DISABLE_RULES", "date-court-place")
    assert _is_history("were shot early Wednesday morning in Mosby Court.", "")


def test_dates_a_death_alone_weighs_less_than_the_shooting(blank_nlp, monkeypatch):
    # shot Wednesday, died Thursday: the incident is the shooting's
    text = "A teenager died Thursday. He was shot Wednesday."
    assert _event_day(blank_nlp, text, "2017-03-30") == "2017-03-29"
    monkeypatch.setenv("SITREP_DISABLE_RULES", "date-death-day")
    assert _event_day(blank_nlp, text, "2017-03-30") == "2017-03-30"


def test_dates_a_later_death_that_raises_the_toll_is_no_event_day(blank_nlp, monkeypatch):
    text = ("A man wounded in the bombing of a bus station in Lakemoor died on Tuesday, bringing the death "
            "toll to four. Three others died in the attack on 14 March.")
    assert _event_day(blank_nlp, text, "2024-04-03") == "2024-03-14"
    from sitrep import rules
    monkeypatch.setattr(rules, "on", lambda name: name != "date-toll-update")
    assert _event_day(blank_nlp, text, "2024-04-03") == "2024-04-02"
