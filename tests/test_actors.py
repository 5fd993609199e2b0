"""Actors: claims (and how), denials, perpetrators; the GTD readings of perpetrator and claimed."""

from __future__ import annotations

import pytest

from sitrep.extract import actors
from sitrep.records import Actor


def _by_role(found: list[Actor], role: str) -> list[Actor]:
    return [a for a in found if a.role == role]


def test_actors_claim_with_how_and_span(blank_nlp):
    text = "The Red Hand Brigade claimed responsibility for the bombing in a statement posted on Telegram."
    doc = blank_nlp(text)
    found = actors.extract_actors(doc)
    claims = _by_role(found, "claimed_by")
    assert [c.name for c in claims] == ["Red Hand Brigade"]
    assert "social media" in (claims[0].how or "") and "statement" in (claims[0].how or "")
    assert text[claims[0].start : claims[0].end].endswith("Red Hand Brigade")
    assert actors.claimed(found) == 1
    assert actors.primary_perpetrator(found) == "Red Hand Brigade"


def test_actors_passive_claim_and_calling_itself(blank_nlp):
    doc = blank_nlp(
        "Responsibility for the fire was claimed by the Night Owls Front. "
        "Later an organization calling itself Free Valley Army sent a letter."
    )
    names = {a.name for a in _by_role(actors.extract_actors(doc), "claimed_by")}
    assert names == {"Night Owls Front", "Free Valley Army"}


def test_actors_no_group_claimed_is_unclaimed(blank_nlp):
    doc = blank_nlp(
        "Unidentified gunmen opened fire on a bus. No group has claimed responsibility for the attack."
    )
    found = actors.extract_actors(doc)
    assert actors.claimed(found) == 0
    assert actors.primary_perpetrator(found) is None  # a description is not a group name
    assert any(a.role == "perpetrator" and a.kind == "description" and "gunmen" in a.name for a in found)


def test_actors_denial_seed_sentence(blank_nlp):
    doc = blank_nlp("Kyiv denied any involvement in the attack on the concert hall.")
    denied = _by_role(actors.extract_actors(doc), "denied_by")
    assert [d.name for d in denied] == ["Kyiv"]


def test_actors_claimed_is_zero_without_actors():
    assert actors.claimed([]) == 0
    assert actors.primary_perpetrator([]) is None


def test_actors_confession_and_unnamed_claim_count_as_claims(blank_nlp):
    confessed = actors.extract_actors(blank_nlp("Police arrested a local man, who confessed to the bombing."))
    assert actors.claimed(confessed) == 1
    assert any(a.how and "confession" in a.how for a in confessed if a.role == "claimed_by")
    unnamed = actors.extract_actors(blank_nlp("The arson was claimed in an e-mail sent to a newspaper."))
    assert actors.claimed(unnamed) == 1
    assert actors.primary_perpetrator(unnamed) is None  # a claim without a name names nobody


def test_actors_relative_pointer_resolves_to_the_apposition(blank_nlp):
    doc = blank_nlp("Fighters had joined the Valley Front (VF), the group that now claims responsibility "
                    "for the raid.")
    claims = [a for a in actors.extract_actors(doc) if a.role == "claimed_by"]
    assert [c.name for c in claims] == ["Valley Front (VF)"]


def test_actors_gtd_style_group_name_with_acronym(blank_nlp):
    doc = blank_nlp("Members of the Night Owls Front (NOF) claimed responsibility for the fire at the depot.")
    assert actors.primary_perpetrator(actors.extract_actors(doc)) == "Night Owls Front (NOF)"


def test_actors_lone_person_and_authorities_are_not_the_reported_group():
    found = [
        Actor(role="perpetrator", name="John Doe", kind="person"),
        Actor(role="perpetrator", name="local residents", kind="description"),
    ]
    assert actors.primary_perpetrator(found) is None


