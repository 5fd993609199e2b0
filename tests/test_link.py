"""Linking mentions into incidents: hand-made reports and short invented articles."""
from __future__ import annotations

from sitrep.link import LinkOptions, link
from sitrep.link.similarity import adjust, cross_lingual_pairs, node
from sitrep.pipeline import link_incidents
from sitrep.records import Article, EventMention, EventType, Figure, Place, Report

HARD = LinkOptions(date_conflict=0.0, place_conflict=0.0)  # conflicting evidence forbids a link
SHOOT_A = ("Two men were shot outside the Blue Lantern bar on Maple Street in Springfield late Saturday, "
           "police said. Officer Dana Reyes said one victim, Marcus Hale, 24, died at Mercy Hospital.")
SHOOT_A2 = ("Marcus Hale, 24, was killed and another man wounded in a shooting at the Blue Lantern bar on "
            "Maple Street, Springfield police said Sunday. Officer Dana Reyes asked witnesses to call.")
SHOOT_B = ("A woman was shot in her car at a gas station on Oak Avenue in Springfield on Saturday. "
           "Police said Tara Quinn, 31, was taken to General Hospital with a wound to her arm.")


def mention(aid, *, main=True, n=0, date="2024-05-04", city="Springfield", killed=None, label="armed assault",
            figures=()):
    return EventMention(id=f"{aid}#{n}", article_id=aid, main=main, date=date, date_precision="day",
                        place=Place(city=city, admin1="Illinois", country="United States"),
                        type=EventType(label=label), totals={} if killed is None else {"killed": killed},
                        figures=list(figures) or ([] if killed is None else [
                            Figure(category="killed", low=killed, high=killed, text=f"{killed} dead", start=0,
                                   end=6, article_id=aid)]))


def setup(texts, published="2024-05-05"):
    arts = {aid: Article(id=aid, text=t, title=None, published=published) for aid, t in texts.items()}
    return arts


def test_link_same_event_two_articles_joins():
    arts = setup({"a1": SHOOT_A, "a2": SHOOT_A2})
    reps = [Report(article_id=a, mentions=[mention(a, killed=1)], published="2024-05-05") for a in arts]
    incs = link(reps, arts)
    assert len(incs) == 1 and sorted(incs[0].article_ids) == ["a1", "a2"]


def test_link_same_city_same_day_different_shootings_stay_apart():
    arts = setup({"a1": SHOOT_A, "b1": SHOOT_B})
    reps = [Report(article_id="a1", mentions=[mention("a1", killed=1)]),
            Report(article_id="b1", mentions=[mention("b1", killed=0)])]
    incs = link(reps, arts)
    assert len(incs) == 2


def test_link_different_event_dates_forbid_link_in_hard_mode_only():
    arts = setup({"a1": SHOOT_A, "a2": SHOOT_A2})
    reps = [Report(article_id="a1", mentions=[mention("a1", date="2024-05-04")]),
            Report(article_id="a2", mentions=[mention("a2", date="2024-06-20")])]
    # By default extracted dates are evidence, not law: the same victim's name outweighs a date
    # that extraction may have misread; the hard mode keeps them apart.
    assert len(link(reps, arts)) == 1
    assert len(link(reps, arts, options=HARD)) == 2


def test_link_event_dates_months_apart_never_one_incident():
    arts = setup({"a1": SHOOT_A, "a2": SHOOT_A2})
    far = [Report(article_id="a1", mentions=[mention("a1", date="2024-05-04")]),
           Report(article_id="a2", mentions=[mention("a2", date="2024-09-20")])]
    # the same bar and victim, but two dates each read as the event's, four months apart: two events
    assert len(link(far, arts)) == 2
    assert len(link(far, arts, options=LinkOptions(distinct_days=365))) == 1


def test_link_referenced_incident_never_joins_main_and_keeps_own_figures():
    ref_fig = Figure(category="killed", low=334, high=334, text="334 killed", start=0, end=10,
                     article_id="a1")
    main_fig = Figure(category="killed", low=1, high=1, text="one died", start=0, end=8, article_id="a1")
    arts = setup({"a1": SHOOT_A, "a2": SHOOT_A2})
    reps = [Report(article_id="a1", mentions=[
                mention("a1", figures=[main_fig]),
                mention("a1", main=False, n=1, date="2004-09-01", city="Beslan", figures=[ref_fig])]),
            Report(article_id="a2", mentions=[mention("a2")])]
    incs = link_incidents(reps, arts)
    main = [i for i in incs if i.main]
    refs = [i for i in incs if not i.main]
    assert len(main) == 1 and len(refs) == 1
    assert main[0].best("killed") == 1 and refs[0].best("killed") == 334
    assert "a1#1" not in main[0].mention_ids


