"""Vietnam's 63 provinces and cities and their ~700 districts, as before the 2025 merger.

The data comes from the ``vietnamadminunits`` package (its "legacy" 63-province table, read
straight from the JSON file it ships, so its geocoding imports are never loaded), plus the
aliases in ``indexer/data/place_aliases.txt``. Checked against the archive's own examples:
huyện Bình Lục → Hà Nam, quận Bình Thủy → Cần Thơ (``tests/test_gazetteer.py``).

``find_places`` finds the places a text names:

* ``tỉnh X`` / ``thành phố X`` / ``TP X`` where X is a province or city, in any case;
* a bare province name written with capitals ("Lạng Sơn", "LẠNG SƠN"), except names that
  are also common words or a person's name ("Hòa Bình", "Hồ Chí Minh"), which need "tỉnh" or
  "thành phố" before them;
* ``quận X`` / ``huyện X`` / ``thị xã X`` / ``thành phố X`` where X is a district, which also
  gives its province when the district name is unique in the country, or unique among the
  districts of that kind ("quận Hoàng Mai" is Hà Nội's, "thị xã Hoàng Mai" Nghệ An's; "thị
  xã Sơn Tây" Hà Nội's, "huyện Sơn Tây" Quảng Ngãi's).
"""

from __future__ import annotations

import importlib.util
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .normalize import fold, normalize_line

__all__ = ["Place", "Gazetteer", "gazetteer", "find_places", "canonical_province",
           "province_aliases"]

ALIASES_PATH = Path(__file__).parent / "data" / "place_aliases.txt"

# Province names that are also ordinary words or part of a person's or a doctrine's name
# ("tư tưởng Hồ Chí Minh", "hòa bình"): they count only after "tỉnh"/"thành phố".
_NEEDS_PREFIX = {"Hòa Bình", "Hồ Chí Minh", "Huế"}
_PROVINCE_PREFIX = r"(?:tỉnh|thành phố|TP\.?|Tp\.?)"
_DISTRICT_PREFIX = r"(?:quận|huyện|thị xã|thành phố|TP\.?|Tp\.?)"
_END = r"(?![^\W_])"
_KIND_OF_PREFIX = {"quận": "quận", "huyện": "huyện", "thị xã": "thị xã",
                   "thành phố": "thành phố", "tp": "thành phố"}


@dataclass(frozen=True)
class Place:
    """One place named in a text: ``province`` is canonical; ``district`` may be empty."""

    province: str
    district: str
    start: int
    end: int


class Gazetteer:
    """Province and district names with compiled patterns for finding them in text."""

    def __init__(self, provinces: dict[str, str], districts: dict[str, set[str]],
                 kinds: dict[tuple[str, str], str] | None = None):
        # provinces: surface name -> canonical province; districts: name -> {province…};
        # kinds: (district, province) -> "quận", "huyện", "thị xã" or "thành phố"
        self.provinces = provinces
        self.districts = districts
        self.kinds = kinds or {}
        self.canonical = sorted(set(provinces.values()))
        by_length = sorted(provinces, key=len, reverse=True)
        bare = [name for name in by_length if name not in _NEEDS_PREFIX]
        self._prefixed_province = re.compile(
            rf"\b{_PROVINCE_PREFIX}\s+({_alternation(by_length)}){_END}", re.IGNORECASE
        )
        cased = [form for name in bare for form in (name, name.upper())]
        self._bare_province = re.compile(rf"\b({_alternation(cased)}){_END}")
        names = sorted(districts, key=len, reverse=True)
        self._district = re.compile(
            rf"\b({_DISTRICT_PREFIX})\s+({_alternation(names)}){_END}", re.IGNORECASE
        )
        self._lookup = {name.lower(): name for name in [*provinces, *districts]}

    def find(self, text: str) -> list[Place]:
        """Every place named in ``text``, in order of appearance."""
        found: dict[int, Place] = {}
        for match in self._district.finditer(text):
            name = self._lookup[" ".join(match.group(2).split()).lower()]
            owners = self.districts[name]
            if len(owners) > 1:  # the kind of unit written may tell which one is meant
                kind = _KIND_OF_PREFIX.get(match.group(1).lower().rstrip("."), "")
                owners = {p for p in owners if self.kinds.get((name, p)) == kind} or owners
            province = next(iter(owners)) if len(owners) == 1 else ""
            if name in self.provinces and match.group(1).lower().startswith(("thành", "tp")):
                continue  # "thành phố Cần Thơ": the province itself, found below
            found[match.start()] = Place(province, name, match.start(), match.end())
        for pattern in (self._prefixed_province, self._bare_province):
            for match in pattern.finditer(text):
                if any(p.start <= match.start() < p.end for p in found.values()):
                    continue
                province = self.provinces[self._lookup[" ".join(match.group(1).split()).lower()]]
                found[match.start()] = Place(province, "", match.start(), match.end())
        return [found[start] for start in sorted(found)]

    def province_of(self, district: str) -> set[str]:
        """Provinces that have a district of this name (one, several or none)."""
        return set(self.districts.get(district, ()))


