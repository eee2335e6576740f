"""Relevance benchmark: does the engine find the document a query was made from (not run by
the tests).

    .venv/bin/python -m tests.relevance ../shared/corpora/dantri-unc.jsonl.gz --docs 2653 \\
        [--index /tmp/relevance-index] [--keep] [--queries 60] [--seed 7]

Method
    The first ``--docs`` records of the gzip JSON Lines files (``id``, ``title``, ``date``,
    ``text``) are indexed through :func:`indexer.indexing.index_records` (``--keep`` searches
    an existing index instead). Queries are then generated from the corpus itself, by fixed
    rules driven by ``random.Random(--seed)``, so every run with the same arguments asks the
    same questions and nothing is tuned by hand. Each query has exactly one target document:

    known item
        For ``--queries`` documents picked at random: a run of 3-5 consecutive whitespace
        words of one sentence of the document's text, each made of letters only (no digits,
        no punctuation attached), at least one of 4+ letters, not the sentence's first word.
        It must occur in the target and in no other loaded document: a substring search of
        the phrase over every document's title and text, both normalised
        (:func:`indexer.normalize.normalize_text`: NFC and one tone-mark placement) and
        lowercased. Up to 40 random windows are tried per document; a document with no
        unique one is replaced by the next random document.
    question
        For ``--queries`` other documents (whose title no other loaded document shares): the
        title's words (``\\w+`` runs, so punctuation is dropped; case and marks kept as in
        the title), minus, with probability 1/2 and when the title has 5+ words, one random
        word of at most 3 letters that is not capitalised, put into a random frame of
        ``FRAMES`` ("tại sao ...", "... như thế nào", ...).

    Every query is run in five typings (``VARIANTS``): as written; lowercase; no marks
    (:func:`indexer.normalize.fold` of the lowercase); tone marks swapped to the other
    placement of oa/oe/uy in a syllable with no final (``hòa`` <-> ``hoà``, ``thủy`` <->
    ``thuỷ``, ``khỏe`` <-> ``khoẻ``; see :func:`swap_tone_placement`); and Unicode NFD. The
    table's "changed" column counts the queries a variant actually alters.

    Each query goes through :meth:`search.Engine.search` (``per_page=10``, snippets and
    suggestions on, as the web UI asks) and through two SQLite FTS5 baselines built in
    memory from the same documents (title + text):

    words
        pyvi-segmented text (NFC, lowercased, compounds joined by "_", punctuation dropped)
        in ``unicode61 remove_diacritics 0 tokenchars '_'``; the query is segmented the same
        way and its words OR-ed, ranked by ``bm25()``.
    folded syllables
        The plain lowercase NFC text in ``unicode61 remove_diacritics 2``; the query's
        lowercase NFC words OR-ed, ranked by ``bm25()``. FTS5 removes the marks but keeps
        "đ" (a letter of its own in Unicode), so "doan" does not find "đoàn" here.

    Reported per query class and typing: success@10 (the target in the first ten hits),
    MRR (1/rank of the target within the first ten, else 0) and the product's median
    wall-clock milliseconds per search; then one summary line per class and the ten worst
    known-item misses of the product.
"""

from __future__ import annotations

import argparse
import bisect
import multiprocessing
import random
import re
import shutil
import sqlite3
import statistics
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from indexer.indexing import index_records
from indexer.normalize import fold, normalize_text
from indexer.report import report_id
from search import Engine
from tests.benchmark import records

FRAMES = [
    "{} như thế nào",
    "tại sao {}",
    "{} là gì",
    "{} ra sao",
    "có phải {} không",
    "vì sao {}",
    "{} ở đâu",
    "bao giờ {}",
]

# Tone marks in NFD: grave, acute, tilde, hook above, dot below.
_TONE = "\u0300\u0301\u0303\u0309\u0323"
# Nothing letter-like after the vowel pair: no final consonant, no further mark.
_END = r"(?![^\W\d_]|[\u0300-\u036f])"
# In NFD: mark on the first vowel ("ho\u0300a"), or on the second ("hoa\u0300"). After "q"
# the "u" of "uy" belongs to the consonant ("quý"): left alone.
_FIRST = rf"(?P<f1>[oO](?=[{_TONE}][aAeE])|(?<![qQ])[uU](?=[{_TONE}][yY]))(?P<fm>[{_TONE}])" \
         rf"(?P<f2>[aAeEyY]){_END}"
