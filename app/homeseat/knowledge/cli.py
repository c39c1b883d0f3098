"""``homeseat kb``: import, search, pin and report on a knowledge store, for knowledge managers.

Runs on the main thread, on a store file: the hub's database (``--db HUB.sqlite3``; a running hub
notices the change within a second and pushes it to every client) or a client's local copy.

* ``homeseat kb import FILE`` — JSONL, CSV, a Markdown file or a folder of them. Good records are
  imported; each bad one is reported as ``file:line: field: reason``. Exit 0 when all were good,
  1 when some were refused, 2 when the file could not be read at all.
* ``homeseat kb search [--json] QUERY`` — ranked card ids and scores; ``--queries FILE`` answers
  one query per line (one JSON line each) in a single process, for evaluation and scripts.
* ``homeseat kb pin ID`` / ``--unpin`` — hot-topic pins for everyone.
* ``homeseat kb report`` — per-card usage and feedback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from homeseat.knowledge.importer import read_cards
from homeseat.knowledge.store import KnowledgeStore

__all__ = ["main", "build_parser", "default_store_path"]

EXIT_PARTIAL = 1
EXIT_UNUSABLE = 2


def default_store_path() -> Path:
    """The client's local knowledge copy (used when ``--db`` is not given)."""
    import platformdirs

    return Path(platformdirs.user_data_dir("HomeSeat", appauthor=False)) / "knowledge.sqlite3"


def build_parser() -> argparse.ArgumentParser:
    """The ``homeseat kb`` argument parser."""
    parser = argparse.ArgumentParser(
        prog="homeseat kb", description="Knowledge cards: import, search, pin, report."
    )
    parser.add_argument(
        "--db", type=Path, metavar="PATH", help="store file (hub database or local copy)"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    imp = sub.add_parser("import", help="import cards from JSONL, CSV or Markdown")
    imp.add_argument("file", type=Path, metavar="FILE", help=".jsonl, .csv, .md or a folder")
    imp.add_argument("--dry-run", action="store_true", help="check only; change nothing")
    search = sub.add_parser("search", help="ranked card ids and scores for a query")
    search.add_argument("query", nargs="*", help="the query (words are joined)")
    search.add_argument("--json", action="store_true", help="one JSON object per query")
    search.add_argument("--queries", type=Path, metavar="FILE", help="one query per line")
    search.add_argument("--limit", type=int, default=10, help="results per query (default 10)")
    search.add_argument("--team", help="only cards for this team's audience")
    search.add_argument("--lang", choices=("zh", "en"), help="only cards in this language")
    search.add_argument("--surge", type=int, default=0, metavar="LEVEL", help="surge level")
    search.add_argument("--prefix", action="store_true", help="treat the last word as unfinished")
    pin = sub.add_parser("pin", help="pin a hot-topic card for everyone")
    pin.add_argument("card_id", metavar="ID")
    pin.add_argument("--unpin", action="store_true", help="remove the pin instead")
    report = sub.add_parser("report", help="per-card usage and feedback")
    report.add_argument("--json", action="store_true", help="JSON lines instead of a table")
    return parser


def _import(store: KnowledgeStore, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    try:
        result = read_cards(args.file)
    except (OSError, ValueError) as exc:
        print(f"homeseat kb import: {exc}", file=err)
        return EXIT_UNUSABLE
    for error in result.errors:
        print(f"refused: {error}", file=err)
    changed = 0 if args.dry_run else store.upsert(result.cards)
    verb = "would import" if args.dry_run else "imported"
    print(
        f"{verb} {len(result.cards)} card(s) ({changed} new or changed), "
        f"refused {len(result.errors)}; knowledge base version {store.version}",
        file=out,
    )
    return EXIT_PARTIAL if result.errors else 0


def _answer(store: KnowledgeStore, query: str, args: argparse.Namespace) -> dict[str, Any]:
    results = store.search(
        query,
        limit=args.limit,
        as_you_type=args.prefix,
        team=args.team,
        lang=args.lang,
        surge_level=args.surge,
    )
    cards = {c.id: c for c in store.cards(r.card_id for r in results)}
    return {
        "query": query,
        "results": [
            {
                "id": r.card_id,
                "score": round(r.score, 4),
                "title": cards[r.card_id].title if r.card_id in cards else "",
                "pinned": r.pinned,
                "explain": r.explain,
            }
            for r in results
        ],
    }


def _search(store: KnowledgeStore, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.queries is not None:
        try:
            lines = args.queries.read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            print(f"homeseat kb search: {args.queries}: {exc}", file=err)
            return EXIT_UNUSABLE
        for line in lines:
            if line.strip():
                print(json.dumps(_answer(store, line.strip(), args), ensure_ascii=False), file=out)
        return 0
    query = " ".join(args.query).strip()
    if not query:
        print("homeseat kb search: give a QUERY or --queries FILE", file=err)
        return EXIT_UNUSABLE
    answer = _answer(store, query, args)
    if args.json:
        print(json.dumps(answer, ensure_ascii=False), file=out)
    else:
        for r in answer["results"]:
            print(f"{r['score']:9.3f}  {r['id']:<28} {r['title']}", file=out)
    return 0


def _report(store: KnowledgeStore, args: argparse.Namespace, out: TextIO) -> int:
    rows = store.usage()
    if args.json:
        for u in rows:
            line = {
                "id": u.card_id,
                "title": u.title,
                "used": u.used,
                "helpful": u.helpful,
                "not_helpful": u.not_helpful,
            }
            print(json.dumps(line, ensure_ascii=False), file=out)
    else:
        print(f"{'card':<28} {'used':>6} {'helpful':>8} {'not':>5}  title", file=out)
        for u in rows:
            print(
                f"{u.card_id:<28} {u.used:>6} {u.helpful:>8} {u.not_helpful:>5}  {u.title}",
                file=out,
            )
    return 0


def main(
    argv: Sequence[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Entry point of ``homeseat kb``."""
    stdout, stderr = out or sys.stdout, err or sys.stderr
    args = build_parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    path: Path = args.db or default_store_path()
    if args.command != "import" and not path.exists():
        print(f"homeseat kb: {path}: no such store", file=stderr)
        return EXIT_UNUSABLE
    dry = args.command == "import" and args.dry_run
    if not dry:
        path.parent.mkdir(parents=True, exist_ok=True)
    store = KnowledgeStore(":memory:" if dry else path)
    try:
        if args.command == "import":
            return _import(store, args, stdout, stderr)
        if args.command == "search":
            return _search(store, args, stdout, stderr)
        if args.command == "pin":
            if not args.unpin and store.card(args.card_id) is None:
                print(f"homeseat kb pin: no card {args.card_id!r}", file=stderr)
                return EXIT_UNUSABLE
            store.pin(args.card_id, not args.unpin, by="cli")
            print(f"pins: {', '.join(store.pins()) or '(none)'}", file=stdout)
            return 0
        return _report(store, args, stdout)
    finally:
        store.close()
