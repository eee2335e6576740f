"""Shared fixtures: paths to the sample archive and the hand-written test files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from indexer import Report, load_report
from indexer.indexing import index_corpus

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def seeds() -> dict[str, Report]:
    """The five sample reports, keyed by their three-digit prefix ("000"…"004")."""
    return {path.name[:3]: load_report(path, CORPUS) for path in sorted(CORPUS.glob("*.txt"))}


@pytest.fixture(scope="session")
def data_report():
    """Load a file of tests/data by name (ids relative to tests/data)."""

    def load(name: str) -> Report:
        return load_report(DATA / name, DATA)

    return load


# Files of tests/data indexed beside the sample archive for the search tests.
INDEXED_DATA = ("cms_page.html", "old_tone_marks.txt", "misleading_chrome.txt",
                "awards_word_orders.txt", "windows1258.txt")
LONG_REPORT = "long_report.txt"


def write_long_report(path: Path) -> None:
    """A report over 40,000 characters whose only "thuỷ điện" and document code are at the end."""
    filler = ("Công đoàn cơ sở tiếp tục chăm lo đời sống đoàn viên, tổ chức các hoạt động văn "
              "hóa, thể thao sôi nổi trong năm học. ")
    text = ("Báo cáo dài của Công đoàn Giáo dục tỉnh Yên Bái\n\n" + filler * 400
            + "\n\nCuối cùng, hội nghị bàn về dự án thuỷ điện và Thông tư 09/2020/TT-BGDĐT.\n")
    path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="session")
def search_corpus(tmp_path_factory) -> Path:
    """The sample archive plus the search test reports, in a folder of their own."""
    corpus = tmp_path_factory.mktemp("corpus")
    for path in CORPUS.glob("*.txt"):
        shutil.copy(path, corpus)
    for name in INDEXED_DATA:
        shutil.copy(DATA / name, corpus)
    for path in (DATA / "search").glob("*.txt"):
        shutil.copy(path, corpus)
    write_long_report(corpus / LONG_REPORT)
    return corpus


@pytest.fixture(scope="session")
def index_dir(search_corpus, tmp_path_factory) -> Path:
    """The one index of the test session, built once from ``search_corpus``."""
    index = tmp_path_factory.mktemp("index")
    summary = index_corpus(search_corpus, index, workers=1)
    assert not summary.failed, summary.failed
    return index


@pytest.fixture(scope="session")
def engine(index_dir):
    from search import Engine

    engine = Engine(index_dir)
    yield engine
    engine.close()


@pytest.fixture(scope="session")
def app(index_dir, search_corpus):
    from webui import create_app

    return create_app({"INDEX_DIR": str(index_dir), "CORPUS_DIR": str(search_corpus),
                       "TESTING": True})


@pytest.fixture
def client(app):
    return app.test_client()
