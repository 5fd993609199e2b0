"""Name normalization and the English aliases GeoNames' tables lack (general, not per suite)."""
from __future__ import annotations

import functools
import re
import unicodedata

#: Words an admin1 or admin2 name may carry that writers drop ("Moscow Oblast" ~ "Moscow").
ADMIN_SUFFIXES = (
    "oblast", "province", "governorate", "region", "district", "county", "parish", "state",
    "prefecture", "department", "krai", "kray", "republic", "municipality", "division", "borough",
    "territory", "autonomous", "okrug", "wilayah", "vilayeti", "ili", "muhafazat", "provincia",
)
_SUFFIX_RE = re.compile(r"\b(?:" + "|".join(ADMIN_SUFFIXES) + r")\b")
_PREFIX_RE = re.compile(r"^(?:(?:state|province|region|republic|governorate|department) of |the )")

#: AP style and postal abbreviations of US states (postal codes come from the table itself).
US_STATE_AP = {
    "Ala.": "AL", "Ariz.": "AZ", "Ark.": "AR", "Calif.": "CA", "Cal.": "CA", "Colo.": "CO",
    "Conn.": "CT", "Del.": "DE", "Fla.": "FL", "Ga.": "GA", "Ill.": "IL", "Ind.": "IN",
    "Kan.": "KS", "Kans.": "KS", "Ky.": "KY", "La.": "LA", "Md.": "MD", "Mass.": "MA",
    "Mich.": "MI", "Minn.": "MN", "Miss.": "MS", "Mo.": "MO", "Mont.": "MT", "Neb.": "NE",
    "Nebr.": "NE", "Nev.": "NV", "N.H.": "NH", "N.J.": "NJ", "N.M.": "NM", "N.Y.": "NY",
    "N.C.": "NC", "N.D.": "ND", "Okla.": "OK", "Ore.": "OR", "Oreg.": "OR", "Pa.": "PA",
    "Penn.": "PA", "R.I.": "RI", "S.C.": "SC", "S.D.": "SD", "Tenn.": "TN", "Tex.": "TX",
    "Vt.": "VT", "Va.": "VA", "Wash.": "WA", "W.Va.": "WV", "W. Va.": "WV", "Wis.": "WI",
    "Wisc.": "WI", "Wyo.": "WY", "D.C.": "DC",
}