def test_link_ids_stable_across_runs_and_input_order():
    arts = setup({"a1": SHOOT_A, "a2": SHOOT_A2, "b1": SHOOT_B})
    reps = [Report(article_id=a, mentions=[mention(a)]) for a in arts]
    first = {tuple(i.mention_ids): i.id for i in link(reps, arts)}
    again = {tuple(i.mention_ids): i.id for i in link(list(reversed(reps)), arts)}
    assert first == again
    assert all(i.startswith("i") and len(i) == 13 for i in first.values())


def test_link_incremental_new_article_joins_existing_and_keeps_its_id():
    arts = setup({"a2": SHOOT_A2, "b1": SHOOT_B})
    reps = [Report(article_id=a, mentions=[mention(a)]) for a in arts]
    before = link(reps, arts)
    old = next(i for i in before if "a2#0" in i.mention_ids)
    arts["a1"] = Article(id="a1", text=SHOOT_A, published="2024-05-05")  # sorts first
    after = link(reps + [Report(article_id="a1", mentions=[mention("a1")])], arts, existing=before)
    joined = next(i for i in after if "a1#0" in i.mention_ids)
    assert joined.id == old.id and "a2#0" in joined.mention_ids
    assert len({i.id for i in after}) == len(after)


def test_link_incremental_splits_member_now_forbidden():
    arts = setup({"a1": SHOOT_A, "a2": SHOOT_A2})
    reps = [Report(article_id=a, mentions=[mention(a)]) for a in arts]
    before = link(reps, arts)
    assert len(before) == 1
    # Re-extraction now places a2 in another city: the stored incident must split.
    reps[1] = Report(article_id="a2", mentions=[mention("a2", city="Rockford")])
    after = link(reps, arts, existing=before, options=HARD)
    assert len(after) == 2 and before[0].id in {i.id for i in after}


def test_link_reconciles_figures_and_counts_copies_once():
    f1 = Figure(category="killed", low=1, high=1, text="one died", start=0, end=8, article_id="a1")
    arts = setup({"a1": SHOOT_A, "a2": SHOOT_A})
    arts["a2"].published = "2024-05-06"
    reps = [Report(article_id="a1", mentions=[mention("a1", figures=[f1])]),
            Report(article_id="a2", mentions=[mention("a2")])]
    (inc,) = link_incidents(reps, arts, options=LinkOptions())
    assert inc.best("killed") == 1
    assert inc.independent_sources == 1
    copy = next(s for s in inc.sources if s.article_id == "a2")
    assert copy.relation == "copy-of" and copy.of_article == "a1"


def test_link_suburb_and_its_city_within_25km_may_join_but_far_cities_never():
    arts = setup({"a1": SHOOT_A, "a2": SHOOT_A2})
    m1 = mention("a1", killed=1)
    m1.place = Place(city="Oak Park", admin1="Illinois", lat=41.885, lon=-87.785)
    m2 = mention("a2", killed=1)
    m2.place = Place(city="Chicago", admin1="Illinois", lat=41.878, lon=-87.630)
    reps = [Report(article_id="a1", mentions=[m1]), Report(article_id="a2", mentions=[m2])]
    assert len(link(reps, arts, options=HARD)) == 1
    m2.place = Place(city="Peoria", admin1="Illinois", lat=40.694, lon=-89.589)
    assert len(link(reps, arts, options=HARD)) == 2


def test_link_stored_incidents_without_new_mentions_are_kept_as_they_were():
    arts = setup({"a1": SHOOT_A, "b1": SHOOT_B})
    stored = link([Report(article_id="a1", mentions=[mention("a1")])], arts)
    after = link([Report(article_id="b1", mentions=[mention("b1")])], arts, existing=stored)
    assert stored[0] in after and len(after) == 2
    assert len({i.id for i in after}) == 2


