"""Did-you-mean: a corrected query, proposed only when it finds more reports.

For each word of the query the index does not have (typed with marks: that exact
syllable; without: any syllable that folds to it), a correction is looked for, in order:

Candidates are ranked: first those that stand beside the query's other words somewhere in
the archive (as one compound word, then side by side), then those keeping the typed marks
(the same tone first), then the closest, then the most frequent.

1. **Telex leftovers** — the keys of the Telex input method left in the word when it was
   typed without one: ``doanf`` → ``đoàn``, ``hocj`` → ``học``, ``ddoong`` → ``đông``;
2. **marks** — a syllable of the index with the same letters and other marks, keeping the
   user's marks where they were right: ``doàn`` → ``đoàn`` (the grave kept), not ``diện``;
3. **letters** — a syllable of the index one or two edits away, first letter kept:
   ``Sonn`` → ``Son``; typed without marks, it stays without marks (``Lang Sonn`` → ``Lang
   Son``), unless the query shows the user meant marks (a Telex leftover beside it).

Words of fewer than three letters, numbers and codes are never corrected (``16:29``,
``x:y`` get no suggestion), and the user's case is kept (``Lang Sonn`` → ``Lang Son``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from indexer.analysis import is_folded, pair_key
from indexer.fields import BODY_FOLDED, BODY_PAIRS, BODY_SYLLABLES, BODY_WORDS
from indexer.normalize import fold, normalize_line
from indexer.store import IndexView

from .query import parse_query
from .spelling import Speller
from .synonyms import forms_at

__all__ = ["correct_query", "telex_decode"]

_WORD = re.compile(r"[^\W\d_]+")
_MIN_LETTERS = 3
_TONE_KEYS = {"s": "\u0301", "f": "\u0300", "r": "\u0309", "x": "\u0303", "j": "\u0323"}
_DOUBLED = (("dd", "đ"), ("uow", "ươ"), ("uwow", "ươ"), ("aa", "â"), ("aw", "ă"), ("ee", "ê"),
            ("oo", "ô"), ("ow", "ơ"), ("uw", "ư"))
_VOWELS = "aăâeêioôơuưy"
_MARKED_VOWELS = "ăâêôơư"


def telex_decode(word: str) -> str | None:
    """The syllable a word typed with Telex keys but no input method means ("doanf" →
    "doàn", "ddoongf" → "đồng"), or None when it has no Telex key."""
    text = word.lower()
    decoded = text
    for keys, letter in _DOUBLED:
        decoded = decoded.replace(keys, letter)
    decoded = re.sub(r"(?<=[^\Wwu])w", "ư", decoded)  # "w" alone after a consonant: ư
    tone = ""
    if len(decoded) > 2 and decoded[-1] in _TONE_KEYS and any(v in decoded for v in _VOWELS):
        tone, decoded = _TONE_KEYS[decoded[-1]], decoded[:-1]
    if decoded == text:
        return None
    if tone:
        decoded = _place_tone(decoded, tone)
    return normalize_line(unicodedata.normalize("NFC", decoded))


def _place_tone(syllable: str, tone: str) -> str:
    """The syllable with the tone mark on its main vowel."""
    positions = [i for i, ch in enumerate(syllable) if ch in _VOWELS]
    if syllable.startswith(("qu", "gi")) and len(positions) > 1:
        positions = positions[1:]
    if not positions:
        return syllable
    marked = [i for i in positions if syllable[i] in _MARKED_VOWELS]
    if marked:
        at = marked[-1]
    elif positions[-1] < len(syllable) - 1 or len(positions) == 1:
        at = positions[-1]  # a final consonant, or one vowel: the last vowel
    else:
        at = positions[len(positions) // 2 - (1 if len(positions) == 2 else 0)]
    return syllable[:at + 1] + tone + syllable[at + 1:]


_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")


def _marks_kept(typed: str, candidate: str) -> int:
    """How far the candidate keeps the typed marks: the same tone (2), and each letter
    with the same mark in the same place (1 each)."""
    def tone(text: str) -> str:
        return next((c for c in unicodedata.normalize("NFD", text) if c in _TONES), "")

    same_tone = 2 if tone(typed) and tone(typed) == tone(candidate) else 0
    letters = sum(1 for a, b in zip(typed, candidate, strict=False) if a == b and a != fold(a))
    return same_tone + letters


def _with_case(typed: str, word: str) -> str:
    if typed.isupper() and len(typed) > 1:
        return word.upper()
    if typed[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def correct_query(q: str, view: IndexView, unfold: dict[str, list[str]],
                  speller: Speller | None = None) -> str | None:
    """``q`` with its unknown words corrected (see the module docstring), or None when
    nothing was corrected. Only the words searched for are corrected, never a filter's name
    or value. ``speller``: the version's :class:`search.spelling.Speller` (the same
    candidates as the view's, sooner)."""
    words = [w for clause in parse_query(q).clauses if not clause.negated
             for term in clause.alternatives for w in _WORD.findall(term.text)]
    wants_marks = any(not is_folded(w.lower()) or telex_decode(w) for w in words)
    corrections: dict[str, str] = {}
    for index, typed in enumerate(words):
        lowered = typed.lower()
        if (typed in corrections or len(lowered) < _MIN_LETTERS or _known(lowered, view)
                or _is_acronym(typed)):
            continue
        neighbours = [telex_decode(words[j]) or words[j].lower()
                      for j in (index - 1, index + 1) if 0 <= j < len(words)]
        fixed = _correction(lowered, neighbours, view, unfold, wants_marks, speller)
        if fixed and fixed != lowered:
            corrections[typed] = _with_case(typed, fixed)
    if not corrections:
        return None
    pattern = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, corrections)) + r")(?!\w)")
    return pattern.sub(lambda m: corrections[m.group(1)], q)


