"""Places: every place an article names, resolved against the gazetteer; the place of the event."""
from __future__ import annotations

import difflib
import logging
import math
import re
import unicodedata
from dataclasses import replace
from typing import TYPE_CHECKING

from sitrep.gazetteer import Gazetteer, GeoEntry, admin_key, norm
from sitrep.gazetteer.aliases import DEMONYMS, STOP_NAMES
from sitrep.records import Place

if TYPE_CHECKING:
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

#: Head words that make an ORG or unlabeled name a venue ("Crocus City Hall", "Jefferson High School").
_VENUE_RE = re.compile(r"\b(?:Hall|School|Mall|Church|Mosque|Synagogue|Temple|Hospital|Cent(?:er|re)|Stadium|"
                       r"Arena|Club|Bar|Restaurant|Hotel|Park|Station|Airport|University|College|Market|"
                       r"Plaza|Square|Theat(?:er|re)|Apartments?|Complex|Store|Walmart|Base|Checkpoint)\b")
#: An upper-case dateline at the start of a text or line: "CEDAR RAPIDS —", "YORK, Pa. (AP) -".
# Scraped pages glue the dateline to the outlet's name ("Fox 59INDIANAPOLIS, Ind. (AP) —"): the city
# is an upper-case run, possibly with a glued prefix that _spans strips by trying its suffixes.
_DATELINE_RE = re.compile(
    r"(?<![A-Z])(?P<city>[A-Z][A-Z.']+(?:[ -][A-Z][A-Z.']+){0,3})(?:,\s*(?P<region>[A-Z][A-Za-z.]{1,12}"
    r"(?: [A-Z][a-z]+)?))?\s*(?:\([^()\n]{1,40}\)\s*)?(?:—|–|--|-|:)")
_DATELINE_AFTER_RE = re.compile(r"^\s*(?:,\s*[A-Z][A-Za-z.]{1,12}(?: [A-Z][a-z]+)?)?\s*"
                                r"(?:\([^()\n]{1,40}\)\s*)?"
                                r"(?:—|–|--|-(?!\w)|:)")
#: "City, ST" and "City, Calif." after a capitalized name.
_CITY_STATE_RE = re.compile(r"\b(?P<city>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,3}),\s*"
                            r"(?P<st>[A-Z]{2}|[A-Z][a-z]{1,4}\.|[A-Z]\.\s?[A-Z]\.)(?=[\s,.;)]|$)")
#: A capitalized name after a locative preposition: found even where the tagger calls it a PERSON or ORG.
# "of" only after a word for a place ("town of", "outskirts of"): "Front of Liberation" is no place.
_PREP_RE = re.compile(r"(?:\b(?:in|on|near|at|outside|around|from|to|and|into|towards?|between|across)|"
                      r"(?:[Cc]ity|[Tt]own|[Vv]illage|outskirts|suburbs?|province|district|area|region|county|governorate|"
                      r"municipality|(?:north|south|east|west)(?:east|west)?|countryside) of)\s+"
                      r"(?:the\s+)?(?P<name>[A-Z][\w'\u2019-]+(?:\s+(?:[A-Z][\w'\u2019-]+|al|el|de|del|la|ad|as|an|"
                      r"ar|ash|az|bin|ibn)\b){0,3})")
#: A town named by its institutions or people: "Lubbock police", "Richland County Sheriff's", "a Logan teen".
_LOCAL_RE = re.compile(
    r"\b(?P<name>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}(?: County| Parish)?)(?:'s)?\s+(?:[Pp]olice|[Ss]heriff|"
    r"PD\b|Metropolitan Police|[Ff]ire [Dd]epartment|[Cc]oroner|[Dd]istrict [Aa]ttorney|[Mm]ayor)"
    r"|\b(?:[Aa]n?|[Tt]he)\s+(?P<name2>[A-Z][a-z]+(?: [A-Z][a-z]+)?)\s+(?:man|woman|teen(?:ager)?|boy|girl|"
    r"resident|couple|family|father|mother|student|native|home(?:owner)?)\b")