SIGNING_A = ("The Harbor City Gulls signed pitcher Ronan Castellano to a four-year contract on Tuesday, "
             "general manager Ida Brenner announced at Gull Park.")
SIGNING_B = ("Ronan Castellano is a Gull: the pitcher agreed to a four-year contract with Harbor City, "
             "Ida Brenner told reporters at Gull Park on Tuesday.")


def test_link_articles_without_incident_link_as_stories():
    arts = setup({"s1": SIGNING_A, "s2": SIGNING_B, "a1": SHOOT_A})
    reps = [Report(article_id="s1", relevant=False), Report(article_id="s2", relevant=False),
            Report(article_id="a1", mentions=[mention("a1")])]
    incs = link(reps, arts)
    story = next(i for i in incs if "s1#story" in i.mention_ids)
    assert sorted(story.article_ids) == ["s1", "s2"] and story.main and story.type.label is None
    assert not link(reps, arts, options=LinkOptions(stories=False))[0].mention_ids[0].endswith("#story")
    assert len(link(reps, arts, options=LinkOptions(stories=False))) == 1
    # a story only one article tells is no incident
    assert [i.mention_ids for i in link(reps[1:], arts)] == [["a1#0"]]


def test_link_story_of_an_article_never_beside_its_own_main_mention():
    arts = setup({"a1": SHOOT_A, "a2": SHOOT_A2})
    reps = [Report(article_id="a1", mentions=[mention("a1")]), Report(article_id="a2", relevant=False)]
    (inc,) = link(reps, arts)
    assert inc.mention_ids == ["a1#0", "a2#story"]


def test_link_figure_totals_without_claims_are_no_conflict():
    arts = setup({"a1": SHOOT_A, "b1": SHOOT_B})
    reps = [Report(article_id="a1", mentions=[mention("a1", killed=1)]),
            Report(article_id="b1", mentions=[mention("b1", killed=0)])]
    conflict = LinkOptions(figure_conflict=0.0)
    assert len(link(reps, arts, options=conflict)) == 2
    reps[1].mentions[0].figures = []  # a zero total nobody stated is extraction's default
    assert len(link(reps, arts, options=conflict)) == 1


def test_link_weekday_without_publication_date_is_no_event_day():
    arts = setup({"a1": SHOOT_A, "a2": SHOOT_A2}, published=None)
    reps = [Report(article_id=a, mentions=[mention(a, date=d)])
            for a, d in (("a1", "2024-05-04"), ("a2", "2024-06-20"))]
    for r, text in zip(reps, ("Saturday", "Sunday"), strict=True):
        r.mentions[0].date_text = text
    # Resolved against no publication date, "Saturday" names no particular day: no date conflict.
    assert len(link(reps, arts, options=HARD)) == 1
    for r, text in zip(reps, ("May 4", "June 20"), strict=True):
        r.mentions[0].date_text = text
    assert len(link(reps, arts, options=HARD)) == 2


def test_link_site_furniture_lines_do_not_make_pages_alike():
    furniture = "\nYour notification has been saved.\nThere was a problem saving your notification.\n" \
                "Email notifications are sent once a day when there are new matching items.\n"
    titles = ["Cyclist hurt in Dover crash", "Bakery fire closes Main Street", "Council votes on new budget",
              "Teen shot near Elm Park"]
    arts = {f"p{k}": Article(id=f"p{k}", text=t + furniture, title=None, published="2024-05-05")
            for k, t in enumerate(titles)}
    reps = [Report(article_id=a, relevant=False) for a in arts]
    assert link(reps, arts) == []  # four lone stories: no incident
    assert len(link(reps, arts, options=LinkOptions(boilerplate_df=0))) >= 1


def test_link_penalties_count_each_kind_once_and_keep_a_floor():
    from sitrep.link.similarity import adjust as _adjust
    from sitrep.link.similarity import node as _node
    far = mention("a1", date="2024-03-25", city="Rockford", killed=3, label="arrest")
    near = mention("a2", date="2024-05-04", killed=1)
    arts = setup({"a1": SHOOT_A, "a2": SHOOT_A2})
    opts = LinkOptions(penalty_floor=0.0)
    na, nb = (_node(m, arts[m.article_id], "2024-05-05", opts) for m in (far, near))
    # weeks apart: one date penalty (the follow-up factor), not also the event-date conflict
    expected = opts.follow_up_factor * opts.place_conflict * opts.figure_conflict * opts.type_conflict
    assert abs(_adjust(na, nb, 1.0, opts) - expected) < 1e-9
    assert _adjust(na, nb, 1.0, LinkOptions(penalty_floor=0.3)) == 0.3


