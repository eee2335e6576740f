"""The NumPy scorer agrees with Whoosh's own BM25F on term queries and finds the same
documents for every kind of query (Whoosh scores every match one by one; we do it as arrays).
"""

import numpy as np
import pytest

from search.matching import build_query
from search.query import parse_query


@pytest.mark.parametrize("query", ["công đoàn", "cong doan", "Lạng Sơn", "năm", "nam",
                                   "thi đua -quà", "Bằng khen OR quà", "29-NQ/TW",
                                   "giáo dục và đào tạo"])
def test_same_documents_and_scores_as_whoosh(engine, query):
    searcher, _ = engine._current()
    built = build_query(parse_query(query)).query
    whoosh = {hit.docnum: hit.score for hit in searcher.search(built, limit=None)}
    mask, scores = engine._scorer.evaluate(built)
    ours = {int(d): float(scores[d]) for d in np.flatnonzero(mask)}
    assert set(ours) == set(whoosh)
    for docnum, score in whoosh.items():
        assert ours[docnum] == pytest.approx(score, rel=1e-3)


@pytest.mark.parametrize("query", ['"hội nghị ban chấp hành mở rộng"', '"thi dua"',
                                   '"cán bộ nhà giáo người lao động"', '"Dạy tốt – Học tốt"'])
def test_phrases_find_the_same_documents_as_whoosh(engine, query):
    searcher, _ = engine._current()
    built = build_query(parse_query(query)).query
    whoosh = set(searcher.docs_for_query(built))
    mask, _ = engine._scorer.evaluate(built)
    assert set(np.flatnonzero(mask).tolist()) == whoosh
