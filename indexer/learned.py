"""Page chrome learned from the archive: short lines that recur verbatim across many reports
of one site are the site's (its name, menu, slogan, address), not the reports'.

A *site* is a folder of the archive (``2019/lang-son/``; ``./`` for the root) and, for a
web page that names its site (the host of its canonical or ``og:url`` link, else its
``og:site_name``), that site too, so that pages of one site spread over folders count
together. Every report is counted in each of its sites.

**The census.** When a report is read (:func:`take_census`), each of its lines, after the
rules of ``chrome.txt`` and the official layout have taken theirs, is reduced to its key
(NFC, whitespace collapsed) and, if it is a *candidate*, to a 64-bit hash. Candidates are
short (at most ``MAX_WORDS`` words) and are none of the lines the metadata is read from:
numbered section headings ("I. KẾT QUẢ ĐẠT ĐƯỢC"), the official layout ("Nơi nhận:",
"TM. BAN CHẤP HÀNH", "CHỦ TỊCH"), award lines ("Tập thể:", "Bằng khen của …"), bylines,
name lines and credits ("Tin, ảnh: Lan Anh", "Mộc Miên (Tổng hợp)"), report-type phrases
("sơ kết học kỳ …"). Each hash
carries whether the line stands in the report's *edge*: before its first long paragraph
(more than ``MAX_WORDS`` words) or after its last (nothing, when it has none: a note of a
few short lines cannot tell its body from chrome, and its lines are never learned from it). The
report's two fingerprints, the hashes of its first and last long paragraphs, tell reposted
copies of one report apart from different reports.

**Learning** (:func:`learn`, over arrays, for the whole archive at once). A line is learned
chrome of a site when, in that site:

* it occurs in at least ``chrome_min_reports`` distinct reports (setting, default 3, never
  fewer than 2: a line of one report is never learned), reports counted by their
  fingerprints so that copies of one report count once (the fewer of the distinct first
  and distinct last paragraphs);
* those reports are at least ``chrome_min_share`` per cent of the site's reports (setting,
  default 20);
* it stands in the edge of more than half of the reports it occurs in (a phrase that
  recurs inside report bodies is the reports' own).

**Removal.** A learned line is removed from every report of the site that holds it
(:func:`remove_learned`), and passed on with the rule-removed chrome as weak evidence; a
report is never emptied by it. The census of each indexed report, with which of its lines
were removed, is kept in the index (:data:`indexer.fields.CHROME_CENSUS`), so that an
indexing run re-reads only the reports whose learned lines changed.
"""

from __future__ import annotations

import hashlib
import re
import struct
import unicodedata
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .awards import is_award_line
from .fields import CHROME_CENSUS, LEARNED_CHROME
from .metadata import REPORT_TYPES
from .official import is_layout_line
from .people import NAME, is_byline
from .settings import setting

__all__ = [
    "MAX_WORDS",
    "Census",
    "LearnedLine",
    "Learning",
    "LineCensus",
    "Thresholds",
    "folder_site",
    "is_candidate",
    "learn",
    "learned_lines",
    "line_hash",
    "line_key",
    "read_census",
    "remove_learned",
    "rule_for",
    "take_census",
    "threshold_table",
]

# The longest line that may be learned, in words; a longer line is a paragraph of text.
MAX_WORDS = 20
# Flags in the two low bits of a line's hash.
EDGE = 1
REMOVED = 2
_FLAGS = np.uint64(EDGE | REMOVED)
_HASH_MASK = ((1 << 64) - 1) ^ (EDGE | REMOVED)
_HEADER = struct.Struct("<QQH")
_SITE_BYTES = 255

# Numbered section headings: "I. KẾT QUẢ", "1. Công tác", "2.1. …", "a) …", "II – NHIỆM VỤ".
_NUMBERED = re.compile(r"^(?:[IVXLC]{1,6}|\d{1,3}(?:\.\d{1,3})*|[a-zđ])(?:[.)]|\s+[–-]\s)\s*\S")
_PART = re.compile(r"(?i)^(?:phần|chương|mục|điều)\s+(?:[IVXLC]{1,6}|\d{1,3}|thứ)\b")
# An author's credit: "Mộc Miên (Tổng hợp)", "Hồng Nhung (theo Báo Lao động)".
_CREDIT = re.compile(rf"^{NAME}\s*\([^()]{{1,60}}\)$")


def line_key(line: str) -> str:
    """The form lines are compared in: NFC, whitespace collapsed, ends trimmed."""
    return " ".join(unicodedata.normalize("NFC", line).split())


def _hash(key: str) -> int:
    digest = hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "little") & _HASH_MASK


def line_hash(line: str) -> int:
    """The 64-bit hash of a line's key (its two low bits clear: they carry flags)."""
    return _hash(line_key(line))


