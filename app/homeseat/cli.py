"""The ``homeseat`` command: run the agent desktop, or ``demo``, ``selftest``, ``--version``.

Runs on the main thread. Qt (and everything heavy) is imported only by the sub-command that
needs it, so ``homeseat --version`` answers at once.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from homeseat import __version__
from homeseat.core.masking import install_log_masking

if TYPE_CHECKING:
    from homeseat.config.model import ClientSettings

__all__ = ["main", "build_parser", "load_settings", "default_config_path", "ConfigFileError"]

#: Exit code for a configuration file that cannot be used.
EXIT_CONFIG = 2


class ConfigFileError(Exception):
    """The configuration file is missing, unreadable or invalid; the message says where."""


def default_config_path() -> Path:
    """Where ``homeseat`` looks for its settings when ``--config`` is not given: the user
    settings file of the configuration service (``$HOMESEAT_SETTINGS`` overrides it)."""
    from homeseat.config.paths import ConfigPaths

    return ConfigPaths.default().user


def load_settings(path: Path | None) -> ClientSettings:
    """Read and validate a JSON settings file (defaults when ``path`` is None and none exists).

    Raises:
        ConfigFileError: with one line per problem (JSON pointer-like location and reason).
    """
    from pydantic import ValidationError

    from homeseat.config.model import ClientSettings

    explicit = path is not None
    target = path if path is not None else default_config_path()
    if not target.exists():
        if explicit:
            raise ConfigFileError(f"{target}: no such file")
        return ClientSettings()
    try:
        text = target.read_bytes()
    except OSError as exc:
        raise ConfigFileError(f"{target}: cannot read ({exc.strerror})") from None
    try:
        return ClientSettings.model_validate_json(text)
    except ValidationError as exc:
        lines = [f"{target}: {exc.error_count()} problem(s)"]
        for err in exc.errors(include_url=False):
            where = "/" + "/".join(str(p) for p in err["loc"]) if err["loc"] else "(file)"
            lines.append(f"  {where}: {err['msg']}")
        raise ConfigFileError("\n".join(lines)) from None


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (sub-commands ``demo`` and ``selftest``)."""
    parser = argparse.ArgumentParser(
        prog="homeseat",
        description="HomeSeat (居家座席): the desktop client for home-based contact-center agents.",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    parser.add_argument("--config", type=Path, metavar="PATH", help="client settings file (JSON)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log more (to stderr)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    demo = sub.add_parser(
        "demo",
        help="run a local hub with demo agents, and an agent and a team-lead window",
        description="Starts a hub on 127.0.0.1 with TLS and demo users, opens agent1's and "
        "lead1's windows already signed in, and moves six robot agents through their states.",
    )
    demo.add_argument(
        "--duration", type=float, metavar="SECONDS", help="quit by itself after SECONDS"
    )
    demo.add_argument(
        "--screenshot", type=Path, metavar="DIR", help="save PNGs of both windows into DIR"
    )
    demo.add_argument(
        "--seed", type=int, metavar="N", help="seed of the robots' schedule (repeatable runs)"
    )
    demo.add_argument(
        "--language",
        choices=("system", "en", "zh_CN"),
        default="system",
        help="user-interface language (default: the system's)",
    )
    sub.add_parser(
        "config",
        help="managed configuration tools for IT (validate, schema, sign, ...)",
        add_help=False,
    )
    sub.add_parser(
        "audio",
        help="microphone tools: denoise a WAV file, run the audio check headless",
        add_help=False,
    )
    sub.add_parser("kb", help="knowledge cards: import, search, pin, usage report", add_help=False)
    sub.add_parser(
        "agent", help="headless robot agent for load tests (agent --headless ...)", add_help=False
    )
    selftest = sub.add_parser(
        "selftest",
        help="check this computer: Qt, SIP stack, audio, keyring, configuration",
        description="Runs offscreen when there is no display. Prints one line per check; the "
        "exit code is non-zero when a required check fails.",
    )
    selftest.add_argument(
        "--config", dest="selftest_config", type=Path, metavar="PATH", help="settings to check"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``homeseat`` script."""
    words = list(sys.argv[1:] if argv is None else argv)
    if words[:1] == ["config"]:
        # ``homeseat config …`` (IT tools) has its own parser; hand it the rest as is.
        from homeseat.config.cli import main as config_main

        return config_main(words[1:])
    if words[:1] == ["kb"]:
        # ``homeseat kb …`` (knowledge managers) has its own parser too.
        from homeseat.knowledge.cli import main as kb_main

        return kb_main(words[1:])
    if words[:1] == ["sip-probe"]:
        # Internal (not in --help): the first-run wizard's SIP check, in its own process.
        from homeseat.ui.first_run_checks import sip_probe_main

        return sip_probe_main(sys.stdin, sys.stdout)
    if words[:1] == ["audio"]:
        from homeseat.audio.cli import main as audio_main

        return audio_main(words[1:])
    if words[:1] == ["agent"]:
        from homeseat.agent_cli import main as agent_main

        return agent_main(words[1:])
    args = build_parser().parse_args(words)
    if args.version:
        print(f"homeseat {__version__}")
        return 0
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    install_log_masking()  # no customer number reaches a log in plain text
    if args.command == "demo":
        from homeseat.demo import run_demo

        return run_demo(
            duration=args.duration,
            screenshot_dir=args.screenshot,
            language=args.language,
            seed=args.seed,
        )
    if args.command == "selftest":
        from homeseat.selftest import run_selftest

        return run_selftest(args.selftest_config or args.config)
    try:
        settings = load_settings(args.config)
    except ConfigFileError as exc:
        print(f"homeseat: configuration refused: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    from homeseat.ui.app import has_display, run_client

    if not has_display():
        print(
            "homeseat: no display (neither DISPLAY nor WAYLAND_DISPLAY is set). "
            "Try 'homeseat selftest' or 'homeseat demo', which can run offscreen.",
            file=sys.stderr,
        )
        return 1
    # The running app takes its settings from the layered, watched configuration service:
    # built-in < IT's managed policy < the user's file (--config or the default) < IT's locks,
    # plus signed pushes from the hub. A managed file with bad keys applies the rest.
    from dataclasses import replace

    from homeseat.config.paths import ConfigPaths
    from homeseat.config.service import ConfigService

    paths = ConfigPaths.default()
    if args.config is not None:
        paths = replace(paths, user=args.config)
    config = ConfigService(paths)
    settings = config.load().settings
    if not config.status().healthy:
        print(
            "homeseat: some configuration was refused; run 'homeseat config show' for details",
            file=sys.stderr,
        )
    # The first-run wizard saves the hub URL it confirms, but never into a file named by --config.
    return run_client(
        settings,
        settings_path=None if args.config else default_config_path(),
        config=config,
    )


if __name__ == "__main__":
    sys.exit(main())
