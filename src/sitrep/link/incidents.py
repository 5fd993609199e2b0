"""Linking: event mentions from many articles -> incidents (one per real-world event).

How (no all-pairs comparison):
1. **Nodes.** Every event mention is a node: the article's main mention reads the article's title
   and text; a referenced mention reads only its own span. An article in which extraction found
   no incident (triage or extraction said irrelevant) is still a node, a *story*: a bare main
   mention (``story_mention``) that links through its text alone, so that the reports of one
   event stay together whatever its kind; a story no other article tells makes no incident.
   Lines that ``boilerplate_df`` or more articles share (the site's furniture) are left out of
   every text but the title. Each node has a date (the
   mention's event date, when it is a day written with a number or anchored by a publication
   date; else the article's publication date; else the first full date the text writes), a
   place, a type, and the figures the article states.
2. **Blocking.** Nodes are sorted by date and cut into windows of ``window_days``; a node is only
   compared with nodes of its own and the next window (undated nodes with everyone, through the
   sparse product of their term vectors, which only touches nodes sharing a term). Pairs that
   share a rare word (a name: at most ``rare_df`` documents hold it) are compared whatever their
   dates, so a trial report months later can still join its shooting (with its similarity cut
   by ``follow_up_factor``).
3. **Similarity.** Cosine of TF-IDF vectors over content words, with capitalised words (names,
   places) and numbers weighted up; then evidence from extraction. Two mentions of one article,
   or a main mention and a referenced one, are *never* linked. Event dates (day precision)
   further apart than ``event_window_days`` (or beyond the date window: a follow-up), cities more
   than 25 km apart, different stated totals or types multiply the similarity down
   (``*_conflict``; a factor of 0 forbids instead). Each kind of evidence counts once, and all
   penalties together keep at least ``penalty_floor`` of the similarity: extracted dates and
   places are often misread or describe a follow-up (an arrest, a trial), while shared names
   are the surest evidence. Agreeing city, day and figures multiply it up.
4. **Clustering.** Average-link agglomeration over the sparse similarity graph (a missing pair
   counts 0), never merging two clusters that hold a forbidden pair; stop at ``threshold``.
   Then an article left alone joins its closest cluster at ``attach_factor`` x ``threshold``.
5. **Incremental ids.** Incidents passed as ``existing`` start as clusters (their links are
   kept, except for a member now forbidden with the incident's first member: the split) and keep
   their ids; a new incident's id is "i" + 12 hex of the hash of its earliest member mention id.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import heapq
import logging
import math
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

import numpy as np
from scipy import sparse

from sitrep.link import copies, fields
from sitrep.reconcile import reconcile_all
from sitrep.records import Actor, Article, EventMention, Incident, Report

log = logging.getLogger(__name__)


@dataclass(slots=True)
class LinkOptions:
    threshold: float = 0.17  # average-link similarity needed to merge two clusters
    window_days: int = 7  # blocking window on (publication) dates
    text_window_days: int = 90  # the same for dates guessed from the text
    event_window_days: int = 2  # two event dates (day precision) further apart are two events
    attach_factor: float = 0.7  # a lone article joins a cluster at this share of the threshold
    name_weight: float = 3.0  # capitalised words and numbers count this many times a plain word
    rare_df: int = 6  # words in at most this many documents make candidates across any dates
    follow_up_days: int = 1100  # reports further apart than this are never one incident
    follow_up_factor: float = 0.5  # similarity kept for a pair beyond the date window
    block_df: int = 200  # undated nodes find candidates through words in at most this many documents
    block_top: int = 100  # ... and keep this many best candidates each
    date_conflict: float = 0.5  # similarity kept when event dates disagree (0: never one incident)
    place_conflict: float = 0.8  # the same for different cities / states
    figure_conflict: float = 0.8  # ... for different killed (or injured) totals: tolls get revised
    type_conflict: float = 0.85  # ... for different event types
    year_conflict: float = 0.5  # ... when the years the two texts name are disjoint (and no date told)
    penalty_floor: float = 0.3  # all penalties together keep at least this share of the similarity
    same_day: float = 1.15  # similarity multiplied when both event dates (day precision) agree
    same_city: float = 1.2  # ... when both name the same city
    same_toll: float = 1.1  # ... per agreeing non-zero killed (injured) total
    min_sim: float = 0.05  # pairs below this are dropped from the graph
    text_chars: int = 6000  # how much of a main article's text describes it
    conservative: bool = False  # ACLED-style reconciliation (best = lowest)
    boilerplate_df: int = 3  # a line in this many articles is site furniture, not the story (0: keep all)
    stories: bool = True  # an article with no incident mention still links, through its text alone


_STORY = "#story"


def _name_key(name: str) -> str:
    """One key for spellings of one name: case, punctuation and doubled letters ("Zelenskyy") ignored."""
    return re.sub(r"(\w)\1+", r"\1", re.sub(r"[^\w]+", " ", name.lower())).strip()


def story_mention(article_id: str) -> EventMention:
    """The bare main mention linking gives an article in which extraction found no incident."""
    return EventMention(id=f"{article_id}{_STORY}", article_id=article_id, main=True)


@dataclass(slots=True)
class _Node:
    mention: EventMention
    article: Article | None
    text: str
    day: int | None = None  # ordinal of the node's date
    event_day: bool = False  # the date is the event's own (day precision), not a publication date
    text_day: bool = False  # the date was read from the text's first full date (a guess)
    city: str | None = None
    admin1: str | None = None
    killed: int | None = None
    injured: int | None = None
    lat: float | None = None
    lon: float | None = None
    label: str | None = None
    years: frozenset[int] = field(default_factory=frozenset)


_MONTHS = {m: i for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}
_TEXT_DATE = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?\s*,?\s+((?:19|20)\d\d)\b"
    r"|\b(\d{1,2})\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+((?:19|20)\d\d)\b", re.I)
# A date written with a number ("June 20", "6/20/2005"): "Thursday" or "yesterday" only means a day
# once a publication date anchors it.
_ABSOLUTE = re.compile(r"\d")
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'\-]+|\d+(?:[.,]\d+)?")


def _ordinal(iso: str | None) -> int | None:
    if not iso or len(iso) < 10:
        return None
    try:
        return dt.date.fromisoformat(iso[:10]).toordinal()
    except ValueError:
        return None


def _text_date(text: str) -> int | None:
    """The first full date the text writes (a dateline), for articles with no metadata."""
    m = _TEXT_DATE.search(text[:1500])
    if not m:
        return None
    if m.group(1):
        mon, day, year = _MONTHS[m.group(1).lower()[:3]], int(m.group(2)), int(m.group(3))
    else:
        day, mon, year = int(m.group(4)), _MONTHS[m.group(5).lower()[:3]], int(m.group(6))
    try:
        return dt.date(year, mon, day).toordinal()
    except ValueError:
        return None


def _norm(s: str | None) -> str | None:
    return re.sub(r"[^a-z]", "", s.lower()) or None if s else None


def _node(m: EventMention, art: Article | None, published: str | None, opts: LinkOptions) -> _Node:
    full = art.text if art else ""
    if m.main:
        text = ((art.title or "") + "\n" if art else "") + full[:opts.text_chars]
    else:
        text = full[m.start:m.end] if full and m.end > m.start else m.summary
        text = text or m.summary
    n = _Node(mention=m, article=art, text=text)
    published = published or (art.published if art else None)
    if m.date_precision == "day" and _ordinal(m.date) and (published or _ABSOLUTE.search(m.date_text or "")):
        n.day, n.event_day = _ordinal(m.date), True
    elif m.main:
        n.day = _ordinal(published)
        if n.day is None:
            n.day = _text_date(full)
            n.text_day = n.day is not None
    p = m.place
    if p is not None:
        n.city, n.admin1, n.lat, n.lon = _norm(p.city), _norm(p.admin1), p.lat, p.lon
    # A total with no claim behind it is extraction's default, not something the article said.
    stated = {f.category for f in m.figures}
    n.killed, n.injured = ((m.totals.get(c) if c in stated else None) for c in ("killed", "injured"))
    n.label = m.type.label if m.type else None
    years = {int(y) for y in _YEAR.findall(text[:opts.text_chars])}
    if m.date:
        years.add(int(m.date[:4]))
    n.years = frozenset(years)
    return n


def _vectors(texts: Sequence[str], name_weight: float = 3.0) -> sparse.csr_matrix:
    """Row-normalised TF-IDF; names and numbers count double (they tell same-kind events apart)."""
    vocab: dict[str, int] = {}
    rows, cols, vals = [], [], []
    for i, t in enumerate(texts):
        counts: dict[str, float] = defaultdict(float)
        for tok in _TOKEN.findall(t):
            low = tok.lower()
            if low in copies._STOP or len(low) < 3 and not low.isdigit():
                continue
            counts[low] += name_weight if tok[0].isupper() or tok[0].isdigit() else 1.0
        for w, c in counts.items():
            rows.append(i)
            cols.append(vocab.setdefault(w, len(vocab)))
            vals.append(1.0 + math.log(c))
    n = max(len(texts), 1)
    x = sparse.csr_matrix((vals, (rows, cols)), shape=(len(texts), max(len(vocab), 1)))
    df = np.bincount(x.indices, minlength=x.shape[1])
    idf = np.log((n + 1) / (df + 1)) + 1.0
    idf[df > max(0.5 * n, 20)] = 0.0  # words in half the documents carry no identity
    x = x.multiply(idf).tocsr()
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(x.multiply(1.0 / norms[:, None]))


_LINE_SPACE = re.compile(r"\s+")


def _drop_shared_lines(texts: Sequence[str], min_df: int) -> list[str]:
    """Texts without the lines (but the first: the title) that ``min_df`` or more texts share.

    Archived pages carry their site's furniture ("Your notification has been saved.", sign-in
    forms) and it outweighs a short story: two pages of one site looked alike whatever they told.
    """
    if min_df <= 1:
        return list(texts)
    split = [t.split("\n") for t in texts]
    keys = [[_LINE_SPACE.sub(" ", line).strip().lower() for line in lines] for lines in split]
    df = Counter(k for ks in keys for k in set(ks[1:]) if len(k) >= 15)
    if not df or max(df.values()) < min_df:
        return list(texts)
    return ["\n".join(line for n, (line, k) in enumerate(zip(lines, ks, strict=True))
                      if n == 0 or df.get(k, 0) < min_df)
            for lines, ks in zip(split, keys, strict=True)]


def _candidate_sims(
    x: sparse.csr_matrix, nodes: Sequence[_Node], opts: LinkOptions
) -> dict[tuple[int, int], float]:
    """Cosine over blocked pairs only: same or next date window, undated against all."""
    out: dict[tuple[int, int], float] = {}

    def add(rows: np.ndarray, cols: np.ndarray) -> None:
        if not len(rows) or not len(cols):
            return
        s = (x[rows] @ x[cols].T).tocoo()
        keep = s.data >= opts.min_sim
        i, j, v = rows[s.row[keep]], cols[s.col[keep]], s.data[keep]
        pair = i != j
        lo, hi = np.minimum(i, j)[pair].tolist(), np.maximum(i, j)[pair].tolist()
        out.update(zip(zip(lo, hi, strict=True), v[pair].tolist(), strict=True))

    def exact(pi: list[int], pj: list[int]) -> None:
        """Cosine of the given pairs, row by row."""
        for lo in range(0, len(pi), 50000):
            i, j = np.array(pi[lo:lo + 50000]), np.array(pj[lo:lo + 50000])
            v = np.asarray(x[i].multiply(x[j]).sum(axis=1)).ravel()
            keep = (v >= opts.min_sim) & (i != j)
            lo_, hi_ = np.minimum(i, j)[keep].tolist(), np.maximum(i, j)[keep].tolist()
            out.update(zip(zip(lo_, hi_, strict=True), v[keep].tolist(), strict=True))

    windows: dict[int, list[int]] = defaultdict(list)
    undated = []
    for i, n in enumerate(nodes):
        if n.day is None or n.text_day:  # a guessed date does not block
            undated.append(i)
        else:
            windows[n.day // opts.window_days].append(i)
    for w, members in windows.items():
        rows = np.array(members)
        add(rows, np.array(members + windows.get(w + 1, [])))
    if undated:
        # Undated nodes are compared with everyone, but only through words that are rare enough
        # (at most ``block_df`` documents) and only with their ``block_top`` best candidates, so a
        # stream of undated references cannot turn this into an all-pairs comparison.
        n = len(nodes)
        cap = max(opts.block_df, int(0.002 * n))
        col_df = np.bincount(x.indices, minlength=x.shape[1])
        xb = x.multiply((col_df <= cap).astype(float)[None, :]).tocsr()
        for lo in range(0, len(undated), 2000):
            rows = np.array(undated[lo:lo + 2000])
            s = (xb[rows] @ xb.T).tocsr()
            pi, pj = [], []
            for r in range(s.shape[0]):
                cols, vals = s.indices[s.indptr[r]:s.indptr[r + 1]], s.data[s.indptr[r]:s.indptr[r + 1]]
                if len(cols) > opts.block_top:
                    cols = cols[np.argpartition(-vals, opts.block_top)[:opts.block_top]]
                pi += [int(rows[r])] * len(cols)
                pj += cols.tolist()
            exact(pi, pj)
    # Follow-ups (arrest, trial) come months later: pairs sharing a rare word (a name) are
    # compared whatever their dates. Rare words touch few documents, so this stays near-linear.
    xc = x.tocsc()
    df = np.diff(xc.indptr)
    pairs: set[tuple[int, int]] = set()
    for t in np.flatnonzero((df >= 2) & (df <= opts.rare_df)):
        docs = sorted(xc.indices[xc.indptr[t]:xc.indptr[t + 1]].tolist())
        pairs.update((a, b) for k, a in enumerate(docs) for b in docs[k + 1:])
    pairs.difference_update(out)
    if pairs:
        pi, pj = zip(*pairs, strict=True)
        exact(list(pi), list(pj))
    return out


def _km(a: _Node, b: _Node) -> float | None:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    dy = (a.lat - b.lat) * 111.2
    dx = (a.lon - b.lon) * 111.2 * math.cos(math.radians((a.lat + b.lat) / 2))
    return math.hypot(dx, dy)


def _adjust(a: _Node, b: _Node, sim: float, opts: LinkOptions) -> float | None:
    """Evidence beyond the text; None forbids the link.

    Each kind of evidence counts once (a date months away is one piece of evidence, not a date
    conflict, a follow-up and a year mismatch), and all the penalties together never take more
    than ``penalty_floor`` of the similarity away: what the text shares (names, streets) is the
    surest evidence, and extracted fields are often misread or describe a follow-up.
    """
    if a.mention.article_id == b.mention.article_id or a.mention.main != b.mention.main:
        return None
    down = up = 1.0
    date_down = 1.0
    if a.day is not None and b.day is not None:
        gap = abs(a.day - b.day)
        if gap > opts.follow_up_days:
            return None
        if a.event_day and b.event_day and gap > opts.event_window_days:
            if not opts.date_conflict:
                return None
            date_down = opts.date_conflict
        if gap > (opts.text_window_days if a.text_day or b.text_day else opts.window_days):
            date_down = min(date_down, opts.follow_up_factor)  # a later follow-up must share more to join
        if a.event_day and b.event_day and gap == 0:
            up *= opts.same_day
    if date_down == 1.0 and a.years and b.years and not a.years & b.years:
        date_down = opts.year_conflict
    down *= date_down
    near = _km(a, b)
    if a.city and b.city:
        if a.city == b.city:
            up *= opts.same_city
        elif near is None or near > 25:  # a suburb and its city ("Evanston", "Chicago") may agree
            if not opts.place_conflict:
                return None
            down *= opts.place_conflict
    elif a.admin1 and b.admin1 and a.admin1 != b.admin1 and (near is None or near > 25):
        if not opts.place_conflict:
            return None
        down *= opts.place_conflict
    figure_down = 1.0
    for x, y in ((a.killed, b.killed), (a.injured, b.injured)):
        if x is not None and y is not None:
            if x != y:
                figure_down = opts.figure_conflict
            elif x > 0:
                up *= opts.same_toll
    down *= figure_down
    if a.label and b.label and a.label != b.label:
        down *= opts.type_conflict
    return sim * up * max(down, opts.penalty_floor)


def _cluster(n: int, sims: dict[tuple[int, int], float], forbid: set[tuple[int, int]],
             start: Sequence[Sequence[int]], threshold: float,
             attach_factor: float = 0.7) -> list[list[int]]:
    """Average-link agglomeration on a sparse graph with cannot-links, then lone articles attach."""
    owner = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    for group in start:  # existing incidents start merged
        head = group[0]
        for i in group[1:]:
            members[head].append(i)
            del members[i]
            owner[i] = head
    total: dict[int, dict[int, float]] = defaultdict(dict)
    bad: dict[int, set[int]] = defaultdict(set)
    for (i, j), s in sims.items():
        a, b = owner[i], owner[j]
        if a != b:
            total[a][b] = total[a].get(b, 0.0) + s
            total[b][a] = total[b].get(a, 0.0) + s
    for i, j in forbid:
        a, b = owner[i], owner[j]
        if a != b:
            bad[a].add(b)
            bad[b].add(a)

    def avg(a: int, b: int) -> float:
        return total[a].get(b, 0.0) / (len(members[a]) * len(members[b]))

    def merge(a: int, b: int) -> None:
        members[a].extend(members.pop(b))
        for k, s in total.pop(b).items():
            total[k].pop(b, None)
            if k != a:
                total[a][k] = total[a].get(k, 0.0) + s
                total[k][a] = total[a][k]
        total[a].pop(b, None)
        for k in bad.pop(b, set()):
            bad[k].discard(b)
            if k != a:
                bad[a].add(k)
                bad[k].add(a)

    heap = [(-avg(a, b), a, b) for a, nb in list(total.items()) for b in nb if a < b and b not in bad[a]]
    heapq.heapify(heap)
    while heap:
        neg, a, b = heapq.heappop(heap)
        if -neg < threshold:
            break
        if a not in members or b not in members or b in bad[a] or abs(-neg - avg(a, b)) > 1e-9:
            continue  # stale entry
        merge(a, b)
        for k in total[a]:
            if k not in bad[a]:
                heapq.heappush(heap, (-avg(a, k), min(a, k), max(a, k)))
    # Stragglers: an article alone joins the cluster it is closest to on average, at a lower bar
    # (average link is strict with large clusters, and a lone report has nobody to vote for it).
    lone = sorted((i for i, m in members.items() if len(m) == 1),
                  key=lambda i: -max(total[i].values(), default=0.0))
    for i in lone:
        if i not in members or len(members[i]) != 1:
            continue
        near = [(avg(i, k), k) for k in total[i] if len(members[k]) > 1 and k not in bad[i]]
        if near and max(near)[0] >= threshold * attach_factor:
            merge(max(near)[1], i)
    return list(members.values())


def _id(mention_ids: Sequence[str]) -> str:
    return "i" + hashlib.sha256(min(mention_ids).encode()).hexdigest()[:12]


def _incident(nodes: Sequence[_Node], reports: Mapping[str, Report], opts: LinkOptions) -> Incident:
    ms = [n.mention for n in nodes]
    inc = Incident(id=_id([m.id for m in ms]), mention_ids=sorted(m.id for m in ms), main=ms[0].main)
    members = [(n.mention, _published(n, reports)) for n in nodes]
    inc.date, inc.date_precision = fields.incident_date(members)
    inc.place = fields.incident_place(members, [n.article.text if n.article else "" for n in nodes])
    inc.type = fields.incident_type(ms)
    seen: set[tuple[str, str]] = set()
    actors: list[Actor] = []
    for m in ms:
        for a in m.actors:
            k = (a.role, _name_key(a.name))
            if k not in seen:
                seen.add(k)
                actors.append(a)
    inc.actors = actors
    arts = {n.article.id: n.article for n in nodes if n.article is not None}
    rels = copies.relations(list(arts.values()), reports=reports) if inc.main else {}
    inc.sources = [rels.get(aid) or _source(aid) for aid in sorted({m.article_id for m in ms})]
    claims = []
    for n in nodes:
        pub = _published(n, reports)
        for f in n.mention.figures:
            claims.append(f if f.published or not pub else replace(f, published=pub))
    totals = {n.mention.article_id: n.mention.totals for n in nodes if n.mention.totals}
    voters = {s.article_id for s in inc.sources if s.relation == "independent"}
    inc.figures = reconcile_all(claims, conservative=opts.conservative, totals=totals, voters=voters)
    first = min(nodes, key=lambda n: ((n.article.published or "~") if n.article else "~", n.mention.id))
    inc.title = (first.article.title if first.article and first.article.title and inc.main else "") \
        or first.mention.summary[:200]
    return inc


def _published(n: _Node, reports: Mapping[str, Report]) -> str | None:
    rep = reports.get(n.mention.article_id)
    return (n.article.published if n.article else None) or (rep.published if rep else None)


def _source(aid: str):
    from sitrep.records import Source
    return Source(article_id=aid)


def link(
    reports: Sequence[Report],
    articles: Mapping[str, Article],
    *,
    existing: Sequence[Incident] = (),
    options: LinkOptions | None = None,
) -> list[Incident]:
    """All incidents (main and referenced) the reports' mentions describe; see the module doc."""
    opts = options or LinkOptions()
    by_article = {r.article_id: r for r in reports}
    nodes = [_node(m, articles.get(r.article_id), r.published, opts)
             for r in sorted(by_article.values(), key=lambda r: r.article_id)
             for m in (r.mentions if r.main is not None or not opts.stories or r.article_id not in articles
                       else [story_mention(r.article_id), *r.mentions])]
    if not nodes:
        return list(existing)
    x = _vectors(_drop_shared_lines([n.text for n in nodes], opts.boilerplate_df), opts.name_weight)
    sims, forbid = {}, set()
    for (i, j), s in _candidate_sims(x, nodes, opts).items():
        v = _adjust(nodes[i], nodes[j], s, opts)
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
                _adjust(nodes[group[0]], nodes[i], 1.0, opts) is not None or i == group[0]] if group else []
        if kept:
            start.append(kept)
            old_of[kept[0]] = inc.id
    clusters = _cluster(len(nodes), sims, forbid, start, opts.threshold, opts.attach_factor)
    out, used, covered = [], set(), set()
    reserved = {inc.id for inc in existing}
    stored_size = {inc.id: len(inc.mention_ids) for inc in existing}
    for members in clusters:
        if len(members) == 1 and nodes[members[0]].mention.id.endswith(_STORY):
            continue  # an article about no incident that no other report tells is no incident
        inc = _incident([nodes[i] for i in members], by_article, opts)
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
