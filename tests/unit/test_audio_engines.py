"""Noise-suppression engines behind one interface, and the rate adapter that presents them."""

from __future__ import annotations

import numpy as np
import pytest
from tests.audio_clips import mix_at_snr, pink_noise, rms_db, si_sdr, speech

from homeseat.audio.engines import (
    DEFAULT_ENGINE,
    ENGINE_NAMES,
    FALLBACK_ENGINE,
    create_engine,
    create_native,
    engine_for_setting,
    engine_info,
)
from homeseat.audio.engines.passthrough import Passthrough
from homeseat.audio.suppress import Suppressor, SuppressorError, as_float_frame
from homeseat.audio.suppress_adapt import RateAdapter, Resampler

ENGINES = ("dfn3", "spectral", "webrtc")


def run(engine: Suppressor, x: np.ndarray, block: int | None = None) -> np.ndarray:
    size = block or engine.frame_size
    n = -(-len(x) // size) * size
    padded = np.zeros(n, dtype=np.float32)
    padded[: len(x)] = x
    return np.concatenate([engine.process(padded[i : i + size]) for i in range(0, n, size)])


def lag_of(x: np.ndarray, y: np.ndarray, max_lag: int) -> int:
    size = 1 << (len(x) + max_lag).bit_length()
    c = np.fft.irfft(np.conj(np.fft.rfft(x, size)) * np.fft.rfft(y, size), size)
    return int(np.argmax(c[:max_lag]))


def test_registry_names_a_default_and_a_cheap_fallback() -> None:
    info = {i.name: i for i in engine_info()}
    assert set(ENGINE_NAMES) == set(info)
    assert not info[DEFAULT_ENGINE].cheap
    assert info[FALLBACK_ENGINE].cheap
    assert engine_for_setting("auto") == DEFAULT_ENGINE
    assert engine_for_setting("off") == "none"
    assert engine_for_setting("webrtc") == "webrtc"
    with pytest.raises(SuppressorError, match="unknown engine 'rnnoise'"):
        create_engine("rnnoise", 48_000)


@pytest.mark.parametrize("name", ENGINES)
@pytest.mark.parametrize("rate", [16_000, 48_000])
def test_engine_removes_fan_noise_and_keeps_length(name: str, rate: int) -> None:
    clean = speech(rate, lead_s=1.0)
    noisy = mix_at_snr(clean, pink_noise(len(clean), rate, seed=3), 0.0)
    engine = create_engine(name, rate)
    assert engine.frame_size == rate // 100
    lat = engine.latency_samples
    out = run(engine, np.concatenate([noisy, np.zeros(lat, dtype=np.float32)]))
    aligned = out[lat : lat + len(noisy)]
    assert aligned.dtype == np.float32
    gain = si_sdr(aligned, clean) - si_sdr(noisy, clean)
    # Each engine must clearly help at 0 dB SNR; the neural one by the target.
    assert gain > (5.0 if name == "dfn3" else 1.0), f"{name}: ΔSI-SDR {gain:+.1f} dB"
    pause = slice(int(0.5 * rate), int(0.9 * rate))  # noise alone, after the trackers settle
    assert rms_db(aligned[pause]) < rms_db(noisy[pause]) - 6.0


@pytest.mark.parametrize("name", [*ENGINES, "none"])
def test_declared_delay_is_the_measured_delay(name: str) -> None:
    rate = 48_000
    clean = speech(rate)
    engine = create_engine(name, rate)
    out = run(engine, clean)
    assert abs(lag_of(clean, out, 4800) - engine.latency_samples) <= 2
    assert engine.latency_ms <= 40.0


@pytest.mark.parametrize("name", ENGINES)
def test_reset_forgets_history_so_output_repeats(name: str) -> None:
    x = mix_at_snr(speech(16_000)[:16_000], pink_noise(16_000, 16_000), 5.0)
    engine = create_engine(name, 16_000)
    first = run(engine, x)
    engine.reset()
    second = run(engine, x)
    np.testing.assert_array_equal(first, second)


def test_engine_refuses_a_wrong_frame() -> None:
    engine = create_native("spectral", 48_000)
    with pytest.raises(ValueError, match="expected 480 float32 samples"):
        engine.process(np.zeros(160, dtype=np.float32))
    with pytest.raises(ValueError, match="mono"):
        as_float_frame(np.zeros((2, 480), dtype=np.float32))
    assert as_float_frame(np.array([16384, -32768], dtype=np.int16)).tolist() == [0.5, -1.0]


def test_resampler_gives_steady_output_and_an_exact_integer_delay() -> None:
    down = Resampler(48_000, 16_000)
    counts = {len(down.process(np.zeros(480, dtype=np.float32))) for _ in range(50)}
    assert counts == {160}  # every call, unlike soxr's bursty streaming mode
    up = Resampler(16_000, 48_000)
    impulse = np.zeros(16_000, dtype=np.float32)
    impulse[4000] = 1.0
    y = np.concatenate([up.process(impulse[i : i + 160]) for i in range(0, 16_000, 160)])
    assert int(np.argmax(np.abs(y))) == 3 * 4000 + up.delay_out


def test_resampler_round_trip_is_clean() -> None:
    rate = 48_000
    t = np.arange(rate) / rate
    tone = (0.5 * np.sin(2 * np.pi * 1000 * t)).astype(np.float32)
    down, up = Resampler(rate, 16_000), Resampler(16_000, rate)
    y = np.concatenate([up.process(down.process(tone[i : i + 480])) for i in range(0, rate, 480)])
    delay = 3 * down.delay_out + up.delay_out
    err = y[delay + 4800 : rate - 4800] - tone[4800 : rate - 4800 - delay]
    assert rms_db(err) - rms_db(tone) < -60.0


@pytest.mark.parametrize(("rate", "block"), [(44_100, 441), (48_000, 256), (22_050, 221)])
def test_rate_adapter_takes_any_block_and_keeps_its_declared_delay(rate: int, block: int) -> None:
    adapter = RateAdapter(Passthrough(48_000), rate, block)
    impulse = np.zeros(rate, dtype=np.float32)
    impulse[rate // 4] = 1.0
    out = run(adapter, impulse, block)
    assert abs(int(np.argmax(np.abs(out))) - (rate // 4 + adapter.latency_samples)) <= 1
    assert adapter.underruns == 0
    # Buffering costs at most one block plus one engine frame on top of the filters.
    assert adapter.latency_samples <= block + rate // 100 + 2 * 24 * rate // 16_000
