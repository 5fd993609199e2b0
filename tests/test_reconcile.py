"""Reconciliation rules over hand-made claims (the seeds' claims written as Figures)."""
from __future__ import annotations

from sitrep.reconcile import reconcile, reconcile_all
from sitrep.records import Figure

A000, A004 = "a000", "a004"


def fig(value, *, cat="killed", high=None, qualifier=None, kind="unknown", attribution=None,
        article=A000, published="2024-03-23", start=0, revision=None, text=""):
    return Figure(category=cat, low=value, high=value if high is None else high, text=text or str(value),
                  start=start, end=start + 5, qualifier=qualifier, attribution=attribution,
                  attribution_kind=kind, article_id=article, published=published, revision=revision)


def seed_killed():
    return [
        fig(60, qualifier="at least", text="At least 60 dead", start=10),
        fig(60, qualifier="at least", text="left at least 60 dead", start=400),
        fig(60, qualifier="at least", article=A004, published=None, start=50),
        fig(40, kind="authority", attribution="Federal Security Service (FSB)", article=A004,
            published=None, start=900, text="reported 40 fatalities"),
        fig(100, high=999, qualifier="hundreds", kind="claimant", attribution="Islamic State",
            article=A004, published=None, start=1500),
    ]


def seed_injured():
    return [
        fig(145, cat="injured", text="145 wounded", start=20),
        fig(145, cat="injured", text="145 injured", start=600),
        fig(100, cat="injured", qualifier="more than", article=A004, published=None, start=70),
        fig(100, cat="injured", qualifier="more than", kind="authority", attribution="FSB",
            article=A004, published=None, start=950),
        fig(145, cat="injured", kind="authority", attribution="health authorities", article=A004,
            published=None, start=1200),
    ]


def test_reconcile_seed_killed_best_60_with_lower_and_claimant_kept():
    r = reconcile(seed_killed())
    assert r.best == 60 and r.qualifier == "at least"
    assert r.low == 40  # the FSB's figure stays visible as the low end
    assert r.high == 60  # the claimant's "hundreds" sets nothing
    assert any(c.attribution_kind == "claimant" for c in r.claims)
    assert len(r.history) == 5


def test_reconcile_seed_injured_best_145_over_100_lower():
    r = reconcile(seed_injured())
    assert r.best == 145 and r.low == 100


def test_reconcile_claimant_never_sets_best():
    r = reconcile([fig(300, kind="claimant", attribution="the group"), fig(12, published="2024-01-01")])
    assert r.best == 12 and r.high == 12
    only = reconcile([fig(300, kind="claimant")])
    assert only.best is None and only.rule == "only claimant figures"


def test_reconcile_latest_authority_lower_figure_wins():
    claims = [fig(20, published="2024-05-01", article="x"),
              fig(14, kind="authority", attribution="police", published="2024-05-03", article="y")]
    r = reconcile(claims)
    assert r.best == 14 and r.low == 14 and r.high == 20


def test_reconcile_rose_to_supersedes_in_same_report():
    claims = [fig(5, start=10), fig(9, start=200, revision="up", text="rose to 9")]
    assert reconcile(claims).best == 9
    assert reconcile(claims).rule == "revision"


def test_reconcile_revised_down_supersedes_larger_repeated_figure():
    claims = [fig(50, start=10), fig(50, start=100), fig(41, start=300, revision="down")]
    assert reconcile(claims).best == 41


def test_reconcile_conservative_takes_lowest():
    r = reconcile(seed_killed(), conservative=True)
    assert r.best == 40 and r.rule.startswith("conservative")


def test_reconcile_vague_only_when_nothing_precise():
    assert reconcile([fig(12, qualifier="dozens", high=99), fig(3)]).best == 3
    assert reconcile([fig(12, qualifier="dozens", high=99)]).best == 12


