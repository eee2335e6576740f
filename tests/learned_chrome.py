"""Learned chrome, measured on an archive of real articles (not run by the test suite).

    .venv/bin/python -m tests.learned_chrome ../shared/corpora/vietnews-val.jsonl.gz \\
        [--docs 2000] [--workdir /tmp/learned-chrome] [--repeat 2]

Writes ``--docs`` real news articles as report files into the folders of five made-up
sites, with the page chrome each site would leave around its articles (a header, a menu, a
footer; on web pages inside the article's container, where the HTML extractor keeps it):

* ``site-a/`` text files, every page with a header, a menu and a two-line footer;
* ``site-b/`` web pages naming their site (``og:site_name``, canonical link), a slogan and a
  "follow us" line in the article;
* ``site-c/2019/``, ``site-c/2020/``, ``site-c/2021/``: one site's web pages spread over
  three folders, a header line in nine pages of ten;
* ``site-d/`` text files with a line in one page of ten only (below the share: kept);
* ``news/`` text files with no chrome at all (what is learned there is learned wrongly).

Then it times, through the real command line, a first ``union-search index`` of the
archive (wall time, and CPU time of the command and its worker processes) and an
unchanged re-index, ``--repeat`` times each, and, when the product learns chrome, lists
what ``union-search chrome`` learned against what was injected, and what would be learned
at other thresholds. Prints the figures the README records.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from tests.benchmark import records

HEADER_A = ["CÔNG ĐOÀN GIÁO DỤC TỈNH AN GIANG", "Cổng thông tin điện tử Công đoàn ngành Giáo dục",
            "Giới thiệu | Tổ chức | Hoạt động | Văn bản | Liên hệ"]
FOOTER_A = ["Địa chỉ: 12 Lê Lợi, thành phố Long Xuyên, tỉnh An Giang",
            "Điện thoại: 0296 3852 123 – Email: congdoan@angiang.edu.vn"]
TOP_B = "Công đoàn Giáo dục Bến Tre: đổi mới, sáng tạo, vì đoàn viên"
BOTTOM_B = "Theo dõi chúng tôi trên Zalo: 0912 345 678"
TOP_C = "Bản tin Công đoàn Giáo dục Cà Mau"
RARE_D = "Bài viết đã đăng trên bản tin giấy số tháng trước"
INJECTED = {
    "site-a/": [*HEADER_A, *FOOTER_A],
    "congdoanbentre.edu.vn": [TOP_B, BOTTOM_B],
    "congdoancamau.vn": [TOP_C],
}
NOT_LEARNABLE = {"site-d/": [RARE_D]}  # in one page of ten: below the share, kept

# (folder, suffix, share of the documents)
LAYOUT = [("site-a", ".txt", 0.25), ("site-b", ".html", 0.20), ("site-c/2019", ".html", 0.05),
          ("site-c/2020", ".html", 0.05), ("site-c/2021", ".html", 0.05),
          ("site-d", ".txt", 0.15), ("news", ".txt", 0.25)]


def page(title: str, paragraphs: list[str], site: str, host: str, slug: str,
         top: list[str], bottom: list[str]) -> str:
    """A web page of a site: header, menu and footer outside the article, ``top`` and
    ``bottom`` lines inside it."""
    body = "".join(f"<p>{html.escape(p)}</p>" for p in [*top, *paragraphs, *bottom])
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{html.escape(title)} – '
            f'{site}</title><meta property="og:site_name" content="{site}">'
            f'<link rel="canonical" href="https://{host}/tin-tuc/{slug}.html"></head><body>'
            f'<header><a href="/">{site}</a><nav><a href="/">Trang chủ</a> '
            f'<a href="/gioi-thieu">Giới thiệu</a></nav></header><main><article>'
            f'<h1>{html.escape(title)}</h1>{body}</article></main>'
            f'<footer>© {site}</footer></body></html>')


def make_archive(source: list[Path], docs: int, folder: Path) -> dict[str, int]:
    """Write the archive; returns the number of files per folder."""
    if folder.exists():
        shutil.rmtree(folder)
    items = list(records(source, docs))
    counts: dict[str, int] = {}
    start = 0
    for number, (name, suffix, share) in enumerate(LAYOUT):
        end = len(items) if number == len(LAYOUT) - 1 else start + round(share * len(items))
        (folder / name).mkdir(parents=True, exist_ok=True)
        for i, record in enumerate(items[start:end]):
            title = record.get("title") or ""
            paragraphs = [p for p in record["text"].split("\n") if p.strip()]
            slug = f"{i:05d}"
            path = folder / name / f"{slug}{suffix}"
            if name == "site-a":
                text = "\n".join([*HEADER_A, "", title, "", *paragraphs, "", *FOOTER_A])
            elif name == "site-b":
                text = page(title, paragraphs, "Công đoàn Giáo dục Bến Tre",
                            "congdoanbentre.edu.vn", slug, [TOP_B], [BOTTOM_B])
            elif name.startswith("site-c"):
                text = page(title, paragraphs, "Công đoàn Giáo dục Cà Mau", "www.congdoancamau.vn",
                            f"{name[-4:]}-{slug}", [TOP_C] if i % 10 else [], [])
            elif name == "site-d":
                text = "\n".join([title, "", *paragraphs, *([RARE_D] if i % 10 == 0 else [])])
            else:
                text = "\n".join([title, "", *paragraphs])
            path.write_text(text + "\n", encoding="utf-8")
        counts[name] = end - start
        start = end
    return counts


def run(argv: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Run ``union-search ARGV``: wall seconds, CPU seconds (it and its workers), stdout."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "webui.cli", *argv], env=env,
                          capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(f"union-search {' '.join(argv)} failed:\n{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/learned-chrome"))
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    corpus, index = args.workdir / "archive", args.workdir / "index"
    counts = make_archive(args.paths, args.docs, corpus)
    files = sum(counts.values())
    print(f"archive: {files} files in {len(counts)} folders: "
          + ", ".join(f"{name} {n}" for name, n in counts.items()))
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    first, again = [], []
    for _ in range(args.repeat):
        shutil.rmtree(index, ignore_errors=True)
        wall, cpu, out = run(["index", "--corpus", str(corpus), "--index", str(index),
                              "--workers", str(args.workers), "--json"], env)
        summary = json.loads(out)
        first.append((wall, cpu))
        print(f"first index: {wall:.1f} s, CPU {cpu:.1f} s ({cpu / files * 1000:.1f} ms a "
              f"file): {summary['added']} added, {len(summary['failed'])} failed")
        for _ in range(3):
            wall, cpu, out = run(["index", "--corpus", str(corpus), "--index", str(index),
                                  "--json"], env)
            again.append((wall, cpu))
        print("unchanged re-index: " + ", ".join(f"{w:.2f} s (CPU {c:.2f} s)"
                                                for w, c in again[-3:]))
    print(f"\nmedian of {args.repeat}: first index {statistics.median(w for w, _ in first):.1f} s, "
          f"CPU {statistics.median(c for _, c in first) / files * 1000:.1f} ms a file; "
          f"unchanged re-index {statistics.median(w for w, _ in again):.2f} s "
          f"(CPU {statistics.median(c for _, c in again):.2f} s)")
    report_learned(index, env)


def report_learned(index: Path, env: dict[str, str]) -> None:
    """What ``union-search chrome`` lists, against what was injected; and what other
    thresholds would learn (when this version of the product learns chrome)."""
    try:
        from indexer.learned import line_hash, threshold_table
        from indexer.store import open_view
    except ImportError:
        print("(this version learns no chrome)")
        return
    _, _, out = run(["chrome", "--index", str(index), "--json"], env)
    listed = json.loads(out)["lines"]
    learned = {(item["site"], item["line"]) for item in listed}
    injected = {(site, line) for site, lines in INJECTED.items() for line in lines}
    kept = {(site, line) for site, lines in NOT_LEARNABLE.items() for line in lines}
    found = {line for _, line in learned} & {line for _, line in injected}
    wrong = sorted((site, line) for site, line in learned
                   if line not in {text for _, text in injected})
    print(f"\nlearned: {len(learned)} (site, line) pairs; injected lines found "
          f"{len(found)} of {len(injected)}; learned wrongly {len(wrong)}; lines below the "
          f"share learned {len({line for _, line in learned} & {line for _, line in kept})}")
    for item in listed:
        print(f"  {item['site']:<24} {item['reports']:>4}/{item['site_reports']:<4} {item['line']}")
    for site, line in wrong:
        print(f"  wrong: {site}: {line}")
    print("\n| min. reports | min. share | (site, line) pairs learned | injected lines found |"
          " learned wrongly |\n|---|---|---|---|---|")
    injected_lines = {line for _, line in injected}
    view = open_view(index)
    injected_hashes = {line_hash(line): line for line in injected_lines}
    for row in threshold_table(view, [(3, 5), (3, 10), (3, 20), (3, 50), (2, 20), (5, 20)]):
        lines = {injected_hashes.get(digest, digest) for _, digest in row["learned"]}
        print(f"| {row['min_reports']} | {row['min_share']} % | {len(row['learned'])} | "
              f"{len(lines & injected_lines)} of {len(injected_lines)} | "
              f"{len(lines - injected_lines)} |")


if __name__ == "__main__":
    main()