#: Streets are tagged FAC but name no venue, and the town near them is often another one.
_STREET_RE = re.compile(r"\b(?:Street|St\.?|Avenue|Ave\.?|Road|Rd\.?|Boulevard|Blvd\.?|Drive|Dr\.?|Lane|"
                        r"Ln\.?|Highway|Hwy\.?|Way|Court|Ct\.?|Place|Parkway|Pkwy\.?|Trail|Terrace|Circle|Route|Pike)"
                        r"(?:\s+(?:North|South|East|West|N|S|E|W|NE|NW|SE|SW)\.?)?$")
# A venue ranks with its town: the town named near it is right less often than a town named outright.
_PRECISION_RANK = {"venue": 3.5, "city": 4, "admin2": 3, "admin1": 2, "country": 1}
_EVENT_RE = re.compile(
    r"\b(?:shot|shooting|gunfire|fired|killed|attack(?:ed)?|happened|occurred|explo(?:ded|sion)|bomb(?:ing)?|"
    r"stabb(?:ed|ing)|died|wounded|injured|clash(?:ed|es)?|raid|protest(?:ed|ers)?|demonstrat\w+|fighting|"
    r"airstrikes?|shell(?:ed|ing)|abducted|kidnapped|arrested|assault(?:ed)?|carried out|took place|"
    r"opened fire|responded)\b", re.I)


#: Words of American local news: with no country named, they place a story's towns in the US.
_US_CUES_RE = re.compile(
    r"\b(?:\d+ block of|[Ss]heriff(?:'s)?|[A-Z][a-z]+ County|Police Department|[Pp]olice [Cc]hief|"
    r"\d(?::\d\d)? ?[ap]\.m\.|Interstate \d+|I-\d+|Highway \d+|state trooper|[Dd]eputies|"
    r"district attorney|[Aa]ldermen|ZIP code|\$\d)")


#: A country name used as a modifier ("US dollar", "Saudi-led", "Russian-backed"): not where it happened.
_MODIFIER_RE = re.compile(r"^(?:-(?:led|backed|based|made|born|brokered)|\s+(?:dollars?|embassy|consulate|"
                          r"forces|troops|army|military|officials?|government|authorities|soldiers|navy|"
                          r"air force|drones?|airstrikes?|sanctions|president|minister|ambassador|citizens?|"
                          r"nationals?|envoy|border guards?)\b)")


def _is_modifier(text: str, end: int, start: int | None = None) -> bool:
    """"US dollar", "Saudi-led", "military forces of Armenia": a country named for whose it is."""
    before = text[max(0, start - 30):start] if start is not None else ""
    if re.search(r"\b(?:forces|troops|army|military|government|soldiers|authorities|ministry|embassy|"
                 r"president|navy) of (?:the )?$", before):
        return True
    return bool(_MODIFIER_RE.match(text[end:end + 24]))


#: Names that are both a country and a US state.
US_AMBIGUOUS = frozenset({"georgia"})


def _gaz() -> Gazetteer:
    return Gazetteer.load()


