"""Short audio clips for the audio tests: real speech from espeak-ng, synthetic noises.

Functions, not fixtures (tests/conftest.py stays small). Speech is spoken once per process and
cached; espeak-ng and sox are installed by scripts/bootstrap.sh.
"""

from __future__ import annotations

import functools
import subprocess
import tempfile
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from homeseat.audio.offline import read_wav
from homeseat.audio.suppress_adapt import Resampler

__all__ = ["speech", "pink_noise", "mix_at_snr", "rms_db", "si_sdr"]

F32 = NDArray[np.float32]

_SENTENCE = "Thank you for calling, how can I help you today?"


@functools.lru_cache(maxsize=8)
def _spoken(text: str, voice: str) -> tuple[bytes, int]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "s.wav"
        subprocess.run(
            ["espeak-ng", "-v", voice, "-s", "170", "-w", str(path), text],
            check=True,
            capture_output=True,
        )
        samples, rate, _ = read_wav(path)
    return samples.tobytes(), rate


def speech(
    rate: int = 48_000, text: str = _SENTENCE, voice: str = "en-us", lead_s: float = 0.3
) -> F32:
    """Real speech at ``rate`` (about 3 s), -26 dBFS RMS, with ``lead_s`` of silence before."""
    raw, native = _spoken(text, voice)
    x = np.frombuffer(raw, dtype=np.float32)
    if native != rate:
        x = Resampler(native, rate).process(np.concatenate([x, np.zeros(native // 10, np.float32)]))
    x = x * np.float32(10 ** (-26 / 20) / max(float(np.sqrt(np.mean(x**2))), 1e-9))
    pad = np.zeros(int(lead_s * rate), dtype=np.float32)
    return np.concatenate([pad, x.astype(np.float32), pad])


def pink_noise(n: int, rate: int = 48_000, seed: int = 0) -> F32:
    """Pink (1/f) noise at -30 dBFS RMS, like a fan."""
    rng = np.random.default_rng(seed)
    spec = np.fft.rfft(rng.standard_normal(n))
    f = np.fft.rfftfreq(n, 1 / rate)
    f[0] = f[1]
    x = np.fft.irfft(spec / np.sqrt(f), n)
    out: F32 = (x * (10 ** (-30 / 20) / np.sqrt(np.mean(x**2)))).astype(np.float32)
    return out


def rms_db(x: F32) -> float:
    """RMS in dBFS."""
    return float(10 * np.log10(max(float(np.mean(x.astype(np.float64) ** 2)), 1e-20)))


def mix_at_snr(clean: F32, noise: F32, snr_db: float) -> F32:
    """``clean + noise`` with the noise scaled to ``snr_db`` below the speech."""
    gain = 10 ** ((rms_db(clean) - rms_db(noise) - snr_db) / 20)
    return (clean + noise[: len(clean)] * np.float32(gain)).astype(np.float32)


def si_sdr(est: F32, ref: F32) -> float:
    """Scale-invariant SDR in dB."""
    e = est.astype(np.float64) - est.mean()
    r = ref.astype(np.float64) - ref.mean()
    target = float(np.dot(e, r) / max(np.dot(r, r), 1e-20)) * r
    err = e - target
    return float(10 * np.log10(max(np.dot(target, target), 1e-20) / max(np.dot(err, err), 1e-20)))
