"""Syndicated copies: exact duplicates by normalised-text hash, near-duplicates by MinHash/LSH.

A near-duplicate is a text whose word 5-gram shingles overlap an earlier one's by at least
``NEAR_JACCARD`` (Jaccard similarity): the same wire story with another dateline, a trimmed
paragraph, a credit line added. MinHash/LSH (datasketch) finds candidates quickly; each candidate
is then confirmed with the exact Jaccard of the two shingle sets, because a 128-permutation
MinHash estimate can stray by ±0.1 on short texts. Independently written reports of one event
share almost no 5-grams (< 0.05), so the threshold has a wide margin on both sides.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np
from datasketch import MinHash, MinHashLSH

from truceline.sources.documents import NEAR_JACCARD
from truceline.sources.reader import normalise_text

__all__ = ["NEAR_JACCARD", "NearDuplicates", "jaccard", "minhash", "shingles"]

SHINGLE = 5
NUM_PERM = 128
SCHEME = "affine32"  # datasketch 2's hashing scheme, fixed so that stored signatures stay comparable
LSH_THRESHOLD = 0.5  # candidates; confirmed at NEAR_JACCARD
_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, k: int = SHINGLE) -> set[int]:
    """Hashes of the word k-grams of the normalised text (the words alone when it is shorter)."""
    words = _WORD.findall(normalise_text(text))
    if len(words) < k:
        grams = [" ".join(words)] if words else []
    else:
        grams = [" ".join(words[i : i + k]) for i in range(len(words) - k + 1)]
    return {int.from_bytes(hashlib.blake2b(g.encode(), digest_size=8).digest(), "little") for g in grams}


def jaccard(a: set[int], b: set[int]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def minhash(sh: set[int]) -> MinHash:
    m = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME)
    if sh:
        m.update_batch([s.to_bytes(8, "little") for s in sh])
    return m


def signature_bytes(m: MinHash) -> bytes:
    return np.asarray(m.hashvalues, dtype=np.uint64).tobytes()


def from_bytes(data: bytes) -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME, hashvalues=np.frombuffer(data, dtype=np.uint64).copy())


class NearDuplicates:
    """An LSH index over the stories seen so far; ``match`` finds the story a text copies."""

    def __init__(self) -> None:
        self.lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
        self.size = 0

    def add(self, story_id: str, signature: MinHash) -> None:
        if story_id not in self.lsh:
            self.lsh.insert(story_id, signature)
            self.size += 1

    def candidates(self, signature: MinHash) -> list[str]:
        return sorted(self.lsh.query(signature)) if self.size else []
