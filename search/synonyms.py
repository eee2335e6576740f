"""Forms a query treats as one: abbreviations and their expansions, the provinces' other
names, and ``search/data/synonyms.txt`` (``TP`` ⇄ ``thành phố``, ``Sài Gòn`` ⇄ ``TP.HCM``).

Each group is a set of forms; a form is a tuple of syllables as written (marks kept, so a
form with marks is matched exactly), looked up in a query by its syllables without marks.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from indexer.analysis import code_key
from indexer.gazetteer import province_aliases
from indexer.normalize import fold_word, normalize_line
from indexer.orgs import abbreviations

from .syllables import syllables_of

__all__ = ["SYNONYMS_PATH", "Form", "synonym_groups", "forms_at"]

SYNONYMS_PATH = Path(__file__).parent / "data" / "synonyms.txt"

Form = tuple[str, ...]


def _form(text: str) -> Form:
    syllables = syllables_of(text)
    if len(syllables) == 1:
        return (code_key(syllables[0]),)
    return tuple(syllables)


def _key(form: Form) -> Form:
    return tuple(fold_word(s) for s in form)


def _raw_groups() -> list[list[str]]:
    groups = [[short, full] for short, full in abbreviations().items()]
    groups += [[canonical, *names] for canonical, names in province_aliases().items()]
    for line in SYNONYMS_PATH.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            groups.append([normalize_line(part) for part in line.split("|") if part.strip()])
    return groups


@lru_cache(maxsize=1)
def synonym_groups() -> tuple[dict[Form, int], list[list[Form]], int]:
    """(form without marks -> group number, the groups' forms, the longest form's length).
    Groups sharing a form are merged."""
    group_of: dict[Form, int] = {}
    groups: list[list[Form]] = []
    for names in _raw_groups():
        forms = [f for f in dict.fromkeys(_form(name) for name in names) if f]
        numbers = sorted({group_of[_key(f)] for f in forms if _key(f) in group_of})
        if numbers:
            target = numbers[0]
            for other in numbers[1:]:  # merge groups that now share a form
                for form in groups[other]:
                    group_of[_key(form)] = target
                groups[target] += groups[other]
                groups[other] = []
        else:
            target = len(groups)
            groups.append([])
        for form in forms:
            if _key(form) not in {_key(f) for f in groups[target]}:
                groups[target].append(form)
            group_of[_key(form)] = target
    longest = max((len(k) for k in group_of), default=0)
    return group_of, groups, longest


def forms_at(syllables: list[str], start: int) -> tuple[int, list[Form]]:
    """The longest form of a group at ``syllables[start:]`` (compared without marks): its
    length and the group's other forms; (0, []) when none starts there."""
    group_of, groups, longest = synonym_groups()
    folded = _key(tuple(syllables[start:start + longest]))
    for size in range(len(folded), 0, -1):
        key = folded[:size]
        if key in group_of:
            others = [f for f in groups[group_of[key]] if _key(f) != key]
            if others:
                return size, others
    return 0, []
