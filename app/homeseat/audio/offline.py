"""Offline runner: the real-time microphone pipeline, block by block, over a WAV file.

Runs on the caller's thread. ``homeseat audio denoise IN.wav OUT.wav [--engine NAME]`` calls
:func:`main`. The file is cut into the same 10 ms blocks the audio device delivers and pushed
through the same :class:`~homeseat.audio.pipeline.MicPipeline` class, so what IT and QA hear from a
file is what the customer hears on a call. Any sample rate in, the same rate out.
"""

from __future__ import annotations

import argparse
import sys
import time
import wave
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from homeseat.audio.engines import DEFAULT_ENGINE, ENGINE_NAMES
from homeseat.audio.pipeline import MicPipeline, PipelineSettings, build_pipeline
from homeseat.audio.suppress import Frame, SuppressorError

__all__ = [
    "WavError",
    "DenoiseReport",
    "read_wav",
    "write_wav",
    "run_pipeline",
    "denoise_file",
    "build_parser",
    "main",
]

EXIT_OK = 0
EXIT_USAGE = 2


class WavError(ValueError):
    """A WAV file that cannot be read; the message says why."""


def read_wav(path: Path) -> tuple[Frame, int, int]:
    """Read PCM WAV (8/16/24/32-bit, any channels) as mono float32.

    Returns:
        (samples, rate, sample width in bytes). Several channels are averaged.
    """
    try:
        with wave.open(str(path), "rb") as w:
            rate, width, channels = w.getframerate(), w.getsampwidth(), w.getnchannels()
            raw = w.readframes(w.getnframes())
    except (OSError, EOFError, wave.Error) as exc:
        raise WavError(f"{path}: cannot read WAV ({exc})") from None
    if width == 1:
        data = (np.frombuffer(raw, dtype=np.uint8).astype(np.float32) - 128.0) / 128.0
    elif width == 2:
        data = np.frombuffer(raw, dtype="<i2").astype(np.float32) / 32768.0
    elif width == 3:
        b = np.frombuffer(raw, dtype=np.uint8).reshape(-1, 3).astype(np.int32)
        ints = (b[:, 0] | (b[:, 1] << 8) | (b[:, 2] << 16)) << 8 >> 8  # sign-extend 24 bits
        data = ints.astype(np.float32) / 8388608.0
    elif width == 4:
        data = (np.frombuffer(raw, dtype="<i4").astype(np.float64) / 2147483648.0).astype(
            np.float32
        )
    else:
        raise WavError(f"{path}: unsupported sample width {width * 8} bits")
    if channels > 1:
        data = data.reshape(-1, channels).mean(axis=1, dtype=np.float32)
    return np.ascontiguousarray(data, dtype=np.float32), rate, max(width, 2)


def write_wav(path: Path, samples: Frame, rate: int, width: int = 2) -> None:
    """Write mono PCM WAV (16, 24 or 32 bits), clipping to full scale."""
    x = np.clip(samples.astype(np.float64), -1.0, 1.0)
    if width == 2:
        raw = np.clip(np.round(x * 32768.0), -32768, 32767).astype("<i2").tobytes()
    elif width == 3:
        ints = np.clip(np.round(x * 8388608.0), -8388608, 8388607).astype("<i4")
        raw = ints.view(np.uint8).reshape(-1, 4)[:, :3].tobytes()
    elif width == 4:
        raw = np.clip(np.round(x * 2147483648.0), -(2**31), 2**31 - 1).astype("<i4").tobytes()
    else:
        raise WavError(f"unsupported sample width {width}")
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(width)
        w.setframerate(rate)
        w.writeframes(raw)


