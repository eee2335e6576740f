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
  the pair fields; :mod:`search.ranking` ranks reports by how many stand together, then by
  whether all the informative words stand within a few positions of one another.
* A quoted phrase matches adjacent syllables (exactly when every syllable has marks, else
  folded); ``-x`` excludes (the same way); ``a OR b`` needs either.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from indexer.analysis import analyze, is_folded, pair_key
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
from indexer.normalize import fold_word as fold
from indexer.normalize import iy_variant

from .function_words import function_word_flags
from .query import Clause, ParsedQuery, Term
from .querytree import And, AndMaybe, AndNot, Every, Node, Or, Phrase
from .querytree import Term as TermNode
from .syllables import syllables_of
from .synonyms import forms_at

__all__ = ["Matching", "MarkGroup", "build_query", "syllables_of", "WEIGHTS", "TITLE",
           "LONG_QUERY"]

WEIGHTS = {"words": 2.0, "fwords": 1.5, "syll": 1.0, "fold": 0.6, "pairs": 1.0}
TITLE = 2.5
_NGRAMS = (2, 3, 4)
# From this many informative words on, a query does not require them all.
LONG_QUERY = 4
# A phrase is looked up in at most this many i/y spellings.
_SPELLINGS = 8



Syllables = tuple[str, ...]


@dataclass(frozen=True)
class MarkGroup:
    """What to mark for one part of a query: occurrences of ``whole`` (any of its forms,
    syllables side by side) where the report has it; where it has not, occurrences of each
    of ``parts`` (the informative words, each any of its forms). So "công đoàn" marks
    "công đoàn", not every lone "công" and "đoàn"; a syllable without marks stands for
    every syllable that folds to it."""

    whole: tuple[Syllables, ...]
    parts: tuple[tuple[Syllables, ...], ...] = ()


@dataclass
class Matching:
    """What a query asks, as query trees by role, plus what to highlight (``marks``).

    ``words`` are the informative plain words (required: all, or ``min_words``);
    ``function_words`` only rank; ``strict`` clauses (quoted phrases, ``OR`` groups) are
    required; ``excluded`` ones must not match; ``boosts`` rank compound-word matches;
    ``pairs`` are the plain words' folded syllables two by two, as typed (each pair in
    its i/y spellings); ``near`` the informative words' folded syllables (proximity);
    ``marks`` say what a snippet or a report page marks (see :class:`MarkGroup`).
    """

    words: list[Node] = field(default_factory=list)
    function_words: list[Node] = field(default_factory=list)
    strict: list[Node] = field(default_factory=list)
    excluded: list[Node] = field(default_factory=list)
    boosts: list[Node] = field(default_factory=list)
    pairs: list[tuple[str, ...]] = field(default_factory=list)
    near: list[str] = field(default_factory=list)
    marks: list[MarkGroup] = field(default_factory=list)
    syllables: list[str] = field(default_factory=list)  # plain syllables, for did-you-mean

    @property
    def min_words(self) -> int:
        """How many informative words a report must have."""
        return len(self.words) if len(self.words) < LONG_QUERY else 1

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


def _term(fieldname: str, text: str, weight: float) -> TermNode:
    return TermNode(fieldname, text, weight)


def _syllable_query(syllable: str) -> Node:
    """A syllable typed with marks matches exactly (tone-mark variants are one form already,
    and i/y spellings are one syllable: kì = kỳ); typed without marks it matches the folded
    field, literal matches ranking first."""
    spellings = [syllable, *filter(None, [iy_variant(syllable)])]
    exact = [_term(field, form, WEIGHTS["syll"] * scale) for form in spellings
             for field, scale in ((BODY_SYLLABLES, 1.0), (TITLE_SYLLABLES, TITLE))]
    if not is_folded(syllable):
        return _or(exact)
    return _or([*(_term(field, form, WEIGHTS["fold"] * scale) for form in spellings
                  for field, scale in ((BODY_FOLDED, 1.0), (TITLE_FOLDED, TITLE))), *exact])


