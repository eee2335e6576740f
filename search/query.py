"""The query language, parsed without ever failing.

    công đoàn               plain words: every word must match (with or without marks)
    "tổng kết năm học"      an exact phrase
    -quà                    a word (or "phrase") the report must not contain
    thi đua OR khen thưởng  either of two adjacent words or phrases
    tỉnh:"Lạng Sơn"         a filter; Vietnamese and English names, values with or without
                            marks: tỉnh/province, huyện/quận/district, năm_học/school_year,
                            năm/year (ranges 2018..2020), loại/type, đơn_vị/organization,
                            khen_thưởng/award, người/person
    -tỉnh:"Hà Nội"          a filter that excludes

Whatever the input — unbalanced quotes, stray operators, unknown ``field:`` prefixes (a time
"16:29"), emoji, control characters, a pasted page — parsing succeeds: what is not syntax is
plain words. Input is cut at ``MAX_QUERY_CHARS`` characters and ``MAX_TERMS`` terms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from indexer.fields import FACETS
from indexer.normalize import fold, normalize_line

__all__ = ["Term", "Clause", "ParsedQuery", "parse_query", "FILTER_ALIASES", "field_for",
           "MAX_QUERY_CHARS", "MAX_TERMS"]

MAX_QUERY_CHARS = 2000
MAX_TERMS = 64

# Filter names as typed (compared without marks, case-insensitively) -> facet field; the
# names are the facets' declared aliases.
FILTER_ALIASES = {f.name: f.aliases for f in FACETS}
_ALIAS_TO_FIELD = {
    fold(alias).lower().replace("-", "_"): name
    for name, aliases in FILTER_ALIASES.items()
    for alias in aliases
}

_TOKEN = re.compile(
    r"""
    (?P<neg>-)?
    (?:
        (?P<field>[^\W\d][\w-]*):(?:"(?P<fquoted>[^"]*)"|(?P<fvalue>[^\s"]+))
      | "(?P<phrase>[^"]*)"
      | (?P<word>[^\s"]+)
    )
    """,
    re.VERBOSE,
)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ue000]")
_NEGATION = re.compile(r"(^|\s)-(?=[^\s-])")
_MINUS = "\ue000"


@dataclass
class Term:
    """A word or a quoted phrase, normalised."""

    text: str
    phrase: bool = False


@dataclass
class Clause:
    """Alternatives joined by OR (usually one); ``negated`` clauses must not match."""

    alternatives: list[Term]
    negated: bool = False


@dataclass
class ParsedQuery:
    clauses: list[Clause] = field(default_factory=list)
    filters: dict[str, list[str]] = field(default_factory=dict)
    excluded: dict[str, list[str]] = field(default_factory=dict)

    @property
    def positive(self) -> list[Clause]:
        return [clause for clause in self.clauses if not clause.negated]

    def is_empty(self) -> bool:
        return not self.clauses


def field_for(name: str) -> str | None:
    """The facet field a filter name means ("tinh", "Tỉnh", "province" -> "province")."""
    return _ALIAS_TO_FIELD.get(fold(normalize_line(name)).lower().replace("-", "_"))


def parse_query(text: str) -> ParsedQuery:
    """Parse a query as typed; never raises (see the module docstring)."""
    text = _CONTROL.sub(" ", text or "")[:MAX_QUERY_CHARS]
    # Normalise like report text, but keep "-" that starts a word: it means "exclude".
    text = normalize_line(_NEGATION.sub(r"\1" + _MINUS, text)).replace(_MINUS, "-")
    parsed = ParsedQuery()
    pending_or = False
    terms = 0
    for match in _TOKEN.finditer(_balance_quotes(text)):
        negated = bool(match.group("neg"))
        name = match.group("field")
        if name is not None:
            facet = field_for(name)
            value = match.group("fquoted") if match.group("fquoted") is not None \
                else match.group("fvalue")
            if facet is not None and value.strip():
                target = parsed.excluded if negated else parsed.filters
                target.setdefault(facet, []).append(value.strip())
                continue
            # Not a filter ("16:29", "http:…"): plain words.
            words = f"{name} {value}"
            term = Term(_clean_word(words), phrase=False) if _clean_word(words) else None
        elif match.group("phrase") is not None:
            phrase = " ".join(match.group("phrase").split())
            term = Term(phrase, phrase=True) if _has_word(phrase) else None
        else:
            word = match.group("word")
            if word == "OR" and not negated:
                pending_or = bool(parsed.clauses)
                continue
            term = Term(_clean_word(word)) if _clean_word(word) else None
        if term is None or terms >= MAX_TERMS:
            continue
        terms += 1
        previous = parsed.clauses[-1] if parsed.clauses else None
        if pending_or and previous is not None and not previous.negated and not negated:
            previous.alternatives.append(term)
        else:
            parsed.clauses.append(Clause([term], negated=negated))
        pending_or = False
    return parsed


def _balance_quotes(text: str) -> str:
    """An unbalanced quote is dropped: its words are then plain words."""
    if text.count('"') % 2:
        last = text.rfind('"')
        text = text[:last] + " " + text[last + 1:]
    return text


_EDGES = re.compile(r"^[^\w&]+|[^\w&]+$")


def _clean_word(word: str) -> str:
    return _EDGES.sub("", word)


def _has_word(text: str) -> bool:
    return bool(re.search(r"\w", text))
