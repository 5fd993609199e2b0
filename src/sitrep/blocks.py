"""Incremental linking: a new batch reads and rewrites only the incidents in the blocks it touches.

A full relink (``sitrep relink``) links every stored report against every stored incident. Linking
only ever compares a mention with mentions of nearby dates (its own and the next date window), and
a referenced incident ("Beslan in 2004") with other references; a stored incident none of whose
mentions is passed in is returned as it was (``link.incidents``). So a batch needs only:

1. **its date block**: the stored articles published, or telling an event, within two date
   windows of any new main mention's date (a new mention with no date takes the date guessed from
   its text, ``text_window_days`` either side; stored articles with no date at all are always in);
2. **its reference block**: stored referenced mentions near a new reference's day, or, for one not
   dated to the day, the latest ``REF_CANDIDATES`` in the same town (or country), unless none of
   its words can pair it with another reference (``_pairable_keys``: a full relink pairs it with
   nothing either);
3. **its rare-word block**: the stored articles sharing with a new one a word that at most
   ``rare_df`` stored articles hold (``Store.rare_neighbours``): linking pairs those across any
   dates, so a follow-up months later meets its incident;
4. **the closure**: every article of every stored incident that holds an article of 1-3, so an
   incident is always relinked whole, never half of it. A referenced incident is read through its
   first ``ref_members`` members (by mention id): linking, full or incremental, leaves its other
   members out (they ride along, ``link.incidents.riders``), so a much-cited past event ("Beslan
   in 2004") costs a block its first members, not the thousands of articles that cite it; a stored
   article whose every reference is such a rider is not read.

Those reports are linked with those incidents as ``existing`` and with the store's word and line
counts (``Store.link_stats``: the same a full relink uses, not the block's own); what comes out
replaces exactly those incidents in one transaction (ids stay stable, as in a full relink; those
the link left as they were are not written again). The
block's date windows are locked (``Store.linking``) while it is read, linked and written, so two
processes linking overlapping blocks take turns and others link side by side.

What a block still cannot see, so that it is close to a full relink but not always equal
(BENCHMARKS.md measures how close): a change of the store's counts moves the similarity of pairs
outside the block too, which only a full relink re-weighs; and a referenced mention with no day is
compared with the ``REF_CANDIDATES`` latest in its town, where a full relink compares it with all.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from sitrep.link import LinkOptions
from sitrep.link.similarity import node, ordinal
from sitrep.link.stats import words_of
from sitrep.records import Article, Incident, Report, report_from_dict
from sitrep.store import rows

__all__ = ["Block", "block_of", "relink_block", "unlinked_articles"]

log = logging.getLogger(__name__)

_IN = "(SELECT unnest(?::VARCHAR[]))"
#: How many closure rounds at most (each adds the articles of the incidents found so far).
_MAX_ROUNDS = 20
#: Stored references read per new reference named by month or year (linking, too, keeps only the
#: ``block_top`` best candidates of an undated mention).
REF_CANDIDATES = 100

Linker = Callable[..., list[Incident]]


@dataclass(slots=True)
class Block:
    """What one incremental link reads and rewrites."""

    article_ids: set[str] = field(default_factory=set)
    incident_ids: set[str] = field(default_factory=set)
    windows: set[int] = field(default_factory=set)  # date windows (day // window_days) the block spans
    main_articles: set[str] = field(default_factory=set)  # relinked for their main mention (or story)
    ref_articles: set[str] = field(default_factory=set)  # relinked for their referenced mentions
    places: set[str] = field(default_factory=set)  # the towns (or countries) of the new references

    def keys(self) -> list[str]:
        return sorted([f"w{w}" for w in self.windows] + [f"ref:{p}" for p in self.places]) or ["undated"]


def _iso(ordinal: int) -> str:
    return dt.date.fromordinal(max(1, ordinal)).isoformat()


def _main_ranges(reports: Sequence[Report], articles: Mapping[str, Article], opts: LinkOptions):
    """The date ranges (first, last ISO day) the new reports' main mentions (or stories) reach."""
    ranges: list[tuple[str, str]] = []
    span = 2 * opts.window_days  # a node meets its own and the next window: two windows either side
    for r in reports:
        art = articles.get(r.article_id)
        main = r.main
        if main is not None:
            n = node(main, art, r.published, opts)
            if n.day is not None:
                wide = opts.text_window_days if n.text_day else span
                ranges.append((_iso(n.day - wide), _iso(n.day + wide)))
                continue
        day = ordinal((art.published if art else None) or r.published)  # a story: its own date
        if day is not None:
            ranges.append((_iso(day - span), _iso(day + span)))
    merged: list[list[str]] = []  # a day's batch is one range, not 500
    for lo, hi in sorted(ranges):
        if merged and lo <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], hi)
        else:
            merged.append([lo, hi])
    return [(lo, hi) for lo, hi in merged]


