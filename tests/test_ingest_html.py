"""HTML pages through trafilatura: text without boilerplate, and the page's metadata."""
from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.errors import BadHTML
from sitrep.ingest.html import read_html

PAGE = (Path(__file__).parent / "fixtures" / "ingest" / "page.html").read_text(encoding="utf-8")


def test_html_metadata_and_text():
    page = read_html(PAGE, source="page.html", url="https://bugle.example/mall")
    assert (page.title, page.author, page.published, page.outlet) == (
        "Gunman kills two at Springfield mall", "Jane Roe", "2023-05-04", "The Daily Bugle")
    assert "A gunman killed two people" in page.text
    assert "Copyright" not in page.text and "Sport" not in page.text
    assert "\n\n" in page.text  # paragraphs stay paragraphs


@pytest.mark.parametrize("html", ["<html><body></body></html>", "<html", "<div><script>x()</script>"])
def test_html_without_article_text_is_bad_html(html):
    with pytest.raises(BadHTML) as err:
        read_html(html, source="bad.html")
    assert str(err.value).startswith("bad.html: no article text found")
