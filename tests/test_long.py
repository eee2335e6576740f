"""The long suites, run by CI after ``make test`` (``.venv/bin/pytest -m long -s``).

The reliability benchmark at the scale CI can afford on two cores: a generated archive of
2,000 reports with about 5 % broken in each of ten ways, six SIGKILLs of the indexer and of
its workers (each kind of kill, the commonest twice), 20,000 requests at 1, 8, 32 and 64
clients; about half an hour on a quiet machine. Every check it makes must hold.
docs/reliability.md has the figures of such a run. Its report is kept in the work folder
(``report.md``) and printed for the CI log.
"""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.long


def test_reliability_at_full_scale(tmp_path):
    workdir = tmp_path / "reliability"
    done = subprocess.run(
        [sys.executable, "-m", "tests.reliability", "--reports", "2000", "--kills", "6",
         "--clients", "1,8,32,64", "--requests", "20000", "--workdir", str(workdir)],
        cwd=ROOT, capture_output=True, text=True, timeout=75 * 60)
    report = done.stdout
    (tmp_path / "report.md").write_text(report, encoding="utf-8")
    print(report)  # the CI log shows the figures
    assert done.returncode == 0, report[-4000:] + done.stderr[-4000:]
    assert "**all checks passed**" in report
