"""Award records: who gave which award to how many collectives and individuals.

Heuristics, applied to each sentence and each ";"-separated clause of it:

1. Award names come from the vocabulary in ``indexer/data/awards.txt``. Names joined by ","
   or "và" with nothing between ("bằng khen, giấy khen") form one award statement.
2. Counts are numbers before "tập thể"/"đơn vị" (collectives) and "cá nhân"/"đồng chí"
   (individuals); "04" is 4. Counts between two statements belong to the first when it is
   followed by "cho" ("tặng Giấy khen cho 07 tập thể"), otherwise to the second ("04 tập thể
   được nhận Cờ thi đua"). Counts before the first statement go to it, after the last to it.
3. The awarding body is, in order: the bodies after the award ("Bằng khen của LĐLĐ tỉnh",
   "… do Công đoàn Giáo dục Việt Nam"); the body in "được <body> tặng <award>"; the subject
   of "<body> (đã) trao/tặng <award>"; else the body of the previous statement in the same
   sentence ("…; tặng Giấy khen chuyên đề cho …").
4. A statement without counts is kept only when no counted statement of the report names the
   same award: photo captions ("trao Bằng khen cho các tập thể, cá nhân") repeat what the
   counted sentence says.
5. A proposal is not an award: a statement whose clause says "đề nghị", "đề xuất" or "dự
   kiến" before the award ("đề nghị LĐLĐ tỉnh tặng Bằng khen cho 5 tập thể") is skipped.
6. A table (lines of cells joined by " | ", as Word and OpenDocument tables are read) whose
   header row names the award column ("Hình thức khen thưởng", "Danh hiệu") and a count
   column ("Số tập thể", "Số cá nhân") gives one record per row: the award from its cell,
   the awarding body from a "Cấp khen"/"Cơ quan" column, the counts from theirs. A total
   row ("Cộng", "Tổng", "Tổng cộng") is not a record: its counts are already counted.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

from .normalize import UPPER
from .orgs import find_orgs, org_chain

__all__ = ["Award", "extract_awards", "split_sentences", "is_award_line", "AWARDS_PATH",
           "CELL_SEPARATOR"]

AWARDS_PATH = Path(__file__).parent / "data" / "awards.txt"

_NUMBER = r"(\d{1,3}(?:\.\d{3})+|\d+)"
_COLLECTIVE = re.compile(
    _NUMBER + r"\s+(?:tập thể|đơn vị|công đoàn cơ sở|CĐCS|trường|tổ công đoàn)", re.I
)
_INDIVIDUAL = re.compile(
    _NUMBER + r"\s+(?:cá nhân|đồng chí|đoàn viên|cán bộ|giáo viên|nhà giáo|người)", re.I
)
_GROUP_JOIN = re.compile(r"\s*(?:,|và|hoặc)\s*")
_GIVE = r"(?:trao tặng|trao|tặng|khen thưởng|cấp|công nhận)"
_PROPOSAL = re.compile(r"(?i)\b(?:đề nghị|đề xuất|dự kiến)\b")
_ADVERBS = r"(?:\s+(?:đã|vừa|cũng|sẽ|còn|đồng thời))*"


@dataclass
class Award:
    """One award statement of a report."""

    award: str
    body: str = ""
    collectives: int | None = None
    individuals: int | None = None
    sentence: str = ""
    kinds: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[tuple[str, re.Pattern[str]], ...]:
    rules = []
    for line in AWARDS_PATH.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, regex = line.partition("\t")
            rules.append((name.strip(), re.compile(rf"(?<!\w){regex.strip()}(?!\w)", re.I)))
    return tuple(rules)


# Sentence ends: ". " before a capital or digit, a line break, or the "./." that closes
# Vietnamese news articles (its "/." is dropped, the full stop stays with the sentence).
_SENTENCE_END = re.compile(rf"(?<=[.!?…])\s+(?=[\"'(]?[{UPPER}0-9])|\n+|(?<=\.)/\.")


def split_sentences(text: str) -> list[str]:
    """Sentences of a text: split at ". " before a capital, at "./." and at line breaks."""
    return [part.strip() for part in _SENTENCE_END.split(text) if part and part.strip()]


@dataclass
class _Mention:
    kinds: list[str]
    start: int
    end: int


def _mentions(clause: str) -> list[_Mention]:
    found: list[_Mention] = []
    hits = []
    for name, pattern in _vocabulary():
        for match in pattern.finditer(clause):
            if not any(h[1] <= match.start() < h[2] for h in hits):
                hits.append((name, match.start(), match.end()))
    for name, start, end in sorted(hits, key=lambda h: h[1]):
        previous = found[-1] if found else None
        if previous and _GROUP_JOIN.fullmatch(clause[previous.end:start]):
            if name not in previous.kinds:
                previous.kinds.append(name)
            previous.end = end
        else:
            found.append(_Mention([name], start, end))
    return found


# The headings of an award list: "Tập thể:", "Cá nhân:", "Danh sách khen thưởng".
_LIST_HEADING = re.compile(r"(?i)^(?:[-+•]\s*)?(?:tập thể|cá nhân|đơn vị|danh sách|hình thức)\b")


def is_award_line(line: str) -> bool:
    """Whether a line is one the award records are read from: it names an award of the
    vocabulary, counts collectives or individuals, or heads an award list ("Tập thể:").
    Such lines recur in every award list of one body and are never page chrome."""
    return bool(_LIST_HEADING.match(line.strip()) or _COLLECTIVE.search(line)
                or _INDIVIDUAL.search(line)
                or any(pattern.search(line) for _, pattern in _vocabulary()))


def _count(pattern: re.Pattern[str], text: str) -> int | None:
    values = [int(m.group(1).replace(".", "")) for m in pattern.finditer(text)]
    return sum(values) if values else None


def _regions(clause: str, mentions: list[_Mention]) -> list[tuple[int, int]]:
    """The stretch of the clause whose counts belong to each mention (rule 2)."""
    bounds = []
    start = 0
    for index, mention in enumerate(mentions):
        if index + 1 == len(mentions):
            bounds.append((start, len(clause)))
            break
        following = mentions[index + 1]
        between = clause[mention.end:following.start]
        first_count = min(
            (m.start() for p in (_COLLECTIVE, _INDIVIDUAL) for m in p.finditer(between)),
            default=None,
        )
        if first_count is not None and re.search(r"\bcho\b", between[:first_count]):
            cut = following.start  # "tặng A cho N tập thể và B …": the counts are A's
        else:
            cut = mention.end  # "… A; N tập thể được nhận B": the counts are B's
        bounds.append((start, cut))
        start = cut
    return bounds


def _body(clause: str, mention: _Mention, region: tuple[int, int]) -> str:
    orgs = find_orgs(clause)
    after = clause[mention.end:region[1]]
    joined = re.match(r"\s*(?:[\w ]{0,20}?\s)?(?:của|do)\s+", after)
    if joined:
        position = mention.end + joined.end()
        first = next((org for org in orgs if org.start == position), None)
        if first is not None:
            return org_chain(clause, orgs, first)[0]
    before = clause[region[0]:mention.start]
    given = re.search(rf"được\s+(.+?)\s+{_GIVE}\s*(?:\w+\s*){{0,2}}$", before)
    if given:
        position = region[0] + given.start(1)
        first = next((org for org in orgs if org.start == position), None)
        if first is not None:
            return org_chain(clause, orgs, first)[0]
    for org in reversed([org for org in orgs if org.end <= mention.start]):
        verb = re.match(rf"{_ADVERBS}\s+{_GIVE}\b", clause[org.end:mention.start])
        if verb:
            return org.name
    return ""


CELL_SEPARATOR = " | "
# Cells split again after normalisation, which collapses the spaces of an empty cell.
_CELLS = re.compile(r"\s*\|\s*")
_TOTAL_ROW = re.compile(r"(?i)^\s*(?:tổng\s*cộng|tổng\s*số|cộng|tổng)\b")
_COLUMNS = {
    "award": re.compile(r"(?i)hình thức|khen thưởng|danh hiệu|loại khen"),
    "body": re.compile(r"(?i)cấp khen|cơ quan|đơn vị khen|cấp quyết định|người ký"),
    "collectives": re.compile(r"(?i)tập thể"),
    "individuals": re.compile(r"(?i)cá nhân"),
}


def _columns(header: list[str]) -> dict[str, int] | None:
    """Which column of an award table holds what, from its header row; None when the row
    is no award table's header."""
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        for name in ("collectives", "individuals", "body", "award"):  # most specific first
            if name not in found and _COLUMNS[name].search(cell):
                found[name] = index
                break
    has_count = "collectives" in found or "individuals" in found
    return found if "award" in found and has_count else None


