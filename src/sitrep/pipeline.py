"""Composes the stages; the one place that knows their order.

    ingest -> Article -> nlp -> extract -> Report -> link -> Incident -> copies -> reconcile -> store

``extract_reports`` and ``link_incidents`` are store-free (evaluation uses them directly);
``Pipeline`` binds them to a Store for the CLI, the API and the demo.
"""
from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, TextIO

from sitrep import config, nlp
from sitrep.extract import extract, focus, foreign, relevant, separate_title
from sitrep.ingest import IngestOptions, read_sources
from sitrep.link import LinkOptions, LinkStats, copies, link
from sitrep.link.coordinated import mark_coordinated
from sitrep.link.incidents import riders
from sitrep.reconcile import reconcile_all
from sitrep.records import Article, Incident, Report, Source
from sitrep.store import FAILED

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from sitrep.store import Store

log = logging.getLogger(__name__)

Progress = Callable[[int], None]  # called with the number of articles just finished


@dataclass(frozen=True, slots=True)
class PipelineOptions:
    """How extraction runs (defaults measured on this machine, see BENCHMARKS.md)."""

    processes: int = 1
    batch_size: int = 8
    # kept for `sitrep batch --include-foreign` (ops): every language Sitrep reads is now read either way
    include_foreign: bool = False


# --- extraction --------------------------------------------------------------------------------

def _separate_titles(articles: Sequence[Article]) -> dict[str, str]:
    """The titles the texts do not hold, by article id (``separate_title``)."""
    return {a.id: t for a in articles if (t := separate_title(a.title, a.text))}


def _title_docs(titles: Mapping[str, str], batch_size: int) -> dict[str, Doc]:
    """Those titles parsed, by article id (titles are short: one cheap batch)."""
    if not titles:
        return {}
    cap = readable_chars()
    return dict(zip(titles, nlp.load().pipe((readable(t, cap) for t in titles.values()),
                                            batch_size=max(batch_size, 64)), strict=True))


def readable_chars() -> int:
    """How many characters of one text are parsed: the ``max_chars`` setting, within spaCy's
    ``max_length`` (beyond which it refuses a text)."""
    return max(1, min(config.get_int("max_chars"), nlp.load().max_length))


def readable(text: str, cap: int) -> str:
    """``text`` cut to at most ``cap`` characters, at the last paragraph (else line, else word) break
    before it: a prefix, so every character offset still points into the article. Articles are rarely
    over 20,000 characters; a longer text is a whole site or a log, whose tail holds no new incident
    and would cost minutes and gigabytes to parse."""
    if len(text) <= cap:
        return text
    for sep in ("\n\n", "\n", " "):
        cut = text.rfind(sep, 0, cap)
        if cut > cap // 2:
            return text[:cut]
    return text[:cap]


def _extract_batch(batch: Sequence[Article], batch_size: int) -> list[Report]:
    """Parse the relevant part of each relevant article (and its title) and extract its Report.

    Non-English articles go to their language's reader (``extract.foreign``); a language Sitrep does not
    read gets an empty Report, so the article is stored, marked processed, and said so (``unread``).
    """
    if any(a.language != "en" for a in batch):
        others = {r.article_id: r for r in _read_foreign([a for a in batch if a.language != "en"])}
        english_articles = [a for a in batch if a.language == "en"]
        english = iter(_extract_batch(english_articles, batch_size) if english_articles else [])
        return [others[a.id] if a.language != "en" else next(english) for a in batch]
    separate = _separate_titles(batch)
    # a headline can be the only place a toll is told (the body a video list or a paywall)
    keep = [a for a in batch if relevant(a.text) or relevant(separate.get(a.id, ""))]
    cap = readable_chars()
    docs = iter(nlp.load().pipe((readable(focus(a.text), cap) for a in keep), batch_size=batch_size))
    kept = {a.id for a in keep}
    titles = _title_docs({i: t for i, t in separate.items() if i in kept}, batch_size)
    return [extract(next(docs), a, title_doc=titles.get(a.id)) if a.id in kept
            else Report(a.id, relevant=False, published=a.published)
            for a in batch]