def _ref_keys(reports: Sequence[Report]) -> set[tuple[str, str | None, str | None]]:
    """(date, country, city) of each new referenced mention: the day, month or year it names."""
    return {(m.date or "", m.place.country if m.place else None, m.place.city if m.place else None)
            for r in reports for m in r.mentions if not m.main}


def _pairable_keys(con, reports: Sequence[Report], articles: Mapping[str, Article],
                   opts: LinkOptions) -> set[tuple[str, str | None, str | None]]:
    """The ``_ref_keys`` of the new references linking can pair with stored ones by their words.

    A reference with no day meets other references only through words in at most the undated cap
    of documents (``candidate_sims``: ``block_df``, or 0.2% of the store's articles; rare words are
    among them) by the store's counts. One whose every word is known to the store and past that cap
    pairs with nothing in a full relink either, so the stored references of its town can be left
    unread for it (its rare-word neighbours are read anyway)."""
    row = con.execute("SELECT value FROM store_state WHERE key = 'link_documents'").fetchone()
    cap = max(opts.block_df, int(0.002 * max(int(row[0]) if row else 0, 1)))
    words_of_key: dict[tuple, set[str]] = {}
    for r in reports:
        for m in r.mentions:
            if m.main:
                continue
            key = (m.date or "", m.place.country if m.place else None, m.place.city if m.place else None)
            text = node(m, articles.get(r.article_id), r.published, opts).text
            words_of_key.setdefault(key, set()).update(w.lower() for w in words_of(text))
    every = sorted(set().union(*words_of_key.values())) if words_of_key else []
    df = dict(con.execute("SELECT word, df FROM link_words WHERE word IN " + _IN, [every]).fetchall()) \
        if every else {}
    return {k for k, ws in words_of_key.items() if any(int(df.get(w, 0)) <= cap for w in ws)}


def _dated(con, ranges: list[tuple[str, str]]) -> set[str]:
    """Stored articles published, or telling a main event, in the ranges; and every undated article."""
    found: set[str] = set()
    for lo, hi in ranges:
        end = hi + "~"  # '~' sorts after every digit: the whole last day, whatever the precision
        found.update(r[0] for r in con.execute(
            "SELECT id FROM articles WHERE published >= ? AND published <= ?", [lo, end]).fetchall())
        found.update(r[0] for r in con.execute(
            "SELECT DISTINCT article_id FROM event_mentions WHERE main AND date >= ? AND date <= ?",
            [lo, end]).fetchall())
    found.update(r[0] for r in con.execute(
        "SELECT id FROM articles WHERE published IS NULL OR length(published) < 10").fetchall())
    return found


def _referencing(con, keys: set, opts: LinkOptions, pairable: set | None = None) -> set[str]:
    """Stored articles referencing an event the new references may be: for a reference dated to the
    day, those near its day; for another, the ``REF_CANDIDATES`` latest in the same town (or country),
    where its words can pair it (``pairable``: ``_pairable_keys``; None: all)."""
    found: set[str] = set()
    span = 2 * opts.window_days
    asked: set[tuple] = set()
    for key in sorted(keys, key=lambda k: tuple(x or "" for x in k)):
        date, country, city = key
        where, params = ["NOT m.main"], []
        day = ordinal(date)
        if day is not None:  # linking blocks a day-precise reference by its date, as a main mention
            where.append("m.date >= ? AND m.date <= ?")
            params += [_iso(day - span), _iso(day + span) + "~"]
        elif pairable is not None and key not in pairable:
            continue  # its words pair it with no stored reference (``_pairable_keys``)
        elif city:  # linking compares a reference without a day through its words: its town's name
            where.append("lower(m.city) = lower(?)")
            params.append(city)
        elif country:
            where.append("lower(m.country) = lower(?)")
            params.append(country)
        else:
            continue  # nothing but its text could find it: the next full relink will
        if (query := (tuple(where), tuple(params))) in asked:
            continue  # "the 1985 siege" and "the 1990 siege" in one town ask the same
        asked.add(query)
        found.update(r[0] for r in con.execute(
            "SELECT m.article_id FROM event_mentions m JOIN articles a ON a.id = m.article_id "
            f"WHERE {' AND '.join(where)} ORDER BY a.published DESC NULLS LAST, m.article_id "
            f"LIMIT {REF_CANDIDATES}", params).fetchall())
    return found


