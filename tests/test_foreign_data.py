"""Every language's data files load and say what they should (one parametrized test per file kind)."""
from __future__ import annotations

import re

import pytest

from sitrep.extract.foreign import lexicon

LANGS = lexicon.languages()


def test_foreign_languages_read():
    assert set(LANGS) >= {"es", "fr", "pt", "de", "it", "ru", "tr", "nl", "fi", "hu", "is", "ar"}


@pytest.mark.parametrize("code", LANGS)
@pytest.mark.parametrize("kind", sorted(lexicon.KINDS))
def test_foreign_data_file_kind(code, kind):
    rows = lexicon.rows(code, kind)
    assert rows, f"data/lang/{code}/{kind}.tsv holds no rule"
    lex = lexicon.load(code)
    if kind == "casualties":
        assert {c for c, _ in lex.casualties} >= {"killed", "injured"}
    elif kind == "qualifiers":
        assert "at least" in {q for _, q in lex.qualifiers}
    elif kind == "dates":
        assert sorted(v for _, v in lex.months) == list(range(1, 13))
        assert sorted(v for _, v in lex.weekdays) == list(range(7))
        assert any(v == -1 for _, v in lex.relative)
    elif kind == "cues":
        assert {"toll", "claim", "attribution", "authority"} <= set(lex.cues)
    elif kind == "types":
        assert any(label == "bombing" for label, *_ in lex.types)
    elif kind == "groups":
        assert any(name.startswith("Islamic State") for name, _ in lex.groups)
    elif kind == "numbers":
        assert any(q == "dozens" for _, _, q in lex.numbers)
    elif kind == "persons":
        assert lex.persons is not None


def test_foreign_data_errors_name_the_file(monkeypatch):
    with pytest.raises(lexicon.LexiconError, match="does not read language 'xx'"):
        lexicon.load("xx")
    with pytest.raises(lexicon.LexiconError, match="unknown language file kind"):
        lexicon.rows("fr", "nonsense")


def test_foreign_data_patterns_are_whole_words():
    # token patterns are matched whole: a pattern that matches the empty string would mark every token
    for code in LANGS:
        for cat, rx in lexicon.load(code).casualties:
            assert not rx.fullmatch(""), (code, cat)
            assert not re.fullmatch(rx, "the"), (code, cat)


def test_foreign_data_qualifier_after_column():
    lex = lexicon.load("ar")
    assert ("على الأقل", "at least") in lex.qualifiers_after
    assert all(q in lexicon.QUALIFIERS for _, q in lex.qualifiers_after)
    assert not lexicon.load("fr").qualifiers_after  # a language that writes none after its figures


def test_foreign_data_script_traits(tmp_path, monkeypatch):
    # how a language is written is data: Arabic has no capitals and its tokenizer keeps "14." whole
    assert lexicon.load("ar").script == {"caseless", "digit_stop"}
    assert all(not lexicon.load(code).script for code in LANGS if code != "ar")
    for code in LANGS:
        assert lexicon.load(code).script <= set(lexicon.SCRIPT_TRAITS)
    # an unknown trait names the file, the line and the traits there are
    (tmp_path / "xx").mkdir()
    for kind in lexicon.KINDS:
        (tmp_path / "xx" / f"{kind}.tsv").write_text("", encoding="utf-8")
    (tmp_path / "xx" / "casualties.tsv").write_text("killed\tmorts\n", encoding="utf-8")
    (tmp_path / "xx" / "script.tsv").write_text("# comment\nright_to_left\n", encoding="utf-8")
    monkeypatch.setattr(lexicon, "_base", lambda: tmp_path)
    lexicon.languages.cache_clear()
    lexicon.load.cache_clear()
    try:
        with pytest.raises(lexicon.LexiconError, match=r"xx/script.tsv line 2: .right_to_left. is not"):
            lexicon.load("xx")
    finally:
        monkeypatch.undo()
        lexicon.languages.cache_clear()
        lexicon.load.cache_clear()
