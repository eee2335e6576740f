"""The served archive stays true while staff change it: a real ``union-search serve``
watching a real folder, files added, changed, renamed and deleted under it, and requests
answered all the while."""

import json
import os
import random
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

import pytest

from indexer.indexing import index_corpus
from tests.browser import free_port
from tests.conftest import CORPUS

ROOT = Path(__file__).resolve().parent.parent
# The promise: a change is served within this many seconds, with no command typed.
WITHIN = 10.0


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def _json(url: str) -> dict:
    status, body = _get(url)
    assert status == 200, (url, status, body[:300])
    return json.loads(body)


class Server:
    def __init__(self, corpus: Path, index: Path, *options: str) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = dict(os.environ, UNION_SEARCH_WATCH_INTERVAL="1", UNION_SEARCH_WORKERS="1")
        # The log (a line per request) goes to a file: a pipe nobody reads fills up and
        # stops the server.
        self.log = index.parent / f"serve-{self.port}.log"
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "webui.cli", "serve", "--corpus", str(corpus),
                 "--index", str(index), "--port", str(self.port), *options],
                cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if _get(self.base + "/api/status")[0] == 200 and self.status()["reports"]:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        pytest.fail("the server did not start and index the archive within 60 s")

    def status(self) -> dict:
        return _json(self.base + "/api/status")

    def search(self, q: str) -> dict:
        return _json(f"{self.base}/api/search?q={urllib.request.quote(q)}&per_page=100")

    def stop(self) -> str:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        return self.log.read_text(encoding="utf-8", errors="replace")


