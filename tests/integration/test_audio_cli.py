"""``homeseat audio denoise`` and ``homeseat audio check`` as IT and QA run them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from tests.audio_clips import mix_at_snr, pink_noise, rms_db, speech

from homeseat.audio.offline import read_wav, write_wav
from homeseat.cli import main


def test_denoise_any_rate_in_same_rate_out(tmp_path: Path) -> None:
    rate = 44_100  # not an engine rate: the pipeline resamples internally
    clean = speech(rate, lead_s=0.8)
    noisy = mix_at_snr(clean, pink_noise(len(clean), rate), 5.0)
    src, dst = tmp_path / "in.wav", tmp_path / "out.wav"
    write_wav(src, noisy, rate, width=3)
    proc = subprocess.run(
        [sys.executable, "-m", "homeseat.cli", "audio", "denoise", str(src), str(dst)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "engine dfn3" in proc.stdout
    out, out_rate, width = read_wav(dst)
    assert (out_rate, width, len(out)) == (rate, 3, len(noisy))
    pause = slice(int(0.3 * rate), int(0.7 * rate))
    assert rms_db(out[pause]) < rms_db(noisy[pause]) - 20.0


def test_denoise_refuses_bad_input_clearly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.wav"
    bad.write_bytes(b"RIFF0000WAVEjunk")
    assert main(["audio", "denoise", str(bad), str(tmp_path / "o.wav")]) == 2
    assert "cannot read WAV" in capsys.readouterr().err
    assert not (tmp_path / "o.wav").exists()
    with pytest.raises(SystemExit):
        main(["audio", "denoise", str(bad), str(tmp_path / "o.wav"), "--engine", "magic"])


def test_headless_check_prints_a_verdict_and_fails_on_a_dead_mic(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rate = 16_000
    rec = tmp_path / "mic.wav"
    clean = speech(rate, lead_s=0.8)
    write_wav(rec, mix_at_snr(clean, pink_noise(len(clean), rate), 35.0), rate)
    code = main(["audio", "check", "--input", str(rec), "--out-dir", str(tmp_path), "--json"])
    result = json.loads(capsys.readouterr().out)
    assert code == 0
    assert result["verdict"] == "warn"
    assert result["problems"] == ["speaker_untested"]
    assert result["speech_s"] > 1.5
    assert sorted(p.name for p in tmp_path.glob("*.wav")) == [
        "mic.wav",
        "raw.wav",
        "speaker.wav",
        "suppressed.wav",
    ]
    dead = tmp_path / "dead.wav"
    write_wav(dead, np.zeros(5 * rate, dtype=np.float32), rate)
    assert main(["audio", "check", "--input", str(dead), "--out-dir", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "verdict: FAIL" in out
    assert "problem: mic_dead" in out
