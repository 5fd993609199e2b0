"""figures.extract_figures / best_figure: categories, qualifiers, non-figures, implied counts."""
from __future__ import annotations

import pytest

from sitrep.extract.figures import extract_figures
from sitrep.extract.totals import best_figure, injured_total, killed_total, totals
from sitrep.records import Figure, everyone


@pytest.fixture(scope="module")
def sent_nlp():
    from sitrep import nlp as nlp_module

    nlp = nlp_module.blank()
    nlp.add_pipe("sentencizer")
    return nlp


def _figs(nlp, text):
    return [(f.category, f.low, f.qualifier) for f in extract_figures(nlp(text))]


def _killed_injured(nlp, text):
    """The main mention's killed and injured totals for one text: everyone (``records.everyone``, the
    attackers' own dead and hurt with the victims'), as these tests read who died, not on which side;
    test_figures_victims_and_attackers_are_separate_scopes reads the sides."""
    got = totals(extract_figures(nlp(text)), main=True)
    return everyone(got.get, "killed"), everyone(got.get, "injured")


def test_figures_headline_killed_and_injured_with_qualifier(sent_nlp):
    text = "A terror attack at a concert hall left at least 60 dead and 145 injured."
    assert _figs(sent_nlp, text) == [("killed", 60, "at least"), ("injured", 145, None)]


def test_figures_spans_point_into_the_text(sent_nlp):
    text = "Gunmen opened fire, killing three people and wounding 12 others."
    figs = extract_figures(sent_nlp(text), article_id="a1")
    assert [(f.category, f.low) for f in figs] == [("killed", 3), ("injured", 12)]
    for f in figs:
        assert text[f.start:f.end] == f.text and f.article_id == "a1"
        assert f.sentence == text


@pytest.mark.parametrize(
    ("text", "category", "low", "high", "qualifier"),
    [
        ("Dozens of people were wounded in the blast.", "injured", 12, 99, "dozens"),
        ("Up to four assailants stormed the hall.", "attackers", 4, 4, "up to"),
        ("Police arrested several suspects.", "arrested", 3, 9, "several"),
        ("More than 170 were killed in the siege.", "killed", 170, 170, "more than"),
        ("Between 43 and 52 persons were killed.", "killed", 43, 52, None),
    ],
)
def test_figures_vague_and_qualified_amounts(sent_nlp, text, category, low, high, qualifier):
    fig = extract_figures(sent_nlp(text))[0]
    assert (fig.category, fig.low, fig.high, fig.qualifier) == (category, low, high, qualifier)


@pytest.mark.parametrize(
    "text",
    [
        "The gunmen opened fire on the crowd of some 6,000 people.",
        "The venue is capable of accommodating 6,200 patrons.",
        "The complex covers almost 13,000 square meters.",
        "The country is home to about 14 million Muslims.",
        "The 25-year-old man lived at 1200 Main Street.",
        "The shooting happened in 2015 at 10:45 p.m.",
        "The family raised $5,000 for the funeral.",
        "The standoff lasted 3 hours.",
        "Call 555-1234 with information.",
        "A young mother of three lives here.",
        "The boy, 7, lived on Main Street.",
        "He fired a .357 Magnum at the car.",
    ],
)
def test_figures_never_a_figure(sent_nlp, text):
    assert extract_figures(sent_nlp(text)) == []


def test_figures_toll_revision_and_attribution(sent_nlp):
    figs = extract_figures(sent_nlp("The death toll rose to 9 on Monday, officials said."))
    assert [(f.category, f.low, f.revision, f.attribution, f.attribution_kind) for f in figs] == [
        ("killed", 9, "up", "officials", "authority")]


def test_figures_subset_inherits_category_with_scope(sent_nlp):
    text = ("Health authorities released a roster of 145 wounded individuals, with 115 of them "
            "requiring hospitalization, including five minors.")
    got = [(f.category, f.low, f.scope, f.attribution_kind) for f in extract_figures(sent_nlp(text))]
    assert got == [("injured", 145, None, "authority"), ("hospitalized", 115, None, "authority"),
                   ("injured", 5, "children", "authority")]