def _incidents_holding(con, article_ids: set[str], main: bool) -> set[str]:
    """The stored main (or referenced) incidents that hold one of these articles."""
    return {r[0] for r in con.execute(
        "SELECT DISTINCT m.incident_id FROM incident_members m JOIN incidents i ON i.id = m.incident_id "
        "WHERE i.main = ? AND m.article_id IN " + _IN, [main, sorted(article_ids)]).fetchall()}


def _close(con, article_ids: set[str], main: bool) -> tuple[set[str], set[str]]:
    """Add every article of every stored (main or referenced) incident holding one of these articles."""
    arts, incidents = set(article_ids), set()
    frontier = set(arts)
    for _ in range(_MAX_ROUNDS):
        if not frontier:
            break
        found = _incidents_holding(con, frontier, main) - incidents
        if not found:
            break
        incidents |= found
        members = {r[0] for r in con.execute(
            "SELECT DISTINCT article_id FROM incident_members "
            "WHERE article_id IS NOT NULL AND incident_id IN " + _IN, [sorted(found)]).fetchall()}
        frontier = members - arts
        arts |= frontier
    else:
        log.warning("incremental block still growing after %d rounds; relinking what it holds", _MAX_ROUNDS)
    return arts, incidents


def _close_refs(con, article_ids: set[str], new: set[str], k: int) -> tuple[set[str], set[str]]:
    """As ``_close`` for referenced incidents, each read through its first ``k`` members only (by
    mention id): linking leaves the others out (``link.incidents.riders``), so their articles are
    not read, and a stored article is kept only for a reference that is not such a rider."""
    arts, incidents, riders = set(article_ids), set(), set()
    frontier = set(arts)
    for _ in range(_MAX_ROUNDS):
        if not frontier:
            break
        found = _incidents_holding(con, frontier, False) - incidents
        if not found:
            break
        incidents |= found
        members: dict[str, list[str]] = {}
        for inc, mid in con.execute(
                "SELECT incident_id, mention_id FROM incident_members "
                "WHERE mention_id IS NOT NULL AND incident_id IN " + _IN, [sorted(found)]).fetchall():
            members.setdefault(inc, []).append(mid)
        firsts = set()
        for mids in members.values():
            ordered = sorted(mids)  # as linking orders them (Python's order, whatever the SQL collation)
            cut = k if k > 0 and len(ordered) > k else len(ordered)
            firsts.update(ordered[:cut])
            riders.update(ordered[cut:])
        reps = {m.rpartition("#")[0] for m in firsts} - {""}
        frontier = reps - arts
        arts |= frontier
    else:
        log.warning("incremental block still growing after %d rounds; relinking what it holds", _MAX_ROUNDS)
    if riders:  # an article whose every reference rides along adds nothing but its incidents
        refs: dict[str, set[str]] = {}
        stored = sorted(arts - new)
        for mid, aid in con.execute("SELECT id, article_id FROM event_mentions "
                                    "WHERE NOT main AND article_id IN " + _IN, [stored]).fetchall():
            refs.setdefault(aid, set()).add(mid)
        arts = {a for a in arts if a in new or refs.get(a, set()) - riders}
    return arts, incidents


