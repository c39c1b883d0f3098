"""The pre-shift audio check, headless: WAV files in, WAV files out, a verdict."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from tests.audio_clips import mix_at_snr, pink_noise, speech

from homeseat.audio.check import (
    CheckProblem,
    FileCheckIO,
    SpeakerResult,
    Verdict,
    analyse_recording,
    detect_tone,
    run_check,
    speaker_test_tone,
)
from homeseat.audio.offline import read_wav, write_wav

RATE = 16_000


def quiet_room_speech() -> np.ndarray:
    clean = speech(RATE, lead_s=0.8)
    return mix_at_snr(clean, pink_noise(len(clean), RATE, seed=1), 35.0)


def test_good_recording_passes_once_the_speaker_was_heard() -> None:
    result, suppressed = analyse_recording(quiet_room_speech(), RATE)
    m = result.measurements
    assert result.problems == (CheckProblem.SPEAKER_UNTESTED,)
    assert result.verdict is Verdict.WARN
    assert -32.0 < m.speech_level_dbfs < -20.0
    assert m.noise_floor_dbfs < -55.0
    assert m.residual_noise_dbfs < m.noise_floor_dbfs
    assert m.speech_s > 1.5
    assert len(suppressed) == len(quiet_room_speech())
    heard = result.with_speaker(SpeakerResult.HEARD)
    assert heard.verdict is Verdict.PASS
    assert heard.problems == ()
    assert result.with_speaker(SpeakerResult.NOT_HEARD).verdict is Verdict.FAIL


@pytest.mark.parametrize(
    ("make", "problem", "verdict"),
    [
        (lambda: np.zeros(5 * RATE, dtype=np.float32), CheckProblem.MIC_DEAD, Verdict.FAIL),
        (
            lambda: (1e-5 * np.random.default_rng(2).standard_normal(5 * RATE)).astype(np.float32),
            CheckProblem.MIC_SILENT,
            Verdict.FAIL,
        ),
        (lambda: pink_noise(5 * RATE, RATE), CheckProblem.NO_SPEECH, Verdict.FAIL),
        (
            lambda: mix_at_snr(speech(RATE), pink_noise(len(speech(RATE)), RATE), 3.0),
            CheckProblem.NOISY_ROOM,
            Verdict.WARN,
        ),
        (
            lambda: (quiet_room_speech() * np.float32(0.1)).astype(np.float32),
            CheckProblem.SPEECH_TOO_QUIET,
            Verdict.WARN,
        ),
        (
            lambda: np.clip(quiet_room_speech() * 30, -1, 1).astype(np.float32),
            CheckProblem.CLIPPING,
            Verdict.WARN,
        ),
    ],
    ids=["dead", "silent", "no-speech", "noisy", "too-quiet", "clipping"],
)
def test_problems_are_found(make: object, problem: CheckProblem, verdict: Verdict) -> None:
    samples = make()  # type: ignore[operator]
    result, _ = analyse_recording(samples, RATE, "spectral")  # the cheap engine is enough here
    heard = result.with_speaker(SpeakerResult.HEARD)
    assert problem in heard.problems
    assert heard.verdict is verdict


def test_speaker_tone_is_found_in_a_room_recording_and_not_in_silence() -> None:
    tone = speaker_test_tone(48_000)
    rng = np.random.default_rng(4)
    room = 0.05 * tone + pink_noise(len(tone), 48_000, seed=5) * np.float32(0.5)
    assert detect_tone(room.astype(np.float32), 48_000)
    assert not detect_tone(pink_noise(len(tone), 48_000), 48_000)
    assert not detect_tone((1e-3 * rng.standard_normal(len(tone))).astype(np.float32), 48_000)


def test_headless_check_with_files(tmp_path: Path) -> None:
    rec, loop = tmp_path / "mic.wav", tmp_path / "loop.wav"
    write_wav(rec, quiet_room_speech(), RATE)
    write_wav(loop, speaker_test_tone(RATE) * np.float32(0.1), RATE)
    io = FileCheckIO(rec, tmp_path / "out", loop)
    result, suppressed = run_check(io, "dfn3")
    assert result.speaker is SpeakerResult.HEARD
    assert result.verdict is Verdict.PASS
    assert [p.name for p in io.played] == ["raw.wav", "suppressed.wav", "speaker.wav"]
    raw_back = read_wav(tmp_path / "out" / "raw.wav")[0]
    assert len(raw_back) == len(suppressed)
    # A loop-back recording of a silent room: the speaker did not play.
    write_wav(loop, np.zeros(RATE, dtype=np.float32), RATE)
    failed, _ = run_check(FileCheckIO(rec, tmp_path / "out2", loop), "spectral")
    assert failed.verdict is Verdict.FAIL
    assert CheckProblem.SPEAKER_NOT_HEARD in failed.problems
