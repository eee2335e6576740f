"""Every UI message has a Vietnamese translation, and the compiled catalogue is current.

The messages are extracted from the source here, the way ``make translations``
(webui/translations/update.py) extracts them, so a new string in a template or in the code
fails this test until webui/translations/vi.py translates it, and the compiled catalogue
fails it until ``make translations`` is run again.
"""

from __future__ import annotations

from html import unescape
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_keywords, parse_mapping_cfg
from babel.messages.mofile import read_mo

from webui.i18n import format_date
from webui.translations.update import EXTRA_KEYWORDS
from webui.translations.vi import VI

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "webui" / "translations" / "vi" / "LC_MESSAGES"

# update.py extracts with babel's default keywords (_, gettext, ngettext, …) plus its own.
KEYWORDS = {**DEFAULT_KEYWORDS, **parse_keywords(list(EXTRA_KEYWORDS))}

# A message id: the text, or (singular, plural) for ngettext and {% trans count=… %}.
MessageId = str | tuple[str, ...]


def extract_messages(directory: Path) -> dict[MessageId, list[str]]:
    """The message ids of the sources under ``directory``, with where each one is used.

    Paths are matched against the patterns of babel.cfg relative to ``directory``, as
    ``make translations`` does from the project root.
    """
    with (ROOT / "babel.cfg").open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle, filename=str(ROOT / "babel.cfg"))
    found: dict[MessageId, list[str]] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        directory, method_map, options_map, keywords=KEYWORDS
    ):
        found.setdefault(message, []).append(f"{filename}:{lineno}")
    return found


def is_translated(message_id: MessageId) -> bool:
    """Whether VI has a non-empty translation: a text, or a tuple of plural forms."""
    translation = VI.get(message_id)
    if isinstance(message_id, str):
        return isinstance(translation, str) and bool(translation.strip())
    return (isinstance(translation, tuple) and bool(translation)
            and all(isinstance(form, str) and form.strip() for form in translation))


def untranslated(directory: Path) -> dict[MessageId, list[str]]:
    """The messages under ``directory`` that webui/translations/vi.py does not translate."""
    return {message_id: where for message_id, where in extract_messages(directory).items()
            if not is_translated(message_id)}


def listing(messages: dict[MessageId, list[str]]) -> str:
    return "\n".join(f"  {message_id!r}  ({', '.join(where)})"
                     for message_id, where in messages.items())


def read_compiled() -> dict[MessageId, MessageId]:
    """The compiled catalogue as {id: translation}; plural ids and forms as tuples."""
    with (CATALOGUE / "messages.mo").open("rb") as handle:
        catalog = read_mo(handle)
    return {
        message.id if isinstance(message.id, str) else tuple(message.id):
            message.string if isinstance(message.string, str) else tuple(message.string)
        for message in catalog if message.id
    }


@pytest.fixture(scope="module")
def source_messages() -> dict[MessageId, list[str]]:
    return extract_messages(ROOT)


def test_every_message_is_translated(source_messages):
    # Guards against an extraction that silently finds nothing (a moved babel.cfg pattern).
    assert len(source_messages) > 50
    assert any(isinstance(message_id, tuple) for message_id in source_messages)
    missing = {message_id: where for message_id, where in source_messages.items()
               if not is_translated(message_id)}
    assert not missing, (
        f"{len(missing)} message(s) with no Vietnamese translation in "
        f"webui/translations/vi.py:\n{listing(missing)}"
    )


def test_compiled_catalogue_matches_the_table():
    compiled = read_compiled()
    assert compiled
    differing = {message_id: (translation, VI.get(message_id))
                 for message_id, translation in compiled.items()
                 if translation != VI.get(message_id)}
    assert not differing, (
        "messages.mo disagrees with webui/translations/vi.py (run `make translations`):\n"
        + "\n".join(f"  {message_id!r}: compiled {compiled_as!r}, vi.py {table!r}"
                    for message_id, (compiled_as, table) in differing.items())
    )


def test_compiled_catalogue_has_every_message(source_messages):
    compiled = read_compiled()
    missing = {message_id: where for message_id, where in source_messages.items()
               if message_id not in compiled}
    assert not missing, (
        f"{len(missing)} message(s) missing from messages.mo (run `make translations`):\n"
        f"{listing(missing)}"
    )


@pytest.mark.parametrize(
    ("path", "source", "expected"),
    [
        ("webui/templates/page.html", "<p>{{ _('Not in the table') }}</p>\n",
         "Not in the table"),
        ("webui/templates/page.html", "<p>{{ gettext('Not in the table') }}</p>\n",
         "Not in the table"),
        ("webui/templates/nested/page.html", "{% trans %}Not in the table{% endtrans %}\n",
         "Not in the table"),
        ("webui/templates/page.html",
         "{{ ngettext('%(num)s report', '%(num)s reportz', n) }}\n",
         ("%(num)s report", "%(num)s reportz")),
        ("webui/templates/page.html",
         "{% trans count=n %}{{ count }} thing{% pluralize %}{{ count }} things{% endtrans %}\n",
         ("%(count)s thing", "%(count)s things")),
        ("webui/views.py", "from flask_babel import gettext as _\n\nMESSAGE = _('Not in the table')\n",
         "Not in the table"),
        ("webui/i18n.py", "from flask_babel import lazy_gettext as _l\n\nLABEL = _l('Not in the table')\n",
         "Not in the table"),
        ("webui/i18n.py", "from flask_babel import lazy_gettext\n\nLABEL = lazy_gettext('Not in the table')\n",
         "Not in the table"),
    ],
)
def test_an_untranslated_message_is_reported(tmp_path, path, source, expected):
    assert expected not in VI
    # Beside it, a message vi.py does translate, which must not be reported.
    translated = tmp_path / "webui" / "templates" / "translated.html"
    translated.parent.mkdir(parents=True)
    translated.write_text("<h1>{{ _('Search') }}</h1>\n", encoding="utf-8")
    target = tmp_path / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(source, encoding="utf-8")

    missing = untranslated(tmp_path)

    assert list(missing) == [expected]
    assert missing[expected] == [f"{Path(path)}:{1 if path.endswith('.html') else 3}"]
    assert "Search" in extract_messages(tmp_path)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2017-03-02", "02/03/2017"),
        ("", ""),
    ],
)
def test_dates_the_vietnamese_way(value, expected):
    assert format_date(value) == expected


@pytest.mark.parametrize(("path", "page", "api"), [
    ("?page=abc", "page phải là số nguyên, không phải 'abc'",
     "page must be a whole number, not 'abc'"),
    ("?per_page=500", "per_page phải nằm trong khoảng 1 đến 100",
     "per_page must be between 1 and 100"),
    ("?sort=up", "sort phải là một trong relevance, newest, oldest, không phải 'up'",
     "sort must be one of relevance, newest, oldest, not 'up'"),
])
def test_a_bad_parameter_is_said_in_the_pages_language_and_in_english_by_the_api(
        client, path, page, api):
    html = client.get("/" + path)
    assert html.status_code == 400 and page in unescape(html.data.decode())
    english = client.get("/?lang=en&" + path[1:]).data.decode()
    assert api in unescape(english)
    answer = client.get("/api/search" + path, headers={"Cookie": "lang=vi"})
    assert answer.status_code == 400 and answer.get_json()["error"] == api
