"""The one date vocabulary (data/lexicons/calendar.tsv) and the readers that build on it."""
from __future__ import annotations

import re

import pytest

from sitrep import datewords
from sitrep.extract.dates import extract_dates
from sitrep.ingest.text import parse_date


def test_datewords_names_and_abbreviations():
    assert datewords.month("Sept.") == 9 and datewords.month("january") == 1
    assert datewords.month("Foo") is None
    assert datewords.weekday("Thurs.") == 3 and datewords.weekday("Sunday") == 6
    assert datewords.month_names()[4] == "may" and len(datewords.weekday_names()) == 7


def test_datewords_month_pattern_is_capitalized_unless_asked():
    pat = re.compile(rf"\b{datewords.month_pattern()}")
    assert pat.match("Sept. 4") and not pat.match("may go")
    assert re.match(datewords.month_pattern(capitalized=False), "sept", re.I)


@pytest.mark.parametrize("word", ["sat", "wed", "sun", "mon"])
def test_datewords_lowercase_weekday_abbreviations_are_words(word):
    pat = re.compile(rf"\b{datewords.weekday_pattern()}\b", re.I)
    assert not pat.search(f"the man {word} there"), word
    assert pat.search(f"on {word.capitalize()}. morning") and pat.search(f"on {word.upper()[0]}{word[1:]}")


def test_datewords_a_verb_is_no_weekday_date(blank_nlp):
    doc = blank_nlp("He sat in the car and the sun came up before the couple wed.")
    assert extract_dates(doc, published="2016-03-02") == []


def test_datewords_one_table_for_every_reader(blank_nlp):
    """"Sept." is a month to ingest's datelines and to extraction alike."""
    assert parse_date("Sept. 4, 2016") == "2016-09-04"
    doc = blank_nlp("A man was shot on Sept. 4, 2016 in the park.")
    assert [d.date for d in extract_dates(doc, published=None)] == ["2016-09-04"]