def _fold(name: str) -> str:
    """Accents dropped ("Acatlán" -> "Acatlan"): English text and the coders' records write them so."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def _city_name(e: GeoEntry, written: str) -> str:
    """The gazetteer's name, unless the text names a part or a variant of it ("North Charleston",
    "Benton Township", "Bronx" for "The Bronx"): then the name as written, which is what it is called."""
    w = _clean(written, keep_direction=True)
    if w.isupper():
        w = w.title()
    nw, ne = norm(w), norm(e.name)
    if nw.replace(" ", "") == ne.replace(" ", "") and w != e.name:
        return _fold(w)  # "St. George" (not "Saint George"), "DeSoto"
    if re.match(r"(?:north|south|east|west|northeast|northwest|southeast|southwest|central) ", nw):
        return _fold(e.name)  # "Southwest Philadelphia" is in Philadelphia
    if nw != ne and nw and (nw in ne or ne in nw):
        return _fold(w)
    return _fold(e.name)


def _from_entry(e: GeoEntry, text: str, start: int, end: int, precision: str | None = None) -> Place:
    return Place(text=text, start=start, end=end, city=_city_name(e, text) if e.kind == "city" else None,
                 admin2=e.admin2, admin1=e.admin1, country=e.country, country_code=e.country_code,
                 lat=e.lat, lon=e.lon, precision=precision or e.kind, geonameid=e.geonameid)


def _spans(doc: Doc) -> list[tuple[int, int, str, str | None]]:
    """(start, end, label, hint) of every place-like span; hint is a region named right after it."""
    text = doc.text
    out: list[tuple[int, int, str, str | None]] = []
    taken: list[tuple[int, int]] = []

    def add(s: int, e: int, label: str, hint: str | None) -> None:
        if any(s < te and ts < e for ts, te in taken) or _STREET_RE.search(text[s:e]):
            return
        taken.append((s, e))
        out.append((s, e, label, hint))

    for m in _DATELINE_RE.finditer(text[:400]):
        city = m.group("city").rstrip(" .")
        if len(city) < 3 or city.split()[0].lower() in STOP_NAMES:
            continue
        s = m.start("city")
        trimmed = _dateline_city(city, m.group("region"))
        if trimmed is not None:
            s += len(city) - len(trimmed)
            add(s, s + len(trimmed), "DATELINE", m.group("region"))
            break
    for m in _CITY_STATE_RE.finditer(text):
        st = m.group("st")
        if _gaz().us_state_code(st) and m.group("city").lower() not in STOP_NAMES:
            add(m.start("city"), m.end("city"), "CITYST", st)
    for ent in doc.ents:
        if ent.label_ in ("GPE", "LOC", "FAC") or (ent.label_ == "ORG" and _VENUE_RE.search(ent.text)):
            label = "FAC" if ent.label_ in ("FAC", "ORG") else ent.label_
            if label == "FAC" and not _VENUE_RE.search(ent.text):
                label = "LOC"  # "Acapulco de Juarez" tagged FAC: a place name unless it names a building
            if label in ("GPE", "LOC") and ent.text in DEMONYMS:
                label = "NORP"
            add(ent.start_char, ent.end_char, label, _hint(text, ent.end_char))
        elif ent.label_ == "NORP" and ent.text in DEMONYMS:
            add(ent.start_char, ent.end_char, "NORP", None)
    # A name inside a longer organization or personal name is no place ("Earth Liberation Front",
    # "George Jackson"); a one-word PERSON or ORG often is a village the tagger does not know ("Pisky").
    not_places = [(e.start_char, e.end_char) for e in doc.ents
                  if e.label_ in ("ORG", "PERSON") and len(e) > 1]
    for m in _PREP_RE.finditer(text):
        words = m.group("name").split()
        if _VENUE_RE.search(m.group("name")) or words[0].lower() in STOP_NAMES:
            continue
        length = m.end("name") - m.start("name")
        if any(m.start() <= s <= m.start("name") < e and e - s > length for s, e in not_places):
            continue
        # "Laveen Friday": the name stops at a word that is not part of names.
        keep = next((i for i, w in enumerate(words) if w.lower() in STOP_NAMES), len(words))
        name = " ".join(words[:keep])
        add(m.start("name"), m.start("name") + len(name), "PREP", _hint(text, m.start("name") + len(name)))
    for m in _LOCAL_RE.finditer(text):
        group = "name" if m.group("name") else "name2"
        words = m.group(group).split()
        if words[0].lower() in STOP_NAMES or words[0] in ("The", "A", "An"):
            continue
        add(m.start(group), m.end(group), "PREP", None)
    for m in re.finditer(r"\(([A-Z][^()\n]{1,60})\)", text):
        # "(Mukayras, Al Bayda)": a district and region the writer gives in brackets; the last is the widest.
        inner = m.group(1)
        last = inner.rsplit(",", 1)[-1].strip()
        s = m.start(1) + inner.rfind(last)
        prev = inner.rsplit(",", 1)[0].strip() if "," in inner else None
        add(s, s + len(last), "PAREN", prev)
    out.sort(key=lambda s: s[0])
    return out


def _dateline_city(run: str, region: str | None) -> str | None:
    """The city in an upper-case run, dropping a glued outlet prefix ("WCIVFLORENCE" -> "FLORENCE")."""
    g = _gaz()
    code = g.us_state_code(region) if region else None
    a1 = g._t["us_states"][code] if code else None
    cc = "US" if code else None
    if region and not code:
        country = g.country(region)
        cc = country.country_code if country else None
    for i in range(0, max(1, len(run) - 3)):
        cand = run[i:]
        if i and not (cand[0].isalpha() and run[i - 1] not in " -"):
            continue
        name = cand.title()
        if g.lookup(name, country_code=cc, admin1=a1) or g.admin2(name, country_code=cc, admin1=a1):
            return cand
        if i == 0 and (code or region is None) and " " in cand:
            continue
    return run if (region and code) else None


def _hint(text: str, end: int) -> str | None:
    """A region named right after a place: "Cairo, Illinois", "Mukayras (Mukayras, Al Bayda)"."""
    after = text[end:end + 60]
    m = re.match(r",\s*([A-Z][\w.'\- ]{1,30}?)(?=[,.;:)\n]|\s+(?:on|in|at|and|where|when)\b|$)", after)
    if m:
        return m.group(1)
    m = re.match(r"\s*(?:district|province|region|governorate|county|municipality)?\s*\(([^()]{2,60})\)",
                 after)
    if m:
        return m.group(1).split(",")[-1].strip()
    return None


def _clean(name: str, *, keep_direction: bool = False) -> str:
    if not keep_direction:
        name = re.sub(r"\s+(?:city|village|town|district|area|municipality|township|sector|countryside|"
                      r"neighbou?rhood|camp|front|frontline|county seat)$", "", name.strip(), flags=re.I)
    lead = r"the|downtown" if keep_direction else (
        r"the|downtown|northern|southern|eastern|western|central|north|south|east|west|"
        r"northeast|northwest|southeast|southwest")
    name = re.sub(rf"^(?:{lead})\s+", "", name.strip(), flags=re.I)
    return name.strip(" .,'\"")


_Spans = list[tuple[int, int, str, "str | None"]]


def _context(g: Gazetteer, spans: _Spans, text: str) -> tuple[set[str], set[str]]:
    """Countries and admin1 regions the text names outright: they decide between same-named towns."""
    ccs: set[str] = set()
    a1s: set[str] = set()
    for s, e, label, hint in spans:
        if label == "NORP":
            if DEMONYMS.get(text[s:e]):
                ccs.add(DEMONYMS[text[s:e]])
            continue
        if _is_modifier(text, e, s):
            continue
        for name in (text[s:e], hint):
            if not name or label in ("FAC", "PREP"):
                continue
            c = g.country(_clean(name, keep_direction=True)) or g.country(_clean(name))
            if c and g.admin1(_clean(name), country_code="US") and norm(_clean(name)) in US_AMBIGUOUS:
                continue  # "Georgia": a country or a state, the other names decide
            if c:
                ccs.add(c.country_code)
                continue
            code = g.us_state_code(name)
            if code and (name.isupper() or "." in name):
                a1s.add(norm(g._t["us_states"][code]))
                ccs.add("US")
                continue
            written = _clean(name, keep_direction=True)  # "Kansas City" names no region
            a = g.admin1(written)
            if a and norm(a.name) == norm(written):
                a1s.add(norm(a.name))
                ccs.add(a.country_code)
                continue
            big = g.lookup(_clean(name))[:1]  # a big city named outright places the story too
            if big and big[0].population >= 300_000 and label != "DATELINE":
                ccs.add(big[0].country_code)
    if not ccs and _US_CUES_RE.search(text):
        ccs.add("US")
    return ccs, a1s


def _resolve(g: Gazetteer, name: str, hint: str | None, ccs: set[str], a1s: set[str]) -> GeoEntry | None:
    """The gazetteer entry for a name as written ("North Charleston"), else for its core ("Charleston")."""
    code = g.us_state_code(name.strip())
    if code and len(name.strip()) <= 6 and (name.strip().isupper() or "." in name):
        return g.admin1(g._t["us_states"][code], country_code="US")  # "Mont.", "PA"
    full = _clean(name, keep_direction=True)
    if full != _clean(name):
        entry = _resolve_clean(g, full, hint, ccs, a1s)
        if entry is not None and (entry.kind in ("city", "country") or norm(entry.name) == norm(full)):
            return entry  # "North Charleston", "North Carolina"
    return _resolve_clean(g, _clean(name), hint, ccs, a1s)


def _resolve_clean(
    g: Gazetteer, name: str, hint: str | None, ccs: set[str], a1s: set[str],
) -> GeoEntry | None:
    key = norm(name)
    if not key or key in STOP_NAMES or len(key) < 2:
        return None
    hint_cc = hint_a1 = None
    if hint:
        hc = g.country(_clean(hint, keep_direction=True)) or g.country(_clean(hint))
        if hc and "US" in ccs and hc.country_code not in ccs and g.admin1(_clean(hint), country_code="US"):
            hc = None  # "Fort Benning, Georgia" in an American story
        if hc:
            hint_cc = hc.country_code
        else:
            code = g.us_state_code(hint)
            if code and (hint.isupper() or "." in hint or len(hint) == 2):
                hint_cc, hint_a1 = "US", g._t["us_states"][code]
            else:
                ha = g.admin1(_clean(hint))
                if ha:
                    hint_cc, hint_a1 = ha.country_code, ha.name
    country = g.country(name)
    if country:
        in_us = "US" in ccs and country.country_code not in ccs
        us_state = g.admin1(name, country_code="US") if in_us else None
        if us_state is not None and norm(us_state.name) == key:
            return us_state  # "Georgia" in an American story
        return country
    code = g.us_state_code(name)
    if code and (name.isupper() or "." in name) and len(name) <= 6:
        return g.admin1(g._t["us_states"][code], country_code="US")
    if len(key) <= 3 or name.isupper() and len(name) <= 4:
        return None  # abbreviations are not towns ("Pa.", "US", "ABC")
    if re.search(r"\b(?:County|Parish|Borough)$", name):
        counties = g.admin2(name, country_code=hint_cc, admin1=hint_a1)
        if counties:
            counties.sort(key=lambda e: -(3 * (norm(e.admin1 or "") in a1s) + math.log10(e.population + 10)))
            return counties[0]
    cities = g.lookup(name, country_code=hint_cc, admin1=hint_a1)
    if not cities and hint_a1 and hint:
        # The region named may exist in several countries ("Punjab"): any town of that name in any of them.
        cities = [c for c in g.lookup(name) if admin_key(c.admin1 or "") == admin_key(hint)]
    admin = None if hint_a1 else g.admin1(name, country_code=hint_cc)
    if admin and norm(admin.name) != key and norm(admin.name).split()[0] != key:
        admin = None
    if cities:
        def score(e: GeoEntry) -> float:
            s = math.log10(e.population + 10) + 2 * (norm(e.name) == key)
            s += 3 * (e.country_code in ccs) + 3 * (norm(e.admin1 or "") in a1s)
            return s
        best = max(cities, key=score)
        # A region of that name wins over a small namesake town ("Punjab", "Sindh"), not over a big
        # city ("San Jose", not Costa Rica's province), nor over a town the context places.
        if admin and best.population < 100_000 and not (hint and best.population >= 1000):
            if not ccs or admin.country_code in ccs or best.country_code not in ccs:
                return admin
        return best
    return admin


def extract_places(doc: Doc) -> list[Place]:
    """Every place named in ``doc`` (GPE/LOC/FAC entities, datelines, "City, ST"), resolved."""
    g = _gaz()
    text = doc.text
    spans = _spans(doc)
    ccs, a1s = _context(g, spans, text)
    places: list[Place] = []
    for s, e, label, hint in spans:
        name = text[s:e]
        if label == "FAC":
            if _STREET_RE.search(name):
                continue
            places.append(Place(text=name, start=s, end=e, venue=name, precision="venue"))
            continue
        if label == "NORP":
            cc = DEMONYMS.get(name)
            entry = g.country(g.country_name(cc) or "") if cc else None
            if entry is not None:
                places.append(_from_entry(entry, name, s, e, precision="country"))
            continue
        if label == "DATELINE":
            name = name.title()
        entry = _resolve(g, name, hint, ccs, a1s)
        if label == "PAREN":
            entry = g.country(name) or g.admin1(name)
            if entry is not None and norm(entry.name).split()[0] == norm(name).split()[0]:
                places.append(_from_entry(entry, name, s, e))
            continue
        if entry is None and label == "PREP":
            entry = _resolve_prefix(g, name, hint, ccs, a1s) if _ADMIN_TAIL_RE.search(name) else None
            if entry is None and hint:
                # A village the gazetteer lacks, placed by the region named after it ("near Pisky, Donetsk").
                region = _resolve(g, hint, None, ccs, a1s)
                if region is not None and region.kind in ("admin1", "admin2", "city"):
                    places.append(Place(text=name, start=s, end=e, city=_clean(name), admin2=region.admin2,
                                        admin1=region.admin1, country=region.country,
                                        country_code=region.country_code, precision="city"))
                continue
            if entry is None and re.search(r"\b(?:near|village of|town of|area of)\s+(?:the\s+)?$",
                                           text[max(0, s - 20):s]):
                # "near Berdyanske": a place too small for the gazetteer, in the one country the story names.
                p = Place(text=name, start=s, end=e, city=_clean(name), precision="city")
                if len(ccs) == 1:
                    p.country_code = next(iter(ccs))
                    p.country = g.country_name(p.country_code)
                places.append(p)
                continue
        if entry is None:
            if label in ("CITYST", "DATELINE") or (label == "GPE" and hint):
                # A town the gazetteer lacks, still placed by the region after it.
                region = _resolve(g, hint, None, ccs, a1s) if hint else None
                p = Place(text=text[s:e], start=s, end=e, city=_clean(name), precision="city")
                if region is not None:
                    p.admin1, p.country, p.country_code = region.admin1, region.country, region.country_code
                places.append(p)
            continue
        places.append(_from_entry(entry, text[s:e], s, e))
    _place_venues(places)
    return places


#: A last word that only says what kind of place the name is ("Aleppo Governorate", "Gaza City").
_ADMIN_TAIL_RE = re.compile(r"\s(?:Governorate|Province|Prefecture|District|Region|State|City|Town|Village|"
                            r"Camp|Municipality|Township|Oblast|Krai|Department|Division)$")


def _resolve_prefix(
    g: Gazetteer, name: str, hint: str | None, ccs: set[str], a1s: set[str],
) -> GeoEntry | None:
    """A preposition's capitalized run may hold more than the name ("Aleppo Governorate", "Idleb City")."""
    words = name.split()
    for n in range(len(words) - 1, 0, -1):
        entry = _resolve(g, " ".join(words[:n]), hint, ccs, a1s)
        if entry is not None:
            return entry
    return None


