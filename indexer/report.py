"""A report: clean text and metadata of one archive file, the unit everything else handles.

``load_report`` runs the whole ingest for one file: read (detecting the encoding), normalise,
strip chrome, drop repeated lines, extract metadata, then apply the sidecar overrides. It is
two steps, so that indexing can count the lines of every report before it finishes any
(chrome learned from the archive, :mod:`indexer.learned`): :func:`read_draft` reads the file
as far as the chrome rules and takes the census of its lines; :func:`finish_report` removes
the learned chrome it is given and extracts the metadata.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field, fields
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from .awards import Award
from .chrome import Stripped, strip_chrome
from .gazetteer import canonical_province
from .learned import LineCensus, remove_learned, take_census
from .metadata import Metadata, extract_metadata
from .normalize import (
    collapse_blank_lines,
    dedupe_lines,
    normalize_line,
    normalize_text,
    slug,
)
from .official import Official, read_official
from .readers import SUPPORTED_SUFFIXES, RawDocument, UnreadableFile, read_file

__all__ = [
    "Report",
    "Draft",
    "Failure",
    "load_report",
    "read_draft",
    "finish_report",
    "report_id",
    "content_hash",
    "file_stamp",
    "iter_corpus",
    "scan_corpus",
    "CorpusFile",
    "SIDECAR_SUFFIX",
    "METADATA_FIELDS",
]

SIDECAR_SUFFIX = ".meta.json"


@dataclass(kw_only=True)
class Report(Metadata):
    """One report: its identity, its metadata (inherited from :class:`Metadata`), its text."""

    id: str
    source: str
    text: str = ""
    format: str = ""
    encoding: str = ""
    sha256: str = ""
    stamp: str = ""  # the file's (and sidecar's) size and time when it was read: file_stamp()
    overrides: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Set by a sidecar only: the id of the report this one is a reposted copy of, or that
    # it is no copy, whatever its text (see search/duplicates.py).
    duplicate_of: str = ""
    not_duplicate: bool = False
    # A scan read by OCR: Tesseract's mean word confidence ("0.91"; "?" unknown), else "".
    ocr: str = ""
    # The lines removed as chrome learned from the archive (indexer/learned.py).
    learned_chrome: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """All fields, identity first: the object ``inspect --json`` prints."""
        data = asdict(self)
        return {"id": data.pop("id"), "source": data.pop("source"), **data}


# Fields a sidecar may set: everything that describes the report, not its identity, and
# its word on reposted copies.
METADATA_FIELDS = (*(f.name for f in fields(Metadata)), "text", "duplicate_of", "not_duplicate")
_LIST_FIELDS = {"people", "awards"}


@dataclass
class Failure:
    """A file that could not be ingested, and why."""

    source: str
    reason: str


_SIMPLE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$")
# The shape of every id report_id makes (a longer one cannot be an id).
_SIMPLE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,300}$")


def report_id(relative: str) -> str:
    """A readable, stable, unique, URL-safe id from a path relative to the corpus root.

    A file at the root whose name is already safe (letters, digits, ``.``, ``_``, ``-``; no
    ``--`` or ``..``) keeps its name: ``002_cce08653f4e9e0c2.txt``. Any other path becomes a
    slug of its parts without marks, joined by ``--``, then ``--`` and ten hex digits of a
    hash of the whole path: ``Đại hội công đoàn trường.txt`` →
    ``dai-hoi-cong-doan-truong.txt--5f1c…``. Unique by construction: the first kind never
    contains ``--``, the second is told apart by the hash of its full path.
    """
    relative = relative.replace("\\", "/")
    if _SIMPLE_NAME.match(relative) and "--" not in relative and ".." not in relative:
        return relative
    slugs = []
    for part in relative.split("/"):
        stem, dot, suffix = part.rpartition(".")
        if not dot or not stem:
            stem, suffix = part, ""
        stem = slug(stem, 80)
        suffix = slug(suffix, 10, joiner="")
        slugs.append((stem or "x") + (f".{suffix}" if suffix else ""))
    digest = hashlib.sha1(relative.encode("utf-8")).hexdigest()[:10]
    return "--".join([*slugs, digest])


@dataclass
class Draft:
    """A file read as far as the chrome rules: its lines, what the rules and the official
    layout took out, and the census of its lines (what learned chrome is counted on and
    removed from). :func:`finish_report` makes the report."""

    path: Path
    relative: str
    raw: RawDocument  # its text dropped: the lines below are what is left of it
    hints: dict[str, str]
    official: Official | None
    stripped: Stripped
    sha256: str
    census: LineCensus
    stamp: str = ""


def read_draft(path: Path, root: Path) -> Draft:
    """Read one file as far as the chrome rules. Raises :class:`UnreadableFile` with the
    reason when it cannot be a report."""
    try:  # a link's own place in the archive, not its target's (which may be outside)
        relative = path.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        relative = path.resolve().relative_to(root.resolve()).as_posix()
    stamp = file_stamp(path)  # before reading: a change while it is read shows next time
    raw = read_file(path)
    lines = dedupe_lines(normalize_text(raw.text).split("\n"))
    raw.text = ""
    hints = {key: normalize_line(value) for key, value in raw.hints.items()}
    official = read_official(lines)
    if official is not None:
        lines = official.lines
        hints.update(_official_hints(official, "\n".join(lines)))
    stripped = strip_chrome(lines)
    if not any(line.strip() for line in stripped.lines) and not (official and official.number):
        raise UnreadableFile("no report text left once the page chrome is removed")
    return Draft(path, relative, raw, hints, official, stripped, content_hash(path),
                 take_census(stripped.lines, hints.get("site", "")), stamp)


def finish_report(draft: Draft, learned: frozenset[int] = frozenset()) -> Report:
    """The report of a draft: the lines of ``learned`` (hashes of learned chrome lines)
    removed and passed on as chrome, the metadata extracted, the sidecar applied."""
    official, stripped, hints = draft.official, draft.stripped, draft.hints
    lines, removed = remove_learned(stripped.lines, learned)
    body_lines = collapse_blank_lines(lines)
    if official is not None and official.number:
        # The number stays searchable as written, like any code in a text.
        body_lines = [f"Số: {official.number}", *body_lines]
    if not any(line.strip() for line in body_lines):
        raise UnreadableFile("no report text left once the page chrome is removed")
    meta = extract_metadata(body_lines, [*stripped.chrome, *removed], stripped.captures, hints)
    if official is not None:
        meta.number, meta.document_type = official.number, official.document_type
        meta.place, meta.signer = official.place, official.signer
    report = Report(
        id=report_id(draft.relative),
        source=draft.relative,
        text="\n".join(body_lines),
        format=draft.raw.format,
        encoding=draft.raw.encoding,
        sha256=draft.sha256,
        stamp=draft.stamp,
        **{f.name: getattr(meta, f.name) for f in fields(meta)},
    )
    report.warnings.extend(draft.raw.warnings)
    report.ocr = draft.raw.hints.get("ocr", "")
    report.learned_chrome = removed
    apply_sidecar(report, draft.path)
    return report


def load_report(path: Path, root: Path, learned: frozenset[int] = frozenset()) -> Report:
    """Ingest one file (``learned``: hashes of learned chrome lines to remove). Raises
    :class:`UnreadableFile` with the reason when it cannot."""
    return finish_report(read_draft(path, root), learned)


def _official_hints(official: Official, text: str) -> dict[str, str]:
    """What an official document's layout tells the metadata: its title, date and issuing
    body (written as the text writes it when it names itself, else in sentence case)."""
    hints = {"document_title": official.title}
    if official.date is not None:
        hints["document_date"] = official.date.isoformat()
    if official.issuer:
        found = re.search(re.escape(official.issuer), text, re.IGNORECASE)
        hints["organization"] = found.group(0) if found else \
            official.issuer[:1] + official.issuer[1:].lower()
    return {key: value for key, value in hints.items() if value}


def content_hash(path: Path) -> str:
    """SHA-256 of a report file and its sidecar: a change to either means re-indexing."""
    digest = hashlib.sha256(path.read_bytes())
    sidecar = sidecar_path(path)
    if sidecar.exists():
        try:
            digest.update(b"\0sidecar\0" + sidecar.read_bytes())
        except OSError:  # reported when the sidecar is applied; the report is kept
            digest.update(b"\0unreadable sidecar\0")
    return digest.hexdigest()


def file_stamp(path: Path) -> str:
    """The size and modification time (ns) of a report file and of its sidecar, if any.

    An unchanged stamp means an unchanged file, so that a re-index of an unchanged archive
    reads no file (as make and rsync decide); a changed stamp only means "hash it": a file
    touched but not changed is still found unchanged by :func:`content_hash`."""
    try:
        sidecar: os.stat_result | None = sidecar_path(path).stat()
    except FileNotFoundError:
        sidecar = None
    return _stamp(path.stat(), sidecar)


def _stamp(status: os.stat_result, sidecar: os.stat_result | None) -> str:
    return "+".join(f"{each.st_size}.{each.st_mtime_ns}" for each in (status, sidecar) if each)


def sidecar_path(path: Path) -> Path:
    return path.with_name(path.name + SIDECAR_SUFFIX)


def apply_sidecar(report: Report, path: Path) -> None:
    """Apply ``<file>.meta.json`` if present. A bad sidecar is reported in ``warnings`` and
    ignored field by field, never losing the report."""
    sidecar = sidecar_path(path)
    if not sidecar.exists():
        return
    try:
        values = json.loads(sidecar.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        report.warnings.append(f"{sidecar.name}: not read ({exc})")
        return
    if not isinstance(values, dict):
        report.warnings.append(f"{sidecar.name}: expected a JSON object of field: value")
        return
    for name, value in values.items():
        problem = _override(report, name, value)
        if problem:
            report.warnings.append(f"{sidecar.name}: {name}: {problem}")
        else:
            report.overrides.append(name)


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_AWARD_TEXT = ("award", "body", "sentence")
_AWARD_COUNTS = ("collectives", "individuals")


def _override(report: Report, name: str, value: Any) -> str:
    """Set one sidecar field on the report, or say why the value was refused (then the
    field keeps what was extracted)."""
    if name not in METADATA_FIELDS:
        return f"unknown field (known: {', '.join(METADATA_FIELDS)})"
    if name == "awards":
        if not isinstance(value, list):
            return "expected a list of award objects"
        awards, problems = [], []
        for number, item in enumerate(value, 1):
            award, problem = _award(item)
            if award is None:
                problems.append(f"award {number} ignored: {problem}")
            else:
                awards.append(award)
        report.awards = awards
        return "; ".join(problems)
    if name == "not_duplicate":
        if not isinstance(value, bool):
            return "expected true or false"
        report.not_duplicate = value
        return ""
    if name in _LIST_FIELDS:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return "expected a list of strings"
        report.people = [normalize_line(v) for v in value]
        return ""
    if not isinstance(value, str):
        return "expected a string"
    if name in ("date", "published") and value and not _is_calendar_date(value):
        return f"expected a calendar date YYYY-MM-DD, got {value!r}"
    value = normalize_text(value) if name == "text" else normalize_line(value)
    if name == "duplicate_of" and value and not _SIMPLE_ID.match(value):
        return f"expected a report id, got {value!r}"
    if name == "province":
        value = canonical_province(value) or value  # "Thanh Hoá", "thanh hóa" -> "Thanh Hóa"
    setattr(report, name, value)
    return ""


def _is_calendar_date(value: str) -> bool:
    """YYYY-MM-DD and a real day (not "2017-W10-4", which Python also reads as a date)."""
    if not _ISO_DATE.match(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _award(item: Any) -> tuple[Award | None, str]:
    """An award record from a sidecar, or None and the reason it cannot be one."""
    if not isinstance(item, dict):
        return None, "expected an object"
    unknown = sorted(set(item) - {*_AWARD_TEXT, *_AWARD_COUNTS, "kinds"})
    if unknown:
        return None, f"unknown field {unknown[0]!r}"
    if not isinstance(item.get("award"), str) or not item["award"].strip():
        return None, "award must be a non-empty string"
    for key in _AWARD_TEXT[1:]:
        if not isinstance(item.get(key, ""), str):
            return None, f"{key} must be a string"
    for key in _AWARD_COUNTS:
        count = item.get(key)
        if count is not None and (isinstance(count, bool) or not isinstance(count, int)
                                  or count < 0):
            return None, f"{key} must be a whole number of 0 or more, or null, not {count!r}"
    kinds = item.get("kinds") or []
    if not isinstance(kinds, list) or not all(isinstance(k, str) and k.strip() for k in kinds):
        return None, "kinds must be a list of award names"
    award = Award(**{key: normalize_line(item[key]) if isinstance(item.get(key), str)
                     else item.get(key) for key in item})
    award.kinds = [normalize_line(k) for k in kinds] or [award.award]
    return award, ""


class CorpusFile(NamedTuple):
    """A file of the archive: its path, its source (the path relative to the archive, with
    ``/``) and its stamp (:func:`file_stamp`; ``""`` when it could not be taken)."""

    path: Path
    source: str
    stamp: str


def iter_corpus(root: Path, problems: list[Failure] | None = None) -> Iterator[Path]:
    """Every file under ``root`` that is meant as a report, sorted; hidden files and
    sidecars excluded. Files of unsupported types are yielded too, so they are reported.
    See :func:`scan_corpus`."""
    yield from (found.path for found in scan_corpus(root, problems))


def scan_corpus(root: Path, problems: list[Failure] | None = None) -> list[CorpusFile]:
    """Every file under ``root`` that is meant as a report, with its source and stamp,
    sorted by path; hidden files and sidecars excluded, files of unsupported types kept
    (so they are reported).

    What cannot be a report is added to ``problems`` with the reason, never skipped without
    a word: a folder that cannot be read, a FIFO or device, a broken symbolic link or a
    loop, a link to a folder (not followed: it could lead back). A link to a file inside the
    archive is left to its target, which is indexed under its own path (once).

    One listing per folder and one ``stat`` per file (and per sidecar the listing shows):
    an unchanged archive of 80,000 files is compared with its index by their stamps, and
    a walk through ``Path`` objects took four system calls and a dozen objects per file.
    """
    problems = problems if problems is not None else []
    root = root.resolve()
    found: list[CorpusFile] = []

    def visit(folder: str, prefix: str) -> None:
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as error:
            problems.append(Failure(prefix.rstrip("/") or ".",
                                    f"folder not readable: {error.strerror or error}"))
            return
        names = {entry.name for entry in entries}
        for entry in entries:  # by name, folders among files: the order of sorted paths
            name, source = entry.name, prefix + entry.name
            if name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                visit(entry.path, source + "/")
                continue
            if name.endswith(SIDECAR_SUFFIX):
                continue
            path = Path(entry.path)
            problem = _not_a_report(path, root) if entry.is_symlink() else (
                None if entry.is_file(follow_symlinks=False)
                else "not a regular file (a FIFO, socket or device)")
            if problem:
                problems.append(Failure(source, problem))
            elif problem is None:
                found.append(CorpusFile(path, source, _entry_stamp(entry, names)))

    visit(str(root), "")
    return found


def _entry_stamp(entry: os.DirEntry, names: set[str]) -> str:
    """The stamp of a listed file; its sidecar is looked at only when the listing has one."""
    sidecar = entry.name + SIDECAR_SUFFIX
    try:
        return _stamp(entry.stat(), os.stat(os.path.join(os.path.dirname(entry.path), sidecar))
                      if sidecar in names else None)
    except OSError:  # the file is hashed, and the error reported, by the caller
        return ""


def _not_a_report(path: Path, root: Path) -> str | None:
    """Why a symbolic link is not read as a report: a reason, "" to skip it silently (a
    link whose target is indexed itself), or None when it stands for a report file."""
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return "a broken symbolic link, or a loop of links"
    if target.is_dir():
        return "a link to a folder: not followed"
    if root in target.parents:
        return ""
    return None if target.is_file() else "a link to something that is not a file"


def is_supported(path: Path) -> bool:
    return path.suffix.lower() in SUPPORTED_SUFFIXES
