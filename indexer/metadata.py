"""Report metadata from clean text: the documented heuristics, one function per field.

Zones of a report, strongest evidence first: its heading (title), its lead paragraph, its
body, and the chrome lines removed from around it (weakest: a footer naming a city is used
only when nothing else names a place; a slogan's "NĂM 2022" never gives a year because
chrome is not searched for dates or years at all).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from .awards import Award, extract_awards, split_sentences
from .dates import find_dates, parse_date, school_year_of
from .gazetteer import find_places, gazetteer
from .orgs import expand_abbreviations, find_orgs
from .people import find_byline, find_people

__all__ = ["Metadata", "REPORT_TYPES", "extract_metadata"]

# The report-type vocabulary: value, English label, pattern looked for in the title and the
# lead sentence (in this order; the first that matches wins; "khác" when none does).
REPORT_TYPES: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    ("sơ kết học kỳ", "semester review",
     re.compile(r"(?i)sơ kết[^.;]{0,80}?học k[ỳì]|sơ kết học k[ỳì]")),
    ("tổng kết năm học", "year-end review",
     re.compile(r"(?i)tổng kết[^.;]{0,80}?năm học")),
    ("đại hội", "union congress", re.compile(r"(?i)\bđại hội\b[^.;]{0,40}?công đoàn")),
    ("khen thưởng", "award ceremony",
     re.compile(r"(?i)(?:lễ|hội nghị) (?:biểu dương|tuyên dương|khen thưởng|trao)")),
)
OTHER_TYPE = "khác"

_SCHOOL_YEAR = re.compile(r"(?i)năm học (\d{4})-(\d{2}|\d{4})(?!\d)")
_LONE_SCHOOL_YEAR = re.compile(r"(?i)năm học (\d{4})(?![\d-])")
_SEMESTER = re.compile(r"(?i)học k[ỳì] (I{1,2}|1|2)(?![\w])")
_ORGANIZED = re.compile(
    r"^(?:\s+(?:đã|vừa|long trọng|cũng|sẽ))*\s+(?:tổ chức|tiến hành|tổng kết|sơ kết|khai mạc)\b"
)
# The longest organisation name taken (the longest real ones: "Công đoàn Giáo dục huyện …",
# "Ban Chấp hành Công đoàn cơ sở trường Tiểu học và Trung học cơ sở …", about 15 words).
_ORG_MAX_WORDS, _ORG_MAX_CHARS = 18, 140
_TRAILING_STAMP = re.compile(r"\s*\((\d{1,2}/\d{1,2}/\d{4})(?:[ ,-]+\d{1,2}:\d{2})?\)$")
_EVENT_WORDS = re.compile(r"(?i)tổ chức|diễn ra|khai mạc|tiến hành|họp|hội nghị")
_COUNCIL = re.compile(r"^(?:Ban Chấp hành|BCH|Ban Thường vụ|BTV)\s+", re.I)
_LEAD_ADVERBIAL = re.compile(
    r"(?i)^(?:(?:Sáng|Chiều|Tối|Trưa|Ngày|Vừa qua|Mới đây|Trong|Tại|Thực hiện|Nhằm|Hôm)\b[^,]*,\s*)+"
)

# Evidence weights per zone for the province (see README, "Report metadata").
_WEIGHTS = {"organization": 5.0, "title": 4.0, "lead": 3.0, "body": 1.0, "people": 0.3}
_CHROME_WEIGHT = 0.1


@dataclass
class Metadata:
    title: str = ""
    date: str = ""
    published: str = ""
    school_year: str = ""
    semester: str = ""
    report_type: str = OTHER_TYPE
    province: str = ""
    district: str = ""
    organization: str = ""
    author: str = ""
    people: list[str] = field(default_factory=list)
    awards: list[Award] = field(default_factory=list)
    # From the layout of an official document (indexer/official.py).
    number: str = ""
    document_type: str = ""
    place: str = ""
    signer: str = ""


@dataclass
class _Zones:
    heading: str
    lead: str
    body: str
    lines: list[str]


def extract_metadata(
    lines: list[str],
    chrome: list[str] | None = None,
    captures: dict[str, str] | None = None,
    hints: dict[str, str] | None = None,
) -> Metadata:
    """All metadata of one report from its clean lines and what was removed around them.

    ``captures`` are values the chrome rules captured (page title, publication stamp);
    ``hints`` are values the file format gave (an HTML ``<title>``).
    """
    captures, hints, chrome = captures or {}, hints or {}, chrome or []
    zones = _zones(lines)
    text = "\n".join(lines)
    meta = Metadata()
    # An official document's own title (its kind and subject) comes before any guess.
    meta.title = (hints.get("document_title", "") or zones.heading or hints.get("title", "")
                  or captures.get("title", ""))
    if not meta.title:
        meta.title = _title_from_lead(zones.lead)
    # "Hội nghị tổng kết (12/01/2015)": the stamp some sites put after a title is its date.
    stamped = _TRAILING_STAMP.search(meta.title)
    if stamped:
        meta.title = meta.title[:stamped.start()].rstrip()
    published = _first_date(hints.get("published", "")) or _first_date(
        captures.get("published", "")
    ) or (_first_date(stamped.group(1)) if stamped else None)
    meta.published = published.isoformat() if published else ""
    event = _first_date(hints.get("document_date", "")) or _event_date(zones, published)
    meta.date = (event or published).isoformat() if (event or published) else ""
    intro = f"{meta.title}\n{_first_sentence(zones.lead)}"
    typed = next(
        ((value, found) for value, _, pattern in REPORT_TYPES if (found := pattern.search(intro))),
        (OTHER_TYPE, None),
    )
    meta.report_type = typed[0]
    # The school year right after the type ("tổng kết … năm học 2022-2023") is the one under
    # review, even when the title speaks of the next one.
    near_type = intro[typed[1].start():typed[1].end() + 120] if typed[1] else ""
    meta.school_year = _school_year(near_type + "\n" + intro, text, event or published)
    if meta.report_type == "sơ kết học kỳ":
        meta.semester = _semester(intro)
    meta.people = find_people(text)
    byline = find_byline(lines)
    meta.author = byline.author
    stated = hints.get("organization", "")
    meta.organization = stated if stated and _is_name(stated) else _organization(
        zones, byline.organization)
    meta.province, meta.district = _place(zones, meta, chrome)
    meta.awards = extract_awards(text)
    return meta


def _zones(lines: list[str]) -> _Zones:
    paragraphs = [line for line in lines if line.strip()]
    heading = ""
    if len(paragraphs) > 1 and _is_heading(paragraphs[0]):
        heading, paragraphs = paragraphs[0], paragraphs[1:]
    lead = paragraphs[0] if paragraphs else ""
    return _Zones(heading, lead, "\n".join(paragraphs[1:]), paragraphs)


def _is_heading(line: str) -> bool:
    return len(line) <= 300 and not line.endswith((".", ":", ";", ",", "…")) and \
        not is_date_line(line)


_DATE_WORDS = re.compile(r"(?i)\b(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy)|chủ\s+nhật|ngày|tháng|năm|"
                         r"lúc|giờ|cập nhật|đăng|sáng|chiều|tối|gmt)\b|\d+(?::\d+)*|[(),:–/+-]")


def is_date_line(line: str) -> bool:
    """Whether a line only dates something: "Thứ Hai, 17/08/2020-10:25", "Hà Nội, ngày 3
    tháng 4 năm 2018", "(12/01/2015)": a date, and besides its words at most a place's two.
    Such a line is never a title."""
    found = find_dates(line)
    if not found:
        return False
    rest = _DATE_WORDS.sub(" ", line)
    return len(rest.split()) <= 2


def _first_sentence(paragraph: str) -> str:
    sentences = split_sentences(paragraph)
    return sentences[0] if sentences else ""


def _title_from_lead(lead: str) -> str:
    """A title for a report with no heading: its first sentence without the time and place."""
    sentence = _first_sentence(lead).rstrip(".")
    trimmed = _LEAD_ADVERBIAL.sub("", sentence)
    title = trimmed[:1].upper() + trimmed[1:] if trimmed else sentence
    if len(title) > 200:
        title = title[:200].rsplit(" ", 1)[0] + " …"
    return title


def _first_date(text: str) -> date | None:
    return parse_date(text) if text else None


def _event_date(zones: _Zones, published: date | None) -> date | None:
    """The meeting's date: a date in the heading or the first paragraphs, preferring one
    followed by words of an event ("tổ chức", "diễn ra", "hội nghị")."""
    opening = "\n".join([zones.heading, *zones.lines[:3]])
    found = [d for d in find_dates(opening, anchor=published)]
    for candidate in found:
        following = opening[candidate.start:candidate.start + 200]
        if _EVENT_WORDS.search(following):
            return candidate.value
    return found[0].value if found else None


def _school_year(intro: str, text: str, when: date | None) -> str:
    for source in (intro, text):
        for match in _SCHOOL_YEAR.finditer(source):
            first, second = int(match.group(1)), match.group(2)
            second_year = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
            if second_year == first + 1:
                return f"{first}-{second_year}"
    # "năm học 2020" names only one of the two years: the date tells which school year.
    for source in (intro, text):
        lone = _LONE_SCHOOL_YEAR.search(source)
        if lone and when is not None:
            inferred = school_year_of(when)
            if lone.group(1) in inferred.split("-"):
                return inferred
    return ""


def _semester(intro: str) -> str:
    after = re.split(r"(?i)sơ kết", intro, maxsplit=1)[-1]
    match = _SEMESTER.search(after)
    if not match:
        return ""
    return {"1": "I", "2": "II"}.get(match.group(1), match.group(1).upper())


def _organization(zones: _Zones, byline_org: str) -> str:
    """The issuing body: the subject of "… tổ chức" in the heading or lead, the byline's
    body, or a signature line; the first that names a place wins, else the first found."""
    candidates = []
    for source in (zones.heading, _first_sentence(zones.lead)):
        if source and not source.isupper():
            candidates += _organizer(source)
    if byline_org and find_orgs(byline_org):
        candidates.append(byline_org)
    for line in zones.lines[-3:]:
        orgs = find_orgs(line)
        if orgs and orgs[0].start == 0 and orgs[0].end >= len(line.rstrip(". ")):
            candidates.append(orgs[0].name)
    names = [expand_abbreviations(_COUNCIL.sub("", name)) for name in candidates]
    # A name, never a paragraph: a longer "body" is a misread sentence.
    names = [name for name in names if _is_name(name)]
    return next((name for name in names if find_places(name)), names[0] if names else "")


def _is_name(name: str) -> bool:
    """Whether an organisation found is a name, not a paragraph misread as one."""
    return len(name) <= _ORG_MAX_CHARS and len(name.split()) <= _ORG_MAX_WORDS


def _organizer(sentence: str) -> list[str]:
    return [org.name for org in find_orgs(sentence) if _ORGANIZED.match(sentence[org.end:])]


def _place(zones: _Zones, meta: Metadata, chrome: list[str]) -> tuple[str, str]:
    """Province and district by weighted evidence (see ``_WEIGHTS``)."""
    body = zones.body
    for person in meta.people:
        body = body.replace(person.split(" – ", 1)[-1], " ")
    sources = {
        "organization": meta.organization,
        "title": meta.title,
        "lead": zones.lead,
        "body": body,
        "people": "\n".join(meta.people),
    }
    provinces: Counter[str] = Counter()
    districts: Counter[str] = Counter()
    for zone, text in sources.items():
        for place in find_places(text):
            if place.province:
                provinces[place.province] += _WEIGHTS[zone]
            if place.district:
                districts[place.district] += _WEIGHTS[zone]
    if not provinces and not districts:
        for place in find_places("\n".join(chrome)):
            if place.province:
                provinces[place.province] += _CHROME_WEIGHT
    province = provinces.most_common(1)[0][0] if provinces else ""
    owners = gazetteer().province_of
    district = next(
        (name for name, _ in districts.most_common()
         if not province or province in owners(name)),
        "",
    )
    if not province and district and len(owners(district)) == 1:
        province = next(iter(owners(district)))
    return province, district
