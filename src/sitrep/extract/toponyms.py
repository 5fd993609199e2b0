"""Toponyms: what a place name in the text stands for in the gazetteer, read with the story's context.

The context is the countries and regions a story names (weighed in ``context``); ``resolve`` reads a
name with the region written after it ("Cairo, Illinois", "Tenkasi (Tenkasi, TN)"), ``regions`` lists
what such a region may be, in any spelling ("Idleb", "Nord-Ouest").
"""
from __future__ import annotations

import math
import re
from dataclasses import replace

from sitrep import rules
from sitrep.extract import groups
from sitrep.gazetteer import (
    ADMIN1_ABBREV,
    DEMONYMS,
    PART_WORDS,
    REGION_ABBREV,
    STOP_NAMES,
    Gazetteer,
    GeoEntry,
    admin_key,
    loose_key,
    norm,
)

#: Words of American local news: with no country named, they place a story's towns in the US.
_US_CUES_RE = re.compile(
    r"\b(?:\d+ block of|[Ss]heriff(?:'s)?|PD\b|[A-Z][a-z]+ County|Police Department|[Pp]olice [Cc]hief|"
    r"\d(?::\d\d)? ?[ap]\.m\.|Interstate \d+|I-\d+|Highway \d+|state trooper|[Dd]eputies|"
    r"district attorney|[Aa]ldermen|ZIP code|\$\d)")


#: A country name used as a modifier ("US dollar", "Saudi-led", "Russian-backed"): not where it happened.
_MODIFIER_RE = re.compile(r"^(?:-(?:led|backed|based|made|born|brokered)|\s+(?:dollars?|embassy|consulate|"
                          r"forces|troops|army|military|officials?|government|authorities|soldiers|navy|"
                          r"air force|drones?|airstrikes?|sanctions|president|minister|ambassador|citizens?|"
                          r"nationals?|envoy|border guards?)\b)")


def is_modifier(text: str, end: int, start: int | None = None) -> bool:
    """"US dollar", "Saudi-led", "military forces of Armenia" (and "of India and Pakistan"): a country
    named for whose it is."""
    before = text[max(0, start - 50):start] if start is not None else ""
    if re.search(r"\b(?:forces|troops|army|military|government|soldiers|authorities|ministry|embassy|"
                 r"president|navy) of (?:the )?(?:[A-Z][\w.]+(?: [A-Z][\w.]+)? and (?:the )?)?$", before):
        return True
    return bool(_MODIFIER_RE.match(text[end:end + 24]))


#: Names that are both a country and a US state.
US_AMBIGUOUS = frozenset({"georgia"})



def clean(name: str, *, keep_direction: bool = False) -> str:
    if not keep_direction:
        name = re.sub(r"\s+(?:city|village|town|district|area|municipality|township|sector|countryside|"
                      r"neighbou?rhood|camp|front|frontline|county seat)$", "", name.strip(), flags=re.I)
    lead = r"the|downtown" if keep_direction else (
        r"the|downtown|northern|southern|eastern|western|central|north|south|east|west|"
        r"northeast|northwest|southeast|southwest")
    name = re.sub(rf"^(?:{lead})\s+", "", name.strip(), flags=re.I)
    return name.strip(" .,'\"")


Spans = list[tuple[int, int, str, "str | None"]]


