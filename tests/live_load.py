"""Serving while the archive changes, measured (not run by the test suite).

    .venv/bin/python -m tests.live_load [FILE.jsonl.gz] [--clients 1,8,32] [--reports 200]
        [--seconds 40]

For each client level: a real ``union-search serve`` (watching) over a copy of the sample
archive; that many client threads request a mix of pages and API calls for ``--seconds``;
after a few seconds ``--reports`` new report files (real articles from the JSONL file when
given, else made from the sample reports' words) are copied into the archive, and the
watcher indexes them in the background. Prints per level: answers by status, connection
errors, requests per second and latency (p50/p95/max) while the watcher indexed and while
it did not, and how long until every new report was served.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

from tests.benchmark import records
from tests.browser import free_port
from tests.conftest import CORPUS

ROOT = Path(__file__).resolve().parent.parent
URLS = ["/?q=c%C3%B4ng+%C4%91o%C3%A0n", "/api/search?q=thi+dua", "/awards", "/api/status",
        "/trend?q=thi+%C4%91ua", "/?q=b%C3%A1o+c%C3%A1o&province=L%E1%BA%A1ng+S%C6%A1n"]


def fetch(url: str) -> tuple[int | None, float]:
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    except OSError:
        status = None
    return status, time.perf_counter() - started


def texts(path: Path | None, count: int) -> list[str]:
    if path is not None:
        return [f"{r.get('title') or 'Báo cáo'}\n\n{r['text']}" for r in records([path], count)]
    words = [w for p in CORPUS.glob("*.txt") for w in p.read_text(encoding="utf-8").split()]
    return [f"Báo cáo số {n}\n\n" + " ".join(random.Random(n).choices(words, k=500))
            for n in range(count)]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def one_level(clients: int, new: list[str], seconds: float) -> str:
    work = Path(tempfile.mkdtemp(prefix="union-search-live-"))
    corpus, index = work / "corpus", work / "index"
    shutil.copytree(CORPUS, corpus)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = dict(os.environ, UNION_SEARCH_WATCH_INTERVAL="1")
    with (work / "serve.log").open("w") as log:
        server = subprocess.Popen([sys.executable, "-m", "webui.cli", "serve", "--corpus",
                                   str(corpus), "--index", str(index), "--port", str(port)],
                                  cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        while fetch(base + "/api/search")[0] != 200:
            time.sleep(0.2)
        timings: list[tuple[float, int | None, float, bool]] = []
        stop = threading.Event()
        updating = threading.Event()

        def client(number: int) -> None:
            turn = number
            while not stop.is_set():
                status, took = fetch(base + URLS[turn % len(URLS)])
                timings.append((time.monotonic(), status, took, updating.is_set()))
                turn += 1

        def watch_status() -> None:
            while not stop.is_set():
                try:
                    with urllib.request.urlopen(base + "/api/status", timeout=60) as answer:
                        running = json.loads(answer.read())["updating"]
                except OSError:
                    running = False
                (updating.set if running else updating.clear)()
                time.sleep(0.2)

        threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
        threads.append(threading.Thread(target=watch_status))
        for thread in threads:
            thread.start()
        time.sleep(3)
        copied = time.monotonic()
        for number, text in enumerate(new):
            (corpus / f"new-{number:04}.txt").write_text(text, encoding="utf-8")
        served = None
        while time.monotonic() - copied < seconds:
            status, _ = fetch(base + "/api/search?per_page=1")
            with urllib.request.urlopen(base + "/api/status", timeout=60) as answer:
                reports = json.loads(answer.read())["reports"]
            if served is None and reports >= 5 + len(new):
                served = time.monotonic() - copied
            time.sleep(0.5)
        stop.set()
        for thread in threads:
            thread.join()
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)
    statuses = Counter("error" if s is None else str(s) for _, s, _, _ in timings)
    span = max(t for t, _, _, _ in timings) - min(t for t, _, _, _ in timings)
    during = [took for _, _, took, busy in timings if busy]
    idle = [took for _, _, took, busy in timings if not busy]
    after = f"{served:.1f} s" if served is not None else "not within the run"
    return (f"| {clients} | {len(timings)} | {', '.join(f'{k}: {v}' for k, v in sorted(statuses.items()))} "
            f"| {len(timings) / span:.1f} | {percentile(during, 0.5) * 1000:.0f} / "
            f"{percentile(during, 0.95) * 1000:.0f} / {max(during, default=0) * 1000:.0f} "
            f"| {percentile(idle, 0.5) * 1000:.0f} / {percentile(idle, 0.95) * 1000:.0f} "
            f"| {after} |")


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.live_load",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path)
    parser.add_argument("--clients", default="1,8,32")
    parser.add_argument("--reports", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=40)
    args = parser.parse_args()
    new = texts(args.path, args.reports)
    print(f"{args.reports} new reports copied into a served sample archive, "
          f"{args.seconds:.0f} s per level\n")
    print("| clients | requests | answers | req/s | ms p50 / p95 / max while indexing "
          "| ms p50 / p95 otherwise | all new reports served after |")
    print("|---|---|---|---|---|---|---|")
    for clients in (int(c) for c in args.clients.split(",")):
        print(one_level(clients, new, args.seconds), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
