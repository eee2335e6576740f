"""The layout of an official Vietnamese document (văn bản hành chính), read as metadata.

An official report, plan or decision opens with the issuing body at the top left (its
parent body above it, in capitals), the national motto at the right ("CỘNG HÒA XÃ HỘI CHỦ
NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc"), the number ("Số: 45/BC-CĐGD") and the place
and date ("Krông Pắc, ngày 28 tháng 5 năm 2021"); then the kind of document in capitals
("BÁO CÁO") over its subject ("Tổng kết hoạt động công đoàn năm học 2020-2021"). It closes
with the list of recipients ("Nơi nhận: …") and the signature block ("TM. BAN THƯỜNG VỤ /
CHỦ TỊCH / Nguyễn Thị Hoa"). Those lines are metadata, not body: :func:`read_official`
takes them out of the text and says what they hold.

Read as text, the two columns of the heading come one after the other, in either order,
so each line is recognised by its own shape, in the first ``_HEAD_LINES`` lines and the
last ``_TAIL_LINES``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .normalize import UPPER

__all__ = ["Official", "read_official", "is_layout_line", "DOCUMENT_TYPES"]

_HEAD_LINES = 14
_TAIL_LINES = 16

# The document's kind, from the code in its number ("45/BC-CĐGD": BC) or from the capital
# line above its subject ("BÁO CÁO").
DOCUMENT_TYPES: dict[str, str] = {
    "BC": "báo cáo", "KH": "kế hoạch", "QĐ": "quyết định", "NQ": "nghị quyết",
    "CV": "công văn", "CĐ": "công văn", "TB": "thông báo", "TTr": "tờ trình",
    "CTr": "chương trình", "HD": "hướng dẫn", "BB": "biên bản", "KL": "kết luận",
    "CT": "chỉ thị", "QC": "quy chế",
}
_KIND_LINE = {name.upper(): name for name in DOCUMENT_TYPES.values()}

_MOTTO = re.compile(r"(?i)^(?:cộng hòa xã hội chủ nghĩa việt nam|độc lập\s*[-–]\s*tự do\s*"
                    r"[-–]\s*hạnh phúc)\W*$")
_NUMBER = re.compile(r"(?i)^số\s*:?\s*(\d+[\w./-]*/[\w./-]+)\s*$")
_CODE = re.compile(r"/([A-Za-zĐđ]+)")
_PLACE_DATE = re.compile(r"^([^,]{2,60}),\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+"
                         r"(\d{4})\s*$", re.IGNORECASE)
_RECIPIENTS = re.compile(r"(?i)^nơi nhận\s*:?")
_ON_BEHALF = re.compile(r"(?i)^(?:TM|KT|TL|TUQ|Q)\.\s")
_SIGNER_ROLE = re.compile(r"(?i)^(?:(?:phó\s+)?chủ tịch|(?:phó\s+)?trưởng ban|(?:phó\s+)?giám "
                          r"đốc|thư ký|người lập|người viết|ủy viên|uỷ viên|trưởng phòng)\b")
_NAME = re.compile(rf"^[{UPPER}][\w]*(?:\s+[{UPPER}][\w]*){{1,5}}$")
# An item of the recipients: "- Như trên;", "- Lưu: VT, VP."
_RECIPIENT_ITEM = re.compile(r"(?i)^[-+•]\s*(?:như trên|lưu\b)")


def is_layout_line(line: str) -> bool:
    """Whether a line is of the kinds the official layout is read from, wherever it stands:
    the national motto, a number, a place and date, the kind of document in capitals, the
    recipients and their items, a signature block's lines. Such lines recur in every report
    of one body and are metadata, never page chrome (see :mod:`indexer.learned`)."""
    line = line.strip()
    return bool(_MOTTO.match(line) or _NUMBER.match(line) or _PLACE_DATE.match(line)
                or _RECIPIENTS.match(line) or _RECIPIENT_ITEM.match(line)
                or _ON_BEHALF.match(line) or _SIGNER_ROLE.match(line)
                or line.upper() in _KIND_LINE)


@dataclass
class Official:
    """What an official document's layout says, and the text without it."""

    lines: list[str]  # the text's lines, the layout's lines taken out
    issuer: str = ""  # the issuing body as written (capitals), the most specific line
    parents: list[str] = field(default_factory=list)  # the bodies above it
    number: str = ""
    document_type: str = ""
    place: str = ""
    date: date | None = None
    kind_line: str = ""  # "BÁO CÁO"
    subject: str = ""  # the lines under it
    signer: str = ""

    @property
    def title(self) -> str:
        """The document's title: its kind and subject as a sentence ("Báo cáo tổng kết …")."""
        if not self.subject:
            return ""
        kind = _KIND_LINE.get(self.kind_line.upper(), self.kind_line.lower())
        subject = self.subject[:1].lower() + self.subject[1:] if kind else self.subject
        return " ".join(part for part in (kind[:1].upper() + kind[1:], subject) if part)


