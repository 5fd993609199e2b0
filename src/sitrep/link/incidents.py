"""Linking: event mentions from many articles -> incidents (one per real-world event).

How (no all-pairs comparison; each step in its own module):
1. **Similarity** (``similarity.py``): every mention is a node with a text and what extraction
   read; pairs are blocked by date window and shared rare names, compared by TF-IDF cosine and
   weighed by evidence (day, city, figures, type); some pairs are forbidden outright.
2. **Clustering** (``cluster.py``): average link over the sparse graph, never across a forbidden
   pair, stopping at ``threshold``; a lone article then joins its closest cluster at a lower bar.
3. **Assembly** (here): each cluster becomes an Incident with its date, place and type chosen by
   ``fields.py``, its actors (each name once), a title and one plain Source per article. Copies
   and figures are not linking's business: the pipeline runs ``copies`` and ``reconcile`` next.
4. **Incremental ids.** Incidents passed as ``existing`` start as clusters (their links are
   kept, except for a member now forbidden with the incident's first member: the split) and keep
   their ids; a new incident's id is "i" + 12 hex of the hash of its earliest member mention id.
   Stored incidents none of whose mentions were passed in are returned as they were.
5. **A much-cited past event** (``riders``). A stored referenced incident ("Beslan in 2004") takes
   part through its first ``ref_members`` members (by mention id) only; the others ride along: they
   are no nodes (no similarity, no vote in its fields or figures) and stay in whatever incident its
   first member ends up in. A full relink and an incremental block apply the rule alike, so a block
   reads a much-cited incident's first members, not all of them (``sitrep.blocks``).
"""
from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Mapping, Sequence

from sitrep.link import fields
from sitrep.link.cluster import cluster
from sitrep.link.options import LinkOptions
from sitrep.link.similarity import (
    Node,
    adjust,
    candidate_sims,
    cross_lingual_pairs,
    is_story,
    node,
    story_mention,
    vectors,
)
from sitrep.link.stats import LinkStats
from sitrep.link.text import drop_shared_lines
from sitrep.records import Actor, Article, Incident, Report, Source

log = logging.getLogger(__name__)


def name_key(name: str) -> str:
    """One key for spellings of one name: case, punctuation and doubled letters ("Zelenskyy") ignored."""
    return re.sub(r"(\w)\1+", r"\1", re.sub(r"[^\w]+", " ", name.lower())).strip()


def _id(mention_ids: Sequence[str]) -> str:
    return "i" + hashlib.sha256(min(mention_ids).encode()).hexdigest()[:12]


def _incident(nodes: Sequence[Node]) -> Incident:
    """One cluster as an Incident: fields, actors, title, one plain Source per article."""
    ms = [n.mention for n in nodes]
    inc = Incident(id=_id([m.id for m in ms]), mention_ids=sorted(m.id for m in ms), main=ms[0].main)
    members = [(n.mention, n.published) for n in nodes]
    inc.date, inc.date_precision = fields.incident_date(members)
    inc.place = fields.incident_place(members, [n.article.text if n.article else "" for n in nodes])
    inc.type = fields.incident_type(ms)
    seen: set[tuple[str, str]] = set()
    actors: list[Actor] = []
    for m in ms:
        for a in m.actors:
            k = (a.role, name_key(a.name))
            if k not in seen:
                seen.add(k)
                actors.append(a)
    inc.actors = actors
    inc.sources = [Source(article_id=aid) for aid in sorted({m.article_id for m in ms})]
    first = min(nodes, key=lambda n: ((n.article.published or "~") if n.article else "~", n.mention.id))
    inc.title = (first.article.title if first.article and first.article.title and inc.main else "") \
        or first.mention.summary[:200]
    return inc


def riders(existing: Sequence[Incident], opts: LinkOptions) -> dict[str, list[str]]:
    """Stored referenced incident id -> its members past its first ``ref_members`` (by mention id):
    they stay in it but take no part in linking (module doc, 5)."""
    k = opts.ref_members
    return {inc.id: sorted(inc.mention_ids)[k:] for inc in existing
            if not inc.main and k > 0 and len(inc.mention_ids) > k}


