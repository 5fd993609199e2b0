"""numbers.parse_number: digits, words, qualifiers, vague amounts, non-counts."""
from __future__ import annotations

import pytest

from sitrep.extract.numbers import parse_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("At least 60", (60, 60, "at least")),
        ("Up to four", (4, 4, "up to")),
        ("over 100", (100, 100, "more than")),
        ("more than 170", (170, 170, "more than")),
        ("some 6,000", (6000, 6000, "about")),
        ("14 million", (14_000_000, 14_000_000, None)),
        ("one", (1, 1, None)),
        ("sixty-two", (62, 62, None)),
        ("three to five", (3, 5, None)),
        ("2-3", (2, 3, None)),
        ("between 43 and 52", (43, 52, None)),
    ],
)
def test_numbers_parse_values_and_qualifiers(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    ("text", "low", "high", "qualifier"),
    [("Dozens", 12, 99, "dozens"), ("hundreds", 100, 999, "hundreds"), ("several", 3, 9, "several"),
     ("a dozen", 12, 12, "about"), ("a few", 3, 5, "a few"), ("thousands", 1000, 9999, "thousands")],
)
def test_numbers_vague_amounts_read_conservatively(text, low, high, qualifier):
    assert parse_number(text) == (low, high, qualifier)


@pytest.mark.parametrize("text", ["two-thirds", "40%", "ten percent", "half", "", "people"])
def test_numbers_fractions_and_words_are_not_counts(text):
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a hundred", (100, 100, None)),  # "a" stands for one
        ("two thousand and five", (2005, 2005, None)),  # "and" joins
        ("1.5 billion", (1_500_000_000, 1_500_000_000, None)),  # a scale after digits
        ("eleven", (11, 11, None)),
        ("fivety", None),  # not a word of data/lang/en/number_words.tsv
    ],
)
def test_numbers_number_words_from_the_data_file(text, expected):
    assert parse_number(text) == expected