def test_reconcile_history_ordered_by_time_undated_last():
    r = reconcile([fig(3, published=None, article="u"), fig(5, published="2024-02-02", article="b"),
                   fig(4, published="2024-02-01", article="a")])
    assert [h["value"] for h in r.history] == [4, 5, 3]
    assert r.best == 5


def test_reconcile_all_groups_categories_in_display_order():
    out = reconcile_all(seed_injured() + seed_killed())
    assert list(out) == ["killed", "injured"]
    assert out["killed"].best == 60 and out["injured"].best == 145


def test_reconcile_article_totals_outvote_repeated_subcounts():
    # "Three men were shot ... one man was shot in the leg ... one in the arm": extraction's total is 3.
    claims = [fig(1, cat="injured", start=50), fig(1, cat="injured", start=90),
              fig(3, cat="injured", start=5)]
    assert reconcile(claims).best == 1
    r = reconcile(claims, totals={A000: 3})
    assert r.best == 3 and r.rule == "article totals in latest report"
    summed = reconcile([fig(1, cat="injured", start=50), fig(2, cat="injured", start=90)], totals={A000: 3})
    assert summed.best == 3 and summed.high == 3


def test_reconcile_subgroup_counts_do_not_set_range_unless_alone():
    kids = Figure(category="injured", low=5, high=5, text="five children", start=900, end=905,
                  scope="children", article_id=A000, published="2024-03-23")
    r = reconcile(seed_injured() + [kids])
    assert r.best == 145 and r.low == 100 and kids in r.claims
    assert reconcile([kids]).best == 5


def test_reconcile_each_article_votes_once_majority_beats_latest():
    claims = [fig(2, article="a", published="2024-05-01"), fig(2, article="b", published="2024-05-02"),
              fig(3, article="c", published="2024-05-03"),
              fig(3, article="c", published="2024-05-03", start=40)]
    r = reconcile(claims)
    assert r.best == 2 and r.rule == "most articles" and (r.low, r.high) == (2, 3)


def test_reconcile_latest_revision_beats_majority():
    claims = [fig(2, article="a", published="2024-05-01"), fig(2, article="b", published="2024-05-02"),
              fig(3, article="c", published="2024-05-03", revision="up", text="rose to 3")]
    r = reconcile(claims)
    assert r.best == 3 and r.rule == "revision in latest report"


def test_reconcile_article_totals_are_that_articles_vote():
    claims = [fig(1, article="a", published="2024-05-01"),
              fig(1, article="a", published="2024-05-01", start=9),
              fig(4, article="b", published="2024-05-02"), fig(4, article="c", published="2024-05-03")]
    assert reconcile(claims).best == 4
    assert reconcile(claims, totals={"b": 1}).best == 1  # b's own total sides with a


def test_reconcile_only_voters_vote_but_every_claim_sets_the_range():
    claims = [fig(2, article="a", published="2024-05-01"), fig(5, article="b", published="2024-05-02"),
              fig(5, article="c", published="2024-05-03")]
    assert reconcile(claims).best == 5
    r = reconcile(claims, voters={"a", "b"})  # c copies b: it does not vote again
    assert r.best == 5 and r.rule == "latest report"
    r = reconcile(claims + [fig(2, article="d", published="2024-05-01")], voters={"a", "b", "d"})
    assert r.best == 2 and (r.low, r.high) == (2, 5)


def test_reconcile_a_toll_revised_down_is_best_over_the_repeated_early_figure():
    # undated reports (no report time tells which came last)
    claims = [fig(359, article="a", published=None), fig(359, article="b", published=None),
              fig(359, article="c", published=None),
              fig(253, article="d", published=None, revision="down", text="lowered the toll to 253")]
    r = reconcile(claims)
    assert r.best == 253 and r.rule == "revision down" and (r.low, r.high) == (253, 359)
    # without the words of a revision, the majority
    assert reconcile(claims[:3] + [fig(253, article="d", published=None)]).best == 359


