"""Extract UI messages, merge the Vietnamese table of vi.py and compile the catalogue.

    .venv/bin/python -m webui.translations.update     (or: make translations)
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from .vi import VI

# Marks besides babel's defaults: lazy texts, and N_ (texts declared in one place and
# translated where shown, see webui/params.py).
EXTRA_KEYWORDS = ("_l", "lazy_gettext", "N_")
HERE = Path(__file__).parent
ROOT = HERE.parent.parent


def main() -> int:
    pot = HERE / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F",
                    str(ROOT / "babel.cfg"), *(f"-k{k}" for k in EXTRA_KEYWORDS), "--no-location",
                    "--omit-header", "-o", str(pot), "."], check=True, cwd=ROOT,
                   capture_output=True)
    with pot.open("rb") as handle:
        catalog = read_po(handle, locale="vi")
    missing = []
    for message in catalog:
        if not message.id:
            continue
        translated = VI.get(message.id)
        if translated is None:
            missing.append(message.id)
            continue
        message.string = translated
    po = HERE / "vi" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True, exist_ok=True)
    with po.open("wb") as handle:
        write_po(handle, catalog, omit_header=False, no_location=True)
    with (po.with_suffix(".mo")).open("wb") as handle:
        write_mo(handle, catalog)
    pot.unlink()
    for text in missing:
        print(f"no Vietnamese translation: {text!r}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
