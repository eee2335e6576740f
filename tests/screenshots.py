"""Take the README's screenshots of the sample archive (not run by the tests).

    .venv/bin/python -m tests.screenshots        # writes docs/*.png
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from indexer.indexing import index_corpus
from tests.browser import browser, live_server
from webui import create_app

ROOT = Path(__file__).resolve().parent.parent
SHOTS = {
    "search.png": ("/?q=cong+doan", 1280, None),
    "search-filtered.png": ("/?q=B%E1%BA%B1ng+khen&school_year=2018-2019&lang=en", 1280, None),
    "report.png": ("/documents/002_cce08653f4e9e0c2.txt?q=L%E1%BA%A1ng+S%C6%A1n#m2", 1280, 1400),
    "phone.png": ("/?q=thi+%C4%91ua", 390, 1200),
    "trend.png": ("/trend?q=thi+%C4%91ua&q=B%E1%BA%B1ng+khen&q=c%C3%B4ng+%C4%91o%C3%A0n", 1280, None),
    "kwic.png": ("/kwic?q=B%E1%BA%B1ng+khen", 1280, None),
    "compare.png": ("/compare?a=000_3fa81f57103253cb.txt&b=003_2eb4f2e2c5295c4e.txt", 1280, 1300),
    "awards.png": ("/awards", 1280, None),
}


def main() -> None:
    with tempfile.TemporaryDirectory() as index:
        index_corpus(ROOT / "corpus", Path(index), workers=1)
        app = create_app({"INDEX_DIR": index, "CORPUS_DIR": str(ROOT / "corpus")})
        with live_server(app) as url, browser() as chromium:
            for name, (path, width, height) in SHOTS.items():
                page = chromium.new_page(viewport={"width": width, "height": height or 900})
                page.goto(url + path)
                page.screenshot(path=str(ROOT / "docs" / name), full_page=height is None)
                page.close()
                print(f"docs/{name}")


if __name__ == "__main__":
    main()
