"""Average-link clustering with cannot-links, on hand-made similarity graphs."""
from __future__ import annotations

from sitrep.link.cluster import cluster


def groups(clusters):
    return sorted(sorted(c) for c in clusters)


def test_link_cluster_merges_above_threshold_and_stops_below():
    sims = {(0, 1): 0.9, (1, 2): 0.1}
    assert groups(cluster(3, sims, set(), [], threshold=0.5, attach_factor=1.0)) == [[0, 1], [2]]


def test_link_cluster_average_link_counts_missing_pairs_as_zero():
    # 2 is close to 1 only; averaged over the cluster {0, 1} that is 0.6 / 2 = 0.3 < 0.5
    sims = {(0, 1): 0.9, (1, 2): 0.6}
    assert groups(cluster(3, sims, set(), [], threshold=0.5, attach_factor=1.0)) == [[0, 1], [2]]
    # a lone node attaches at the lower bar (attach_factor x threshold)
    assert groups(cluster(3, sims, set(), [], threshold=0.5, attach_factor=0.5)) == [[0, 1, 2]]


def test_link_cluster_never_merges_across_a_forbidden_pair():
    sims = {(0, 1): 0.9, (1, 2): 0.9, (0, 2): 0.9}
    out = cluster(3, sims, {(0, 2)}, [], threshold=0.5, attach_factor=0.5)
    assert not any({0, 2} <= set(c) for c in out)
    assert len(out) == 2


def test_link_cluster_start_groups_begin_merged():
    out = cluster(4, {(2, 3): 0.9}, set(), [[0, 1]], threshold=0.5)
    assert groups(out) == [[0, 1], [2, 3]]
