"""Typo tolerance for English query words: nearest index terms by edit distance.

Pure; built from the index's vocabulary by the store (rebuilt when the vocabulary changes). Uses
the symmetric-delete method: every term of four letters or more is filed under itself and each
variant with one letter deleted, so a query word with one wrong, missing, extra or swapped letter
meets its term through a shared variant without scanning the whole vocabulary. Candidates are
then checked with the true (Damerau–Levenshtein) distance.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

__all__ = ["Vocabulary", "edit_distance"]

#: Words shorter than this are not corrected (too many neighbours: "bill" vs "fill").
MIN_LENGTH = 4


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def edit_distance(a: str, b: str) -> int:
    """Optimal-string-alignment distance (insert, delete, substitute, swap neighbours)."""
    if a == b:
        return 0
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[len(b)]


class Vocabulary:
    """The English terms of an index, with a symmetric-delete lookup for corrections.

    Args:
        terms: index terms (already stemmed); non-ASCII ones are ignored.
    """

    def __init__(self, terms: Iterable[str]) -> None:
        self._terms: set[str] = set()
        self._by_delete: dict[str, set[str]] = defaultdict(set)
        for term in terms:
            if not (term.isascii() and term.isalpha()):
                continue
            self._terms.add(term)
            if len(term) >= MIN_LENGTH:
                for variant in _deletes(term):
                    self._by_delete[variant].add(term)

    def __contains__(self, term: object) -> bool:
        return term in self._terms

    def __len__(self) -> int:
        return len(self._terms)

    def corrections(self, word: str, limit: int = 3) -> list[str]:
        """Index terms one edit away from ``word`` (none when ``word`` is itself a term)."""
        if word in self._terms or len(word) < MIN_LENGTH or not word.isascii():
            return []
        found: set[str] = set()
        if word in self._by_delete:
            found |= self._by_delete[word]  # a letter too few
        for variant in _deletes(word):
            if variant in self._terms:
                found.add(variant)  # a letter too many
            found |= self._by_delete.get(variant, set())  # one wrong or swapped letter
        good = sorted(t for t in found if edit_distance(word, t) <= 1)
        return good[:limit]
