"""``homeseat agent --headless``: the robot agent (``homeseat.sip.robot``) from the command line.

Runs on the main thread's asyncio loop until ``--duration`` passes or Ctrl-C. Prints one line
per event (no customer numbers) and a summary; the exit code is 1 when it could not work.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

__all__ = ["build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    """The ``homeseat agent`` parser."""
    parser = argparse.ArgumentParser(
        prog="homeseat agent",
        description="A headless robot agent for load tests: signs in to the hub, goes Ready, "
        "answers every call after a delay, plays a WAV file into it, records what it hears "
        "(one WAV per call), wraps up and goes Ready again. Secrets come from the keyring: "
        "the hub password under 'robot-password:<user>' (or a remembered session), the SIP "
        "password under 'sip:<account id>' (service 'HomeSeat').",
    )
    parser.add_argument(
        "--headless", action="store_true", required=True, help="run without a window (required)"
    )
    parser.add_argument("--config", type=Path, metavar="PATH", help="client settings (JSON)")
    parser.add_argument("--user", required=True, help="hub user name to sign in as")
    parser.add_argument("--play", type=Path, required=True, metavar="WAV", help="audio to play")
    parser.add_argument(
        "--record", type=Path, required=True, metavar="DIR", help="folder for the recordings"
    )
    parser.add_argument("--account", metavar="ID", help="SIP account id (default: the first)")
    parser.add_argument(
        "--answer-after", type=float, default=1.0, metavar="S", help="ring time (default 1 s)"
    )
    parser.add_argument(
        "--wrap-up", type=float, default=3.0, metavar="S", help="wrap-up time (default 3 s)"
    )
    parser.add_argument("--duration", type=float, metavar="S", help="stop after S seconds")
    parser.add_argument("--bind", default="", metavar="ADDR", help="local SIP/RTP address")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``homeseat agent``."""
    args = build_parser().parse_args(argv)
    from homeseat.cli import ConfigFileError, load_settings
    from homeseat.security.secrets import SecretStore
    from homeseat.sip.robot import RobotError, RobotOptions, run_robot

    try:
        settings = load_settings(args.config)
    except ConfigFileError as exc:
        print(f"homeseat agent: configuration refused: {exc}", file=sys.stderr)
        return 2
    options = RobotOptions(
        username=args.user,
        play=args.play,
        record_dir=args.record,
        answer_after_s=args.answer_after,
        wrap_up_s=args.wrap_up,
        duration_s=args.duration,
        account_id=args.account,
        bind_address=args.bind,
    )

    async def run() -> int:
        stop = asyncio.Event()
        with contextlib.suppress(NotImplementedError):  # no signal handlers on Windows
            asyncio.get_running_loop().add_signal_handler(signal.SIGINT, stop.set)
        try:
            report = await run_robot(settings, options, SecretStore(), stop=stop, say=print)
        except (RobotError, ValueError, LookupError, OSError) as exc:
            print(f"homeseat agent: {exc}", file=sys.stderr)
            return 1
        print(
            f"calls answered: {report.calls_answered}; recordings: {len(report.recordings)}; "
            f"errors: {len(report.errors)}"
        )
        return 0

    return asyncio.run(run())
