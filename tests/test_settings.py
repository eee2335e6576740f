"""Settings: typed values from the environment, and the README's table matches the code."""

import re
from pathlib import Path

import pytest

from indexer.settings import SETTINGS, SettingError, setting

README = Path(__file__).resolve().parent.parent / "README.md"
_ROW = re.compile(r"^\| `(UNION_SEARCH_\w+)` \| (\w+) \| `([^`]*)`")
_TYPES = {"path": "Path", "int": "int", "str": "str"}


def readme_settings() -> dict[str, tuple[str, str]]:
    """variable -> (type, default) of every row of the README's settings table."""
    rows = {}
    for line in README.read_text(encoding="utf-8").splitlines():
        if match := _ROW.match(line):
            rows[match.group(1)] = (_TYPES.get(match.group(2), match.group(2)), match.group(3))
    return rows


def test_readme_lists_every_setting_with_its_type_and_default():
    documented = readme_settings()
    assert set(documented) == {s.env for s in SETTINGS.values()}
    for item in SETTINGS.values():
        kind, default = documented[item.env]
        assert kind == item.kind.__name__, item.env
        if item.name not in ("workers", "processes"):  # defaults from the machine's CPUs
            assert default == str(item.default), item.env


@pytest.mark.parametrize(("name", "raw", "expected"), [
    ("port", "8080", 8080), ("workers", "3", 3), ("index", "/tmp/ix", Path("/tmp/ix")),
    ("host", "0.0.0.0", "0.0.0.0"), ("port", "", 5000), ("watch", "no", False),
    ("watch", "ON", True), ("watch_polling", "1", True),
])
def test_values_come_typed_from_the_environment(monkeypatch, name, raw, expected):
    monkeypatch.setenv(SETTINGS[name].env, raw)
    assert setting(name) == expected


@pytest.mark.parametrize(("name", "raw", "message"), [
    ("port", "eighty", "UNION_SEARCH_PORT must be a whole number"),
    ("threads", "0", "UNION_SEARCH_THREADS must be 1 or more"),
    ("watch", "maybe", "UNION_SEARCH_WATCH must be one of"),
])
def test_bad_values_are_refused_with_the_variable_named(monkeypatch, name, raw, message):
    monkeypatch.setenv(SETTINGS[name].env, raw)
    with pytest.raises(SettingError, match=message):
        setting(name)