def _place_venues(places: list[Place]) -> None:
    """A venue takes the town named nearest after it (else before it): its coordinates are the town's."""
    for i, p in enumerate(places):
        if p.precision != "venue":
            continue
        towns = [q for q in places[i + 1:] if q.precision == "city" and q.start - p.end < 80]
        towns = towns or [q for q in reversed(places[:i]) if q.precision == "city" and p.start - q.end < 200]
        if towns:
            t = towns[0]
            p.city, p.admin2, p.admin1 = t.city, t.admin2, t.admin1
            p.country, p.country_code = t.country, t.country_code
            p.lat, p.lon, p.geonameid = t.lat, t.lon, t.geonameid


def event_place(doc: Doc, places: list[Place], *, start: int = 0, end: int | None = None) -> Place | None:
    """Where the event told in ``doc.text[start:end]`` happened: a dateline city, else the best-placed
    specific place near the event words, with its region and country filled in from the others."""
    text = doc.text
    end = len(text) if end is None else end
    inside = [p for p in places if start <= p.start < end or (p.start < 200 and start < 200)]
    if not inside:
        return None
    scored: list[tuple[float, Place]] = []
    for p in inside:
        if p.precision is None:
            continue
        if p.precision == "venue" and p.city is None:
            continue
        if p.precision == "country" and _is_modifier(text, p.end, p.start):
            continue
        score = float(_PRECISION_RANK[p.precision])
        if p.text in DEMONYMS:
            score -= 2  # "Ukrainian" only hints at the country
        if p.lat is not None or p.precision == "venue":
            score += 1
        if p.start < 400 and p.text.isupper() and _DATELINE_AFTER_RE.match(text[p.end:p.end + 60]):
            score += 6  # the dateline
        ss = max(text.rfind(". ", 0, p.start), text.rfind("\n", 0, p.start)) + 1
        se = text.find(". ", p.end)
        sentence = text[ss:se if se != -1 else len(text)]
        if _EVENT_RE.search(sentence):
            score += 2
        if re.search(r"\b(?:in|at|near|outside|of)\s+(?:the\s+)?$", text[max(0, p.start - 12):p.start]):
            score += 1
        score -= 3.0 * (p.start - start) / max(1, end - start)
        scored.append((score, p))
    if not scored:
        return None
    best = max(scored, key=lambda s: s[0])[1]
    return _complete(_containing_city(best, places), [p for _, p in scored])


