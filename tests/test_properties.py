"""Property-based tests (hypothesis): whatever bytes or text arrive, ingestion raises nothing but
Sitrep's own errors and never changes what was stored before; the number, date and figure readers
never crash on any string; reconciliation does not depend on the order of claims of one report time.
The figure and whole-article readers need the spaCy model: those properties are slow."""
from __future__ import annotations

import io
import random
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sitrep.errors import InputError, SitrepError
from sitrep.ingest import EXTENSIONS, IngestOptions, read_sources, text
from sitrep.pipeline import Pipeline
from sitrep.records import ATTRIBUTION_KINDS, Article, Figure
from sitrep.store import Store

FAST = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# --- what arrives -------------------------------------------------------------------------------

TAGS = ["<p>", "</p>", "<div>", "</div>", "<html>", "<body>", "<script>alert(1)</script>", "<!--", "-->",
        "<br/>", "<title>", "</title>", "<rss>", "<item>", "<feed>", "&amp;", "&#0;", "&#xD800;", "<![CDATA[",
        "<?xml version='1.0'?>", "<meta charset='klingon'>", "<a href='javascript:x'>", "\x00", "\ufeff"]
ENCODINGS = ["utf-8", "utf-16", "utf-32", "latin-1", "cp1252", "shift_jis", "koi8-r", "utf-8-sig"]

texts = st.one_of(
    st.text(),  # any code points, control characters and lone surrogates' neighbours included
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x1F)),  # control characters only
    st.builds(lambda s, n: (s or "x") * n, st.text(max_size=8), st.integers(1000, 60_000)),  # huge lines
    st.lists(st.one_of(st.sampled_from(TAGS), st.text(max_size=20)), max_size=30).map("".join),  # HTML bits
    st.builds(lambda w, n: " ".join(w) + f" {n} people were killed.", st.lists(st.text(max_size=10)),
              st.integers(-10**20, 10**20)),
)
payloads = st.one_of(
    st.binary(max_size=4000),
    st.builds(lambda t, enc: t.encode(enc, errors="ignore"), texts, st.sampled_from(ENCODINGS)),
)
suffixes = st.sampled_from(["", ".bin", *EXTENSIONS])


@pytest.fixture(scope="module")
def stored():
    """A store with articles in it already; each example may add, never change or drop, what is there."""
    store = Store(":memory:")
    store.add_articles([Article.from_text(f"Earlier report number {i}: a storm hit the coast.")
                        for i in range(3)])
    return store


def _snapshot(store: Store) -> dict:
    return {a.id: a.to_dict() for a in store.articles()}


@FAST
@given(data=payloads, suffix=suffixes)
def test_properties_any_bytes_in_any_file_are_read_or_refused_cleanly(tmp_path_factory, stored, data, suffix):
    path = tmp_path_factory.mktemp("in") / f"input{suffix}"
    path.write_bytes(data)
    before = _snapshot(stored)
    try:
        summary = Pipeline(stored).ingest([str(path)], ingest_options=IngestOptions(max_bytes=100_000))
    except SitrepError:
        summary = None
    after = _snapshot(stored)
    assert {k: after[k] for k in before} == before  # what was there is untouched
    if summary is not None:
        for r in summary.results:
            assert r.status in ("new", "duplicate", "alias", "error", "foreign")
            if r.status == "error":
                assert r.message and str(path) in r.message
            else:
                assert r.article_id in after and after[r.article_id]["text"].strip()


@FAST
@given(data=payloads)
def test_properties_any_bytes_on_stdin(data):
    stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", errors="strict")
    for item in read_sources(["-"], stdin=stdin, options=IngestOptions(max_bytes=100_000)):
        assert (item.article is None) != (item.error is None)
        assert item.error is None or isinstance(item.error, InputError)
        if item.article is not None:
            assert item.article.text.strip() and item.article.id.startswith("a")