def link(
    reports: Sequence[Report],
    articles: Mapping[str, Article],
    *,
    existing: Sequence[Incident] = (),
    options: LinkOptions | None = None,
    stats: LinkStats | None = None,
) -> list[Incident]:
    """All incidents (main and referenced) the reports' mentions describe; see the module doc.

    ``stats``: the corpus's word and line counts (``link.stats``; a store's, so that a block links
    as a full relink does); by default those of the reports' articles. The incidents come without
    figures and with every source independent: the pipeline's ``link_incidents`` adds copies and
    reconciled figures.
    """
    opts = options or LinkOptions()
    by_article = {r.article_id: r for r in reports}
    riding = riders(existing, opts)
    aboard = {m for ms in riding.values() for m in ms}
    nodes = [node(m, articles.get(r.article_id), r.published, opts)
             for r in sorted(by_article.values(), key=lambda r: r.article_id)
             for m in (r.mentions if r.main is not None or not opts.stories or r.article_id not in articles
                       else [story_mention(r.article_id), *r.mentions]) if m.id not in aboard]
    if not nodes:
        return list(existing)
    if stats is None:
        stats = LinkStats.of_articles((articles[a] for a in by_article if a in articles), opts.text_chars)
    texts = drop_shared_lines([n.text for n in nodes], opts.boilerplate_df, stats.lines)
    x, col_df, documents = vectors(texts, opts.name_weight, stats)
    sims, forbid = {}, set()
    pairs = candidate_sims(x, nodes, opts, col_df, documents)
    for p in cross_lingual_pairs(nodes, opts):  # words cannot tell; the town, date and figures do
        pairs[p] = max(pairs.get(p, 0.0), opts.cross_lingual)
    for (i, j), s in pairs.items():
        v = adjust(nodes[i], nodes[j], s, opts)
        if v is None:
            forbid.add((i, j))
        else:
            sims[(i, j)] = v
    index = {n.mention.id: i for i, n in enumerate(nodes)}
    start, old_of = [], {}
    for inc in existing:
        group = [index[m] for m in inc.mention_ids if m in index]
        # Split: a member forbidden with the group's first member leaves it.
        kept = [i for i in group if (min(i, group[0]), max(i, group[0])) not in forbid and
                adjust(nodes[group[0]], nodes[i], 1.0, opts) is not None or i == group[0]] if group else []
        if kept:
            start.append(kept)
            old_of[kept[0]] = inc.id
    clusters = cluster(len(nodes), sims, forbid, start, opts.threshold, opts.attach_factor)
    out, used, covered = [], set(), set()
    reserved = {inc.id for inc in existing}
    stored_size = {inc.id: len(inc.mention_ids) for inc in existing}
    for members in clusters:
        if len(members) == 1 and is_story(nodes[members[0]].mention.id):
            continue  # an article about no incident that no other report tells is no incident
        inc = _incident([nodes[i] for i in members])
        along = [m for i in members if i in old_of for m in riding.get(old_of[i], ())]
        if along:  # the stored incidents' riders stay with their first members
            inc.mention_ids = sorted({*inc.mention_ids, *along})
            inc.sources = [Source(article_id=a) for a in
                           sorted({*inc.article_ids, *(m.rpartition("#")[0] for m in along)} - {""})]
        old = [old_of[i] for i in members if i in old_of and old_of[i] not in used]
        if old:  # two stored incidents merged: the larger (then the smaller id) keeps its id
            inc.id = min(old, key=lambda i: (-stored_size[i], i))
            used.add(inc.id)
        else:
            while inc.id in reserved:  # a fresh id never takes a stored incident's id
                inc.id = "i" + hashlib.sha256(inc.id.encode()).hexdigest()[:12]
            reserved.add(inc.id)
        covered.update(inc.mention_ids)
        out.append(inc)
    # Stored incidents none of whose mentions were passed in stay as they were.
    out += [inc for inc in existing if inc.id not in used and not set(inc.mention_ids) & covered]
    out.sort(key=lambda i: (not i.main, i.date or "", i.id))
    log.info("linked %d mentions into %d incidents", len(nodes), len(out))
    return out
