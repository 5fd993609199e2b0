"""Our spaCy components: sentence starts at line breaks."""
from __future__ import annotations

import pytest

from sitrep import nlp


def starts(blank_nlp, text):
    doc = nlp.line_breaks(blank_nlp(text))
    return [t.text for t in doc if t.is_sent_start and not t.is_space and t.i > 0]


def test_nlp_line_breaks_split_title_byline_and_dateline(blank_nlp):
    text = "Bomb kills three in market\n\nJane Roe\n23 March 2024\n\nA bomb exploded in a market on Friday."
    assert starts(blank_nlp, text) == ["Jane", "23", "A"]


@pytest.mark.parametrize("text", [
    # a hard-wrapped paragraph: long lines, no blank line
    "Police said the gunman opened fire on a crowd outside the stadium late on\n"
    "Saturday night, wounding at least five people before he fled in a car.",
    # a short line that ends in punctuation is a sentence's end, left to the parser
    "He fled.\nPolice arrived later.",
])
def test_nlp_line_breaks_leave_wrapped_and_punctuated_lines_to_the_parser(blank_nlp, text):
    assert starts(blank_nlp, text) == []


@pytest.mark.slow
def test_nlp_load_puts_line_breaks_before_the_parser():
    names = nlp.load().pipe_names
    assert names.index(nlp.LINE_BREAKS) < names.index("parser")
    doc = nlp.load()("Bomb kills three in market\n\nJane Roe\n\nA bomb exploded in a market on Friday.")
    sents = [s.text.strip() for s in doc.sents]
    assert sents[0] == "Bomb kills three in market" and sents[-1].startswith("A bomb exploded")


def test_nlp_a_page_title_separator_starts_a_sentence(blank_nlp):
    from sitrep.nlp import line_breaks

    doc = line_breaks(blank_nlp("Two shot near the park | Daily News Police said two men were shot."))
    daily = next(t for t in doc if t.text == "Daily")
    assert daily.is_sent_start and not doc[1].is_sent_start