@pytest.mark.parametrize(
    "text, kind",
    [
        ("Suspected white supremacists set fire to the community hall on Elm Road.", "White extremists"),
        ("Police said the bomb was planted by revolutionary leftists opposed to the war.",
         "Left-Wing Militants"),
        ("A man who had pledged allegiance to a foreign terror group stabbed two shoppers.",
         "Jihadi-inspired extremists"),
        ("An anti-abortion activist threw a firebomb at the clinic overnight.", "Anti-Abortion extremists"),
        # no description of the attackers: no kind is guessed from the target
        ("Unknown perpetrators firebombed the county draft board office.", None),
        ("Unknown perpetrators set fire to a clinic that performs abortions.", None),
    ],
)
def test_actors_kind_of_perpetrator_when_no_group_is_named(blank_nlp, text, kind):
    assert actors.primary_perpetrator(actors.extract_actors(blank_nlp(text))) == kind


def test_actors_described_perpetrators_beat_the_motive_of_the_target(blank_nlp):
    doc = blank_nlp("Neo-Nazis threw a firebomb at the army recruiting office downtown.")
    assert actors.primary_perpetrator(actors.extract_actors(doc)) == "Neo-Nazi extremists"


def test_actors_a_named_group_beats_the_kind(blank_nlp):
    doc = blank_nlp("The Night Owls Front claimed responsibility; the anti-abortion group denied any role.")
    found = actors.extract_actors(doc)
    assert actors.primary_perpetrator(found) == "Night Owls Front"
    assert not any(a.kind == "category" for a in found)  # the kind is dropped once a group is named


def test_actors_no_one_or_group_claimed_is_no_claim(blank_nlp):
    doc = blank_nlp("No one or group claimed responsibility for the blast at the depot.")
    assert actors.claimed(actors.extract_actors(doc)) == 0
    doc = blank_nlp("No group or individual has claimed responsibility for the fire.")
    assert actors.claimed(actors.extract_actors(doc)) == 0


def test_actors_a_claimant_named_like_a_person_is_no_group(blank_nlp):
    doc = blank_nlp("An individual, identified as Jonah Marple, claimed responsibility for the fire.")
    found = actors.extract_actors(doc)
    assert [a.kind for a in found if a.role == "claimed_by"] == ["person"]
    assert actors.primary_perpetrator(found) is None


def test_actors_acronym_and_long_form_are_one_group(blank_nlp):
    doc = blank_nlp(
        "The Valley Liberation Front (VLF) claimed responsibility for the attack. "
        "VLF claimed responsibility in a statement on Telegram."
    )
    claims = [a.name for a in actors.extract_actors(doc) if a.role == "claimed_by"]
    assert claims == ["Valley Liberation Front (VLF)"]


def test_actors_bare_words_dropped_beside_a_better_perpetrator(blank_nlp):
    doc = blank_nlp(
        "Four gunmen stormed the hall. The attackers fled. One terrorist was caught. "
        "The terrorists had planned it for weeks."
    )
    perps = [a.name for a in actors.extract_actors(doc) if a.role == "perpetrator"]
    assert perps == ["Four gunmen"]


def test_actors_bare_words_alone_are_kept_once(blank_nlp):
    doc = blank_nlp("The attacker fled on foot. Police are still looking for the attackers.")
    perps = [a.name for a in actors.extract_actors(doc) if a.role == "perpetrator"]
    assert len(perps) == 1


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("A bakery in Dayton, Ohio was firebombed by the Copper Hand Front (CHF), a group that has "
         "targeted the chain before.", "Copper Hand Front (CHF)"),
        ("A bank office in Reno, Nevada was bombed by the Silver Lake Liberation Army overnight.",
         "Silver Lake Liberation Army"),
    ],
)
def test_actors_the_agent_of_a_passive_attack_verb_is_the_perpetrator(nlp, text, group):
    # "was bombed by the Front": the group after "by" did it, as much as "the Front bombed"
    assert actors.primary_perpetrator(actors.extract_actors(nlp(text))) == group


@pytest.mark.slow
def test_actors_a_group_after_by_a_verb_of_no_attack_is_no_perpetrator(nlp):
    doc = nlp("A bakery in Dayton, Ohio was praised by the Copper Hand Front for its prices.")
    assert actors.primary_perpetrator(actors.extract_actors(doc)) is None