def test_link_incremental_story_keeps_its_id_when_a_new_report_joins():
    arts = setup({"s1": SIGNING_A, "s2": SIGNING_B})
    reps = [Report(article_id="s1", relevant=False), Report(article_id="s2", relevant=False)]
    (before,) = link(reps, arts)
    arts["s0"] = Article(id="s0", text="Gull Park cheered Ronan Castellano's four-year contract on Tuesday, "
                         "signed with general manager Ida Brenner.", published="2024-05-05")
    (story,) = link(reps + [Report(article_id="s0", relevant=False)], arts, existing=[before])
    assert story.id == before.id and story.mention_ids == ["s0#story", "s1#story", "s2#story"]


def test_link_story_incident_survives_the_store_and_keeps_its_id(tmp_path):
    from sitrep.store import Store

    texts = {"s1": SIGNING_A, "s2": SIGNING_B}
    arts = {k: Article.from_text(t, published="2024-05-05") for k, t in texts.items()}
    reps = [Report(article_id=a.id, relevant=False, published=a.published) for a in arts.values()]
    by_id = {a.id: a for a in arts.values()}
    store = Store(str(tmp_path / "s.duckdb"))
    try:
        store.add_articles(list(arts.values()))
        store.save_reports(reps)
        (story,) = link(reps, by_id)
        store.save_incidents([story], replace_all=True)
        again = link(store.reports(), by_id, existing=store.incidents(main_only=False, limit=None))
        assert [(i.id, i.mention_ids, i.article_ids) for i in again] == \
            [(story.id, story.mention_ids, story.article_ids)]
    finally:
        store.close()


def test_link_actor_spellings_of_one_name_are_one_actor():
    from sitrep.link.incidents import name_key as _name_key

    key = _name_key("Volodymyr Zelensky")
    assert _name_key("Volodymyr Zelenskyy") == key == _name_key("volodymyr  zelensky.")
    assert _name_key("Islamic State") != _name_key("Islamic Jihad")


def test_link_leaves_copies_and_figures_to_the_pipeline():
    f1 = Figure(category="killed", low=1, high=1, text="one died", start=0, end=8, article_id="a1")
    arts = setup({"a1": SHOOT_A, "a2": SHOOT_A})
    reps = [Report(article_id="a1", mentions=[mention("a1", figures=[f1])]),
            Report(article_id="a2", mentions=[mention("a2")])]
    (linked,) = link(reps, arts)
    assert linked.figures == {} and {s.relation for s in linked.sources} == {"independent"}
    (composed,) = link_incidents(reps, arts)
    assert composed.best("killed") == 1 and composed.independent_sources == 1


def test_link_incidents_keeps_stored_incidents_no_report_touches():
    f1 = Figure(category="killed", low=1, high=1, text="one died", start=0, end=8, article_id="a1")
    arts = setup({"a1": SHOOT_A, "b1": SHOOT_B})
    stored = link_incidents([Report(article_id="a1", mentions=[mention("a1", figures=[f1])])], arts)
    after = link_incidents([Report(article_id="b1", mentions=[mention("b1")])], arts, existing=stored)
    kept = next(i for i in after if i.id == stored[0].id)
    assert kept.best("killed") == 1


FR_A = ("Deux hommes ont été blessés par balle devant un bar de Springfield samedi soir. Selon la police, "
        "un des blessés, âgé de 24 ans, est mort à l'hôpital.")
FR_B = ("Le 14 juillet, une femme a été blessée par balle dans sa voiture à Springfield, a indiqué la "
        "police, qui recherche deux suspects.")


def with_french_report(aid, text):
    """Two English reports of one shooting and an undated French report ``aid`` in the same town."""
    arts = setup({"a1": SHOOT_A, "a2": SHOOT_A2})
    arts[aid] = Article(id=aid, text=text, title=None, published=None, language="fr")
    reps = [Report(article_id=a, mentions=[mention(a, killed=1)], published="2024-05-05")
            for a in ("a1", "a2")]
    reps.append(Report(article_id=aid, mentions=[mention(aid, date=None, killed=1)]))
    return arts, reps