def _spellings(forms: list[str]) -> list[tuple[str, ...]]:
    """The syllables as typed and with their i/y spellings swapped ("học kì" is also
    "học kỳ"), at most ``_SPELLINGS`` combinations."""
    found: list[tuple[str, ...]] = [()]
    for form in forms:
        other = iy_variant(form)
        found = [(*done, f) for done in found for f in (form, other) if f is not None]
        found = found[:_SPELLINGS]
    return found


def _phrase_query(syllables: list[str], weight: float = 1.0) -> Node:
    """Adjacent syllables: exactly when every one was typed with marks, else folded; in
    either i/y spelling."""
    if len(syllables) == 1:
        return _syllable_query(syllables[0])
    if not any(is_folded(s) for s in syllables):
        body, title, forms, w = BODY_SYLLABLES, TITLE_SYLLABLES, syllables, WEIGHTS["syll"]
    else:
        body, title, forms, w = (BODY_FOLDED, TITLE_FOLDED, [fold(s) for s in syllables],
                                 WEIGHTS["fold"])
    return _or([node for spelled in _spellings(forms)
                for node in (Phrase(body, spelled, w * weight),
                             Phrase(title, spelled, w * TITLE * weight))])


def _exclusion(term: Term) -> Node | None:
    """``-x``: the syllables side by side, the way :func:`_phrase_query` matches them."""
    syllables = syllables_of(term.text)
    return _phrase_query(syllables) if syllables else None


@dataclass(frozen=True)
class _Unit:
    """A syllable of a run, or an abbreviation's expansion: the syllables it covers, its
    clause, and its other forms (the abbreviation, or the expansion) for marking."""

    covered: range
    clause: Node
    others: tuple[Syllables, ...] = ()


def _run_units(syllables: list[str]) -> list[_Unit]:
    """The units of a run of plain syllables: a form of a synonym group (an abbreviation,
    its expansion, a place's other name…) may instead match the group's other forms."""
    units: list[_Unit] = []
    i = 0
    while i < len(syllables):
        size, others = forms_at(syllables, i)
        if size:
            spelled = [_syllable_query(s) for s in syllables[i:i + size]]
            clause = _or([spelled[0] if size == 1 else _and(spelled),
                          *(_phrase_query(list(form)) for form in others)])
            units.append(_Unit(range(i, i + size), clause, tuple(others)))
            i += size
        else:
            units.append(_Unit(range(i, i + 1), _syllable_query(syllables[i])))
            i += 1
    return units


@dataclass(frozen=True)
class _Word:
    """A word of a run: its clause, whether it is a function word, its forms to mark."""

    clause: Node
    is_function: bool
    forms: tuple[Syllables, ...]


def _run_words(text: str, syllables: list[str]) -> list[_Word]:
    """The words of a run of plain words: pyvi's words ("giáo dục" is one word of two
    syllables, each required), an abbreviation's expansion kept whole."""
    word_of = _word_numbers(text, len(syllables))
    function = function_word_flags(syllables)
    groups: dict[int, list[_Unit]] = {}
    merged: dict[int, int] = {}
    for unit in _run_units(syllables):
        numbers = {word_of[i] for i in unit.covered}
        target = min(merged.get(n, n) for n in numbers)
        for n in numbers:
            merged[n] = target
        groups.setdefault(target, []).append(unit)
    words = []
    for units in groups.values():
        covered = [i for unit in units for i in unit.covered]
        clause = units[0].clause if len(units) == 1 else _and([u.clause for u in units])
        is_function = all(function[i] for i in covered) and all(
            len(u.covered) == 1 for u in units)
        others = units[0].others if len(units) == 1 else ()
        spelled = tuple(syllables[min(covered):max(covered) + 1])
        words.append(_Word(clause, is_function, (spelled, *others)))
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
                word, fields, weight = (fold("_".join(gram)),
                                        (BODY_FOLDED_WORDS, TITLE_FOLDED_WORDS), WEIGHTS["fwords"])
            else:
                word, fields, weight = "_".join(gram), (BODY_WORDS, TITLE_WORDS), WEIGHTS["words"]
            boosts += [_term(fields[0], word, weight), _term(fields[1], word, weight * TITLE)]
    return boosts


