"""Incremental indexing, bad files, one writer at a time, crash safety, the records API."""

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from indexer.indexing import IndexBusy, index_corpus, index_records
from indexer.report import report_id
from indexer.store import index_lock, open_view
from search import Engine
from tests.conftest import CORPUS, DATA

SEED = "004_54bbc81b5d115ec8.txt"


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for path in CORPUS.glob("*.txt"):
        shutil.copy(path, folder)
    return folder


def _count(index_dir):
    return open_view(index_dir).doc_count


def test_incremental_updates(corpus, tmp_path):
    index = tmp_path / "index"
    first = index_corpus(corpus, index, workers=1)
    assert (first.added, first.rebuilt, first.failed) == (5, True, {})

    again = index_corpus(corpus, index, workers=1)
    assert (again.added, again.updated, again.removed, again.unchanged) == (0, 0, 0, 5)

    path = corpus / SEED
    path.write_text(path.read_text(encoding="utf-8") + "\nThêm một câu về thủy điện.",
                    encoding="utf-8")
    (corpus / "002_cce08653f4e9e0c2.txt.meta.json").write_text('{"province": "Cao Bằng"}')
    (corpus / "000_3fa81f57103253cb.txt").unlink()
    (corpus / "new.txt").write_text("Báo cáo mới\n\nCông đoàn trường tổ chức hội nghị.",
                                    encoding="utf-8")
    changed = index_corpus(corpus, index, workers=1)
    assert (changed.added, changed.updated, changed.removed, changed.unchanged) == (1, 2, 1, 2)
    assert _count(index) == 5

    engine = Engine(index)
    assert [h["id"] for h in engine.search("thủy điện")["hits"]] == [SEED]
    assert engine.search('tỉnh:"Cao Bằng"')["total"] == 1
    assert engine.search("29-NQ/TW")["total"] == 0  # 000 was deleted
    engine.close()


def _same_length_change(path: Path) -> None:
    """Change a file's content but not its size."""
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("a", "e", 1), encoding="utf-8")


def _touch(path: Path) -> None:
    """A new time on the file, the same content."""
    status = path.stat()
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns + 5_000_000_000))


def _sidecar(path: Path) -> None:
    path.with_name(path.name + ".meta.json").write_text('{"province": "Cao Bằng"}',
                                                        encoding="utf-8")


@pytest.mark.parametrize("change, keep_time, updated", [
    # the stamp (size and time) is unchanged: the file is not read again, as make would
    (_same_length_change, True, 0),
    # the time changed: the file is hashed, and its new content indexed
    (_same_length_change, False, 1),
    # touched only: hashed, found unchanged, not indexed again
    (_touch, False, 0),
    # a new sidecar changes the stamp, even with the file's own time kept
    (_sidecar, True, 1),
])
def test_a_file_is_hashed_only_when_its_size_or_time_changed(corpus, tmp_path, change,
                                                             keep_time, updated):
    index = tmp_path / "index"
    index_corpus(corpus, index, workers=1)
    path = corpus / SEED
    before = path.stat()
    change(path)
    if keep_time:
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    summary = index_corpus(corpus, index, workers=1)
    assert (summary.updated, summary.unchanged) == (updated, 5 - updated)


def test_bad_files_are_reported_and_an_older_version_kept(corpus, tmp_path):
    index = tmp_path / "index"
    index_corpus(corpus, index, workers=1)
    shutil.copy(DATA / "bad" / "binary.txt", corpus / "binary.txt")
    shutil.copy(DATA / "bad" / "report.docx", corpus / "report.docx")
    (corpus / SEED).write_bytes(b"")  # a report emptied by accident
    summary = index_corpus(corpus, index, workers=1)
    assert summary.failed["binary.txt"].startswith("binary file")
    assert summary.failed["report.docx"].startswith("not a readable Word file")
    assert summary.failed[SEED] == "empty file (the version indexed before is kept)"
    assert summary.unchanged == 4
    engine = Engine(index)
    assert engine.search("Bình Lục")["total"] == 1
    engine.close()


def test_rebuild_starts_afresh(corpus, tmp_path):
    index = tmp_path / "index"
    index_corpus(corpus, index, workers=1)
    summary = index_corpus(corpus, index, rebuild=True, workers=1)
    assert (summary.rebuilt, summary.added) == (True, 5)
    assert _count(index) == 5