def folder_site(source: str) -> str:
    """The site a report's folder makes: ``2019/lang-son/``, ``./`` at the archive's root."""
    folder = source.rpartition("/")[0]
    return f"{folder}/" if folder else "./"


def _words(key: str) -> int:
    return key.count(" ") + 1 if key else 0


def is_candidate(line: str) -> bool:
    """Whether a line may be learned: short, and none of the lines the metadata is read
    from (section headings, official layout, awards, bylines, report-type phrases)."""
    key = line_key(line)
    return 0 < _words(key) <= MAX_WORDS and not _never_learned(key)


def _never_learned(key: str) -> bool:
    return bool(_NUMBERED.match(key) or _PART.match(key) or _CREDIT.match(key)
                or is_layout_line(key)
                or is_award_line(key) or is_byline(key)
                or any(pattern.search(key) for _, _, pattern in REPORT_TYPES))


def rule_for(line: str) -> str:
    """The rule of ``chrome.txt`` that removes exactly this line (spaces left unescaped,
    for reading)."""
    return "line ^" + re.escape(line_key(line)).replace("\\ ", " ") + "$"


@dataclass(frozen=True)
class LineCensus:
    """What one report tells the census: the site its page names (``""``: none), its
    fingerprints, and its distinct candidate lines as hashes with their flags (``EDGE``:
    in the report's edge; ``REMOVED``: removed as learned chrome when it was indexed)."""

    site: str
    first: int
    last: int
    lines: np.ndarray = field(repr=False)

    def encode(self, removed: Collection[int] = ()) -> bytes:
        """The census as the index keeps it, the lines of ``removed`` marked so."""
        lines = self.lines & ~np.uint64(REMOVED)
        if removed and len(lines):
            taken = np.isin(lines & ~_FLAGS, np.fromiter(removed, dtype=np.uint64))
            lines = lines | (taken.astype(np.uint64) * np.uint64(REMOVED))
        site = self.site.encode("utf-8")[:_SITE_BYTES]
        return (_HEADER.pack(self.first, self.last, len(site)) + site
                + lines.astype("<u8").tobytes())

    @classmethod
    def decode(cls, data: bytes) -> LineCensus:
        first, last, size = _HEADER.unpack_from(data)
        start = _HEADER.size + size
        site = data[_HEADER.size:start].decode("utf-8", "replace")
        return cls(site, first, last,
                   np.frombuffer(data, dtype="<u8", offset=start).astype(np.uint64))

    def removed(self) -> frozenset[int]:
        """The hashes of the lines that were removed as learned chrome."""
        taken = self.lines[(self.lines & np.uint64(REMOVED)) != 0] & ~_FLAGS
        return frozenset(taken.tolist())


def take_census(lines: list[str], site: str = "") -> LineCensus:
    """The census of one report from its lines (once the rules have removed theirs)."""
    keys = [key for key in map(line_key, lines) if key]
    long = [i for i, key in enumerate(keys) if _words(key) > MAX_WORDS]
    if long:
        begin, end = long[0], long[-1]
        first, last = _hash(keys[begin]), _hash(keys[end])
    else:  # no paragraph of text: no telling its body from chrome, so no line of it is in
        # the edge (none is learned from it); the whole text is its fingerprint
        begin, end = -1, len(keys)
        first = last = _hash("\n".join(keys))
    found: dict[int, int] = {}
    for i, key in enumerate(keys):
        edge = i < begin or i > end
        # A line the metadata is read from is never in the edge; inside the body it is
        # counted as it is, since a line seldom in the edge is never learned (cheaper).
        if _words(key) > MAX_WORDS or (edge and _never_learned(key)):
            continue
        digest = _hash(key)
        found[digest] = found.get(digest, 0) | (EDGE if edge else 0)
    values = sorted(digest | flags for digest, flags in found.items())
    return LineCensus(site.strip().rstrip("/")[:_SITE_BYTES], first, last,
                      np.array(values, dtype=np.uint64))


def remove_learned(lines: list[str], learned: Collection[int]) -> tuple[list[str], list[str]]:
    """``lines`` without those whose hash is in ``learned``, and the lines removed. A
    report that would be left without text keeps its lines."""
    if not learned:
        return lines, []
    kept: list[str] = []
    removed: list[str] = []
    for line in lines:
        key = line_key(line)
        (removed if key and _hash(key) in learned else kept).append(line)
    if not removed or not any(line.strip() for line in kept):
        return lines, []
    return kept, removed


