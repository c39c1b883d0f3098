"""The ``homeseat-hub`` command: run the hub and manage its accounts.

Runs on the main thread (``serve`` runs the hub on an asyncio loop there). Passwords are read
from a prompt or from standard input, never from the command line. Exit codes: 0 done,
1 refused or failed (the message says why), 2 bad usage.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import json
import logging
import os
import re
import signal
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any, cast

from homeseat import __version__
from homeseat.core.masking import install_log_masking
from homeseat.hub.config import HubConfig
from homeseat.hub.config_cli import add_config_commands, run_config_command
from homeseat.hub.storage import ROLES, Role, Storage, StorageError, User

__all__ = ["main", "build_parser", "EXIT_OK", "EXIT_FAILED", "EXIT_USAGE", "MIN_PASSWORD"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
#: Shortest password ``user add`` accepts.
MIN_PASSWORD = 8
_USERNAME = re.compile(r"^[A-Za-z0-9_.@-]{1,64}$")  # what the protocol accepts at sign-in
DB_ENV = "HOMESEAT_HUB_DB"

log = logging.getLogger("homeseat.hub")


class CliError(Exception):
    """A refusal to report on stderr with exit code 1."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (also used to document the command)."""
    parser = argparse.ArgumentParser(
        prog="homeseat-hub", description="HomeSeat hub: the reference central platform."
    )
    parser.add_argument("--version", action="version", version=f"homeseat-hub {__version__}")
    db = argparse.ArgumentParser(add_help=False)
    db.add_argument(
        "--db",
        type=Path,
        default=os.environ.get(DB_ENV),
        help=f"SQLite database file (default: ${DB_ENV})",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", parents=[db], help="run the hub")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (loopback)")
    serve.add_argument("--port", type=int, default=8765, help="TCP port (0: any free port)")
    serve.add_argument("--cert", type=Path, help="PEM certificate chain (TLS)")
    serve.add_argument("--key", type=Path, help="PEM private key of --cert")
    serve.add_argument(
        "--insecure", action="store_true", help="serve plain ws:// without TLS (labs only)"
    )
    serve.add_argument(
        "--grace", type=float, default=15.0, help="seconds before a dropped agent shows offline"
    )
    serve.add_argument(
        "--recommended-client",
        metavar="VERSION",
        help="client version to recommend (older clients show an update notice)",
    )
    serve.add_argument("-v", "--verbose", action="store_true", help="log debug messages")

    seed = sub.add_parser("seed-demo", parents=[db], help="create the demo accounts (demo only)")
    seed.set_defaults(command="seed-demo")

    user = sub.add_parser("user", help="manage accounts")
    users = user.add_subparsers(dest="action", required=True)
    add = users.add_parser("add", parents=[db], help="create an account")
    add.add_argument("name", help="user name (letters, digits, _ . @ -)")
    add.add_argument("--role", choices=ROLES, required=True)
    add.add_argument("--team", required=True)
    add.add_argument("--display-name", help="name shown to leads (default: the user name)")
    add.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    listing = users.add_parser("list", parents=[db], help="list accounts")
    listing.add_argument("--json", action="store_true", help="JSON instead of a table")
    disable = users.add_parser("disable", parents=[db], help="disable an account")
    disable.add_argument("name")
    enable = users.add_parser("enable", parents=[db], help="enable a disabled account")
    enable.add_argument("name")
    lead = users.add_parser("lead-team", parents=[db], help="let a lead lead another team too")
    lead.add_argument("name")
    lead.add_argument("team")
    grant = users.add_parser("grant", parents=[db], help="grant a permission (surge: 三级应急)")
    grant.add_argument("name")
    grant.add_argument("permission", choices=["surge"])
    add_config_commands(sub, db)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.db is None:
        parser.error(f"--db is required (or set {DB_ENV})")
    try:
        if args.command == "serve":
            return _serve(args, parser)
        if args.command == "seed-demo":
            return _seed(args.db)
        if args.command == "config":
            storage = _open(args.db)
            try:
                code, text = run_config_command(args, storage)
            finally:
                storage.close()
            print(text, file=sys.stdout if code == EXIT_OK else sys.stderr)
            return code
        return _user(args)
    except CliError as exc:
        print(f"homeseat-hub: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except StorageError as exc:
        print(f"homeseat-hub: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        return EXIT_FAILED


# ----------------------------------------------------------------------------- serve


def _serve(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    if (args.cert is None) != (args.key is None):
        parser.error("--cert and --key go together")
    if args.cert is None and not args.insecure:
        parser.error("give --cert and --key (TLS), or --insecure for plain ws:// in a lab")
    for path in (args.cert, args.key):
        if path is not None and not path.is_file():
            raise CliError(f"{path}: no such file")
    if args.grace < 0:
        parser.error("--grace must not be negative")
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    install_log_masking()  # no customer number reaches a log in plain text
    try:
        config = HubConfig(
            host=args.host,
            port=args.port,
            db_path=args.db,
            tls_cert=args.cert,
            tls_key=args.key,
            disconnect_grace_seconds=args.grace,
            recommended_client=args.recommended_client,
        )
    except ValueError as exc:
        raise CliError(str(exc)) from None
    return asyncio.run(_run_hub(config))


async def _run_hub(config: HubConfig) -> int:
    from homeseat.hub.server import HubServer  # websockets loads only for this command

    hub = HubServer(config)
    try:
        await hub.start()
    except OSError as exc:
        print(
            f"homeseat-hub: cannot listen on {config.host}:{config.port}: {exc.strerror}",
            file=sys.stderr,
        )
        return EXIT_FAILED
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    print(f"homeseat-hub: listening on {hub.url}", flush=True)
    try:
        await stop.wait()
    finally:
        await hub.stop()
    print("homeseat-hub: stopped", flush=True)
    return EXIT_OK


# ----------------------------------------------------------------------------- accounts


def _open(db: Path) -> Storage:
    if not db.parent.is_dir():
        raise CliError(f"{db.parent}: no such folder")
    return Storage(db)


def _seed(db: Path) -> int:
    from homeseat.hub.demo import DEMO_PASSWORD, seed_demo

    storage = _open(db)
    try:
        users = seed_demo(storage)
        storage.grant("lead1", "surge", actor="seed-demo")  # the demo lead shows the surge level
    finally:
        storage.close()
    print(f"{len(users)} demo accounts ready (password {DEMO_PASSWORD!r}: demo only)")
    return EXIT_OK


def _user(args: argparse.Namespace) -> int:
    if args.action == "add":
        _check_new_user(args)
        password = _read_password(args.password_stdin)
    storage = _open(args.db)
    try:
        if args.action == "add":
            from homeseat.hub.auth import hash_password

            user = storage.add_user(
                args.name,
                display_name=args.display_name or args.name,
                password_hash=hash_password(password),
                role=cast(Role, args.role),
                team=args.team,
                actor="cli",
            )
            print(f"added {user.role} {user.username} (id {user.id}) to team {user.team}")
        elif args.action == "list":
            _list(storage, as_json=args.json)
        elif args.action in ("disable", "enable"):
            user = storage.set_disabled(args.name, args.action == "disable", actor="cli")
            print(f"{user.username} is {'disabled' if user.disabled else 'enabled'}")
            if user.disabled:
                print("a running hub refuses their next sign-in or refresh", file=sys.stderr)
        elif args.action == "lead-team":
            storage.add_lead_team(args.name, args.team, actor="cli")
            print(f"{args.name} now leads team {args.team}")
        elif args.action == "grant":  # issue 5: who may set a team's surge level
            storage.grant(args.name, args.permission, actor="cli")
            print(f"{args.name} may now use {args.permission}")
    finally:
        storage.close()
    return EXIT_OK


def _check_new_user(args: argparse.Namespace) -> None:
    if not _USERNAME.match(args.name):
        raise CliError(f"invalid user name {args.name!r}: use 1-64 letters, digits, _ . @ -")
    if not 1 <= len(args.team) <= 64:
        raise CliError("the team name must have 1 to 64 characters")
    if args.display_name is not None and not 1 <= len(args.display_name) <= 80:
        raise CliError("the display name must have 1 to 80 characters")


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass("Password: ")
        if getpass.getpass("Repeat password: ") != password:
            raise CliError("the passwords differ")
    if len(password) < MIN_PASSWORD:
        raise CliError(f"the password must have at least {MIN_PASSWORD} characters")
    return password


def _record(storage: Storage, user: User) -> dict[str, Any]:
    teams = sorted(storage.lead_teams(user)) if user.role != "agent" else [user.team]
    return {
        "id": user.id,
        "username": user.username,
        "display_name": user.display_name,
        "role": user.role,
        "team": user.team,
        "leads": teams if user.role != "agent" else [],
        "disabled": user.disabled,
        "created_at": user.created_at.isoformat(),
    }


def _width(text: str) -> int:
    # CJK characters take two columns in a terminal.
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _list(storage: Storage, *, as_json: bool) -> None:
    records = [_record(storage, u) for u in storage.users()]
    if as_json:
        print(json.dumps(records, ensure_ascii=False, indent=2))
        return
    head = ("ID", "USER", "NAME", "ROLE", "TEAM", "LEADS", "STATUS")
    rows = [head] + [
        (
            str(r["id"]),
            r["username"],
            r["display_name"],
            r["role"],
            r["team"],
            ",".join(r["leads"]) or "-",
            "disabled" if r["disabled"] else "active",
        )
        for r in records
    ]
    widths = [max(_width(row[i]) for row in rows) for i in range(len(head))]
    for row in rows:
        cells = [cell + " " * (w - _width(cell)) for cell, w in zip(row, widths, strict=True)]
        print("  ".join(cells).rstrip())
