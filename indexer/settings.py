"""Settings: each declared once, with its type, default and help text, overridable by an
environment variable (``UNION_SEARCH_<NAME>``).

``union-search settings`` lists them and the README's table is checked against them by a
test; command-line flags override them. The indexer, the search engine and the web server
read them all from here.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Setting", "SETTINGS", "SettingError", "setting"]


class SettingError(ValueError):
    """An environment variable holds a value its setting cannot take."""


@dataclass(frozen=True)
class Setting:
    """One setting. ``kind`` is ``str``, ``int``, ``bool`` or ``Path``; ``low`` bounds an
    int."""

    name: str
    kind: type
    default: str | int | bool | Path
    help: str
    low: int | None = None

    @property
    def env(self) -> str:
        """The environment variable that overrides the default."""
        return "UNION_SEARCH_" + self.name.upper()

    def value(self) -> str | int | bool | Path:
        """The environment variable's value if set (checked against the type), else the
        default."""
        raw = os.environ.get(self.env, "").strip()
        if not raw:
            return self.default
        if self.kind is bool:
            if raw.lower() not in _BOOLEANS:
                raise SettingError(f"{self.env} must be one of {', '.join(_BOOLEANS)}, "
                                   f"not {raw!r}")
            return _BOOLEANS[raw.lower()]
        if self.kind is int:
            try:
                number = int(raw)
            except ValueError:
                raise SettingError(f"{self.env} must be a whole number, not {raw!r}") from None
            if self.low is not None and number < self.low:
                raise SettingError(f"{self.env} must be {self.low} or more, not {number}")
            return number
        return self.kind(raw)


_BOOLEANS = {"1": True, "true": True, "yes": True, "on": True,
             "0": False, "false": False, "no": False, "off": False}

SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in (
        Setting("corpus", Path, Path("corpus"), "Folder of report files (the archive)."),
        Setting("index", Path, Path("instance") / "index", "Folder of the search index."),
        Setting("workers", int, min(2, os.cpu_count() or 1),
                "Worker processes that run pyvi during bulk indexing.", low=1),
        Setting("commit_every", int, 1000,
                "Documents between two commits while indexing (what a crash can lose).", low=1),
        Setting("max_file_mb", int, 5,
                "Largest report file read, in MB; a longer one is indexed truncated, with "
                "a warning.", low=1),
        Setting("max_nesting", int, 500,
                "Deepest nesting of elements a web page may have; a deeper one is skipped.",
                low=16),
        Setting("file_seconds", int, 300,
                "Longest time one report may take to read and analyse; a slower one is "
                "skipped with the reason, the others go on.", low=1),
        Setting("duplicate_similarity", int, 80,
                "How alike two reports' texts must be, in per cent of shared word runs "
                "(estimated), to be one report reposted.", low=50),
        Setting("learn_chrome", bool, True,
                "Whether indexing learns page chrome from the archive (short lines recurring "
                "in many reports of one site) and removes it."),
        Setting("chrome_min_reports", int, 3,
                "Distinct reports of one site a line must occur in to be learned as page "
                "chrome (copies of one report count once; never fewer than 2).", low=2),
        Setting("chrome_min_share", int, 20,
                "Share of the site's reports, in per cent, a line must also occur in to be "
                "learned as page chrome.", low=0),
        Setting("watch", bool, True,
                "Whether `serve` watches the archive folder and indexes what changes in the "
                "background (`--no-watch` turns it off)."),
        Setting("watch_interval", int, 2,
                "Seconds between two looks at the archive when file events are unavailable "
                "(network shares), and the quiet time after a change before indexing.",
                low=1),
        Setting("watch_polling", bool, False,
                "Watch the archive by polling even where file events exist (for network "
                "shares, whose changes raise no events)."),
        Setting("host", str, "127.0.0.1", "Address the web server listens on."),
        Setting("port", int, 5000, "Port the web server listens on.", low=1),
        Setting("processes", int, os.cpu_count() or 1,
                "Web server processes, each with `threads` threads (a process uses one core "
                "at a time); more than one where the system can fork (Linux, macOS).",
                low=1),
        Setting("threads", int, 4, "Threads that answer web requests, in each process.",
                low=1),
        Setting("max_query_string", int, 8 * 1024,
                "Longest query string a request may have, in bytes (longer: 414).", low=256),
        Setting("max_content_length", int, 64 * 1024,
                "Largest request body, in bytes (larger: 413).", low=1024),
    )
}


def setting(name: str) -> str | int | bool | Path:
    """The current value of a setting: the environment variable if set, else the default."""
    return SETTINGS[name].value()