def _is_capitals(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


def read_official(lines: list[str]) -> Official | None:
    """The official layout of a document's lines, or None when it has none (a number line
    or a place-and-date line, beside capital lines, in its first lines)."""
    head = [i for i, line in enumerate(lines) if line.strip()][:_HEAD_LINES]
    found = Official(lines=[])
    taken: set[int] = set()
    for i in head:
        line = lines[i].strip()
        if _MOTTO.match(line) or set(line) <= set("-–_ "):
            taken.add(i)
        elif number := _NUMBER.match(line):
            found.number = number.group(1)
            code = _CODE.search(found.number)
            found.document_type = DOCUMENT_TYPES.get(code.group(1), "") if code else ""
            taken.add(i)
        elif place := _PLACE_DATE.match(line):
            day, month, year = (int(place.group(n)) for n in (2, 3, 4))
            try:
                found.date = date(year, month, day)
            except ValueError:
                continue
            found.place = place.group(1).strip()
            taken.add(i)
    if not (found.number or found.date):
        return None
    last = max(taken)
    # Capital lines above the number or date: the issuing body, parents first.
    bodies = [i for i in head if i < last and i not in taken and _is_capitals(lines[i])]
    kind = next((i for i in head if i not in taken and lines[i].strip().upper() in _KIND_LINE),
                None)
    if kind is not None:
        bodies = [i for i in bodies if i < kind]
        found.kind_line = lines[kind].strip()
        found.document_type = found.document_type or _KIND_LINE[found.kind_line.upper()]
        taken.add(kind)
        subject = []
        for i in range(kind + 1, min(len(lines), kind + 4)):
            text = lines[i].strip()
            if not text or text.endswith((".", ":", ";")) or len(text) > 200:
                break
            subject.append(text)
            taken.add(i)
            if not text.endswith(("-", ",")) and len(" ".join(subject)) > 40:
                break
        found.subject = " ".join(subject)
    if bodies:
        found.issuer = lines[bodies[-1]].strip()
        found.parents = [lines[i].strip() for i in bodies[:-1]]
        taken.update(bodies)
    taken |= _tail(lines, found)
    found.lines = [line for i, line in enumerate(lines) if i not in taken]
    return found


def _tail(lines: list[str], found: Official) -> set[int]:
    """The recipients and the signature block at the end; the signer's name noted."""
    taken: set[int] = set()
    tail = [i for i, line in enumerate(lines) if line.strip()][-_TAIL_LINES:]
    recipients = next((i for i in tail if _RECIPIENTS.match(lines[i].strip())), None)
    block = next((i for i in tail if _ON_BEHALF.match(lines[i].strip())
                  or _SIGNER_ROLE.match(lines[i].strip())), None)
    if recipients is not None:
        # The recipients run to the signature block (or the end): "- LĐLĐ tỉnh;", "- Lưu VT."
        end = block if block is not None and block > recipients else len(lines)
        for i in range(recipients, end):
            stripped = lines[i].strip()
            if i == recipients or not stripped or stripped.startswith(("-", "+", "•")):
                taken.add(i)
            else:
                break
    if block is not None:
        for i in range(block, len(lines)):
            stripped = lines[i].strip()
            if not stripped:
                continue
            if _ON_BEHALF.match(stripped) or _SIGNER_ROLE.match(stripped) or (
                    _is_capitals(stripped) and len(stripped) < 60):
                taken.add(i)
            elif _NAME.match(stripped) and not found.signer:
                found.signer = stripped
                taken.add(i)
            elif stripped.startswith(("-", "+")) or _RECIPIENTS.match(stripped):
                taken.add(i)  # recipients beside the signature, read after it
            else:
                break
    return taken