#: English names writers use for countries besides GeoNames' short name.
COUNTRY_ALIASES = {
    "US": ["US", "U.S.", "U.S.A.", "USA", "U.S.A", "United States of America", "America",
           "the United States"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain", "England", "Scotland", "Wales", "Northern Ireland"],
    "RU": ["Russian Federation"],
    "CD": ["DRC", "DR Congo", "Democratic Republic of Congo", "Democratic Republic of the Congo",
           "Congo-Kinshasa"],
    "CG": ["Republic of the Congo", "Congo-Brazzaville", "Congo"],
    "CI": ["Ivory Coast", "Cote d'Ivoire"],
    "MM": ["Burma"],
    "KR": ["South Korea", "Korea"],
    "KP": ["North Korea"],
    "SY": ["Syria"],
    "IR": ["Iran"],
    "PS": ["Palestine", "Gaza", "Gaza Strip", "West Bank", "Palestinian Territories",
           "Palestinian Territory"],
    "CZ": ["Czech Republic", "Czechia"],
    "MK": ["Macedonia", "North Macedonia"],
    "VN": ["Vietnam"],
    "LA": ["Laos"],
    "BO": ["Bolivia"],
    "VE": ["Venezuela"],
    "TZ": ["Tanzania"],
    "MD": ["Moldova"],
    "CV": ["Cape Verde"],
    "SZ": ["Swaziland", "Eswatini"],
    "TL": ["East Timor", "Timor-Leste"],
    "TR": ["Turkey", "Turkiye"],
    "AE": ["UAE", "U.A.E.", "Emirates"],
    "VA": ["Vatican", "Vatican City"],
    "FM": ["Micronesia"],
    "BA": ["Bosnia", "Bosnia-Herzegovina"],
    "NL": ["Holland", "the Netherlands"],
    "PH": ["the Philippines"],
    "CF": ["CAR", "Central African Republic"],
    "SS": ["South Sudan"],
}

#: Demonyms and adjectives are not places; names that are too often common words to look up alone.
STOP_NAMES = frozenset({
    "police", "city", "county", "state", "north", "south", "east", "west", "center", "centre",
    "university", "hospital", "street", "avenue", "church", "mall", "park", "home", "house", "school",
    "friday", "saturday", "sunday", "monday", "tuesday", "wednesday", "thursday", "march", "may",
    "june", "april", "august", "man", "woman", "people", "victim", "officer", "downtown", "eastern",
    "western", "northern", "southern", "central", "media", "news", "update", "updated", "breaking",
    "release", "watch", "video", "photos", "date", "sheriff", "breaking news", "fox", "abc", "cbs", "nbc",
    "northeast", "northwest", "southeast", "southwest",
    "cnn", "christmas", "thanksgiving", "easter", "halloween", "new year", "memorial day", "labor day",
})


@functools.lru_cache(maxsize=65536)  # pure, and asked for the same names again and again
def norm(name: str) -> str:
    """Matching key: accents, case and punctuation folded ("Vorob'yovo" -> "vorobyovo")."""
    name = unicodedata.normalize("NFKD", name)
    name = "".join(c for c in name if not unicodedata.combining(c)).lower()
    name = name.replace("'", "").replace("\u2019", "").replace("`", "")
    name = re.sub(r"\bst\.? ", "saint ", name)
    name = re.sub(r"\bft\.? ", "fort ", name)
    name = re.sub(r"\bmt\.? ", "mount ", name)
    return re.sub(r"[^a-z0-9]+", " ", name).strip()


@functools.lru_cache(maxsize=65536)
def admin_key(name: str) -> str:
    """Matching key of an admin region: suffixes like Oblast/Province/County dropped."""
    key = _PREFIX_RE.sub("", norm(name))
    stripped = re.sub(r"\s+", " ", _SUFFIX_RE.sub(" ", key)).strip()
    return stripped or key


@functools.lru_cache(maxsize=65536)
def loose_key(name: str) -> str:
    """A looser key for transliterated region names: "Idleb" ~ "Idlib", "Ar-Raqqa" ~ "Ar-Raqqah",
    "Lower Shabelle" ~ "Lower Shabeelle", "Urozgan" ~ "Oruzgan", "Bekaa" ~ "Beqaa"."""
    key = re.sub(r"^(?:a[lrsdtnz]|el|ash|ath) ", "", admin_key(name)).replace(" ", "")
    key = key.replace("q", "k").replace("w", "v").replace("y", "i").replace("ou", "u")
    key = re.sub(r"[eiy]", "i", key)
    key = re.sub(r"[ou]", "u", key)
    key = re.sub(r"(.)\1+", r"\1", key)  # doubled letters
    key = key[:-1] if len(key) > 4 and key.endswith("h") else key
    return key[:-1] if len(key) > 4 and key[-1] in "aiu" else key  # "Hasakeh" ~ "Hasakah"


@functools.lru_cache(maxsize=65536)
def skeleton_key(name: str) -> str:
    """The consonants of a region name, for a last-resort match ("Al-Hasakeh" ~ "Al-Hasakah")."""
    key = re.sub(r"[aeiouy]", "", loose_key(name))
    return key[:-1] if len(key) > 4 and key.endswith("h") else key


@functools.lru_cache(maxsize=65536)
def admin1_variants(name: str) -> frozenset[str]:
    """Spelling variants of a transliterated admin1 name ("Ingushetiya" -> "ingushetia")."""
    key = admin_key(name)
    out = {key}
    if key.endswith("iya"):
        out.add(key[:-3] + "ia")
    if key.endswith("skaya"):
        out.add(key[:-5] + "sk")
    if key.endswith("ayya"):
        out.add(key[:-4] + "aya")
    french = " ".join(_FRENCH_COMPASS.get(w, w) for w in key.replace("extreme nord", "far north").split())
    if french != key:
        out.add(french)  # "Nord-Ouest" ~ "North-West", "Extreme-Nord" ~ "Far North"
    return frozenset(out)


_FRENCH_COMPASS = {"nord": "north", "sud": "south", "est": "east", "ouest": "west", "centre": "center",
                   "central": "center"}


#: English names of admin1 regions that the shipped table spells in transliteration only.
ADMIN1_ENGLISH = {
    ("RU", "Moskovskaya"): "Moscow Oblast", ("RU", "Arkhangelskaya"): "Arkhangelsk Oblast",
    ("RU", "Tverskaya"): "Tver Oblast", ("RU", "Krasnodarskiy"): "Krasnodar Krai",
    ("RU", "Krasnoyarskiy"): "Krasnoyarsk Krai", ("RU", "Primorskiy"): "Primorsky Krai",
    ("RU", "Stavropol'skiy"): "Stavropol Krai", ("RU", "St.-Petersburg"): "Saint Petersburg",
    ("RU", "Nizjnij Novgorod"): "Nizhny Novgorod Oblast", ("RU", "Voronezj"): "Voronezh Oblast",
    ("RU", "Jaroslavl"): "Yaroslavl Oblast", ("RU", "Brjansk"): "Bryansk Oblast",
    ("RU", "Rjazan"): "Ryazan Oblast", ("RU", "Tjumen"): "Tyumen Oblast", ("RU", "Orjol"): "Oryol Oblast",
    ("RU", "Kamtsjatka"): "Kamchatka Krai", ("RU", "Leningrad"): "Leningrad Oblast",
    ("RU", "Ingushetiya"): "Ingushetia", ("RU", "Kabardino-Balkariya"): "Kabardino-Balkaria",
    ("RU", "Respublika Buryatiya"): "Buryatia", ("UA", "Vinnyts'ka"): "Vinnytsia",
    ("UA", "Misto Sevastopol'"): "Sevastopol",
    # Lebanon's governorates, Egypt's and Syria's, by their English names.
    ("LB", "Liban-Nord"): "North", ("LB", "Liban-Sud"): "South", ("LB", "Mont-Liban"): "Mount Lebanon",
    ("LB", "Beqaa"): "Bekaa", ("LB", "Beyrouth"): "Beirut", ("LB", "Nabatiye"): "Nabatieh",
    ("LB", "Aakkar"): "Akkar", ("EG", "Shamal Sina'"): "North Sinai", ("EG", "Janub Sina'"): "South Sinai",
    ("EG", "Al Qahirah"): "Cairo", ("EG", "Al Jizah"): "Giza", ("SY", "Dimashq"): "Damascus",
    ("SY", "Rif-dimashq"): "Rural Damascus", ("IQ", "Arbil"): "Erbil", ("IN", "Kashmir"): "Jammu and Kashmir",
}

#: Nationality adjectives: weak evidence of the country a story is set in ("Ukrainian soldiers").
DEMONYMS = {
    "Afghan": "AF", "Algerian": "DZ", "American": "US", "Angolan": "AO", "Argentine": "AR",
    "Argentinian": "AR",
    "Armenian": "AM", "Azerbaijani": "AZ", "Azeri": "AZ", "Bangladeshi": "BD", "Belarusian": "BY",
    "Beninese": "BJ", "Bolivian": "BO", "Brazilian": "BR", "British": "GB", "Burkinabe": "BF",
    "Burundian": "BI", "Cameroonian": "CM", "Chadian": "TD", "Chilean": "CL", "Chinese": "CN",
    "Colombian": "CO", "Congolese": "CD", "Cuban": "CU", "Egyptian": "EG", "Ethiopian": "ET",
    "Filipino": "PH", "French": "FR", "Georgian": "GE", "German": "DE", "Ghanaian": "GH", "Greek": "GR",
    "Guatemalan": "GT", "Guinean": "GN", "Haitian": "HT", "Honduran": "HN", "Indian": "IN",
    "Indonesian": "ID", "Iranian": "IR", "Iraqi": "IQ", "Israeli": "IL", "Italian": "IT", "Ivorian": "CI",
    "Jordanian": "JO", "Kenyan": "KE", "Kurdish": None, "Lebanese": "LB", "Libyan": "LY", "Malian": "ML",
    "Mexican": "MX", "Moroccan": "MA", "Mozambican": "MZ", "Myanmar": "MM", "Nepali": "NP",
    "Nicaraguan": "NI", "Nigerian": "NG", "Nigerien": "NE", "Pakistani": "PK", "Palestinian": "PS",
    "Peruvian": "PE", "Russian": "RU", "Rwandan": "RW", "Salvadoran": "SV", "Saudi": "SA",
    "Senegalese": "SN", "Serbian": "RS", "Somali": "SO", "Sudanese": "SD", "Syrian": "SY",
    "Thai": "TH", "Tunisian": "TN", "Turkish": "TR", "Ugandan": "UG", "Ukrainian": "UA",
    "Venezuelan": "VE", "Vietnamese": "VN", "Yemeni": "YE", "Zimbabwean": "ZW", "Zambian": "ZM",
}

#: Regional abbreviations of admin1 names used by the press outside the US ("(Guntur, AP)", "J&K").
#: US postal codes win where a code is both ("TN": see REGION_ABBREV).
ADMIN1_ABBREV = {
    "AP": ("IN", "Andhra Pradesh"), "KL": ("IN", "Kerala"), "J&K": ("IN", "Jammu and Kashmir"),
    "UP": ("IN", "Uttar Pradesh"), "WB": ("IN", "West Bengal"), "KA": ("IN", "Karnataka"),
    "GJ": ("IN", "Gujarat"), "PB": ("IN", "Punjab"), "HR": ("IN", "Haryana"), "RJ": ("IN", "Rajasthan"),
    "BR": ("IN", "Bihar"), "OD": ("IN", "Odisha"), "TS": ("IN", "Telangana"), "JH": ("IN", "Jharkhand"),
    "MP": ("IN", "Madhya Pradesh"), "MH": ("IN", "Maharashtra"), "HP": ("IN", "Himachal Pradesh"),
    "DL": ("IN", "NCT"),
    "KP": ("PK", "Khyber Pakhtunkhwa"), "KPK": ("PK", "Khyber Pakhtunkhwa"),
    "NCR": ("PH", "Metro Manila"), "CDMX": ("MX", "Mexico City"),
}
#: The other reading of codes that are also US postal codes: the town named before decides ("Tenkasi, TN").
REGION_ABBREV = {"TN": ("IN", "Tamil Nadu")}
#: Display names where GeoNames' short name is not the one news and coders use.
COUNTRY_DISPLAY = {"CD": "Democratic Republic of Congo", "PS": "Palestine", "CG": "Republic of Congo"}
