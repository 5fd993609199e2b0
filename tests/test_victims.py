"""victims.people_figures: counts implied by people (through extract_figures and totals; needs the model)."""
from __future__ import annotations

import pytest

from sitrep.extract.figures import extract_figures
from sitrep.extract.totals import totals
from sitrep.records import everyone


def _totals(nlp, text):
    """Everyone killed and hurt (``records.everyone``: the victims and the attackers' own, as GTD counts):
    these tests read who died, not on which side."""
    got = totals(extract_figures(nlp(text)), main=True)
    return everyone(got.get, "killed"), everyone(got.get, "injured")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        # a verb with its own subject is not read with the verb before it
        ("Deputy Ray Olsen was injured and Kemper was shot and killed by officers.", 1, 1),
        # a subject the parser hangs beside the second verb
        ("Sergeant Ana Ruiz was killed and police officer Lee Dunn was badly wounded but survived.", 1, 1),
        # a verb with its own object is its own reading
        ("The attackers shot and killed a farmer and his son, and wounded his wife.", 2, 1),
        ("Two gunmen stormed the office. The gunmen were killed by police.", 2, 0),
        ("Both officers were wounded in the exchange.", 0, 2),
        ("Three assailants attacked a store. The assailants shot the clerk.", 0, 1),
    ],
)
def test_victims_subjects_and_coordination(nlp, text, killed, injured):
    assert _totals(nlp, text) == (killed, injured)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        ("A bystander was hit by a stray bullet.", 0, 1),
        ("A stray bullet struck a 9-year-old girl who was sitting on a porch.", 0, 1),
        ("The bullet grazed a toddler who was asleep in the back room.", 0, 1),
        ("A teenager was grazed by a bullet during the argument.", 0, 1),
        ("A boy is recovering after accidentally shooting himself in the hand.", 0, 1),
        ("The owner received minor burns while fighting the fire.", 0, 1),
        ("A vendor was stabbed to death near the market.", 1, 0),
        ("A guard was stabbed outside the bank.", 0, 1),
        ("The arsonists burned a small shed behind the school.", 0, 0),
    ],
)
def test_victims_harm_without_a_casualty_word(nlp, text, killed, injured):
    assert _totals(nlp, text) == (killed, injured)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Had the device gone off, the janitor would have been killed.",
        "Residents marched in protest over the killing of a teacher.",
        "The man threatened to kill the cashier.",
    ],
)
def test_victims_unreal_or_referred_deaths_are_no_figure(nlp, text):
    assert _totals(nlp, text) == (0, 0)


@pytest.mark.slow
def test_victims_narrative_would_is_real(nlp):
    assert _totals(nlp, "Two guards were shot. Officer Kane would later die of his wounds.")[0] == 1


@pytest.mark.slow
def test_victims_name_tagged_as_a_person_elsewhere(nlp):
    text = ("Gunmen attacked the shop owner, Ilham Zoubir, and his clerk, Tomas Vey. "
            "Zoubir and Vey were killed.")
    assert _totals(nlp, text)[0] == 2


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("A gunman shot and killed Ivo Brandt 52, outside his shop.", 1),
        ("Activists decried the killing of the environment.", 0),
    ],
)
def test_victims_ages_and_things(nlp, text, killed):
    assert _totals(nlp, text)[0] == killed


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Ray Vance opened fire on a diner. At least four people were killed before Vance was shot by "
         "police and died.", 5),
        ("An assailant, identified as Ray Vance, stormed a diner. Three people were killed. Vance died "
         "at the scene.", 4),
        # a relative with the same surname is no attacker
        ("Bo Lund attacked the house. Ann Lund was shot and killed. Two neighbours were killed.", 2),
    ],
)
def test_victims_attacker_named_elsewhere(nlp, text, killed):
    assert _totals(nlp, text)[0] == killed


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        ("Officer Kane was hit five times and officer Bell was hit three times.", 0, 2),
        ("A man was shot and he was taken to a hospital.", 0, 1),
        ("The man was seriously injured and the woman died.", 1, 1),
        ("Officers Ann Lee and Bo Kim were ambushed. The officers were shot and killed.", 2, 0),
    ],
)
def test_victims_coordinated_clauses_and_named_groups(nlp, text, killed, injured):
    assert _totals(nlp, text) == (killed, injured)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "injured"),
    [
        ("An adult was treated at the hospital.", 1),
        ("A clerk was treated for cuts.", 1),
        ("A girl and a woman were released from the hospital on Monday.", 2),
        ("The driver was released from jail on Monday.", 0),
        ("The blast knocked a guard unconscious.", 1),
        ("The blast knocked out the power.", 0),
    ],
)
def test_victims_treated_or_knocked_out(nlp, text, injured):
    assert _totals(nlp, text)[1] == injured


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "She could've been dead.",
        "Three boys were hurt, but none of them were killed.",
        "Police spoke to one woman who lives nearby.",
    ],
)
def test_victims_no_death_said(nlp, text):
    assert _totals(nlp, text)[0] == 0


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("A man shot and killed his wife and then took his own life.", 2),
        ("He killed his young son before turning the gun on himself.", 2),
        ("Three people are dead after a murder-suicide. Ray Moe shot and killed his wife and a neighbour "
         "before turning the gun on himself.", 3),
        # one person told twice: the boy who shot himself is the boy who died
        ("A boy fatally shot himself on Sunday. Police said a 12-year-old boy has died.", 1),
        ("Police say a 4-year-old boy accidentally shot and killed himself.", 1),
    ],
)
def test_victims_killer_dead_by_his_own_hand(nlp, text, killed):
    assert _totals(nlp, text)[0] == killed


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        # a survivor in stable condition beside the one killed
        ("A 14-year-old boy was killed. A 17-year-old is in stable condition.", 1, 1),
        ("A man was shot. He is in critical condition.", 0, 1),
        ("Two men were shot in the street. One of them is in critical condition.", 0, 2),
        ("Two people were hospitalized. A man was shot and a woman is in stable condition.", 0, 2),
    ],
)
def test_victims_survivors_in_a_condition(nlp, text, killed, injured):
    assert _totals(nlp, text) == (killed, injured)
