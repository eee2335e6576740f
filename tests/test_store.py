"""The index seam: what a view reads agrees with Whoosh's public interface, the internal
fast paths still exist, and a view never changes once opened."""

import gc
import io
import shutil
import threading
import weakref

import numpy as np
import pytest
from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import W3PerDocReader

from indexer.documents import decompress_text, document_for
from indexer.fields import BODY_FOLDED as BODY_FOLD
from indexer.fields import BODY_SYLLABLES as BODY_SYLL
from indexer.fields import BODY_WORDS, FACETS, TEXT_FIELDS
from indexer.indexing import index_corpus
from indexer.report import load_report
from indexer.store import FAST_PATHS, open_view, open_writer
from indexer.store.schema import build_schema, to_stored_document
from search import Engine
from tests.conftest import CORPUS


@pytest.fixture(scope="module")
def view(index_dir):
    return open_view(index_dir)


@pytest.fixture(scope="module")
def reader(index_dir):
    with whoosh_index.open_dir(str(index_dir)).reader() as reader:
        yield reader


@pytest.mark.parametrize("path", ["postings", "lengths"])
def test_whoosh_internals_we_rely_on_are_there(path):
    # Fails on a Whoosh upgrade that renames the W3 codec's block arrays or length column:
    # the view would fall back to the public, much slower way (see indexer/store/view.py).
    assert FAST_PATHS[path]


def test_segment_readers_keep_their_per_document_reader(reader):
    # The length fast path reads each segment's W3PerDocReader through this attribute.
    assert all(isinstance(getattr(leaf, "_perdoc", None), W3PerDocReader)
               for leaf, _ in reader.leaf_readers())


@pytest.mark.parametrize(("field", "term"), [(BODY_SYLL, "đoàn"), (BODY_FOLD, "doan"),
                                             (BODY_WORDS, "công_đoàn"), ("province", "Lạng Sơn"),
                                             (BODY_SYLL, "không-có-từ-này")])
def test_postings_agree_with_whoosh(view, reader, field, term):
    docs, freqs = view.postings(field, term)
    if not reader.doc_frequency(field, term):
        assert len(docs) == 0
        return
    matcher = reader.postings(field, term.encode("utf-8"))
    expected = list(matcher.items_as("frequency"))
    assert docs.tolist() == [d for d, _ in expected]
    assert freqs.tolist() == [float(f) for _, f in expected]


@pytest.mark.parametrize(("field", "term"), [(BODY_SYLL, "đoàn"), (BODY_FOLD, "doan"),
                                             (BODY_FOLD, "không-có-từ-này")])
def test_positions_agree_with_whoosh(view, reader, field, term):
    table = view.position_table(field, term)
    expected = (dict(reader.postings(field, term.encode("utf-8")).items_as("positions"))
                if reader.doc_frequency(field, term) else {})
    assert table.docs.tolist() == sorted(expected)
    assert {d: table.of(d).tolist() for d in table.docs.tolist()} == \
        {d: list(p) for d, p in expected.items()}
    some = table.docs[::2]
    owners, positions = table.select(np.concatenate([some, [view.size + 5]]))
    assert list(zip(owners.tolist(), positions.tolist(), strict=True)) == [
        (d, p) for d in some.tolist() for p in expected[d]]


@pytest.mark.parametrize("field", [BODY_SYLL, TEXT_FIELDS["title"][0]])
def test_lengths_agree_with_whoosh(view, reader, field):
    expected = [reader.doc_field_length(d, field) for d in range(view.size)]
    assert view.lengths(field).tolist() == pytest.approx(expected)
    assert view.average_length(field) == pytest.approx(
        reader.field_length(field) / reader.doc_count_all())


def test_offsets_point_at_the_word_in_the_text(view):
    docs = view.postings(BODY_SYLL, "đoàn").docs[:3].tolist()
    offsets = view.offsets(BODY_SYLL, "đoàn", docs)
    assert set(offsets) == set(docs)
    for docnum, spots in offsets.items():
        text = decompress_text(view.stored(docnum)["text_z"])
        assert {text[start:end].lower() for _, start, end in spots} == {"đoàn"}
        assert [p for p, _, _ in spots] == view.positions(BODY_SYLL, "đoàn", [docnum])[docnum]