def test_figures_coordinated_counts_are_summed(sent_nlp):
    figs = extract_figures(sent_nlp("Gunmen killed 3 soldiers and 2 civilians in the town."))
    assert max(f.low for f in figs if f.category == "killed") == 5


def _fig(category, low, *, kind="unknown", scope=None, revision=None, start=0, sentence=""):
    return Figure(category=category, low=low, high=low, text=str(low), start=start, end=start + 2,
                  attribution_kind=kind, scope=scope, revision=revision, sentence=sentence)


@pytest.mark.parametrize(
    ("sentence", "victims", "attackers"),
    [
        ("Four officers were killed; the gunman was shot dead.", 4, 1),
        ("Four people died, including the gunman.", 3, 1),  # the toll holds him: three victims
        ("In all, four people died.", 3, 1),
    ],
)
def test_figures_killed_total_keeps_the_attackers_apart(sentence, victims, attackers):
    figs = [_fig("killed", 4, start=0, sentence=sentence), _fig("killed", 1, scope="attackers", start=30)]
    assert killed_total(figs) == victims
    got = totals(figs, main=True)
    assert (got["killed"], got["attackers_killed"]) == (victims, attackers)
    assert everyone(got.get, "killed") == 4 + (sentence.startswith("Four officers"))


def test_figures_killed_total_attackers_alone_or_claimed():
    assert killed_total([_fig("killed", 2, scope="attackers")]) is None  # no victim was killed
    got = totals([_fig("killed", 2, scope="attackers")], main=True)
    assert (got["killed"], got["attackers_killed"], everyone(got.get, "killed")) == (0, 2, 2)
    claimed = [_fig("killed", 3, start=0), _fig("killed", 9, scope="attackers", kind="claimant", start=20)]
    assert killed_total(claimed) == 3
    assert "attackers_killed" not in totals(claimed, main=True)
    assert killed_total([_fig("injured", 3)]) is None


@pytest.mark.parametrize(
    ("first", "second", "total"),
    [
        ("Ann Roe was injured.", "Bo Lin was also injured.", 2),
        ("Ann Roe was injured.", "In addition, Bo Lin was injured.", 2),
        ("Two people were injured.", "Bo Lin was also injured.", 2),  # among the two
        ("Ann Roe was injured.", "He was also injured.", 1),  # maybe someone counted already
    ],
)
def test_figures_also_adds_people_told_one_by_one(first, second, total):
    def one(text, start):
        low = 2 if text.startswith("Two") else 1
        words = text.rstrip(".").removeprefix("In addition, ")
        return Figure(category="injured", low=low, high=low, text=words, start=start, end=start + len(text),
                      sentence=text)

    figs = [one(first, 0), one(second, 40)]
    assert injured_total(figs, 0) == total


def test_figures_injured_total_keeps_hurt_attackers_apart():
    victims, attacker = _fig("injured", 2, start=0), _fig("injured", 1, scope="attackers", start=20)
    assert injured_total([victims, attacker], 0) == 2
    got = totals([victims, attacker], main=True)
    assert (got["injured"], got["attackers_injured"], everyone(got.get, "injured")) == (2, 1, 3)
    assert injured_total([attacker], 0) == 0
    assert totals([attacker], main=True)["attackers_injured"] == 1
    # beside one victim counted without a number, apart only when the text says "also"
    lone = Figure(category="injured", low=1, high=1, text="A passenger was also injured", start=0, end=28,
                  sentence="A passenger was also injured.")
    later = _fig("injured", 1, scope="attackers", start=40)
    assert everyone(totals([lone, later], main=True).get, "injured") == 2
    plain = Figure(category="injured", low=1, high=1, text="A man was hurt", start=0, end=14,
                   sentence="A man was hurt.")
    assert everyone(totals([plain, later], main=True).get, "injured") == 1  # maybe one person told twice
    # an attacker killed as well: the one hurt may be the one who died
    got = totals([victims, attacker, _fig("killed", 1, scope="attackers", start=40)], main=True)
    assert (got["injured"], everyone(got.get, "injured")) == (2, 2)