def read(text: str, *, title: str | None = None, published: str | None = None, url: str | None = None,
         outlet: str | None = None, language: str = "en") -> Report:
    """Read one article's text into a Report: triage, parse, extract (the library's one-call reader).

    ``published`` is an ISO date ("2024-03-23"): relative dates ("on Friday") resolve against it.
    """
    article = Article.from_text(text, title=title, published=published, url=url, outlet=outlet,
                                language=language)
    return _extract_batch([article], PipelineOptions().batch_size)[0]


def unread(language: str) -> bool:
    """Whether Sitrep has no reader for ``language`` (such articles are stored, not extracted)."""
    return language != "en" and language not in foreign.languages()


def _read_foreign(articles: Sequence[Article]) -> list[Report]:
    """Reports of non-English articles, each read by its language's pipeline (in order)."""
    out = []
    for a in articles:
        if unread(a.language) or not a.text.strip():
            out.append(Report(a.id, relevant=False, published=a.published))
            continue
        pipe = foreign.pipeline(a.language)
        # the same cut as English texts get (readable_chars), without loading the English model
        cap = max(1, min(config.get_int("max_chars"), pipe.max_length))
        title = pipe(readable(a.title, cap)) if a.title and a.title.strip() not in a.text[:500] else None
        out.append(foreign.read(pipe(readable(a.text, cap)), a, title_doc=title))
    return out


