"""People named with their titles, and the report's byline.

People: "đồng chí / Đ/c / ông / bà <Name> – <title>" (or "<Name>, <title>" when the title
starts with a title word such as Chủ tịch, Phó, Giám đốc). The title runs to the next ";",
the end of the sentence, ", đồng chí …", or a verb that ends the introduction ("cùng",
"trao", "tặng", "phát biểu"…). A person named twice keeps the first title.

Byline: a line "Tin, ảnh: <Name> – <body>", "Tin & ảnh: <Name>", "Bài: <Name>"…; failing
that, a short line of two to four capitalised words among the report's last lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .normalize import LOWER, UPPER

__all__ = ["find_people", "find_byline", "Byline", "NAME", "is_person_name", "is_byline"]

_SYLLABLE = rf"[{UPPER}][{LOWER}]*"
NAME = rf"{_SYLLABLE}(?: {_SYLLABLE}){{1,4}}"

_TITLE_WORDS = (
    r"(?:Chủ tịch|Phó|Giám đốc|Trưởng|Bí thư|Ủy viên|Tỉnh ủy viên|Thành ủy viên|Huyện ủy viên|"
    r"Quận ủy viên|Hiệu trưởng|Thứ trưởng|Bộ trưởng|Chánh|Tổng|Nguyên|Đại biểu|Giáo viên)"
)
_HONORIFIC = r"(?:đồng chí|Đồng chí|đ/c|Đ/c|đc|Đc|ông|Ông|bà|Bà|thầy|Thầy|cô|Cô)"
_PERSON = re.compile(
    rf"{_HONORIFIC}\s+(?P<name>{NAME})(?:\s*–\s*|\s*-\s*|,\s*(?={_TITLE_WORDS}))(?P<title>[^;]+)"
)
# Where a title stops: another person, the end of the sentence, or the verb of the sentence.
_TITLE_END = re.compile(
    rf"(?:\.\s|\.$|,\s*(?:và\s+)?{_HONORIFIC}\s|\s+(?:và|cùng)\s+{_HONORIFIC}\s|\s+(?:cùng|trao|tặng|"
    r"phát biểu|đến dự|dự(?! khuyết)|chủ trì|tham dự|đã|đánh giá|chúc mừng|cho biết|nhấn mạnh)\b|\))"
)

_BYLINE = re.compile(
    rf"^(?:Tin|Bài|Ảnh|Tin,? ảnh|Tin ?& ?ảnh|Tin và ảnh|Bài,? ảnh|Bài ?& ?ảnh|Bài và ảnh|"
    rf"Tác giả|Người viết)\s*:\s*(?P<name>{NAME})(?:\s*[–-]\s*(?P<org>.+))?$"
)
_NAME_LINE = re.compile(rf"^{NAME}$")


def find_people(text: str) -> list[str]:
    """"Name – title" strings for people introduced with a title, first title kept."""
    people: dict[str, str] = {}
    position = 0
    while match := _PERSON.search(text, position):
        name = match.group("name")
        end = _TITLE_END.search(match.group("title"))
        title = match.group("title")[: end.start() if end else None].strip(" ,.–-")
        if name not in people and 3 <= len(title) <= 200:
            people[name] = f"{name} – {title}"
        # Resume where the title ends: the next person may be introduced inside this match.
        position = match.start("title") + (end.start() if end else len(match.group("title")))
    return list(people.values())


@dataclass
class Byline:
    author: str = ""
    organization: str = ""


def is_person_name(line: str) -> bool:
    """Two to five capitalised syllables and nothing else ("Phương Mai", "Phan Tuệ")."""
    return bool(_NAME_LINE.match(line.strip()))


def is_byline(line: str) -> bool:
    """Whether a line is one :func:`find_byline` may take the author from: a byline ("Tin,
    ảnh: Lan Anh") or a short line that is a name ("Phương Mai")."""
    line = line.strip()
    return bool(_BYLINE.match(line)) or (is_person_name(line) and len(line) <= 40)


def find_byline(lines: list[str], tail: int = 4) -> Byline:
    """The author (and the body the author writes for) from a byline or the last lines."""
    for line in lines:
        match = _BYLINE.match(line.strip())
        if match:
            return Byline(match.group("name"), (match.group("org") or "").strip())
    for line in reversed([line for line in lines if line.strip()][-tail:]):
        if is_person_name(line) and len(line) <= 40:
            return Byline(line.strip())
    return Byline()
