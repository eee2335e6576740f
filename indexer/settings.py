"""Settings: each declared once, with its default and help text, overridable by environment.

``union-search settings`` (and the README) list them; command-line flags override them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Setting", "SETTINGS", "setting"]


@dataclass(frozen=True)
class Setting:
    name: str
    env: str
    default: str
    help: str

    def value(self) -> str:
        return os.environ.get(self.env) or self.default


SETTINGS = {
    s.name: s
    for s in (
        Setting("corpus", "UNION_SEARCH_CORPUS", "corpus",
                "Folder of report files (the archive)."),
        Setting("index", "UNION_SEARCH_INDEX", str(Path("instance") / "index"),
                "Folder of the search index."),
        Setting("workers", "UNION_SEARCH_WORKERS", str(min(2, os.cpu_count() or 1)),
                "Worker processes that run pyvi during bulk indexing."),
        Setting("commit_every", "UNION_SEARCH_COMMIT_EVERY", "1000",
                "Documents between two commits while indexing (what a crash can lose)."),
    )
}


def setting(name: str) -> str:
    """The current value of a setting: the environment variable if set, else the default."""
    return SETTINGS[name].value()
