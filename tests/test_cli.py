import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request

import pytest

from indexer.report import report_id
from indexer.store import index_lock
from search import Engine
from tests.browser import free_port
from tests.conftest import CORPUS, DATA, ROOT
from webui.cli import main


def _run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_inspect_json_prints_one_object_per_seed(capsys):
    status, out, err = _run(capsys, "inspect", "--json", str(CORPUS))
    assert status == 0, err
    reports = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in reports] == sorted(p.name for p in CORPUS.glob("*.txt"))
    summary = {r["id"][:3]: (r["province"], r["school_year"], r["report_type"]) for r in reports}
    assert summary == {
        "000": ("Cần Thơ", "2016-2017", "sơ kết học kỳ"),
        "001": ("Hải Phòng", "2022-2023", "tổng kết năm học"),
        "002": ("Lạng Sơn", "2018-2019", "tổng kết năm học"),
        "003": ("Bắc Kạn", "2019-2020", "sơ kết học kỳ"),
        "004": ("Hà Nam", "2019-2020", "tổng kết năm học"),
    }
    totals = {
        r["id"][:3]: (sum(a["collectives"] or 0 for a in r["awards"]),
                      sum(a["individuals"] or 0 for a in r["awards"]))
        for r in reports
    }
    assert totals == {"000": (0, 0), "001": (99, 278), "002": (15, 42), "003": (0, 0),
                      "004": (14, 28)}
    expected_fields = {"id", "source", "text", "title", "date", "published", "school_year",
                       "semester", "report_type", "province", "district", "organization",
                       "author", "people", "awards"}
    assert expected_fields <= set(reports[0])


def test_inspect_text_output_shows_metadata_and_text(capsys):
    status, out, _ = _run(capsys, "inspect", str(CORPUS / "004_54bbc81b5d115ec8.txt"))
    assert status == 0
    assert "province      Hà Nam" in out
    assert "award         Bằng khen, Giấy khen – LĐLĐ huyện (14 collectives, 28 individuals)" in out
    assert "Trong năm học 2019-2020, LĐLĐ huyện" in out


def test_bad_files_are_reported_and_the_rest_processed(capsys, tmp_path):
    for name in ("bad/empty.txt", "bad/binary.txt", "bad/truncated.txt"):
        shutil.copy(DATA / name, tmp_path / name.split("/")[1])
    shutil.copy(CORPUS / "002_cce08653f4e9e0c2.txt", tmp_path)
    status, out, err = _run(capsys, "inspect", "--json", str(tmp_path))
    assert status == 1
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["002_cce08653f4e9e0c2.txt"]
    assert f"error: {tmp_path / 'empty.txt'}: empty file" in err
    assert "binary.txt: binary file" in err
    assert "truncated.txt: truncated file" in err
    assert "3 problem(s)" in err


def test_missing_path_is_an_error(capsys, tmp_path):
    status, _, err = _run(capsys, "inspect", str(tmp_path / "nope.txt"))
    assert status == 1 and "no such file or folder" in err


def test_ids_are_relative_to_the_given_folder(capsys):
    status, out, _ = _run(capsys, "inspect", "--json", str(DATA / "cms_page.html"),
                          "--corpus", str(DATA.parent))
    assert status == 0
    assert json.loads(out)["id"] == report_id("data/cms_page.html")
    assert json.loads(out)["id"].startswith("data--cms-page.html--")


@pytest.mark.parametrize("args", [["--help"], ["inspect", "--help"]])
def test_help(capsys, args):
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    assert exit_info.value.code == 0
    assert "usage: union-search" in capsys.readouterr().out


def test_console_script_runs():
    executable = shutil.which("union-search") or str(
        __import__("pathlib").Path(sys.executable).parent / "union-search"
    )
    result = subprocess.run([executable, "inspect", "--json", str(CORPUS / "000_3fa81f57103253cb.txt")],
                            capture_output=True, text=True, encoding="utf-8", check=False)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["district"] == "Bình Thủy"


def test_index_then_search(capsys, tmp_path, monkeypatch):
    index = tmp_path / "index"
    status, out, _ = _run(capsys, "index", "--corpus", str(CORPUS), "--index", str(index))
    assert status == 0 and "5 added" in out
    status, out, _ = _run(capsys, "index", "--corpus", str(CORPUS), "--index", str(index),
                          "--json")
    assert json.loads(out)["unchanged"] == 5
    status, out, _ = _run(capsys, "search", "cong doan", "--index", str(index), "--json")
    result = json.loads(out)
    assert status == 0 and result["total"] == 5
    assert len({hit["id"] for hit in result["hits"]}) == 5
    monkeypatch.setenv("UNION_SEARCH_INDEX", str(index))
    status, out, _ = _run(capsys, "search", "lang son", "--filter", "năm_học=2018-2019",
                          "--sort", "newest", "--limit", "1")
    assert status == 0
    assert "1-1 of 1 report(s)" in out and "[Lạng Sơn]" in out