def _containing_city(best: Place, places: list[Place]) -> Place:
    """A neighbourhood ("West Englewood") reported as the big city the text also names and that holds it."""
    if best.precision != "city" or best.lat is None or best.lon is None or best.text.isupper():
        return best  # a dateline names the town itself ("DEARBORN HEIGHTS, Mich.")
    own = _gaz().lookup(best.city or "", country_code=best.country_code)
    own_pop = own[0].population if own else 0
    if own_pop > 60_000:
        return best  # a town of its own, not a neighbourhood
    for q in places:
        if q.precision != "city" or q.city == best.city or q.lat is None or q.lon is None:
            continue
        big = _gaz().lookup(q.city or "", country_code=q.country_code)
        if not big or big[0].population < 300_000 or big[0].population < 3 * max(own_pop, 1):
            continue
        if q.admin1 == best.admin1 and _km(best.lat, best.lon, q.lat, q.lon) < 20:
            return replace(best, city=q.city, admin2=q.admin2, geonameid=q.geonameid)
    return best


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 12742.0 * math.asin(math.sqrt(a))


def _written_admin1(out: Place, others: list[Place]) -> None:
    """Name the region as the text spells it when the text names it ("Idleb" for GeoNames' "Idlib")."""
    if not out.admin1:
        return
    key = admin_key(out.admin1)
    for q in others:
        same = (q.country_code, q.admin1) == (out.country_code, out.admin1)
        if q.precision not in ("admin1", "city") or not same:
            continue
        written = _clean(q.text)
        w = admin_key(written)
        if q.precision == "city" and (len(w) > len(key) + 2 or w.startswith(key) or not _big(q)):
            # Only a region's big namesake city spells it ("Beirut"); "Indianapolis" or "Minnetonka"
            # is not a spelling of "Indiana" or "Minnesota".
            continue
        if w and w != key and difflib.SequenceMatcher(None, w, key).ratio() >= 0.7:
            out.admin1 = written.title() if written.isupper() else written
            return


def _big(p: Place) -> bool:
    hits = _gaz().lookup(p.city or "", country_code=p.country_code)
    return bool(hits) and hits[0].population >= 100_000


def _complete(best: Place, others: list[Place]) -> Place:
    """Fill the region and country the best place lacks from the others that agree with it."""
    out = replace(best)
    if out.country is None or out.admin1 is None:
        for q in others:
            if q is best:
                continue
            if out.country_code and q.country_code and q.country_code != out.country_code:
                continue
            if out.admin1 is None and q.admin1 and q.precision in ("admin1", "admin2", "city"):
                out.admin1 = q.admin1 if q.precision != "city" or q.country_code == out.country_code else None
            if out.country is None and q.country:
                out.country, out.country_code = q.country, q.country_code
            if out.admin1 and out.country:
                break
    _written_admin1(out, others)
    if out.lat is None:
        coords = next((q for q in others if q.lat is not None and out.admin1 and q.admin1 == out.admin1),
                      None)
        if coords is not None:
            out.lat, out.lon = coords.lat, coords.lon
    return out
