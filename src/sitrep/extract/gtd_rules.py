"""GTD attack, weapon and target types from the GTD cue lexicon, with the rules that keep them consistent."""

from __future__ import annotations

import re

from sitrep.extract.cues import gtd_cues, score


def _best(s: dict[str, float], order: tuple[str, ...] = ()) -> str | None:
    if not s:
        return None
    rank = {v: i for i, v in enumerate(order)}
    return max(s, key=lambda k: (s[k], -rank.get(k, len(rank))))


_ATTACK_ORDER = (
    "Hijacking",
    "Hostage Taking (Barricade Incident)",
    "Hostage Taking (Kidnapping)",
    "Assassination",
    "Bombing/Explosion",
    "Armed Assault",
    "Facility/Infrastructure Attack",
    "Unarmed Assault",
)


def gtd(text: str, title: str | None, lead_end: int) -> tuple[str | None, str | None, str | None]:
    """GTD (attack type, weapon type, target type)."""
    cues = gtd_cues()
    att, _ = score(tuple(c for c in cues if c.field == "attack"), text, title, lead_end)
    wea, _ = score(tuple(c for c in cues if c.field == "weapon"), text, title, lead_end)
    attack = _best(att, _ATTACK_ORDER)
    weapon = _best(wea)
    # The weapon follows the attack where the two must agree (GTD codes a firebomb as incendiary).
    consistent = {
        "Bombing/Explosion": ("Explosives",),
        "Armed Assault": (
            "Firearms",
            "Melee",
            "Vehicle (not to include vehicle-borne explosives, i.e., car or truck bombs)",
        ),
        "Facility/Infrastructure Attack": ("Incendiary", "Sabotage Equipment", "Melee", "Explosives"),
        "Unarmed Assault": ("Biological", "Chemical", "Melee"),
    }.get(attack or "")
    if consistent and weapon not in consistent:
        weapon = max(consistent, key=lambda k: wea.get(k, 0.0))
    # GTD codes the attack on people first: shooting people and then setting fire is an armed assault.
    if (
        attack == "Facility/Infrastructure Attack"
        and att.get("Armed Assault", 0) > 0
        and _HARMED.search(text)
    ):
        attack = "Armed Assault"
        weapon = "Firearms" if wea.get("Firearms", 0) > 0 else weapon
    target = _target(text[:lead_end] if lead_end > 0 else text)
    return attack, weapon, target


_HARMED = re.compile(r"\b(killed|dead|died|wounded|injured|victims|casualties|fatalities)\b", re.I)
_LEAD_DATE = re.compile(r"^\s*\d{1,2}/\d{1,2}/\d{2,4}\s*:\s*")
_TARGET_AFTER = re.compile(
    r"\b(at|on|against|targeting|targeted|outside|inside|near|of|into|to|attacked|bombed|burned|fire to)\b",
    re.I,
)


def _target(lead: str) -> str | None:
    """GTD target type: the first target word after the attack words of the lead sentence."""
    lead = _LEAD_DATE.sub("", lead)
    m = _TARGET_AFTER.search(lead)
    start = m.start() if m else 0
    found: list[tuple[int, int, str]] = []
    for i, cue in enumerate(c for c in gtd_cues() if c.field == "target"):
        hit = cue.pattern.search(lead, start) or cue.pattern.search(lead)
        if hit:
            # Private property is the fallback: a named institution later in the sentence is more specific.
            # (weight 2 marks the private-target words that are not fallback: a concert, a crowd)
            penalty = 60 if cue.value == "Private Citizens & Property" and cue.weight < 2 else 0
            found.append((hit.start() + penalty, i, cue.value))
    if found:
        return min(found)[2]
    # No target word: a capitalized name right after the attack ("at a Kwikmart", "bombed the Acme
    # building") is a firm's; anything else is the private property or people GTD codes by default.
    after = lead[m.end():] if m else ""
    named = re.match(r"\s+(?:an?|the)\s+[A-Z][\w'&.\-]*", after)
    return "Business" if named else "Private Citizens & Property"
