"""From a parsed query to a query tree (:mod:`search.querytree`): the Vietnamese matching rules.

Built in code, never by a generic query parser (which splits on spaces before analysis, so
"công đoàn" would never meet the indexed word "công_đoàn").

* The plain words' informative syllables are required: all of them when there are up to
  ``LONG_QUERY - 1``, at least one in a longer query (reports with more, and rarer, of them
  rank first; see :mod:`search.ranking`). Question and function words
  (``search/data/function_words.txt``: gì, nào, như thế nào, là, của…) rank but never
  exclude, unless the query has nothing else. A syllable typed with marks matches that
  syllable exactly (tone-mark variants were made one form by normalisation): "năm" is not
  "nam". A syllable typed without marks matches the folded field ("cong doan", "Lang Son",
  mixed "cong đoàn"), and literal matches rank first ("nam" prefers nam over năm).
* On top, optional boosts rank compound-word matches first: every run of two to four
  adjacent query syllables is looked up as a compound word, exactly in the word fields when
  typed with marks, folded in the folded-word fields otherwise. (Term lookups, not phrase
  queries: phrase matching over every candidate cost most of the search time.)
* Title fields weigh more than body fields (``TITLE``); words more than syllables, exact more
  than folded (``WEIGHTS``). :mod:`search.scoring` scores with BM25F.
* Abbreviations expand both ways through ``indexer/data/abbreviations.txt``: the syllables
  of an expansion ("cán bộ nhà giáo người lao động") may instead match its abbreviation
  ("CBNGNLĐ"), and an abbreviation may instead match its expansion as a phrase.
* Proximity: the pairs of syllables side by side in the query, as typed, are looked up in
  the pair fields; :mod:`search.ranking` ranks reports by how many stand together.
* A quoted phrase matches adjacent syllables (exactly when every syllable has marks, else
  folded); ``-x`` excludes (the same way); ``a OR b`` needs either.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import lru_cache

from indexer.analysis import analyze, code_key, is_folded, pairs_of
from indexer.fields import (
    BODY_FOLDED,
    BODY_FOLDED_WORDS,
    BODY_SYLLABLES,
    BODY_WORDS,
    TITLE_FOLDED,
    TITLE_FOLDED_WORDS,
    TITLE_SYLLABLES,
    TITLE_WORDS,
)
from indexer.normalize import fold
from indexer.orgs import abbreviations

from .function_words import function_word_flags
from .query import Clause, ParsedQuery, Term
from .querytree import And, AndMaybe, AndNot, Every, Node, Or, Phrase
from .querytree import Term as TermNode

__all__ = ["Matching", "build_query", "syllables_of", "WEIGHTS", "TITLE", "LONG_QUERY"]

WEIGHTS = {"words": 2.0, "fwords": 1.5, "syll": 1.0, "fold": 0.6, "pairs": 1.0}
TITLE = 2.5
_NGRAMS = (2, 3, 4)
# From this many informative words on, a query does not require them all.
LONG_QUERY = 4

# Snippets are cut from the syllable field's offsets; folded forms are mapped back to the
# syllables they stand for (see search.engine).
EXACT, FOLDED = "exact", "folded"


@dataclass
class Matching:
    """What a query asks, as query trees by role, plus what to highlight in snippets:
    ``EXACT`` syllables and ``FOLDED`` ones (which stand for every syllable that folds to
    them).

    ``words`` are the informative plain words (required: all, or ``min_words``);
    ``function_words`` only rank; ``strict`` clauses (quoted phrases, ``OR`` groups) are
    required; ``excluded`` ones must not match; ``boosts`` rank compound-word matches;
    ``pairs`` are the plain words' folded syllables two by two, as typed (proximity).
    """

    words: list[Node] = field(default_factory=list)
    function_words: list[Node] = field(default_factory=list)
    strict: list[Node] = field(default_factory=list)
    excluded: list[Node] = field(default_factory=list)
    boosts: list[Node] = field(default_factory=list)
    pairs: list[str] = field(default_factory=list)
    highlight: dict[str, set[str]] = field(default_factory=dict)
    syllables: list[str] = field(default_factory=list)  # plain syllables, for did-you-mean

    def mark(self, kind: str, text: str) -> None:
        self.highlight.setdefault(kind, set()).add(text)

    @property
    def min_words(self) -> int:
        """How many informative words a report must have."""
        return len(self.words) if len(self.words) < LONG_QUERY else min(1, len(self.words))

    @property
    def is_empty(self) -> bool:
        """True when the query has no words at all (only filters, or nothing)."""
        return not (self.words or self.function_words or self.strict or self.excluded)

    @property
    def query(self) -> Node | None:
        """The whole query as one tree, every word required (the strict reading: what a
        short query means; :mod:`search.ranking` relaxes it for long ones)."""
        if self.is_empty:
            return None
        required = [*self.words, *self.strict]
        positive: Node = _and(required) if required else Every()
        optional = [*self.function_words, *self.boosts]
        if optional:
            positive = AndMaybe(positive, _or(optional))
        return AndNot(positive, _or(self.excluded)) if self.excluded else positive


def _or(parts: list[Node]) -> Or:
    return Or(tuple(parts))


def _and(parts: list[Node]) -> And:
    return And(tuple(parts))


def syllables_of(text: str) -> list[str]:
    """The syllables of a text, one per position (a code counts once, whole)."""
    seen: dict[int, str] = {}
    for token, pos, _, _ in analyze(text).syllables:
        seen.setdefault(pos, token)
    return [seen[pos] for pos in sorted(seen)]


def _term(fieldname: str, text: str, weight: float) -> TermNode:
    return TermNode(fieldname, text, weight)


def _syllable_query(syllable: str, m: Matching) -> Node:
    """A syllable typed with marks matches exactly (tone-mark variants are one form already);
    typed without marks it matches the folded field, literal matches ranking first."""
    exact = [_term(BODY_SYLLABLES, syllable, WEIGHTS["syll"]),
             _term(TITLE_SYLLABLES, syllable, WEIGHTS["syll"] * TITLE)]
    if not is_folded(syllable):
        m.mark(EXACT, syllable)
        return _or(exact)
    m.mark(FOLDED, syllable)
    return _or([_term(BODY_FOLDED, syllable, WEIGHTS["fold"]),
                 _term(TITLE_FOLDED, syllable, WEIGHTS["fold"] * TITLE), *exact])


def _phrase_query(syllables: list[str], m: Matching, weight: float = 1.0) -> Node:
    """Adjacent syllables: exactly when every one was typed with marks, else folded."""
    if len(syllables) == 1:
        return _syllable_query(syllables[0], m)
    if not any(is_folded(s) for s in syllables):
        body, title, forms, w, kind = BODY_SYLLABLES, TITLE_SYLLABLES, syllables, WEIGHTS["syll"], EXACT
    else:
        body, title, forms, w, kind = (BODY_FOLDED, TITLE_FOLDED, [fold(s) for s in syllables],
                                       WEIGHTS["fold"], FOLDED)
    for form in forms:
        m.mark(kind, form)
    return _or([Phrase(body, tuple(forms), w * weight),
                 Phrase(title, tuple(forms), w * TITLE * weight)])


def _exclusion(term: Term) -> Node | None:
    syllables = syllables_of(term.text)
    if not syllables:
        return None
    exact = not all(is_folded(s) for s in syllables)
    fields = (BODY_SYLLABLES, TITLE_SYLLABLES) if exact else (BODY_FOLDED, TITLE_FOLDED)
    forms = syllables if exact else [fold(s) for s in syllables]
    if len(forms) == 1:
        return _or([TermNode(f, forms[0]) for f in fields])
    return _or([Phrase(f, tuple(forms)) for f in fields])


@lru_cache(maxsize=1)
def _abbreviation_tables() -> tuple[dict[str, list[str]], dict[tuple[str, ...], list[str]]]:
    """(folded abbreviation -> expansion syllables, folded expansion -> abbreviations)."""
    short_to_long: dict[str, list[str]] = {}
    long_to_short: dict[tuple[str, ...], list[str]] = {}
    for short, expansion in abbreviations().items():
        syllables = syllables_of(expansion)
        key = code_key(short)
        if len(syllables_of(short)) != 1 or not syllables:
            continue  # "Tổng LĐLĐ": several words, expanded through its parts
        short_to_long.setdefault(fold(key), syllables)
        long_to_short.setdefault(tuple(fold(s) for s in syllables), []).append(key)
    return short_to_long, long_to_short


def _run_units(syllables: list[str], m: Matching) -> list[tuple[range, Node]]:
    """(syllables covered, clause) for each unit of a run of plain syllables: a syllable,
    or an abbreviation's expansion (which may instead match the abbreviation)."""
    short_to_long, long_to_short = _abbreviation_tables()
    longest = max((len(k) for k in long_to_short), default=0)
    units: list[tuple[range, Node]] = []
    i = 0
    while i < len(syllables):
        for size in range(min(longest, len(syllables) - i), 1, -1):
            key = tuple(fold(s) for s in syllables[i:i + size])
            if key in long_to_short:
                spelled = _and([_syllable_query(s, m) for s in syllables[i:i + size]])
                shorts = [_syllable_query(short, m) for short in long_to_short[key]]
                units.append((range(i, i + size), _or([spelled, *shorts])))
                i += size
                break
        else:
            syllable = syllables[i]
            expansion = short_to_long.get(fold(syllable))
            clause = _syllable_query(syllable, m)
            if expansion:
                clause = _or([clause, _phrase_query(expansion, m)])
            units.append((range(i, i + 1), clause))
            i += 1
    return units