def context(g: Gazetteer, spans: Spans, text: str, outlet: str | None = None) -> tuple[set[str], set[str]]:
    """Countries and admin1 regions the text names outright: they decide between same-named towns.

    Evidence is weighed: a country named (3), a region named, in any spelling ("Idleb"), shared
    among the countries that have one (2), a big city (1), the outlet's name (1, "La Prensa
    (Panama)"), a nationality adjective (0.5). The story's countries are those with half the
    weight of the best, so a passing "Saudi-led" does not outvote "Yemen".
    """
    weight: dict[str, float] = {}
    a1s: set[str] = set()

    def add(cc: str | None, w: float) -> None:
        if cc:
            weight[cc] = weight.get(cc, 0.0) + w

    named_regions: list[list[GeoEntry]] = []
    big_a1s: set[str] = set()  # regions of big cities named: they count only where no region is named
    for s, e, label, hint in spans:
        if label == "NORP":
            add(DEMONYMS.get(text[s:e]), 0.5)
            continue
        if is_modifier(text, e, s):
            continue
        part = label != "PAREN" and is_part_name(text, s)
        for name in (text[s:e], hint):
            if not name or label == "FAC" or (label == "PREP" and name is hint) \
                    or (part and name is not hint):
                continue  # "Colonia Bellavista" names no region Colonia
            c = g.country(clean(name, keep_direction=True)) or g.country(clean(name))
            if c and norm(clean(name)) in US_AMBIGUOUS and g.admin1(clean(name), country_code="US"):
                continue  # "Georgia": a country or a state, the other names decide
            if c and label != "PREP" and name[:1].isupper():  # "turkey-hunting" names no country
                add(c.country_code, 3)
                continue
            code = g.us_state_code(name)
            if code and (name.isupper() or "." in name) and name not in REGION_ABBREV:
                a1s.add(norm(g.us_state(code)))
                add("US", 3)
                continue
            listed = label == "PAREN" and hint or name is hint and "," in text[e:e + 40].split(")")[0]
            # "(Malappuram, KL)", not "(AP)"
            if name.strip() in ADMIN1_ABBREV and listed and rules.on("place-region-abbrev"):
                cc_abbrev, a1_abbrev = ADMIN1_ABBREV[name.strip()]
                a1s.add(norm(a1_abbrev))
                add(cc_abbrev, 2)
                continue
            if name.isupper() and len(name) <= 4:
                continue  # other abbreviations place nothing ("KL" is no Kuala Lumpur here)
            written = clean(name, keep_direction=True)  # "Kansas City" names no region
            if re.search(r"\s(?:County|Parish|Borough)$", written) and g.admin2(written):
                for cc in {c.country_code for c in g.admin2(written)}:  # "Westmoreland County": a county
                    add(cc, 1)
                continue
            called = bool(_REGION_WORD_RE.search(text[max(0, s - 30):s] + "|" + text[e:e + 25]))
            bracketed = text[:s].rfind("(") > text[:s].rfind(")")  # "(Marka, Lower Shabelle)"
            trusted = called or bracketed or label == "PAREN" or name is hint
            found = [a for a in g.admin1_all(written, called=trusted) if names_region(written, a)]
            exact = [a for a in found if admin_key(a.name) == admin_key(written)]
            if not called and label != "PAREN" and name is not hint and not bracketed:
                # Outside brackets and hints, a name is a region only when spelt as one, and not the
                # name of a big town too ("Toledo", "Charlotte"), unless called one ("Raqqa countryside").
                found = exact if not any(c.population >= 100_000 and norm(c.name) == norm(written)
                                         for c in g.lookup(written)) else []
            if label == "PREP" and (len(written) < 5 or len(found) != 1 or not called):
                found = []  # after "in", a region only when called one ("Raqqa countryside")
            if not found and (label == "PAREN" or name is hint):
                found = [a for a in second_level(g, written)
                         if a.admin1 and admin_key(a.name) == admin_key(written)]
            if found and label == "PAREN" and rules.on("place-bracket-holder"):
                found = holding(g, found, bracket_names(text, s, hint))
                found = found[:1] if len({a.country_code for a in found}) > 1 and _holds(
                    g, found[0], bracket_names(text, s, hint)) else found
            if found:
                named_regions.append(found)
                continue
            if label in ("PREP", "PAREN"):
                continue
            # A big city named outright places the story too, unless a big namesake abroad shares the name.
            # A big city's old or foreign name ("Canton") places nothing while towns bear it as their own.
            big = g.lookup(clean(name))
            key = norm(clean(name))
            if big and big[0].population >= 300_000 and label != "DATELINE" and not any(
                    c.population >= 100_000 and c.country_code != big[0].country_code for c in big[1:]) \
                    and (norm(big[0].name) == key or not any(
                        norm(c.name) == key and c.population >= 10_000 for c in big[1:])):
                add(big[0].country_code, 1)
                if rules.on("place-big-city-region") and big[0].admin1:
                    big_a1s.add(norm(big[0].admin1))  # "Chicago": Illinois' Englewood, not Colorado's
    for found in named_regions:  # a region several countries have ("Punjab") goes to the one named
        ccs_found = [a for a in found if a.country_code in weight] or found
        for a in ccs_found:
            a1s.add(norm(a.admin1 if a.kind == "admin2" and a.admin1 else a.name))
            add(a.country_code, 2 / len(ccs_found))
    for cc in _outlet_countries(g, outlet) if rules.on("place-outlet-country") else ():
        add(cc, 1)
    if rules.on("place-us-cues") and _US_CUES_RE.search(text):
        add("US", 1)
    for cc in groups.home_countries(text) if rules.on("place-group-country") else ():
        add(cc, 1)  # "Houthi forces shelled ...": Yemen, as a big city would
    a1s = a1s or big_a1s
    if not weight:
        return set(), a1s
    top = max(weight.values())
    return {cc for cc, w in weight.items() if w > top / 2}, a1s


