"""The NumPy scorer agrees with Whoosh's own BM25F on term queries and finds the same
documents for every kind of query (Whoosh scores every match one by one; we do it as arrays).

The reference is Whoosh itself, reached here directly: our query tree is translated to
Whoosh's query objects and run by Whoosh's searcher on the same index.
"""

import numpy as np
import pytest
from whoosh import index as whoosh_index
from whoosh import query as Q

from search import querytree as T
from search.matching import build_query
from search.query import parse_query


def to_whoosh(node):
    if isinstance(node, T.Term):
        return Q.Term(node.field, node.text, boost=node.boost)
    if isinstance(node, T.Phrase):
        return Q.Phrase(node.field, list(node.words), boost=node.boost)
    if isinstance(node, T.And):
        return Q.And([to_whoosh(p) for p in node.parts])
    if isinstance(node, T.Or):
        return Q.Or([to_whoosh(p) for p in node.parts])
    if isinstance(node, T.AndMaybe):
        return Q.AndMaybe(to_whoosh(node.required), to_whoosh(node.optional))
    if isinstance(node, T.AndNot):
        return Q.AndNot(to_whoosh(node.positive), to_whoosh(node.negative))
    if isinstance(node, T.Every):
        return Q.Every()
    raise TypeError(node)


@pytest.fixture(scope="module")
def whoosh_searcher(index_dir):
    with whoosh_index.open_dir(str(index_dir)).searcher() as searcher:
        yield searcher


@pytest.mark.parametrize("query", ["công đoàn", "cong doan", "Lạng Sơn", "năm", "nam",
                                   "thi đua -quà", "Bằng khen OR quà", "29-NQ/TW",
                                   "giáo dục và đào tạo"])
def test_same_documents_and_scores_as_whoosh(engine, whoosh_searcher, query):
    built = build_query(parse_query(query)).query
    whoosh = {hit.docnum: hit.score
              for hit in whoosh_searcher.search(to_whoosh(built), limit=None)}
    mask, scores = engine.snapshot().scorer.evaluate(built)
    ours = {int(d): float(scores[d]) for d in np.flatnonzero(mask)}
    assert ours and set(ours) == set(whoosh)
    for docnum, score in whoosh.items():
        assert ours[docnum] == pytest.approx(score, rel=1e-3)


@pytest.mark.parametrize("query", ['"hội nghị ban chấp hành mở rộng"', '"thi dua"',
                                   '"cán bộ nhà giáo người lao động"', '"Dạy tốt – Học tốt"'])
def test_phrases_find_the_same_documents_as_whoosh(engine, whoosh_searcher, query):
    built = build_query(parse_query(query)).query
    whoosh = set(whoosh_searcher.docs_for_query(to_whoosh(built)))
    mask, _ = engine.snapshot().scorer.evaluate(built)
    assert whoosh and set(np.flatnonzero(mask).tolist()) == whoosh
