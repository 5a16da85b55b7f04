"""Place names: the world's states, some historic ones, continents and common regions.

A general resource, not tied to any document: it lets extraction tell "Somalia" (a place)
from "NATO" (an organisation) without a trained model.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

_STATES = """Afghanistan|Albania|Algeria|Andorra|Angola|Argentina|Armenia|Australia|Austria|
Azerbaijan|Bahamas|Bahrain|Bangladesh|Barbados|Belarus|Belgium|Belize|Benin|Bhutan|Bolivia|
Bosnia and Herzegovina|Bosnia|Herzegovina|Botswana|Brazil|Brunei|Bulgaria|Burkina Faso|Burundi|
Cambodia|Cameroon|Canada|Cape Verde|Central African Republic|Chad|Chile|China|Colombia|Comoros|
Congo|Democratic Republic of the Congo|Costa Rica|Croatia|Cuba|Cyprus|Czech Republic|Czechia|
Denmark|Djibouti|Dominica|Dominican Republic|East Timor|Timor-Leste|Ecuador|Egypt|El Salvador|
Equatorial Guinea|Eritrea|Estonia|Eswatini|Ethiopia|Fiji|Finland|France|Gabon|Gambia|Georgia|
Germany|Ghana|Greece|Grenada|Guatemala|Guinea|Guinea-Bissau|Guyana|Haiti|Honduras|Hungary|
Iceland|India|Indonesia|Iran|Iraq|Ireland|Israel|Italy|Ivory Coast|Jamaica|Japan|Jordan|
Kazakhstan|Kenya|Kiribati|Kosovo|Kuwait|Kyrgyzstan|Laos|Latvia|Lebanon|Lesotho|Liberia|Libya|
Liechtenstein|Lithuania|Luxembourg|Madagascar|Malawi|Malaysia|Maldives|Mali|Malta|Mauritania|
Mauritius|Mexico|Moldova|Monaco|Mongolia|Montenegro|Morocco|Mozambique|Myanmar|Burma|Namibia|
Nauru|Nepal|Netherlands|New Zealand|Nicaragua|Niger|Nigeria|North Korea|North Macedonia|
Macedonia|Norway|Oman|Pakistan|Palau|Palestine|Panama|Papua New Guinea|Paraguay|Peru|
Philippines|Poland|Portugal|Qatar|Romania|Russia|Rwanda|Samoa|San Marino|Saudi Arabia|Senegal|
Serbia|Seychelles|Sierra Leone|Singapore|Slovakia|Slovenia|Solomon Islands|Somalia|
South Africa|South Korea|South Sudan|Spain|Sri Lanka|Sudan|Suriname|Sweden|Switzerland|Syria|
Taiwan|Tajikistan|Tanzania|Thailand|Togo|Tonga|Trinidad and Tobago|Tunisia|Turkey|Turkmenistan|
Tuvalu|Uganda|Ukraine|United Arab Emirates|United Kingdom|United States|Uruguay|Uzbekistan|
Vanuatu|Vatican City|Venezuela|Vietnam|Yemen|Zambia|Zimbabwe|Britain|Great Britain|England|
Scotland|Wales|Prussia|Sardinia|Yugoslavia|Soviet Union|Ottoman Empire|Austria-Hungary|
Czechoslovakia|Persia|Ottoman Turkey|Darfur|Kashmir|Sinai|Golan Heights|Western Sahara|
Crimea|Chechnya|Bengal|Mesopotamia|Kurdistan|Transnistria|Abkhazia|Ossetia|Flanders|Gaza|
West Bank"""

_CITIES = """Jerusalem|Srebrenica|Sarajevo|Belgrade|Kabul|Mogadishu|Baghdad|Vienna|Geneva|Paris|
London|Berlin|Brussels|Moscow|Washington|New York|The Hague|Hague|Addis Ababa|Nairobi|Cairo|
Beirut|Damascus|Tehran|Tokyo|Beijing|Delhi|Rome|Madrid|Lisbon|Athens|Warsaw|Prague|Budapest|
Bucharest|Sofia|Kyiv|Kiev|Dayton|Helsinki|Oslo|Stockholm|Copenhagen|Amsterdam|Lusaka|Kigali|
Kinshasa|Khartoum|Juba|Bamako|Tripoli|Tunis|Algiers|Rabat|Dakar|Accra|Lagos|Abuja|Freetown|
Monrovia|Pristina|Skopje|Zagreb|Ljubljana|Tbilisi|Yerevan|Baku|Dili|Nicosia"""

_REGIONS = """Africa|Asia|Europe|North America|South America|Latin America|Central America|
Antarctica|Oceania|Middle East|Near East|Far East|Balkans|Western Balkans|Caucasus|
Horn of Africa|Sahel|Great Lakes|Maghreb|Levant|Scandinavia|Caribbean|Mediterranean|
Pacific|Atlantic|Arctic|Indian Ocean|Persian Gulf|Gulf|Red Sea|Black Sea|Baltic|Baltics|
Central Asia|South Asia|Southeast Asia|East Asia|West Africa|East Africa|North Africa|
Southern Africa|Central Africa|Sub-Saharan Africa|Eastern Europe|Western Europe|
Central Europe|Northern Europe|Southern Europe|Korean Peninsula|Iberian Peninsula|
Arabian Peninsula|Indochina|Siberia|Anatolia"""

PLACES = frozenset(
    name.strip() for name in (_STATES + "|" + _CITIES + "|" + _REGIONS).replace("\n", "").split("|")
    if name
)
_PARTS = frozenset("""Darfur|Kashmir|Sinai|Golan Heights|Western Sahara|Crimea|Chechnya|Bengal|
Mesopotamia|Kurdistan|Transnistria|Abkhazia|Ossetia|Flanders|Gaza|West Bank|Herzegovina|
Bosnia""".replace("\n", "").split("|"))
CITIES = frozenset(name.strip() for name in _CITIES.replace("\n", "").split("|") if name)
COUNTRIES = frozenset(
    name.strip() for name in _STATES.replace("\n", "").split("|") if name
) - _PARTS
PLACE_HEADS = frozenset(
    "Empire Kingdom Republic Peninsula Islands Island Sea Ocean Gulf Coast Valley Province "
    "Region Heights Strait Desert Mountains".split()
)

WATER_WORDS = frozenset("Sea Ocean Gulf Strait Channel Bay River Lake".split())
_WATERS = frozenset(
    "Atlantic|Pacific|Arctic|Mediterranean|Baltic|Caribbean|Indian Ocean|Persian Gulf|Gulf|"
    "Red Sea|Black Sea|North Sea|English Channel".split("|")
)
_POLITY_WORDS = frozenset("Empire Kingdom Republic Duchy Caliphate Principality County".split())
_REGION_WORDS = frozenset("Peninsula Valley Coast Heights Desert Mountains Province Region".split())
REGIONS = frozenset(name.strip() for name in _REGIONS.replace("\n", "").split("|") if name)
_ISLANDS = frozenset("Islands Island Isles".split())
_CONTINENTS = frozenset(
    "Africa|Asia|Europe|North America|South America|Antarctica|Oceania".split("|"))


def place_kind(name: str, known: Mapping[str, str] | None = None) -> str:
    """What sort of place a name is, so a sea is never offered where a country is asked.

    "water", "islands", "region" or "land" (a state, kingdom, empire or city); a wrong
    option of another sort fails at once ("the _____ coast": Atlantic, not "Levant").
    """
    if known and name in known and name not in PLACES:
        return known[name]  # what the document called it: "the city of Mainz"
    words = name.split()
    last = words[-1] if words else ""
    if name in _WATERS or last in WATER_WORDS:
        return "water"
    if last in _ISLANDS:
        return "islands"
    if name in _CONTINENTS:
        return "continent"  # "far eastern _____": Anatolia, not Africa
    if name in REGIONS or last in _REGION_WORDS:
        return "region"
    if name in CITIES:
        return "city"  # "southwestern _____ and Thessaly": not Jerusalem
    return "land"


# States whose name names nothing before they were made (or after they ended), so that a
# wrong option is not a country of another age: Israel is not offered for 1859, nor the
# Soviet Union for 1850. Names also used for an older land or region (Armenia, Syria,
# Ireland) are left out: they existed, under that name, long before.
_SPANS: dict[str, tuple[int, int]] = {
    **dict.fromkeys("""Jordan|Lebanon|Indonesia|Philippines|Taiwan|Libya|Sudan|Tunisia|Ghana|