_SECOND = rf"(?P<s1>[oO](?=[aAeE])|(?<![qQ])[uU](?=[yY]))(?P<s2>[aAeEyY])(?P<sm>[{_TONE}]){_END}"
_PLACEMENT = re.compile(f"{_FIRST}|{_SECOND}")

_SENTENCE_END = re.compile(r"(?<=[.!?…:;])\s+|\n+")
_WORD = re.compile(r"[^\W_]+")
_MAX_TRIES = 40


def swap_tone_placement(text: str) -> str:
    """Move the tone mark of oa/oe/uy with no final to the other vowel of the pair.

    ``hòa`` -> ``hoà`` and ``hoà`` -> ``hòa`` (likewise ``thủy``/``thuỷ``, ``khỏe``/``khoẻ``);
    ``hoàn``, ``hoài``, ``quý`` are unchanged. Returns NFC.
    """

    def swap(match: re.Match[str]) -> str:
        if match.group("f1"):
            return match.group("f1") + match.group("f2") + match.group("fm")
        return match.group("s1") + match.group("sm") + match.group("s2")

    return unicodedata.normalize("NFC", _PLACEMENT.sub(swap, unicodedata.normalize("NFD", text)))


VARIANTS: list[tuple[str, Callable[[str], str]]] = [
    ("as written", lambda q: q),
    ("lowercase", lambda q: q.lower()),
    ("no marks", lambda q: fold(q.lower())),
    ("tone placement swapped", swap_tone_placement),
    ("NFD", lambda q: unicodedata.normalize("NFD", q)),
]


@dataclass
class Doc:
    hit_id: str
    record_id: str
    title: str
    text: str


@dataclass
class Query:
    kind: str
    text: str
    target: int  # index into the loaded documents


@dataclass
class Row:
    """Outcomes of one query class in one typing."""

    ranks: dict[str, list[int | None]] = field(default_factory=dict)
    times: list[float] = field(default_factory=list)
    changed: int = 0


# -- loading ------------------------------------------------------------------------------------


def searchable(doc: Doc) -> str:
    """What the uniqueness check searches: normalised, lowercased title and text."""
    return normalize_text(f"{doc.title}\n{doc.text}").lower()


# -- query generation ---------------------------------------------------------------------------


def phrase_windows(text: str) -> list[tuple[list[str], int, int]]:
    """Every candidate (sentence words, start, length) of a known-item phrase."""
    windows = []
    for sentence in _SENTENCE_END.split(text):
        words = sentence.split()
        for start in range(1, len(words)):
            for length in (3, 4, 5):
                chunk = words[start:start + length]
                if len(chunk) < length or not all(w.isalpha() for w in chunk):
                    break
                if any(len(w) >= 4 for w in chunk):
                    windows.append((words, start, length))
    return windows


class Corpus:
    """The loaded documents as one lowercased string, for substring uniqueness checks."""

    def __init__(self, docs: list[Doc]) -> None:
        texts = [searchable(doc) for doc in docs]
        self.starts: list[int] = []
        offset = 0
        for text in texts:
            self.starts.append(offset)
            offset += len(text) + 1
        self.big = "\x00".join(texts)

    def only_in(self, phrase: str, target: int) -> bool:
        """True when ``phrase`` occurs in document ``target`` and in no other."""
        found = False
        pos = self.big.find(phrase)
        while pos != -1:
            if bisect.bisect_right(self.starts, pos) - 1 != target:
                return False
            found = True
            pos = self.big.find(phrase, pos + 1)
        return found


def known_item_queries(docs: list[Doc], order: list[int], count: int, rng: random.Random,
                       corpus: Corpus) -> tuple[list[Query], int]:
    """Known-item phrases for the first ``count`` documents of ``order`` that have one;
    returns them and how many documents of ``order`` were used up."""
    queries: list[Query] = []
    used = 0
    for index in order:
        if len(queries) >= count:
            break
        used += 1
        windows = phrase_windows(docs[index].text)
        rng.shuffle(windows)
        for words, start, length in windows[:_MAX_TRIES]:
            phrase = " ".join(words[start:start + length])
            if corpus.only_in(normalize_text(phrase).lower(), index):
                queries.append(Query("known item", phrase, index))
                break
    return queries, used