def _alternation(names: list[str]) -> str:
    return "|".join(re.escape(name).replace(r"\ ", " +") for name in names)


def _legacy_table() -> dict:
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the vietnamadminunits package is not installed")
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "parser_legacy.json"
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer, loaded once (about 50 ms)."""
    table = _legacy_table()
    aliases = _read_aliases()
    renamed = {alias: canonical for canonical, names in aliases["province"].items()
               for alias in names}
    provinces: dict[str, str] = {}
    districts: dict[str, set[str]] = {}
    kinds: dict[tuple[str, str], str] = {}
    for key, info in table["DICT_PROVINCE"].items():
        short = normalize_line(info["provinceShort"])
        canonical = renamed.get(short, short)
        provinces[short] = canonical
        provinces[canonical] = canonical
        for district in table["DICT_PROVINCE_DISTRICT"].get(key, {}).values():
            name = normalize_line(district["districtShort"])
            name = re.sub(r"^(?:Quận|Huyện) (?=\d)", "", name)  # "Quận 1" is district "1"
            districts.setdefault(name, set()).add(canonical)
            kinds[(name, canonical)] = normalize_line(district.get("districtType", "")).lower()
    for canonical, names in aliases["province"].items():
        for alias in names:
            provinces[alias] = canonical
    for key, names in aliases.items():
        if key.startswith("district:"):
            for canonical_district, alias_list in names.items():
                for alias in [canonical_district, *alias_list]:
                    districts.setdefault(alias, set()).add(key.split(":", 1)[1])
    return Gazetteer(provinces, districts, kinds)


def _read_aliases() -> dict[str, dict[str, list[str]]]:
    aliases: dict[str, dict[str, list[str]]] = {"province": {}}
    for line in ALIASES_PATH.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, canonical, names = (part.strip() for part in line.split("\t"))
        aliases.setdefault(kind, {})[normalize_line(canonical)] = [
            normalize_line(name) for name in names.split("|")
        ]
    return aliases


def province_aliases() -> dict[str, list[str]]:
    """Canonical province name -> its other names in ``place_aliases.txt`` (search treats
    them as one name)."""
    return {canonical: names for canonical, names in _read_aliases()["province"].items()}


def find_places(text: str) -> list[Place]:
    """Places named in ``text`` (see the module docstring for the rules)."""
    return gazetteer().find(text)


def canonical_province(name: str) -> str:
    """The canonical spelling of a province name or alias, with or without marks, or
    ``""`` when it is not one."""
    g = gazetteer()
    lowered = normalize_line(name).lower()
    key = g._lookup.get(lowered)
    if key is not None:  # a name as written: a province's, or a district's (not one)
        return g.provinces.get(key, "")
    return _folded_provinces().get(fold(lowered), "")


@lru_cache(maxsize=1)
def _folded_provinces() -> dict[str, str]:
    """Province names and aliases without marks -> canonical name (districts left out: a
    district may fold to a province's name, "Thạnh Hóa" to "Thanh Hóa")."""
    return {fold(name.lower()): canonical for name, canonical in gazetteer().provinces.items()}
