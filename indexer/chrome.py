"""Removal of page chrome (slogans, share widgets, footers…) by rules kept as data.

The rules live in ``indexer/data/chrome.txt`` so that staff can add a pattern without touching
code; that file documents the format. Removed lines are not thrown away: they are returned as
weak evidence (a footer naming a city) and may carry a page title or publication stamp.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .normalize import LOWER

__all__ = ["ChromeRule", "Stripped", "load_rules", "strip_chrome", "RULES_PATH"]

RULES_PATH = Path(__file__).parent / "data" / "chrome.txt"

_KINDS = ("line", "tail")


@dataclass(frozen=True)
class ChromeRule:
    kind: str
    pattern: re.Pattern[str]
    source: str


@dataclass
class Stripped:
    """Lines of the report proper, the chrome lines removed, and what rules captured."""

    lines: list[str]
    chrome: list[str] = field(default_factory=list)
    captures: dict[str, str] = field(default_factory=dict)


def parse_rules(text: str, origin: str = "<rules>") -> list[ChromeRule]:
    """Parse rules in the ``chrome.txt`` format; a bad rule raises ``ValueError`` naming its line."""
    rules = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        kind, _, regex = line.partition(" ")
        regex = regex.strip().replace("{lower}", LOWER)
        if kind not in _KINDS or not regex:
            raise ValueError(f"{origin}:{number}: expected 'line REGEX' or 'tail REGEX'")
        try:
            pattern = re.compile(regex)
        except re.error as exc:
            raise ValueError(f"{origin}:{number}: bad regular expression: {exc}") from exc
        rules.append(ChromeRule(kind, pattern, line))
    return rules


@lru_cache(maxsize=1)
def load_rules(path: Path = RULES_PATH) -> tuple[ChromeRule, ...]:
    """The chrome rules shipped with the product."""
    return tuple(parse_rules(path.read_text(encoding="utf-8"), str(path)))


def strip_chrome(lines: list[str], rules: tuple[ChromeRule, ...] | None = None) -> Stripped:
    """Split normalised lines into report lines and chrome lines.

    The first value a rule captures for a name wins (a page states its date once; a later
    match is usually a related article's).
    """
    rules = load_rules() if rules is None else rules
    result = Stripped(lines=[])
    in_tail = False
    for line in lines:
        rule, found = _match(line, rules)
        if found is not None:
            for name, value in found.groupdict().items():
                if value:
                    result.captures.setdefault(name, value.strip())
            in_tail = in_tail or rule.kind == "tail"
        if in_tail or found is not None:
            if line:
                result.chrome.append(line)
        else:
            result.lines.append(line)
    return result


def _match(
    line: str, rules: tuple[ChromeRule, ...]
) -> tuple[ChromeRule | None, re.Match[str] | None]:
    for rule in rules:
        found = rule.pattern.search(line)
        if found:
            return rule, found
    return None, None