#: Words around a name that say it is a region: "in the countryside of X", "X province".
_REGION_WORD_RE = re.compile(r"\b(?:countryside|province|governorate|region|state|district|department|oblast)"
                             r"(?: of(?: the)?)?\s*\||\|\s*(?:countryside|province|governorate|region|state|"
                             r"district|department|oblast)\b", re.I)


#: The name right before a bracket ("Faridkot (Punjab)", "Nabha district (Punjab)").
_BEFORE_BRACKET_RE = re.compile(r"(?P<name>[A-Z][\w'\u2019-]+(?:[ -][A-Z][\w'\u2019-]+){0,3})"
                                r"(?:\s+(?:city|town|village|district|area|municipality|sector))?\s*\($")


def bracket_names(text: str, start: int, earlier: str | None) -> list[str]:
    """The names a bracketed region is written with: its list's earlier items ("(Mahagi, Ituri)") and
    the place right before the bracket ("Faridkot (Punjab)")."""
    out = [n.strip() for n in (earlier or "").split(",") if n.strip()]
    opening = text.rfind("(", 0, start)
    if opening != -1:
        m = _BEFORE_BRACKET_RE.search(text, max(0, opening - 60), opening + 1)
        if m:
            out.append(m.group("name"))
    return out


def _holds(g: Gazetteer, region: GeoEntry, names: list[str]) -> bool:
    """Whether one of ``names`` is a town or district of ``region`` in the gazetteer."""
    return any(g.lookup(clean(n), country_code=region.country_code, admin1=region.admin1)
               or g.admin2(clean(n), country_code=region.country_code, admin1=region.admin1)
               for n in names if len(clean(n)) >= 3)


def holding(g: Gazetteer, readings: list[GeoEntry], names: list[str]) -> list[GeoEntry]:
    """Readings of a region that several countries have ("Punjab"), the one that holds the towns written
    with it first ("Amritsar (Punjab)": India's); the order is kept otherwise."""
    if len({r.country_code for r in readings}) < 2 or not names:
        return readings
    return sorted(readings, key=lambda r: not _holds(g, r, names))


def is_part_name(text: str, s: int) -> bool:
    """The name at ``s`` opens with a word for a part of a town and another capitalized word ("Colonia
    Bellavista", "Barangay Capihan"; data/gazetteer/part_words.txt)."""
    m = re.match(r"([A-Z][a-z]+)\s+[A-Z]", text[s:s + 40])
    return bool(m) and m.group(1).lower() in PART_WORDS and rules.on("place-part-words")


def second_level(g: Gazetteer, name: str) -> list[GeoEntry]:
    """Second-level regions outside the US that ``name`` may be (the tables' districts and the extra
    table's provinces); a US county is written "X County" and read as one."""
    if not rules.on("place-second-level"):
        return []
    return [a for a in g.admin2(clean(name)) if a.country_code != "US"]


def names_region(written: str, a: GeoEntry) -> bool:
    """True when ``written`` is a spelling of the region itself, not of a bigger name holding it."""
    w, k = admin_key(written), admin_key(a.name)
    return bool(w) and (w == k or loose_key(written) == loose_key(a.name) or len(w.split()) == len(k.split())
                        or " " not in w)


#: Outlet names that say their country: "La Prensa (Panama)", "OSCE SMM-Ukraine", "Nepal Times".
_OUTLET_PART_RE = re.compile(r"[A-Z][A-Za-z'.]+(?:[ -](?:and |of (?:the )?)?[A-Z][A-Za-z'.]+){0,3}")


def _outlet_countries(g: Gazetteer, outlet: str | None) -> set[str]:
    """Countries an outlet's name spells out (weak evidence: an outlet reports on its own country)."""
    out: set[str] = set()
    for part in re.split(r"[;,]", outlet or ""):
        for m in _OUTLET_PART_RE.finditer(part):
            words = m.group(0).replace("-", " ").split()
            for i in range(len(words)):
                for j in range(len(words), i, -1):
                    c = g.country(" ".join(words[i:j]))
                    if c is not None:
                        out.add(c.country_code)
                        break
            for w in words:
                if w in DEMONYMS and DEMONYMS[w]:
                    out.add(DEMONYMS[w])
    return out