def test_stored_multi_valued_facets_are_lists(view):
    multi = [f.name for f in FACETS if f.multi]
    docnum = int(view.postings("award", "Bằng khen").docs[0])
    stored = view.stored(docnum)
    assert all(isinstance(stored.get(name, []), list) for name in multi)
    assert "Bằng khen" in stored["award"]


def test_docnum_and_suggestions(view):
    any_id = view.stored(0)["id"]
    assert view.docnum(any_id) == 0 and view.docnum("no-such-report") is None
    assert "đoàn" in view.suggest(BODY_SYLL, "đoan", limit=3)


@pytest.fixture
def small_index(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in sorted(CORPUS.glob("*.txt"))[:3]:
        shutil.copy(path, corpus)
    index = tmp_path / "index"
    index_corpus(corpus, index, workers=1)
    return corpus, index


def test_a_view_never_changes_and_new_requests_see_the_new_version(small_index):
    corpus, index = small_index
    engine = Engine(index)
    before = engine.pinned()
    old = open_view(index)
    assert old.doc_count == 3 and old.is_current()

    (corpus / "new.txt").write_text("Báo cáo mới\n\nCông đoàn trường tổ chức hội thao bóng "
                                    "chuyền.", encoding="utf-8")
    index_corpus(corpus, index, workers=1)

    assert not old.is_current() and old.doc_count == 3
    assert before.search("bóng chuyền")["total"] == 0  # a request under way keeps its version
    assert before.search("")["total"] == 3
    assert engine.search("bóng chuyền")["total"] == 1  # the next request sees the new one
    assert engine.search("")["total"] == 4


def test_concurrent_searches_during_a_commit_see_one_version_each(small_index):
    corpus, index = small_index
    engine = Engine(index)
    seen: list[tuple[int, int]] = []
    errors: list[BaseException] = []
    stop = threading.Event()

    def searcher() -> None:
        while not stop.is_set():
            try:
                pinned = engine.pinned()
                total = pinned.search("")["total"]
                facets = pinned.search("")["facets"]["report_type"]
                seen.append((total, sum(item["count"] for item in facets)))
            except BaseException as exc:  # noqa: BLE001 - reported below
                errors.append(exc)

    threads = [threading.Thread(target=searcher) for _ in range(4)]
    for thread in threads:
        thread.start()
    for number in range(3):
        (corpus / f"added-{number}.txt").write_text(
            f"Báo cáo số {number}\n\nCông đoàn trường họp bàn kế hoạch năm học.",
            encoding="utf-8")
        index_corpus(corpus, index, workers=1)
    stop.set()
    for thread in threads:
        thread.join()
    assert errors == []
    assert seen and all(total == counted for total, counted in seen)
    assert {total for total, _ in seen} <= {3, 4, 5, 6}
    assert engine.search("")["total"] == 6
    assert np.all(engine.snapshot().view.live)


def test_an_index_of_another_version_asks_for_a_rebuild(small_index):
    _, index = small_index
    (index / "union-search.json").write_text('{"schema_version": 2}')
    with pytest.raises(FileNotFoundError, match="built by another version.*union-search index"):
        open_view(index)


def test_postings_leave_out_deleted_reports(small_index):
    corpus, index = small_index
    changed = sorted(corpus.glob("*.txt"))[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nThêm một câu.", encoding="utf-8")
    index_corpus(corpus, index, workers=1)  # the old version of the report is deleted
    view = open_view(index)
    assert not view.live.all()
    with whoosh_index.open_dir(str(index)).reader() as reader:
        for term in ("đoàn", "công", "năm"):
            expected = [d for d in range(reader.doc_count_all()) if not reader.is_deleted(d)
                        and d in set(reader.postings(BODY_SYLL, term.encode()).all_ids())]
            assert view.postings(BODY_SYLL, term).docs.tolist() == expected
    view.close()


def test_a_view_nobody_reads_is_freed_at_once(small_index):
    # No reference cycle: the view and its open files go when the last reader lets go,
    # without waiting for the cycle collector.
    _, index = small_index
    view = open_view(index)
    view.postings(BODY_SYLL, "đoàn")
    view.lengths(BODY_SYLL)
    gone = weakref.ref(view)
    gc.disable()
    try:
        del view
        assert gone() is None
    finally:
        gc.enable()


def test_indexes_built_before_the_store_package_still_open():
    # Their pickled schema names the field class by its old import path.
    from indexer.schema import PretokenizedText as old_path
    from indexer.store.schema import PretokenizedText

    assert old_path is PretokenizedText



def _everything_indexed(index_dir, indexname):
    """Every posting (field, term, document, weight, value) and every field's lengths."""
    with whoosh_index.open_dir(str(index_dir), indexname=indexname).reader() as reader:
        schema, found = reader.schema, []
        for name in sorted(schema.names()):
            if not schema[name].indexed:
                continue
            for term in reader.lexicon(name):
                info = reader.term_info(name, term)  # its lengths: the postings' lengths
                found.append((name, term, info.min_length(), info.max_length()))
                matcher = reader.postings(name, term)
                while matcher.is_active():
                    found.append((name, term, matcher.id(), matcher.weight(), matcher.value()))
                    matcher.next()
        lengths = [[reader.doc_field_length(doc, name) for doc in range(reader.doc_count_all())]
                   for name in sorted(schema.names()) if schema[name].scorable]
        return found, lengths


@pytest.mark.parametrize("commit_every", [1, 2, 100])
def test_the_writer_writes_what_whoosh_writes(tmp_path, commit_every):
    # The writer reads lengths its own faster way while writing postings: the index must
    # be Whoosh's, posting for posting, whether in one segment or several.
    documents = [document_for(load_report(path, CORPUS)) for path in sorted(CORPUS.glob("*.txt"))]
    ours = open_writer(tmp_path / "ours", rebuild=True, commit_every=commit_every)
    for document in documents:
        ours.update(document)
    ours.finish()
    (tmp_path / "whoosh").mkdir()
    reference = whoosh_index.create_in(str(tmp_path / "whoosh"), build_schema(), indexname="MAIN")
    for first in range(0, len(documents), commit_every):
        with reference.writer() as writer:
            for document in documents[first:first + commit_every]:
                writer.update_document(**to_stored_document(document))
    assert _everything_indexed(tmp_path / "ours", "MAIN") == \
        _everything_indexed(tmp_path / "whoosh", "MAIN")


def test_segments_are_read_in_their_map_not_copied(reader):
    # Whoosh wraps each mapped part of a segment in a copy (io.BytesIO); the store reads
    # the map itself. Fails if a Whoosh upgrade bypasses the patched BufferFile.
    from whoosh.filedb.structfile import BufferFile

    from indexer.store.mapped import _MappedRaw

    parts = [leaf._terms._dbfile for leaf, _ in reader.leaf_readers()]
    assert parts and all(isinstance(p, BufferFile) and isinstance(p.file.raw, _MappedRaw)
                         for p in parts)


@pytest.mark.parametrize(("calls", "expected"), [
    ([("read", 3)], [b"abc"]),
    ([("read", -1)], [b"abc\ndef\nghi"]),
    ([("read", 100), ("read", 1)], [b"abc\ndef\nghi", b""]),
    ([("readline",), ("readline",), ("readline",), ("readline",)],
     [b"abc\n", b"def\n", b"ghi", b""]),
    ([("seek", 4), ("read", 3), ("tell",)], [4, b"def", 7]),
    ([("seek", -3, 2), ("read", -1)], [8, b"ghi"]),
    ([("read", 2), ("seek", 1, 1), ("read", 2)], [b"ab", 3, b"\nd"]),
])
def test_memory_reader_reads_like_a_file(calls, expected):
    from indexer.store.mapped import memory_reader

    data = b"abc\ndef\nghi"
    ours, theirs = memory_reader(memoryview(data)), io.BytesIO(data)
    got = [getattr(ours, name)(*args) for name, *args in calls]
    assert got == expected == [getattr(theirs, name)(*args) for name, *args in calls]


def test_memory_reader_loads_a_pickle():
    import pickle

    from indexer.store.mapped import memory_reader

    data = pickle.dumps({"a": [1, 2, 3]}) + pickle.dumps("next") + bytes(10_000)
    reader = memory_reader(memoryview(data))
    assert (pickle.load(reader), pickle.load(reader)) == ({"a": [1, 2, 3]}, "next")
    assert reader.seek(0) == 0 and pickle.load(reader) == {"a": [1, 2, 3]}
    target = bytearray(4)
    assert memory_reader(b"xyz").readinto(target) == 3 and target == bytearray(b"xyz\0")
