"""Names of union and state bodies in running text ("Công đoàn Giáo dục Việt Nam",
"LĐLĐ huyện", "Ban Chấp hành Công đoàn ngành Giáo dục tỉnh"), and their full forms.

A body name starts with a head word (Công đoàn, Liên đoàn Lao động, LĐLĐ, CĐGD, Sở, Bộ,
UBND…, optionally after Ban Chấp hành/Ban Thường vụ and Tổng) and goes on through capitalised
words and the administrative words that belong to names (ngành, tỉnh, huyện, quận, thị xã,
thành phố, cấp, cơ sở, Giáo dục và Đào tạo); it stops at the first other word ("tặng", "về",
"đã"…).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = ["Org", "find_orgs", "expand_abbreviations", "abbreviations", "ABBREVIATIONS_PATH"]

ABBREVIATIONS_PATH = Path(__file__).parent / "data" / "abbreviations.txt"

_HEAD = re.compile(
    r"(?i)(?<![\w&])(?:(?:Ban Chấp hành|BCH|Ban Thường vụ|BTV|Chủ tịch)\s+)?(?:Tổng\s+)?"
    r"(?:Liên đoàn Lao động|LĐLĐ|Công đoàn|CĐGD|CĐN|CĐCS|CĐ|Bộ|Sở|UBND|Ủy ban nhân dân|"
    r"Thủ tướng Chính phủ|Chính phủ|Chủ tịch nước|Phòng)(?![\w&])"
)
_NAME_WORDS = {
    "ngành", "tỉnh", "huyện", "quận", "thị", "xã", "thành", "phố", "cấp", "cơ", "sở",
    "dục", "đào", "tạo", "động", "nhân", "dân", "tp",
}
_WORD = re.compile(r"\s+([\w&.]+)")
_JOINER = re.compile(r"(?:\s*,\s*|\s+và\s+|\s+cùng\s+)")


@dataclass(frozen=True)
class Org:
    name: str
    start: int
    end: int


def find_orgs(text: str) -> list[Org]:
    """Body names in ``text`` in order; bodies joined by "," or "và" are separate items."""
    orgs = []
    position = 0
    while True:
        head = _HEAD.search(text, position)
        if head is None:
            return orgs
        end = _extend(text, head.end())
        orgs.append(Org(text[head.start():end], head.start(), end))
        position = end


def _extend(text: str, end: int) -> int:
    while True:
        word = _WORD.match(text, end)
        if word is None:
            return end
        token = word.group(1).rstrip(".") or word.group(1)
        if token[0].isupper() or token.lower() in _NAME_WORDS or token[0].isdigit():
            end = word.start(1) + len(token)
        elif token == "và" and re.match(r"\s+và\s+Đào tạo", text[end:]):
            end = word.end(1)
        else:
            return end


def org_chain(text: str, orgs: list[Org], first: Org) -> tuple[str, int]:
    """``first`` and the bodies joined to it by "," or "và": the text and where it ends."""
    end = first.end
    for org in orgs[orgs.index(first) + 1:]:
        gap = text[end:org.start]
        if not _JOINER.fullmatch(gap):
            break
        end = org.end
    return text[first.start:end], end


@lru_cache(maxsize=1)
def abbreviations() -> dict[str, str]:
    """Abbreviation -> expansion, from ``indexer/data/abbreviations.txt``, longest first."""
    table = {}
    for line in ABBREVIATIONS_PATH.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            short, _, full = line.partition("\t")
            table[short.strip()] = full.strip()
    return dict(sorted(table.items(), key=lambda item: -len(item[0])))


def expand_abbreviations(name: str) -> str:
    """A body's name in full: "CĐGD quận Bình Thủy" -> "Công đoàn Giáo dục quận Bình Thủy"."""
    table = abbreviations()
    pattern = re.compile(r"(?<![\w&])(" + "|".join(map(re.escape, table)) + r")(?![\w&])")
    expanded = pattern.sub(lambda m: table[m.group(1)], name)
    return expanded[:1].upper() + expanded[1:]