@dataclass(frozen=True)
class Thresholds:
    """When a line is learned: in at least ``min_reports`` distinct reports of a site
    (never fewer than 2) and ``min_share`` per cent of them; ``enabled`` False learns
    nothing."""

    min_reports: int = 3
    min_share: int = 20
    enabled: bool = True

    @classmethod
    def from_settings(cls) -> Thresholds:
        return cls(int(setting("chrome_min_reports")), int(setting("chrome_min_share")),
                   bool(setting("learn_chrome")))


@dataclass
class Census:
    """The census of many reports as arrays: report ``i`` is ``sources[i]`` (its page's
    site ``sites[i]``, fingerprints ``first[i]``, ``last[i]``); entry ``j`` is the line
    ``lines[j]`` (hash and flags) of report ``doc[j]``."""

    sources: list[str]
    sites: list[str]
    first: np.ndarray
    last: np.ndarray
    doc: np.ndarray
    lines: np.ndarray

    @classmethod
    def of(cls, items: Iterable[tuple[str, LineCensus]]) -> Census:
        sources, sites, first, last, parts = [], [], [], [], []
        for source, census in items:
            sources.append(source)
            sites.append(census.site)
            first.append(census.first)
            last.append(census.last)
            parts.append(census.lines)
        sizes = np.fromiter((len(p) for p in parts), dtype=np.int64, count=len(parts))
        lines = np.concatenate(parts) if parts else np.zeros(0, dtype=np.uint64)
        return cls(sources, sites, np.array(first, dtype=np.uint64),
                   np.array(last, dtype=np.uint64),
                   np.repeat(np.arange(len(parts), dtype=np.int64), sizes),
                   lines.astype(np.uint64))


@dataclass
class Learning:
    """What :func:`learn` found: the learned (site, line) pairs and, for every entry of
    the census, whether its line is learned for one of its report's sites."""

    census: Census
    thresholds: Thresholds
    site_names: list[str]
    site_reports: np.ndarray  # reports per site
    # One value per learned (site, line): the site's number, the line's hash, the distinct
    # reports it occurs in (copies of one report once), the reports it occurs in.
    group_site: np.ndarray
    group_hash: np.ndarray
    group_reports: np.ndarray
    group_occurrences: np.ndarray
    learned: np.ndarray  # per entry of the census
    _removals: dict[int, frozenset[int]] | None = None

    def removal(self, report: int) -> frozenset[int]:
        """The hashes of the lines to remove from report ``report`` (its index)."""
        if self._removals is None:
            at = np.flatnonzero(self.learned)
            docs, hashes = self.census.doc[at], self.census.lines[at] & ~_FLAGS
            cuts = np.flatnonzero(np.diff(docs)) + 1
            self._removals = {int(group[0]): frozenset(part.tolist())
                              for group, part in zip(np.split(docs, cuts),
                                                     np.split(hashes, cuts), strict=True)
                              if len(group)}
        return self._removals.get(report, frozenset())

    def stale(self) -> list[int]:
        """The reports whose removed lines are not the learned ones (to be read again)."""
        removed = (self.census.lines & np.uint64(REMOVED)) != 0
        return np.unique(self.census.doc[removed != self.learned]).tolist()

    def __len__(self) -> int:
        return len(self.group_hash)


