"""Synonyms: colloquial words customers and agents use, and the words cards are written with.

Pure. A :class:`Synonyms` table is a list of groups of interchangeable words; a query word found
in a group matches any member of it (退钱 finds 退款, "money back" finds refund). The default
table ships in ``resources/knowledge/synonyms.txt`` (one group per line, ``|``-separated); the
store can be given another one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path

from homeseat.paths import resources_dir

__all__ = ["Synonyms", "load_default_synonyms", "parse_synonyms"]


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower().strip()


class Synonyms:
    """Groups of interchangeable words and phrases (Chinese or English).

    Args:
        groups: each an iterable of words; the first is the canonical one.
    """

    def __init__(self, groups: Iterable[Sequence[str]]) -> None:
        self._groups: list[tuple[str, ...]] = []
        self._alias: dict[str, int] = {}
        for group in groups:
            members = tuple(dict.fromkeys(m for m in (_norm(w) for w in group) if m))
            if len(members) < 2:
                continue
            index = len(self._groups)
            self._groups.append(members)
            for m in members:
                self._alias.setdefault(m, index)
        # Longest alias first, so "money back" wins over "back"; ASCII words on word boundaries.
        parts = []
        for alias in sorted(self._alias, key=len, reverse=True):
            escaped = re.escape(alias)
            parts.append(rf"\b{escaped}\b" if alias.isascii() else escaped)
        self._pattern = re.compile("|".join(parts)) if parts else None

    def __len__(self) -> int:
        return len(self._groups)

    def group_of(self, word: str) -> tuple[str, ...]:
        """The members of ``word``'s group (empty when it has none)."""
        index = self._alias.get(_norm(word))
        return () if index is None else self._groups[index]

    def find(self, text: str) -> list[tuple[int, int, tuple[str, ...]]]:
        """Non-overlapping ``(start, end, members)`` of aliases in normalised ``text``."""
        if self._pattern is None:
            return []
        return [
            (m.start(), m.end(), self._groups[self._alias[m.group()]])
            for m in self._pattern.finditer(text)
        ]


def parse_synonyms(text: str) -> Synonyms:
    """Parse ``a|b|c`` lines (``#`` starts a comment)."""
    groups = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            groups.append(line.split("|"))
    return Synonyms(groups)


def load_default_synonyms(path: Path | None = None) -> Synonyms:
    """The synonym table shipped with HomeSeat (or the one at ``path``)."""
    source = path or resources_dir() / "knowledge" / "synonyms.txt"
    return parse_synonyms(source.read_text(encoding="utf-8"))
