"""Every field of the index and every facet, declared once.

The store builds its schema from these declarations, :mod:`indexer.documents` fills them,
the search engine counts and filters facets by them, and the web site and the command line
take their labels, query aliases and URL parameters from :data:`FACETS`. Nothing else spells
a field name out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from .gazetteer import canonical_province
from .metadata import OTHER_TYPE, REPORT_TYPES

__all__ = [
    "SCHEMA_VERSION",
    "BY_COUNT",
    "NEWEST_FIRST",
    "Facet",
    "FACETS",
    "FACET_NAMES",
    "facet",
    "TEXT_FIELDS",
    "BODY_WORDS",
    "BODY_SYLLABLES",
    "BODY_FOLDED",
    "BODY_FOLDED_WORDS",
    "BODY_PAIRS",
    "TITLE_WORDS",
    "TITLE_SYLLABLES",
    "TITLE_FOLDED",
    "TITLE_FOLDED_WORDS",
    "TITLE_PAIRS",
    "DETAIL_FIELDS",
    "GRANULARITIES",
    "BODY_STORES",
    "KEY_FIELDS",
    "STORED_FIELDS",
    "HIT_FIELDS",
    "SUMMARY_FIELDS",
    "SIGNATURE",
    "SIGNATURE_SIZE",
    "SIGNATURE_ROW",
    "DUPLICATE_OF",
    "NOT_DUPLICATE",
    "CHROME_CENSUS",
    "LEARNED_CHROME",
]

# Bump when the fields, the analysis or the metadata extraction change: an index of another
# version is rebuilt by the next `union-search index` (unchanged files would otherwise keep
# what the old rules extracted). 4: syllable pairs (ranking by proximity); 5: hashed;
# 6: MinHash signatures and the sidecar's word on reposted copies, hand-set fields stored;
# 7: 128-value signatures with their number of word runs; 8: Word, PDF and OCR (``ocr``);
# 9: chrome learned from the archive (the census of each report's lines, the lines removed);
# 10: each file's stamp (size and time), so that an unchanged file is not read again.
SCHEMA_VERSION = 10

# Facet orders: most frequent value first, or values newest first (years).
BY_COUNT, NEWEST_FIRST = "count", "newest"


@dataclass(frozen=True)
class Facet:
    """A facet: a metadata field reports are filtered and counted by.

    ``aliases`` are the names a query may use for it (``tỉnh:"Lạng Sơn"``), compared without
    marks or case; ``multi`` facets hold several values per report; ``ranges`` lists the
    separators that make a typed value a range of years (``2018..2020``), none if the facet
    takes no ranges; ``value_labels`` give English names of Vietnamese values;
    ``canonical`` gives a typed value's canonical spelling when it knows one ("Bắc Cạn" ->
    "Bắc Kạn", "Sài Gòn" -> "Hồ Chí Minh"), "" when not.
    """

    name: str
    label_en: str
    label_vi: str
    aliases: tuple[str, ...]
    multi: bool = False
    order: str = BY_COUNT
    ranges: tuple[str, ...] = ()
    value_labels: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    canonical: Callable[[str], str] | None = None

    def label(self, language: str) -> str:
        """The facet's name in ``language`` ("vi" or "en")."""
        return self.label_vi if language == "vi" else self.label_en

    def value_label(self, value: str, language: str) -> str:
        """A value as ``language`` names it (values are stored in Vietnamese)."""
        return value if language == "vi" else self.value_labels.get(value, value)