def block_of(store, reports: Sequence[Report], articles: Mapping[str, Article],
             opts: LinkOptions | None = None, *, refs: bool = True) -> Block:
    """The block a batch of new reports touches: stored articles and incidents to relink with them.

    ``refs`` False: the main part only (its ``keys()`` are the whole block's: the reference part
    adds no date window, and its places are the new references' own), as ``relink_block`` reads
    before taking the locks; the reference part is read once, under them."""
    opts = opts or LinkOptions()
    ranges = _main_ranges(reports, articles, opts)
    new = {r.article_id for r in reports}
    rare = store.rare_neighbours(sorted(new))
    with store._connect() as con:
        main_arts, main_incs = _close(con, new | _dated(con, ranges) | rare, True)
        keys = _ref_keys(reports)
        ref_arts, ref_incs = set(), set()
        if refs:
            referencing = {r.article_id for r in reports if any(not m.main for m in r.mentions)}
            pairable = _pairable_keys(con, reports, articles, opts) if keys else set()
            stored = _referencing(con, keys, opts, pairable) if keys else set()
            if referencing and rare:  # a referenced mention pairs through its rare words too
                stored |= {r[0] for r in con.execute(
                    "SELECT DISTINCT article_id FROM event_mentions WHERE NOT main AND article_id IN "
                    + _IN, [sorted(rare)]).fetchall()}
            ref_arts, ref_incs = _close_refs(con, referencing | stored, new, opts.ref_members)
        days = [r[0] for r in con.execute(
            "SELECT published FROM articles WHERE id IN " + _IN, [sorted(main_arts)]).fetchall()]
    block = Block(article_ids=main_arts | ref_arts, incident_ids=main_incs | ref_incs,
                  main_articles=main_arts, ref_articles=ref_arts)
    block.windows = {d // opts.window_days for d in (ordinal(x) for x in days) if d is not None}
    for lo, hi in ranges:
        a, b = ordinal(lo), ordinal(hi)
        if a is not None and b is not None:
            block.windows.update(range(a // opts.window_days, b // opts.window_days + 1))
    block.places = {(k[2] or k[1] or "").lower() for k in keys}
    return block


def _incidents(store, ids: Iterable[str]) -> list[Incident]:
    with store._connect() as con:
        data = con.execute("SELECT record FROM incidents WHERE id IN " + _IN + " ORDER BY id",
                           [sorted(ids)]).fetchall()
    return [rows.incident_from_row(r[0]) for r in data]


def _ref_reports(store, article_ids: Iterable[str]) -> list[Report]:
    """These articles' stored reports with their referenced mentions only (the main one unread)."""
    wanted = sorted(article_ids)
    if not wanted:
        return []
    with store._connect() as con:
        data = con.execute("SELECT record FROM reports WHERE article_id IN " + _IN + " ORDER BY article_id",
                           [wanted]).fetchall()
    out = []
    for (record,) in data:
        d = json.loads(record)
        d["mentions"] = [m for m in d.get("mentions") or [] if not m.get("main")]
        out.append(report_from_dict(d))
    return out


def unlinked_articles(store) -> list[str]:
    """Articles with a mention in no incident: reports stored but not linked yet (by any process)."""
    with store._connect() as con:
        return [r[0] for r in con.execute(
            "SELECT DISTINCT article_id FROM event_mentions WHERE id NOT IN "
            "(SELECT mention_id FROM incident_members WHERE mention_id IS NOT NULL) ORDER BY 1").fetchall()]


def relink_block(store, new_article_ids: Sequence[str], link: Linker, opts: LinkOptions | None = None,
                 *, linked_generation: int | None = None) -> tuple[int, int]:
    """Link the new articles' reports with their block and store the result.

    Returns (reports linked, incidents written)."""
    opts = opts or LinkOptions()
    new = store.reports(article_ids=new_article_ids)
    if not new:
        return 0, 0
    new_arts = {a.id: a for a in store.articles(ids=[r.article_id for r in new])}
    keys = block_of(store, new, new_arts, opts, refs=False).keys()  # the locks to take
    while True:
        with store.linking(keys):
            # Read again under the lock: another process may have linked into the block meanwhile.
            block = block_of(store, new, new_arts, opts)
            if not set(block.keys()) <= set(keys):
                keys = sorted(set(keys) | set(block.keys()))
                continue  # the block grew past the locks held: take the larger set
            # an article read for its references alone: its report's referenced mentions only
            only_refs = block.ref_articles - block.main_articles
            reports = {r.article_id: r for r in store.reports(article_ids=sorted(block.main_articles))}
            reports.update((r.article_id, r) for r in _ref_reports(store, only_refs))
            articles = {a.id: a for a in store.articles(ids=sorted(block.article_ids))}
            existing = _incidents(store, block.incident_ids)
            # Main and referenced mentions never link to each other, so they are two independent
            # links: each article takes part with the mentions its block needs.
            mains = [replace(r, mentions=[m for m in r.mentions if m.main]) for a, r in reports.items()
                     if a in block.main_articles]
            refs = [replace(r, mentions=[m for m in r.mentions if not m.main]) for a, r in reports.items()
                    if a in block.ref_articles]
            # the store's counts (as a full relink's) of the words the two links read: a main
            # article's document, a reference's span (not the whole document of its article)
            spans = [node(m, articles.get(r.article_id), r.published, opts).text for r in refs
                     for m in r.mentions]
            stats = store.link_stats([articles[a] for a in sorted(block.main_articles) if a in articles],
                                     texts=spans)
            out = link(mains, articles, existing=[i for i in existing if i.main], options=opts, stats=stats)
            if refs:
                out += link(refs, articles, existing=[i for i in existing if not i.main],
                            options=replace(opts, stories=False), stats=stats)
            before = {i.id: i for i in existing}
            # what the link left as it was is not written again (a much-cited incident has many members)
            store.save_incidents([i for i in out if before.get(i.id) != i],
                                 drop=block.incident_ids - {i.id for i in out},
                                 linked_generation=linked_generation)
            log.info("incremental link: %d new report(s), block of %d article(s) and %d incident(s) -> %d",
                     len(new), len(block.article_ids), len(block.incident_ids), len(out))
            return len(reports), len(out)
