"""Reliability benchmark: a hostile archive, killed indexers and a loaded server (not run by
the test suite).

    .venv/bin/python -m tests.reliability [--reports 2000] [--kills 10] [--clients 1,8,32,64]
        [--requests 20000] [--workdir /tmp/reliability] [--seed 1]

What it measures, in four phases, then prints as Markdown tables:

1. **Archive.** ``--reports`` files made from the five sample reports (each ends with its own
   "Báo cáo số N"; names with Vietnamese letters, decomposed Unicode, brackets, ``..``,
   spaces, ``#``/``%``/``&`` and sub-folders; good ones as UTF-8, UTF-8 with BOM and CRLF,
   Windows-1258, HTML and Markdown). About 5 % of them are broken in each of ten ways: an
   empty file, binary garbage, UTF-8 cut inside a character, Windows-1258 bytes that are
   not Vietnamese, an HTML page without article text, an HTML page nested 20,000 deep, a
   sidecar with the date "2017-W10-4", a sidecar award with ``"collectives": "hai"``, a
   sidecar that is not JSON, and a ~1.5 MB text over the 1 MB limit
   (``UNION_SEARCH_MAX_FILE_MB=1``). A few FIFOs and symbolic links (broken, a loop, to a
   folder, to a file inside and outside the archive) are added. ``manifest.json`` in the
   work folder says what each file is and what should happen to it.
2. **Indexing.** One :func:`indexer.indexing.index_corpus` run with two workers, timed, checked
   against the manifest: every good file indexed exactly once, every broken one in
   ``failed`` or ``warnings`` with the expected reason, nothing unexpected.
3. **Kills.** ``--kills`` times: ``union-search index --rebuild`` (even runs) or a plain
   ``index`` into a deleted index folder (odd runs) is started with
   ``UNION_SEARCH_COMMIT_EVERY=50`` and two workers, and after a random 0.5–8 s
   (``random.Random(--seed)``; the kill then waits for the worker pool to exist) either the
   index process or one of its worker processes gets SIGKILL (alternately, in pairs: index,
   index, worker, worker…). Checked against what the undisturbed run of phase 2 did (its own
   differences from the manifest are counted once, there): the index must open and be whole
   (a killed rebuild: the previous full index; a killed first build: only whole reports,
   each once, and the next run adds exactly the rest; a killed worker: the run itself
   finishes, with the full count and the same exit status and failures as the undisturbed
   run; a run whose processes use no CPU for 30 s is hung, and stopped), no process may be
   left behind holding the writer lock, and a plain ``index`` run to completion must give
   the full count again. The exit status of an undisturbed run is 1, not 0: ``index`` says
   so when files failed, and this archive has broken files on purpose.
4. **Load.** ``union-search serve`` over that index; for each ``--clients`` level,
   ``--requests / levels`` GET requests from that many threads (urllib, a new connection per
   request) over a fixed mix of pages, API calls and odd URLs, after one unmeasured warm-up
   request per URL. Counted: responses by status class, responses of another class than the
   URL's expected one, connection errors and timeouts (errors and 5xx must be 0), requests
   per second, p50/p95/max latency (per level and per URL), and the server's resident
   memory (VmRSS) before and after each level. The page of a report truncated at 1 MB is
   timed alone, outside the mix: it costs seconds of CPU per view and would dominate it.

The exit status is 0 when every check passed, 1 otherwise.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import unicodedata
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from indexer.indexing import IndexBusy, IndexSummary, index_corpus
from indexer.report import report_id
from indexer.settings import setting
from indexer.store import index_lock, open_view
from indexer.store.view import VERSION_FILE
from indexer.store.writer import LOCK_FILE

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
MARKER = ".reliability-workdir"  # a work folder holding this may be emptied
SHARE = 0.05  # of --reports, for each kind of broken file
MAX_FILE_MB = 1
ENV = {"UNION_SEARCH_MAX_FILE_MB": str(MAX_FILE_MB)}
KILL_ENV = {"UNION_SEARCH_COMMIT_EVERY": "50", "UNION_SEARCH_WORKERS": "2"}
STALL = 30.0  # seconds without CPU use after which a run whose worker was killed is hung


# -- the archive ----------------------------------------------------------------------------

@dataclass
class Entry:
    """One file of the archive and what indexing should do with it: ``indexed``, ``warning``
    (indexed, with a warning containing ``reason``), ``failed`` (reported with a reason
    containing ``reason``) or ``ignored`` (neither indexed under its name nor reported)."""

    source: str
    kind: str
    expect: str
    reason: str = ""


# kind -> (what should happen, part of the reason, file suffix)
BROKEN: dict[str, tuple[str, str, str]] = {
    "empty": ("failed", "empty file", ".txt"),
    "binary garbage": ("failed", "binary file", ".txt"),
    "truncated UTF-8": ("failed", "truncated file", ".txt"),
    "Windows-1258, not Vietnamese": ("failed", "not Vietnamese in Windows-1258", ".txt"),
    "HTML without article": ("failed", "no article text", ".html"),
    "HTML nested 20,000 deep": ("failed", "nested deeper than", ".htm"),
    "sidecar date 2017-W10-4": ("warning", "expected a calendar date", ".txt"),
    'sidecar collectives "hai"': ("warning", "collectives must be a whole number", ".txt"),
    "sidecar not JSON": ("warning", ".meta.json: not read", ".txt"),
    "over the size limit": ("warning", f"truncated at {MAX_FILE_MB} MB", ".txt"),
}
GOOD = ("good UTF-8", "good UTF-8 BOM+CRLF", "good Windows-1258", "good HTML", "good Markdown")
GOOD_SUFFIX = {"good HTML": ".html", "good Markdown": ".md"}
NAME_STYLES: tuple[Callable[[int, str], str], ...] = (
    lambda n, s: f"{n:05}_{n * 2654435761 % 16**12:012x}{s}",
    lambda n, s: f"Báo cáo tổng kết công đoàn số {n}{s}",
    lambda n, s: f"[{2015 + n % 8}] (Đại hội) Báo cáo {n}{s}",
    lambda n, s: f"Báo cáo.. sơ kết {n}..{s}",
    lambda n, s: f"Quận {n % 7}/Trường số {n}{s}",
    lambda n, s: f"{2015 + n % 8}-{2016 + n % 8}/Học kỳ {'I' * (1 + n % 2)}/báo cáo {n}{s}",
    lambda n, s: f"a--b  hai dấu cách {n} {s}",
    lambda n, s: unicodedata.normalize("NFD", f"Hội nghị cán bộ viên chức {n}{s}"),
    lambda n, s: f"Báo cáo #{n} & 50% (bản sao){s.upper()}",
    lambda n, s: f"Lưu trữ..cũ/[{2015 + n % 8}] {n}{s}",
)
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
FOREIGN = ("Jahresbericht über die Größe der Straßen: Ärger, Öl, süße Äpfel, Übermaß. "
           "Prix réglé à Noël, façade, «naïve» cœur, œuvre ± 3 ™ ‡.\n")
NO_ARTICLE = ('<!doctype html><html><head><meta charset="utf-8"><title>Trang chủ công đoàn'
              '</title><script>var x = 1;</script></head><body><nav><a href="/">Trang chủ</a>'
              ' | <a href="/tin">Tin tức</a></nav><header class="banner">Công đoàn</header>'
              '<footer>© 2020 Công đoàn ngành giáo dục</footer></body></html>')


def samples() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]


def report_text(texts: list[str], n: int) -> str:
    return texts[n % len(texts)].rstrip("\n") + f"\n\nBáo cáo số {n}.\n"


def cp1258(text: str) -> bytes:
    """Vietnamese in Windows-1258: base letters precomposed, tone marks combining."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", char)
        tone = "".join(m for m in parts[1:] if m in _TONES)
        rest = "".join(m for m in parts[1:] if m not in _TONES)
        out += (unicodedata.normalize("NFC", parts[0] + rest) + tone).encode("cp1258")
    return bytes(out)