def test_an_index_of_another_version_is_rebuilt(corpus, tmp_path):
    index = tmp_path / "index"
    index_corpus(corpus, index, workers=1)
    (index / "union-search.json").write_text(json.dumps({"schema_version": 0}))
    assert index_corpus(corpus, index, workers=1).rebuilt


def test_second_writer_gets_a_clear_message(corpus, tmp_path):
    index = tmp_path / "index"
    index.mkdir()
    lock = index_lock(index)
    assert lock.acquire(blocking=False)
    try:
        with pytest.raises(IndexBusy, match="another union-search process is writing"):
            index_corpus(corpus, index, workers=1)
    finally:
        lock.release()
    assert index_corpus(corpus, index, workers=1).added == 5


def test_parallel_bulk_load_matches_single_process(tmp_path):
    folder = tmp_path / "many"
    _many_reports(folder, 70)
    summary = index_corpus(folder, tmp_path / "index", workers=2)
    assert summary.added == 70 and not summary.failed
    engine = Engine(tmp_path / "index")
    assert engine.search("Bình Lục")["total"] == 70
    engine.close()


def _many_reports(folder: Path, count: int, repeat: int = 1) -> None:
    """``count`` distinct reports of about 600 words drawn from the sample reports' words
    (so that none is a reposted copy of another), ``repeat`` times as long; each names
    "Bình Lục"."""
    folder.mkdir()
    words = [w for path in sorted(CORPUS.glob("*.txt"))
             for w in path.read_text(encoding="utf-8").split() if w.isalpha()]
    for number in range(count):
        rng = random.Random(number)
        paragraphs = [" ".join(rng.choices(words, k=60)) + "." for _ in range(10)]
        body = "\n\n".join([f"Báo cáo số {number} của huyện Bình Lục", *paragraphs] * repeat)
        (folder / f"r{number:04}.txt").write_text(body, encoding="utf-8")


def _start_indexer(corpus: Path, index: Path, *options: str,
                   workers: int = 1) -> subprocess.Popen:
    env = dict(os.environ, UNION_SEARCH_COMMIT_EVERY="40", UNION_SEARCH_WORKERS=str(workers))
    return subprocess.Popen(
        [sys.executable, "-m", "webui.cli", "index", "--corpus", str(corpus), "--index",
         str(index), *options],
        cwd=Path(__file__).resolve().parent.parent, env=env, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True,
    )


