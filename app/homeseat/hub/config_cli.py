"""``homeseat-hub config publish|status``: IT's side of managed configuration at the hub.

Runs on the main thread of the ``homeseat-hub`` command, on its own connection to the hub's
database; a running hub picks up a publication within ``HubConfig.config_poll_seconds``.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from homeseat.hub.config_push import ALL, PublishError, client_statuses, publish
from homeseat.hub.storage import Storage

__all__ = ["add_config_commands", "run_config_command"]

_MAX_READ = 256 * 1024  # an envelope is far smaller; refuse to read a wrong file whole


def add_config_commands(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], db: argparse.ArgumentParser
) -> None:
    """Add ``config publish`` and ``config status`` to the ``homeseat-hub`` parser."""
    config = sub.add_parser("config", help="publish signed policies, read clients' status")
    actions = config.add_subparsers(dest="action", required=True)
    pub = actions.add_parser(
        "publish", parents=[db], help="send a signed policy (homeseat config sign) to clients"
    )
    pub.add_argument("file", type=Path, help="the signed envelope (JSON)")
    pub.add_argument("--team", help="only this team's users (default: everyone)")
    pub.add_argument("--actor", default="it", help="who publishes (for the audit log)")
    status = actions.add_parser("status", parents=[db], help="each client's policy status")
    status.add_argument("--json", action="store_true", help="JSON instead of a table")


def run_config_command(args: argparse.Namespace, storage: Storage) -> tuple[int, str]:
    """Run ``config publish|status``; returns (exit code, text to print)."""
    if args.action == "publish":
        path: Path = args.file
        try:
            with path.open("rb") as handle:
                data = handle.read(_MAX_READ + 1)
        except OSError as exc:
            return 1, f"{path}: cannot read ({exc.strerror})"
        if len(data) > _MAX_READ:
            return 1, f"{path}: larger than {_MAX_READ} bytes: not a signed policy"
        try:
            item = publish(storage, data, scope=args.team or ALL, actor=args.actor)
        except PublishError as exc:
            return 1, f"{path}: refused: {exc}"
        who = f"team {item.scope}" if item.scope != ALL else "everyone"
        return 0, f"published policy serial {item.serial} for {who} (#{item.id})"
    rows = client_statuses(storage)
    if args.json:
        out = [
            {
                "user": r.username,
                "client_id": r.client_id,
                "healthy": r.healthy,
                "at": r.at.isoformat(),
                "status": r.status,
            }
            for r in rows
        ]
        return 0, json.dumps(out, ensure_ascii=False, indent=2)
    lines = [f"{'user':<20} {'client':<14} {'health':<8} {'push':<22} reported"]
    for r in rows:
        push = r.status.get("last_push")
        if isinstance(push, dict):
            verdict = "accepted" if push.get("accepted") else f"refused:{push.get('reason')}"
            push_text = f"{push.get('serial')} {verdict}"
        else:
            push_text = "-"
        health = "ok" if r.healthy else "PROBLEM"
        when = r.at.strftime("%Y-%m-%d %H:%M")
        lines.append(f"{r.username:<20} {r.client_id[:12]:<14} {health:<8} {push_text:<22} {when}")
    if not rows:
        lines.append("(no client has reported yet)")
    return 0, "\n".join(lines)