def question_queries(docs: list[Doc], order: list[int], count: int,
                     rng: random.Random) -> list[Query]:
    """Rule-made questions from the titles of the first ``count`` usable documents."""
    titles: dict[str, int] = {}
    for doc in docs:
        key = " ".join(_WORD.findall(normalize_text(doc.title).lower()))
        titles[key] = titles.get(key, 0) + 1
    queries: list[Query] = []
    for index in order:
        if len(queries) >= count:
            break
        words = _WORD.findall(docs[index].title)
        key = " ".join(_WORD.findall(normalize_text(docs[index].title).lower()))
        if len(words) < 3 or titles.get(key, 0) > 1:
            continue
        if len(words) >= 5 and rng.random() < 0.5:
            short = [i for i, w in enumerate(words) if len(w) <= 3 and not w[0].isupper()]
            if short:
                del words[rng.choice(short)]
        frame = rng.choice(FRAMES)
        queries.append(Query("question", frame.format(" ".join(words)), index))
    return queries


# -- baselines ----------------------------------------------------------------------------------


def pyvi_words(text: str) -> str:
    """pyvi words of a text: NFC, compounds joined by "_", lowercased, punctuation dropped."""
    from pyvi import ViTokenizer

    out = []
    for line in unicodedata.normalize("NFC", text).split("\n"):
        if line.strip():
            out.extend(re.findall(r"\w+", ViTokenizer.tokenize(line).lower()))
    return " ".join(out)


def syllables(text: str) -> str:
    """Lowercase NFC syllables (letters and digits) of a text."""
    return " ".join(_WORD.findall(unicodedata.normalize("NFC", text).lower()))


class Fts5:
    """An in-memory FTS5 table of the documents, ranked by bm25()."""

    def __init__(self, tokenize: str, bodies: list[str]) -> None:
        self.db = sqlite3.connect(":memory:")
        self.db.execute(f"CREATE VIRTUAL TABLE docs USING fts5(body, tokenize=\"{tokenize}\")")
        self.db.executemany("INSERT INTO docs(rowid, body) VALUES (?, ?)",
                            ((i, body) for i, body in enumerate(bodies)))
        self.db.commit()

    def search(self, words: str) -> list[int]:
        tokens = sorted(set(words.split()))
        if not tokens:
            return []
        match = " OR ".join('"' + token.replace('"', '""') + '"' for token in tokens)
        rows = self.db.execute(
            "SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT 10", (match,))
        return [row[0] for row in rows]


# -- scoring ------------------------------------------------------------------------------------


def rank_of(target: Any, ranked: list[Any]) -> int | None:
    return ranked.index(target) + 1 if target in ranked else None


def success(ranks: list[int | None]) -> float:
    return sum(r is not None for r in ranks) / len(ranks) if ranks else 0.0


