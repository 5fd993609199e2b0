"""Event types: ACLED event/sub-event, GTD attack/weapon/target and CASE 2021 codes from cue words.

Rules, not a trained model: hand-written cue lexicons (``data/types/*.tsv``) are scored over the
text, with words in the title and first sentence counting more, then a few decision rules settle
the families the cues alone confuse (a protest that turned violent, a bomb that was defused).
The lexicons and scoring live in ``cues``, the CASE/ACLED rules in ``case_rules``, the GTD ones in
``gtd_rules``; this module names the result.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from sitrep.extract import cues
from sitrep.extract.case_rules import CASE_TO_ACLED, acled, decide_case
from sitrep.extract.cues import case_cues, gtd_cues, names_event, score
from sitrep.extract.gtd_rules import gtd
from sitrep.records import EventType

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

log = logging.getLogger(__name__)

__all__ = ["CASE_TO_ACLED", "GENERAL_LABEL", "case_cues", "classify", "gtd_cues", "names_event"]

#: Our general label per CASE code (refined for attacks and disasters by ``_label``).
GENERAL_LABEL = {
    "ARMED_CLASH": "armed clash",
    "GOV_REGAINS_TERIT": "territory regained",
    "NON_STATE_ACTOR_OVERTAKES_TER": "territory seized",
    "CHEM_WEAP": "chemical attack",
    "AIR_STRIKE": "air strike",
    "SUIC_BOMB": "suicide bombing",
    "ART_MISS_ATTACK": "shelling",
    "REM_EXPLOS": "bombing",
    "GRENADE": "grenade attack",
    "SEX_VIOL": "sexual violence",
    "ATTACK": "armed assault",
    "ABDUCT_DISSAP": "abduction",
    "PEACE_PROTEST": "protest",
    "PROTEST_WITH_INTER": "protest",
    "FORCE_AGAINST_PROTEST": "protest",
    "VIOL_DEMONSTR": "riot",
    "MOB_VIOL": "mob violence",
    "AGREEMENT": "agreement",
    "ARREST": "arrest",
    "CHANGE_TO_GROUP_ACT": "group activity",
    "DISR_WEAP": "weapons seizure",
    "HQ_ESTABLISHED": "base established",
    "PROPERTY_DISTRUCT": "property destruction",
    "NON_VIOL_TERRIT_TRANSFER": "territory transfer",
    "OTHER": "other",
    "ORG_CRIME": "organized crime",
    "NATURAL_DISASTER": "natural disaster",
    "MAN_MADE_DISASTER": "accident",
    "DIPLO": "diplomatic event",
    "ATTRIB": "claim of responsibility",
}


_ATTACK_LABEL = {
    "Bombing/Explosion": "bombing",
    "Armed Assault": "armed assault",
    "Facility/Infrastructure Attack": "property destruction",
    "Unarmed Assault": "unarmed assault",
    "Hostage Taking (Kidnapping)": "abduction",
    "Hostage Taking (Barricade Incident)": "hostage taking",
    "Hijacking": "hijacking",
    "Assassination": "assassination",
}


def _label(code: str | None, attack: str | None, weapon: str | None, trigger: str) -> str | None:
    """Our general label: the CASE code's, made specific for attacks and disasters; with no CASE code,
    the GTD attack type's (a firebombing the CASE cues do not know is still an event)."""
    if code is None:
        if attack == "Facility/Infrastructure Attack" and weapon == "Incendiary":
            return "arson"
        return _ATTACK_LABEL.get(attack or "")
    t = trigger.lower()
    if code == "NATURAL_DISASTER":
        for word, lab in (
            ("quake", "earthquake"),
            ("tremor", "earthquake"),
            ("flood", "flood"),
            ("storm", "storm"),
            ("cyclone", "storm"),
            ("hurricane", "storm"),
            ("typhoon", "storm"),
            ("tornado", "storm"),
            ("landslide", "landslide"),
            ("mudslide", "landslide"),
            ("fire", "wildfire"),
            ("volcan", "volcanic eruption"),
            ("tsunami", "tsunami"),
            ("drought", "drought"),
            ("outbreak", "epidemic"),
            ("epidemic", "epidemic"),
            ("cholera", "epidemic"),
        ):
            if word in t:
                return lab
    if code == "MAN_MADE_DISASTER":
        for word, lab in (
            ("crash", "traffic accident"),
            ("collid", "traffic accident"),
            ("collision", "traffic accident"),
            ("derail", "rail accident"),
            ("capsiz", "boat accident"),
            ("sank", "boat accident"),
            ("collaps", "collapse"),
            ("blaze", "fire"),
            ("fire", "fire"),
            ("gas", "explosion"),
            ("explosion", "explosion"),
            ("stampede", "stampede"),
            ("spill", "spill"),
            ("leak", "spill"),
        ):
            if word in t:
                return lab
    if code in ("ATTACK", "PROPERTY_DISTRUCT") and attack:
        if attack == "Facility/Infrastructure Attack" and weapon == "Incendiary":
            return "arson"
        return {
            "Bombing/Explosion": "bombing",
            "Hostage Taking (Kidnapping)": "abduction",
            "Hostage Taking (Barricade Incident)": "hostage taking",
            "Hijacking": "hijacking",
            "Assassination": "assassination",
            "Unarmed Assault": "unarmed assault",
        }.get(attack, GENERAL_LABEL[code])
    return GENERAL_LABEL.get(code)


def _add_frames(
    s: dict[str, float],
    triggers: dict[str, tuple[float, int, str]],
    lead: dict[str, float],
    doc_or_span: Doc | Span,
    lead_end: int,
) -> None:
    """Add the lemma frames' scores (``cues.frame_score``) to the phrase cues' scores, in place."""
    fs, ftrig = cues.frame_score(doc_or_span, lead_end)
    fl, _ = cues.frame_score(doc_or_span, lead_end, upto=lead_end)
    for code, v in fs.items():
        s[code] = s.get(code, 0.0) + v
        if code in fl:
            lead[code] = lead.get(code, 0.0) + fl[code]
        if code not in triggers or ftrig[code][0] > triggers[code][0]:
            triggers[code] = ftrig[code]


def classify(doc_or_span: Doc | Span, *, title: str | None = None) -> EventType:
    """The event type of a Doc (an article) or a Span (one mention's region of text)."""
    text = doc_or_span.text
    if not text.strip():
        return EventType()
    lead_end = cues.lead_end(doc_or_span, text)
    s, triggers = score(case_cues(), text, title, lead_end)
    lead, _ = score(case_cues(), text[:lead_end], title, lead_end)
    _add_frames(s, triggers, lead, doc_or_span, lead_end)
    code = decide_case(s, text, lead)
    event_type, sub_event = acled(code, s, text)
    attack, weapon, target = gtd(text, title, lead_end)
    trig = triggers.get(code or "", triggers.get("TERRITORY", (0.0, -1, "")))[2]
    total = sum(s.values())
    return EventType(
        label=_label(code, attack, weapon, trig),
        acled_event_type=event_type,
        acled_sub_event_type=sub_event,
        gtd_attack_type=attack,
        gtd_weapon_type=weapon,
        gtd_target_type=target,
        case_label=code,
        trigger=trig or None,
        score=round(s.get(code, 0.0) / total, 3) if code and total else 0.0,
    )
