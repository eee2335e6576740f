"""Every UI message has a Vietnamese translation, and the compiled catalogue is current."""

from pathlib import Path

from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from webui.i18n import format_date
from webui.translations.vi import VI

CATALOGUE = Path(__file__).resolve().parent.parent / "webui" / "translations" / "vi" / "LC_MESSAGES"


def test_every_message_is_translated():
    with (CATALOGUE / "messages.po").open("rb") as handle:
        catalog = read_po(handle)
    missing = [m.id for m in catalog if m.id and not (m.string if isinstance(m.string, str)
                                                     else all(m.string))]
    assert missing == []
    assert len(catalog) > 50


def test_compiled_catalogue_matches_the_table():
    with (CATALOGUE / "messages.mo").open("rb") as handle:
        compiled = read_mo(handle)
    for message in compiled:
        if message.id and isinstance(message.id, str):
            assert VI[message.id] == message.string


def test_dates_the_vietnamese_way():
    assert format_date("2017-03-02") == "02/03/2017"
    assert format_date("") == ""
