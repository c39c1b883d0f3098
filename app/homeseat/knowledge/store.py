"""The knowledge store: cards in SQLite with an FTS5 index, versioned for delta sync.

One class serves both sides: the hub's copy (the source of truth, which numbers every change) and
each client's copy (which applies the hub's deltas and works offline from them). Use a store from
the thread that opened it only (sqlite3 enforces that): the hub's loop thread, the client's Qt
main thread, or the CLI's main thread. A search is one short read (≤ 10 ms p99 at 100,000 cards,
see docs/benchmarks.md), so it runs on the caller's thread.

Tables carry a ``kb_`` prefix and their own schema version (``kb_meta``), so the store can live in
the hub's database file next to the hub's tables without touching the hub's migrations.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from homeseat.core.knowledge import Candidate, Card, RankWeights, ScoredCard, rank
from homeseat.knowledge.records import MIGRATIONS, Event, Removal, Usage, parse_ts, ts
from homeseat.knowledge.search import TermStats, fetch_candidates
from homeseat.knowledge.synonyms import Synonyms, load_default_synonyms
from homeseat.knowledge.text import Group, build_query, has_cjk, index_text, to_match
from homeseat.knowledge.typos import Vocabulary

__all__ = ["KnowledgeStore", "Removal", "Usage", "Event", "SearchMode", "ts", "parse_ts"]

SearchMode = str  # "and" | "or" | "auto"


def _audience(teams: Sequence[str]) -> str:
    return "|" + "|".join(teams) + "|" if teams else ""


class KnowledgeStore:
    """Cards, pins and feedback events in SQLite. Use from the opening thread only.

    Args:
        path: database file (shared with the hub's tables, or a client's own) or ``":memory:"``.
        synonyms: the synonym table (the shipped one when None).
        weights: ranking knobs.
    """

    def __init__(
        self,
        path: Path | str,
        *,
        synonyms: Synonyms | None = None,
        weights: RankWeights | None = None,
    ) -> None:
        self._path = str(path)
        self._db = sqlite3.connect(self._path, isolation_level=None)
        self._db.row_factory = sqlite3.Row
        if self._path != ":memory:":
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = NORMAL")
            # Searches read index pages all over the file: map it (pages stay the OS's, shared
            # and reclaimable) and keep a larger page cache than SQLite's 2 MiB default.
            self._db.execute("PRAGMA mmap_size = 268435456")
            self._db.execute("PRAGMA cache_size = -32768")
        self._db.execute("PRAGMA busy_timeout = 5000")
        self._migrate()
        self.synonyms = synonyms if synonyms is not None else load_default_synonyms()
        self.weights = weights or RankWeights()
        self._vocabulary: Vocabulary | None = None
        self._stats = TermStats(self._db)
        self._pins_cache: list[str] | None = None

    # ------------------------------------------------------------------ lifecycle

    def _migrate(self) -> None:
        self._db.execute("CREATE TABLE IF NOT EXISTS kb_meta (key TEXT PRIMARY KEY, value TEXT)")
        have = int(self._meta("schema") or 0)
        if have > len(MIGRATIONS):
            raise RuntimeError(f"knowledge schema {have} is newer than this program")
        for step in range(have, len(MIGRATIONS)):
            with self._tx() as db:
                for statement in MIGRATIONS[step].split(";"):
                    if statement.strip():
                        db.execute(statement)
                self._set_meta(db, "schema", str(step + 1))

    def close(self) -> None:
        """Close the database (idempotent)."""
        self._db.close()

    def refresh(self) -> None:
        """Forget cached pins and vocabulary (another connection changed the database)."""
        self._pins_cache = None
        self._changed()

    def _changed(self) -> None:
        self._vocabulary = None
        self._stats.clear()

    def clear(self) -> None:
        """Drop every card, pin and the version (a client whose hub was reset starts over)."""
        with self._tx() as db:
            for table in ("kb_cards", "kb_fts", "kb_pins"):
                db.execute(f"DELETE FROM {table}")
            self._set_meta(db, "version", "0")
        self.refresh()

    @property
    def path(self) -> str:
        """Where the store lives."""
        return self._path

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def _meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM kb_meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    @staticmethod
    def _set_meta(db: sqlite3.Connection, key: str, value: str) -> None:
        db.execute("INSERT OR REPLACE INTO kb_meta (key, value) VALUES (?, ?)", (key, value))

    # ------------------------------------------------------------------ versions and changes

    @property
    def version(self) -> int:
        """The highest change this copy has (0 when empty)."""
        return int(self._meta("version") or 0)

    def data_version(self) -> int:
        """SQLite's counter of commits made by *other* connections (for change polling)."""
        return int(self._db.execute("PRAGMA data_version").fetchone()[0])

    def count(self) -> int:
        """Live (not deleted) cards."""
        return int(
            self._db.execute("SELECT count(*) FROM kb_cards WHERE deleted = 0").fetchone()[0]
        )

    def upsert(self, cards: Iterable[Card], now: datetime | None = None) -> int:
        """Add or change cards as the source of truth: each changed card gets the next version.

        Cards identical to the stored ones are left alone (re-importing a file changes nothing).

        Returns:
            How many cards changed.
        """
        stamp = now or datetime.now(UTC)
        changed = 0
        with self._tx() as db:
            version = int(self._meta("version") or 0)
            for card in cards:
                old = self._card_row(card.id)
                if old is not None and not old["deleted"] and _same(self._card(old), card):
                    continue
                version += 1
                changed += 1
                self._write(db, _with(card, version, card.updated_at or stamp))
            self._set_meta(db, "version", str(version))
        if changed:
            self._changed()
        return changed

    def remove(self, card_ids: Iterable[str]) -> int:
        """Delete cards as the source of truth (tombstones carry the next versions)."""
        removed = 0
        with self._tx() as db:
            version = int(self._meta("version") or 0)
            for card_id in card_ids:
                row = self._card_row(card_id)
                if row is None or row["deleted"]:
                    continue
                version += 1
                removed += 1
                db.execute("DELETE FROM kb_fts WHERE rowid = ?", (row["rowid"],))
                db.execute(
                    "UPDATE kb_cards SET deleted = 1, version = ? WHERE rowid = ?",
                    (version, row["rowid"]),
                )
            self._set_meta(db, "version", str(version))
        self._changed()
        return removed

    def apply(self, cards: Sequence[Card], removals: Sequence[Removal], through: int) -> None:
        """Apply one delta chunk from the hub, in one transaction, and move to ``through``."""
        with self._tx() as db:
            for card in cards:
                self._write(db, card)
            for gone in removals:
                row = self._card_row(gone.id)
                if row is not None:
                    db.execute("DELETE FROM kb_fts WHERE rowid = ?", (row["rowid"],))
                    db.execute("DELETE FROM kb_cards WHERE rowid = ?", (row["rowid"],))
            if through > int(self._meta("version") or 0):
                self._set_meta(db, "version", str(through))
        self._changed()

    def changes_since(self, version: int, limit: int = 1000) -> list[Card | Removal]:
        """Changes after ``version`` in version order (cards, and tombstones of deleted ones)."""
        rows = self._db.execute(
            "SELECT * FROM kb_cards WHERE version > ? ORDER BY version LIMIT ?", (version, limit)
        ).fetchall()
        return [Removal(r["id"], r["version"]) if r["deleted"] else self._card(r) for r in rows]

    def _write(self, db: sqlite3.Connection, card: Card) -> None:
        values = (
            card.title,
            card.body,
            card.script,
            card.short_script,
            json.dumps(list(card.tags), ensure_ascii=False),
            card.scenario,
            _audience(card.audience),
            ts(card.valid_from),
            ts(card.valid_to),
            card.lang,
            card.version,
            ts(card.updated_at),
        )
        row = self._card_row(card.id)
        if row is None:
            cur = db.execute(
                "INSERT INTO kb_cards (title, body, script, short_script, tags, scenario, "
                "audience, valid_from, valid_to, lang, version, updated_at, id) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (*values, card.id),
            )
            rowid = cur.lastrowid
        else:
            rowid = row["rowid"]
            db.execute(
                "UPDATE kb_cards SET title = ?, body = ?, script = ?, short_script = ?, tags = ?, "
                "scenario = ?, audience = ?, valid_from = ?, valid_to = ?, lang = ?, version = ?, "
                "updated_at = ?, deleted = 0 WHERE rowid = ?",
                (*values, rowid),
            )
            db.execute("DELETE FROM kb_fts WHERE rowid = ?", (rowid,))
        db.execute(
            "INSERT INTO kb_fts (rowid, title, tags, script, body) VALUES (?, ?, ?, ?, ?)",
            (
                rowid,
                index_text(card.title),
                index_text(" ".join(card.tags) + " " + card.scenario),
                index_text(card.script + " " + card.short_script),
                index_text(card.body),
            ),
        )

    # ------------------------------------------------------------------ reading cards

    def _card_row(self, card_id: str) -> sqlite3.Row | None:
        row: sqlite3.Row | None = self._db.execute(
            "SELECT * FROM kb_cards WHERE id = ?", (card_id,)
        ).fetchone()
        return row

    @staticmethod
    def _card(row: sqlite3.Row) -> Card:
        audience = tuple(t for t in str(row["audience"]).split("|") if t)
        return Card(
            id=row["id"],
            title=row["title"],
            body=row["body"],
            script=row["script"],
            short_script=row["short_script"],
            tags=tuple(json.loads(row["tags"])),
            scenario=row["scenario"],
            audience=audience,
            valid_from=parse_ts(row["valid_from"]),
            valid_to=parse_ts(row["valid_to"]),
            lang=row["lang"],
            version=row["version"],
            updated_at=parse_ts(row["updated_at"]),
        )

    def card(self, card_id: str) -> Card | None:
        """A live card by id, or None."""
        row = self._card_row(card_id)
        return None if row is None or row["deleted"] else self._card(row)

    def cards(self, card_ids: Iterable[str]) -> list[Card]:
        """Live cards by id, in the order asked (unknown ids skipped)."""
        found = (self.card(i) for i in card_ids)
        return [c for c in found if c is not None]

    def all_cards(self) -> list[Card]:
        """Every live card, by id."""
        rows = self._db.execute("SELECT * FROM kb_cards WHERE deleted = 0 ORDER BY id")
        return [self._card(r) for r in rows]

    # ------------------------------------------------------------------ pins

    def pins(self) -> list[str]:
        """Pinned card ids in pin order (cached; pins change rarely)."""
        if self._pins_cache is None:
            rows = self._db.execute("SELECT card_id FROM kb_pins ORDER BY position, card_id")
            self._pins_cache = [str(r[0]) for r in rows]
        return list(self._pins_cache)

    def set_pins(self, card_ids: Sequence[str], by: str = "", now: datetime | None = None) -> bool:
        """Replace the pin list; returns whether it changed."""
        ids = list(dict.fromkeys(card_ids))
        if ids == self.pins():
            return False
        stamp = ts(now or datetime.now(UTC))
        with self._tx() as db:
            db.execute("DELETE FROM kb_pins")
            db.executemany(
                "INSERT INTO kb_pins (card_id, position, pinned_by, pinned_at) VALUES (?, ?, ?, ?)",
                [(card_id, i, by, stamp) for i, card_id in enumerate(ids)],
            )
        self._pins_cache = ids
        return True

    def pin(self, card_id: str, pinned: bool, by: str = "") -> bool:
        """Pin (to the end of the list) or unpin one card; returns whether pins changed."""
        pins = [p for p in self.pins() if p != card_id]
        if pinned:
            pins.append(card_id)
        return self.set_pins(pins, by)

    # ------------------------------------------------------------------ events

    def record_event(
        self,
        card_id: str,
        kind: str,
        *,
        username: str = "",
        context: str = "",
        at: datetime,
        client_ref: str | None = None,
    ) -> int:
        """Store a feedback or usage event; returns its id (0: a duplicate of ``client_ref``).

        ``client_ref`` names the event at its source (installation and event number): an event
        sent again after a lost acknowledgement is stored once.
        """
        with self._tx() as db:
            cur = db.execute(
                "INSERT OR IGNORE INTO kb_events "
                "(card_id, kind, username, at, context, client_ref) VALUES (?, ?, ?, ?, ?, ?)",
                (card_id, kind, username, ts(at), context[:200], client_ref),
            )
        return int(cur.lastrowid or 0) if cur.rowcount else 0

    def pending_events(self, limit: int = 200) -> list[Event]:
        """Events not yet sent to the hub (a client's outbox), oldest first."""
        rows = self._db.execute(
            "SELECT * FROM kb_events WHERE sent = 0 ORDER BY id LIMIT ?", (limit,)
        )
        return [
            Event(r["id"], r["card_id"], r["kind"], r["username"], _dt(r["at"]), r["context"])
            for r in rows
        ]

    def mark_sent(self, event_ids: Iterable[int]) -> None:
        """The hub acknowledged these events."""
        with self._tx() as db:
            db.executemany("UPDATE kb_events SET sent = 1 WHERE id = ?", [(i,) for i in event_ids])

    def usage(self) -> list[Usage]:
        """Per-card counts of events, most used first (cards never used are left out)."""
        rows = self._db.execute(
            "SELECT e.card_id, coalesce(c.title, '') AS title, "
            "sum(e.kind = 'used') AS used, sum(e.kind = 'helpful') AS helpful, "
            "sum(e.kind = 'not_helpful') AS not_helpful "
            "FROM kb_events e LEFT JOIN kb_cards c ON c.id = e.card_id "
            "GROUP BY e.card_id ORDER BY used DESC, helpful DESC, e.card_id"
        )
        return [
            Usage(r["card_id"], r["title"], r["used"], r["helpful"], r["not_helpful"]) for r in rows
        ]

    # ------------------------------------------------------------------ search

    def vocabulary(self) -> Vocabulary:
        """English index terms for typo correction (rebuilt after the cards change)."""
        if self._vocabulary is None:
            rows = self._db.execute("SELECT term FROM kb_vocab")
            self._vocabulary = Vocabulary(str(r[0]) for r in rows)
        return self._vocabulary

    def search(
        self,
        query: str,
        *,
        limit: int = 10,
        as_you_type: bool = False,
        mode: SearchMode = "auto",
        team: str | None = None,
        lang: str | None = None,
        surge_level: int = 0,
        now: datetime | None = None,
    ) -> list[ScoredCard]:
        """Ranked cards for ``query`` (see :mod:`homeseat.core.knowledge` for the formula).

        Args:
            query: words typed by the agent or said by the customer.
            limit: how many results.
            as_you_type: the last word may be unfinished (prefix match).
            mode: ``and`` (every word), ``or`` (any word) or ``auto`` (and, then or when and
                finds fewer than ``limit``).
            team: the agent's team (cards for other audiences are hidden); None: no filter.
            lang: only cards in this language; None: all.
            surge_level: the platform's surge level (≥ 2 favours short scripts).
            now: the wall clock (validity windows and freshness).
        """
        groups = build_query(
            query,
            as_you_type=as_you_type,
            synonyms=self.synonyms,
            vocabulary=self.vocabulary(),
        )
        if not groups:
            return []
        moment = now or datetime.now(UTC)
        query_lang = _language(query)
        ranked: list[ScoredCard] = []
        if mode in ("and", "auto"):
            found = self._candidates(groups, "AND", moment, team, lang, query_lang)
            ranked = self._rank(found, moment, surge_level, limit)
        if mode == "or" or (mode == "auto" and len(ranked) < limit and len(groups) > 1):
            # Cards matching every word stay ahead of cards matching only some of them.
            found = self._candidates(groups, "OR", moment, team, lang, query_lang)
            have = {r.card_id for r in ranked}
            more = self._rank(
                [c for c in found if c.card_id not in have], moment, surge_level, limit
            )
            ranked = (ranked + more)[:limit]
        return ranked

    def _rank(
        self, found: list[Candidate], now: datetime, surge_level: int, limit: int
    ) -> list[ScoredCard]:
        return rank(found, now=now, surge_level=surge_level, weights=self.weights, limit=limit)

    def suggest(
        self,
        text: str,
        lang: str | None = None,
        *,
        limit: int = 3,
        team: str | None = None,
        surge_level: int = 0,
        now: datetime | None = None,
    ) -> list[ScoredCard]:
        """Cards for something the customer said (a chat message or a transcript line).

        Any word may match (customers ramble); the language defaults to the text's own.
        """
        language = lang or ("zh" if has_cjk(text) else "en")
        return self.search(
            text, limit=limit, mode="or", team=team, lang=language, surge_level=surge_level, now=now
        )

    def _candidates(
        self,
        groups: list[Group],
        operator: str,
        now: datetime,
        team: str | None,
        lang: str | None,
        query_lang: str | None,
    ) -> list[Candidate]:
        rows = fetch_candidates(
            self._db,
            self._stats,
            groups,
            to_match(groups, operator),
            self.weights,
            now=ts(now),
            team=team,
            lang=lang,
        )
        pins = set(self.pins())
        return [
            Candidate(
                card_id=r.card_id,
                relevance=r.relevance,
                updated_at=parse_ts(r.updated_at),
                has_short_script=r.has_short_script,
                pinned=r.card_id in pins,
                same_language=query_lang is None or r.lang == query_lang,
            )
            for r in rows
        ]


def _language(query: str) -> str | None:
    """``zh`` or ``en`` when the query is written in one of them only."""
    cjk = has_cjk(query)
    latin = any("a" <= ch <= "z" for ch in query.lower())
    if cjk == latin:
        return None
    return "zh" if cjk else "en"


def _dt(text: str) -> datetime:
    moment = parse_ts(text)
    assert moment is not None
    return moment


def _with(card: Card, version: int, updated_at: datetime) -> Card:
    return replace(card, version=version, updated_at=updated_at)


def _same(a: Card, b: Card) -> bool:
    """Equal content (ignoring version and change time)."""
    return _with(a, 0, datetime.min.replace(tzinfo=UTC)) == _with(
        b, 0, datetime.min.replace(tzinfo=UTC)
    )