def _run_words(text: str, syllables: list[str], m: Matching) -> list[tuple[Node, bool]]:
    """(clause, is a function word) for each word of a run of plain words: pyvi's words
    ("giáo dục" is one word of two syllables, each required), an abbreviation's expansion
    kept whole."""
    units = _run_units(syllables, m)
    word_of = _word_numbers(text, len(syllables))
    function = function_word_flags(syllables)
    groups: dict[int, list[tuple[range, Node]]] = {}
    merged: dict[int, int] = {}
    for covered, clause in units:
        numbers = {word_of[i] for i in covered}
        target = min(merged.get(n, n) for n in numbers)
        for n in numbers:
            merged[n] = target
        groups.setdefault(target, []).append((covered, clause))
    words = []
    for group in groups.values():
        clauses = [clause for _, clause in group]
        is_function = all(function[i] for covered, _ in group for i in covered) and all(
            len(covered) == 1 for covered, _ in group)
        words.append((clauses[0] if len(clauses) == 1 else _and(clauses), is_function))
    return words


def _word_numbers(text: str, count: int) -> list[int]:
    """For each syllable of ``text`` (as :func:`syllables_of` gives them), the number of
    the pyvi word it belongs to."""
    analysis = analyze(text)
    starts = sorted({start for _, _, start, _ in analysis.words})
    numbers: list[int] = []
    seen: set[int] = set()
    for _, position, start, _ in analysis.syllables:
        if position in seen:
            continue
        seen.add(position)
        numbers.append(max(0, bisect.bisect_right(starts, start) - 1))
    return (numbers + list(range(len(numbers), count)))[:count]


