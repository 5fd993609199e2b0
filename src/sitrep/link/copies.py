"""Copies and rewrites: which stored article is a republished or reworded version of another.

- **copy-of**: near-duplicate text (syndication, republishing). Word 5-gram shingles, MinHash
  signatures with LSH banding for candidates, then the exact Jaccard of the shingle sets
  (>= ``COPY_JACCARD``), or a trimmed copy: the shorter text's shingles nearly all in the longer
  (>= ``COPY_CONTAINED``; a wire lead that a site ran cut short).
- **rewrite-of**: the same sentences in the same order with words substituted (rewording,
  machine paraphrase). Sentences are aligned greedily by content-word overlap; an article is a
  rewrite when most of its sentences align to another article's, in order, while the shingles
  say it is not a copy. Extraction's ``Report.paraphrase_score`` (signals of machine paraphrase)
  lowers the share of aligned sentences needed and is recorded as evidence.
- **independent**: everything else. Corroboration counts independent sources only.

The original of a pair is the earlier published article; when dates do not tell, the one that
does not read as a paraphrase, then the smaller id (so the answer never depends on input order).
"""
from __future__ import annotations

import logging
import re
import zlib
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from sitrep.link.text import stop_words
from sitrep.records import Article, Report, Source

log = logging.getLogger(__name__)

COPY_JACCARD = 0.7
COPY_CONTAINED = 0.8  # share of the shorter text's shingles in the longer: a trimmed copy
COPY_MIN_SHINGLES = 30  # ... of a text this long at least (a shared paragraph is no copy of a brief)
REWRITE_ALIGNED = 0.6  # share of sentences aligned to the other article, in order
REWRITE_ALIGNED_PARAPHRASE = 0.4  # the same when extraction flags a machine paraphrase
SENTENCE_OVERLAP = 0.3  # content-word Jaccard for two sentences to align
_PRIME = (1 << 31) - 1
_N_PERM = 64
_WORD = re.compile(r"[a-z0-9]+")
_SENT = re.compile(r"(?<=[.!?])\s+|\n+")


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def content_words(text: str) -> set[str]:
    return {w for w in words(text) if w not in stop_words() and len(w) > 2}


def shingles(text: str, k: int = 5) -> set[int]:
    ws = words(text)
    if len(ws) < k:
        return {zlib.crc32(" ".join(ws).encode())} if ws else set()
    return {zlib.crc32(" ".join(ws[i:i + k]).encode()) for i in range(len(ws) - k + 1)}


def _perms() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(20240322)  # fixed: signatures must agree across runs
    return (rng.integers(1, _PRIME, _N_PERM, dtype=np.int64),
            rng.integers(0, _PRIME, _N_PERM, dtype=np.int64))


_A, _B = _perms()


def minhash(items: set[int]) -> np.ndarray:
    """A MinHash signature (``_N_PERM`` values) of a set of 32-bit hashes."""
    if not items:
        return np.full(_N_PERM, _PRIME, dtype=np.int64)
    x = np.fromiter(items, dtype=np.int64, count=len(items)) % _PRIME
    return ((np.outer(_A, x) + _B[:, None]) % _PRIME).min(axis=1)


def jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENT.split(text) if len(s.strip()) > 20]


@dataclass(slots=True)
class Alignment:
    share: float  # share of the shorter article's sentences aligned, in order
    pairs: list[tuple[str, str]]  # (original sentence, rewritten sentence) with substitutions


def align(original: str, other: str) -> Alignment:
    """Greedy in-order alignment of ``other``'s sentences onto ``original``'s by content words."""
    src = [(s, content_words(s)) for s in sentences(original)]
    dst = [(s, content_words(s)) for s in sentences(other)]
    if not src or not dst:
        return Alignment(0.0, [])
    pos, hits, pairs = 0, 0, []
    for s, cw in dst:
        best_j, best = -1, SENTENCE_OVERLAP
        # Look a few sentences ahead only: a rewrite keeps the order of its original.
        for j in range(pos, min(len(src), pos + 4)):
            sim = jaccard(cw, src[j][1])
            if sim >= best:
                best_j, best = j, sim
        if best_j >= 0:
            hits += 1
            pos = best_j + 1
            if best < 0.9 and len(pairs) < 3:
                pairs.append((src[best_j][0], s))
    return Alignment(hits / min(len(src), len(dst)), pairs)


