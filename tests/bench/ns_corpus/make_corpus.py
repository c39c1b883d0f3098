"""Build the noise-suppression evaluation corpus, reproducibly (fixed texts, voices and seeds).

Speech: Mandarin and English sentences spoken by espeak-ng (several voices), resampled to 48 kHz
with sox, with pauses around and between sentences. Noises, all synthesised here from seeded
random generators (babble and TV use espeak-ng voices too):

- fan: pink-brown noise with a 50 Hz hum and its harmonics, slowly wobbling blade tone;
- keyboard: bursts of typing, each key a short band-passed click with a low thump;
- babble: six other voices (both languages, different pitch and speed) talking over each other;
- tv: a voice from a different speaker plus music-like chords with envelopes;
- street: low-frequency traffic rumble with cars passing, broadband hiss, and car horns.

Every clean clip is mixed with every noise at -5, 0, 5, 10 and 20 dB SNR (active-speech level,
like ITU-T P.56). Output goes to ~/.cache/homeseat-ns/<version>/ (never into git), with
manifest.json listing each item. Usage::

    python tests/bench/ns_corpus/make_corpus.py [--out DIR] [--force]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from homeseat.audio.offline import read_wav, write_wav

__all__ = ["CORPUS_VERSION", "RATE", "SNRS", "NOISES", "default_dir", "build", "main"]

CORPUS_VERSION = "v1"
RATE = 48_000
SNRS = (-5, 0, 5, 10, 20)
NOISES = ("fan", "keyboard", "babble", "tv", "street")
F32 = NDArray[np.float32]
F64 = NDArray[np.float64]

#: (clip id, espeak voice, speed wpm, pitch, sentences): three English, three Mandarin talkers.
CLIPS: tuple[tuple[str, str, int, int, tuple[str, ...]], ...] = (
    (
        "en1",
        "en-us",
        160,
        45,
        (
            "Thank you for calling the service center, my name is Anna.",
            "I can see your order was shipped on Monday, it should arrive tomorrow.",
        ),
    ),
    (
        "en2",
        "en-gb+f3",
        150,
        60,
        (
            "Could you please confirm the last four digits of your card?",
            "Thank you, I have updated the delivery address for you.",
        ),
    ),
    (
        "en3",
        "en-us+m3",
        170,
        35,
        (
            "Your refund has been approved and will reach your account in three days.",
            "Is there anything else I can help you with today?",
        ),
    ),
    (
        "zh1",
        "cmn",
        190,
        50,
        (
            "您好，欢迎致电客服中心，我是小王，请问有什么可以帮您？",
            "您的订单已经发货了，预计明天就能送到。",
        ),
    ),
    (
        "zh2",
        "cmn+f3",
        185,
        65,
        (
            "请您核对一下身份证号码的后四位，好吗？",
            "好的，我已经帮您把收货地址改过来了。",
        ),
    ),
    (
        "zh3",
        "cmn+m3",
        195,
        40,
        (
            "您的退款申请已经通过，三个工作日内到账。",
            "请问还有其他可以帮到您的吗？",
        ),
    ),
)

#: Babble talkers: (voice, speed, pitch, text).
BABBLE: tuple[tuple[str, int, int, str], ...] = (
    ("en-us+f2", 165, 70, "I told him the meeting was moved to Thursday afternoon, but he forgot."),
    ("cmn+m2", 190, 40, "今天下午的会议改到三点了，你记得通知一下大家。"),
    ("en-gb+m4", 155, 30, "The train was late again so I walked from the station in the rain."),
    ("cmn+f4", 200, 75, "这个周末我们一起去公园散步吧，天气预报说是晴天。"),
    ("en-us+m1", 175, 50, "Did you see the game last night? It went to overtime twice."),
    ("cmn+f1", 180, 60, "我刚才给客户打了电话，他说明天再过来办理。"),
)
TV_TEXT = (
    "Good evening, here is the weather for the weekend. Expect sunshine in the north and "
    "light rain along the coast, with temperatures around twenty degrees."
)


def default_dir() -> Path:
    """Where the corpus lives: ~/.cache/homeseat-ns/<version>."""
    return Path.home() / ".cache" / "homeseat-ns" / CORPUS_VERSION


def speak(text: str, voice: str, speed: int, pitch: int, work: Path) -> F32:
    """Speak ``text`` with espeak-ng, resampled to 48 kHz by sox; returns float32."""
    raw, out = work / "raw.wav", work / "out.wav"
    subprocess.run(
        ["espeak-ng", "-v", voice, "-s", str(speed), "-p", str(pitch), "-w", str(raw), text],
        check=True,
        capture_output=True,
    )
    subprocess.run(["sox", str(raw), "-r", str(RATE), str(out)], check=True, capture_output=True)
    samples, rate, _ = read_wav(out)
    assert rate == RATE
    return trim(samples)


def trim(x: F32, floor: float = 1e-3) -> F32:
    """Cut leading and trailing near-silence."""
    idx = np.flatnonzero(np.abs(x) > floor)
    return x[idx[0] : idx[-1] + 1] if len(idx) else x


def silence(seconds: float) -> F32:
    """Zeros."""
    return np.zeros(int(seconds * RATE), dtype=np.float32)


def normalise(x: F64 | F32, rms_dbfs: float) -> F32:
    """Scale ``x`` to an RMS of ``rms_dbfs``."""
    rms = float(np.sqrt(np.mean(np.square(x, dtype=np.float64))))
    return (x * (10 ** (rms_dbfs / 20) / max(rms, 1e-12))).astype(np.float32)


def coloured(rng: np.random.Generator, n: int, exponent: float) -> F64:
    """Noise with a 1/f^exponent power spectrum (0 white, 1 pink, 2 brown)."""
    spec = np.fft.rfft(rng.standard_normal(n))
    f = np.fft.rfftfreq(n, 1 / RATE)
    f[0] = f[1]
    spec /= f ** (exponent / 2)
    out: F64 = np.fft.irfft(spec, n)
    return out


def bandpass(x: F64, lo: float, hi: float) -> F64:
    """Brick-wall band-pass through the FFT (fine for synthetic noise)."""
    spec = np.fft.rfft(x)
    f = np.fft.rfftfreq(len(x), 1 / RATE)
    spec[(f < lo) | (f > hi)] = 0
    out: F64 = np.fft.irfft(spec, len(x))
    return out


def fan(rng: np.random.Generator, n: int) -> F32:
    """Fan: coloured broadband noise, mains hum, slowly wobbling blade-pass tone."""
    t = np.arange(n) / RATE
    broad = normalise(coloured(rng, n, 1.3), -30)
    hum: F64 = np.zeros(n)
    hum += sum(
        a * np.sin(2 * np.pi * f * t + rng.uniform(0, 6.3))
        for f, a in ((50, 1.0), (100, 0.6), (150, 0.3), (250, 0.15))
    )
    blade = (1 + 0.3 * np.sin(2 * np.pi * 0.4 * t)) * np.sin(
        2 * np.pi * 180 * t + 2 * np.sin(2 * np.pi * 0.7 * t)
    )
    mix = broad.astype(np.float64) + normalise(hum, -38) + normalise(blade, -44)
    return normalise(mix, -30)


def keyboard(rng: np.random.Generator, n: int) -> F32:
    """Keyboard: typing bursts of clicks (band-passed decaying noise plus a low thump)."""
    out = np.zeros(n)
    t = 0.0
    total = n / RATE
    while t < total:
        burst_end = t + rng.uniform(1.0, 3.0)
        while t < min(burst_end, total):
            start = int(t * RATE)
            length = int(rng.uniform(0.004, 0.012) * RATE)
            env = np.exp(-np.arange(length) / (length / 5))
            click = bandpass(rng.standard_normal(length * 4), 1500, 7000)[:length] * env
            thump = np.sin(2 * np.pi * rng.uniform(120, 250) * np.arange(length) / RATE) * env
            seg = rng.uniform(0.4, 1.0) * (click + 0.5 * thump)
            end = min(n, start + length)
            out[start:end] += seg[: end - start]
            t += rng.exponential(0.12) + 0.04
        t += rng.uniform(0.3, 1.5)  # thinking pause
    return normalise(out + 1e-4 * rng.standard_normal(n), -32)


def babble(rng: np.random.Generator, n: int, work: Path) -> F32:
    """Babble: six talkers looping with random offsets."""
    out = np.zeros(n)
    for voice, speed, pitch, text in BABBLE:
        x = speak(text, voice, speed, pitch, work).astype(np.float64)
        x = np.concatenate([x, np.zeros(int(rng.uniform(0.2, 0.8) * RATE))])
        reps = int(np.ceil((n + len(x)) / len(x)))
        loop = np.tile(x, reps)
        offset = int(rng.integers(0, len(x)))
        out += normalise(loop[offset : offset + n], -30) * rng.uniform(0.6, 1.0)
    return normalise(out, -30)


def tv(rng: np.random.Generator, n: int, work: Path) -> F32:
    """TV: an announcer plus music-like chords (harmonic tones with envelopes), muffled."""
    voice = speak(TV_TEXT, "en-gb+m2", 165, 45, work).astype(np.float64)
    voice = np.tile(np.concatenate([voice, np.zeros(RATE // 2)]), int(np.ceil(n / len(voice))) + 1)
    music = np.zeros(n)
    t = 0
    scale = [0, 2, 4, 5, 7, 9, 11, 12]
    while t < n:
        dur = int(rng.choice([0.25, 0.5, 0.5, 1.0]) * RATE)
        root = 220 * 2 ** (int(rng.choice(scale)) / 12)
        tt = np.arange(min(dur, n - t)) / RATE
        env = np.minimum(1, tt / 0.02) * np.exp(-tt / 0.4)
        note = sum(
            (0.6**h) * np.sin(2 * np.pi * root * r * (h + 1) * tt)
            for r in (1.0, 1.26, 1.5)
            for h in range(4)
        )
        music[t : t + len(tt)] += env * note
        t += dur
    mix: F64 = normalise(voice[:n], -30).astype(np.float64) + normalise(music, -34)
    return normalise(bandpass(mix, 80, 9000), -30)


def street(rng: np.random.Generator, n: int) -> F32:
    """Street: rumble of passing cars, broadband hiss, occasional horns."""
    t = np.arange(n) / RATE
    rumble = bandpass(coloured(rng, n, 2.0), 20, 300)
    passing = np.zeros(n)
    for centre in rng.uniform(0, n / RATE, size=max(1, int(n / RATE / 3))):
        passing += np.exp(-(((t - centre) / rng.uniform(0.8, 2.0)) ** 2))
    rumble *= 0.3 + passing
    hiss = bandpass(coloured(rng, n, 1.0), 200, 8000)
    horns = np.zeros(n)
    for start in rng.uniform(0, n / RATE - 1, size=max(1, int(n / RATE / 5))):
        i0, length = int(start * RATE), int(rng.uniform(0.3, 0.8) * RATE)
        tt = np.arange(min(length, n - i0)) / RATE
        f1, f2 = rng.choice([(400, 500), (350, 440), (480, 600)])
        tone = np.sign(np.sin(2 * np.pi * f1 * tt)) + np.sign(np.sin(2 * np.pi * f2 * tt))
        horns[i0 : i0 + len(tt)] += bandpass(tone, 200, 4000) * np.minimum(1, tt / 0.01)
    return normalise(normalise(rumble, -30) + normalise(hiss, -42) + normalise(horns, -36), -30)


def active_power(x: F32) -> float:
    """Mean power over active 10 ms frames (within 30 dB of the loudest), P.56-like."""
    frames = x[: len(x) // 480 * 480].reshape(-1, 480).astype(np.float64)
    p = np.mean(frames**2, axis=1)
    active = p > p.max() * 1e-3
    return float(p[active].mean())


def build(out_dir: Path) -> Path:
    """Write the corpus and its manifest into ``out_dir``; returns the manifest path."""
    work = Path(tempfile.mkdtemp(prefix="homeseat-ns-"))
    try:
        (out_dir / "clean").mkdir(parents=True, exist_ok=True)
        (out_dir / "noise").mkdir(exist_ok=True)
        (out_dir / "mix").mkdir(exist_ok=True)
        items: list[dict[str, object]] = []
        cleans: dict[str, F32] = {}
        for clip_id, voice, speed, pitch, sentences in CLIPS:
            parts = [silence(0.6)]
            for s in sentences:
                parts += [speak(s, voice, speed, pitch, work), silence(0.7)]
            clean = normalise(np.concatenate(parts), -26)  # typical headset speech level
            cleans[clip_id] = clean
            write_wav(out_dir / "clean" / f"{clip_id}.wav", clean, RATE)
        longest = max(len(c) for c in cleans.values())
        noise_len = longest + 10 * RATE
        for k, name in enumerate(NOISES):
            rng = np.random.default_rng(1000 + k)
            if name == "babble":
                noise = babble(rng, noise_len, work)
            elif name == "tv":
                noise = tv(rng, noise_len, work)
            else:
                noise = {"fan": fan, "keyboard": keyboard, "street": street}[name](rng, noise_len)
            write_wav(out_dir / "noise" / f"{name}.wav", noise, RATE)
            for j, (clip_id, clean) in enumerate(cleans.items()):
                offset = int(
                    np.random.default_rng(2000 + 10 * k + j).integers(0, noise_len - len(clean))
                )
                seg = noise[offset : offset + len(clean)].astype(np.float64)
                p_speech = active_power(clean)
                p_noise = float(np.mean(seg**2))
                for snr in SNRS:
                    scaled = seg * np.sqrt(p_speech / (p_noise * 10 ** (snr / 10)))
                    mix = clean + scaled
                    peak = float(np.abs(mix).max())
                    gain = min(1.0, 0.95 / peak)  # same gain noted for the reference
                    rel = f"mix/{name}_{snr:+d}_{clip_id}.wav"
                    write_wav(out_dir / rel, (mix * gain).astype(np.float32), RATE)
                    items.append(
                        {
                            "mix": rel,
                            "clean": f"clean/{clip_id}.wav",
                            "noise": name,
                            "snr_db": snr,
                            "clip": clip_id,
                            "lang": clip_id[:2],
                            "gain": gain,
                        }
                    )
        manifest = out_dir / "manifest.json"
        manifest.write_text(
            json.dumps(
                {
                    "version": CORPUS_VERSION,
                    "rate": RATE,
                    "snrs": list(SNRS),
                    "noises": list(NOISES),
                    "clips": [c[0] for c in CLIPS],
                    "items": items,
                },
                indent=1,
            )
        )
        return manifest
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    """Build the corpus unless it is already there (``--force`` rebuilds)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=default_dir())
    parser.add_argument("--force", action="store_true")
    args = parser.parse_args(argv)
    manifest = args.out / "manifest.json"
    if manifest.exists() and not args.force:
        print(f"corpus present: {manifest}")
        return 0
    for tool in ("espeak-ng", "sox"):
        if shutil.which(tool) is None:
            print(f"error: {tool} is needed (apt-get install espeak-ng sox)", file=sys.stderr)
            return 2
    if args.out.exists():
        shutil.rmtree(args.out)
    print(f"wrote {build(args.out)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
