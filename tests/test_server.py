"""The web server: ``union-search serve`` in several processes (both cores) or in one,
a dying worker replaced, nothing left holding the port, a busy port said plainly."""

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.browser import free_port
from tests.reliability import children
from webui.server import port_problem

ROOT = Path(__file__).resolve().parent.parent


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def _until(check, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            pytest.fail(f"not within {seconds} s")
        time.sleep(0.1)


class Served:
    """A real ``serve`` on loopback, started with ``--no-watch`` on the test index."""

    def __init__(self, index: Path, corpus: Path, processes: int, log: Path) -> None:
        self.processes = processes
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        with log.open("w") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "webui.cli", "serve", "--index", str(index),
                 "--corpus", str(corpus), "--port", str(self.port), "--no-watch",
                 "--processes", str(processes), "--threads", "2"],
                cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
        self.log = log
        _until(lambda: _listening(self.port), 60)
        assert _status(self.base + "/healthz") == 200

    def workers(self) -> list[int]:
        """The processes that answer requests (gunicorn's workers, or serve itself)."""
        servers = children(self.process.pid)
        return [w for s in servers for w in children(s)] or [self.process.pid]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)


@pytest.fixture
def served(index_dir, search_corpus, tmp_path, request):
    """A server of its own, in ``request.param`` processes."""
    server = Served(index_dir, search_corpus, request.param, tmp_path / "serve.log")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def shared(index_dir, search_corpus, tmp_path_factory):
    """A server in two processes that the tests below share (none of them stops it)."""
    server = Served(index_dir, search_corpus, 2, tmp_path_factory.mktemp("serve") / "log")
    yield server
    server.stop()


def test_several_processes_answer_and_a_dead_one_is_replaced(shared):
    served = shared
    workers = served.workers()
    assert len(workers) == 2  # both cores
    answers: list[int] = []

    def client() -> None:
        for _ in range(15):
            try:
                answers.append(_status(served.base + "/?q=cong+doan"))
            except (OSError, http.client.HTTPException):  # the connection the kill cut
                answers.append(0)

    clients = [threading.Thread(target=client) for _ in range(4)]
    for thread in clients:
        thread.start()
    os.kill(workers[0], signal.SIGKILL)  # as the out-of-memory killer would
    for thread in clients:
        thread.join()
    _until(lambda: len(served.workers()) == 2 and workers[0] not in served.workers())
    # A request the killed worker held may fail; the site goes on answering.
    assert answers.count(200) >= len(answers) - 4
    assert _status(served.base + "/api/search?q=thi+dua") == 200


@pytest.mark.parametrize("served", [2, 1], indirect=True)
def test_nothing_is_left_holding_the_port_when_serve_is_killed(served):
    # one process: serve answers itself; more: that many workers under gunicorn
    assert served.workers() == ([served.process.pid] if served.processes == 1
                                else served.workers()[:served.processes])
    assert len(served.workers()) == served.processes
    assert _status(served.base + "/?q=cong+doan") == 200
    everyone = [served.process.pid, *children(served.process.pid), *served.workers()]
    served.process.kill()
    served.process.wait()
    _until(lambda: not _listening(served.port), 30)
    _until(lambda: not any(Path(f"/proc/{pid}").exists() and "zombie" not in
                           Path(f"/proc/{pid}/status").read_text(errors="replace")
                           for pid in everyone), 30)


def test_a_busy_port_is_one_clear_line(shared, index_dir, search_corpus):
    served = shared
    second = subprocess.run(
        [sys.executable, "-m", "webui.cli", "serve", "--index", str(index_dir), "--corpus",
         str(search_corpus), "--port", str(served.port), "--no-watch"],
        cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert second.returncode == 2
    assert second.stderr.strip().splitlines() == [
        f"error: cannot serve at 127.0.0.1:{served.port}: the port is in use (is the site "
        "already running?); choose another with --port or UNION_SEARCH_PORT"]
    assert _status(served.base + "/healthz") == 200  # the first one is untouched


def test_a_free_port_has_no_problem():
    assert port_problem("127.0.0.1", free_port()) is None
    assert "unknown host" in port_problem("no-such-host.invalid", 5000)


def test_every_request_is_logged_once(shared):
    served = shared
    for path in ("/?q=a", "/healthz", "/nope"):
        _status(served.base + path)
    _until(lambda: "GET /nope 404" in served.log.read_text())
    lines = [line for line in served.log.read_text().splitlines() if " GET " in line]
    assert [line.split(" GET ")[1].split()[:2] for line in lines][-3:] == [
        ["/?q=a", "200"], ["/healthz", "200"], ["/nope", "404"]]
    assert json.loads(urllib.request.urlopen(served.base + "/healthz").read())["reports"] > 0
