"""The query tree the matching rules build and the scorer evaluates.

Our own small algebra over index fields, so that nothing above the store knows how the index
is implemented: terms and phrases in one field, with a boost, joined by And, Or, AndMaybe
(required part, optional part that only adds to the score) and AndNot.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Node", "Term", "Phrase", "And", "Or", "AndMaybe", "AndNot", "Every"]


@dataclass(frozen=True)
class Term:
    """Documents holding ``text`` in ``field``."""

    field: str
    text: str
    boost: float = 1.0


@dataclass(frozen=True)
class Phrase:
    """Documents holding ``words`` at consecutive positions of ``field``."""

    field: str
    words: tuple[str, ...]
    boost: float = 1.0


@dataclass(frozen=True)
class And:
    """Documents matching every part; scores add up."""

    parts: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    """Documents matching any part; scores add up."""

    parts: tuple[Node, ...]


@dataclass(frozen=True)
class AndMaybe:
    """Documents matching ``required``; ``optional`` only adds to their scores."""

    required: Node
    optional: Node


@dataclass(frozen=True)
class AndNot:
    """Documents matching ``positive`` and not ``negative``."""

    positive: Node
    negative: Node


@dataclass(frozen=True)
class Every:
    """Every live document, with no score."""


Node = Term | Phrase | And | Or | AndMaybe | AndNot | Every
