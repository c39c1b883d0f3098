"""``homeseat audio …``: the offline denoiser and the headless pre-shift audio check.

Runs on the main thread. ``denoise`` is :mod:`homeseat.audio.offline`; ``check`` runs
:func:`homeseat.audio.check.run_check` with WAV files in place of the sound card (record =
read ``--input``, play = write into ``--out-dir``), or with the sound card (``--device``).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from homeseat.audio.engines import DEFAULT_ENGINE, ENGINE_NAMES

__all__ = ["main", "build_parser", "EXIT_OK", "EXIT_USAGE", "EXIT_CHECK_FAILED"]

EXIT_OK = 0
EXIT_CHECK_FAILED = 1
EXIT_USAGE = 2


def build_parser() -> argparse.ArgumentParser:
    """Arguments of ``homeseat audio`` (sub-commands ``denoise`` and ``check``)."""
    parser = argparse.ArgumentParser(prog="homeseat audio", description="Microphone-path tools.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    sub.add_parser(
        "denoise",
        help="run the real-time noise-suppression pipeline on a WAV file",
        add_help=False,
    )
    check = sub.add_parser(
        "check",
        help="the pre-shift audio check, on WAV files (headless) or on the sound card",
        description="Records 5 s (or reads --input), plays it back raw and suppressed, tests "
        "the speaker, measures the noise floor and prints a verdict. Exit code 1 on FAIL.",
    )
    source = check.add_mutually_exclusive_group(required=True)
    source.add_argument("--input", type=Path, help="WAV file standing in for the microphone")
    source.add_argument("--device", action="store_true", help="use the sound card")
    check.add_argument(
        "--loopback", type=Path, help="WAV recorded while the test tone played (speaker test)"
    )
    check.add_argument(
        "--out-dir", type=Path, default=Path("audio-check"), help="where played audio is written"
    )
    check.add_argument("--engine", choices=ENGINE_NAMES, default=DEFAULT_ENGINE)
    check.add_argument("--json", action="store_true", help="print the result as JSON")
    return parser


def _check(args: argparse.Namespace) -> int:
    from homeseat.audio.check import CheckAudioIO, DeviceCheckIO, FileCheckIO, Verdict, run_check
    from homeseat.audio.offline import WavError
    from homeseat.audio.suppress import SuppressorError

    io: CheckAudioIO = (
        DeviceCheckIO() if args.device else FileCheckIO(args.input, args.out_dir, args.loopback)
    )
    try:
        result, _ = run_check(io, args.engine)
    except (WavError, SuppressorError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    m = result.measurements
    if args.json:
        print(
            json.dumps(
                {
                    "verdict": result.verdict.value,
                    "problems": [p.value for p in result.problems],
                    "speaker": result.speaker.value,
                    "noise_floor_dbfs": round(m.noise_floor_dbfs, 1),
                    "residual_noise_dbfs": round(m.residual_noise_dbfs, 1),
                    "speech_level_dbfs": round(m.speech_level_dbfs, 1),
                    "peak_dbfs": round(m.peak_dbfs, 1),
                    "speech_s": m.speech_s,
                    "engine": m.engine,
                    "latency_ms": round(m.latency_ms, 1),
                    "real_time_factor": round(m.real_time_factor, 3),
                },
                indent=1,
            )
        )
    else:
        print(f"verdict: {result.verdict.value.upper()}")
        for p in result.problems:
            print(f"  problem: {p.value}")
        print(
            f"noise floor {m.noise_floor_dbfs:.1f} dBFS (after suppression "
            f"{m.residual_noise_dbfs:.1f}), speech {m.speech_level_dbfs:.1f} dBFS for "
            f"{m.speech_s:.1f} s, peak {m.peak_dbfs:.1f} dBFS, speaker {result.speaker.value}, "
            f"engine {m.engine} ({m.latency_ms:.0f} ms)"
        )
    return EXIT_CHECK_FAILED if result.verdict is Verdict.FAIL else EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``homeseat audio``; returns the exit code."""
    words = list(sys.argv[1:] if argv is None else argv)
    if words[:1] == ["denoise"]:
        from homeseat.audio.offline import main as denoise_main

        return denoise_main(words[1:])
    args = build_parser().parse_args(words)
    return _check(args)
