"""The MinHash signature of a report's text, for finding reposted copies.

A repost of a report has other page chrome, perhaps another title or a paragraph more; its
text is still mostly the same runs of words. The text is cut into shingles (every run of
``SHINGLE`` folded syllables, so marks and case do not matter) and summarised by
datasketch's MinHash: two signatures agree in about as many places as the two texts share
shingles (their Jaccard similarity). :mod:`search.duplicates` groups reports whose
signatures agree in enough places.
"""

from __future__ import annotations

import numpy as np
from datasketch import MinHash

from .analysis import Token
from .fields import SIGNATURE_ROW, SIGNATURE_SIZE

__all__ = ["text_signature", "SHINGLE", "MIN_SHINGLES"]

SHINGLE = 4
# A text of fewer shingles is too short to call a copy of another (a title and a line).
MIN_SHINGLES = 20
# Fixed, so that signatures made by any run, in any process, compare.
_SEED = 29


def text_signature(folded: list[Token]) -> bytes | None:
    """The signature of a text from its folded syllable tokens (as :func:`analyze` makes
    them): ``SIGNATURE_SIZE`` 32-bit MinHash values, then the number of distinct shingles
    (``SIGNATURE_ROW`` values in all); None for a text too short to compare."""
    first: dict[int, str] = {}
    for text, position, _, _ in folded:
        first.setdefault(position, text)
    syllables = [first[p] for p in sorted(first)]
    shingles = {" ".join(syllables[i:i + SHINGLE]).encode("utf-8")
                for i in range(len(syllables) - SHINGLE + 1)}
    if len(shingles) < MIN_SHINGLES:
        return None
    minhash = MinHash(num_perm=SIGNATURE_SIZE, seed=_SEED)
    minhash.update_batch(list(shingles))
    row = np.append(minhash.hashvalues.astype(np.uint32), np.uint32(len(shingles)))
    assert len(row) == SIGNATURE_ROW
    return row.tobytes()