def test_figures_best_prefers_non_claimant_highest_and_skips_subsets():
    figs = [_fig("killed", 60, start=0), _fig("killed", 40, kind="authority", start=10),
            _fig("killed", 100, kind="claimant", start=20), _fig("killed", 300, scope="children", start=30)]
    assert best_figure(figs, "killed").low == 60
    assert best_figure(figs, "injured") is None


def test_figures_best_revision_supersedes():
    figs = [_fig("killed", 12, start=0), _fig("killed", 9, revision="down", start=50)]
    assert best_figure(figs, "killed").low == 9


def test_figures_best_claimant_only_when_alone():
    assert best_figure([_fig("killed", 100, kind="claimant")], "killed").low == 100


def test_figures_injured_total_subtracts_killed_from_shot():
    figs = [_fig("injured", 2, scope="shot"), _fig("killed", 1, start=10)]
    assert injured_total(figs, 1) == 1
    assert injured_total(figs + [_fig("injured", 3, start=20)], 1) == 3


def _said(category, low, text, *, start=0, scope=None):
    return Figure(category=category, low=low, high=low, text=text, start=start, end=start + len(text),
                  sentence=text + ".", scope=scope)


def test_figures_the_shot_and_not_killed_are_a_floor_for_the_injured():
    four_shot = _said("injured", 4, "four men were shot", scope="shot")
    one_hurt = _said("injured", 1, "One sustained serious injuries", start=40)
    assert injured_total([four_shot, one_hurt], 0) == 4  # one of the four
    assert injured_total([four_shot, one_hurt, _said("killed", 1, "one died", start=80)], 1) == 3
    assert injured_total([four_shot, _said("injured", 6, "six were injured", start=40)], 0) == 6
    taken = Figure(category="hospitalized", low=1, high=1, text="one was taken to the hospital", start=40,
                   end=69, sentence="one was taken to the hospital.")
    assert injured_total([four_shot, taken], 0) == 4
    assert injured_total([taken], 0) == 1


def test_figures_a_dead_victim_named_twice_is_not_one_more_hurt():
    died = _said("killed", 1, "Antrez Felder died")
    wounded = _said("injured", 1, "Felder was wounded", start=40)
    assert injured_total([died, wounded], 1) == 0
    other = _said("injured", 1, "Lee Moss was wounded", start=40)
    assert injured_total([died, other], 1) == 1  # another person
    assert injured_total([_said("killed", 1, "Private Charles Henderson was killed"),
                          _said("injured", 1, "Corporal Charles Bauer was injured", start=50)], 1) == 1
    no_names = [_said("killed", 1, "A man died"), _said("injured", 1, "A woman was hurt", start=40)]
    assert injured_total(no_names, 1) == 1  # no name: nothing says they are one


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        ("A 17-year-old was shot and killed Sunday night, police said.", 1, 0),
        ("Two men were wounded in the shooting.", 0, 2),
        ("A man and a woman were shot, one fatally.", 1, 1),
        ("A man was shot in the leg Tuesday. He was taken to a hospital in stable condition.", 0, 1),
        ("Deputies are seeking the suspects who shot four people — one fatally — on Sunday night.", 1, 3),
        ("The gunmen shot four people, one fatally, outside a bar.", 1, 3),
        ("A gunman shot two people dead outside a bar.", 2, 0),
        ("The border guards shot two men to death and seized pills.", 2, 0),
    ],
)
def test_figures_counts_implied_by_people(nlp, text, killed, injured):
    assert _killed_injured(nlp, text) == (killed, injured)


