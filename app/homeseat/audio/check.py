"""The pre-shift audio check: record, analyse, play back raw and suppressed, test the speaker.

Runs on the caller's thread (the UI runs it on a worker thread; the CLI on the main thread).
Headless by design: a :class:`CheckAudioIO` records and plays; :class:`FileCheckIO` does it with
WAV files (no sound hardware needed), :class:`DeviceCheckIO` with the sound card. The analysis
pushes the recording through the same microphone pipeline as a call, so the verdict reflects
what the customer would hear.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import Enum
from pathlib import Path
from typing import Protocol

import numpy as np

from homeseat.audio.engines import DEFAULT_ENGINE, engine_for_setting
from homeseat.audio.meters import CLIP_LEVEL, CLIP_SAMPLES, SILENCE_DBFS, to_dbfs
from homeseat.audio.offline import read_wav, run_pipeline, write_wav
from homeseat.audio.pipeline import PipelineEventKind, PipelineSettings, build_pipeline
from homeseat.audio.suppress import Frame
from homeseat.audio.vad import VoiceDetector
from homeseat.protocol.audio_check import AudioCheckSummary

__all__ = [
    "RECORD_SECONDS",
    "Verdict",
    "CheckProblem",
    "SpeakerResult",
    "CheckMeasurements",
    "AudioCheckResult",
    "CheckAudioIO",
    "FileCheckIO",
    "DeviceCheckIO",
    "speaker_test_tone",
    "detect_tone",
    "analyse_recording",
    "judge",
    "run_check",
    "to_summary",
]

#: How long the agent speaks for the check.
RECORD_SECONDS = 5.0
#: Tones of the speaker test (Hz): three, so one notch in a cheap speaker cannot fail it.
TEST_TONES = (440.0, 880.0, 1320.0)

# Thresholds, dBFS unless said otherwise; why each is where it is:
#: Below this, a microphone with its hardware mute on or unplugged (a real room is -70..-50).
SILENT_DBFS = -75.0
#: Speech quieter than this needs the gain raised or the boom moved closer (P.56 aim: -26).
QUIET_SPEECH_DBFS = -42.0
#: A background louder than this is noisy enough to mention even with suppression.
NOISY_FLOOR_DBFS = -45.0
#: Speech less than this far above the background is hard to follow after suppression.
MIN_SNR_DB = 15.0
#: The check needs this much speech to judge level and suppression.
MIN_SPEECH_S = 1.0


class Verdict(Enum):
    """Overall result: ready to work, ready with advice, or fix something first."""

    PASS = "pass"
    WARN = "warn"
    FAIL = "fail"


class CheckProblem(Enum):
    """One finding; the UI translates it into advice."""

    MIC_DEAD = "mic_dead"  # digital zeros: no device or a broken capture path
    MIC_SILENT = "mic_silent"  # far below any room: mute switch, unplugged
    NO_SPEECH = "no_speech"
    SPEECH_TOO_QUIET = "speech_too_quiet"
    CLIPPING = "clipping"
    NOISY_ROOM = "noisy_room"
    SPEAKER_NOT_HEARD = "speaker_not_heard"
    SPEAKER_UNTESTED = "speaker_untested"
    ENGINE_TOO_SLOW = "engine_too_slow"  # the chosen suppressor is too slow or unavailable here

    @property
    def severity(self) -> Verdict:
        """FAIL for problems that stop a call from working, WARN for the rest."""
        if self in _FAILING:
            return Verdict.FAIL
        return Verdict.WARN


_FAILING = frozenset(
    {
        CheckProblem.MIC_DEAD,
        CheckProblem.MIC_SILENT,
        CheckProblem.NO_SPEECH,
        CheckProblem.SPEAKER_NOT_HEARD,
    }
)


class SpeakerResult(Enum):
    """Outcome of the speaker test."""

    HEARD = "heard"  # detected in a loop-back recording, or confirmed by the agent
    NOT_HEARD = "not_heard"
    NOT_TESTED = "not_tested"


@dataclass(frozen=True)
class CheckMeasurements:
    """What the check measured on the recording."""

    input_rms_dbfs: float  # the whole recording
    noise_floor_dbfs: float  # background (non-speech) before suppression
    residual_noise_dbfs: float  # the same background after suppression
    speech_level_dbfs: float  # active speech before suppression (SILENCE_DBFS: none)
    peak_dbfs: float
    clipped_blocks: int
    speech_s: float
    seconds: float
    engine: str
    latency_ms: float
    real_time_factor: float  # CPU seconds per second of audio, whole pipeline, one thread
    engine_fell_back: bool  # too slow for real time here, failed, or not installed

    @property
    def snr_db(self) -> float:
        """Speech level above the background (0 when there was no speech)."""
        if self.speech_level_dbfs <= SILENCE_DBFS:
            return 0.0
        return self.speech_level_dbfs - self.noise_floor_dbfs

    @property
    def noise_reduction_db(self) -> float:
        """How much quieter the background is after suppression."""
        return self.noise_floor_dbfs - self.residual_noise_dbfs


@dataclass(frozen=True)
class AudioCheckResult:
    """The measurements, the speaker test, and the verdict drawn from them."""

    verdict: Verdict
    problems: tuple[CheckProblem, ...]
    measurements: CheckMeasurements
    speaker: SpeakerResult
    at: datetime = field(default_factory=lambda: datetime.now(UTC))

    def with_speaker(self, speaker: SpeakerResult) -> AudioCheckResult:
        """The same check judged again with a new speaker-test outcome."""
        return judge(self.measurements, speaker, at=self.at)


class CheckAudioIO(Protocol):
    """Records the microphone and plays to the speaker for the check (blocking calls)."""

    def record(self, seconds: float) -> tuple[Frame, int]:
        """Record ``seconds`` of mono audio; returns (samples, rate)."""
        ...

    def play(self, samples: Frame, rate: int, label: str) -> None:
        """Play ``samples``; ``label`` says what it is (``raw``, ``suppressed``, ``speaker``)."""
        ...

    def capture_while_playing(self, samples: Frame, rate: int) -> Frame | None:
        """Play ``samples`` and record at the same time (None when it cannot loop back)."""
        ...


class FileCheckIO:
    """The check without sound hardware: recordings are WAV files, playback writes WAV files.

    ``recording`` is what the microphone "hears"; ``loopback``, if given, is what it hears
    while the speaker test tone plays (a room recording for a real speaker test; absent, the
    agent confirms by ear). Played audio is written to ``out_dir/<label>.wav``.
    """

    def __init__(self, recording: Path, out_dir: Path, loopback: Path | None = None) -> None:
        """Read from ``recording`` (and ``loopback``), write into ``out_dir``."""
        self._recording = recording
        self._loopback = loopback
        self.out_dir = out_dir
        self.played: list[Path] = []

    def record(self, seconds: float) -> tuple[Frame, int]:
        """The first ``seconds`` of the recording file (all of it if shorter)."""
        samples, rate, _ = read_wav(self._recording)
        return samples[: int(seconds * rate)], rate

    def play(self, samples: Frame, rate: int, label: str) -> None:
        """Write ``out_dir/<label>.wav``."""
        self.out_dir.mkdir(parents=True, exist_ok=True)
        path = self.out_dir / f"{label}.wav"
        write_wav(path, samples, rate)
        self.played.append(path)

    def capture_while_playing(self, samples: Frame, rate: int) -> Frame | None:
        """Write the tone as ``speaker.wav``; return the loop-back file resampled-free, if any."""
        self.play(samples, rate, "speaker")
        if self._loopback is None:
            return None
        captured, cap_rate, _ = read_wav(self._loopback)
        if cap_rate != rate:
            from homeseat.audio.suppress_adapt import Resampler

            captured = Resampler(cap_rate, rate).process(captured)
        return captured


class DeviceCheckIO:
    """The check on the sound card through sounddevice (blocking; run it off the GUI thread)."""

    def __init__(
        self, rate: int = 48_000, input_device: str | None = None, output_device: str | None = None
    ) -> None:
        """Use the named devices (None: the system's defaults)."""
        self._rate = rate
        self._devices = (input_device, output_device)

    def record(self, seconds: float) -> tuple[Frame, int]:
        """Record from the microphone."""
        import sounddevice as sd

        data = sd.rec(
            int(seconds * self._rate),
            samplerate=self._rate,
            channels=1,
            dtype="float32",
            device=self._devices[0],
            blocking=True,
        )
        return np.ascontiguousarray(data[:, 0], dtype=np.float32), self._rate

    def play(self, samples: Frame, rate: int, label: str) -> None:
        """Play through the headset or speaker and wait until done."""
        import sounddevice as sd

        sd.play(samples, samplerate=rate, device=self._devices[1], blocking=True)

    def capture_while_playing(self, samples: Frame, rate: int) -> Frame | None:
        """Play the tone and record the room at once (a headset usually hears nothing)."""
        import sounddevice as sd

        data = sd.playrec(
            samples, samplerate=rate, channels=1, dtype="float32", device=self._devices,
            blocking=True,
        )  # fmt: skip
        return np.ascontiguousarray(data[:, 0], dtype=np.float32)


def speaker_test_tone(rate: int, seconds: float = 1.5, level_dbfs: float = -20.0) -> Frame:
    """Three tones one after another, each faded in and out (no clicks)."""
    n = int(seconds * rate / len(TEST_TONES))
    t = np.arange(n) / rate
    fade = np.minimum(1.0, np.minimum(t, t[::-1]) / 0.02)
    amp = 10 ** (level_dbfs / 20) * math.sqrt(2)
    parts = [amp * fade * np.sin(2 * np.pi * f * t) for f in TEST_TONES]
    return np.concatenate(parts).astype(np.float32)


def detect_tone(captured: Frame, rate: int, min_snr_db: float = 10.0) -> bool:
    """True when every test tone stands ``min_snr_db`` above the spectrum around it."""
    if len(captured) < rate // 10:
        return False
    x = captured.astype(np.float64) * np.hanning(len(captured))
    spec = np.abs(np.fft.rfft(x)) ** 2
    freqs = np.fft.rfftfreq(len(captured), 1 / rate)
    for f in TEST_TONES:
        peak = spec[np.abs(freqs - f) <= 5.0]
        ring = spec[(np.abs(freqs - f) > 30.0) & (np.abs(freqs - f) <= 150.0)]
        if len(peak) == 0 or len(ring) == 0:
            return False
        ratio = max(float(peak.max()), 1e-30) / max(float(np.median(ring)), 1e-20)
        if 10 * math.log10(ratio) < min_snr_db:
            return False
    return True


def _block_powers(x: Frame, block: int) -> np.ndarray:
    n = len(x) // block
    if n == 0:
        return np.zeros(0)
    frames = x[: n * block].astype(np.float64).reshape(n, block)
    return np.asarray(np.mean(frames**2, axis=1))


def _power_dbfs(power: float) -> float:
    """A mean-square power as the dBFS of its RMS (the meters' scale)."""
    return to_dbfs(math.sqrt(max(power, 0.0)))


def analyse_recording(
    samples: Frame, rate: int, engine: str = DEFAULT_ENGINE, speaker: SpeakerResult | None = None
) -> tuple[AudioCheckResult, Frame]:
    """Run the recording through the real microphone pipeline and judge it.

    Returns:
        The result and the suppressed audio (for playback), aligned with the input.
    """
    # Offline there is no deadline: no fallback (the engine's speed is judged from the real-time
    # factor instead), and no quiet-room gate (the check judges the engine, not the gate).
    settings = PipelineSettings(quiet_room_gate=False)
    pipeline = build_pipeline(rate, engine_for_setting(engine), fallback=None, settings=settings)
    block = pipeline.block
    speech: list[bool] = []
    # CPU time of this thread, not wall time: a machine busy for a moment (an update, a scan)
    # must not fail the check; the pipeline's own time guard handles moments in a call.
    t0 = time.thread_time()
    pipeline.begin_call()
    suppressed = run_pipeline(pipeline, samples)
    elapsed = time.thread_time() - t0
    stats = pipeline.end_call()
    events = pipeline.drain_events()
    engine_name, latency_ms = pipeline.engine_name, pipeline.latency_ms
    pipeline.close()
    # Speech/background split on the suppressed signal: the VAD hears the agent, not the fan.
    vad = VoiceDetector(rate)
    for i in range(0, len(suppressed) - block + 1, block):
        decisions = vad.process(suppressed[i : i + block])
        speech.append(decisions[-1] if decisions else vad.speaking)
    raw_p = _block_powers(samples, block)[: len(speech)]
    out_p = _block_powers(suppressed, block)[: len(speech)]
    is_speech = np.array(speech, dtype=bool)[: len(raw_p)]
    background = raw_p[~is_speech] if (~is_speech).sum() >= 10 else raw_p
    residual = out_p[~is_speech] if (~is_speech).sum() >= 10 else out_p
    noise_floor = _power_dbfs(float(np.percentile(background, 50))) if len(background) else -120.0
    residual_db = _power_dbfs(float(np.percentile(residual, 50))) if len(residual) else -120.0
    speech_level = _power_dbfs(float(raw_p[is_speech].mean())) if is_speech.any() else SILENCE_DBFS
    mag = np.abs(samples)
    clipped_blocks = int(
        sum(
            np.count_nonzero(mag[i : i + block] >= CLIP_LEVEL) >= CLIP_SAMPLES
            for i in range(0, len(mag), block)
        )
    )
    seconds = len(samples) / rate if rate else 0.0
    rtf = elapsed / seconds if seconds else 0.0
    fell_back = rtf > settings.budget_fraction or any(
        e.kind in (PipelineEventKind.ENGINE_UNAVAILABLE, PipelineEventKind.ENGINE_FAILED)
        for e in events
    )
    rms = math.sqrt(float(np.mean(samples.astype(np.float64) ** 2))) if len(samples) else 0.0
    measured = CheckMeasurements(
        input_rms_dbfs=to_dbfs(rms),
        noise_floor_dbfs=noise_floor,
        residual_noise_dbfs=residual_db,
        speech_level_dbfs=speech_level,
        peak_dbfs=to_dbfs(float(mag.max())) if len(mag) else SILENCE_DBFS,
        clipped_blocks=clipped_blocks,
        speech_s=stats.speech_s,
        seconds=seconds,
        engine=engine_name,
        latency_ms=latency_ms,
        real_time_factor=rtf,
        engine_fell_back=fell_back,
    )
    return judge(measured, speaker or SpeakerResult.NOT_TESTED), suppressed


def judge(
    m: CheckMeasurements, speaker: SpeakerResult, at: datetime | None = None
) -> AudioCheckResult:
    """Turn measurements into problems and a verdict (the rules are the module's thresholds)."""
    problems: list[CheckProblem] = []
    if m.input_rms_dbfs <= SILENCE_DBFS:
        problems.append(CheckProblem.MIC_DEAD)
    elif m.input_rms_dbfs < SILENT_DBFS:
        problems.append(CheckProblem.MIC_SILENT)
    elif m.speech_s < MIN_SPEECH_S:
        problems.append(CheckProblem.NO_SPEECH)
    else:
        if m.speech_level_dbfs < QUIET_SPEECH_DBFS:
            problems.append(CheckProblem.SPEECH_TOO_QUIET)
        if m.noise_floor_dbfs > NOISY_FLOOR_DBFS or m.snr_db < MIN_SNR_DB:
            problems.append(CheckProblem.NOISY_ROOM)
    if m.clipped_blocks >= 3:
        problems.append(CheckProblem.CLIPPING)
    if speaker is SpeakerResult.NOT_HEARD:
        problems.append(CheckProblem.SPEAKER_NOT_HEARD)
    elif speaker is SpeakerResult.NOT_TESTED:
        problems.append(CheckProblem.SPEAKER_UNTESTED)
    if m.engine_fell_back:
        problems.append(CheckProblem.ENGINE_TOO_SLOW)
    severities = {p.severity for p in problems}
    if Verdict.FAIL in severities:
        verdict = Verdict.FAIL
    elif problems:
        verdict = Verdict.WARN
    else:
        verdict = Verdict.PASS
    return AudioCheckResult(
        verdict, tuple(problems), m, speaker, at if at is not None else datetime.now(UTC)
    )


def run_check(io: CheckAudioIO, engine: str = DEFAULT_ENGINE) -> tuple[AudioCheckResult, Frame]:
    """The whole check: record, analyse, play raw then suppressed, then the speaker test.

    Returns:
        The result and the suppressed recording. The speaker test is judged from a loop-back
        recording when ``io`` can make one; otherwise it stays untested until the agent says
        whether they heard the tone (:meth:`AudioCheckResult.with_speaker`).
    """
    samples, rate = io.record(RECORD_SECONDS)
    result, suppressed = analyse_recording(samples, rate, engine)
    io.play(samples, rate, "raw")
    io.play(suppressed, rate, "suppressed")
    captured = io.capture_while_playing(speaker_test_tone(rate), rate)
    if captured is not None:
        heard = detect_tone(captured, rate)
        result = result.with_speaker(SpeakerResult.HEARD if heard else SpeakerResult.NOT_HEARD)
    return result, suppressed


def to_summary(result: AudioCheckResult) -> AudioCheckSummary:
    """The protocol form of a result, as reported to the hub (and so to the leads)."""
    m = result.measurements
    return AudioCheckSummary(
        verdict=result.verdict.value,
        problems=[p.value for p in result.problems],
        noise_floor_dbfs=round(max(-150.0, min(0.0, m.noise_floor_dbfs)), 1),
        speech_level_dbfs=round(max(-150.0, min(0.0, m.speech_level_dbfs)), 1),
        engine=m.engine,
        at=result.at,
    )