def _substitutions(a: str, b: str, limit: int = 4) -> str:
    wa, wb = content_words(a), content_words(b)
    gone, new = sorted(wa - wb)[:limit], sorted(wb - wa)[:limit]
    return f"{', '.join(gone)} -> {', '.join(new)}"


def _order_key(art: Article, reports: Mapping[str, Report]) -> tuple:
    rep = reports.get(art.id)
    score = rep.paraphrase_score if rep else 0.0
    return (art.published is None, art.published or "", score, art.id)


def _candidates(sigs: dict[str, np.ndarray], bands: int) -> set[tuple[str, str]]:
    rows = _N_PERM // bands
    pairs: set[tuple[str, str]] = set()
    for b in range(bands):
        buckets: dict[bytes, list[str]] = defaultdict(list)
        for aid, sig in sigs.items():
            buckets[sig[b * rows:(b + 1) * rows].tobytes()].append(aid)
        for ids in buckets.values():
            if 1 < len(ids) <= 200:  # a huge bucket is boilerplate, not a copy
                ids = sorted(ids)
                pairs.update((x, y) for i, x in enumerate(ids) for y in ids[i + 1:])
    return pairs


def relations(
    articles: Sequence[Article], *, reports: Mapping[str, Report] | None = None
) -> dict[str, Source]:
    """One Source per article: independent, or copy-of / rewrite-of its original, with evidence."""
    reports = reports or {}
    by_id = {a.id: a for a in articles}
    if len(by_id) < 2:
        return {aid: Source(article_id=aid) for aid in by_id}
    order = sorted(by_id.values(), key=lambda a: _order_key(a, reports))
    rank = {a.id: i for i, a in enumerate(order)}
    sh = {a.id: shingles(a.text) for a in order}
    cw = {a.id: {zlib.crc32(w.encode()) for w in content_words(a.text)} for a in order}
    if len(order) <= 40:  # small groups (one incident): compare every pair
        ids = [a.id for a in order]
        cand = {(x, y) for i, x in enumerate(ids) for y in ids[i + 1:]}
    else:
        cand = _candidates({k: minhash(v) for k, v in sh.items()}, 16)
        cand |= _candidates({k: minhash(v) for k, v in cw.items()}, 32)
    out = {a.id: Source(article_id=a.id) for a in order}
    # Visit pairs original-first so that a copy of a copy points at the first original.
    # (then by the original's rank: a set's order changes from one process to the next)
    for x, y in sorted(((x, y) if rank[x] < rank[y] else (y, x) for x, y in cand),
                       key=lambda p: (rank[p[1]], rank[p[0]])):
        if out[y].relation != "independent":
            continue
        orig = out[x].of_article or x
        j = jaccard(sh[x], sh[y])
        if j >= COPY_JACCARD:
            out[y] = Source(y, "copy-of", orig, round(j, 3), [f"shingle Jaccard {j:.2f} with {x}"])
            continue
        short = min(len(sh[x]), len(sh[y]))
        c = len(sh[x] & sh[y]) / short if short >= COPY_MIN_SHINGLES else 0.0
        if c >= COPY_CONTAINED:
            out[y] = Source(y, "copy-of", orig, round(c, 3),
                            [f"{c:.0%} of the shorter text's shingles in the other (trimmed copy of {x}; "
                             f"Jaccard {j:.2f})"])
            continue
        if jaccard(cw[x], cw[y]) < 0.2:
            continue
        al = align(by_id[x].text, by_id[y].text)
        rep = reports.get(y)
        para = rep.paraphrase_score if rep else 0.0
        need = REWRITE_ALIGNED_PARAPHRASE if para >= 0.5 else REWRITE_ALIGNED
        if al.share >= need:
            ev = [f"{al.share:.0%} of sentences align in order with {x} (shingle Jaccard {j:.2f})"]
            ev += [f"substituted: {_substitutions(a, b)}" for a, b in al.pairs]
            if para:
                signals = ", ".join((rep.paraphrase_evidence if rep else [])[:6])
                ev.append(f"paraphrase score {para:.2f}: {signals}")
            out[y] = Source(y, "rewrite-of", orig, round(al.share, 3), ev)
    return out
