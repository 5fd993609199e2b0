"""Copies, rewrites and independent reports of one story."""
from __future__ import annotations

from sitrep.link.copies import align, relations
from sitrep.records import Article, Report

WIRE = ("Gunmen stormed a concert hall near the capital on Friday night and opened fire on the crowd. "
        "The attackers then set the building on fire, and the roof collapsed hours later. "
        "Officials said at least 60 people were killed and more than 100 were wounded. "
        "The security service said it had detained eleven people, including four suspected gunmen. "
        "The attack came days after the presidential election and was the deadliest in years.")
COPY = WIRE + " Reporting by the wire desk."
REWRITE = ("Armed assailants stormed a concert venue near the capital on Friday evening and opened fire on "
           "the audience. The assailants subsequently set the edifice ablaze, and the roof collapsed hours "
           "afterwards. Authorities said at least 60 individuals were killed and over 100 were wounded. "
           "The security service stated it had detained eleven individuals, among them four suspects. "
           "The assault came mere days after the presidential election and was the deadliest in years.")
OTHER = ("Flooding along the river forced thousands of residents from their homes on Tuesday, and rescue "
         "crews used boats to reach villages cut off by the water. The regional governor declared an "
         "emergency and asked the army for help. Forecasters expect more rain this weekend.")


def arts(**texts):
    return [Article(id=k, text=v, published=None) for k, v in texts.items()]


def test_copies_near_duplicate_is_copy_of_the_earlier():
    a = arts(w=WIRE, c=COPY)
    a[0].published, a[1].published = "2024-03-22", "2024-03-23"
    rel = relations(a)
    assert rel["w"].relation == "independent"
    assert rel["c"].relation == "copy-of" and rel["c"].of_article == "w" and rel["c"].score >= 0.7


def test_copies_reworded_story_is_rewrite_with_substitution_evidence():
    rel = relations(arts(w=WIRE, r=REWRITE), reports={"r": Report(article_id="r", paraphrase_score=0.8,
                                                                   paraphrase_evidence=["edifice"])})
    assert rel["r"].relation == "rewrite-of" and rel["r"].of_article == "w"
    assert any("substituted" in e for e in rel["r"].evidence)
    assert any("edifice" in e for e in rel["r"].evidence)
    assert rel["w"].relation == "independent"


def test_copies_unrelated_story_is_independent():
    rel = relations(arts(w=WIRE, o=OTHER))
    assert {s.relation for s in rel.values()} == {"independent"}


def test_copies_original_is_the_one_not_flagged_as_paraphrase_when_undated():
    reports = {"a": Report(article_id="a", paraphrase_score=0.9)}
    rel = relations(arts(a=REWRITE, z=WIRE), reports=reports)
    assert rel["a"].relation == "rewrite-of" and rel["a"].of_article == "z"


def test_copies_align_keeps_order():
    al = align(WIRE, REWRITE)
    assert al.share >= 0.6
    scrambled = " ".join(reversed([s for s in REWRITE.split(". ")]))
    assert align(WIRE, scrambled).share < al.share


def test_copies_many_articles_use_minhash_candidates():
    many = arts(**{f"x{i:03d}": OTHER.replace("Tuesday", f"day {i} of month {i * 7}") + f" Item {i}."
                   for i in range(60)})
    many.append(Article(id="zz_copy", text=WIRE, published=None))
    many.append(Article(id="aa_orig", text=COPY, published=None))
    rel = relations(many)
    assert rel["zz_copy"].relation == "copy-of" and rel["zz_copy"].of_article == "aa_orig"


def test_copies_a_site_that_runs_the_wire_lead_cut_short_is_a_copy():
    trimmed = WIRE[:WIRE.index(" The security service")]  # the first three sentences only
    extended = (WIRE + " Local outlets reported long queues at blood banks through the night. "
                "The government declared a day of national mourning for Sunday, and flags flew at half-mast.")
    a = arts(w=extended, t=trimmed)
    a[0].published, a[1].published = "2024-03-22", "2024-03-23"
    rel = relations(a)
    assert rel["t"].relation == "copy-of" and rel["t"].of_article == "w"
    assert any("trimmed copy" in e for e in rel["t"].evidence)
    # a short brief sharing one sentence with the wire is not a copy of it
    brief = "Officials said at least 60 people were killed and more than 100 were wounded."
    assert relations(arts(w=WIRE, b=brief))["b"].relation != "copy-of"