Malaysia""".replace("\n", "").split("|"), (1943, 9999)),
    "Israel": (1948, 9999), "Pakistan": (1947, 9999),
    "North Korea": (1948, 9999), "South Korea": (1948, 9999),
    **dict.fromkeys("""Somalia|Nigeria|Chad|Mali|Niger|Senegal|Mauritania|Togo|Cameroon|Gabon|
Central African Republic|Democratic Republic of the Congo|Kenya|Tanzania|Zambia|Malawi|Rwanda|
Burundi|Uganda|Algeria|Botswana|Singapore|Kuwait|Benin""".replace("\n", "").split("|"),
                    (1960, 9999)),
    **dict.fromkeys("""Bangladesh|United Arab Emirates|Qatar|Bahrain|Djibouti|Zimbabwe|Sri Lanka|
Burkina Faso|Myanmar|Namibia""".replace("\n", "").split("|"), (1971, 9999)),
    **dict.fromkeys("""Ukraine|Belarus|Moldova|Kazakhstan|Kyrgyzstan|Tajikistan|Turkmenistan|
Uzbekistan|Azerbaijan|Croatia|Slovenia|North Macedonia|Bosnia and Herzegovina|Slovakia|
Czech Republic|Czechia|Eritrea|East Timor|Timor-Leste|Montenegro|Kosovo|South Sudan
""".replace("\n", "").split("|"), (1991, 9999)),
    "Saudi Arabia": (1932, 9999),
    "Soviet Union": (1922, 1991),
    "Yugoslavia": (1918, 1992),
    "Czechoslovakia": (1918, 1993),
    "Austria-Hungary": (1867, 1918),
    "Ottoman Empire": (1299, 1922),
    "Prussia": (1525, 1947),
    "Persia": (0, 1935),  # Iran since 1935
    "Ottoman Turkey": (1299, 1922),
    "Burma": (0, 1989),
    "Mesopotamia": (0, 1921),
    "Macedonia": (0, 2019),  # North Macedonia since 2019; the ancient kingdom before
}


def existed(name: str, year: int) -> bool:
    """Whether a state of that name existed in `year` (True when the list does not know)."""
    start, end = _SPANS.get(name, (0, 9999))
    return start <= year <= end


@lru_cache(maxsize=1)
def _coordinates() -> dict[str, tuple[float, float]]:
    text = (Path(__file__).parent / "data" / "place_coordinates.txt").read_text(encoding="utf-8")
    found: dict[str, tuple[float, float]] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            name, lat, lon = line.split(";")
            found[name] = (float(lat), float(lon))
    return found


def distance_km(one: str, other: str) -> float | None:
    """Great-circle distance between two gazetteer places' rough centres, or None when
    either is not in the gazetteer."""
    coordinates = _coordinates()
    if one not in coordinates or other not in coordinates:
        return None
    (lat1, lon1), (lat2, lon2) = (map(math.radians, coordinates[name]) for name in (one, other))
    cosine = (math.sin(lat1) * math.sin(lat2)
              + math.cos(lat1) * math.cos(lat2) * math.cos(lon1 - lon2))
    return EARTH_RADIUS_KM * math.acos(max(-1.0, min(1.0, cosine)))


EARTH_RADIUS_KM = 6371.0


# Bodies every reader of history knows the life of: a wrong option must have existed when
# the stem's time says ("Throughout the Cold War … conducted by the _____": not the League
# of Nations, dissolved in 1946, nor the European Union, made in 1993).
_BODY_SPANS: dict[str, tuple[int, int]] = {
    "league of nations": (1920, 1946),
    "united nations": (1945, 9999), "un": (1945, 9999),
    "north atlantic treaty organization": (1949, 9999), "nato": (1949, 9999),
    "european union": (1993, 9999), "eu": (1993, 9999),
    "european economic community": (1958, 1993), "eec": (1958, 1993),
    "european coal and steel community": (1952, 2002), "ecsc": (1952, 2002),
    "european central bank": (1998, 9999), "ecb": (1998, 9999),
    "african union": (2002, 9999), "au": (2002, 9999),
    "organisation of african unity": (1963, 2002), "organization of african unity": (1963, 2002),
    "oau": (1963, 2002),
    "warsaw pact": (1955, 1991),
    "world health organization": (1948, 9999), "who": (1948, 9999),
    "unicef": (1946, 9999), "world trade organization": (1995, 9999),
    "international monetary fund": (1945, 9999), "world bank": (1944, 9999),
    "economic community of west african states": (1975, 9999), "ecowas": (1975, 9999),
    "arab league": (1945, 9999),
    "organization for security and co-operation in europe": (1995, 9999), "osce": (1995, 9999),
    "bill & melinda gates foundation": (2000, 9999), "gavi": (2000, 9999),
    "vaccine alliance": (2000, 9999),
    "coalition for epidemic preparedness innovations": (2017, 9999), "cepi": (2017, 9999),
}
# Named periods a stem may date itself by instead of a year
PERIODS: dict[str, tuple[int, int]] = {
    "cold war": (1947, 1991),
    "first world war": (1914, 1918), "world war i": (1914, 1918), "great war": (1914, 1918),
    "second world war": (1939, 1945), "world war ii": (1939, 1945),
    "napoleonic wars": (1803, 1815), "great depression": (1929, 1939),
}


def body_existed(name: str, start: int, end: int) -> bool:
    """Whether a body of that name existed at some time between `start` and `end` (True
    when the list does not know it)."""
    first, last = _BODY_SPANS.get(name.lower().removeprefix("the "), (0, 9999))
    return first <= end and start <= last


def periods_named(text: str) -> list[tuple[int, int]]:
    """The spans of the named periods a text mentions ("Throughout the Cold War")."""
    lowered = text.lower()
    return [span for name, span in PERIODS.items() if name in lowered]


@lru_cache(maxsize=1)
def _office_holders() -> list[tuple[re.Pattern[str], tuple[int, int]]]:
    """Who is named, and how: the full name, the title before the surname ("President
    Carter", "Secretary-General Hammarskjöld"), or the surname before a word of office
    ("the Eisenhower Doctrine", "the Thatcher government")."""
    text = (Path(__file__).parent / "data" / "office_holders.txt").read_text(encoding="utf-8")
    found: list[tuple[re.Pattern[str], tuple[int, int]]] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        full, surname, title, start, end = line.split(";")
        ways = [re.escape(full), rf"{re.escape(title)}\s+{re.escape(surname)}",
                rf"{re.escape(surname)}\s+(?:Doctrine|administration|government|presidency|"
                r"premiership|ministry|era)"]
        found.append((re.compile(rf"\b(?:{'|'.join(ways)})\b"), (int(start), int(end))))
    return found


def terms_named(text: str) -> list[tuple[int, int]]:
    """The terms of office of the office holders a text names."""
    return [span for pattern, span in _office_holders() if pattern.search(text)]


@lru_cache(maxsize=1)
def _spans_by_pattern() -> list[tuple[re.Pattern[str], tuple[int, int]]]:
    """States of a set age and well-known bodies, each with the pattern that finds it in a
    text: a state as written, a body in any case, an acronym only in capitals ("WHO", not
    "who")."""
    states = [(re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])"), span)
              for name, span in _SPANS.items() if span[0] > 0]
    bodies = [(re.compile(rf"\b{re.escape(name.upper())}\b") if len(name) <= 4
               else re.compile(rf"\b{re.escape(name)}\b", re.I), span)
              for name, span in _BODY_SPANS.items()]
    return states + bodies


def spans_named(text: str) -> list[tuple[int, int]]:
    """The years of the states of a set age ("Israel launched …": 1948 on), the well-known
    bodies ("the United Nations Conference …" names the United Nations), the office holders
    and the named periods a text names."""
    return [*(span for pattern, span in _spans_by_pattern() if pattern.search(text)),
            *terms_named(text), *periods_named(text)]


@lru_cache(maxsize=1)
def _famous_years() -> list[tuple[re.Pattern[str], str]]:
    """content/data/famous_years.txt: the events every adult can date, as patterns."""
    text = (Path(__file__).parent / "data" / "famous_years.txt").read_text(encoding="utf-8")
    found: list[tuple[re.Pattern[str], str]] = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            year, phrases = line.split(";")
            ways = "|".join(re.escape(phrase) for phrase in phrases.split("|"))
            found.append((re.compile(rf"\b(?:{ways})\b", re.I), year))
    return found


def famous_years(text: str) -> set[str]:
    """The years of the famous events a text names ("Apollo 11": 1969): asking one tests
    what every adult knows, not the lesson."""
    return {year for pattern, year in _famous_years() if pattern.search(text)}
