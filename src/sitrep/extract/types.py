"""Event types: ACLED event/sub-event, GTD attack/weapon/target and CASE 2021 codes from cue words.

Rules, not a trained model: hand-written cue lexicons (``data/types/*.tsv``) are scored over the
text, with words in the title and first sentence counting more, then a few decision rules settle
the families the cues alone confuse (a protest that turned violent, a bomb that was defused).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from sitrep.records import EventType

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

log = logging.getLogger(__name__)

#: CASE 2021 code -> (ACLED event type, ACLED sub-event type); None for the five non-ACLED codes.
CASE_TO_ACLED: dict[str, tuple[str, str] | None] = {
    "ARMED_CLASH": ("Battles", "Armed clash"),
    "GOV_REGAINS_TERIT": ("Battles", "Government regains territory"),
    "NON_STATE_ACTOR_OVERTAKES_TER": ("Battles", "Non-state actor overtakes territory"),
    "CHEM_WEAP": ("Explosions/Remote violence", "Chemical weapon"),
    "AIR_STRIKE": ("Explosions/Remote violence", "Air/drone strike"),
    "SUIC_BOMB": ("Explosions/Remote violence", "Suicide bomb"),
    "ART_MISS_ATTACK": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "REM_EXPLOS": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "GRENADE": ("Explosions/Remote violence", "Grenade"),
    "SEX_VIOL": ("Violence against civilians", "Sexual violence"),
    "ATTACK": ("Violence against civilians", "Attack"),
    "ABDUCT_DISSAP": ("Violence against civilians", "Abduction/forced disappearance"),
    "PEACE_PROTEST": ("Protests", "Peaceful protest"),
    "PROTEST_WITH_INTER": ("Protests", "Protest with intervention"),
    "FORCE_AGAINST_PROTEST": ("Protests", "Excessive force against protesters"),
    "VIOL_DEMONSTR": ("Riots", "Violent demonstration"),
    "MOB_VIOL": ("Riots", "Mob violence"),
    "AGREEMENT": ("Strategic developments", "Agreement"),
    "ARREST": ("Strategic developments", "Arrests"),
    "CHANGE_TO_GROUP_ACT": ("Strategic developments", "Change to group/activity"),
    "DISR_WEAP": ("Strategic developments", "Disrupted weapons use"),
    "HQ_ESTABLISHED": ("Strategic developments", "Headquarters or base established"),
    "PROPERTY_DISTRUCT": ("Strategic developments", "Looting/property destruction"),
    "NON_VIOL_TERRIT_TRANSFER": ("Strategic developments", "Non-violent transfer of territory"),
    "OTHER": ("Strategic developments", "Other"),
    "ORG_CRIME": None,
    "NATURAL_DISASTER": None,
    "MAN_MADE_DISASTER": None,
    "DIPLO": None,
    "ATTRIB": None,
}

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

_PROTEST_FAMILY = ("PEACE_PROTEST", "PROTEST_WITH_INTER", "FORCE_AGAINST_PROTEST", "VIOL_DEMONSTR")
_EXPLOSIVE = ("SUIC_BOMB", "CHEM_WEAP", "AIR_STRIKE", "GRENADE", "ART_MISS_ATTACK", "REM_EXPLOS")
_LEAD_WEIGHT = 2.0  # title and first sentence name the event; later text is background more often
_BODY_WEIGHT = 1.0
_TAIL_WEIGHT = 0.4  # beyond the first ~1,000 characters: history, context, reactions
_TAIL_FROM = 1000
_VIOLENT = 4.0  # violence score that makes a protest a riot: one strong cue, or several weak ones
_MAX_HITS = 3  # one repeated word must not outvote the rest
_BOMB_ATTACKS = ("Bombing/Explosion",)


@dataclass(frozen=True, slots=True)
class Cue:
    """One cue line: a code (or GTD field value), its weight and its pattern."""

    field: str
    value: str
    weight: float
    pattern: re.Pattern[str]


def _read_tsv(name: str) -> list[list[str]]:
    text = resources.files("sitrep").joinpath(f"data/types/{name}").read_text("utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def case_cues() -> tuple[Cue, ...]:
    """The CASE/ACLED cue lexicon (``data/types/case_cues.tsv``)."""
    return tuple(
        Cue("case", code, float(w), re.compile(rx, re.I)) for code, w, rx in _read_tsv("case_cues.tsv")
    )


@lru_cache(maxsize=1)
def gtd_cues() -> tuple[Cue, ...]:
    """The GTD attack/weapon/target cue lexicon (``data/types/gtd_cues.tsv``)."""
    return tuple(Cue(f, v, float(w), re.compile(rx, re.I)) for f, v, w, rx in _read_tsv("gtd_cues.tsv"))


#: Cue weight from which one match says "an event of the taxonomy is told here" (weaker cues such as
#: "civilians" or "gathered" only sharpen a type once something else names the event).
_NAMING_WEIGHT = 2.0


def names_event(text: str) -> bool:
    """Whether any cue of the event-type lexicon names an event in ``text`` (plain string work, no parse).

    Triage uses it so that every kind the taxonomy codes (an agreement, a seizure of weapons, a
    base set up, a diplomatic row) is parsed, not only the violent kinds its own word list knows.
    """
    return any(c.weight >= _NAMING_WEIGHT and c.pattern.search(text) for c in case_cues())


def _lead_end(doc_or_span: Doc | Span, text: str) -> int:
    """Char offset (relative to ``text``) where the first sentence ends."""
    base = doc_or_span.start_char if hasattr(doc_or_span, "start_char") else 0
    doc = doc_or_span.doc if hasattr(doc_or_span, "doc") else doc_or_span
    if doc.has_annotation("SENT_START"):
        for sent in doc_or_span.sents:
            if sent.end_char - base > 40:  # a dateline or a "Looting:" tag is not the lead
                return sent.end_char - base
    m = re.search(r"[.!?](\s|$)", text[40:])
    return 40 + m.end() if m else len(text)


def _weight_at(pos: int, lead_end: int) -> float:
    if pos < lead_end:
        return _LEAD_WEIGHT
    return _BODY_WEIGHT if pos < _TAIL_FROM else _TAIL_WEIGHT


def _score(
    cues: tuple[Cue, ...], text: str, title: str | None, lead_end: int
) -> tuple[dict[str, float], dict[str, tuple[float, int, str]]]:
    """Weighted cue scores per value, and per value its best trigger (score, position, words)."""
    scores: dict[str, float] = {}
    triggers: dict[str, tuple[float, int, str]] = {}
    for cue in cues:
        hits = 0
        if title and cue.pattern.search(title):
            scores[cue.value] = scores.get(cue.value, 0.0) + cue.weight * _LEAD_WEIGHT
            hits += 1
        for m in cue.pattern.finditer(text):
            if hits >= _MAX_HITS:
                break
            hits += 1
            w = cue.weight * _weight_at(m.start(), lead_end)
            scores[cue.value] = scores.get(cue.value, 0.0) + w
            best = triggers.get(cue.value)
            if best is None or (w, -m.start()) > (best[0], -best[1]):
                triggers[cue.value] = (w, m.start(), m.group(0))
    return scores, triggers


_STATE = re.compile(
    r"\b(army|armed forces|troops|soldiers|military|government|regime|security forces|police|national guard|"
    r"forces loyal|state forces|federal forces|sana|saa|fardc|"
    r"afp|idf|marines|navy|pro-government|gendarmerie|"
    r"coalition)\b",
    re.I,
)
_NON_STATE = re.compile(
    r"\b(?i:militants?|rebels?|insurgents?|jihadists?|terrorists?|fighters|militia\w*|al-?shabaa?b|taliban|"
    r"islamic state|isis|isil|daesh|boko haram|houthis?|hezbollah|hts|al-?qaeda|separatists?|farc|eln|pkk|"
    r"ypg|sdf|opposition|armed group|gunmen|bandits|mujahideen|tribesmen)\b|\bIS\b"
)
_WITHDRAW = re.compile(
    r"\b(withdr[ae]w\w*|pull(ed|s)? (out|back)|vacat(ed|ing)|handed over|without (a fight|"
    r"resistance|fighting|clashes)|had not encountered any resistance|abandon(ed)?)\b",
    re.I,
)
_ATTACKISH = re.compile(
    r"\b(bombs?|bombing|ieds?|improvised|explosive devices?|explosives|"
    r"attack\w*|militants?|terror\w*|insurgents?|"
    r"suicide|planted|detonated|mines?|blast was caused by|gunmen|"
    r"rebels?|shelling|grenades?|missiles?|rockets?)\b",
    re.I,
)

_SMALL_ARMS = re.compile(
    r"\b(small arms|light weapons|sniper|rifles?|gunfire|exchange(d)? (of )?fire|"
    r"clash(es|ed)?|fighting)\b",
    re.I,
)
_ARMED_VICTIM = re.compile(
    r"\b(soldiers?|troops|servicem[ae]n|police(m[ae]n| officers?)?|officers|personnel|militants?|fighters|"
    r"rebels?|insurgents?|militiam[ae]n|terrorists?|jihadists?|members of (the )?\w+ (forces|army|militia)|"
    r"commanders?|guards?|"
    r"(army|military|security|police) (post|checkpoint|base|convoy|patrol|vehicle|positions?))\b",
    re.I,
)
_CIVILIAN = re.compile(
    r"\b(civilians?|(?<!armed )(?<!unidentified )(?<!gun)m[ae]n\b|wom[ae]n|child(ren)?|boys?|girls?|"
    r"villagers?|residents?|farmers?|teachers?|famil(y|ies)|"
    r"journalists?|traders?|students?|persons?|people|body|worshipp?ers|herders?|off-duty|passengers?|drivers?|"
    r"shopkeepers?|doctors?|nurses?|workers?|citizens?|couple|elders?|chiefs?|councill?ors?|mayors?|prisoners?)\b",
    re.I,
)

_FIREFIGHT = re.compile(r"\b(shoot-?outs?|exchanged (gun)?fire|exchanges? of (gun)?fire|gun ?battles?|"
                        r"fire ?fights?|gunfights?|returned fire)\b", re.I)
_NEGATED = re.compile(r"\b(no|neither|nor) (people|persons|civilians|one|person)\b", re.I)
_DEATH = re.compile(r"\b(killed|dead|died|bod(y|ies)|corpses?|fatalit(y|ies)|murder\w*)\b", re.I)
_ARMED_PARTY = re.compile(
    r"\b(armed|gunmen|militants?|rebels?|insurgents?|troops|soldiers|army|military|fighters|militia\w*|"
    r"exchanged fire|shoot-?out|gunfire|gunfight)\b",
    re.I,
)
_HARM_VERB = re.compile(
    r"\b(shot|killed|attacked|opened fire|ambushed|wounded|injured|targeted|stabbed|"
    r"abducted|kidnapped|assaulted|beat|fired)\b",
    re.I,
)


def _armed_victim(text: str) -> bool:
    """Whether the people harmed are armed (soldiers, police, militants): words after the first harm verb."""
    verb = _HARM_VERB.search(text)
    if verb and _ARMED_VICTIM.search(text, verb.start()):
        return True
    # passive voice: "a soldier was killed by ..."
    passive = r"[^.]{0,40}\b(was|were) (shot|killed|injured|wounded|attacked)"
    return bool(re.search(_ARMED_VICTIM.pattern + passive, text, re.I))


def _territory(text: str) -> str:
    """Who took the area: the state (regains), a non-state group (overtakes), or nobody fought (transfer)."""
    verb = next((c.pattern.search(text) for c in case_cues() if c.value == "TERRITORY"), None)
    if verb is None:
        return "GOV_REGAINS_TERIT"
    sent_start = max(text.rfind(". ", 0, verb.start()) + 1, 0)
    before = text[sent_start : verb.start()]
    if _WITHDRAW.search(text):
        return "NON_VIOL_TERRIT_TRANSFER"
    st, ns = _STATE.search(before), _NON_STATE.search(before)
    if ns and (not st or ns.start() < st.start()):
        return "NON_STATE_ACTOR_OVERTAKES_TER"
    if st:
        return "GOV_REGAINS_TERIT"
    return (
        "NON_STATE_ACTOR_OVERTAKES_TER"
        if re.search(r"\b(seized|captured|overran|took over)\b", verb.group(0), re.I)
        else "GOV_REGAINS_TERIT"
    )


def _decide_case(s: dict[str, float], text: str = "", lead: dict[str, float] | None = None) -> str | None:
    """The CASE code from cue scores, with the family rules the scores alone get wrong."""
    if not s:
        return None
    lead = lead or {}
    best = max(s, key=lambda k: s[k])
    fights = ("ARMED_CLASH", "ATTACK", "VIOL_DEMONSTR", "MOB_VIOL")
    taken = lead.get("TERRITORY", 0) > 0 and best in fights and not s.get("PEACE_PROTEST")
    if best == "TERRITORY" or taken:
        return _territory(text)
    # An explosion with no attacker, device or weapon word is an accident.
    if best == "REM_EXPLOS" and not _ATTACKISH.search(text) and s.get("MAN_MADE_DISASTER", 0) > 0:
        return "MAN_MADE_DISASTER"
    # A claim or an accusation in the lead is what the text is about.
    specific = max((s.get(k, 0) for k in ("SEX_VIOL", "CHEM_WEAP", "SUIC_BOMB", "AIR_STRIKE")), default=0)
    if lead.get("ATTRIB", 0) > 0 and best not in _PROTEST_FAMILY and specific < 8:
        return "ATTRIB"
    if best in ("ARREST", "DISR_WEAP") and s.get("ORG_CRIME", 0) >= 0.5 * s[best]:
        return "ORG_CRIME"
    # ACLED: two armed sides firing at each other is a clash, whatever the operation was for.
    if _FIREFIGHT.search(text) and best in ("ORG_CRIME", "ARREST", "DISR_WEAP", "CHANGE_TO_GROUP_ACT",
                                             "PROTEST_WITH_INTER", "ATTACK", "MAN_MADE_DISASTER"):
        return "ARMED_CLASH"
    # A defused or seized device is no explosion.
    if s.get("DISR_WEAP", 0) >= 8 and best in (*_EXPLOSIVE, "ARREST", "ARMED_CLASH", "ORG_CRIME"):
        return "DISR_WEAP"
    # ACLED: fire from small arms alongside heavy weapons is a clash, not remote violence.
    if best in ("ART_MISS_ATTACK", "REM_EXPLOS") and _SMALL_ARMS.search(text):
        return "ARMED_CLASH"
    # ACLED: violence against armed people (soldiers, police, militants) is a clash, not an attack.
    # ACLED: destruction that kills someone is an attack on people.
    if (
        best == "PROPERTY_DISTRUCT"
        and s.get("ATTACK", 0) > 0
        and (_DEATH.search(text) or (s["ATTACK"] >= 0.5 * s[best] and _ARMED_PARTY.search(text)))
    ):
        return "ATTACK"
    if (
        best == "ATTACK"
        and _armed_victim(text)
        and (not _CIVILIAN.search(_NEGATED.sub(" ", text)) or s.get("ARMED_CLASH", 0) >= 0.6 * s[best])
    ):
        return "ARMED_CLASH"
    # A crowd's violence without a demonstration, or a fight between unarmed groups, is mob violence.
    if best == "VIOL_DEMONSTR" and s.get("PEACE_PROTEST", 0) == 0:
        armed = _ARMED_PARTY.search(text)
        if armed and s.get("ARMED_CLASH", 0) > 0 and not re.search(r"\briot", text, re.I):
            return "ARMED_CLASH"
        return "MOB_VIOL"
    if (
        best == "ARMED_CLASH"
        and s.get("MOB_VIOL", 0) > 0
        and not _STATE.search(text)
        and not _NON_STATE.search(text)
    ):
        return "MOB_VIOL"
    protest = s.get("PEACE_PROTEST", 0.0)
    # A protest is the event when protest words lead; violence or police then pick the sub-type.
    if protest >= 4 and (
        best in _PROTEST_FAMILY
        or best
        in (
            "ARREST",
            "ARMED_CLASH",
            "PROPERTY_DISTRUCT",
            "ATTACK",
            "MOB_VIOL",
            "CHANGE_TO_GROUP_ACT",
            "DIPLO",
            "ORG_CRIME",
            "OTHER",
        )
        or protest >= 0.6 * s[best]
    ):
        if s.get("FORCE_AGAINST_PROTEST", 0) > 0:
            return "FORCE_AGAINST_PROTEST"
        if s.get("VIOL_DEMONSTR", 0) >= _VIOLENT or s.get("PROPERTY_DISTRUCT", 0) >= _VIOLENT:
            return "VIOL_DEMONSTR"
        if s.get("PROTEST_WITH_INTER", 0) >= 3:
            return "PROTEST_WITH_INTER"
        return "PEACE_PROTEST"
    # Specific explosive means beat the generic attack and clash words.
    if best in ("ATTACK", "ARMED_CLASH", "MOB_VIOL", "PROPERTY_DISTRUCT", "ATTRIB", "ORG_CRIME"):
        strong = [
            k for k in ("SUIC_BOMB", "CHEM_WEAP", "AIR_STRIKE", "GRENADE", "REM_EXPLOS") if s.get(k, 0) >= 8
        ]
        if strong:
            return max(strong, key=lambda k: s[k])
    return best


def _acled(code: str | None, s: dict[str, float], text: str) -> tuple[str | None, str | None]:
    """ACLED (event type, sub-event type): the code's own, or the best ACLED code's for the five others."""
    if not s:  # nothing names an event: ACLED's "a development that fits no other type"
        return "Strategic developments", "Other"
    pair = CASE_TO_ACLED.get(code) if code else None
    if pair is None and s:
        acled_codes = [k for k in s if CASE_TO_ACLED.get(k) or k == "TERRITORY"]
        if code == "ORG_CRIME":  # criminal violence is coded as an attack or a clash in ACLED
            acled_codes = acled_codes or ["ATTACK"]
        if acled_codes:
            pick = _decide_case({k: s.get(k, 0.0) for k in acled_codes}, text)
            pair = CASE_TO_ACLED.get(pick) if pick else None
    return pair if pair else (None, None)


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


def _gtd(text: str, title: str | None, lead_end: int) -> tuple[str | None, str | None, str | None]:
    """GTD (attack type, weapon type, target type)."""
    cues = gtd_cues()
    att, _ = _score(tuple(c for c in cues if c.field == "attack"), text, title, lead_end)
    wea, _ = _score(tuple(c for c in cues if c.field == "weapon"), text, title, lead_end)
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
    return min(found)[2] if found else None


def _label(code: str | None, attack: str | None, weapon: str | None, trigger: str) -> str | None:
    """Our general label: the CASE code's, made specific for attacks and disasters."""
    if code is None:
        return None
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


def classify(doc_or_span: Doc | Span, *, title: str | None = None) -> EventType:
    """The event type of a Doc (an article) or a Span (one mention's region of text)."""
    text = doc_or_span.text
    if not text.strip():
        return EventType()
    lead_end = _lead_end(doc_or_span, text)
    s, triggers = _score(case_cues(), text, title, lead_end)
    lead, _ = _score(case_cues(), text[:lead_end], title, lead_end)
    code = _decide_case(s, text, lead)
    event_type, sub_event = _acled(code, s, text)
    attack, weapon, target = _gtd(text, title, lead_end)
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