def html_page(text: str) -> str:
    title, _, body = text.partition("\n")
    paragraphs = "".join(f"<p>{line}</p>\n" for line in body.split("\n") if line.strip())
    return (f'<!doctype html><html><head><meta charset="utf-8"><title>{title}</title></head>'
            f'<body><nav class="menu"><a href="/">Trang chủ</a></nav><article><h1>{title}</h1>'
            f'{paragraphs}</article><footer>© Công đoàn</footer></body></html>')


def oversize(texts: list[str], n: int) -> str:
    """About 1.5 MB of report lines, each numbered (identical lines would be dropped)."""
    lines = [line for line in report_text(texts, n).split("\n") if line.strip()]
    out, size, number = [lines[0], ""], 0, 0
    while size < 1_500_000:
        line = f"{lines[1 + number % (len(lines) - 1)]} (đoạn {number})"
        out.append(line)
        size += len(line.encode("utf-8")) + 1
        number += 1
    return "\n".join(out) + "\n"


def content(kind: str, n: int, texts: list[str], rng: random.Random) -> tuple[bytes, str]:
    """The bytes of file ``n`` of ``kind``, and its sidecar's text ("" for none)."""
    text = report_text(texts, n)
    sidecar = {"sidecar date 2017-W10-4": '{"date": "2017-W10-4"}',
               'sidecar collectives "hai"': '{"awards": [{"award": "Bằng khen", '
                                            '"collectives": "hai"}], "province": "Lạng Sơn"}',
               "sidecar not JSON": "{date: 2017-03-02,, 'awards': ["}.get(kind, "")
    if kind == "empty":
        return b"", ""
    if kind == "binary garbage":
        return b"\x89PNG\r\n\x1a\n\x00\x00" + rng.randbytes(4096), ""
    if kind == "truncated UTF-8":
        data = text.encode("utf-8")
        lead = max(i for i in range(len(data) // 2) if data[i] >= 0xC2)
        return data[:lead + 1], ""
    if kind == "Windows-1258, not Vietnamese":
        return (FOREIGN * 30).encode("cp1258"), ""
    if kind == "HTML without article":
        return NO_ARTICLE.encode("utf-8"), ""
    if kind == "HTML nested 20,000 deep":
        page = ("<html><body>" + "<div>" * 20_000 + "Công đoàn" + "</div>" * 20_000
                + "</body></html>")
        return page.encode("utf-8"), ""
    if kind == "over the size limit":
        return oversize(texts, n).encode("utf-8"), ""
    if kind == "good UTF-8 BOM+CRLF":
        return b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"), ""
    if kind == "good Windows-1258":
        return cp1258(text), ""
    if kind == "good HTML":
        return html_page(text).encode("utf-8"), ""
    if kind == "good Markdown":
        title, _, body = text.partition("\n")
        return f"# {title}\n{body}".encode(), ""
    return text.encode("utf-8"), sidecar


def build_archive(corpus: Path, outside: Path, reports: int,
                  rng: random.Random) -> list[Entry]:
    """Write the archive and return its manifest."""
    texts = samples()
    per_kind = max(1, round(reports * SHARE))
    kinds = [kind for kind in BROKEN for _ in range(per_kind)]
    kinds += [GOOD[n % len(GOOD)] for n in range(max(0, reports - len(kinds)))]
    rng.shuffle(kinds)
    entries = []
    for n, kind in enumerate(kinds):
        suffix = BROKEN[kind][2] if kind in BROKEN else GOOD_SUFFIX.get(kind, ".txt")
        source = NAME_STYLES[n % len(NAME_STYLES)](n, suffix)
        path = corpus / source
        path.parent.mkdir(parents=True, exist_ok=True)
        data, sidecar = content(kind, n, texts, rng)
        path.write_bytes(data)
        if sidecar:
            path.with_name(path.name + ".meta.json").write_text(sidecar, encoding="utf-8")
        expect, reason, _ = BROKEN.get(kind, ("indexed", "", ""))
        entries.append(Entry(source, kind, expect, reason))
    good = next(e for e in entries if e.kind == "good UTF-8")
    outside.mkdir(parents=True, exist_ok=True)
    (outside / "báo cáo ngoài kho.txt").write_text(report_text(texts, reports + 1),
                                                   encoding="utf-8")
    specials = [
        ("FIFO", "ống dẫn 1.txt", "failed", "not a regular file"),
        ("FIFO", "Quận 1/pipe.html", "failed", "not a regular file"),
        ("FIFO", "[fifo] ...txt", "failed", "not a regular file"),
        ("broken symlink", "liên kết hỏng.txt", "failed", "a broken symbolic link"),
        ("symlink loop", "vòng lặp.txt", "failed", "a loop of links"),
        ("symlink to a folder", "Quận 1/lên trên", "failed", "a link to a folder"),
        ("symlink to a file inside", "bản sao (liên kết).txt", "ignored", ""),
        ("symlink to a file outside", "từ ngoài kho.txt", "indexed", ""),
    ]
    for kind, source, expect, reason in specials:
        path = corpus / source
        path.parent.mkdir(parents=True, exist_ok=True)
        if kind == "FIFO":
            os.mkfifo(path)
        elif kind == "broken symlink":
            path.symlink_to(corpus / "không có.txt")
        elif kind == "symlink loop":
            path.symlink_to(path)
        elif kind == "symlink to a folder":
            path.symlink_to(corpus, target_is_directory=True)
        elif kind == "symlink to a file inside":
            path.symlink_to(corpus / good.source)
        else:
            path.symlink_to(outside / "báo cáo ngoài kho.txt")
        entries.append(Entry(source, kind, expect, reason))
    return entries


# -- checking an index against the manifest -------------------------------------------------

@dataclass
class Expected:
    """The sources that should be indexed and those that should fail: from the manifest, or
    (for the kills) what an undisturbed run did."""

    entries: list[Entry]
    indexed: set[str]
    failed: set[str]

    @classmethod
    def from_manifest(cls, entries: list[Entry]) -> Expected:
        return cls(entries, {e.source for e in entries if e.expect in ("indexed", "warning")},
                   {e.source for e in entries if e.expect == "failed"})


def index_contents(index: Path) -> tuple[int, Counter[str]]:
    """Live documents of the index served, and the live documents of each source."""
    view = open_view(index)
    try:
        sources: Counter[str] = Counter()
        for term, docs in view.term_postings("source"):
            if len(docs):
                sources[term] += len(docs)
        return view.doc_count, sources
    finally:
        view.close()


def whole(count: int, sources: Counter[str], expected: Expected) -> list[str]:
    """What is wrong with an index's contents, beyond its size (empty: nothing)."""
    problems = []
    if count != sum(sources.values()):
        problems.append(f"{count} documents but {sum(sources.values())} by source")
    twice = [s for s, n in sources.items() if n > 1]
    if twice:
        problems.append(f"{len(twice)} source(s) indexed more than once, e.g. {twice[0]!r}")
    stray = sorted(set(sources) - expected.indexed)
    if stray:
        problems.append(f"{len(stray)} source(s) indexed that should not be, e.g. {stray[0]!r}")
    return problems


def check_summary(summary: IndexSummary, expected: Expected) -> list[str]:
    """What differs from the manifest in a run's failures and warnings."""
    problems = []
    for entry in expected.entries:
        failed = summary.failed.get(entry.source)
        warnings = summary.warnings.get(entry.source, [])
        if entry.expect == "failed":
            if not failed or entry.reason not in failed:
                problems.append(f"{entry.kind}: {entry.source!r}: expected failed "
                                f"({entry.reason!r}), got {failed!r}")
        elif failed:
            problems.append(f"{entry.kind}: {entry.source!r}: failed: {failed}")
        if entry.expect == "warning":
            if not any(entry.reason in w for w in warnings):
                problems.append(f"{entry.kind}: {entry.source!r}: expected a warning "
                                f"({entry.reason!r}), got {warnings!r}")
        elif warnings:
            problems.append(f"{entry.kind}: {entry.source!r}: warning: {warnings}")
    known = {e.source for e in expected.entries}
    for source in sorted((set(summary.failed) | set(summary.warnings)) - known):
        problems.append(f"not in the manifest: {source!r}: "
                        f"{summary.failed.get(source) or summary.warnings.get(source)}")
    return problems


def folder_figures(index: Path) -> tuple[int, float]:
    """Files in the index folder and their size in MB."""
    files = [p for p in index.rglob("*") if p.is_file()] if index.exists() else []
    return len(files), sum(p.stat().st_size for p in files) / 1e6


# -- processes ------------------------------------------------------------------------------

def _stat(pid: int) -> list[str] | None:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None


def children(pid: int) -> list[int]:
    """The process ids whose parent is ``pid`` (from /proc), as tests/test_indexing.py."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(
            errors="replace")
    except OSError:
        return ""


def workers_of(pid: int) -> list[int]:
    """The worker processes of an index process (not multiprocessing's helpers)."""
    return [child for child in children(pid)
            if "python" in cmdline(child) and "resource_tracker" not in cmdline(child)]


def alive(pid: int) -> bool:
    stat = _stat(pid)
    return stat is not None and stat[0] != "Z"


def wait_gone(pids: Iterable[int], seconds: float) -> list[int]:
    """The processes still alive after ``seconds``."""
    deadline = time.monotonic() + seconds
    left = [p for p in pids if alive(p)]
    while left and time.monotonic() < deadline:
        time.sleep(0.1)
        left = [p for p in left if alive(p)]
    return left


def lock_free(index: Path) -> bool:
    lock = index_lock(index)
    if index.exists() and lock.acquire(blocking=False):
        lock.release()
        return True
    return not index.exists()


def lock_holders(index: Path) -> list[int]:
    """The processes (other than this one) that have the index's writer lock file open."""
    target = str((index / LOCK_FILE).resolve())
    holders = set()
    for fd in Path("/proc").glob("[0-9]*/fd/*"):
        try:
            if os.readlink(fd) == target:
                holders.add(int(fd.parent.parent.name))
        except OSError:
            continue
    holders.discard(os.getpid())
    return sorted(holders)


def release_lock(index: Path, when: str) -> list[str]:
    """If processes still hold the writer lock, say which and SIGKILL those of this index
    (what an operator would have to do); the failures to report."""
    holders = [pid for pid in lock_holders(index) if alive(pid)]
    if not holders or lock_free(index):
        return []
    shown = "; ".join(f"pid {pid} (parent {(_stat(pid) or ['', '?'])[1]}): {cmdline(pid)[:90]}"
                      for pid in holders[:3])
    for pid in holders:
        if str(index) in cmdline(pid):  # ours, not a reused id
            os.kill(pid, signal.SIGKILL)
    wait_gone(holders, 10)
    return [f"{len(holders)} process(es) still holding the writer lock {when}: {shown}"]


def env_for(extra: dict[str, str]) -> dict[str, str]:
    return dict(os.environ, **ENV, **extra)


# -- phase 2: one indexing run ----------------------------------------------------------------

@dataclass
class IndexingResult:
    seconds: float
    summary: IndexSummary
    count: int
    sources: set[str]
    problems: list[str]


def run_indexing(corpus: Path, index: Path, expected: Expected) -> IndexingResult:
    started = time.perf_counter()
    summary = index_corpus(corpus, index, workers=2)
    seconds = time.perf_counter() - started
    count, sources = index_contents(index)
    problems = check_summary(summary, expected) + whole(count, sources, expected)
    missing = sorted(expected.indexed - set(sources))
    if missing:
        problems.append(f"{len(missing)} good file(s) not indexed, e.g. {missing[0]!r}")
    if count != len(expected.indexed):
        problems.append(f"{count} documents, expected {len(expected.indexed)}")
    return IndexingResult(seconds, summary, count, set(sources), problems)


# -- phase 3: kills -------------------------------------------------------------------------

@dataclass
class Kill:
    number: int
    run: str  # "index --rebuild" or "index (new folder)"
    target: str  # "index process" or "worker process"
    delay: float
    killed: bool = False
    after_kill: int | None = None  # documents in the index right after the kill
    run_seconds: float = 0.0
    completion_seconds: float = 0.0
    files: int = 0
    megabytes: float = 0.0
    failures: list[str] = field(default_factory=list)


def start_index(corpus: Path, index: Path, rebuild: bool, log: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "webui.cli", "index", "--corpus", str(corpus), "--index",
               str(index), "--json"] + (["--rebuild"] if rebuild else [])
    with open(log.with_suffix(".out"), "wb") as out, open(log.with_suffix(".err"), "wb") as err:
        return subprocess.Popen(command, cwd=ROOT, env=env_for(KILL_ENV), stdout=out,
                                stderr=err)


def cpu_ticks(pids: Iterable[int]) -> int:
    """CPU time used so far (user + system, in clock ticks) by these processes."""
    total = 0
    for pid in pids:
        stat = _stat(pid)
        if stat is not None:
            total += int(stat[11]) + int(stat[12])
    return total


def wait_or_hang(process: subprocess.Popen, stall: float, limit: float) -> str:
    """Wait for ``process``: "finished", "hung" (it and its children used no CPU for
    ``stall`` s: a deadlock) or "too slow" (still running after ``limit`` s)."""
    started = last_change = time.monotonic()
    ticks = -1
    while process.poll() is None:
        now = time.monotonic()
        current = cpu_ticks([process.pid, *children(process.pid)])
        if current != ticks:
            ticks, last_change = current, now
        elif now - last_change > stall:
            return "hung"
        if now - started > limit:
            return "too slow"
        time.sleep(0.5)
    return "finished"


def stop(process: subprocess.Popen, index: Path) -> None:
    """SIGKILL a run we started and every worker it left."""
    left = children(process.pid)
    if process.poll() is None:
        os.kill(process.pid, signal.SIGKILL)
    process.wait()
    for pid in left:
        if alive(pid) and str(index) in cmdline(pid):  # ours, not a reused id
            os.kill(pid, signal.SIGKILL)
    wait_gone(left, 10)


def one_kill(number: int, delay: float, corpus: Path, index: Path, logs: Path,
             expected: Expected, stall: float) -> Kill:
    """One kill, its checks and the completing run; ``expected``: what an undisturbed run
    indexed and reported as failed."""
    rebuild = number % 2 == 0
    kill = Kill(number, "index --rebuild" if rebuild else "index (new folder)",
                "index process" if number // 2 % 2 == 0 else "worker process", delay)
    if not rebuild:
        shutil.rmtree(index, ignore_errors=True)
    log = logs / f"kill-{number}"
    started = time.monotonic()
    process = start_index(corpus, index, rebuild, log)
    while time.monotonic() - started < delay and process.poll() is None:
        time.sleep(0.05)
    victims: list[int] = []
    while (kill.target == "worker process" and process.poll() is None and not victims
           and time.monotonic() - started < 300):
        victims = workers_of(process.pid)  # the pool starts once the archive is scanned
        if not victims:
            time.sleep(0.05)
    committed = 0
    if process.poll() is not None:
        code = process.returncode
        kill.failures.append(f"the run ended before the kill (status {code}"
                             + (", a signal from outside this benchmark)" if code < 0 else ")")
                             + ("; it had no worker process (fewer than 64 files to read?)"
                                if kill.target == "worker process" and not victims else ""))
        kill.failures += release_lock(index, "after that")
        try:
            committed = index_contents(index)[0]
        except FileNotFoundError:
            committed = 0
    elif kill.target == "index process":
        kill.killed = True
        victims = workers_of(process.pid)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        kill.run_seconds = time.monotonic() - started
        left = wait_gone(victims, 10)
        if left:
            kill.failures.append(f"{len(left)} orphaned worker process(es) still running 10 s "
                                 "after the index process was killed")
        kill.failures += release_lock(index, "10 s after the index process was killed")
        committed = after_index_kill(kill, index, rebuild, expected)
    else:
        kill.killed = True
        committed = after_worker_kill(kill, process, victims, index, log, rebuild, expected,
                                      stall, started)
    if not lock_free(index):
        kill.failures.append("the writer lock is still held")
    complete(kill, corpus, index, 0 if rebuild else len(expected.indexed) - committed,
             expected)
    return kill


def after_index_kill(kill: Kill, index: Path, rebuild: bool, expected: Expected) -> int:
    """Check the index a killed run left; return how many documents it committed."""
    full = len(expected.indexed)
    try:
        committed, sources = index_contents(index)
    except FileNotFoundError as exc:
        if rebuild or (index / VERSION_FILE).exists():
            kill.failures.append(f"the index does not open after the kill: {exc}")
        return 0
    kill.after_kill = committed
    kill.failures += whole(committed, sources, expected)
    if rebuild and committed != full:
        kill.failures.append(f"killed rebuild: {committed} documents, not {full}")
    if committed > full:
        kill.failures.append(f"{committed} documents, more than {full}")
    return committed


def after_worker_kill(kill: Kill, process: subprocess.Popen, victims: list[int], index: Path,
                      log: Path, rebuild: bool, expected: Expected, stall: float,
                      started: float) -> int:
    """Kill a worker, follow the run to its end (or its hang) and check it; return how many
    documents the index holds after it."""
    full = len(expected.indexed)
    os.kill(victims[0], signal.SIGKILL)
    outcome = wait_or_hang(process, stall, limit=1800)
    kill.run_seconds = time.monotonic() - started
    if outcome != "finished":
        how = "waiting, no CPU used" if outcome == "hung" else "still running"
        kill.failures.append(f"the run {outcome} ({how} {stall:.0f} s) after its worker was "
                             "killed; stopped")
        stop(process, index)
    else:
        out = log.with_suffix(".out").read_text(errors="replace").strip()
        err = log.with_suffix(".err").read_text(errors="replace")
        status = 1 if expected.failed else 0
        if process.returncode != status:
            kill.failures.append(f"exit status {process.returncode}, not {status} as an "
                                 f"undisturbed run: {err.strip()[-300:]!r}")
        if "Traceback" in err:
            kill.failures.append("a traceback on stderr")
        try:
            result = json.loads(out.splitlines()[-1])
        except (ValueError, IndexError):
            kill.failures.append(f"no JSON summary on stdout: {out[-200:]!r}")
        else:
            if result["added"] != full:
                kill.failures.append(f"the run added {result['added']}, not {full}")
            if set(result["failed"]) != expected.failed:
                extra = sorted(set(result["failed"]) ^ expected.failed)
                kill.failures.append("failures differ from an undisturbed run's: "
                                     f"{[(s, result['failed'].get(s)) for s in extra[:3]]}")
        if wait_gone(victims, 10):
            kill.failures.append("worker process(es) left running after the run")
    kill.failures += release_lock(index, "after the run")
    try:
        count, sources = index_contents(index)
    except FileNotFoundError as exc:
        if outcome == "finished" or rebuild or (index / VERSION_FILE).exists():
            kill.failures.append(f"the index does not open after the run: {exc}")
        return 0
    kill.after_kill = count
    kill.failures += whole(count, sources, expected)
    if count != full and (outcome == "finished" or rebuild):
        kill.failures.append(f"{count} documents after the run, not {full}")
    return count


def complete(kill: Kill, corpus: Path, index: Path, should_add: int,
             expected: Expected) -> None:
    """A plain ``index`` run to completion after a kill: the full count again, adding only
    what the killed run did not commit."""
    full = len(expected.indexed)
    began = time.perf_counter()
    try:
        summary = index_corpus(corpus, index, workers=2)
    except IndexBusy as exc:
        kill.failures.append(f"the completing run was refused: {exc}")
        return
    kill.completion_seconds = time.perf_counter() - began
    count, sources = index_contents(index)
    kill.failures += whole(count, sources, expected)
    if count != full:
        kill.failures.append(f"{count} documents after the completing run, not {full}")
    if summary.added != should_add:
        kill.failures.append(f"the completing run added {summary.added}, not {should_add}")
    if set(summary.failed) != expected.failed:
        kill.failures.append("the completing run's failures differ from an undisturbed run's")
    kill.files, kill.megabytes = folder_figures(index)


# -- phase 4: load --------------------------------------------------------------------------

# path -> the status class it should answer with
URLS: list[tuple[str, str]] = [
    ("/", "2xx"),
    ("/?q=c%C3%B4ng+%C4%91o%C3%A0n", "2xx"),
    ("/api/search?q=thi+dua", "2xx"),
    ("/awards", "2xx"),
    ("/kwic?q=B%E1%BA%B1ng+khen", "2xx"),
    ("/trend?q=thi+%C4%91ua", "2xx"),
    ("/healthz", "2xx"),
    ("/?page=abc", "4xx"),
    ("/documents/nope", "4xx"),
    ("/api/search?q=%22((((+-", "2xx"),
    ("/?per_page=100000", "4xx"),
    ("/?q=%C4%91%E1%BA%A1i+h%E1%BB%99i&sort=newest&page=2", "2xx"),
]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None  # a 3xx is counted, not followed


@dataclass
class Hit:
    url: int
    status: int | None
    error: str
    seconds: float


@dataclass
class Level:
    clients: int
    requests: int
    seconds: float
    by_class: Counter[str]
    unexpected: int
    errors: Counter[str]
    p50: float
    p95: float
    slowest: float
    rss_before: float
    rss_after: float


def fetch(opener: urllib.request.OpenerDirector, url: str) -> tuple[int | None, str]:
    try:
        with opener.open(url, timeout=120) as response:
            response.read()
            return response.status, ""
    except urllib.error.HTTPError as exc:
        exc.read()
        exc.close()
        return exc.code, ""
    except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
        reason = getattr(exc, "reason", exc)
        return None, f"{type(exc).__name__}: {reason}"


def hammer(base: str, urls: list[tuple[str, str]], total: int,
           clients: int) -> tuple[list[Hit], float]:
    """``total`` requests over ``urls`` in turn from ``clients`` threads."""
    hits: list[Hit] = []
    lock = threading.Lock()
    counter = iter(range(total))

    def client() -> None:
        opener = urllib.request.build_opener(_NoRedirect())
        while True:
            with lock:
                number = next(counter, None)
            if number is None:
                return
            which = number % len(urls)
            began = time.perf_counter()
            status, error = fetch(opener, base + urls[which][0])
            hit = Hit(which, status, error, time.perf_counter() - began)
            with lock:
                hits.append(hit)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return hits, time.perf_counter() - started


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def server_rss_mb(pid: int) -> float:
    """The memory of ``serve`` and its web server processes (gunicorn's master and workers,
    not the watcher's indexing runs), added up."""
    tree = [pid]
    for parent in (pid, *children(pid)):
        tree += [child for child in children(parent) if "webui.server" in cmdline(child)]
    return sum(rss_mb(member) for member in dict.fromkeys(tree))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] if ordered else 0.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class LoadResult:
    levels: list[Level]
    urls: list[tuple[str, str]]
    per_url: dict[int, Counter[str]]
    per_url_seconds: dict[int, list[float]]
    start_seconds: float
    big_page: list[float]  # seconds of each view of an over-size report's page
    failures: list[str]
    tracebacks: int


def doc_url(entries: list[Entry], kind: str, indexed: set[str], api: bool = False) -> str:
    """The page (or API record) of the first indexed report of ``kind``, preferring a slugged
    id (a name with Vietnamese letters, spaces or brackets)."""
    sources = [e.source for e in entries if e.kind == kind and e.source in indexed]
    ids = sorted((report_id(s) for s in sources), key=lambda i: "--" not in i)
    if not ids:
        return ""
    return f"{'/api' if api else ''}/documents/{urllib.parse.quote(ids[0])}"


def run_load(corpus: Path, index: Path, logs: Path, clients: list[int], requests: int,
             entries: list[Entry], indexed: set[str]) -> LoadResult:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "webui.cli", "serve", "--index", str(index), "--corpus",
               str(corpus), "--port", str(port)]
    out_log, err_log = logs / "serve.out", logs / "serve.err"
    with open(out_log, "wb") as out, open(err_log, "wb") as err:
        server = subprocess.Popen(command, cwd=ROOT, env=env_for({}), stdout=out, stderr=err)
    failures: list[str] = []
    levels: list[Level] = []
    per_url: dict[int, Counter[str]] = {}
    per_url_seconds: dict[int, list[float]] = {}
    urls = list(URLS) + [(url, "2xx") for url in (
        doc_url(entries, "good UTF-8", indexed), doc_url(entries, "good HTML", indexed, True),
        doc_url(entries, 'sidecar collectives "hai"', indexed)) if url]
    big = doc_url(entries, "over the size limit", indexed)
    big_page: list[float] = []
    started = time.perf_counter()
    start_seconds = 0.0
    try:
        opener = urllib.request.build_opener(_NoRedirect())
        while fetch(opener, base + "/healthz")[0] != 200:
            if server.poll() is not None or time.perf_counter() - started > 600:
                raise RuntimeError(f"the server did not start: "
                                   f"{err_log.read_text(errors='replace')[-500:]}")
            time.sleep(0.2)
        start_seconds = time.perf_counter() - started
        for path, _ in urls:  # warm-up, not measured
            fetch(opener, base + path)
        for _ in range(3 if big else 0):  # alone, out of the mix: see the module docstring
            began = time.perf_counter()
            status, error = fetch(opener, base + big)
            big_page.append(time.perf_counter() - began)
            if status != 200:
                failures.append(f"{big}: {status or error}")
        for level in clients:
            if server.poll() is not None:
                failures.append(f"the server exited ({server.returncode}) before {level} "
                                "clients")
                break
            before = server_rss_mb(server.pid)
            count = requests // len(clients)
            hits_, seconds = hammer(base, urls, count, level)
            after = server_rss_mb(server.pid)
            by_class: Counter[str] = Counter()
            errors: Counter[str] = Counter()
            unexpected = 0
            for hit in hits_:
                shown = f"{hit.status // 100}xx" if hit.status else "error"
                by_class[shown] += 1
                per_url.setdefault(hit.url, Counter())[
                    str(hit.status) if hit.status else hit.error.split(":")[0]] += 1
                per_url_seconds.setdefault(hit.url, []).append(hit.seconds)
                if hit.error:
                    errors[hit.error] += 1
                elif shown != urls[hit.url][1]:
                    unexpected += 1
            times = [hit.seconds for hit in hits_]
            levels.append(Level(level, len(hits_), seconds, by_class, unexpected, errors,
                                percentile(times, 0.5), percentile(times, 0.95), max(times),
                                before, after))
            log(f"   {level} clients: {len(hits_) / seconds:.1f} req/s, {dict(by_class)}")
    except RuntimeError as exc:
        failures.append(str(exc))
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            failures.append("the server did not stop within 30 s of Ctrl-C")
            server.kill()
            server.wait()
    tracebacks = err_log.read_text(errors="replace").count("Traceback")
    for level in levels:
        if level.errors or level.by_class["5xx"]:
            failures.append(f"{level.clients} clients: {sum(level.errors.values())} error(s), "
                            f"{level.by_class['5xx']} 5xx")
        if level.unexpected:
            failures.append(f"{level.clients} clients: {level.unexpected} response(s) of an "
                            "unexpected status class")
    if tracebacks:
        failures.append(f"{tracebacks} traceback(s) in the server's log")
    return LoadResult(levels, urls, per_url, per_url_seconds, start_seconds, big_page,
                      failures, tracebacks)


# -- the report -----------------------------------------------------------------------------

def table(header: list[str], rows: Iterable[Iterable[object]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def prepare_workdir(workdir: Path) -> None:
    if workdir.exists() and any(workdir.iterdir()) and not (workdir / MARKER).exists():
        raise SystemExit(f"error: {workdir} is not empty and was not made by this command; "
                         "choose another --workdir")
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    (workdir / MARKER).write_text("made by python -m tests.reliability; emptied on each run\n")


def clients_list(value: str) -> list[int]:
    try:
        levels = [int(part) for part in value.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected numbers like 1,8,32, not {value!r}") from None
    if not levels or min(levels) < 1:
        raise argparse.ArgumentTypeError("client counts must be 1 or more")
    return levels


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.reliability",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=2000, help="report files to generate")
    parser.add_argument("--kills", type=int, default=10, help="indexing runs to kill")
    parser.add_argument("--clients", type=clients_list, default=[1, 8, 32, 64],
                        help="concurrent clients of each load level (default 1,8,32,64)")
    parser.add_argument("--requests", type=int, default=20000,
                        help="requests in all, split evenly over the levels")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/reliability"))
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.reports < 40 or args.kills < 0 or args.requests < len(args.clients):
        parser.error("--reports must be 40 or more (for good files beside the broken ones), "
                     "--kills 0 or more, --requests at least one per client level")
    command = shlex.join([sys.executable, "-m", "tests.reliability",
                          *(argv if argv is not None else sys.argv[1:])])
    os.environ.update(ENV)
    started = time.perf_counter()
    rng = random.Random(args.seed)
    workdir = args.workdir.resolve()
    prepare_workdir(workdir)
    corpus, index, logs = workdir / "corpus", workdir / "index", workdir / "logs"
    corpus.mkdir()
    logs.mkdir()
    ok = True
    out: list[str] = [f"# Reliability run\n\n`{command}`\n"]

    log(f"1. writing {args.reports} reports to {corpus}")
    began = time.perf_counter()
    entries = build_archive(corpus, workdir / "outside", args.reports, rng)
    expected = Expected.from_manifest(entries)
    (workdir / "manifest.json").write_text(
        json.dumps([asdict(e) for e in entries], ensure_ascii=False, indent=1), encoding="utf-8")
    kinds = Counter(e.kind for e in entries)
    size = sum(p.stat().st_size for p in corpus.rglob("*") if p.is_file() and not p.is_symlink())
    out.append(f"## 1. Archive\n\n{len(entries)} entries ({args.reports} report files and "
               f"{len(entries) - args.reports} FIFOs and links), {size / 1e6:.1f} MB, written "
               f"in {time.perf_counter() - began:.1f} s; manifest: "
               f"`{workdir / 'manifest.json'}`\n")
    out.append(table(["kind", "files", "should be"],
                     ((k, n, next(e.expect for e in entries if e.kind == k))
                      for k, n in kinds.items())))

    log("2. indexing it once (index_corpus, 2 workers)")
    first = run_indexing(corpus, index, expected)
    summary = first.summary
    tried = summary.added + summary.updated + summary.unchanged + len(summary.failed)
    by_source = {e.source: e.kind for e in entries}
    failed_kinds = Counter(by_source.get(s, "(not in the manifest)") for s in summary.failed)
    warned_kinds = Counter(by_source.get(s, "(not in the manifest)") for s in summary.warnings)
    ok &= not first.problems
    out.append(f"\n## 2. Indexing once\n\n{summary.describe()}\n")
    out.append(table(["figure", "value"], [
        ("time", f"{first.seconds:.1f} s ({summary.added / first.seconds:.1f} docs/s)"),
        ("files tried (indexed + failed)", tried),
        ("indexed (documents in the index)", f"{first.count} (expected "
                                             f"{len(expected.indexed)})"),
        ("failed", f"{len(summary.failed)} (expected {len(expected.failed)})"),
        ("indexed with warnings", f"{len(summary.warnings)} (expected "
                                  f"{sum(e.expect == 'warning' for e in entries)})"),
        ("**unexpected (must be 0)**", f"**{len(first.problems)}**"),
    ]))
    out.append("\n" + table(["failed, by kind", "files", "a reason given"],
                            ((k, n, next(summary.failed[s] for s in summary.failed
                                         if by_source.get(s, "(not in the manifest)") == k))
                             for k, n in sorted(failed_kinds.items()))))
    out.append("\n" + table(["warned, by kind", "files", "a warning given"],
                            ((k, n, next(summary.warnings[s][0] for s in summary.warnings
                                         if by_source.get(s, "(not in the manifest)") == k))
                             for k, n in sorted(warned_kinds.items()))))
    if first.problems:
        out.append("\nUnexpected:\n" + "\n".join(f"- {p}" for p in first.problems[:20]))
    log(f"   {summary.describe()}; {len(first.problems)} unexpected")

    log(f"3. {args.kills} kills")
    # The kills are checked against what the undisturbed run did (its own differences from
    # the manifest are counted above, once).
    baseline = Expected(entries, first.sources, set(summary.failed))
    kills = []
    for number in range(args.kills):
        try:
            complete = baseline.indexed <= set(index_contents(index)[1])
        except FileNotFoundError:
            complete = False
        if not complete:  # a failed kill left less: start from a complete index
            release_lock(index, "")
            index_corpus(corpus, index, workers=2)
        kill = one_kill(number, rng.uniform(0.5, 8.0), corpus, index, logs, baseline,
                        STALL)
        kills.append(kill)
        log(f"   kill {number + 1}: {kill.run}, {kill.target} after {kill.delay:.1f} s: "
            f"{'; '.join(kill.failures) or 'ok'}")
    done = [k for k in kills if k.killed]
    failed_kills = [k for k in kills if k.failures]
    ok &= not failed_kills
    kind_counts = Counter(f"{k.run} / {k.target}" for k in done)
    out.append(f"\n## 3. Kills\n\n{len(done)} kills done of {args.kills} "
               f"({'; '.join(f'{k}: {n}' for k, n in sorted(kind_counts.items()))}); "
               f"**failures (must be 0): {len(failed_kills)}**\n")
    out.append(table(
        ["#", "run", "SIGKILL to", "after", "docs right after", "run s", "completing run s",
         "index files / MB", "result"],
        ((k.number + 1, k.run, k.target, f"{k.delay:.1f} s",
          "-" if k.after_kill is None else k.after_kill, f"{k.run_seconds:.1f}",
          f"{k.completion_seconds:.1f}", f"{k.files} / {k.megabytes:.1f}",
          "; ".join(k.failures) or "ok") for k in kills)))

    log(f"4. load: {args.requests} requests, clients {args.clients}")
    load = run_load(corpus, index, logs, args.clients, args.requests, entries, first.sources)
    ok &= not load.failures
    out.append(f"\n## 4. Load\n\n`union-search serve` ({setting('processes')} processes of "
               f"{setting('threads')} threads), ready "
               f"in {load.start_seconds:.1f} s; {len(load.urls)} URLs in turn; a new "
               "connection per request\n")
    out.append(table(
        ["clients", "requests", "2xx", "3xx", "4xx", "5xx", "errors", "unexpected class",
         "req/s", "p50 ms", "p95 ms", "max ms", "RSS before → after MB"],
        ((lv.clients, lv.requests, lv.by_class["2xx"], lv.by_class["3xx"], lv.by_class["4xx"],
          lv.by_class["5xx"], sum(lv.errors.values()), lv.unexpected,
          f"{lv.requests / lv.seconds:.1f}", f"{lv.p50 * 1000:.0f}", f"{lv.p95 * 1000:.0f}",
          f"{lv.slowest * 1000:.0f}", f"{lv.rss_before:.0f} → {lv.rss_after:.0f}")
         for lv in load.levels)))
    out.append("\n" + table(
        ["URL", "expected", "answers (all levels)", "p50 ms", "p95 ms"],
        ((f"`{path}`", want,
          ", ".join(f"{k}×{n}" for k, n in sorted(load.per_url.get(i, {}).items())),
          f"{percentile(load.per_url_seconds.get(i, []), 0.5) * 1000:.0f}",
          f"{percentile(load.per_url_seconds.get(i, []), 0.95) * 1000:.0f}")
         for i, (path, want) in enumerate(load.urls))))
    if load.big_page:
        out.append(f"\nThe page of a report truncated at {MAX_FILE_MB} MB, alone (not in the "
                   f"mix): {', '.join(f'{s:.2f}' for s in load.big_page)} s per view.")
    errors = Counter()
    for level in load.levels:
        errors.update(level.errors)
    if errors:
        out.append("\nErrors:\n" + "\n".join(f"- {n}× {e}" for e, n in errors.most_common(10)))
    if load.failures:
        out.append("\nLoad failures:\n" + "\n".join(f"- {f}" for f in load.failures))

    total = time.perf_counter() - started
    levels = load.levels
    best = max(levels, key=lambda lv: lv.requests / lv.seconds, default=None)
    out.append("\n## Summary\n\n`" + command + "`\n")
    out.append(table(["figure", "value"], [
        ("archive", f"{args.reports} reports + {len(entries) - args.reports} FIFOs/links"),
        ("indexing once", f"{first.seconds:.1f} s, {first.count} indexed, "
                          f"{len(summary.failed)} failed, {len(summary.warnings)} warned"),
        ("unexpected in indexing (must be 0)", len(first.problems)),
        ("kills done", f"{len(done)} of {args.kills}"),
        ("kill failures (must be 0)", len(failed_kills)),
        ("load requests", sum(lv.requests for lv in levels)),
        ("load errors + 5xx (must be 0)", sum(sum(lv.errors.values()) + lv.by_class["5xx"]
                                              for lv in levels)),
        ("best req/s", f"{best.requests / best.seconds:.1f} ({best.clients} clients)"
         if best else "-"),
        ("server RSS first → last MB", f"{levels[0].rss_before:.0f} → {levels[-1].rss_after:.0f}"
         if levels else "-"),
        ("total time", f"{total:.0f} s"),
        ("**result**", "**all checks passed**" if ok else "**FAILED** (see above)"),
    ]))
    print("\n".join(out))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
