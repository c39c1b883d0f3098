"""The call audio bridge: ring buffer, WAV source/sink, the mic-path stage, device choice."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from homeseat.audio.bridge import (
    CallAudioBridge,
    MemorySink,
    Pcm,
    RingBuffer,
    ToneSource,
    WavSink,
    WavSource,
    read_wav,
    tone_level_db,
    write_wav,
)
from homeseat.audio.devices import (
    DeviceInfo,
    DeviceRole,
    DeviceWatcher,
    NoAudioDevice,
    list_devices,
    pick_device,
)
from homeseat.audio.pipeline import build_pipeline

RATE = 16_000
FRAME = 320


def test_ring_buffer_is_fifo_pads_underruns_and_drops_oldest_on_overflow() -> None:
    ring = RingBuffer(8)
    ring.write(np.arange(1, 6, dtype=np.int16))
    assert ring.read(3).tolist() == [1, 2, 3]
    ring.write(np.arange(6, 12, dtype=np.int16))  # 2 + 6 = 8: exactly full, wraps around
    assert ring.available == 8
    ring.write(np.array([12, 13], dtype=np.int16))  # overflow: 4 and 5 are dropped
    assert ring.dropped == 2
    assert ring.read(10).tolist() == [6, 7, 8, 9, 10, 11, 12, 13, 0, 0]
    assert ring.underruns == 1


def test_wav_source_resamples_loops_and_sink_writes_a_file(tmp_path: Path) -> None:
    t = np.arange(8000) / 8000
    write_wav(tmp_path / "in.wav", (8000 * np.sin(2 * np.pi * 500 * t)).astype(np.int16), 8000)
    src = WavSource(tmp_path / "in.wav", RATE)  # 1 s at 8 kHz becomes 16000 samples
    first = src.read(RATE)
    again = src.read(RATE)  # looped
    assert tone_level_db(first, RATE, 500) > -15
    assert np.abs(first.astype(int) - again.astype(int)).max() <= 1
    sink = WavSink(tmp_path / "out.wav", RATE)
    sink.write(first)
    assert read_wav(sink.close(), RATE).tolist() == first.tolist()


def test_bad_wav_is_refused_with_the_file_name(tmp_path: Path) -> None:
    bad = tmp_path / "bad.wav"
    bad.write_bytes(b"not a wav file at all")
    with pytest.raises(ValueError, match=r"bad\.wav"):
        WavSource(bad, RATE)


def test_mute_sends_silence_and_downlink_reaches_the_sink() -> None:
    sink = MemorySink(5.0, RATE)
    bridge = CallAudioBridge(RATE, FRAME, ToneSource(RATE, 440), sink)
    assert tone_level_db(bridge.uplink(), RATE, 440) > -20
    bridge.set_muted(True)
    assert not bridge.uplink().any()
    bridge.downlink(np.full(FRAME, 7, dtype=np.int16))
    assert sink.samples().tolist() == [7] * FRAME


def test_the_noise_suppression_pipeline_plugs_into_the_microphone_path() -> None:
    # The real pipeline of the noise-suppression issue, as the stage on the uplink.
    stage = build_pipeline(RATE, "spectral", fallback=None)
    rng = np.random.default_rng(1)
    noise = rng.normal(0, 2000, RATE * 4).astype(np.int16)

    class NoiseSource:
        pos = 0

        def read(self, samples: int) -> Pcm:
            out = noise[self.pos : self.pos + samples]
            self.pos += samples
            return out

    bridge = CallAudioBridge(RATE, FRAME, NoiseSource(), MemorySink(5.0, RATE), mic_stage=stage)
    out = np.concatenate([bridge.uplink() for _ in range(RATE * 4 // FRAME)])
    assert bridge.stage_errors == 0
    assert bridge.stage_seconds > 0
    # Steady noise is attenuated once the suppressor has learned it.
    tail_in = noise[-RATE:].astype(float)
    tail_out = out[-RATE:].astype(float)
    assert np.sqrt(np.mean(tail_out**2)) < 0.5 * np.sqrt(np.mean(tail_in**2))


def test_a_stage_at_another_rate_is_refused() -> None:
    stage = build_pipeline(48_000, "spectral", fallback=None)
    with pytest.raises(ValueError, match="48000 Hz"):
        CallAudioBridge(RATE, FRAME, ToneSource(RATE, 440), MemorySink(), mic_stage=stage)


def test_no_device_gives_an_actionable_message() -> None:
    # This machine has no sound hardware: PortAudio lists nothing (or only outputs).
    devices = list_devices()
    if not any(d.fits(DeviceRole.MICROPHONE) for d in devices):
        with pytest.raises(NoAudioDevice, match="Plug in your headset"):
            pick_device(devices, DeviceRole.MICROPHONE)
    with pytest.raises(NoAudioDevice, match="speaker or headset"):
        pick_device([], DeviceRole.SPEAKER)


def test_device_choice_prefers_the_named_then_the_default() -> None:
    devices = [
        DeviceInfo(0, "Laptop speaker", 0, 2, 48000.0, is_default_output=True),
        DeviceInfo(1, "USB headset", 1, 2, 48000.0, is_default_input=True),
    ]
    assert pick_device(devices, DeviceRole.SPEAKER).name == "Laptop speaker"
    assert pick_device(devices, DeviceRole.SPEAKER, "USB headset").name == "USB headset"
    assert pick_device(devices, DeviceRole.MICROPHONE, "gone").name == "USB headset"
    seen: list[list[DeviceInfo]] = [devices[:1], devices[:1], devices]
    watcher = DeviceWatcher(lambda: seen.pop(0))
    assert watcher.poll()  # first look
    assert not watcher.poll()  # unchanged
    assert watcher.poll()  # the headset was plugged in


def test_close_releases_once() -> None:
    closed: list[int] = []
    bridge = CallAudioBridge(
        RATE, FRAME, ToneSource(RATE, 440), MemorySink(), on_close=lambda: closed.append(1)
    )
    bridge.close()
    bridge.close()
    assert closed == [1]
