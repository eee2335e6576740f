"""README.md against the code: no stale "to come" wording, and every command, flag, make
target and URL path the README shows exists."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from webui.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
MAKEFILE = (ROOT / "Makefile").read_text(encoding="utf-8")

# Wording that describes something as future or unbuilt.
STALE_PHRASES = ["is to come", "to come", "not yet built", "coming soon", "TODO", "TBD",
                 "will be added"]


def stale_lines(text: str, phrase: str) -> list[tuple[int, str]]:
    """The (line number, line) pairs of ``text`` where ``phrase`` occurs as whole words."""
    pattern = re.compile(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", re.IGNORECASE)
    return [(number, line.strip()) for number, line in enumerate(text.splitlines(), 1)
            if pattern.search(line)]


def code_units(text: str) -> list[tuple[int, str]]:
    """(line number, code) for each line of a fenced block (an indented line continues the
    one before it) and each inline code span (which may wrap onto the next line)."""
    units: list[tuple[int, str]] = []
    outside = text

    def fenced(match: re.Match) -> str:
        first = text.count("\n", 0, match.start(1)) + 1
        for offset, line in enumerate(match.group(1).splitlines()):
            if line[:1].isspace() and units and units[-1][0] >= first:
                units[-1] = (units[-1][0], units[-1][1] + " " + line.strip())
            else:
                units.append((first + offset, line))
        return "\n" * match.group(0).count("\n")  # keep line numbers of what follows

    outside = re.sub(r"^```[^\n]*\n(.*?)^```", fenced, text, flags=re.M | re.S)
    for match in re.finditer(r"`([^`]+)`", outside):
        units.append((outside.count("\n", 0, match.start()) + 1,
                      " ".join(match.group(1).split())))
    return sorted(units, key=lambda unit: unit[0])


def command_mentions(text: str) -> list[tuple[int, str, list[str]]]:
    """(line, subcommand, flags shown after it) for each ``union-search <command>`` in code."""
    mentions = []
    for line, code in code_units(text):
        parts = re.split(r"(?<![\w/.-])union-search\s+(?=[A-Za-z])", code)
        for after in parts[1:]:
            command = re.match(r"[\w-]+", after).group()
            mentions.append((line, command, re.findall(r"(?<![\w-])--[A-Za-z][\w-]*", after)))
    return mentions


def make_targets_named(text: str) -> list[tuple[int, str]]:
    return [(line, target) for line, code in code_units(text)
            for target in re.findall(r"(?<![\w/.$-])make\s+([A-Za-z][\w.-]*)", code)]


def makefile_targets(text: str) -> set[str]:
    return set(re.findall(r"^([A-Za-z][\w.-]*)\s*:(?!=)", text, flags=re.M))


# URL paths of the site the README documents (file paths such as tests/data/ are not these).
URL_PREFIXES = ("/api/", "/trend", "/kwic", "/compare", "/awards", "/help", "/documents/",
                "/search.")


def url_paths(text: str) -> list[tuple[int, str]]:
    found = []
    for line, code in code_units(text):
        for match in re.finditer(r"(?<![\w.:/-])(/[^\s`?#&|,;)]*)([?#]|$)?", code):
            path = match.group(1)
            # a bare "/" is the search page only as `/` or `/?q=…`, not "a / b"
            if path.startswith(URL_PREFIXES) or (path == "/" and match.group(2) is not None):
                found.append((line, path))
    return found


def routed(path: str, rules: list[str]) -> bool:
    """Whether a Flask rule serves ``path``; ``<id>``-style placeholders fill a converter,
    and a path ending in ``…`` or ``/`` (``/api/…``) is a prefix that some rule must extend."""
    if path.endswith("…") or (path.endswith("/") and path != "/"):
        prefix = path.rstrip("…")
        return any(rule.startswith(prefix) for rule in rules)
    return any(re.fullmatch(_rule_pattern(rule), path) for rule in rules)


def _rule_pattern(rule: str) -> str:
    """``/documents/<doc_id>/original`` → a regex; ``<path:x>`` may span slashes."""
    return "".join(
        (".+" if part.startswith("<path:") else "[^/]+") if part.startswith("<")
        else re.escape(part)
        for part in re.split(r"(<[^>]+>)", rule)
    )


def _subcommands() -> dict:
    return build_parser()._subparsers._group_actions[0].choices


COMMANDS = command_mentions(README)
TARGETS = make_targets_named(README)
PATHS = url_paths(README)


def test_the_readme_is_actually_scanned():
    # Guards the tables below: an extractor that finds nothing would make them pass vacuously.
    assert {command for _, command, _ in COMMANDS} >= {"index", "search", "serve", "trend",
                                                       "kwic", "awards", "inspect", "settings"}
    assert {flag for _, _, flags in COMMANDS for flag in flags} >= {"--json", "--threads", "--csv"}
    assert {target for _, target in TARGETS} >= {"run", "test"}
    assert {"/", "/api/search", "/trend", "/documents/<id>"} <= {path for _, path in PATHS}


@pytest.mark.parametrize("phrase", STALE_PHRASES)
def test_no_stale_phrase_in_readme(phrase):
    assert stale_lines(README, phrase) == [], f"README.md describes as unbuilt: {phrase!r}"


@pytest.mark.parametrize(("sample", "phrase", "hits"), [
    ("| `webui/` | and, to come, the web site |", "to come", 1),
    ("The web site is to come.\nIt is here.", "is to come", 1),
    ("Export: coming soon", "coming soon", 1),
    ("- TODO: facets", "TODO", 1),
    ("Charts will be added later.", "will be added", 1),
    ("The photo comes from the outcome of the vote.", "to come", 0),
])
def test_stale_phrase_check_can_fail(sample, phrase, hits):
    assert len(stale_lines(sample, phrase)) == hits


@pytest.mark.parametrize(("line", "command", "flags"), COMMANDS,
                         ids=[f"L{line}-{command}" for line, command, _ in COMMANDS])
def test_readme_commands_and_flags_exist(line, command, flags):
    subcommands = _subcommands()
    assert command in subcommands, f"README.md:{line}: no subcommand {command!r}"
    known = set(subcommands[command]._option_string_actions)
    assert [flag for flag in flags if flag not in known] == [], \
        f"README.md:{line}: union-search {command} has no such option"


def test_flag_check_can_fail():
    mentions = command_mentions("`union-search search x [--colour red]` and `union-search fly`")
    assert sorted(mentions) == [(1, "fly", []), (1, "search", ["--colour"])]
    assert "--colour" not in _subcommands()["search"]._option_string_actions
    assert "fly" not in _subcommands()


@pytest.mark.parametrize(("line", "target"), TARGETS,
                         ids=[f"L{line}-{target}" for line, target in TARGETS])
def test_readme_make_targets_exist(line, target):
    assert target in makefile_targets(MAKEFILE), f"README.md:{line}: no make target {target!r}"


@pytest.fixture(scope="module")
def rules(tmp_path_factory):
    from webui import create_app

    folder = str(tmp_path_factory.mktemp("no-index"))
    app = create_app({"INDEX_DIR": folder, "CORPUS_DIR": folder, "TESTING": True})
    return [rule.rule for rule in app.url_map.iter_rules()]


@pytest.mark.parametrize(("line", "path"), PATHS, ids=[f"L{line}-{path}" for line, path in PATHS])
def test_readme_url_paths_are_routed(rules, line, path):
    assert routed(path, rules), f"README.md:{line}: no route serves {path}"


@pytest.mark.parametrize(("path", "expected"), [
    ("/documents/<id>/original", True), ("/api/documents/x.txt", True), ("/api/…", True),
    ("/documents/a/b/c", False), ("/api/nothing", False), ("/trends", False), ("/nope/…", False),
])
def test_route_check_can_fail(rules, path, expected):
    assert routed(path, rules) is expected


@pytest.mark.parametrize(("command", "env", "expected"), [
    (["make", "-n", "run", "PORT=8080", "HOST=0.0.0.0"], {}, "serve --host 0.0.0.0 --port 8080"),
    (["make", "-n", "run", "PORT=8080"], {}, "serve --port 8080"),
    (["make", "-n", "run"], {"HOST": "a-shell-variable", "PORT": "1"}, "serve"),
])
def test_make_run_takes_port_and_host_from_its_command_line_only(command, env, expected):
    # Run alone, as a user would: not as a sub-make of `make test` (which would print
    # "Leaving directory" and pass its own variables on).
    outer = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")}
    shown = subprocess.run([*command, "--no-print-directory"], cwd=ROOT, capture_output=True,
                           text=True, check=True, env={**outer, **env}).stdout
    last = " ".join(shown.replace("\\\n", " ").split("union-search ")[-1].split())
    assert last == expected