def test_reconcile_attackers_are_reconciled_apart_never_in_the_victims():
    def att(value, article, start):
        return Figure(category="killed", low=value, high=value, text=f"{value} attackers", start=start,
                      end=start + 5, scope="attackers", article_id=article, published="2024-03-23")

    claims = [fig(12, start=0), att(3, A000, 40), fig(12, article=A004, start=0), att(3, A004, 60)]
    out = reconcile_all(claims, totals={A000: {"killed": 12, "attackers_killed": 3},
                                        A004: {"killed": 12, "attackers_killed": 3}})
    assert list(out) == ["killed", "attackers_killed"]
    assert (out["killed"].best, out["killed"].low, out["killed"].high) == (12, 12, 12)
    assert out["attackers_killed"].best == 3 and out["attackers_killed"].rule.startswith("most articles")
    # only the attackers died: no victims' figure at all
    assert list(reconcile_all([att(1, A000, 0)])) == ["attackers_killed"]


def test_reconcile_an_article_that_counts_no_attackers_apart_votes_none_for_them():
    # "The officer was killed." ... "The suspect died.": maybe one person told twice, so the article's
    # totals count no attackers apart, and its attacker claim, kept, does not raise everyone's toll
    suspect = Figure(category="killed", low=1, high=1, text="The suspect died", start=40, end=56,
                     scope="attackers", article_id=A000, published="2024-03-23")
    out = reconcile_all([fig(1, start=0), suspect], totals={A000: {"killed": 1}})
    assert out["killed"].best == 1 and out["attackers_killed"].best == 0
    assert suspect in out["attackers_killed"].claims


def test_reconcile_attackers_are_the_rest_of_everyones_toll():
    # "two people died" (twice), "a man was killed, and the gunman who shot him": the same two people read
    # two ways. Apart, the victims' majority is 2 and the attackers' 1 (two reports name a gunman), but
    # everyone killed is 2 in two reports of three: beside the victims' 2, no attacker is left
    def gunman(article):
        return Figure(category="killed", low=1, high=1, text="the gunman", start=40, end=50,
                      scope="attackers", article_id=article, published="2024-03-23")

    claims = [fig(2, start=0), fig(2, article="a008", start=0), gunman("a008"),
              fig(1, article=A004, start=0), gunman(A004)]
    out = reconcile_all(claims, totals={A000: {"killed": 2}, "a008": {"killed": 2, "attackers_killed": 1},
                                        A004: {"killed": 1, "attackers_killed": 1}})
    assert out["killed"].best == 2
    assert out["attackers_killed"].best == 0 and "less the victims' 2" in out["attackers_killed"].rule
    assert len(out["attackers_killed"].claims) == 2


def test_reconcile_a_report_a_week_on_gives_the_settled_count():
    # the first night's reports repeat an early toll; a retrospective ten days later states the settled one
    claims = [fig(50, article="a", published="2024-05-01"), fig(50, article="b", published="2024-05-01"),
              fig(50, article="c", published="2024-05-02"), fig(58, article="d", published="2024-05-11")]
    r = reconcile(claims)
    assert r.best == 58 and r.rule.startswith("settled") and (r.low, r.high) == (50, 58)
    # within the first days the majority still decides: a report two days on is no settled count
    early = claims[:3] + [fig(58, article="d", published="2024-05-03")]
    assert reconcile(early).best == 50
    # a toll revised down still wins over a later report that repeats the old figure
    down = claims[:3] + [fig(45, article="e", published="2024-05-04", revision="down"),
                         fig(50, article="d", published="2024-05-11")]
    assert reconcile(down).best == 45


def test_reconcile_settled_count_can_be_switched_off(monkeypatch):
    from sitrep import rules
    claims = [fig(50, article="a", published="2024-05-01"), fig(50, article="b", published="2024-05-01"),
              fig(58, article="d", published="2024-05-11")]
    monkeypatch.setattr(rules, "on", lambda name: name != "settled-count")
    assert reconcile(claims).best == 50


