"""Triage: decide cheaply what is worth parsing, before spaCy sees an article.

Two decisions, both plain string work:
- ``relevant(text)``: does the article speak of an incident at all (violence, disaster, arrest...)?
  An irrelevant article gets an empty Report and is never parsed.
- ``focus(text)``: the text with the paragraphs that cannot hold an incident fact blanked out
  (replaced by spaces of the same length, so every character offset still points into the
  article). Kept: the opening paragraphs, and any paragraph with an incident cue word or a
  number. Archived web pages carry long tails of comments, links and boilerplate; parsing them
  costs most of the time and yields nothing.
"""
from __future__ import annotations

import re
from functools import lru_cache

from sitrep.extract.cues import names_event

#: Opening paragraphs always kept (title, dateline and lead carry the who/when/where).
LEAD_PARAGRAPHS = 4
#: Beyond this many characters, only cue paragraphs are kept.
MAX_CHARS = 12_000

_CUES = r"""
shot shoot shoots shooting shootings gunfire gunman gunmen gunshot gun guns fired firing opened
kill kills killed killing dead death deaths die died dies dying fatal fatally fatalities murder murdered
homicide manslaughter wound wounded wounds injure injured injuries injuring hurt hospital hospitalized
hospitalised victim victims casualties casualty toll bodies body stab stabbed stabbing attack attacks
attacked attacker attackers assault assailant assailants bomb bombs bombing bombed explosion explosive
explosives blast exploded grenade ied mine missile missiles rocket rockets shell shelling artillery
airstrike strike strikes drone drones raid raided clash clashes clashed fighting fought battle
militants militant insurgents rebels troops soldiers police officer officers deputies sheriff suspect
suspects arrest arrested arrests detained custody charged kidnap kidnapped abducted abduction hostage
hostages missing displaced evacuated riot riots protest protesters protesters demonstrators demonstration
looting looted arson fire fires burned blaze earthquake quake flood floods flooding storm hurricane
cyclone typhoon tornado landslide crash crashed collision accident derailed sank capsized
terror terrorist terrorists terrorism massacre siege execution executed beheaded lynched tortured
responsibility claimed denied firebomb firebombs firebombed firebombing molotov incendiary incendiaries
arsonist arsonists torched ignited sabotage sabotaged vandalized vandalised vandalism hijack hijacked
hijacking ambush ambushed assassination assassinated gunpoint robbery robbed dynamite fighters
"""


@lru_cache(maxsize=1)
def _cue_re() -> re.Pattern[str]:
    words = sorted(set(_CUES.split()), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(words) + r")\b", re.I)


_NUMBER = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|dozens?|hundreds?|several)\b",
                     re.I)
_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*")


def relevant(text: str) -> bool:
    """Does the text mention anything an incident record could come from?

    The cheap word list first; then the event-type lexicon, which also knows the non-violent kinds
    the taxonomy codes (agreements, weapons seizures, bases set up, diplomatic events).
    """
    return _cue_re().search(text) is not None or names_event(text)


def focus(text: str) -> str:
    """The text with paragraphs that hold no incident cue blanked (same length, same offsets)."""
    if len(text) <= 1500:
        return text
    out = list(text)
    cue = _cue_re()
    for n, m in enumerate(_PARAGRAPH.finditer(text)):
        para = m.group()
        keep = n < LEAD_PARAGRAPHS and m.start() < MAX_CHARS
        if not keep:
            early = m.start() < MAX_CHARS
            keep = cue.search(para) is not None and (early or _NUMBER.search(para) is not None)
        if not keep:
            out[m.start() : m.end()] = " " * (m.end() - m.start())
    return "".join(out)