# The facets, in the order the site shows them.
FACETS: tuple[Facet, ...] = (
    Facet("province", "Province", "Tỉnh, thành phố",
          ("tỉnh", "tỉnh_thành", "thành_phố", "province"), canonical=canonical_province),
    Facet("district", "District", "Quận, huyện", ("huyện", "quận", "district")),
    Facet("school_year", "School year", "Năm học", ("năm_học", "school_year", "schoolyear"),
          order=NEWEST_FIRST, ranges=("..",)),  # "2018-2019" is one school year
    Facet("year", "Year", "Năm", ("năm", "year"), order=NEWEST_FIRST,
          ranges=("..", "-", "–")),
    Facet("report_type", "Report type", "Loại báo cáo", ("loại", "type", "report_type"),
          value_labels=MappingProxyType({**{value: label for value, label, _ in REPORT_TYPES},
                                         OTHER_TYPE: "other"})),
    Facet("organization", "Organisation", "Đơn vị",
          ("đơn_vị", "tổ_chức", "organization", "org")),
    Facet("document_type", "Document type", "Loại văn bản",
          ("loại_văn_bản", "văn_bản", "document_type", "doctype"),
          value_labels=MappingProxyType({
              "báo cáo": "report", "kế hoạch": "plan", "quyết định": "decision",
              "nghị quyết": "resolution", "công văn": "official letter",
              "thông báo": "notice", "tờ trình": "submission", "chương trình": "programme",
              "hướng dẫn": "guidance", "biên bản": "minutes", "kết luận": "conclusion",
              "chỉ thị": "directive", "quy chế": "regulation"})),
    Facet("award", "Award", "Khen thưởng", ("khen_thưởng", "award"), multi=True),
    Facet("person", "Person", "Người", ("người", "person"), multi=True),
)
FACET_NAMES: tuple[str, ...] = tuple(f.name for f in FACETS)
_BY_NAME = {f.name: f for f in FACETS}


def facet(name: str) -> Facet:
    """The facet called ``name``; ``KeyError`` for an unknown one."""
    return _BY_NAME[name]


# The analysed fields: (title or body) x (words, syllables, folded syllables, folded words).
GRANULARITIES = ("words", "syllables", "folded", "folded_words", "pairs")
TEXT_FIELDS = {
    "title": ("title_words", "title_syll", "title_fold", "title_fwords", "title_pairs"),
    "body": ("body_words", "body_syll", "body_fold", "body_fwords", "body_pairs"),
}
BODY_WORDS, BODY_SYLLABLES, BODY_FOLDED, BODY_FOLDED_WORDS, BODY_PAIRS = TEXT_FIELDS["body"]
TITLE_WORDS, TITLE_SYLLABLES, TITLE_FOLDED, TITLE_FOLDED_WORDS, TITLE_PAIRS = \
    TEXT_FIELDS["title"]
# What each body field keeps per posting, the least its queries need: character offsets
# only on syllables (snippets are cut from them, folded matches included), positions on
# folded syllables (unmarked phrases), counts on word fields (ranking boosts). Title fields
# are short and keep everything. (Offsets on every field made the index ten times the size
# of the text; see the README's figures.)
BODY_STORES = {"words": "frequency", "syllables": "characters", "folded": "positions",
               "folded_words": "frequency", "pairs": "frequency"}

# Whole-value fields that identify a report and its file: id (unique), source, hash, stamp
# (the file's size and time when read: indexer.report.file_stamp), date.
KEY_FIELDS = ("id", "source", "sha256", "stamp", "date")
# Fields kept only to be shown; text_z is the zlib-compressed text.
STORED_FIELDS = ("title", "text_z", "published", "semester", "author", "people", "awards",
                 "format", "overrides", "ocr", "number", "place", "signer")
# Reposted copies (search/duplicates.py): each report's MinHash signature of its text, a
# column of SIGNATURE_ROW 32-bit values read whole per index version (SIGNATURE_SIZE
# MinHash values, then the number of distinct word runs they summarise); and what a sidecar
# says: "duplicate_of" (the id of the report this one is a copy of), "not_duplicate".
SIGNATURE = "minhash"
SIGNATURE_SIZE = 128
SIGNATURE_ROW = SIGNATURE_SIZE + 1
DUPLICATE_OF = "duplicate_of"
NOT_DUPLICATE = "not_duplicate"
# Chrome learned from the archive (indexer/learned.py): each report's census of its short
# lines (a column of variable-size rows, read whole per indexing run), and the lines removed
# from it as learned chrome (stored, for staff to review them: `union-search chrome`).
CHROME_CENSUS = "chrome_census"
LEARNED_CHROME = "learned_chrome"
# What a result shows of a report, and what the research tools' rows repeat of it.
SUMMARY_FIELDS = ("id", "title", "date", "school_year", "province", "organization",
                  "report_type", "source")
DETAIL_FIELDS = ("district", "semester", "published", "author")
HIT_FIELDS = (*SUMMARY_FIELDS, *DETAIL_FIELDS)
