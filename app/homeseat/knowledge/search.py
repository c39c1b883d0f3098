"""The SQL side of a search: bounded candidate generation and field-weighted IDF relevance.

Runs on the store's thread (called by :class:`homeseat.knowledge.store.KnowledgeStore`).

FTS5 *finds* matching cards fast (it walks a term's document list at well under a microsecond
per card and can stop early), but its ``bm25()`` ranking first scans every document of every query
term to count it, then scores every match: a query with a common word typed costs tens of
milliseconds at 100,000 cards. So FTS5 only finds, and ranking is done here on a bounded set:

1. **Candidates** — the matches, newest first, at most :data:`CANDIDATES`. When there are more,
   the query is still broad (one common character typed), and the candidates are taken from the
   matches *in titles and tags* first — for a broad query, a title hit is what an agent expects.
2. **Relevance** — for each query word (a :class:`~homeseat.knowledge.text.Group`), the best of
   its alternatives (the word, its synonym, its typo correction, a prefix while typing) scores
   ``idf × (title 8 + tags 4 + script 2 + body 1, for the fields it occurs in)``, and the words'
   scores add up. ``idf`` is BM25's ``ln(1 + (N − df + ½) / (df + ½))`` with document frequencies
   from the index's vocabulary (cached until the cards change). A word counts once however many
   synonyms of it a card contains.

Validity, audience and language are checked in the same SQL that fetches the candidates' text.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from homeseat.core.knowledge import RankWeights
from homeseat.knowledge.text import Group, Phrase

__all__ = ["CANDIDATES", "Row", "TermStats", "fetch_candidates"]

#: Matches ranked per query (the newest, or the newest title/tag matches for broad queries).
CANDIDATES = 120


@dataclass(frozen=True, slots=True)
class Row:
    """A matching card and its relevance (higher is better)."""

    card_id: str
    relevance: float
    updated_at: str | None
    has_short_script: bool
    lang: str


class TermStats:
    """Document frequencies from the FTS5 vocabulary, cached until :meth:`clear`."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db
        self._df: dict[tuple[str, bool], int] = {}
        self._docs: int | None = None

    def clear(self) -> None:
        """The cards changed."""
        self._df.clear()
        self._docs = None

    def docs(self) -> int:
        """Indexed cards."""
        if self._docs is None:
            row = self._db.execute("SELECT count(*) FROM kb_fts").fetchone()
            self._docs = max(1, int(row[0]))
        return self._docs

    def df(self, term: str, prefix: bool) -> int:
        """Cards containing ``term`` (or, for a prefix, an estimate: the largest such term's)."""
        key = (term, prefix)
        found = self._df.get(key)
        if found is None:
            if prefix:
                row = self._db.execute(
                    "SELECT max(doc) FROM kb_vocab WHERE term >= ? AND term < ?",
                    (term, term + "\U0010ffff"),
                ).fetchone()
            else:
                row = self._db.execute(
                    "SELECT doc FROM kb_vocab WHERE term = ?", (term,)
                ).fetchone()
            found = int(row[0]) if row and row[0] is not None else 0
            self._df[key] = found
        return found

    def idf(self, phrase: Phrase) -> float:
        """BM25's inverse document frequency of a phrase (its rarest term's)."""
        n = self.docs()
        last = len(phrase.terms) - 1
        df = min(self.df(t, phrase.prefix and i == last) for i, t in enumerate(phrase.terms))
        df = min(df, n)
        return math.log(1.0 + (n - df + 0.5) / (df + 0.5))


# Placeholders, in order: now, now, team, team, lang, lang (see _filter_params).
_FILTER = (
    "(c.valid_from IS NULL OR c.valid_from <= ?) "
    "AND (c.valid_to IS NULL OR c.valid_to > ?) "
    "AND (c.audience = '' OR ? IS NULL OR instr(c.audience, '|' || ? || '|') > 0) "
    "AND (? IS NULL OR c.lang = ?)"
)


def _newest(db: sqlite3.Connection, match: str, limit: int) -> list[int]:
    rows = db.execute(
        "SELECT rowid FROM kb_fts WHERE kb_fts MATCH ? ORDER BY rowid DESC LIMIT ?",
        (match, limit),
    ).fetchall()
    return [int(r[0]) for r in rows]


def _candidates(db: sqlite3.Connection, match: str) -> list[int]:
    found = _newest(db, match, CANDIDATES + 1)
    if len(found) <= CANDIDATES:
        return found  # every match: the ranking is exact
    head = _newest(db, "{title tags} : (" + match + ")", CANDIDATES)
    if len(head) < CANDIDATES:
        seen = set(head)
        head += [r for r in found if r not in seen][: CANDIDATES - len(head)]
    return head


def _needle(phrase: Phrase) -> str:
    joined = " " + " ".join(phrase.terms)
    return joined if phrase.prefix else joined + " "


def _score(
    groups: Sequence[tuple[tuple[str, float], ...]],
    title: str,
    tags: str,
    script: str,
    body: str,
    w: RankWeights,
) -> float:
    total = 0.0
    for alternatives in groups:
        best = 0.0
        for needle, idf in alternatives:
            weight = (
                (w.title if needle in title else 0.0)
                + (w.tags if needle in tags else 0.0)
                + (w.script if needle in script else 0.0)
                + (w.body if needle in body else 0.0)
            )
            if weight * idf > best:
                best = weight * idf
        total += best
    return total


def fetch_candidates(
    db: sqlite3.Connection,
    stats: TermStats,
    groups: Sequence[Group],
    match: str,
    weights: RankWeights,
    *,
    now: str | None,
    team: str | None,
    lang: str | None,
) -> list[Row]:
    """Candidates of the FTS5 expression ``match`` (built from ``groups``) with relevance."""
    rowids = _candidates(db, match)
    if not rowids:
        return []
    marks = ",".join("?" * len(rowids))
    sql = (
        "SELECT c.id, c.updated_at, c.short_script != '', c.lang, "
        "f.title, f.tags, f.script, f.body "
        "FROM kb_cards c JOIN kb_fts f ON f.rowid = c.rowid "
        f"WHERE c.rowid IN ({marks}) AND {_FILTER}"
    )
    filters = _filter_params(now, team, lang)
    rows = db.execute(sql, (*rowids, *filters)).fetchall()
    scored_groups = [tuple((_needle(p), stats.idf(p)) for p in g.alternatives) for g in groups]
    w = weights
    out = []
    for card_id, updated_at, short, card_lang, title, tags, script, body in rows:
        relevance = _score(scored_groups, f" {title} ", f" {tags} ", f" {script} ", f" {body} ", w)
        out.append(
            Row(
                card_id=str(card_id),
                relevance=relevance,
                updated_at=updated_at,
                has_short_script=bool(short),
                lang=str(card_lang),
            )
        )
    return out


def _filter_params(now: str | None, team: str | None, lang: str | None) -> tuple[object, ...]:
    return (now, now, team, team, lang, lang)