def _boosts(syllables: list[str]) -> list[Node]:
    """Optional clauses that rank compound-word matches first (see the module docstring)."""
    boosts: list[Node] = []
    for size in _NGRAMS:
        for start in range(len(syllables) - size + 1):
            gram = syllables[start:start + size]
            if any(is_folded(s) for s in gram):
                word, fields, weight = fold("_".join(gram)), (BODY_FOLDED_WORDS, TITLE_FOLDED_WORDS), \
                    WEIGHTS["fwords"]
            else:
                word, fields, weight = "_".join(gram), (BODY_WORDS, TITLE_WORDS), \
                    WEIGHTS["words"]
            boosts += [_term(fields[0], word, weight), _term(fields[1], word, weight * TITLE)]
    return boosts


def _term_query(term: Term, m: Matching) -> Node | None:
    syllables = syllables_of(term.text)
    if not syllables:
        return None
    if term.phrase or len(syllables) > 1:
        phrase = _phrase_query(syllables, m, weight=1.0)
        shorts = _abbreviation_tables()[1].get(tuple(fold(s) for s in syllables), [])
        return _or([phrase, *(_syllable_query(s, m) for s in shorts)]) if shorts else phrase
    return _and([clause for _, clause in _run_units(syllables, m)])


def build_query(parsed: ParsedQuery) -> Matching:
    """What a parsed query asks (see :class:`Matching`); empty when no words were given."""
    m = Matching()
    run: list[str] = []

    def flush() -> None:
        if run:
            text = " ".join(run)
            syllables = syllables_of(text)
            m.syllables += syllables
            for clause, is_function in _run_words(text, syllables, m):
                (m.function_words if is_function else m.words).append(clause)
            m.boosts.extend(_boosts(syllables))
            m.pairs.extend(_pairs(syllables))
            run.clear()

    for clause in parsed.clauses:
        if clause.negated:
            m.excluded += [q for q in map(_exclusion, clause.alternatives) if q is not None]
        elif _is_plain_word(clause):
            run.append(clause.alternatives[0].text)
        else:
            flush()
            alternatives = [q for q in (_term_query(t, m) for t in clause.alternatives) if q]
            if alternatives:
                m.strict.append(_or(alternatives) if len(alternatives) > 1 else alternatives[0])
    flush()
    if not m.words and not m.strict:
        # Nothing but function words ("không", "là gì"): then they are what was asked.
        m.words, m.function_words = m.function_words, []
    return m


def _pairs(syllables: list[str]) -> list[str]:
    """The run's folded syllables two by two, as the pair fields index them."""
    folded = [(fold(s), position, 0, 0) for position, s in enumerate(syllables)]
    return list(dict.fromkeys(text for text, _, _, _ in pairs_of(folded)))


def _is_plain_word(clause: Clause) -> bool:
    return len(clause.alternatives) == 1 and not clause.alternatives[0].phrase
