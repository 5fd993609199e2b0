"""Reading sources: folders, stdin, formats by extension and by sniffing, and every kind of bad input."""
from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest

from sitrep.errors import BinaryInput, EmptyInput, EncodingError, InputError, TooLarge
from sitrep.ingest import IngestOptions, read_sources
from sitrep.records import article_id

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
STORY = "Fire at warehouse\n\nA fire destroyed a warehouse near the port on Monday, injuring two workers.\n"


def read(*sources, **kw):
    return list(read_sources([str(s) for s in sources], **kw))


def test_sources_empty_file(tmp_path):
    (tmp_path / "empty.txt").write_text("  \n\n")
    [item] = read(tmp_path / "empty.txt")
    assert isinstance(item.error, EmptyInput) and item.article is None
    assert str(item.error).startswith(f"{tmp_path / 'empty.txt'}: empty input (")


def test_sources_binary_file(tmp_path):
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    [item] = read(tmp_path / "photo.txt")
    assert isinstance(item.error, BinaryInput) and "binary" in str(item.error)


def test_sources_invalid_utf8_names_the_byte_and_the_fix(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_bytes("Caf\u00e9 fire injures two people in the old town.".encode("latin-1"))
    [item] = read(path)
    assert isinstance(item.error, EncodingError)
    assert str(item.error) == (f"{path}: not valid UTF-8 at byte 3 "
                               "(re-save it as UTF-8, or pass --encoding latin-1)")
    [ok] = read(path, options=IngestOptions(encoding="latin-1"))
    assert ok.ok and ok.article.text.startswith("Caf\u00e9")


def test_sources_utf16_is_an_encoding_error_not_binary(tmp_path):
    path = tmp_path / "wide.txt"
    path.write_bytes(STORY.encode("utf-16"))
    [item] = read(path)
    assert isinstance(item.error, EncodingError) and "--encoding utf-16" in str(item.error)
    [ok] = read(path, options=IngestOptions(encoding="utf-16"))
    assert ok.ok and ok.article.title == "Fire at warehouse"


def test_sources_too_large_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:  # a sparse 50 MB file: refused from its size alone
        f.truncate(50_000_000)
    [item] = read(path)
    assert isinstance(item.error, TooLarge)
    assert "50,000,000 bytes, over the 20,000,000-byte cap" in str(item.error)


def test_sources_missing_file_and_the_others_still_read(tmp_path):
    (tmp_path / "a.txt").write_text(STORY)
    items = read(tmp_path / "nope.txt", tmp_path / "a.txt")
    assert isinstance(items[0].error, InputError) and "no such file" in str(items[0].error)
    assert items[1].ok and items[1].article.title == "Fire at warehouse"


def test_sources_broken_html(tmp_path):
    (tmp_path / "broken.html").write_text("<html><body><div><script>var x = 1;</script></div>")
    [item] = read(tmp_path / "broken.html")
    assert type(item.error).__name__ == "BadHTML" and "no article text" in str(item.error)


def test_sources_folder_is_walked_sorted_skipping_hidden_and_unknown(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Second story about a storm that flooded the valley.")
    (tmp_path / "a.txt").write_text(STORY)
    (tmp_path / ".hidden.txt").write_text("hidden story")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("not a story")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    items = read(tmp_path)
    assert [Path(i.source).relative_to(tmp_path).as_posix() for i in items] == ["a.txt", "b/two.txt"]
    assert all(i.ok for i in items)


def test_sources_empty_folder_says_so(tmp_path):
    [item] = read(tmp_path)
    assert isinstance(item.error, EmptyInput) and "no readable files" in str(item.error)


def test_sources_stdin_and_clock():
    clock = lambda: datetime(2024, 3, 23, 12, 0, tzinfo=UTC)  # noqa: E731
    [item] = read("-", stdin=io.StringIO(STORY), clock=clock)
    assert item.source == "-" and item.article.title == "Fire at warehouse"
    assert item.article.ingested_at == "2024-03-23T12:00:00+00:00" and item.article.source == "-"


def test_sources_stdin_sniffs_html():
    html = (FIXTURES / "page.html").read_text()
    [item] = read("-", stdin=io.StringIO(html))
    assert item.ok and item.article.author == "Jane Roe" and "<p>" not in item.article.text


def test_sources_same_text_twice_is_one_article_id(tmp_path):
    (tmp_path / "a.txt").write_text(STORY)
    (tmp_path / "b.txt").write_text(STORY.upper().replace("\n\n", "\n  \n"))
    a, b = read(tmp_path / "a.txt", tmp_path / "b.txt")
    assert a.article.id == b.article.id == article_id(STORY)
    assert a.article.source != b.article.source


def test_sources_non_english_is_read_and_marked(tmp_path):
    (tmp_path / "es.txt").write_text(
        "Un hombre armado mató a dos personas e hirió a otras tres en un centro comercial de la ciudad "
        "el miércoles, dijo la policía, que detuvo al sospechoso en el lugar.")
    (tmp_path / "ru.txt").write_text("Вооруженный мужчина убил двух человек и ранил еще троих.")
    es, ru = read(tmp_path / "es.txt", tmp_path / "ru.txt")
    assert es.ok and es.article.language == "es"
    assert ru.ok and ru.article.language == "ru"


@pytest.mark.parametrize("name", ["feed.rss", "feed.atom", "page.html"])
def test_sources_fixture_formats_read(name):
    items = read(FIXTURES / name)
    assert items and all(i.ok for i in items)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_sources_device_file_is_refused_not_read_forever():
    [item] = read("/dev/zero")
    assert isinstance(item.error, InputError) and "not a regular file" in str(item.error)


def test_sources_stdin_over_the_cap_is_too_large():
    [item] = read("-", stdin=io.StringIO("x" * 200), options=IngestOptions(max_bytes=100))
    assert isinstance(item.error, TooLarge) and item.source == "-"


def test_sources_public_names():
    import sitrep.ingest as ingest

    assert ingest.__all__ == sorted(ingest.__all__)
    assert all(hasattr(ingest, name) for name in ingest.__all__)
    assert {"read_sources", "read_text", "IngestOptions", "Ingested"} <= set(ingest.__all__)
