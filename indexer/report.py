"""A report: clean text and metadata of one archive file, the unit everything else handles.

``load_report`` runs the whole ingest for one file: read (detecting the encoding), normalise,
strip chrome, drop repeated lines, extract metadata, then apply the sidecar overrides.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field, fields
from datetime import date
from pathlib import Path
from typing import Any

from .awards import Award
from .chrome import strip_chrome
from .gazetteer import canonical_province
from .metadata import Metadata, extract_metadata
from .normalize import collapse_blank_lines, dedupe_lines, normalize_line, normalize_text
from .readers import SUPPORTED_SUFFIXES, UnreadableFile, read_file

__all__ = [
    "Report",
    "Failure",
    "load_report",
    "report_id",
    "content_hash",
    "iter_corpus",
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
    overrides: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """All fields, identity first: the object ``inspect --json`` prints."""
        data = asdict(self)
        return {"id": data.pop("id"), "source": data.pop("source"), **data}


# Fields a sidecar may set: everything that describes the report, not its identity.
METADATA_FIELDS = (*(f.name for f in fields(Metadata)), "text")
_LIST_FIELDS = {"people", "awards"}


@dataclass
class Failure:
    """A file that could not be ingested, and why."""

    source: str
    reason: str


def report_id(relative: str) -> str:
    """A stable, URL-safe id from a path relative to the corpus root.

    "a/b.txt" gives "a--b.txt". A path with characters outside ``[A-Za-z0-9._-]`` (Vietnamese
    file names, spaces) gets them replaced by "-" and a short hash of the path appended, so
    two names differing only in those characters keep distinct ids.
    """
    parts = relative.replace("\\", "/").split("/")
    safe = "--".join(re.sub(r"[^A-Za-z0-9._-]+", "-", part) for part in parts)
    if "--".join(parts) != safe:
        safe += "-" + hashlib.sha1(relative.encode("utf-8")).hexdigest()[:8]
    return safe


def load_report(path: Path, root: Path) -> Report:
    """Ingest one file. Raises :class:`UnreadableFile` with the reason when it cannot."""
    relative = path.resolve().relative_to(root.resolve()).as_posix()
    raw = read_file(path)
    lines = dedupe_lines(normalize_text(raw.text).split("\n"))
    stripped = strip_chrome(lines)
    body_lines = collapse_blank_lines(stripped.lines)
    if not any(line.strip() for line in body_lines):
        raise UnreadableFile("no report text left once the page chrome is removed")
    hints = {key: normalize_line(value) for key, value in raw.hints.items()}
    meta = extract_metadata(body_lines, stripped.chrome, stripped.captures, hints)
    report = Report(
        id=report_id(relative),
        source=relative,
        text="\n".join(body_lines),
        format=raw.format,
        encoding=raw.encoding,
        sha256=content_hash(path),
        **{f.name: getattr(meta, f.name) for f in fields(meta)},
    )
    apply_sidecar(report, path)
    return report


def content_hash(path: Path) -> str:
    """SHA-256 of a report file and its sidecar: a change to either means re-indexing."""
    digest = hashlib.sha256(path.read_bytes())
    sidecar = sidecar_path(path)
    if sidecar.exists():
        digest.update(b"\0sidecar\0" + sidecar.read_bytes())
    return digest.hexdigest()


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


def _override(report: Report, name: str, value: Any) -> str:
    if name not in METADATA_FIELDS:
        return f"unknown field (known: {', '.join(METADATA_FIELDS)})"
    if name == "awards":
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            return "expected a list of award objects"
        try:
            awards = [Award(**item) for item in value]
        except TypeError as exc:
            return f"bad award record ({exc})"
        for award in awards:
            award.kinds = award.kinds or [award.award]
        report.awards = awards
        return ""
    if name in _LIST_FIELDS:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return "expected a list of strings"
        report.people = [normalize_line(v) for v in value]
        return ""
    if not isinstance(value, str):
        return "expected a string"
    if name in ("date", "published") and value:
        try:
            date.fromisoformat(value)
        except ValueError:
            return f"expected an ISO date (YYYY-MM-DD), got {value!r}"
    value = normalize_text(value) if name == "text" else normalize_line(value)
    if name == "province":
        value = canonical_province(value) or value  # "Thanh Hoá", "thanh hóa" -> "Thanh Hóa"
    setattr(report, name, value)
    return ""


def iter_corpus(root: Path) -> Iterator[Path]:
    """Every file under ``root`` that is meant as a report, sorted; hidden files and
    sidecars excluded. Files of unsupported types are yielded too, so they are reported."""
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if path.is_file() and not path.name.endswith(SIDECAR_SUFFIX):
            yield path


def is_supported(path: Path) -> bool:
    return path.suffix.lower() in SUPPORTED_SUFFIXES