def test_link_foreign_report_joins_through_town_and_figures_not_words():
    arts, reps = with_french_report("f1", FR_A)
    (inc,) = link(reps, arts)
    assert sorted(inc.article_ids) == ["a1", "a2", "f1"]
    nodes = [node(r.mentions[0], arts[r.article_id], r.published, LinkOptions()) for r in reps]
    # only the pairs across languages start from the cross-lingual similarity; off, there are none
    assert cross_lingual_pairs(nodes, LinkOptions()) == {(0, 2), (1, 2)}
    assert cross_lingual_pairs(nodes, LinkOptions(cross_lingual=0.0)) == set()


def test_link_foreign_report_of_another_day_stays_apart():
    arts, reps = with_french_report("f2", FR_B)
    # "le 14 juillet" is not 4 May: with conflicts forbidding, the French report stays apart
    assert sorted(len(i.article_ids) for i in link(reps, arts, options=HARD)) == [1, 2]
    arts["f2"] = Article(id="f2", text=FR_B.replace("Le 14 juillet, une", "Une"), title=None, published=None,
                         language="fr")
    assert len(link(reps, arts, options=HARD)) == 1  # the same report without its day joins


def test_link_a_climbing_mass_casualty_toll_is_no_figure_conflict():
    arts = setup({"a1": SHOOT_A, "a2": SHOOT_A2})
    opts = LinkOptions()

    def sim(k1, k2):
        n1, n2 = (node(mention(a, killed=k), arts[a], "2024-05-05", opts)
                  for a, k in (("a1", k1), ("a2", k2)))
        return adjust(n1, n2, 0.5, opts)

    assert sim(2, 3) < sim(3, 3)  # "two dead" and "three dead": likely two shootings
    assert sim(49, 50) == sim(None, None)  # 49 then 50: one toll, counted later
    assert sim(49, 50) < sim(50, 50)  # an agreeing toll still adds


def test_link_compares_everyones_toll_as_reports_part_victims_and_attackers_differently():
    arts = setup({"a1": SHOOT_A})
    m = mention("a1", killed=4)
    m.totals["attackers_killed"] = 1  # "four killed; the gunman died too"
    # the same as "five dead, the gunman among them"
    assert node(m, arts["a1"], "2024-05-05", LinkOptions()).killed == 5


def _mass_node(aid, city, country, killed, lang="en", date="2024-05-04"):
    fig = Figure(category="killed", low=killed, high=killed, text=f"{killed} dead", start=0, end=6,
                 article_id=aid)
    m = EventMention(id=f"{aid}#0", article_id=aid, main=True, date=date,
                     date_precision="day" if date else None,
                     place=Place(city=city, country=country), type=EventType(label="bombing"),
                     totals={"killed": killed}, figures=[fig])
    published = None if date is None else "2024-05-05"
    art = Article(id=aid, text="Bombs went off.", title=None, published=published, language=lang)
    return node(m, art, art.published, LinkOptions())


def test_link_a_report_naming_only_the_country_of_a_mass_toll_agrees_with_its_towns():
    opts, off = LinkOptions(), LinkOptions(same_country=0.0)
    town = _mass_node("a1", "Lakeport", "Freedonia", 120)
    country = _mass_node("a2", None, "Freedonia", 95, date=None)
    assert adjust(town, country, 0.2, opts) > adjust(town, country, 0.2, off)
    # not for a small toll, another country, or two reports that both name their towns
    small = (_mass_node("a3", "Lakeport", "Freedonia", 2), _mass_node("a4", None, "Freedonia", 2, date=None))
    assert adjust(*small, 0.2, opts) == adjust(*small, 0.2, off)
    other = _mass_node("a5", None, "Sylvania", 95, date=None)
    assert adjust(town, other, 0.2, opts) == adjust(town, other, 0.2, off)
    # a report in another language naming only the country starts as a same-town pair would
    foreign = _mass_node("f1", None, "Freedonia", 95, lang="es", date=None)
    assert cross_lingual_pairs([town, foreign], opts) == {(0, 1)}
    assert cross_lingual_pairs([town, foreign], off) == set()
    assert cross_lingual_pairs([small[0], _mass_node("f2", None, "Freedonia", 2, lang="es")], opts) == set()