def _chunks(items: Sequence[Article], size: int) -> Iterator[Sequence[Article]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _failed(a: Article) -> Report:
    """The Report of an article whose extraction raised: stored, so that later runs go past it."""
    return Report(a.id, kind=FAILED, relevant=False, published=a.published)


def _safe_batch(batch: Sequence[Article], batch_size: int) -> list[Report]:
    """``_extract_batch``, or, when it raises, each article alone: the one that raises gets a failed
    Report instead of stopping every later run at the same article."""
    try:
        return _extract_batch(batch, batch_size)
    except Exception:
        if len(batch) == 1:
            e = sys.exc_info()[1]
            log.error("%s: extraction failed (%s: %s); stored as failed, later runs go past it "
                      "(`sitrep check` lists it, `sitrep remove %s` removes it)",
                      batch[0].id, type(e).__name__, str(e)[:200], batch[0].id)
            log.debug("extraction of %s", batch[0].id, exc_info=True)
            return [_failed(batch[0])]
        return [r for a in batch for r in _safe_batch([a], batch_size)]


def iter_reports(
    articles: Sequence[Article],
    *,
    options: PipelineOptions = PipelineOptions(),
    progress: Progress | None = None,
) -> Iterator[list[Report]]:
    """The Reports of the articles, in order (each language by its reader; one Sitrep does not read gets
    an empty Report), one list per chunk as soon as it is done: a caller can store each before the next
    (``Pipeline.process``)."""
    todo = list(articles)
    chunk = max(options.batch_size * 4, 32)
    if options.processes <= 1 or len(todo) <= chunk:
        for part in _chunks(todo, chunk):
            reports = _safe_batch(part, options.batch_size)
            if progress:
                progress(len(part))
            yield reports
        return
    workers = min(options.processes, os.cpu_count() or 1)
    with ProcessPoolExecutor(max_workers=workers, initializer=_warm) as pool:
        futures = [pool.submit(_safe_batch, part, options.batch_size) for part in _chunks(todo, chunk)]
        for fut, part in zip(futures, _chunks(todo, chunk), strict=True):
            try:
                reports = fut.result()
            except Exception:  # a worker died (memory): this chunk again, here, article by article
                log.exception("an extraction worker failed; extracting its %d article(s) here", len(part))
                reports = [r for a in part for r in _safe_batch([a], options.batch_size)]
            if progress:
                progress(len(part))
            yield reports


def extract_reports(
    articles: Sequence[Article],
    *,
    options: PipelineOptions = PipelineOptions(),
    progress: Progress | None = None,
    docs: Mapping[str, Doc] | None = None,
) -> list[Report]:
    """Extract a Report from each article (in order); ``docs`` supplies pre-parsed Docs by article id."""
    if docs is None:
        return [r for part in iter_reports(articles, options=options, progress=progress) for r in part]
    todo = list(articles)
    # pre-parsed texts (a developer's cache): the titles, short, are parsed here
    titles = _title_docs(_separate_titles([a for a in todo if a.id in docs]), options.batch_size)
    out = []
    for a in todo:
        doc = docs.get(a.id) if a.language == "en" else None  # (the cache holds English parses)
        out.extend([extract(doc, a, title_doc=titles.get(a.id))] if doc is not None
                   else _extract_batch([a], options.batch_size))
        if progress:
            progress(1)
    return out


def _warm() -> None:
    nlp.load()


def link_incidents(
    reports: Sequence[Report], articles: Mapping[str, Article], *, existing: Sequence[Incident] = (),
    options: LinkOptions | None = None, stats: LinkStats | None = None,
) -> list[Incident]:
    """Link mentions into incidents, then find copies among each incident's sources, then reconcile
    its figures (copies do not vote). Stored incidents that none of ``reports`` touches keep the
    sources and figures they were saved with. ``stats``: as ``link``'s (a store's)."""
    incidents = link(reports, articles, existing=existing, options=options, stats=stats)
    by_article = {r.article_id: r for r in reports}
    # a much-cited incident's riders do not vote on its figures either (link.incidents, 5)
    aboard = {m for ms in riders(existing, options or LinkOptions()).values() for m in ms}
    mentions = {m.id: m for r in reports for m in r.mentions if m.id not in aboard}
    stored = {id(inc) for inc in existing}
    for inc in incidents:
        if id(inc) in stored:
            continue  # none of its mentions was passed in: as stored
        ids = [s.article_id for s in inc.sources]
        if inc.main:
            rels = copies.relations([articles[a] for a in ids if a in articles], reports=by_article)
            inc.sources = [rels.get(a) or Source(article_id=a) for a in ids]
        claims, totals = [], {}
        for mid in inc.mention_ids:
            m = mentions.get(mid)
            if m is None:
                continue
            art, rep = articles.get(m.article_id), by_article.get(m.article_id)
            pub = (art.published if art else None) or (rep.published if rep else None)
            claims += [f if f.published or not pub else replace(f, published=pub) for f in m.figures]
            if m.totals:
                totals[m.article_id] = m.totals
        voters = {s.article_id for s in inc.sources if s.relation == "independent"}
        inc.figures = reconcile_all(claims, totals=totals, voters=voters)
    mark_coordinated(incidents)
    return incidents


# --- the store-bound pipeline ------------------------------------------------------------------

@dataclass(slots=True)
class IngestResult:
    """What happened to one input: stored, already there, or refused (with why)."""

    source: str
    status: str  # "new", "duplicate", "alias", "error", "foreign"
    article_id: str | None = None
    title: str | None = None
    message: str | None = None


@dataclass(slots=True)
class IngestSummary:
    results: list[IngestResult] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def failed(self) -> int:
        return self.count("error")


@dataclass(slots=True)
class ProcessSummary:
    extracted: int = 0
    failed: int = 0  # articles whose extraction raised (stored as failed; `sitrep check` lists them)
    linked: bool = False
    incidents: int = 0
    main_incidents: int = 0


class Pipeline:
    """The pipeline bound to a store: ingest inputs, then process what is new."""

    def __init__(self, store: Store, *, options: PipelineOptions | None = None):
        self.store = store
        self.options = options or PipelineOptions()

    def ingest(
        self,
        sources: Iterable[str],
        *,
        stdin: TextIO | None = None,
        ingest_options: Any = None,
        transport: Any = None,
        resolver: Any = None,
    ) -> IngestSummary:
        """Read every source; store what is readable in one transaction; report each input."""
        summary = IngestSummary()
        good: list[Article] = []
        where: list[int] = []
        for item in read_sources(sources, options=ingest_options or IngestOptions(), transport=transport,
                                 resolver=resolver, stdin=stdin):
            if item.error is not None or item.article is None:
                summary.results.append(IngestResult(item.source, "error", message=str(item.error)))
                continue
            where.append(len(summary.results))
            summary.results.append(IngestResult(item.source, "new", item.article.id, item.article.title))
            good.append(item.article)
        self._store_articles(good, [summary.results[i] for i in where])
        return summary

    def ingest_articles(self, articles: Sequence[Article]) -> IngestSummary:
        summary = IngestSummary([IngestResult(a.source or a.id, "new", a.id, a.title) for a in articles])
        self._store_articles(list(articles), summary.results)
        return summary

    def _store_articles(self, articles: list[Article], results: list[IngestResult]) -> None:
        if not articles:
            return
        log.info("storing %d article(s)", len(articles))
        added = self.store.add_articles(articles)
        for res, add, art in zip(results, added, articles, strict=True):
            res.status = add.status
            if add.status == "new" and unread(art.language):
                res.status = "foreign"
                res.message = (f"language {art.language!r}: stored, not read (Sitrep reads en, "
                               f"{', '.join(foreign.languages())})")

    def process(self, *, progress: Progress | None = None, relink: bool = True,
                incremental: bool = True) -> ProcessSummary:
        """Extract every unprocessed article, then link and reconcile incidents.

        Crash-safe: each chunk's reports are committed as it is done, so a run stopped anywhere
        (even by SIGKILL) loses at most one chunk, and the next run extracts only what is left;
        linking is one transaction, and the next run redoes it when the reports changed since
        (``Store.link_needed``), under ``Store.linking`` so that two processes take turns.
        ``incremental``: when the stored incidents were up to date, link only the blocks the new
        reports touch (``sitrep.blocks``); else (a first run, an interrupted one) relink everything."""
        summary = ProcessSummary()
        current = (incremental and not self.store.link_needed()
                   and self.store.count_incidents(main_only=False) > 0)
        todo = self.store.articles(unprocessed=True, include_foreign=True)
        if todo:
            log.info("extracting %d article(s)", len(todo))
        new: list[str] = []
        for reports in iter_reports(todo, options=self.options, progress=progress):
            self.store.save_reports(reports)
            new += [r.article_id for r in reports if r.kind != FAILED]
            summary.extracted += len(reports)
            summary.failed += sum(1 for r in reports if r.kind == FAILED)
            log.info("extracted and stored %d of %d article(s)", summary.extracted, len(todo))
        if relink and self.store.link_needed():
            if current:
                self._link_blocks(new, summary)
            else:
                with self.store.linking():  # another process relinking meanwhile would lose our reports
                    if self.store.link_needed():  # (unless it linked them too while we waited)
                        self._relink(summary)
        summary.incidents = self.store.count_incidents(main_only=False)
        summary.main_incidents = self.store.count_incidents()
        return summary

    def _relink(self, summary: ProcessSummary) -> None:
        generation = self.store.generation()  # read first: reports stored from now on relink again
        all_reports = [r for r in self.store.reports() if r.kind != FAILED]
        log.info("linking %d report(s)", len(all_reports))
        articles = {a.id: a for a in self.store.articles(ids=[r.article_id for r in all_reports])}
        existing = self.store.incidents(main_only=False, limit=None)
        # the store's word counts, as an incremental link uses: both link alike
        incidents = link_incidents(all_reports, articles, existing=existing, stats=self.store.link_stats())
        self.store.save_incidents(incidents, replace_all=True, linked_generation=generation)
        summary.linked = True
        log.info("linked into %d incident(s)", len(incidents))

    def _link_blocks(self, article_ids: Sequence[str], summary: ProcessSummary) -> None:
        from sitrep.blocks import relink_block, unlinked_articles

        generation = self.store.generation()  # read first: reports stored from now on link again
        ids = list(dict.fromkeys([*article_ids, *unlinked_articles(self.store)]))  # and what others left
        if ids:
            log.info("linking %d report(s) into the incidents near them", len(ids))
            relink_block(self.store, ids, link_incidents, linked_generation=generation)
        summary.linked = True

    def link(self, article_ids: Sequence[str] | None = None) -> ProcessSummary:
        """Link these articles' (stored) reports into the stored incidents, reading and rewriting only
        the blocks they touch; None, or a store whose incidents lag its reports: ``relink()``."""
        summary = ProcessSummary()
        if article_ids is None or not self.store.count_incidents(main_only=False):
            return self.relink()
        self._link_blocks(article_ids, summary)
        return summary

    def relink(self) -> ProcessSummary:
        """The full pass: every stored report against every stored incident (ids stay stable)."""
        summary = ProcessSummary()
        with self.store.linking():  # another process relinking meanwhile would lose our reports
            self._relink(summary)
        return summary