def resolve(g: Gazetteer, name: str, hint: str | None, ccs: set[str], a1s: set[str]) -> GeoEntry | None:
    """The gazetteer entry for a name as written ("North Charleston"), else for its core ("Charleston")."""
    code = g.us_state_code(name.strip())
    if code and len(name.strip()) <= 6 and (name.strip().isupper() or "." in name):
        return g.admin1(g.us_state(code), country_code="US")  # "Mont.", "PA"
    full = clean(name, keep_direction=True)
    if full != clean(name):
        entry = _resolve_clean(g, full, hint, ccs, a1s)
        if entry is not None and (entry.kind in ("city", "country") or norm(entry.name) == norm(full)):
            return entry  # "North Charleston", "North Carolina"
    return _resolve_clean(g, clean(name), hint, ccs, a1s)


def regions(g: Gazetteer, hint: str, ccs: set[str]) -> list[GeoEntry]:
    """What a region written after a town may be, the story's countries first: a country, a US state
    ("Pa.", "TN"), another reading of the code ("TN": Tamil Nadu), a region in any spelling ("Idleb")."""
    name = hint.strip()
    out: list[GeoEntry] = []
    code = g.us_state_code(name)
    if code and (name.isupper() or "." in name or len(name) == 2):
        out.append(g.admin1(g.us_state(code), country_code="US"))
    if name in REGION_ABBREV:
        out.append(g.admin1(REGION_ABBREV[name][1], country_code=REGION_ABBREV[name][0]))
    if name in ADMIN1_ABBREV and rules.on("place-region-abbrev"):  # "(Malappuram, KL)"
        out.append(g.admin1(ADMIN1_ABBREV[name][1], country_code=ADMIN1_ABBREV[name][0]))
    country = g.country(clean(name, keep_direction=True)) or g.country(clean(name))
    if country is not None:
        out.append(country)
    if not code:
        out.extend(g.admin1_all(clean(name, keep_direction=True), called=True)
                   or g.admin1_all(clean(name), called=True))
    if not out and len(norm(name)) >= 3:
        out.extend(second_level(g, name))  # "(Pobe-Mengao, Soum)": a province of Burkina Faso
    seen: set[tuple[str, str | None]] = set()
    unique = []
    for r in out:
        if r is not None and (r.country_code, r.admin1) not in seen:
            seen.add((r.country_code, r.admin1))
            unique.append(r)
    # "Fort Benning, Georgia" in an American story: the state before the country.
    return sorted(unique, key=lambda r: (r.country_code not in ccs, r.kind == "country" and "US" in ccs))


#: Words that are a place only as part of a longer name: "West Side" is Chicago's, not Turkey's Side;
#: "THE DEPUTIES" in a shouted transcript is no town called The.
NEVER_ALONE = frozenset({"the", "side", "end", "shore"})