def _until(check, seconds: float = WITHIN):
    """Poll ``check()`` until it returns something true; the time it took, or fail."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if check():
            return time.monotonic() - started
        time.sleep(0.2)
    pytest.fail(f"not served within {seconds} s")


@pytest.fixture
def archive(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    return corpus, tmp_path / "index"


@pytest.fixture
def server(archive):
    running = Server(*archive)
    yield running
    running.stop()


NEW_REPORT = ("Công đoàn trường Tiểu học Hoa Sen tổng kết năm học 2020-2021\n\n"
              "Ngày 20/5/2021, Công đoàn trường Tiểu học Hoa Sen tổ chức hội nghị tổng kết. "
              "Phong trào thi đua dạy tốt được duy trì; quỹ khuyến học xanhlam được trao.\n")


def test_added_changed_renamed_and_deleted_reports_are_served_within_seconds(server, archive):
    corpus, _ = archive
    before = server.status()
    assert before["reports"] == 5 and before["updated"] and before["updating"] is False

    (corpus / "hoa-sen.txt").write_text(NEW_REPORT, encoding="utf-8")
    _until(lambda: server.search("xanhlam")["total"] == 1)
    assert server.search("")["total"] == 6

    (corpus / "hoa-sen.txt").write_text(NEW_REPORT.replace("xanhlam", "doxanh"),
                                        encoding="utf-8")
    _until(lambda: server.search("doxanh")["total"] == 1)
    assert server.search("xanhlam")["total"] == 0  # the old version is gone, not doubled
    assert server.search("")["total"] == 6

    (corpus / "hoa-sen.txt").rename(corpus / "hoa-sen-2021.txt")
    _until(lambda: [h["id"] for h in server.search("doxanh")["hits"]] == ["hoa-sen-2021.txt"])
    assert server.search("")["total"] == 6
    assert _get(server.base + "/documents/hoa-sen.txt")[0] == 410

    (corpus / "hoa-sen-2021.txt").unlink()
    _until(lambda: server.search("doxanh")["total"] == 0)
    status, page = _get(server.base + "/documents/hoa-sen-2021.txt")
    assert status == 410 and "gỡ khỏi kho" in page
    assert _get(server.base + "/api/documents/hoa-sen-2021.txt")[0] == 410
    assert _get(server.base + "/documents/never-was.txt")[0] == 404
    after = server.status()
    assert after["reports"] == 5 and after["index_version"] > before["index_version"]
    assert after["last_run"]["summary"]


def test_an_edited_sidecar_is_served(server, archive):
    corpus, _ = archive
    report = sorted(corpus.glob("*.txt"))[0]
    sidecar = report.with_name(report.name + ".meta.json")
    sidecar.write_text(json.dumps({"province": "Cà Mau"}), encoding="utf-8")
    _until(lambda: server.search("tỉnh:\"Cà Mau\"")["total"] == 1)


def test_the_footer_says_when_the_index_was_updated(server):
    status, page = _get(server.base + "/")
    assert status == 200 and "Chỉ mục cập nhật lúc" in page


def test_every_answer_during_changes_counts_each_report_once(server, archive):
    corpus, _ = archive
    answers: list[tuple[int, int, list[str]]] = []
    errors: list[str] = []
    stop = threading.Event()

    def client() -> None:
        while not stop.is_set():
            try:
                status, body = _get(server.base + "/api/search?q=&per_page=100")
                data = json.loads(body)
                answers.append((status, data["total"], [h["id"] for h in data["hits"]]))
            except Exception as exc:  # noqa: BLE001 - every failure is what the test counts
                errors.append(repr(exc))

    clients = [threading.Thread(target=client) for _ in range(8)]
    for thread in clients:
        thread.start()
    try:
        words = NEW_REPORT.split()
        for number in range(3):  # three different reports (not reposted copies)
            rng = random.Random(number)
            (corpus / f"burst-{number}.txt").write_text(
                f"Báo cáo burst{number}\n\n" + " ".join(rng.choices(words, k=300)),
                encoding="utf-8")
            time.sleep(0.5)
        _until(lambda: server.search("")["total"] == 8)
        for number in range(3):
            (corpus / f"burst-{number}.txt").unlink()
        _until(lambda: server.search("")["total"] == 5)
    finally:
        stop.set()
        for thread in clients:
            thread.join()
    assert not errors and answers
    assert {status for status, _, _ in answers} == {200}
    for _, total, ids in answers:
        assert 5 <= total <= 8 and total == len(ids) == len(set(ids))


def test_a_server_without_watching_sees_another_process_index(archive):
    corpus, index = archive
    index_corpus(corpus, index, workers=1)
    server = Server(corpus, index, "--no-watch")
    try:
        (corpus / "hoa-sen.txt").write_text(NEW_REPORT, encoding="utf-8")
        time.sleep(3)
        assert server.search("xanhlam")["total"] == 0  # nobody indexed it
        subprocess.run([sys.executable, "-m", "webui.cli", "index", "--corpus", str(corpus),
                        "--index", str(index)], cwd=ROOT, check=True, capture_output=True)
        assert server.search("xanhlam")["total"] == 1  # at its next request
        assert server.status()["watching"] is None
    finally:
        server.stop()


def test_thirty_two_clients_during_a_reindex_get_only_answers(server, archive):
    corpus, _ = archive
    urls = ["/?q=c%C3%B4ng+%C4%91o%C3%A0n", "/api/search?q=thi+dua", "/awards",
            "/api/status", "/trend?q=thi+%C4%91ua", "/duplicates"]
    statuses: Counter = Counter()
    errors: list[str] = []
    stop = threading.Event()

    def client(number: int) -> None:
        turn = number
        while not stop.is_set():
            try:
                statuses[_get(server.base + urls[turn % len(urls)])[0]] += 1
            except Exception as exc:  # noqa: BLE001 - every failure is what the test counts
                errors.append(repr(exc))
            turn += 1

    clients = [threading.Thread(target=client, args=(n,)) for n in range(32)]
    for thread in clients:
        thread.start()
    try:
        words = NEW_REPORT.split()
        for number in range(10):
            rng = random.Random(100 + number)
            (corpus / f"load-{number}.txt").write_text(
                f"Báo cáo tải {number}\n\n" + " ".join(rng.choices(words, k=300)),
                encoding="utf-8")
        _until(lambda: server.search("")["total"] == 15, seconds=60)
    finally:
        stop.set()
        for thread in clients:
            thread.join()
    assert not errors
    assert set(statuses) == {200} and sum(statuses.values()) > 32


def test_a_repost_added_under_a_running_server_is_counted_once(server, archive):
    corpus, _ = archive
    original = (corpus / "002_cce08653f4e9e0c2.txt").read_text(encoding="utf-8")
    (corpus / "repost.txt").write_text("Đăng lại: " + original + "\n\nNguồn: trang của Công "
                                       "đoàn Giáo dục Lạng Sơn.", encoding="utf-8")
    _until(lambda: any(h["duplicates"] for h in server.search("Lạng Sơn")["hits"]))
    assert server.search("")["total"] == 5
    groups = _json(server.base + "/api/duplicates")
    assert groups["total"] == 1 and groups["copies"] == 1