def test_reconcile_a_small_toll_is_known_the_first_night():
    # two dead the first night; a report a week later about the funeral of one of them says "1"
    claims = [fig(2, article="a", published="2024-05-01"), fig(2, article="b", published="2024-05-02"),
              fig(1, article="c", published="2024-05-09")]
    assert reconcile(claims).best == 2


def test_reconcile_counts_a_toll_rose_past_are_stale(monkeypatch):
    # undated reports keep repeating the first night's 30 wounded; one says the number "rose to 75":
    # the 30 is a count the toll passed, so it no longer outvotes the 75 of the later reports
    claims = [fig(30, cat="injured", article="a", published="2024-05-01"),
              fig(30, cat="injured", article="b", published=None),
              fig(30, cat="injured", article="c", published=None),
              fig(75, cat="injured", article="d", published=None, revision="up", text="rose to 75"),
              fig(75, cat="injured", article="e", published=None)]
    r = reconcile(claims)
    assert r.best == 75 and (r.low, r.high) == (30, 75)
    # a higher count than the rise still votes with it; a direction-less "revised to" is a rise too
    more = claims[:4] + [fig(80, cat="injured", article="e", published=None),
                         fig(80, cat="injured", article="f", published=None, revision="revised")]
    assert reconcile(more).best == 80
    from sitrep import rules
    monkeypatch.setattr(rules, "on", lambda name: name != "toll-rose-past")
    assert reconcile(claims).best == 30


def test_reconcile_a_toll_revised_down_still_beats_the_rise_before_it():
    claims = [fig(300, article="a", published=None, revision="up", text="rose to 300"),
              fig(300, article="b", published=None), fig(300, article="c", published=None),
              fig(250, article="d", published=None, revision="down", text="revised down to 250")]
    assert reconcile(claims).best == 250


def test_reconcile_a_small_rise_is_no_stage_of_a_climbing_toll():
    # "two were wounded and a third person died": one death of three people shot, not a toll that rose
    claims = [fig(1, article="a", published=None), fig(1, article="b", published=None),
              fig(3, article="c", published=None, revision="up", text="a third person died")]
    assert reconcile(claims).best == 1


def test_reconcile_an_undated_rise_past_the_latest_dated_revision_is_later():
    # the last dated report says the toll "rose to 129"; an undated one says it "rose to 130"
    claims = [fig(129, article="a", published="2024-05-02", revision="up"),
              fig(129, article="b", published=None), fig(129, article="c", published=None),
              fig(130, article="d", published=None, revision="up"), fig(130, article="e", published=None)]
    assert reconcile(claims).best == 130


def test_reconcile_a_floor_votes_for_the_exact_count_above_it(monkeypatch):
    # four reports say "more than 200 injured", one gives the count, 299; two others repeat a sub-count
    # (41 seriously hurt) and an early 1: the floors say only that the count was not yet known
    claims = [fig(200, cat="injured", qualifier="more than", article=a, published=None) for a in "abcd"]
    claims += [fig(299, cat="injured", article="e", published=None),
               fig(41, cat="injured", article="f", published=None),
               fig(1, cat="injured", article="g", published="2024-12-21")]
    r = reconcile(claims)
    assert r.best == 299 and r.qualifier is None and (r.low, r.high) == (1, 299)
    # a floor above every exact count keeps its vote ("at least 300" is not passed by 299)
    higher = [fig(300, cat="injured", qualifier="at least", article=a, published=None) for a in "abcd"]
    assert reconcile(higher + claims[4:]).best == 300
    # a small toll is no stage of a climbing count: "at least two" and one report's 3 stay apart
    small = [fig(2, qualifier="at least", article=a, published=None) for a in "ab"] + [fig(3, article="c")]
    assert reconcile(small).best == 2
    from sitrep import rules
    monkeypatch.setattr(rules, "on", lambda name: name != "floor-passed")
    assert reconcile(claims).best == 200