@FAST
@given(s=texts)
def test_properties_dateline_and_byline_reading_never_crash(s):
    head = text.read_head(s)
    for value in (text.parse_date(s[:200]), head.published, text.date_in_url(s)):
        assert value is None or (isinstance(value, str) and value[:4].isdigit())


# --- numbers and dates (other engineers' modules: tests only) -----------------------------------

@FAST
@given(s=texts)
@example(s="9" * 400)  # found by this test: an infinite float was turned into an int (OverflowError)
@example(s="1" * 320 + " million")
def test_properties_parse_number_never_crashes(s):
    from sitrep.extract.numbers import parse_number

    got = parse_number(s[:500])
    if got is not None:
        low, high, qualifier = got
        assert low is None or high is None or low <= high
        assert qualifier is None or isinstance(qualifier, str)


@FAST
@given(s=texts, published=st.one_of(st.none(), st.dates().map(str), st.text(max_size=12)))
def test_properties_date_readers_never_crash(blank_nlp, s, published):
    from sitrep.extract import dates
    from sitrep.ingest.text import read_head  # the publication-date reader in use

    s = s[:5000]
    got = read_head(s).published
    assert got is None or len(got) == 10
    for d in dates.extract_dates(blank_nlp(s), published=published):
        assert d.date is None or d.date[:4].isdigit()


# --- reconciliation -----------------------------------------------------------------------------

claims = st.lists(st.builds(
    lambda low, extra, q, kind, scope, rev, art: Figure(
        "killed", low, low + extra, f"{q or ''} {low}".strip(), 0, 1, qualifier=q, attribution_kind=kind,
        scope=scope, revision=rev, article_id=art, published="2024-03-23"),
    st.integers(0, 300), st.sampled_from([0, 0, 0, 5, 50]),
    st.sampled_from([None, None, "at least", "about", "more than", "dozens", "hundreds"]),
    st.sampled_from(ATTRIBUTION_KINDS), st.sampled_from([None, None, "children", "police"]),
    st.sampled_from([None, None, "up", "down"]), st.sampled_from(["a1", "a2", "a3", "a4"])),
    min_size=1, max_size=12).map(
    # each claim at its own place in its article's text, as two claims of one text always are
    lambda cs: [replace(f, start=10 * i, end=10 * i + 3) for i, f in enumerate(cs)])


@settings(max_examples=300, deadline=None)
@given(cs=claims, seed=st.integers(0, 2**32))
def test_properties_reconcile_is_order_independent_within_one_report_time(cs, seed):
    from sitrep.reconcile import reconcile_all

    shuffled = list(cs)
    random.Random(seed).shuffle(shuffled)

    def verdict(figs):
        out = reconcile_all(figs)
        return {k: (r.low, r.best, r.high, r.qualifier, r.rule) for k, r in out.items()}

    assert verdict(shuffled) == verdict(cs)


# --- whole articles through the model (slow) ----------------------------------------------------

@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(s=texts)
def test_properties_reading_any_text_never_crashes(nlp, s):
    from sitrep import read

    if not s.strip():
        return
    report = read(s[:20_000], published="2024-03-23")
    for m in report.mentions:
        for f in m.figures:
            assert f.low is None or f.low >= 0
            assert f.high is None or f.low is None or f.low <= f.high


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(words=st.lists(st.sampled_from(
    ["at least", "killed", "dozens", "were", "injured", "12", "twenty-one", "1,000,000", "-5", "people", "of",
     "them", "children", "police", "said", "hundreds", "rose to", "and", "3.5", "1e9", "½", "٣", "killing",
     "wounded", "a", "dozen", "one", "fatally", "shot", "\n", ".", ",", "(", ")"]), max_size=40))
def test_properties_figure_reading_never_crashes_on_casualty_words(nlp, words):
    from sitrep.extract.figures import extract_figures

    doc = nlp(" ".join(words))
    for f in extract_figures(doc):
        assert f.low is None or f.high is None or f.low <= f.high
