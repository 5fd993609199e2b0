"""How alike two event mentions are: nodes, term vectors, blocked candidate pairs, evidence.

1. **Nodes.** Every event mention is a node: the article's main mention reads the article's title
   and text; a referenced mention reads only its own span. An article in which extraction found
   no incident is a *story* node (``story_mention``), linking through its text alone. Each node
   has a date (the mention's event date, when it is a day written with a number or anchored by a
   publication date; else the article's publication date; else the first full date the text
   writes), a place, a type, and the figures the article states.
2. **Text.** Lines that ``boilerplate_df`` or more articles share (the site's furniture) are left
   out of every text but the title. Row-normalised TF-IDF over content words, with capitalised
   words (names, places) and numbers weighted up.
3. **Blocking.** Nodes are sorted by date and cut into windows of ``window_days``; a node is only
   compared with nodes of its own and the next window (undated nodes with everyone, through the
   sparse product of their term vectors, which only touches nodes sharing a term). Pairs that
   share a rare word (a name: at most ``rare_df`` documents hold it) are compared whatever their
   dates, so a trial report months later can still join its shooting.
4. **Evidence** (``adjust``). Two mentions of one article, or a main mention and a referenced one,
   are *never* linked. Event dates further apart than ``event_window_days`` (or beyond the date
   window: a follow-up), cities more than 25 km apart, different stated totals or types multiply
   the similarity down (``*_conflict``; a factor of 0 forbids instead). Each kind of evidence
   counts once, and all penalties together keep at least ``penalty_floor`` of the similarity.
   Two event dates more than ``distinct_days`` apart, in reports with a publication date, forbid
   the link: two events (a follow-up months later keeps the event's own date when it is read right,
   and joins by it). Without a publication date a day's year is often a guess or a recalled date's
   (ECB+ lost 0.008 B³ to that), so there the conflict stays a penalty.
   Agreeing city, day and figures multiply it up.
5. **Across languages** (``cross_lingual_pairs``). Two main reports in different languages share
   few words, so a pair that names the same town in one date window (or undated) starts from
   ``cross_lingual`` and the evidence of 4 decides; a foreign report with no publication date is
   still held to the day its opening writes ("le 13 novembre": ``month_day``).
6. **One country's mass toll** (``_national``). Reports of an attack that struck several places
   often name only the country ("the blasts that ripped through Sri Lanka"): two reports of a toll
   of ``growing_toll`` or more in one country, one or both naming no town, on days that do not
   disagree, count the place as agreeing (``same_country``), and across languages such a pair
   starts as a same-town pair does.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

from sitrep import datewords
from sitrep.extract.foreign.dates import first_month_day
from sitrep.extract.foreign.lexicon import languages as foreign_languages
from sitrep.extract.foreign.lexicon import load as load_lexicon
from sitrep.gazetteer import distance_km
from sitrep.link.options import LinkOptions
from sitrep.link.stats import LinkStats, words_of
from sitrep.records import Article, EventMention, everyone

STORY = "#story"


def story_mention(article_id: str) -> EventMention:
    """The bare main mention linking gives an article in which extraction found no incident."""
    return EventMention(id=f"{article_id}{STORY}", article_id=article_id, main=True)


def is_story(mention_id: str) -> bool:
    return mention_id.endswith(STORY)


@dataclass(slots=True)
class Node:
    mention: EventMention
    article: Article | None
    text: str
    published: str | None = None  # the article's publication date (else the report's), where known
    day: int | None = None  # ordinal of the node's date
    event_day: bool = False  # the date is the event's own (day precision), not a publication date
    text_day: bool = False  # the date was read from the text's first full date (a guess)
    city: str | None = None
    admin1: str | None = None
    country: str | None = None
    killed: int | None = None
    injured: int | None = None
    lat: float | None = None
    lon: float | None = None
    label: str | None = None
    years: frozenset[int] = field(default_factory=frozenset)
    language: str = "en"
    month_day: tuple[int, int] | None = None  # (month, day): the event's date, else the first one written


# A month by its first three letters, as the table's abbreviations ("Sept.", and "mars" or "marzo" too).
_MON = "|".join(name[:3] for name in datewords.month_names())
_TEXT_DATE = re.compile(
    rf"\b({_MON})[a-z]*\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s+((?:19|20)\d\d)\b"
    rf"|\b(\d{{1,2}})\s+({_MON})[a-z]*\.?\s+((?:19|20)\d\d)\b", re.I)
# A date written with a number ("June 20", "6/20/2005"): "Thursday" or "yesterday" only means a day
# once a publication date anchors it.
_ABSOLUTE = re.compile(r"\d")
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")


def ordinal(iso: str | None) -> int | None:
    """The day number (``date.toordinal``) of an ISO date or timestamp; None where it has no day."""
    day = datewords.iso_date(iso)
    return day.toordinal() if day else None


def _text_date(text: str) -> int | None:
    """The first full date the text writes (a dateline), for articles with no metadata."""
    m = _TEXT_DATE.search(text[:1500])
    if not m:
        return None
    if m.group(1):
        mon, day, year = datewords.months()[m.group(1).lower()], int(m.group(2)), int(m.group(3))
    else:
        day, mon, year = int(m.group(4)), datewords.months()[m.group(5).lower()], int(m.group(6))
    try:
        return dt.date(year, mon, day).toordinal()
    except ValueError:
        return None


def _month_day(text: str, language: str) -> tuple[int, int] | None:
    """(month, day) of the first day a foreign report's opening writes with a month name, year or no
    year. Not for English: extraction reads English dates from the parse, and an English opening's
    first date is as often another event's ("the worst since November 13")."""
    if language == "en" or language not in foreign_languages():
        return None
    return first_month_day(text, load_lexicon(language))