def run_pipeline(
    pipeline: MicPipeline, samples: Frame, block: int | None = None, align: bool = True
) -> Frame:
    """Push ``samples`` through ``pipeline`` in blocks, exactly as the audio device would.

    Args:
        pipeline: a fresh pipeline at the samples' rate.
        samples: mono float32.
        block: samples per call (default: the pipeline's nominal 10 ms block).
        align: remove the pipeline's delay (feeding silence at the end to flush it), so the
            output lines up with the input; False returns the raw real-time stream.

    Returns:
        As many samples as came in.
    """
    size = block or pipeline.block
    tail = pipeline.latency_samples if align else 0
    total = len(samples) + tail
    padded_len = -(-total // size) * size
    padded = np.zeros(padded_len, dtype=np.float32)
    padded[: len(samples)] = samples
    out = np.concatenate(
        [pipeline.process(padded[i : i + size]) for i in range(0, padded_len, size)]
    )
    start = tail
    return np.ascontiguousarray(out[start : start + len(samples)], dtype=np.float32)


@dataclass(frozen=True)
class DenoiseReport:
    """What one offline run did."""

    engine: str
    rate: int
    seconds: float
    latency_ms: float
    real_time_factor: float
    speech_share: float
    events: tuple[str, ...]


def denoise_file(
    src: Path,
    dst: Path,
    engine: str = DEFAULT_ENGINE,
    *,
    strength: float = 1.0,
    align: bool = True,
) -> DenoiseReport:
    """Denoise ``src`` into ``dst`` (mono, same rate and sample width).

    The time-budget fallback is off: offline there is no deadline, and a file must give the
    same output on any machine.

    Raises:
        WavError: unreadable input. SuppressorError: engine unknown or not installed.
    """
    samples, rate, width = read_wav(src)
    pipeline = build_pipeline(rate, engine, fallback=None, settings=PipelineSettings(strength))
    pipeline.begin_call()
    t0 = time.perf_counter()
    out = run_pipeline(pipeline, samples, align=align)
    elapsed = time.perf_counter() - t0
    stats = pipeline.end_call()
    write_wav(dst, out, rate, width)
    seconds = len(samples) / rate
    report = DenoiseReport(
        engine=pipeline.engine_name,
        rate=rate,
        seconds=seconds,
        latency_ms=pipeline.latency_ms,
        real_time_factor=elapsed / seconds if seconds else 0.0,
        speech_share=stats.talk_ratio,
        events=tuple(e.kind.value for e in pipeline.drain_events()),
    )
    pipeline.close()
    return report


def build_parser() -> argparse.ArgumentParser:
    """Arguments of ``homeseat audio denoise``."""
    parser = argparse.ArgumentParser(
        prog="homeseat audio denoise",
        description="Run the microphone noise-suppression pipeline on a WAV file.",
    )
    parser.add_argument("input", type=Path, help="WAV file (PCM, any rate, mono or more)")
    parser.add_argument("output", type=Path, help="WAV file to write (mono, same rate)")
    parser.add_argument(
        "--engine", choices=ENGINE_NAMES, default=DEFAULT_ENGINE, help="suppression engine"
    )
    parser.add_argument("--strength", type=float, default=1.0, help="0 (none) to 1 (full, default)")
    parser.add_argument(
        "--no-align",
        action="store_true",
        help="keep the real-time delay instead of lining the output up with the input",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``homeseat audio denoise``; returns the exit code."""
    args = build_parser().parse_args(argv)
    if not 0.0 <= args.strength <= 1.0:
        print("error: --strength must be between 0 and 1", file=sys.stderr)
        return EXIT_USAGE
    try:
        report = denoise_file(
            args.input, args.output, args.engine, strength=args.strength, align=not args.no_align
        )
    except (WavError, SuppressorError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(
        f"{args.output}: {report.seconds:.2f} s at {report.rate} Hz, engine {report.engine}, "
        f"delay {report.latency_ms:.1f} ms, real-time factor {report.real_time_factor:.3f}, "
        f"speech {100 * report.speech_share:.0f} %"
    )
    for event in report.events:
        print(f"  event: {event}")
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover - python -m homeseat.audio.offline
    raise SystemExit(main())