def _wait_for_commit(index: Path, process: subprocess.Popen, generation: int = 2,
                     name: str = "MAIN") -> None:
    """Wait until the indexer has committed and is still running (so the kill lands
    between two commits); fail otherwise."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if any(int(p.stem.split("_")[-1]) >= generation for p in index.glob(f"_{name}_*.toc")):
            return
        time.sleep(0.02)
    pytest.fail("the indexer finished or stalled before its first commits: nothing to kill")


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGINT])
def test_killed_mid_way_leaves_a_readable_index(tmp_path, how):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    _many_reports(corpus, 400)
    process = _start_indexer(corpus, index)
    _wait_for_commit(index, process)
    process.send_signal(how)
    _, err = process.communicate(timeout=60)
    if how == signal.SIGINT and process.returncode != 0:
        assert process.returncode == 130
        assert "Traceback" not in err
    committed = _count(index)
    assert 0 < committed <= 400
    engine = Engine(index)
    assert engine.search("Bình Lục")["total"] == committed
    engine.close()
    summary = index_corpus(corpus, index, workers=1)
    assert summary.added == 400 - committed and not summary.failed
    assert _count(index) == 400


def test_records_api(tmp_path):
    records = [
        {"id": "a1", "title": "Giá xăng giảm", "date": "2022-10-03",
         "text": "Giá xăng E5 giảm mạnh ở Thành phố Đà Nẵng."},
        {"id": "a2", "title": "Công đoàn thăm hỏi", "text": "Công đoàn trường thăm hỏi đoàn viên."},
        {"id": "", "text": "no id"},
    ]
    summary = index_records(records, tmp_path / "index", workers=1)
    assert summary.added == 2 and list(summary.failed.values())[0].startswith("bad record")
    engine = Engine(tmp_path / "index")
    hit = engine.search("gia xang")["hits"][0]
    assert (hit["id"], hit["date"], hit["province"]) == (report_id("records/a1"), "2022-10-03",
                                                         "Đà Nẵng")
    assert engine.search("công đoàn")["total"] == 1
    engine.close()


def test_a_rebuild_killed_half_way_leaves_the_old_index_whole(tmp_path):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    _many_reports(corpus, 300)
    index_corpus(corpus, index, workers=1)
    before = Engine(index)
    assert before.search("")["total"] == 300
    process = _start_indexer(corpus, index, "--rebuild")
    _wait_for_commit(index, process, name="NEXT")  # the new index has its first commits
    assert before.search("")["total"] == 300  # and the old one is still the one served
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=60)
    assert _count(index) == 300
    assert Engine(index).search("Bình Lục")["total"] == 300
    summary = index_corpus(corpus, index, workers=1, rebuild=True)
    assert summary.added == 300 and _count(index) == 300
    assert not list(index.glob("_MAIN_*.toc"))  # the replaced index's files are gone
    before.close()


def _children(pid: int) -> list[int]:
    """The process ids whose parent is ``pid`` (from /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def test_a_worker_killed_mid_run_does_not_stop_the_run(tmp_path):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    _many_reports(corpus, 240)
    process = _start_indexer(corpus, index, workers=2)
    _wait_for_commit(index, process)  # the workers are busy
    workers = [pid for pid in _children(process.pid)
               if "python" in Path(f"/proc/{pid}/cmdline").read_text(errors="ignore")]
    assert workers, "no worker process to kill"
    os.kill(workers[0], signal.SIGKILL)  # as the out-of-memory killer would
    out, err = process.communicate(timeout=240)
    assert process.returncode == 0, err
    assert "240 added" in out and "Traceback" not in err
    assert _count(index) == 240
    lock = index_lock(index)
    assert lock.acquire(blocking=False)  # and the writer lock is free
    lock.release()


def _wchan(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/wchan").read_text()
    except OSError:
        return ""


def test_a_worker_killed_while_handing_over_its_result_does_not_hang_the_run(tmp_path):
    # The moment that hung the run for good: a worker killed while it writes its result
    # into the pool's pipe (large results, so writing them takes a while).
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    _many_reports(corpus, 300, repeat=8)
    process = _start_indexer(corpus, index, workers=2)
    victim, deadline, watch_until = None, time.monotonic() + 30, None
    while victim is None and time.monotonic() < deadline and process.poll() is None:
        workers = _children(process.pid)
        if workers and watch_until is None:
            watch_until = time.monotonic() + 2
        victim = next((pid for pid in workers
                       if _wchan(pid) in ("anon_pipe_write", "pipe_write")), None)
        if victim is None and watch_until and time.monotonic() > watch_until:
            victim = workers[0]  # never caught writing (results no longer go through it)
    assert victim is not None and process.poll() is None, "no worker process to kill"
    os.kill(victim, signal.SIGKILL)
    try:
        out, err = process.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        process.kill()
        pytest.fail("index hangs after a worker was killed handing over its result")
    assert process.returncode == 0, err
    assert "300 added" in out and _count(index) == 300


def test_workers_die_with_a_killed_indexer_and_free_the_lock(tmp_path):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    _many_reports(corpus, 240)
    process = _start_indexer(corpus, index, workers=2)
    _wait_for_commit(index, process)
    workers = _children(process.pid)
    assert workers
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=60)
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{pid}").exists() for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in workers if Path(f"/proc/{pid}").exists()
                and "Z" not in Path(f"/proc/{pid}/stat").read_text().split()[2]]
    lock = index_lock(index)
    assert lock.acquire(blocking=False)  # nothing left holding the writer lock
    lock.release()


@pytest.mark.parametrize("commit_every", [1, 100])
def test_a_record_given_again_replaces_the_one_indexed(tmp_path, commit_every):
    # New reports are added without looking their id up; a repeated id must still replace,
    # whether the first one was committed in an earlier run, in this run, or not yet.
    first = [{"id": "a1", "text": "Giá xăng giảm mạnh."}, {"id": "a2", "text": "Công đoàn."}]
    index_records(first, tmp_path / "index", workers=1, commit_every=commit_every)
    again = [{"id": "a1", "text": "Giá dầu tăng."}, {"id": "a3", "text": "Thủy điện."},
             {"id": "a3", "text": "Thủy điện Hòa Bình."}]
    index_records(again, tmp_path / "index", workers=1, commit_every=commit_every)
    engine = Engine(tmp_path / "index")
    assert engine.search("")["total"] == 3
    assert [engine.search(q)["total"] for q in ("xăng", "dầu", "Hòa Bình")] == [0, 1, 1]
    engine.close()
