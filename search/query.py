"""The query language, parsed without ever failing.

    công đoàn               plain words (with or without marks; see search.matching for
                            which must match)
    "tổng kết năm học"      an exact phrase
    -quà, NOT quà           a word (or "phrase") the report must not contain
    +quà                    a word the report must contain, even in a long question
    bằng khen OR quà tết    either group of words: OR (or ||) joins the groups of words
                            on either side, up to the next operator, -word or +word
    AND, &&                 allowed, and change nothing: words are required anyway
    tỉnh:"Lạng Sơn"         a filter; Vietnamese and English names, values with or without
                            marks: tỉnh/province, huyện/quận/district, năm_học/school_year,
                            năm/year (ranges 2018..2020), loại/type, đơn_vị/organization,
                            khen_thưởng/award, người/person
    -tỉnh:"Hà Nội"          a filter that excludes

Whatever the input — unbalanced quotes, stray operators, unknown ``field:`` prefixes (a time
"16:29"), emoji, control characters, a pasted page — parsing succeeds: what is not syntax is
plain words. Input is cut at ``MAX_QUERY_CHARS`` characters and ``MAX_TERMS`` terms.
What the parser did on the user's behalf is said in ``notices``: a range typed backwards
(swapped), a ``name:`` that is not a filter (searched as words), words beyond the limit.
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
_RANGES = {f.name: f.ranges for f in FACETS if f.ranges}
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
    """A word or a quoted phrase, normalised; or, as one side of ``OR``, a group of them
    (``parts``, all required). ``required``: typed with ``+``."""

    text: str
    phrase: bool = False
    required: bool = False
    parts: tuple[Term, ...] = ()


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
    # What the parser did on the user's behalf: {"code": …, and the code's details}.
    notices: list[dict[str, str]] = field(default_factory=list)

    @property
    def positive(self) -> list[Clause]:
        return [clause for clause in self.clauses if not clause.negated]

    def is_empty(self) -> bool:
        return not self.clauses


def field_for(name: str) -> str | None:
    """The facet field a filter name means ("tinh", "Tỉnh", "province" -> "province")."""
    return _ALIAS_TO_FIELD.get(fold(normalize_line(name)).lower().replace("-", "_"))


_OR = ("OR", "||")
_AND = ("AND", "&&")
_NOT = "NOT"
_RANGE = re.compile(r"^(\d{4})\s*(\.\.|-|–)\s*(\d{4})$")


def parse_query(text: str) -> ParsedQuery:
    """Parse a query as typed; never raises (see the module docstring)."""
    text = _CONTROL.sub(" ", text or "")[:MAX_QUERY_CHARS]
    # Normalise like report text, but keep "-" that starts a word: it means "exclude".
    text = normalize_line(_NEGATION.sub(r"\1" + _MINUS, text)).replace(_MINUS, "-")
    parsed = ParsedQuery()
    # Words, phrases and OR marks in order; a negated or required term closes a group.
    stream: list[Term | Clause | None] = []
    terms = 0
    negate_next = False
    for match in _TOKEN.finditer(_balance_quotes(text)):
        negated = bool(match.group("neg")) or negate_next
        negate_next = False
        name = match.group("field")
        word = match.group("word")
        if name is not None:
            facet = field_for(name)
            value = match.group("fquoted") if match.group("fquoted") is not None \
                else match.group("fvalue")
            if facet is not None and value.strip():
                target = parsed.excluded if negated else parsed.filters
                target.setdefault(facet, []).append(_filter_value(facet, value.strip(), parsed))
                continue
            # Not a filter ("http:…", "x:y"): plain words, and the user is told.
            parsed.notices.append({"code": "not_a_filter", "name": name})
            term = Term(_clean_word(f"{name} {value}")) if _clean_word(f"{name} {value}") \
                else None
        elif match.group("phrase") is not None:
            phrase = " ".join(match.group("phrase").split())
            term = Term(phrase, phrase=True) if _has_word(phrase) else None
        elif word in _OR and not negated:
            stream.append(None)
            continue
        elif word in _AND:
            continue
        elif word == _NOT:
            negate_next = True
            continue
        else:
            required = word.startswith("+") and not negated
            term = Term(_clean_word(word), required=required) if _clean_word(word) else None
        if term is None:
            continue
        if terms >= MAX_TERMS:
            if not any(n["code"] == "words_cut" for n in parsed.notices):
                parsed.notices.append({"code": "words_cut", "limit": str(MAX_TERMS)})
            continue
        terms += 1
        stream.append(Clause([term], negated=True) if negated else
                      Clause([term]) if term.required else term)
    parsed.clauses = _clauses(stream)
    return parsed


def _clauses(stream: list[Term | Clause | None]) -> list[Clause]:
    """Clauses from the stream: OR (None) joins the groups of terms on either side."""
    clauses: list[Clause] = []
    sides: list[list[Term]] = []
    group: list[Term] = []

    def close() -> None:
        alternatives = [side for side in (*sides, group) if side]
        if len(alternatives) > 1:
            clauses.append(Clause([_joined(side) for side in alternatives]))
        else:
            clauses.extend(Clause([t]) for side in alternatives for t in side)
        sides.clear()
        group.clear()

    for item in stream:
        if item is None:
            if group:
                sides.append(list(group))
                group.clear()
        elif isinstance(item, Clause):
            close()
            clauses.append(item)
        else:
            group.append(item)
    close()
    return clauses


def _joined(side: list[Term]) -> Term:
    """One side of OR: a term, or a group of terms that must all match."""
    if len(side) == 1:
        return side[0]
    return Term(" ".join(t.text for t in side), parts=tuple(side))


def _filter_value(facet: str, value: str, parsed: ParsedQuery) -> str:
    """A filter value as it will be matched: a range typed backwards is swapped (and the
    user told)."""
    span = _RANGE.match(value)
    if span and span.group(2) in _RANGES.get(facet, ()) and \
            int(span.group(1)) > int(span.group(3)):
        swapped = f"{span.group(3)}{span.group(2)}{span.group(1)}"
        parsed.notices.append({"code": "range_swapped", "field": facet, "value": swapped})
        return swapped
    return value


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