def _known(word: str, view: IndexView) -> bool:
    """In the archive, or a form of a synonym group (HCM, an abbreviation)."""
    field = BODY_FOLDED if is_folded(word) else BODY_SYLLABLES
    return view.doc_frequency(field, word) > 0 or forms_at([word], 0)[0] > 0


# No vowel at all, or three consonants in a row after the onset ("ngh" is an onset).
_NOT_A_SYLLABLE = re.compile(r"^[^aeiouy]+$|^(?:ngh)?.*?[aeiouy].*[^aeiouy]{3,}", re.IGNORECASE)


def _is_acronym(word: str) -> bool:
    """UBND, THPT, HCM: capitals that cannot be a Vietnamese syllable."""
    return word.isupper() and bool(_NOT_A_SYLLABLE.search(fold(word)))


def _correction(word: str, neighbours: list[str], view: IndexView,
                unfold: dict[str, list[str]], wants_marks: bool,
                speller: Speller | None = None) -> str | None:
    """The best candidate for an unknown word: one that stands beside the query's other
    words somewhere in the archive first, then the one keeping the typed (or Telex) marks,
    then the closest, then the most frequent."""
    decoded = telex_decode(word)
    typed = decoded or word
    # candidate -> edits away (without marks)
    candidates: dict[str, int] = {}
    for form in (decoded, word):
        if form and not is_folded(form):
            candidates.update((s, 0) for s in unfold.get(fold(form), []))
    if not candidates:
        for distance in (1, 2):
            for folded in (speller or view).suggest(BODY_FOLDED, fold(word), limit=8,
                                                    maxdist=distance, prefix=1):
                candidates.setdefault(folded, distance)
                candidates.update((s, distance) for s in unfold.get(folded, [])
                                  if s not in candidates)
            if candidates:
                break
    if wants_marks or decoded:
        # The user writes with marks: propose syllables as the archive writes them.
        candidates = {c: d for c, d in candidates.items()
                      if view.doc_frequency(BODY_SYLLABLES, c)} or candidates
    if not candidates:
        return None

    # The rules of the module docstring, most significant first. Each index lookup costs
    # tens of microseconds and a word has dozens of candidates, so the rules are applied
    # one after the other to the candidates still tied (the winner is the one
    # ``max(candidates, key=all rules as a tuple)`` picks, with far fewer lookups).
    def compound(candidate: str) -> int:
        # Beside a neighbour in the archive: as one word ("khen_thưởng")...
        return sum(1 for n in neighbours if view.doc_frequency(BODY_WORDS, f"{n}_{candidate}")
                   or view.doc_frequency(BODY_WORDS, f"{candidate}_{n}"))

    def beside(candidate: str) -> int:
        # ... or side by side.
        return sum(1 for n in map(fold, neighbours) if (
            view.doc_frequency(BODY_PAIRS, pair_key(n, fold(candidate))) or
            view.doc_frequency(BODY_PAIRS, pair_key(fold(candidate), n))))

    def frequency(candidate: str) -> int:
        return view.doc_frequency(BODY_FOLDED if is_folded(candidate) else BODY_SYLLABLES,
                                  candidate)

    rules: tuple[Callable[[str], int], ...] = (
        compound, beside, lambda c: _marks_kept(typed, c), lambda c: -candidates[c], frequency)
    tied = list(candidates)
    for rule in rules:
        if len(tied) == 1:
            break
        values = [rule(c) for c in tied]
        top = max(values)
        tied = [c for c, value in zip(tied, values, strict=True) if value == top]
    best = tied[0]
    return best if wants_marks or decoded else fold(best)
