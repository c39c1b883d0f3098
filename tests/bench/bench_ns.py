"""Noise-suppression benchmark: every engine through the real pipeline on the shared corpus.

Reports per engine: ΔSI-SDR by SNR and noise type, PESQ-WB and STOI, damage on clean speech,
noise reduction in speech pauses, real-time factor and p99 block time on one core, and the delay
(declared and measured by cross-correlation). Needs the ``bench`` extra (pesq, pystoi, scipy)
and the corpus (tests/bench/ns_corpus/make_corpus.py, built on first use). Usage::

    python tests/bench/bench_ns.py                      # full corpus, all engines (~15 min)
    python tests/bench/bench_ns.py --quick              # 0 dB, one clip per language (~1 min)
    python tests/bench/bench_ns.py --engines dfn3 --snrs 0,5 --noises fan --json out.json

Pinned to one CPU (``--cpu``) so the real-time factor is a single-core figure.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from homeseat.audio.offline import read_wav
from homeseat.audio.pipeline import MicPipeline, PipelineSettings, build_pipeline

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # run as a script from anywhere
from tests.bench.ns_corpus import make_corpus

F32 = NDArray[np.float32]
F64 = NDArray[np.float64]
EVAL_RATE = 16_000


def si_sdr(est: F64, ref: F64) -> float:
    """Scale-invariant signal-to-distortion ratio in dB."""
    est = est - est.mean()
    ref = ref - ref.mean()
    alpha = float(np.dot(est, ref) / max(np.dot(ref, ref), 1e-20))
    target = alpha * ref
    noise = est - target
    return 10 * math.log10(
        max(float(np.dot(target, target)), 1e-20) / max(float(np.dot(noise, noise)), 1e-20)
    )


def to_eval(x: F32) -> F64:
    """48 kHz → 16 kHz for the metrics (PESQ-WB and STOI are defined there)."""
    from scipy.signal import resample_poly

    out: F64 = resample_poly(x.astype(np.float64), 1, 3)
    return out


def pesq_wb(ref: F64, deg: F64) -> float:
    """PESQ-WB (MOS-LQO), NaN when PESQ finds no utterance."""
    from pesq import pesq

    try:
        return float(pesq(EVAL_RATE, ref, deg, "wb"))
    except Exception:  # PESQ raises on inputs it cannot align; the table shows NaN
        return float("nan")


def stoi(ref: F64, deg: F64) -> float:
    """Short-time objective intelligibility (0-1)."""
    from pystoi import stoi as _stoi

    return float(_stoi(ref, deg, EVAL_RATE, extended=False))


def pause_mask(clean: F32, rate: int) -> NDArray[np.bool_]:
    """Samples in speech pauses: 10 ms frames 40 dB below the peak frame, 50 ms from speech."""
    hop = rate // 100
    n = len(clean) // hop
    p = np.mean(clean[: n * hop].astype(np.float64).reshape(n, hop) ** 2, axis=1)
    speech = p > p.max() * 1e-4
    grown = speech.copy()
    for k in range(1, 6):
        grown[k:] |= speech[:-k]
        grown[:-k] |= speech[k:]
    mask = np.zeros(len(clean), dtype=bool)
    mask[: n * hop] = np.repeat(~grown, hop)
    return mask


def measured_delay(x: F32, y: F32, max_lag: int = 4800) -> int:
    """Lag (samples) maximising the cross-correlation of output ``y`` against input ``x``."""
    n = len(x) + max_lag
    size = 1 << (n - 1).bit_length()
    c = np.fft.irfft(np.conj(np.fft.rfft(x, size)) * np.fft.rfft(y, size), size)
    return int(np.argmax(c[:max_lag]))


@dataclass
class Timing:
    """Per-block processing time of the whole pipeline: wall clock and this thread's CPU time.

    The CPU time is the engine's cost; the wall time adds whatever else the shared machine ran.
    """

    blocks: list[float] = field(default_factory=list)
    cpu_blocks: list[float] = field(default_factory=list)
    audio_s: float = 0.0


def run(pipeline: MicPipeline, x: F32, timing: Timing, align: bool = True) -> F32:
    """Same framing as homeseat.audio.offline.run_pipeline, timing each block."""
    size = pipeline.block
    tail = pipeline.latency_samples if align else 0
    total = len(x) + tail
    padded = np.zeros(-(-total // size) * size, dtype=np.float32)
    padded[: len(x)] = x
    outs = []
    for i in range(0, len(padded), size):
        t0, c0 = time.perf_counter(), time.thread_time()
        outs.append(pipeline.process(padded[i : i + size]))
        timing.cpu_blocks.append(time.thread_time() - c0)
        timing.blocks.append(time.perf_counter() - t0)
    timing.audio_s += len(padded) / pipeline.rate
    out = np.concatenate(outs)
    return np.ascontiguousarray(out[tail : tail + len(x)], dtype=np.float32)


@dataclass
class ItemResult:
    """Metrics of one engine on one mixture."""

    engine: str
    noise: str
    snr_db: int
    clip: str
    si_sdr_in: float
    si_sdr_out: float
    pesq_in: float
    pesq_out: float
    stoi_in: float
    stoi_out: float
    pause_nr_db: float


@dataclass
class CleanResult:
    """Damage to clean speech."""

    engine: str
    clip: str
    pesq: float
    stoi: float
    si_sdr: float
    delay_samples: int


def evaluate(
    engine: str,
    items: list[dict[str, object]],
    root: Path,
    clips: Iterable[str],
    settings: PipelineSettings | None = None,
    clean_lead_s: float = 0.0,
) -> dict[str, object]:
    """Run ``engine`` on the given items and clean clips; returns raw results and timing.

    ``clean_lead_s`` of room silence go before each clean clip (scored without them), as when
    an agent listens before speaking: the quiet-room gate needs a second of background.
    """
    timing = Timing()
    results: list[ItemResult] = []
    clean_cache: dict[str, F32] = {}
    noisy_cache: dict[str, tuple[float, float, float]] = {}
    for item in items:
        mix, rate, _ = read_wav(root / str(item["mix"]))
        ref_path = str(item["clean"])
        if ref_path not in clean_cache:
            clean_cache[ref_path] = read_wav(root / ref_path)[0]
        clean = (clean_cache[ref_path] * float(str(item["gain"]))).astype(np.float32)
        pipeline = build_pipeline(rate, engine, fallback=None, settings=settings)
        out = run(pipeline, mix, timing)
        pipeline.close()
        ref16, mix16, out16 = to_eval(clean), to_eval(mix), to_eval(out)
        key = str(item["mix"])
        if key not in noisy_cache:
            noisy_cache[key] = (si_sdr(mix16, ref16), pesq_wb(ref16, mix16), stoi(ref16, mix16))
        s_in, p_in, st_in = noisy_cache[key]
        mask = pause_mask(clean, rate)
        nr = 10 * math.log10(
            float(np.mean(mix[mask].astype(np.float64) ** 2))
            / max(float(np.mean(out[mask].astype(np.float64) ** 2)), 1e-20)
        )
        results.append(
            ItemResult(
                engine,
                str(item["noise"]),
                int(str(item["snr_db"])),
                str(item["clip"]),
                s_in,
                si_sdr(out16, ref16),
                p_in,
                pesq_wb(ref16, out16),
                st_in,
                stoi(ref16, out16),
                nr,
            )
        )
        print(
            f"  {engine} {item['mix']}: ΔSI-SDR {results[-1].si_sdr_out - s_in:+.1f} dB",
            file=sys.stderr,
        )
    cleans: list[CleanResult] = []
    for clip in clips:
        clean = read_wav(root / "clean" / f"{clip}.wav")[0]
        pipeline = build_pipeline(make_corpus.RATE, engine, fallback=None, settings=settings)
        lead = int(clean_lead_s * make_corpus.RATE)
        out = run(pipeline, np.concatenate([np.zeros(lead, np.float32), clean]), timing)[lead:]
        raw_pipeline = build_pipeline(make_corpus.RATE, engine, fallback=None, settings=settings)
        raw = run(raw_pipeline, clean, Timing(), align=False)
        declared = pipeline.latency_samples
        pipeline.close()
        raw_pipeline.close()
        ref16, out16 = to_eval(clean), to_eval(out)
        cleans.append(
            CleanResult(
                engine,
                clip,
                pesq_wb(ref16, out16),
                stoi(ref16, out16),
                si_sdr(out16, ref16),
                measured_delay(clean, raw),
            )
        )
        print(
            f"  {engine} clean {clip}: PESQ {cleans[-1].pesq:.2f} "
            f"delay {cleans[-1].delay_samples} (declared {declared})",
            file=sys.stderr,
        )
    blocks = np.array(timing.blocks) * 1000
    cpu = np.array(timing.cpu_blocks) * 1000
    return {
        "engine": engine,
        "items": [asdict(r) for r in results],
        "clean": [asdict(c) for c in cleans],
        "rtf": float(blocks.sum() / 1000 / timing.audio_s),
        "mean_block_ms": float(blocks.mean()),
        "p99_block_ms": float(np.percentile(blocks, 99)),
        "cpu_rtf": float(cpu.sum() / 1000 / timing.audio_s),
        "cpu_p99_block_ms": float(np.percentile(cpu, 99)),
        "declared_delay_ms": 1000 * declared / make_corpus.RATE,
    }


def nanmean(values: Iterable[float]) -> float:
    """Mean ignoring NaN (NaN when nothing is left)."""
    arr = np.array([v for v in values if not math.isnan(v)])
    return float(arr.mean()) if len(arr) else float("nan")


def report(runs: list[dict[str, object]], snrs: list[int], noises: list[str]) -> str:
    """Markdown tables of the results."""
    lines = [
        "| engine | ΔSI-SDR @0 dB | ΔSI-SDR all | PESQ-WB @0 dB (in→out) "
        "| STOI @0 dB (in→out) | clean PESQ-WB | clean STOI | clean SI-SDR | pause NR "
        "| RTF, 1 core (CPU / wall) | p99 block (CPU / wall) | delay |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in runs:
        items: list[dict[str, Any]] = r["items"]  # type: ignore[assignment]
        clean: list[dict[str, Any]] = r["clean"]  # type: ignore[assignment]
        at0 = [i for i in items if i["snr_db"] == 0]
        d0 = nanmean(i["si_sdr_out"] - i["si_sdr_in"] for i in at0)
        dall = nanmean(i["si_sdr_out"] - i["si_sdr_in"] for i in items)
        delays = sorted({int(c["delay_samples"]) for c in clean})
        lines.append(
            f"| {r['engine']} | {d0:+.1f} dB | {dall:+.1f} dB "
            f"| {nanmean(i['pesq_in'] for i in at0):.2f}→{nanmean(i['pesq_out'] for i in at0):.2f} "
            f"| {nanmean(i['stoi_in'] for i in at0):.2f}→{nanmean(i['stoi_out'] for i in at0):.2f} "
            f"| {nanmean(c['pesq'] for c in clean):.2f} | {nanmean(c['stoi'] for c in clean):.3f} "
            f"| {nanmean(c['si_sdr'] for c in clean):.1f} dB "
            f"| {nanmean(i['pause_nr_db'] for i in items):.1f} dB "
            f"| {r.get('cpu_rtf', float('nan')):.3f} / {r['rtf']:.3f} "
            f"| {r.get('cpu_p99_block_ms', float('nan')):.2f} / {r['p99_block_ms']:.2f} ms "
            f"| {r['declared_delay_ms']:.1f} ms "
            f"(xcorr {', '.join(f'{1000 * d / make_corpus.RATE:.1f}' for d in delays)} ms) |"
        )
    lines += [
        "",
        "ΔSI-SDR (dB) by input SNR, mean over noises:",
        "",
        "| engine | " + " | ".join(f"{s:+d} dB" for s in snrs) + " |",
        "|---|" + "---|" * len(snrs),
    ]
    for r in runs:
        items = r["items"]  # type: ignore[assignment]
        cells = [
            nanmean(i["si_sdr_out"] - i["si_sdr_in"] for i in items if i["snr_db"] == s)
            for s in snrs
        ]
        lines.append(f"| {r['engine']} | " + " | ".join(f"{c:+.1f}" for c in cells) + " |")
    lines += [
        "",
        "ΔSI-SDR (dB) by noise type and input SNR:",
        "",
        "| engine | noise | "
        + " | ".join(f"{s:+d} dB" for s in snrs)
        + " | PESQ-WB out @0 dB | pause NR |",
        "|---|---|" + "---|" * (len(snrs) + 2),
    ]
    for r in runs:
        items = r["items"]  # type: ignore[assignment]
        for n in noises:
            sel = [i for i in items if i["noise"] == n]
            cells = [
                nanmean(i["si_sdr_out"] - i["si_sdr_in"] for i in sel if i["snr_db"] == s)
                for s in snrs
            ]
            p0 = nanmean(i["pesq_out"] for i in sel if i["snr_db"] == 0)
            nr = nanmean(i["pause_nr_db"] for i in sel)
            lines.append(
                f"| {r['engine']} | {n} | "
                + " | ".join(f"{c:+.1f}" for c in cells)
                + f" | {p0:.2f} | {nr:.1f} dB |"
            )
    return "\n".join(lines)


#: The choice rule's limits: the real-time budget of a 10 ms block (the pipeline's fallback
#: threshold) and the issue's delay target.
BUDGET_MS = 5.0
MAX_DELAY_MS = 40.0
CHEAP_RTF = 0.05


def choose(runs: list[dict[str, Any]]) -> str:
    """The default and fallback engines by rule, from the measurements (never by name).

    Default: among engines whose p99 block CPU time keeps the budget and whose delay is at most
    40 ms, the best mean ΔSI-SDR at 0 dB SNR. Fallback: among the others within the design's
    budget for the whole microphone path (CPU RTF 0.05), the best mean ΔSI-SDR over all SNRs.
    """

    def gain0(r: dict[str, Any]) -> float:
        return nanmean(i["si_sdr_out"] - i["si_sdr_in"] for i in r["items"] if i["snr_db"] == 0)

    def gain_all(r: dict[str, Any]) -> float:
        return nanmean(i["si_sdr_out"] - i["si_sdr_in"] for i in r["items"])

    fits = [
        r
        for r in runs
        if r.get("cpu_p99_block_ms", r["p99_block_ms"]) <= BUDGET_MS
        and r["declared_delay_ms"] <= MAX_DELAY_MS
    ]
    if not fits:
        return "no engine keeps the budget"
    default = max(fits, key=gain0)
    cheap = [r for r in runs if r is not default and r.get("cpu_rtf", r["rtf"]) <= CHEAP_RTF]
    fallback = max(cheap, key=gain_all) if cheap else None
    line = f"default by rule: {default['engine']} (ΔSI-SDR @0 dB {gain0(default):+.1f} dB)"
    if fallback is not None:
        line += (
            f"; fallback: {fallback['engine']} (ΔSI-SDR all {gain_all(fallback):+.1f} dB, "
            f"CPU RTF {fallback.get('cpu_rtf', 0.0):.3f})"
        )
    return line


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print markdown tables (and JSON with ``--json``)."""
    parser = argparse.ArgumentParser(description="noise-suppression benchmark")
    parser.add_argument("--engines", default="dfn3,spectral,webrtc")
    parser.add_argument("--snrs", default=",".join(str(s) for s in make_corpus.SNRS))
    parser.add_argument("--noises", default=",".join(make_corpus.NOISES))
    parser.add_argument("--clips", default=",".join(c[0] for c in make_corpus.CLIPS))
    parser.add_argument("--quick", action="store_true", help="0 dB, clips en1 and zh1 only")
    parser.add_argument("--cpu", type=int, default=0, help="pin to this CPU (-1: no pinning)")
    parser.add_argument("--json", type=Path)
    parser.add_argument(
        "--no-gate", action="store_true", help="quiet-room gate off: the engines alone"
    )
    parser.add_argument(
        "--clean-lead", type=float, default=0.0, help="seconds of silence before clean clips"
    )
    parser.add_argument("--corpus", type=Path, default=make_corpus.default_dir())
    args = parser.parse_args(argv)
    if args.quick:
        args.snrs, args.clips = "0", "en1,zh1"
    if args.cpu >= 0 and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {args.cpu})
    if not (args.corpus / "manifest.json").exists():
        make_corpus.main(["--out", str(args.corpus)])
    manifest = json.loads((args.corpus / "manifest.json").read_text())
    snrs = [int(s) for s in args.snrs.split(",")]
    noises = args.noises.split(",")
    clips = args.clips.split(",")
    items = [
        i
        for i in manifest["items"]
        if i["snr_db"] in snrs and i["noise"] in noises and i["clip"] in clips
    ]
    settings = PipelineSettings(quiet_room_gate=not args.no_gate)
    runs = [
        evaluate(e, items, args.corpus, clips, settings, args.clean_lead)
        for e in args.engines.split(",")
    ]
    text = report(runs, snrs, noises) + "\n\n" + choose(runs)
    print(text)
    if args.json:
        args.json.write_text(json.dumps({"runs": runs, "table": text}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