def mrr(ranks: list[int | None]) -> float:
    return sum(1 / r for r in ranks if r is not None) / len(ranks) if ranks else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--docs", type=int, default=2_653)
    parser.add_argument("--index", type=Path, default=Path("/tmp/relevance-index"))
    parser.add_argument("--keep", action="store_true", help="search an existing index")
    parser.add_argument("--queries", type=int, default=60, help="queries per class")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    run_started = time.perf_counter()

    loaded = list(records(args.paths, args.docs))
    failed: set[str] = set()
    if not args.keep:
        shutil.rmtree(args.index, ignore_errors=True)
        summary = index_records(loaded, args.index, workers=args.workers,
                                commit_every=5_000, rebuild=True)
        failed = set(summary.failed)
        print(f"indexed {summary.added} docs in {summary.seconds:.1f} s, "
              f"{len(failed)} failed")
    docs = [Doc(report_id("records/" + str(r["id"])), str(r["id"]), str(r.get("title") or ""),
                str(r.get("text") or "")) for r in loaded]

    started = time.perf_counter()
    rng = random.Random(args.seed)
    order = [i for i, doc in enumerate(docs) if doc.record_id not in failed and doc.text]
    rng.shuffle(order)
    corpus = Corpus(docs)
    known, used = known_item_queries(docs, order, args.queries, rng, corpus)
    questions = question_queries(docs, order[used:], args.queries, rng)
    print(f"queries: {len(known)} known-item, {len(questions)} question "
          f"({time.perf_counter() - started:.1f} s)")

    started = time.perf_counter()
    bodies = [f"{doc.title}\n{doc.text}" for doc in docs]
    with multiprocessing.get_context().Pool(args.workers) as pool:
        segmented = pool.map(pyvi_words, bodies, chunksize=16)
    words_fts = Fts5("unicode61 remove_diacritics 0 tokenchars '_'", segmented)
    folded_fts = Fts5("unicode61 remove_diacritics 2", [syllables(b) for b in bodies])
    print(f"baselines: pyvi and FTS5 over {len(docs)} docs in "
          f"{time.perf_counter() - started:.1f} s")

    engine = Engine(args.index)
    engine.search("công đoàn", per_page=10)  # opens the index, loads pyvi
    started = time.perf_counter()
    rows: dict[tuple[str, str], Row] = {}
    misses: list[tuple[int, str, str, int | None, int]] = []
    for queries in (known, questions):
        for number, query in enumerate(queries):
            target = docs[query.target]
            for variant, typed in VARIANTS:
                text = typed(query.text)
                row = rows.setdefault((query.kind, variant), Row())
                row.changed += text != query.text
                began = time.perf_counter()
                try:
                    result = engine.search(text, per_page=10)
                except Exception as exc:  # a failing query is a miss, not a crash
                    result = {"hits": [], "total": 0}
                    print(f"error on {text!r}: {type(exc).__name__}: {exc}")
                row.times.append((time.perf_counter() - began) * 1000)
                rank = rank_of(target.hit_id, [hit["id"] for hit in result["hits"]])
                row.ranks.setdefault("product", []).append(rank)
                row.ranks.setdefault("words", []).append(
                    rank_of(query.target, words_fts.search(pyvi_words(text))))
                row.ranks.setdefault("folded", []).append(
                    rank_of(query.target, folded_fts.search(syllables(text))))
                if query.kind == "known item" and rank != 1:
                    misses.append((number, text, variant, rank, int(result["total"])))
    print(f"searches: {sum(len(r.times) for r in rows.values())} in "
          f"{time.perf_counter() - started:.1f} s\n")

    print("| class | typing | queries (changed) | product s@10 | product MRR | words s@10 "
          "| words MRR | folded s@10 | folded MRR | product median ms |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for (kind, variant), row in rows.items():
        cells = [kind, variant, f"{len(row.times)} ({row.changed})"]
        for system in ("product", "words", "folded"):
            cells += [f"{success(row.ranks[system]):.2f}", f"{mrr(row.ranks[system]):.3f}"]
        cells.append(f"{statistics.median(row.times):.0f}")
        print("| " + " | ".join(cells) + " |")

    print()
    for kind in ("known item", "question"):
        parts = []
        for system in ("product", "words", "folded"):
            ranks = [r for (k, _), row in rows.items() if k == kind for r in row.ranks[system]]
            parts.append(f"{system} s@10 {success(ranks):.2f} MRR {mrr(ranks):.3f}")
        times = [t for (k, _), row in rows.items() if k == kind for t in row.times]
        worst = min((row for (k, _), row in rows.items() if k == kind),
                    key=lambda row: success(row.ranks["product"]))
        worst_variant = next(v for (k, v), row in rows.items() if k == kind and row is worst)
        print(f"{kind}: " + "; ".join(parts) + f"; product median {statistics.median(times):.0f}"
              f" ms; product's weakest typing: {worst_variant} "
              f"(s@10 {success(worst.ranks['product']):.2f})")

    # Worst first (not in the top 10, then lowest rank); each query once before any repeats.
    misses.sort(key=lambda m: -(m[3] or 11))
    shown: list[tuple[int, str, str, int | None, int]] = []
    seen: set[int] = set()
    for repeat in (False, True):
        for miss in misses:
            if len(shown) < 10 and (miss[0] in seen) == repeat and miss not in shown:
                shown.append(miss)
                seen.add(miss[0])
    print("\nKnown-item: the product's worst results\n")
    print("| query | typing | rank | matches |\n|---|---|---|---|")
    for _, text, variant, rank, total in shown:
        print(f"| {text} | {variant} | {rank or 'not in top 10'} | {total} |")
    print(f"\nrun time {time.perf_counter() - run_started:.0f} s")


if __name__ == "__main__":
    main()
