"""extract/title.py: a title the text lacks is read as evidence for the main incident, spanless."""
from __future__ import annotations

import pytest

from sitrep.extract import extract
from sitrep.extract.title import from_title, separate_title, title_figures
from sitrep.records import Article

BODY = "Police are investigating a shooting on Main Street. Officers arrived shortly after 9 p.m."
TITLE = "1 dead, 4 injured in shooting on Main Street"


@pytest.fixture(scope="module")
def sent_nlp():
    from sitrep import nlp as nlp_module

    nlp = nlp_module.blank()
    nlp.add_pipe("sentencizer")
    return nlp


@pytest.mark.parametrize(("title", "text", "expected"), [
    (None, BODY, None),
    ("  ", BODY, None),
    (TITLE, BODY, TITLE),
    (f"  {TITLE}\n", BODY, TITLE),
    (TITLE, f"{TITLE}\n\n{BODY}", None),  # the seed files: the title is the text's first line
    (TITLE.upper(), f"{TITLE}\n{BODY}", None),  # case and spacing do not matter
    ("1 dead,  4 injured in shooting", f"Update: 1 dead, 4 injured in shooting. {BODY}", None),
])
def test_title_separate_title(title, text, expected):
    assert separate_title(title, text) == expected


def test_title_figures_are_spanless_with_the_title_as_sentence(sent_nlp):
    figs = title_figures(sent_nlp(TITLE), article_id="a1", published="2024-03-23")
    got = [(f.category, f.low, f.text) for f in figs]
    assert got == [("killed", 1, "1 dead"), ("injured", 4, "4 injured")]
    for f in figs:
        assert (f.start, f.end, f.sentence, f.article_id) == (-1, -1, TITLE, "a1")
        assert from_title(f)


def _main(sent_nlp, text: str, title: str | None, *, with_title_doc: bool = True):
    art = Article.from_text(text, title=title, published="2024-03-23")
    # the composer parses a title apart only where the text does not hold it
    title_doc = sent_nlp(title) if with_title_doc and separate_title(title, text) else None
    report = extract(sent_nlp(text), art, title_doc=title_doc)
    return report.mentions[0]


def test_title_figure_used_when_the_body_gives_none(sent_nlp):
    main = _main(sent_nlp, BODY, TITLE)
    assert (main.totals["killed"], main.totals["injured"]) == (1, 4)
    assert all(from_title(f) for f in main.figures)
    assert main.summary == BODY.split(". ")[0] + "."  # the summary stays a sentence of the text


def test_title_without_a_title_doc_extract_is_unchanged(sent_nlp):
    main = _main(sent_nlp, BODY, TITLE, with_title_doc=False)
    assert (main.totals["killed"], main.totals["injured"], main.figures) == (0, 0, [])


def test_title_not_used_when_the_text_starts_with_it(sent_nlp):
    # no double counting: the text's own first line already gives the figures (with real spans)
    text = f"{TITLE}\n\n{BODY}"
    main = _main(sent_nlp, text, TITLE)
    assert (main.totals["killed"], main.totals["injured"]) == (1, 4)
    assert [f.start for f in main.figures] == [0, text.index("4 injured")]


@pytest.mark.parametrize(("body", "killed", "injured"), [
    # the title's figures are claims beside the body's: the best supported count wins
    ("Two people were killed in a shooting on Main Street, police said.", 2, 4),
    ("Three people were wounded in a shooting on Main Street, police said.", 1, 4),
    ("Six people were wounded in a shooting on Main Street, police said.", 1, 6),
])
def test_title_figures_join_the_body_figures(sent_nlp, body, killed, injured):
    main = _main(sent_nlp, body, TITLE)
    assert (main.totals["killed"], main.totals["injured"]) == (killed, injured)
    assert any(from_title(f) for f in main.figures) and any(not from_title(f) for f in main.figures)


def test_title_pipeline_reads_a_headline_over_a_body_without_cues(sent_nlp, monkeypatch):
    # the body a video list or a paywall: triage keeps the article for its title, whose figures count
    from sitrep import pipeline

    monkeypatch.setattr(pipeline.nlp, "load", lambda: sent_nlp)
    body = "Subscribe now for unlimited access to local news. Already a member? Sign in."
    with_title = Article.from_text(body, title="2 dead in overnight shooting on Elm Street")
    without = Article.from_text(body + " Thank you.", title=None)
    got = pipeline.extract_reports([with_title, without])
    assert [r.relevant for r in got] == [True, False]
    assert got[0].mentions[0].totals["killed"] == 2
    assert got[0].mentions[0].figures[0].sentence == with_title.title


_SIDEBAR_LEAD = (
    "Today in history, 1993: Dr. Hal Gunn is shot to death outside a Pensacola, Florida, clinic.\n\n"
    "A 19-year-old man has been charged with manslaughter after a teenager was killed on Saturday. "
    "Deputies said the boy was handling a shotgun at a home in Rosamond when it went off. "
    "The Kern County coroner identified him on Monday. California law requires guns to be stored locked.")


@pytest.mark.slow
@pytest.mark.parametrize(("title", "city"), [
    ("Man, 19, charged in Rosamond fatal shooting", "Rosamond"),  # the text names it and its state
    ("Teen killed in Chicago shooting", "Pensacola"),  # the text never names Chicago: no evidence
    (None, "Pensacola"),
])
def test_title_the_headline_town_over_a_sidebar_town(title, city):
    import sitrep

    place = sitrep.read(_SIDEBAR_LEAD, title=title, published="2016-09-10").main.place
    assert place.city == city
    if city == "Rosamond":
        assert place.admin1 == "California"


@pytest.mark.slow
def test_title_a_headline_neighbourhood_leaves_the_text_town():
    import sitrep

    text = ("CHICAGO (AP) - A 5-year-old girl was shot in the arm on Sunday in the Englewood neighborhood "
            "on the city's South Side, Chicago police said. She is in good condition.")
    place = sitrep.read(text, title="Girl, 5, shot in arm in Englewood", published="2016-06-05").main.place
    assert place.city == "Chicago"