def _number(cell: str) -> int | None:
    digits = cell.replace(".", "").strip()
    return int(digits) if digits.isdigit() else None


def _table_awards(lines: list[str]) -> tuple[list[Award], set[int]]:
    """Records from award tables (rule 6), and the lines they were read from."""
    records: list[Award] = []
    used: set[int] = set()
    columns: dict[str, int] | None = None
    for number, line in enumerate(lines):
        if CELL_SEPARATOR not in line:
            columns = None
            continue
        cells = [c.strip() for c in _CELLS.split(line)]
        header = _columns(cells)
        if header is not None:
            columns = header
            used.add(number)
            continue
        if columns is None or len(cells) <= max(columns.values()):
            continue
        used.add(number)
        award_cell = cells[columns["award"]]
        if _TOTAL_ROW.match(award_cell):
            continue
        mentions = _mentions(award_cell)
        if not mentions:
            continue
        kinds = [kind for mention in mentions for kind in mention.kinds]
        records.append(Award(
            award=", ".join(kinds), kinds=kinds,
            body=cells[columns["body"]] if "body" in columns else "",
            collectives=_number(cells[columns["collectives"]]) if "collectives" in columns
            else None,
            individuals=_number(cells[columns["individuals"]]) if "individuals" in columns
            else None,
            sentence=line,
        ))
    return records, used


def extract_awards(text: str) -> list[Award]:
    """Award records of a report text (see the module docstring for the rules)."""
    lines = text.split("\n")
    records, used = _table_awards(lines)
    text = "\n".join(line for number, line in enumerate(lines) if number not in used)
    for sentence in split_sentences(text):
        carried = ""
        for clause in re.split(r";\s*", sentence):
            mentions = _mentions(clause)
            for mention, region in zip(mentions, _regions(clause, mentions), strict=True):
                if _PROPOSAL.search(clause[:mention.start]):
                    continue
                part = clause[region[0]:region[1]]
                body = _body(clause, mention, region) or carried
                carried = body
                records.append(Award(
                    award=", ".join(mention.kinds),
                    kinds=list(mention.kinds),
                    body=body,
                    collectives=_count(_COLLECTIVE, part),
                    individuals=_count(_INDIVIDUAL, part),
                    sentence=sentence,
                ))
    return _drop_uncounted_repeats(records)


def _drop_uncounted_repeats(records: list[Award]) -> list[Award]:
    counted = {kind for r in records if _has_counts(r) for kind in r.kinds}
    return [r for r in records if _has_counts(r) or not set(r.kinds) & counted]


def _has_counts(record: Award) -> bool:
    return record.collectives is not None or record.individuals is not None