def _resolve_clean(
    g: Gazetteer, name: str, hint: str | None, ccs: set[str], a1s: set[str],
) -> GeoEntry | None:
    key = norm(name)
    if not key or key in STOP_NAMES or len(key) < 2 or key in NEVER_ALONE and rules.on("place-never-alone"):
        return None
    hint_cc = hint_a1 = None
    readings = regions(g, hint, ccs) if hint else []
    for r in readings:  # the first reading of the region under which the town exists ("Tenkasi, TN")
        if g.lookup(name, country_code=r.country_code, admin1=r.admin1):
            hint_cc, hint_a1 = r.country_code, r.admin1
            break
    else:
        if readings and (not ccs or readings[0].country_code in ccs):
            hint_cc, hint_a1 = readings[0].country_code, readings[0].admin1
    country = g.country(name)
    if country:
        in_us = "US" in ccs and country.country_code not in ccs
        us_state = g.admin1(name, country_code="US") if in_us else None
        if us_state is not None and norm(us_state.name) == key:
            return us_state  # "Georgia" in an American story
        return country
    code = g.us_state_code(name)
    if code and (name.isupper() or "." in name) and len(name) <= 6:
        return g.admin1(g.us_state(code), country_code="US")
    if len(key) <= 3 or name.isupper() and len(name) <= 4:
        return None  # abbreviations are not towns ("Pa.", "US", "ABC")
    if re.search(r"\b(?:County|Parish|Borough)$", name):
        counties = g.admin2(name, country_code=hint_cc, admin1=hint_a1)
        if counties:
            counties.sort(key=lambda e: -(3 * (norm(e.admin1 or "") in a1s) + math.log10(e.population + 10)))
            return counties[0]
    cities = g.lookup(name, country_code=hint_cc, admin1=hint_a1)
    if hint_a1:  # a town the tables file under the region the written one was cut from ("Bunia (Ituri)")
        cities = [c if admin_key(c.admin1 or "") == admin_key(hint_a1) else replace(c, admin1=hint_a1)
                  for c in cities]
    if not cities and hint_a1:
        # A big town the table files under another region ("Washington, District of Columbia").
        cities = [replace(c, admin1=hint_a1) for c in g.lookup(name, country_code=hint_cc)
                  if c.population >= 500_000 and norm(c.name) == key]
    if hint and not readings and len(cities) > 1 and rules.on("place-hint-town"):
        # "San Rafael, Bulacan": the second name is no region the table knows but a town or district; the
        # namesake in the country that has both is meant.
        there = {e.country_code for e in g.lookup(clean(hint))}
        there |= {e.country_code for e in g.admin2(clean(hint))}
        both = [c for c in cities if c.country_code in there]
        if both:
            cities = both
    if ccs and not hint_cc:
        # A town of that name in the story's countries wins over a namesake abroad ("Mansura" in a
        # story from Syria), unless the namesake is a metropolis the writer needs not place.
        inside = [c for c in cities if c.country_code in ccs]
        if inside:
            cities = [c for c in cities if c.country_code in ccs or c.population >= 1_000_000]
    admins = [] if hint_a1 else [a for a in g.admin1_all(name, country_code=hint_cc)
                                 if norm(a.name) == key or norm(a.name).split()[0] == key
                                 or not cities and names_region(name, a)]  # "Lower Shabelle", no town
    admin = min(admins, key=lambda a: a.country_code not in ccs) if admins else None  # "Al Jawf" in Yemen
    if cities:
        def score(e: GeoEntry) -> float:
            s = math.log10(e.population + 10) + 2 * (norm(e.name) == key)
            s += 3 * (e.country_code in ccs) + 3 * (norm(e.admin1 or "") in a1s)
            return s
        best = max(cities, key=score)
        # A region of that name wins over a small namesake town ("Punjab", "Sindh"), not over a big
        # city ("San Jose", not Costa Rica's province), nor over a town the context places.
        if admin and best.population < 100_000 and not (hint_a1 and best.population >= 1000):
            if not ccs or admin.country_code in ccs or best.country_code not in ccs:
                return admin
        return best
    if admin is None and len(key) >= 4 and hint_cc:
        # A district the table knows only as a second-level region ("Anne Arundel", "Afgooye").
        counties = [c for c in g.admin2(name, country_code=hint_cc, admin1=hint_a1)
                    if not ccs or c.country_code in ccs]
        if counties and admin_key(counties[0].name) == admin_key(name):
            return counties[0]
    return admin



def hint_region(g: Gazetteer, hint: str, ccs: set[str], a1s: set[str]) -> GeoEntry | None:
    """The region a hint names; a town only when it is in the story's countries."""
    readings = regions(g, hint, ccs)
    if readings and (not ccs or readings[0].country_code in ccs):
        return readings[0]
    entry = resolve(g, hint, None, ccs, a1s)  # "San Joaquin, Valencia, Carabobo": a town, not Spain's region
    if entry is not None and (entry.kind != "city" or not ccs or entry.country_code in ccs):
        return entry
    return None


#: A last word that only says what kind of place the name is ("Aleppo Governorate", "Gaza City").
ADMIN_TAIL_RE = re.compile(r"\s(?:Governorate|Province|Prefecture|District|Region|State|City|Town|Village|"
                            r"Camp|Municipality|Township|Borough|Oblast|Krai|Department|Division)$", re.I)


def resolve_prefix(
    g: Gazetteer, name: str, hint: str | None, ccs: set[str], a1s: set[str],
) -> GeoEntry | None:
    """A preposition's capitalized run may hold more than the name ("Aleppo Governorate", "Idleb City")."""
    words = name.split()
    for n in range(len(words) - 1, 0, -1):
        entry = resolve(g, " ".join(words[:n]), hint, ccs, a1s)
        if entry is not None:
            return entry
    return None