def _norm(s: str | None) -> str | None:
    return re.sub(r"[^a-z]", "", s.lower()) or None if s else None


def node(m: EventMention, art: Article | None, published: str | None, opts: LinkOptions) -> Node:
    """The node of one mention: its text and what extraction read (module doc, 1)."""
    full = art.text if art else ""
    if m.main:
        text = ((art.title or "") + "\n" if art else "") + full[:opts.text_chars]
    else:
        text = full[m.start:m.end] if full and m.end > m.start else m.summary
        text = text or m.summary
    n = Node(mention=m, article=art, text=text, published=(art.published if art else None) or published)
    published = published or (art.published if art else None)
    if m.date_precision == "day" and ordinal(m.date) and (published or _ABSOLUTE.search(m.date_text or "")):
        n.day, n.event_day = ordinal(m.date), True
    elif m.main:
        n.day = ordinal(published)
        if n.day is None:
            n.day = _text_date(full)
            n.text_day = n.day is not None
    p = m.place
    if p is not None:
        n.city, n.admin1, n.lat, n.lon = _norm(p.city), _norm(p.admin1), p.lat, p.lon
        n.country = _norm(p.country)
    n.language = art.language if art else "en"
    if m.date_precision == "day" and m.date and len(m.date) >= 10:
        n.month_day = (int(m.date[5:7]), int(m.date[8:10]))
    elif m.main:
        n.month_day = _month_day(full, n.language)
    # A total with no claim behind it is extraction's default, not something the article said. Two
    # reports part victims and attackers differently ("five dead including the gunman", "four killed;
    # the gunman died"): everyone's total is what both said.
    stated = {f.category for f in m.figures}
    n.killed, n.injured = ((everyone(m.totals.get, c) if c in stated else None)
                           for c in ("killed", "injured"))
    n.label = m.type.label if m.type else None
    years = {int(y) for y in _YEAR.findall(text[:opts.text_chars])}
    if m.date:
        years.add(int(m.date[:4]))
    n.years = frozenset(years)
    return n


