"""The seed articles with the real model: type, claim, denial and paraphrase as gold.json reads them."""
from __future__ import annotations

from importlib import resources

import pytest

from sitrep.extract import actors, signals, types

SEEDS = ("000_68176ac7e1d4815d", "004_42c037824aa87c5d")


def _seed(nlp, name: str):
    text = resources.files("sitrep").joinpath(f"data/seeds/{name}.txt").read_text("utf-8")
    return nlp(text)


@pytest.mark.slow
@pytest.mark.parametrize("name", SEEDS)
def test_types_seeds_main_incident_type(nlp, name):
    t = types.classify(_seed(nlp, name))
    assert (t.acled_event_type, t.acled_sub_event_type) == ("Violence against civilians", "Attack")
    assert t.gtd_attack_type == "Armed Assault"
    assert t.gtd_weapon_type == "Firearms"
    assert t.gtd_target_type == "Private Citizens & Property"


@pytest.mark.slow
@pytest.mark.parametrize("name", SEEDS)
def test_types_seeds_claimed_by_islamic_state_denied_by_ukraine(nlp, name):
    found = actors.extract_actors(_seed(nlp, name))
    assert actors.claimed(found) == 1
    claimants = [a.name for a in found if a.role == "claimed_by"]
    assert any("Islamic State" in c or "ISIS" in c for c in claimants)
    denied = [a.name for a in found if a.role == "denied_by"]
    assert any("Zelensky" in d or "Ukrain" in d for d in denied)


@pytest.mark.slow
def test_types_seeds_paraphrase_flags_004_not_000(nlp):
    plain, _ = signals.paraphrase(_seed(nlp, SEEDS[0]))
    spun, evidence = signals.paraphrase(_seed(nlp, SEEDS[1]))
    assert plain < signals.PARAPHRASE_THRESHOLD <= spun
    assert {"edifice", "conflagration", "ingress"} <= {e.lower() for e in evidence}
    assert signals.article_kind(_seed(nlp, SEEDS[0])) == "analysis"
    assert signals.article_kind(_seed(nlp, SEEDS[1])) == "news"