def _term_query(term: Term) -> tuple[Node, MarkGroup] | None:
    """A quoted phrase, a ``+word``, or one side of ``OR`` (a term, or a group of terms
    that must all match): its clause and marks."""
    syllables = syllables_of(term.text)
    if not syllables:
        return None
    if term.parts:
        built = [b for b in map(_term_query, term.parts) if b is not None]
        if not built:
            return None
        clause = built[0][0] if len(built) == 1 else _and([c for c, _ in built])
        return clause, MarkGroup((tuple(syllables),),
                                 tuple(form for _, group in built for form in (group.whole,)))
    if term.phrase or len(syllables) > 1:
        phrase = _phrase_query(syllables)
        size, others = forms_at(syllables, 0)
        others = others if size == len(syllables) else []
        clause = _or([phrase, *(_phrase_query(list(f)) for f in others)]) if others else phrase
        return clause, MarkGroup((tuple(syllables), *others))
    units = _run_units(syllables)
    forms = (tuple(syllables), *(form for u in units for form in u.others))
    return _and([u.clause for u in units]), MarkGroup(forms)


def build_query(parsed: ParsedQuery) -> Matching:
    """What a parsed query asks (see :class:`Matching`); empty when no words were given."""
    m = Matching()
    run: list[str] = []
    runs: list[tuple[Syllables, list[_Word]]] = []
    phrases: list[MarkGroup] = []

    def flush() -> None:
        if run:
            text = " ".join(run)
            syllables = syllables_of(text)
            m.syllables += syllables
            words = _run_words(text, syllables)
            for word in words:
                (m.function_words if word.is_function else m.words).append(word.clause)
            m.boosts.extend(_boosts(syllables))
            m.pairs.extend(_pairs(syllables))
            informative = [w for w in words if not w.is_function] or words
            m.near.extend(fold(s) for w in informative for s in w.forms[0])
            runs.append((tuple(syllables), words))
            run.clear()

    for clause in parsed.clauses:
        if clause.negated:
            m.excluded += [q for q in map(_exclusion, clause.alternatives) if q is not None]
        elif _is_plain_word(clause):
            run.append(clause.alternatives[0].text)
        else:
            flush()
            built = [b for b in map(_term_query, clause.alternatives) if b is not None]
            if built:
                clauses = [c for c, _ in built]
                m.strict.append(_or(clauses) if len(clauses) > 1 else clauses[0])
                phrases += [group for _, group in built]
                for term in clause.alternatives:
                    if term.parts:  # one side of OR: its words together rank first
                        m.pairs.extend(_pairs(syllables_of(term.text)))
    flush()
    m.pairs = list(dict.fromkeys(m.pairs))
    m.near = list(dict.fromkeys(m.near))
    if not m.words and not m.strict:
        # Nothing but function words ("không", "là gì"): then they are what was asked.
        m.words, m.function_words = m.function_words, []
    # Where a run's words do not stand together, its informative words are marked one by
    # one (function words too when the query has nothing else).
    only_function = not m.strict and all(w.is_function for _, words in runs for w in words)
    m.marks = [MarkGroup((whole,), tuple(w.forms for w in words
                                         if only_function or not w.is_function))
               for whole, words in runs] + phrases
    return m


def _pairs(syllables: list[str]) -> list[tuple[str, ...]]:
    """The run's folded syllables two by two, as the pair fields index them: for each
    pair, its terms in every i/y spelling."""
    folded = [fold(s) for s in syllables]
    pairs = [tuple(dict.fromkeys(pair_key(a, b) for a, b in _spellings([first, second])))
             for first, second in zip(folded, folded[1:], strict=False)]
    return list(dict.fromkeys(pairs))


def _is_plain_word(clause: Clause) -> bool:
    term = clause.alternatives[0]
    return len(clause.alternatives) == 1 and not (term.phrase or term.required or term.parts)