def test_search_without_an_index_says_how_to_build_it(capsys, tmp_path):
    status, _, err = _run(capsys, "search", "x", "--index", str(tmp_path / "none"))
    assert status == 1 and "union-search index" in err


@pytest.mark.parametrize(("args", "message"), [
    (["--filter", "colour=red"], "--filter expects FIELD=VALUE"),
    (["--limit", "0"], "--limit must be between 1 and 100"),
])
def test_search_bad_options(capsys, index_dir, args, message):
    status, _, err = _run(capsys, "search", "x", "--index", str(index_dir), *args)
    assert status == 1 and message in err


def test_index_reports_failures_with_status_1(capsys, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(DATA / "bad" / "truncated.txt", corpus)
    shutil.copy(CORPUS / "002_cce08653f4e9e0c2.txt", corpus)
    status, out, err = _run(capsys, "index", "--corpus", str(corpus), "--index",
                            str(tmp_path / "index"))
    assert status == 1
    assert "1 added" in out and "1 failed" in out
    assert "error: truncated.txt: truncated file" in err


@pytest.mark.parametrize("command", [["settings"], ["search", "công đoàn"], ["kwic", "thi đua"],
                                     ["trend", "thi đua"], ["awards"], ["inspect", "corpus"],
                                     ["index", "--json"]])
def test_commands_other_than_serve_do_not_load_the_web_stack(tmp_path, index_dir, command):
    script = ("import sys, contextlib, io\n"
              "from webui.cli import main\n"
              "with contextlib.redirect_stdout(io.StringIO()):\n"
              f"    status = main({command!r} + (['--index', {str(index_dir)!r}]"
              f" if {command[0]!r} not in ('settings', 'inspect', 'index') else []))\n"
              "loaded = [m for m in ('flask', 'flask_babel', 'werkzeug', 'jinja2', 'waitress')"
              " if m in sys.modules]\n"
              "print(status, loaded)\n")
    env = {**os.environ, "UNION_SEARCH_INDEX": str(tmp_path / "index")}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            cwd=ROOT, env=env, check=False)
    assert result.stdout.strip() == "0 []", result.stdout + result.stderr


@pytest.mark.parametrize(("options", "first_line"), [
    (["--no-watch"], "another process is indexing"),
    ([], "changes are indexed in the background"),
])
def test_serve_starts_while_another_process_indexes(index_dir, search_corpus, options,
                                                    first_line):
    lock = index_lock(index_dir)
    assert lock.acquire(blocking=False)  # "another process" is indexing
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "webui.cli", "serve", "--index", str(index_dir), "--corpus",
         str(search_corpus), "--port", str(port), *options], cwd=ROOT,
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert first_line in server.stdout.readline()
        assert "Serving the archive" in server.stdout.readline()
        assert _get_json(f"http://127.0.0.1:{port}/api/search?q=cong+doan")["total"] > 0
    finally:
        server.terminate()
        server.wait(timeout=30)
        server.stdout.close()
        lock.release()


def _get_json(url: str, seconds: float = 20) -> dict:
    """GET a JSON answer, waiting for the server to listen (it prints before it binds)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url) as response:
                return json.loads(response.read())
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_index_check_reports_drift_without_changing_anything(capsys, tmp_path):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    for path in CORPUS.glob("*.txt"):
        shutil.copy(path, corpus)
    assert _run(capsys, "index", "--corpus", str(corpus), "--index", str(index))[0] == 0
    status, out, _ = _run(capsys, "index", "--check", "--corpus", str(corpus), "--index",
                          str(index))
    assert status == 0 and "0 new, 0 changed, 0 gone, 5 unchanged" in out
    (corpus / "000_3fa81f57103253cb.txt").unlink()
    (corpus / "new.txt").write_text("Báo cáo mới\n\nCông đoàn trường.", encoding="utf-8")
    seed = corpus / "002_cce08653f4e9e0c2.txt"
    seed.write_text(seed.read_text(encoding="utf-8") + "\nThêm.", encoding="utf-8")
    status, out, _ = _run(capsys, "index", "--check", "--corpus", str(corpus), "--index",
                          str(index), "--json")
    drift = json.loads(out)
    assert status == 1
    assert (drift["new"], drift["changed"], drift["gone"]) == (
        ["new.txt"], ["002_cce08653f4e9e0c2.txt"], ["000_3fa81f57103253cb.txt"])
    assert Engine(index).search("")["total"] == 5  # nothing was changed


def test_output_piped_into_a_reader_that_stops_early_is_no_error(index_dir):
    # `union-search awards --csv | head -1`: head closes the pipe after one line.
    done = subprocess.run(
        f"{sys.executable} -m webui.cli awards --index {index_dir} --csv | head -1",
        shell=True, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.stdout.count("\n") == 1
    assert "error" not in done.stderr.lower() and "Traceback" not in done.stderr