def learn(census: Census, thresholds: Thresholds | None = None) -> Learning:
    """The learned chrome of every site of ``census`` (see the module docstring)."""
    limits = thresholds or Thresholds.from_settings()
    folders = [folder_site(source) for source in census.sources]
    names = sorted(set(folders) | {site for site in census.sites if site})
    number = {name: i for i, name in enumerate(names)}
    folder_id = np.array([number[f] for f in folders], dtype=np.int64)
    site_id = np.array([number[s] if s else -1 for s in census.sites], dtype=np.int64)
    site_reports = (np.bincount(folder_id, minlength=len(names))
                    + np.bincount(site_id[site_id >= 0], minlength=len(names)))
    # One row per (site, entry): every entry in its folder, and in its page's site if any.
    entries = np.arange(len(census.lines))
    named = site_id[census.doc] >= 0
    row_entry = np.concatenate([entries, entries[named]])
    row_site = np.concatenate([folder_id[census.doc], site_id[census.doc][named]])
    row_doc = census.doc[row_entry]
    row_hash = census.lines[row_entry] & ~_FLAGS
    order = np.lexsort((census.first[row_doc], row_hash, row_site))
    site_sorted, hash_sorted = row_site[order], row_hash[order]
    starts = np.ones(len(order), dtype=bool)
    starts[1:] = (site_sorted[1:] != site_sorted[:-1]) | (hash_sorted[1:] != hash_sorted[:-1])
    group = np.cumsum(starts) - 1
    count = int(group[-1]) + 1 if len(group) else 0

    def distinct(fingerprints: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """Distinct fingerprints per group (``rows`` sorted by site, hash, fingerprint:
        the groups come in the same order whatever the fingerprint)."""
        values = fingerprints[row_doc[rows]]
        new = starts.copy()
        new[1:] |= values[1:] != values[:-1]
        return np.bincount(group, weights=new, minlength=count)

    occurrences = np.bincount(group, minlength=count)
    edge = np.bincount(group, weights=(census.lines[row_entry[order]] & np.uint64(EDGE)) != 0,
                       minlength=count)
    reports = np.minimum(distinct(census.first, order),
                         distinct(census.last,
                                  np.lexsort((census.last[row_doc], row_hash, row_site))))
    group_site = site_sorted[starts]
    ok = ((reports >= max(2, limits.min_reports))
          & (reports * 100 >= limits.min_share * site_reports[group_site])
          & (edge * 2 > occurrences))
    if not limits.enabled:
        ok[:] = False
    learned = np.zeros(len(census.lines), dtype=bool)
    learned[row_entry[order][ok[group]]] = True
    return Learning(census, limits, names, site_reports, group_site[ok],
                    hash_sorted[starts][ok], reports[ok].astype(np.int64),
                    occurrences[ok].astype(np.int64), learned)


def read_census(view: Any) -> dict[str, tuple[int, LineCensus]]:
    """source -> (document number, census) of every live report of an index view that
    has a census (reports from files)."""
    sources, values = view.column_values("source"), view.column_values(CHROME_CENSUS)
    return {str(sources[docnum]): (docnum, LineCensus.decode(values[docnum]))
            for docnum in np.flatnonzero(view.live).tolist()
            if values[docnum] and sources[docnum]}


@dataclass
class LearnedLine:
    """One learned line of one site, for staff to review (``union-search chrome``)."""

    site: str
    line: str  # "" when no report has had it removed yet (the index is behind its settings)
    reports: int  # distinct reports of the site it occurs in
    site_reports: int
    occurrences: int  # reports it occurs in, copies of one report each counted

    @property
    def rule(self) -> str:
        return rule_for(self.line) if self.line else ""

    def to_dict(self) -> dict[str, Any]:
        return {"site": self.site, "line": self.line, "reports": self.reports,
                "site_reports": self.site_reports, "occurrences": self.occurrences,
                "rule": self.rule}


def learned_lines(view: Any, thresholds: Thresholds | None = None,
                  site: str | None = None) -> list[LearnedLine]:
    """The learned chrome of an index view, by site then most reports first; ``site``
    keeps one site (a folder with or without its final ``/``, or a site's name)."""
    items = read_census(view)
    census = Census.of((source, census) for source, (_, census) in items.items())
    learning = learn(census, thresholds)
    docnums = [docnum for docnum, _ in items.values()]
    texts = _texts(view, learning, docnums)
    found = []
    for number, digest, reports, occurrences in zip(
            learning.group_site.tolist(), learning.group_hash.tolist(),
            learning.group_reports.tolist(), learning.group_occurrences.tolist(), strict=True):
        name = learning.site_names[number]
        if site is not None and site not in (name, name.rstrip("/")):
            continue
        found.append(LearnedLine(name, texts.get(digest, ""), reports,
                                 int(learning.site_reports[number]), occurrences))
    return sorted(found, key=lambda item: (item.site, -item.reports, item.line))


def _texts(view: Any, learning: Learning, docnums: list[int]) -> dict[int, str]:
    """hash -> text of the learned lines, from the removed lines a report of each keeps."""
    census = learning.census
    removed = np.flatnonzero((census.lines & np.uint64(REMOVED)) != 0)
    hashes = census.lines[removed] & ~_FLAGS
    wanted = np.isin(hashes, learning.group_hash)
    texts: dict[int, str] = {}
    for digest, report in zip(hashes[wanted].tolist(), census.doc[removed][wanted].tolist(),
                              strict=True):
        if digest in texts:
            continue
        for line in view.stored(docnums[report]).get(LEARNED_CHROME) or []:
            texts.setdefault(line_hash(line), line_key(line))
    return texts


def threshold_table(view: Any, pairs: Iterable[tuple[int, int]]) -> list[dict[str, Any]]:
    """For each (min_reports, min_share): the (site, line hash) pairs learned (to weigh
    the thresholds on an archive; see tests/learned_chrome.py)."""
    items = read_census(view)
    census = Census.of((source, census) for source, (_, census) in items.items())
    rows = []
    for min_reports, min_share in pairs:
        learning = learn(census, Thresholds(min_reports, min_share))
        rows.append({"min_reports": min_reports, "min_share": min_share,
                     "learned": [(learning.site_names[s], h) for s, h in
                                 zip(learning.group_site.tolist(),
                                     learning.group_hash.tolist(), strict=True)]})
    return rows
