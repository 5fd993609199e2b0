"""Plain-text heads: title, byline and dateline read from the first lines, the text kept whole."""
from __future__ import annotations

import pytest

from sitrep.ingest import read_text
from sitrep.ingest.text import parse_date, read_head
from sitrep.records import article_id

# The opening of the first seed article (the seeds are licensed for the project's tests).
SEED_HEAD = (
    "\n\nAt least 60 dead, 145 wounded, in Moscow terrorist attack\n\nClara Weiss\n23 March 2024\n\n"
    "A terror attack at a popular Moscow concert hall, Crocus City Hall, Friday evening local time left at "
    "least 60 dead and 145 injured. Russian authorities declared that the number of dead may well rise.\n"
)
# The opening of the second seed: no title, no byline, no date.
SEED_REWRITE = (
    "A group of assailants stormed into a spacious concert hall in Moscow on Friday, unleashing a hail of "
    "bullets into the crowd, resulting in the demise of at least 60 individuals and causing injuries to "
    "over 100 attendees.\nThe Islamic State organization asserted responsibility for the assault.\n"
)


def test_text_seed_head_gives_title_author_and_dateline():
    head = read_head(SEED_HEAD)
    assert head.title == "At least 60 dead, 145 wounded, in Moscow terrorist attack"
    assert head.author == "Clara Weiss"
    assert head.published == "2024-03-23"


def test_text_article_keeps_the_whole_text_and_marks_the_dateline():
    art = read_text(SEED_HEAD, source="seed.txt")
    assert art.text == SEED_HEAD  # offsets into the article are offsets into what the user gave
    assert art.id == article_id(SEED_HEAD)
    assert art.published == "2024-03-23" and art.published_from == "dateline"
    assert art.author == "Clara Weiss" and art.source == "seed.txt"


def test_text_without_head_gets_no_title_or_date():
    head = read_head(SEED_REWRITE)
    assert head == type(head)()
    art = read_text(SEED_REWRITE)
    assert art.published is None and art.published_from is None and art.title is None


@pytest.mark.parametrize("text, title, author, published", [
    ("Storm hits coast\n\nBy Jane Roe and John Doe\nPublished: March 4, 2023 10:32 GMT\n\nA storm hit.",
     "Storm hits coast", "Jane Roe and John Doe", "2023-03-04"),
    ("Storm hits coast\n\nBy Jane Roe, 4 May 2023\n\nA storm hit the coast.", "Storm hits coast", "Jane Roe",
     "2023-05-04"),
    ("Storm hits coast\n\n2023-05-04\n\nA storm hit the coast.", "Storm hits coast", None, "2023-05-04"),
    ("Storm hits coast\n\nA storm hit the coast on 4 May 2023, officials said.", "Storm hits coast", None,
     None),
    ("Storm hits coast\nA storm hit the coast on Monday.\n\nMore later.", None, None, None),
])
def test_text_head_variants(text, title, author, published):
    head = read_head(text)
    assert (head.title, head.author, head.published) == (title, author, published)


def test_text_date_in_a_sentence_is_not_a_dateline():
    head = read_head("Police said the shooting happened on 23 March 2024 near the station.\n\nMore text.")
    assert head.published is None


@pytest.mark.parametrize("line, iso", [
    ("23 March 2024", "2024-03-23"),
    ("Saturday 23 March 2024", "2024-03-23"),
    ("March 23, 2024", "2024-03-23"),
    ("Sept. 5, 2019", "2019-09-05"),
    ("2021-11-30", "2021-11-30"),
    ("the 2000s", None),
    ("31 Foo 2020", None),
])
def test_text_parse_date(line, iso):
    assert parse_date(line) == iso


@pytest.mark.parametrize("url, iso", [
    ("https://news.example.com/2015/12/16/man-shot-downtown/", "2015-12-16"),
    ("https://example.com/news/2016/jan/26/girl-shot-at-party/", "2016-01-26"),
    ("https://example.com/crime/2016-01-20/1-shot-on-main-road", "2016-01-20"),
    ("https://example.com/local/man-wounded-20160108/story.html", "2016-01-08"),
    ("https://example.com/local/man-injured-in-shooting-sunday-01-17-2016", "2016-01-17"),
    ("https://example.com/2015/12/police-investigate-shooting/", None),  # a month says too little
    ("https://example.com/post/victim-2014-08807/", None),
    ("https://example.com/2015/13/45/not-a-date", None),
    (None, None),
])
def test_text_date_in_url(url, iso):
    from sitrep.ingest.text import date_in_url

    assert date_in_url(url) == iso


def test_text_publication_date_order():
    from sitrep.ingest.text import publication_date

    url = "https://example.com/2015/12/16/story"
    assert publication_date(published="2015-12-20", published_from=None, url=url, text="x") == (
        "2015-12-20", "metadata")
    assert publication_date(published=None, published_from=None, url=url, text="A shooting.") == (
        "2015-12-16", "url")
    head = "Shots fired on Main Street\n\n17 December 2015\n\nA man was shot.\n"
    assert publication_date(published=None, published_from=None, url=url, text=head) == (
        "2015-12-17", "dateline")