def vectors(texts: Sequence[str], name_weight: float = 3.0,
            stats: LinkStats | None = None) -> tuple[sparse.csr_matrix, np.ndarray, int]:
    """Row-normalised TF-IDF; names and numbers count double (they tell same-kind events apart).

    Returns the matrix, each column's document frequency and the number of documents: the
    corpus's (``stats``) where it knows the word, else counted in ``texts``."""
    vocab: dict[str, int] = {}
    rows, cols, vals = [], [], []
    for i, t in enumerate(texts):
        counts: dict[str, float] = defaultdict(float)
        for tok in words_of(t):
            counts[tok.lower()] += name_weight if tok[0].isupper() or tok[0].isdigit() else 1.0
        for w, c in counts.items():
            rows.append(i)
            cols.append(vocab.setdefault(w, len(vocab)))
            vals.append(1.0 + math.log(c))
    x = sparse.csr_matrix((vals, (rows, cols)), shape=(len(texts), max(len(vocab), 1)))
    df = np.bincount(x.indices, minlength=x.shape[1])
    n = len(texts)
    if stats is not None:
        known = stats.words
        df = np.array([known.get(w, d) for w, d in zip(vocab, df.tolist(), strict=False)] or [0],
                      dtype=np.int64)
        n = max(stats.documents, 1)
    n = max(n, 1)
    idf = np.log((n + 1) / (df + 1)) + 1.0
    idf[df > max(0.5 * n, 20)] = 0.0  # words in half the documents carry no identity
    x = x.multiply(idf).tocsr()
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(x.multiply(1.0 / norms[:, None])), df, n


def candidate_sims(
    x: sparse.csr_matrix, nodes: Sequence[Node], opts: LinkOptions,
    col_df: np.ndarray | None = None, documents: int | None = None,
) -> dict[tuple[int, int], float]:
    """Cosine over blocked pairs only: same or next date window, undated against all, rare words
    across any dates. ``col_df``, ``documents``: each column's document frequency and the number of
    documents (``vectors``' corpus figures); by default counted in ``x``."""
    out: dict[tuple[int, int], float] = {}
    if col_df is None:
        col_df = np.bincount(x.indices, minlength=x.shape[1])
    n_docs = len(nodes) if documents is None else documents

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
        # Only mentions of the same kind (main or referenced) count: the others can never link.
        cap = max(opts.block_df, int(0.002 * n_docs))
        xb = x.multiply((col_df <= cap).astype(float)[None, :]).tocsr()
        main = np.array([n.mention.main for n in nodes])
        for lo in range(0, len(undated), 2000):
            rows = np.array(undated[lo:lo + 2000])
            s = (xb[rows] @ xb.T).tocsr()
            pi, pj = [], []
            for r in range(s.shape[0]):
                cols, vals = s.indices[s.indptr[r]:s.indptr[r + 1]], s.data[s.indptr[r]:s.indptr[r + 1]]
                same = main[cols] == main[rows[r]]
                cols, vals = cols[same], vals[same]
                if len(cols) > opts.block_top:
                    cols = cols[np.argpartition(-vals, opts.block_top)[:opts.block_top]]
                pi += [int(rows[r])] * len(cols)
                pj += cols.tolist()
            exact(pi, pj)
    # Follow-ups (arrest, trial) come months later: pairs sharing a rare word (a name) are
    # compared whatever their dates. Rare words touch few documents, so this stays near-linear.
    # A word is rare by the corpus's count (``col_df``), so a block pairs what a full relink pairs.
    xc = x.tocsc()
    here = np.diff(xc.indptr)
    pairs: set[tuple[int, int]] = set()
    for t in np.flatnonzero((here >= 2) & (col_df >= 2) & (col_df <= opts.rare_df)):
        docs = sorted(xc.indices[xc.indptr[t]:xc.indptr[t + 1]].tolist())
        pairs.update((a, b) for k, a in enumerate(docs) for b in docs[k + 1:])
    pairs.difference_update(out)
    if pairs:
        pi, pj = zip(*pairs, strict=True)
        exact(list(pi), list(pj))
    return out


