import json
import shutil

import pytest

from indexer.report import METADATA_FIELDS, iter_corpus, load_report, report_id
from tests.conftest import CORPUS
from webui.resources import valid_id

HOSTILE_NAMES = [
    "000_3fa81f57103253cb.txt", "2019/lang-son/report.html", "báo cáo.txt", "bao cao.txt",
    "Đại hội công đoàn trường.txt", "(2019) Báo cáo.txt", "Báo cáo... tổng kết.txt",
    "_nháp.txt", "a/b.txt", "a--b.txt", "a-b.txt", "..txt", "-x.txt", ".txt", "x.", "x",
    "ĐẠI HỘI.TXT", "đại hội.txt", "dai hoi.txt", "2019/ĐH/a b.txt", "2019/dh/a-b.txt",
    "báo cáo (1).txt", "báo cáo (2).txt", "very " * 60 + "long.txt", "emoji 😀.txt",
]


@pytest.mark.parametrize(("relative", "expected"), [
    ("000_3fa81f57103253cb.txt", "000_3fa81f57103253cb.txt"),
    ("Đại hội công đoàn trường.txt", "dai-hoi-cong-doan-truong.txt--"),
    ("(2019) Báo cáo.txt", "2019-bao-cao.txt--"),
    ("Báo cáo... tổng kết.txt", "bao-cao-tong-ket.txt--"),
    ("2019/lang-son/report.html", "2019--lang-son--report.html--"),
    ("_nháp.txt", "nhap.txt--"),
])
def test_report_ids_are_readable(relative, expected):
    assert report_id(relative).startswith(expected)


def test_every_name_gets_a_valid_stable_unique_id():
    ids = [report_id(name) for name in HOSTILE_NAMES]
    assert ids == [report_id(name) for name in HOSTILE_NAMES]  # stable
    assert len(set(ids)) == len(ids)  # unique, "a/b.txt" and "a--b.txt" included
    for rid in ids:
        assert valid_id(rid), rid  # the web site's id check accepts every one


def test_seed_ids_and_sources(seeds):
    assert [r.source for r in seeds.values()] == sorted(p.name for p in CORPUS.glob("*.txt"))
    assert all(r.id == r.source for r in seeds.values())
    assert all(len(r.sha256) == 64 for r in seeds.values())


def test_sidecar_overrides_extraction(data_report):
    report = data_report("override.txt")
    assert report.province == "Thanh Hóa"  # "Thanh Hoá" as typed, canonical form kept
    assert report.school_year == "2017-2018"
    assert report.report_type == "tổng kết năm học"
    assert report.people == ["Lê Văn An – Chủ tịch Công đoàn cơ sở"]
    assert sorted(report.overrides) == ["people", "province", "report_type", "school_year"]
    assert report.warnings == []


def _copy_with_sidecar(tmp_path, sidecar_text):
    source = CORPUS / "004_54bbc81b5d115ec8.txt"
    target = tmp_path / source.name
    shutil.copy(source, target)
    (tmp_path / (source.name + ".meta.json")).write_text(sidecar_text, encoding="utf-8")
    return load_report(target, tmp_path)


def test_sidecar_can_set_date_and_awards(tmp_path):
    report = _copy_with_sidecar(tmp_path, json.dumps({
        "date": "2020-07-30",
        "awards": [{"award": "Bằng khen", "body": "LĐLĐ tỉnh Hà Nam", "individuals": 3}],
    }))
    assert report.date == "2020-07-30"
    assert [(a.award, a.body, a.individuals, a.kinds) for a in report.awards] == [
        ("Bằng khen", "LĐLĐ tỉnh Hà Nam", 3, ["Bằng khen"])
    ]
    assert report.province == "Hà Nam"  # untouched fields keep their extracted values


@pytest.mark.parametrize(
    ("sidecar", "warning"),
    [
        ("{not json", "not read"),
        ("[1, 2]", "expected a JSON object"),
        ('{"colour": "red"}', "colour: unknown field"),
        ('{"date": "30/07/2020"}', "expected a calendar date YYYY-MM-DD"),
        ('{"date": "2017-W10-4"}', "expected a calendar date YYYY-MM-DD"),
        ('{"date": "2021-02-30"}', "expected a calendar date YYYY-MM-DD"),
        ('{"published": 20200730}', "expected a string"),
        ('{"province": null}', "expected a string"),
        ('{"people": "Lê Văn An"}', "expected a list of strings"),
        ('{"awards": [{"prize": 1}]}', "award 1 ignored: unknown field 'prize'"),
        ('{"awards": [{"award": null}]}', "award 1 ignored: award must be a non-empty"),
        ('{"awards": [{"award": "Bằng khen", "collectives": "hai"}]}',
         "collectives must be a whole number"),
        ('{"awards": [{"award": "Bằng khen", "individuals": -3}]}',
         "individuals must be a whole number"),
        ('{"awards": "Bằng khen"}', "expected a list of award objects"),
        ('{"not_duplicate": "yes"}', "not_duplicate: expected true or false"),
        ('{"duplicate_of": "../../etc/passwd"}', "duplicate_of: expected a report id"),
    ],
)
def test_bad_sidecar_is_reported_and_the_report_kept(tmp_path, sidecar, warning):
    report = _copy_with_sidecar(tmp_path, sidecar)
    assert report.province == "Hà Nam"
    assert len(report.warnings) == 1 and warning in report.warnings[0]


OVERRIDES = {"title": "Tiêu đề sửa tay", "date": "2020-07-30", "published": "2020-08-01",
             "school_year": "2018-2019", "semester": "II", "report_type": "đại hội",
             "province": "Cao Bằng", "district": "Bình Lục",
             "organization": "Công đoàn trường X", "author": "Nguyễn Văn B",
             "people": ["Lê Văn An – Chủ tịch"], "text": "Nội dung sửa tay.",
             "duplicate_of": "002_cce08653f4e9e0c2.txt", "not_duplicate": True,
             "number": "12/KH-CĐN", "document_type": "kế hoạch", "place": "Phủ Lý",
             "signer": "Trần Văn C"}


def test_every_overridable_field_is_tested():
    # awards: see test_sidecar_can_set_date_and_awards
    assert set(METADATA_FIELDS) == set(OVERRIDES) | {"awards"}


@pytest.mark.parametrize(("field", "value"), OVERRIDES.items())
def test_every_metadata_field_may_be_overridden(tmp_path, field, value):
    report = _copy_with_sidecar(tmp_path, json.dumps({field: value}, ensure_ascii=False))
    assert getattr(report, field) == value
    assert list(report.overrides) == [field] and report.warnings == []


def test_iter_corpus_skips_sidecars_and_hidden_files(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "a.txt.meta.json").write_text("{}")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "b.txt").write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.pdf").write_text("x")
    assert [p.relative_to(tmp_path).as_posix() for p in iter_corpus(tmp_path)] == [
        "a.txt", "sub/c.pdf"
    ]


def test_iter_corpus_lists_files_in_the_order_of_their_paths(tmp_path):
    names = ["a/x.txt", "a-b.txt", "a.txt", "B.txt", "sub/z/y.docx", "sub/z.txt", "sub-a/c.pdf"]
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    assert list(iter_corpus(tmp_path)) == sorted(tmp_path / name for name in names)


def test_report_json_round_trips(seeds):
    data = json.loads(json.dumps(seeds["002"].to_dict(), ensure_ascii=False))
    assert data["awards"][0]["collectives"] == 3
    assert data["text"].startswith("Công đoàn Giáo dục Lạng Sơn")