@pytest.mark.parametrize(("text", "killed", "injured"), [
    ("4 shot, 2 fatally, in park shooting", 2, 2),  # a headline's "N shot, M fatally"
    ("Police said five people were shot, one fatally, on Elm Street.", 1, 4),
    ("Six shot, two critically, near the stadium", 0, 6),
    ("Two men were fatally shot on Elm Street.", 2, 0),
])
def test_figures_shot_then_a_fatal_subset(sent_nlp, text, killed, injured):
    assert _killed_injured(sent_nlp, text) == (killed, injured)


@pytest.mark.parametrize(
    "text",
    ["No one was injured in the blast.", "Neither officer was injured.",
     "Six people escaped from the house without injury."],
)
def test_figures_denied_casualties_are_no_figure(sent_nlp, text):
    assert [f for f in extract_figures(sent_nlp(text)) if f.category == "injured"] == []


def test_figures_settled_count_supersedes(sent_nlp):
    figs = extract_figures(sent_nlp("Officials first said 12 people were killed. Fatalities were put at 9."))
    assert best_figure(figs, "killed").low == 9


def test_figures_aside_between_number_and_verb(sent_nlp):
    text = "One person was killed and four others, including a police officer, were injured."
    got = {(f.category, f.low) for f in extract_figures(sent_nlp(text))}
    assert ("injured", 4) in got and ("killed", 4) not in got


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        ("Clashes erupted, killing a fighter and injuring another one.", 1, 1),
        ("The fighting led to the death of a bystander.", 1, 0),
        ("A shopkeeper was beaten to death by a mob.", 1, 0),
        ("Gunmen shot and killed the court's administrative chief in the district.", 1, 0),
        ("Snipers opened fire on a civilian, killing him.", 1, 0),
        ("An airstrike by the air force killed at least 10 militants.", 10, 0),
        ("No one was hurt and a man was shot in the arm.", 0, 1),
        ("Woman shot, killed in West Philadelphia; suspect in custody.", 1, 0),
        ("Man shot in hand in Wilmington.", 0, 1),
        ("Two small children were not hurt.", 0, 0),
        ("One trooper was killed and another was wounded in the attack.", 1, 1),
        ("A man accused of shooting his wife on Friday is now in custody.", 0, 1),
        ("Child shoots himself at a paintball facility.", 0, 1),
        ("Private Tom Ellery was killed and Lance Corporal Ed Marsh was injured.", 1, 1),
    ],
)
def test_figures_victims_named_without_numbers(nlp, text, killed, injured):
    assert _killed_injured(nlp, text) == (killed, injured)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        ("The shooting left a man in critical condition.", 0, 1),
        ("A man shot Saturday night was in stable condition Sunday.", 0, 1),
        ("Officers arrived to find a single victim with a gunshot wound.", 0, 1),
        ("He was taken to the hospital, where he died.", 1, 0),
    ],
)
def test_figures_victims_from_their_condition(nlp, text, killed, injured):
    assert _killed_injured(nlp, text) == (killed, injured)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Police are investigating after a man's body was found near the driveway.",
        "A man accused of fatally shooting an officer appeared in court.",
        "Police released the identity of the victim of a deadly shooting.",
        "The suspect killed himself during a standoff.",
    ],
)
def test_figures_one_dead_without_a_number(nlp, text):
    assert _killed_injured(nlp, text)[0] == 1