def cross_lingual_pairs(nodes: Sequence[Node], opts: LinkOptions) -> set[tuple[int, int]]:
    """Pairs of main reports in different languages that name the same town, within one date window
    (or undated): their texts share few words, so ``candidate_sims`` may not pair them. Reports of a
    mass toll in one country pair the same way where one of the two names no town (``_national``)."""
    if not opts.cross_lingual:
        return set()
    blocks: dict[tuple[str, int | None], list[int]] = defaultdict(list)
    for i, n in enumerate(nodes):
        w = None if n.day is None or n.text_day else n.day // opts.window_days
        if n.mention.main and n.city:
            blocks[(n.city, w)].append(i)
        if n.mention.main and n.country and opts.same_country and _mass(n, opts):
            # a mass toll in one country: a report naming only the country meets its towns' reports
            blocks[("country:" + n.country, w)].append(i)
    out: set[tuple[int, int]] = set()
    for (city, w), members in blocks.items():
        # a dated node meets the undated of its town and its own and the next window
        others = members + (blocks.get((city, w + 1), []) if w is not None else [])
        if w is not None:
            others += blocks.get((city, None), [])
        if len(others) > opts.cross_lingual_block:
            continue
        national = city.startswith("country:")
        for i in members:
            for j in others:
                if i != j and nodes[i].language != nodes[j].language \
                        and (not national or not (nodes[i].city and nodes[j].city)):
                    out.add((min(i, j), max(i, j)))
    return out


def _days_apart(a: tuple[int, int] | None, b: tuple[int, int] | None) -> int:
    """Days between two (month, day) dates of unknown years, the shorter way round; 0 if one is missing."""
    if not a or not b:
        return 0
    x, y = dt.date(2000, a[0], min(a[1], 28)), dt.date(2000, b[0], min(b[1], 28))
    gap = abs((x - y).days)
    return min(gap, 366 - gap)


def km(a: Node, b: Node) -> float | None:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    return distance_km(a.lat, a.lon, b.lat, b.lon)


def _mass(n: Node, opts: LinkOptions) -> bool:
    return (n.killed or 0) >= opts.growing_toll


def _national(a: Node, b: Node, opts: LinkOptions) -> bool:
    """Two reports of a mass toll in one country, one or both naming no town: a report of an attack
    that struck several places ("blasts that ripped through Sri Lanka") names the country, and the
    country is then where both reports place it (``same_country``). The days must not disagree."""
    if not opts.same_country or not a.country or a.country != b.country or (a.city and b.city):
        return False
    if a.event_day and b.event_day and a.day != b.day:
        return False
    return _mass(a, opts) and _mass(b, opts)


def adjust(a: Node, b: Node, sim: float, opts: LinkOptions) -> float | None:
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
            # two days months apart, each of a report with a publication date (no year is a guess)
            if not opts.date_conflict or (gap > opts.distinct_days and a.published and b.published):
                return None
            date_down = opts.date_conflict
        if gap > (opts.text_window_days if a.text_day or b.text_day else opts.window_days):
            date_down = min(date_down, opts.follow_up_factor)  # a later follow-up must share more to join
        if a.event_day and b.event_day and gap == 0:
            up *= opts.same_day
    # a foreign report without a publication date still writes its day ("le 13 novembre")
    undated = a.day is None or b.day is None or a.text_day or b.text_day
    foreign = a.language != "en" or b.language != "en"
    if date_down == 1.0 and undated and foreign and \
            _days_apart(a.month_day, b.month_day) > opts.event_window_days:
        if not opts.date_conflict:
            return None
        date_down = opts.date_conflict  # "le 13 novembre" is not January 7
    if date_down == 1.0 and a.years and b.years and not a.years & b.years:
        date_down = opts.year_conflict
    down *= date_down
    near = km(a, b)
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
    elif _national(a, b, opts):
        up *= opts.same_country
    figure_down = 1.0
    for x, y in ((a.killed, b.killed), (a.injured, b.injured)):
        if x is not None and y is not None:
            if x != y:
                if max(x, y) < opts.growing_toll:
                    figure_down = opts.figure_conflict
            elif x > 0:
                up *= opts.same_toll
    down *= figure_down
    if a.label and b.label and a.label != b.label:
        down *= opts.type_conflict
    return sim * up * max(down, opts.penalty_floor)
