"""The indexer: from report files to clean text, metadata and (later) the search index."""

from .awards import Award, extract_awards
from .chrome import strip_chrome
from .gazetteer import canonical_province, find_places
from .metadata import REPORT_TYPES, extract_metadata
from .normalize import dedupe_lines, fold, normalize_line, normalize_text
from .readers import UnreadableFile, read_file
from .report import Failure, Report, iter_corpus, load_report, report_id
from .settings import SETTINGS, setting

__all__ = [
    "Award",
    "Failure",
    "REPORT_TYPES",
    "Report",
    "SETTINGS",
    "UnreadableFile",
    "canonical_province",
    "dedupe_lines",
    "extract_awards",
    "extract_metadata",
    "find_places",
    "fold",
    "iter_corpus",
    "load_report",
    "normalize_line",
    "normalize_text",
    "read_file",
    "report_id",
    "setting",
    "strip_chrome",
]