def test_figures_sum_over_several_incidents_is_no_figure(sent_nlp):
    figs = extract_figures(sent_nlp("The parcels collectively caused seven injuries across three states."))
    assert [f for f in figs if f.category == "injured"] == []


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        ("Deputies came across four suspects and wounded one.", 0, 1),
        ("Two guards, Ann Lee and Bo Kim, were shot; Lee later died.", 1, 1),
        ("Hundreds marched over the killing of a teenager.", 0, 0),
        ("One officer was severely burned in the blaze.", 0, 1),
        ("Two sheds were burned in the night.", 0, 0),
        ("At least two people suffered minor injuries in the assault.", 0, 2),
        ("3 civilians were killed and 4 including the driver and his son were wounded.", 3, 4),
        ("Five farmers and alleged rebels were reportedly killed.", 5, 0),
    ],
)
def test_figures_number_reader_clauses_and_harm_words(nlp, text, killed, injured):
    assert _killed_injured(nlp, text) == (killed, injured)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        ("Five soldiers and the assailant were killed in the raid.", 6, 0),
        ("The gunman and one customer were killed.", 2, 0),
        ("At least nine people, including two students from the city, four tourists from abroad, "
         "and one driver, were killed.", 9, 0),
        ("Gunmen assassinated two council members.", 2, 0),
        ("At least 10 people reported being ill after opening the parcel.", 0, 10),
        ("Three men and the women were hurt.", 0, 3),
    ],
)
def test_figures_number_reader_partners_asides_and_words(nlp, text, killed, injured):
    assert _killed_injured(nlp, text) == (killed, injured)


def test_figures_video_playlist_lines_are_other_stories(sent_nlp):
    text = ("Gunfire erupted at a party.\n\n0:47 Driver shot to death on Main Street Pause\n\n"
            "1:27 1 dead in crash")
    assert extract_figures(sent_nlp(text)) == []


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Five people, 3 of them children, were killed.", 5),
        # an age after a name is no count: the second victim is added as one more person
        ("A 46-year-old woman died on Saturday. Gino Nola, 24, was also killed.", 2),
    ],
)
def test_figures_asides_with_numbers_and_ages(nlp, text, killed):
    assert _killed_injured(nlp, text)[0] == killed


def test_figures_totals_keep_the_attackers_own_dead_apart(monkeypatch):
    figs = [_fig("killed", 5, start=0, sentence="Five officers were killed."),
            _fig("killed", 2, scope="attackers", start=30, sentence="The two gunmen were killed.")]
    got = totals(figs, main=True)
    assert (got["killed"], got["attackers_killed"]) == (5, 2)  # the victims alone, the attackers apart
    assert everyone(got.get, "killed") == 7  # as GTD, ACLED and the GVA count
    monkeypatch.setenv("SITREP_DISABLE_RULES", "attackers-in-toll")
    assert everyone(totals(figs, main=True).get, "killed") == 5


def test_figures_a_group_sets_the_toll_only_where_no_one_counts_everyone():
    assert best_figure([_fig("killed", 2, scope="police", start=0), _fig("killed", 5, start=9)],
                       "killed").low == 5
    assert best_figure([_fig("killed", 2, scope="police")], "killed").low == 2


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "killed", "attackers", "all_killed"),
    [
        ("At least 12 people were killed when gunmen stormed a hotel; three attackers were also killed.",
         12, 3, 15),
        ("Police shot dead the suspect after he opened fire in a shopping arcade.", 0, 1, 1),
        ("Four villagers were killed in the raid. Two of the gunmen were killed by guards.", 4, 2, 6),
    ],
)
def test_figures_victims_and_attackers_are_separate_scopes(nlp, text, killed, attackers, all_killed):
    got = totals(extract_figures(nlp(text)), main=True)
    assert (got["killed"], got.get("attackers_killed", 0)) == (killed, attackers)
    assert everyone(got.get, "killed") == all_killed  # never in "killed" itself


def test_figures_a_part_of_the_victims_is_the_toll_only_when_nothing_else_is():
    kids = _fig("injured", 4, scope="children", start=0)
    police = _fig("injured", 2, scope="police", start=20)
    assert best_figure([kids, police], "injured").low == 2  # a group before a part
    assert best_figure([kids], "injured").low == 4
    got = totals([kids, _fig("injured", 9, start=40)], main=True)
    assert (got["injured"], got["injured_children"]) == (9, 4)
    # the attackers' own arrests still stand where nothing else is said: they are who is arrested
    assert best_figure([_fig("arrested", 3, scope="attackers")], "arrested").low == 3
