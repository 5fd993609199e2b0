"""Average-link clustering over a sparse similarity graph with cannot-links.

A missing pair counts 0, so the average link of two clusters is the sum of their known pair
similarities over the product of their sizes. Two clusters holding a forbidden pair never merge.
Merging stops at ``threshold``; then an article left alone joins the cluster it is closest to on
average at ``attach_factor`` x ``threshold`` (average link is strict with large clusters, and a
lone report has nobody to vote for it). ``start`` groups (stored incidents) begin merged.

scipy's hierarchy wants a dense condensed matrix; this graph is sparse and large, hence this.
"""
from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Sequence


def cluster(n: int, sims: dict[tuple[int, int], float], forbid: set[tuple[int, int]],
            start: Sequence[Sequence[int]], threshold: float,
            attach_factor: float = 0.7) -> list[list[int]]:
    """Clusters of the ``n`` nodes (lists of node indices), by the module rule."""
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
    lone = sorted((i for i, m in members.items() if len(m) == 1),
                  key=lambda i: -max(total[i].values(), default=0.0))
    for i in lone:
        if i not in members or len(members[i]) != 1:
            continue
        near = [(avg(i, k), k) for k in total[i] if len(members[k]) > 1 and k not in bad[i]]
        if near and max(near)[0] >= threshold * attach_factor:
            merge(max(near)[1], i)
    return list(members.values())
