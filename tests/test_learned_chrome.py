"""Chrome learned from the archive: lines recurring verbatim in many reports of one site are
removed at index time (a first build included) and listed by ``union-search chrome``; lines
of one report, of other sites, of report bodies, and the metadata's own lines are kept.

Every test indexes a small archive written here into a real index on disk, through the
real command line (:func:`webui.cli.main`)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from indexer.chrome import parse_rules, strip_chrome
from indexer.learned import (
    EDGE,
    Census,
    LineCensus,
    Thresholds,
    is_candidate,
    learn,
    line_hash,
    take_census,
)
from indexer.report import load_report, report_id
from indexer.settings import SettingError, setting
from search import Engine
from tests.conftest import CORPUS
from webui.cli import main

HEADER = "Cổng thông tin Công đoàn Giáo dục tỉnh Hòa Bình"
FOOTER = "Địa chỉ: 15 Trần Hưng Đạo, thành phố Hòa Bình – Điện thoại: 0218 3852 456"
SLOGAN = "Đoàn kết – Đổi mới – Sáng tạo – Vì đoàn viên"


def paragraph(n: int, topic: str = "chăm lo đời sống") -> str:
    """A paragraph of text (more than 20 words), different for every ``n``."""
    return (f"Ngày {n} tháng 3, Công đoàn trường Tiểu học số {n} đã tổ chức buổi sinh hoạt "
            f"chuyên đề về {topic} cho đoàn viên, với sự tham gia của {n + 20} đoàn viên và "
            f"người lao động của nhà trường, cùng đại diện Ban Giám hiệu và {n % 7 + 2} khách mời.")


def report(n: int, top: tuple[str, ...] = (), bottom: tuple[str, ...] = (),
           middle: tuple[str, ...] = ()) -> str:
    """A report: ``top`` lines, a heading, two paragraphs with ``middle`` between, then
    ``bottom`` lines."""
    return "\n".join([*top, f"Tin hoạt động số {n} của công đoàn trường", "", paragraph(n),
                      *middle, paragraph(n + 1000, "văn hóa, thể thao"), *bottom]) + "\n"


def page(n: int, host: str, article_lines: tuple[str, ...]) -> str:
    """A web page of the site at ``host``, ``article_lines`` inside its article body."""
    inner = "".join(f"<p>{line}</p>" for line in article_lines)
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>Tin số {n}</title>'
            f'<link rel="canonical" href="https://www.{host}/tin/{n}.html"></head><body>'
            f'<nav><a href="/">Trang chủ</a></nav><div class="entry-content">'
            f"<h1>Tin hoạt động số {n} của công đoàn trường</h1>{inner}"
            f"<p>{paragraph(n)}</p><p>{paragraph(n + 1000, 'văn hóa')}</p></div></body></html>")


def write(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def index(corpus: Path, index_dir: Path, capsys, *extra: str) -> dict:
    """``union-search index --json``: its summary."""
    capsys.readouterr()
    assert main(["index", "--corpus", str(corpus), "--index", str(index_dir), "--json",
                 *extra]) == 0
    return json.loads(capsys.readouterr().out)


def listed(index_dir: Path, capsys, *extra: str) -> list[dict]:
    """The lines ``union-search chrome --json`` lists."""
    capsys.readouterr()
    assert main(["chrome", "--index", str(index_dir), "--json", *extra]) == 0
    return json.loads(capsys.readouterr().out)["lines"]


def texts(index_dir: Path, sources) -> dict[str, str]:
    engine = Engine(index_dir)
    try:
        return {source: engine.document(report_id(source))["text"] for source in sources}
    finally:
        engine.close()


def holding(index_dir: Path, sources, line: str) -> set[str]:
    """The reports whose indexed text still holds ``line``."""
    return {source for source, text in texts(index_dir, sources).items()
            if line in text.split("\n")}


# (case, files, the line looked at, the reports it must be removed from)
CASES = [
    ("in 3 reports of a folder: removed from each",
     {f"a/r{i}.txt": report(i, top=(HEADER,)) for i in range(3)},
     HEADER, {"a/r0.txt", "a/r1.txt", "a/r2.txt"}),
    ("a footer in 4 of 5 reports: removed from the 4",
     {f"a/r{i}.txt": report(i, bottom=(FOOTER,) if i else ()) for i in range(5)},
     FOOTER, {"a/r1.txt", "a/r2.txt", "a/r3.txt", "a/r4.txt"}),
    ("in one report only: kept",
     {"a/r0.txt": report(0, top=(HEADER,)), "a/r1.txt": report(1), "a/r2.txt": report(2)},
     HEADER, set()),
    ("in 2 reports when the threshold is 3: kept",
     {f"a/r{i}.txt": report(i, top=(HEADER,) if i < 2 else ()) for i in range(4)},
     HEADER, set()),
    ("in 3 reports of 3 folders: not pooled across sites, kept",
     {f"{folder}/r{i}.txt": report(n * 3 + i, top=(HEADER,) if i == 0 else ())
      for n, folder in enumerate("abc") for i in range(2)},
     HEADER, set()),
    ("in 3 reports of 20 (15 %, under the share of 20 %): kept",
     {f"a/r{i:02d}.txt": report(i, top=(HEADER,) if i < 3 else ()) for i in range(20)},
     HEADER, set()),
    ("in 4 reports of 20 (20 %): removed",
     {f"a/r{i:02d}.txt": report(i, top=(HEADER,) if i < 4 else ()) for i in range(20)},
     HEADER, {f"a/r{i:02d}.txt" for i in range(4)}),
    ("a section heading recurring in the bodies: kept",
     {f"a/r{i}.txt": report(i, middle=("I. KẾT QUẢ ĐẠT ĐƯỢC",)) for i in range(4)},
     "I. KẾT QUẢ ĐẠT ĐƯỢC", set()),
    ("a section heading opening every report: kept (numbered)",
     {f"a/r{i}.txt": report(i, top=("I. KẾT QUẢ ĐẠT ĐƯỢC",)) for i in range(4)},
     "I. KẾT QUẢ ĐẠT ĐƯỢC", set()),
    ("an unnumbered heading inside every body: kept (not in the edge)",
     {f"a/r{i}.txt": report(i, middle=("NHIỆM VỤ TRỌNG TÂM",)) for i in range(4)},
     "NHIỆM VỤ TRỌNG TÂM", set()),
    ("an award list heading at the end of every report: kept",
     {f"a/r{i}.txt": report(i, bottom=("Tập thể:", f"Trường Tiểu học số {i}")) for i in range(4)},
     "Tập thể:", set()),
    ("an award line in every report: kept",
     {f"a/r{i}.txt": report(i, bottom=("Bằng khen của Công đoàn Giáo dục Việt Nam",))
      for i in range(4)},
     "Bằng khen của Công đoàn Giáo dục Việt Nam", set()),
    ("recipients at the end of every report: kept",
     {f"a/r{i}.txt": report(i, bottom=("Nơi nhận:", "- Như trên;", "- Lưu: VT.")) for i in range(4)},
     "Nơi nhận:", set()),
    ("the same author's byline under every report: kept",
     {f"a/r{i}.txt": report(i, bottom=("Tin, ảnh: Lan Anh",)) for i in range(4)},
     "Tin, ảnh: Lan Anh", set()),
    ("short notes sharing their one line of text: kept (no paragraph, no edge)",
     {f"a/note{i}.txt": f"Thông báo số {i}\n\nCông đoàn trường họp bàn kế hoạch năm học.\n"
      for i in range(4)},
     "Công đoàn trường họp bàn kế hoạch năm học.", set()),
    ("a report reposted three times: its lines are its own, kept",
     {f"a/copy{i}.txt": report(5, bottom=(f"Nguồn: bản tin số {i}",)) for i in range(3)}
     | {"a/other.txt": report(6)},
     "Tin hoạt động số 5 của công đoàn trường", set()),
    ("web pages of one site spread over 3 folders: grouped by the site they name",
     {f"{year}/tin.html": page(n, "congdoan.example.vn", (SLOGAN,))
      for n, year in enumerate(("2019", "2020", "2021"))},
     SLOGAN, {"2019/tin.html", "2020/tin.html", "2021/tin.html"}),
    ("web pages of 3 sites in 3 folders: not pooled, kept",
     {f"{year}/tin.html": page(n, f"site{n}.example.vn", (SLOGAN,))
      for n, year in enumerate(("2019", "2020", "2021"))},
     SLOGAN, set()),
]


@pytest.mark.parametrize(("files", "line", "removed"), [case[1:] for case in CASES],
                         ids=[case[0] for case in CASES])
def test_what_is_learned_and_removed(tmp_path, capsys, files, line, removed):
    corpus, index_dir = write(tmp_path / "corpus", files), tmp_path / "index"
    summary = index(corpus, index_dir, capsys, "--workers", "1")
    assert summary["added"] == len(files) and not summary["failed"]
    having = {source for source, text in files.items() if line in text}
    assert holding(index_dir, files, line) == having - removed  # a first build removes it
    rows = [row for row in listed(index_dir, capsys) if row["line"] == line]
    assert bool(rows) == bool(removed)
    if removed:  # listed once per site that learned it, with its counts and rule
        assert {row["reports"] for row in rows} == {len(removed)}
        rule = parse_rules(rows[0]["rule"])
        assert strip_chrome([line], tuple(rule)).lines == []


def test_learned_lines_are_weak_evidence_not_the_title(tmp_path, capsys):
    # The header names a province and would be the title; once learned it is neither.
    files = {f"a/r{i}.txt": report(i, top=(HEADER,)) for i in range(3)}
    corpus, index_dir = write(tmp_path / "corpus", files), tmp_path / "index"
    before = load_report(corpus / "a/r0.txt", corpus)
    assert before.title == HEADER
    index(corpus, index_dir, capsys, "--workers", "1")
    engine = Engine(index_dir)
    document = engine.document(report_id("a/r0.txt"))
    engine.close()
    assert document["title"] == "Tin hoạt động số 0 của công đoàn trường"
    assert document["province"] == "Hòa Bình"  # from the chrome, nothing else names one
    assert document["learned_chrome"] == [HEADER]


def test_listing_per_site_text_and_csv(tmp_path, capsys):
    files = {f"a/r{i}.txt": report(i, top=(HEADER,), bottom=(FOOTER,)) for i in range(3)}
    files |= {f"b/r{i}.txt": report(i + 10, bottom=(FOOTER,)) for i in range(4)}
    corpus, index_dir = write(tmp_path / "corpus", files), tmp_path / "index"
    index(corpus, index_dir, capsys, "--workers", "1")
    rows = listed(index_dir, capsys)
    assert [(r["site"], r["line"], r["reports"], r["site_reports"]) for r in rows] == [
        ("a/", HEADER, 3, 3), ("a/", FOOTER, 3, 3), ("b/", FOOTER, 4, 4)]
    assert [r["line"] for r in listed(index_dir, capsys, "--site", "b")] == [FOOTER]
    assert listed(index_dir, capsys, "--site", "nowhere") == []
    capsys.readouterr()
    assert main(["chrome", "--index", str(index_dir)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("3 line(s) learned as page chrome in 2 site(s)")
    assert f"a/  (3 report(s))\n      3 of 3     {HEADER}\n" in out
    assert "line ^Cổng thông tin Công đoàn Giáo dục tỉnh Hòa Bình$" in out
    assert main(["chrome", "--index", str(index_dir), "--csv"]) == 0
    csv = capsys.readouterr().out
    assert csv.startswith("\ufeffsite,reports,site_reports,line,rule\r\n")
    assert csv.count("\r\n") == 4


def test_the_sample_archive_loses_nothing(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    index(corpus, tmp_path / "index", capsys, "--workers", "1")
    assert listed(tmp_path / "index", capsys) == []
    sources = sorted(path.name for path in corpus.glob("*.txt"))
    assert texts(tmp_path / "index", sources) == {
        name: load_report(corpus / name, corpus).text for name in sources}


def test_a_first_build_in_worker_processes_removes_learned_chrome(tmp_path, capsys):
    # 70 files: a bulk load, read and finished in two worker processes.
    files = {f"a/r{i:02d}.txt": report(i, top=(HEADER,), bottom=(FOOTER,)) for i in range(40)}
    files |= {f"b/r{i:02d}.txt": report(i + 100) for i in range(30)}
    corpus, index_dir = write(tmp_path / "corpus", files), tmp_path / "index"
    summary = index(corpus, index_dir, capsys, "--workers", "2")
    assert (summary["added"], summary["chrome_rewritten"], summary["failed"]) == (70, 0, {})
    assert holding(index_dir, files, HEADER) == set()
    assert holding(index_dir, files, FOOTER) == set()
    assert {row["line"] for row in listed(index_dir, capsys)} == {HEADER, FOOTER}


@pytest.mark.parametrize("how", ["edited", "deleted"])
def test_a_line_falling_below_the_threshold_comes_back(tmp_path, capsys, how):
    files = {f"a/r{i}.txt": report(i, top=(HEADER,)) for i in range(3)} | {"a/r3.txt": report(3)}
    corpus, index_dir = write(tmp_path / "corpus", files), tmp_path / "index"
    index(corpus, index_dir, capsys, "--workers", "1")
    assert holding(index_dir, files, HEADER) == set()
    if how == "edited":
        write(corpus, {"a/r0.txt": report(0)})
    else:
        (corpus / "a/r0.txt").unlink()
    summary = index(corpus, index_dir, capsys, "--workers", "1")
    # The two other reports holding it are read again and get their line back.
    assert summary["chrome_rewritten"] == 2 and summary["unchanged"] == 1
    assert holding(index_dir, ["a/r1.txt", "a/r2.txt", "a/r3.txt"], HEADER) == {
        "a/r1.txt", "a/r2.txt"}
    assert listed(index_dir, capsys) == []
    # And back above it: learned again, removed again.
    write(corpus, {"a/r9.txt": report(9, top=(HEADER,))})
    summary = index(corpus, index_dir, capsys, "--workers", "1")
    assert (summary["added"], summary["chrome_rewritten"]) == (1, 2)
    assert holding(index_dir, ["a/r1.txt", "a/r2.txt", "a/r9.txt"], HEADER) == set()


def test_incremental_runs_rewrite_only_what_learning_changes(tmp_path, capsys):
    files = {f"a/r{i}.txt": report(i, top=(HEADER,)) for i in range(4)}
    files |= {f"b/r{i}.txt": report(i + 10) for i in range(3)}
    corpus, index_dir = write(tmp_path / "corpus", files), tmp_path / "index"
    index(corpus, index_dir, capsys, "--workers", "1")
    again = index(corpus, index_dir, capsys, "--workers", "1")
    assert (again["unchanged"], again["chrome_rewritten"], again["added"]) == (7, 0, 0)
    left = index_dir / "union-search-drafts-killed"  # as a killed run leaves its drafts
    left.mkdir()
    (left / "x.draft").write_bytes(b"\0" * 10)
    # A new report of the site: its learned line goes at once; no other report is rewritten.
    write(corpus, {"a/new.txt": report(20, top=(HEADER,)), "b/new.txt": report(21)})
    summary = index(corpus, index_dir, capsys, "--workers", "1")
    assert (summary["added"], summary["chrome_rewritten"], summary["unchanged"]) == (2, 0, 7)
    assert holding(index_dir, ["a/new.txt"], HEADER) == set()
    assert not list(index_dir.glob("union-search-drafts-*"))  # none left, none kept


def test_the_settings_are_applied_by_the_next_run(tmp_path, capsys, monkeypatch):
    files = {f"a/r{i}.txt": report(i, top=(HEADER,)) for i in range(3)}
    corpus, index_dir = write(tmp_path / "corpus", files), tmp_path / "index"
    index(corpus, index_dir, capsys, "--workers", "1")
    assert holding(index_dir, files, HEADER) == set()
    monkeypatch.setenv("UNION_SEARCH_CHROME_MIN_REPORTS", "4")  # nothing changed on disk
    summary = index(corpus, index_dir, capsys, "--workers", "1")
    assert summary["chrome_rewritten"] == 3 and holding(index_dir, files, HEADER) == set(files)
    monkeypatch.setenv("UNION_SEARCH_CHROME_MIN_REPORTS", "3")
    monkeypatch.setenv("UNION_SEARCH_LEARN_CHROME", "off")
    assert index(corpus, index_dir, capsys, "--workers", "1")["chrome_rewritten"] == 0
    capsys.readouterr()
    main(["chrome", "--index", str(index_dir)])
    assert "learning is off" in capsys.readouterr().out
    monkeypatch.delenv("UNION_SEARCH_LEARN_CHROME")
    assert index(corpus, index_dir, capsys, "--workers", "1")["chrome_rewritten"] == 3
    assert holding(index_dir, files, HEADER) == set()


def test_a_line_in_one_report_is_never_learned_whatever_the_settings(monkeypatch):
    monkeypatch.setenv("UNION_SEARCH_CHROME_MIN_REPORTS", "1")
    with pytest.raises(SettingError, match="must be 2 or more"):
        setting("chrome_min_reports")
    one = take_census([HEADER, paragraph(1)])
    other = take_census([paragraph(2)])
    learning = learn(Census.of([("r1.txt", one), ("r2.txt", other)]), Thresholds(1, 0))
    assert len(learning) == 0 and learning.removal(0) == frozenset()
    two = learn(Census.of([("r1.txt", one), ("r2.txt", take_census([HEADER, paragraph(2)]))]),
                Thresholds(1, 0))
    assert len(two) == 1 and two.removal(0) == {line_hash(HEADER)}


@pytest.mark.parametrize(("line", "candidate"), [
    (HEADER, True), (FOOTER, True), (SLOGAN, True), ("Giới thiệu | Tin tức | Liên hệ", True),
    ("I. KẾT QUẢ ĐẠT ĐƯỢC", False), ("2.1. Công tác tuyên truyền", False), ("a) Ưu điểm", False),
    ("Phần II", False), ("Nơi nhận:", False), ("- Lưu: VT.", False),
    ("TM. BAN CHẤP HÀNH", False), ("CHỦ TỊCH", False), ("BÁO CÁO", False),
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", False), ("Số: 45/BC-CĐGD", False),
    ("Tập thể:", False), ("Cá nhân:", False), ("Bằng khen của LĐLĐ tỉnh", False),
    ("05 tập thể, 12 cá nhân", False), ("Tin, ảnh: Lan Anh", False), ("Phương Mai", False),
    ("Mộc Miên (Tổng hợp)", False), ("Hồng Nhung (theo Báo Lao động)", False),
    ("Công đoàn Giáo dục (trang tin)", True),
    ("Sơ kết học kỳ I năm học 2019-2020", False), (paragraph(1), False), ("", False),
])
def test_candidates_leave_out_the_lines_metadata_is_read_from(line, candidate):
    assert is_candidate(line) is candidate


def test_the_census_marks_the_edge_and_fingerprints_the_body():
    lines = [HEADER, "Tiêu đề", paragraph(1), "Ảnh: hội nghị", paragraph(2), FOOTER]
    census = take_census(lines)
    flags = {int(value) & ~3: int(value) & EDGE for value in census.lines}
    assert flags == {line_hash(HEADER): EDGE, line_hash("Tiêu đề"): EDGE,
                     line_hash("Ảnh: hội nghị"): 0, line_hash(FOOTER): EDGE}
    assert (census.first, census.last) == (line_hash(paragraph(1)), line_hash(paragraph(2)))
    assert LineCensus.decode(census.encode({line_hash(HEADER)})).removed() == {line_hash(HEADER)}
    # spacing and composition do not make another line
    assert line_hash("  Cổng   thông tin ") == line_hash("Co\u0302\u0309ng thông tin")
    assert np.array_equal(LineCensus.decode(census.encode()).lines, census.lines)
    note = take_census(["Thông báo", "Họp chi đoàn lúc 8 giờ."])
    assert len(note.lines) == 2 and not np.any(note.lines & np.uint64(EDGE))
    assert note.first == note.last


@pytest.mark.parametrize(("head", "site"), [
    ('<link rel="canonical" href="https://www.congdoan.example.vn/tin/1.html">',
     "congdoan.example.vn"),
    ('<meta property="og:url" content="http://tin.congdoan.example.vn/x">',
     "tin.congdoan.example.vn"),
    ('<meta property="og:site_name" content="Công đoàn Giáo dục Huế">', "Công đoàn Giáo dục Huế"),
    ('<link rel="canonical" href="/tin/1.html"><meta property="og:site_name" content="Tin A">',
     "Tin A"),
    ("", None),
])
def test_a_web_page_names_the_site_it_belongs_to(head, site):
    from indexer.html import extract_article

    page_bytes = (f'<html><head><meta charset="utf-8">{head}</head><body><article>'
                  f"<p>{paragraph(1)}</p></article></body></html>").encode()
    assert extract_article(page_bytes).hints.get("site") == site
