"""Sound devices for calls: listing, choosing, and PortAudio streams feeding the call bridge.

:class:`DeviceSource` and :class:`DeviceSink` are the microphone and speaker ends of a
:class:`~homeseat.audio.bridge.CallAudioBridge`: PortAudio's callback thread only copies
blocks into or out of a :class:`~homeseat.audio.bridge.RingBuffer`, and pjmedia's clock thread
takes them from the other side. :func:`list_devices` and :class:`DeviceWatcher` run on their
caller's thread (the GUI thread polls the watcher). When no device exists, :func:`pick_device`
raises :class:`NoAudioDevice` with a sentence an agent can act on.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from homeseat.audio.bridge import Pcm, RingBuffer

__all__ = [
    "DeviceRole",
    "DeviceInfo",
    "NoAudioDevice",
    "list_devices",
    "pick_device",
    "DeviceWatcher",
    "DeviceSource",
    "DeviceSink",
]

log = logging.getLogger(__name__)


class DeviceRole(enum.StrEnum):
    """What a device is used for."""

    MICROPHONE = "microphone"
    SPEAKER = "speaker"
    RINGER = "ringer"  # where the ringtone plays (often the laptop speaker, not the headset)


@dataclass(frozen=True, slots=True)
class DeviceInfo:
    """One PortAudio device."""

    index: int
    name: str
    inputs: int
    outputs: int
    default_rate: float
    is_default_input: bool = False
    is_default_output: bool = False

    def fits(self, role: DeviceRole) -> bool:
        """True when the device can serve ``role``."""
        return self.inputs > 0 if role is DeviceRole.MICROPHONE else self.outputs > 0


class NoAudioDevice(RuntimeError):
    """No device can serve a role; the message tells the agent what to do."""


def _sounddevice() -> Any:
    import sounddevice  # imported late: PortAudio is loaded only when sound is needed

    return sounddevice


def list_devices(*, rescan: bool = False) -> list[DeviceInfo]:
    """The devices PortAudio sees now (empty when PortAudio itself is unavailable).

    Args:
        rescan: re-initialise PortAudio first, so devices plugged in since start appear.
    """
    try:
        sd = _sounddevice()
        if rescan:
            sd._terminate()
            sd._initialize()
        raw = sd.query_devices()
        default_in, default_out = sd.default.device
    except (OSError, ImportError) as exc:
        log.warning("sound devices unavailable: %s", exc)
        return []
    out = []
    for i, dev in enumerate(raw):
        out.append(
            DeviceInfo(
                index=i,
                name=str(dev["name"]),
                inputs=int(dev["max_input_channels"]),
                outputs=int(dev["max_output_channels"]),
                default_rate=float(dev["default_samplerate"]),
                is_default_input=i == default_in,
                is_default_output=i == default_out,
            )
        )
    return out


def pick_device(devices: Sequence[DeviceInfo], role: DeviceRole, name: str = "") -> DeviceInfo:
    """The device named ``name`` for ``role``, else the system default, else the first fit.

    Raises:
        NoAudioDevice: nothing can serve ``role``.
    """
    fitting = [d for d in devices if d.fits(role)]
    if not fitting:
        what = "microphone" if role is DeviceRole.MICROPHONE else "speaker or headset"
        raise NoAudioDevice(
            f"No {what} found. Plug in your headset (or check that the sound system is "
            "running), then choose it in the audio settings."
        )
    for dev in fitting:
        if name and dev.name == name:
            return dev
    if name:
        log.warning("audio device %r not found for %s; using the default", name, role.value)
    default = [
        d
        for d in fitting
        if (d.is_default_input if role is DeviceRole.MICROPHONE else d.is_default_output)
    ]
    return (default or fitting)[0]


class DeviceWatcher:
    """Notices devices coming and going. Call :meth:`poll` periodically on one thread."""

    def __init__(self, lister: Callable[[], list[DeviceInfo]] | None = None) -> None:
        """Use ``lister`` (default: a PortAudio rescan) to read the devices."""
        self._lister = lister or (lambda: list_devices(rescan=True))
        self.devices: list[DeviceInfo] = []

    def poll(self) -> bool:
        """Re-read the devices; True when the set changed since the last poll."""
        now = self._lister()
        changed = [(d.name, d.inputs, d.outputs) for d in now] != [
            (d.name, d.inputs, d.outputs) for d in self.devices
        ]
        self.devices = now
        return changed


class DeviceSource:
    """A microphone stream: PortAudio callback → ring buffer → the bridge's uplink."""

    def __init__(self, device: DeviceInfo, rate: int, block: int, buffer_ms: int = 200) -> None:
        """Open ``device`` at ``rate`` Hz in blocks of ``block`` samples (not started)."""
        self.ring = RingBuffer(rate * buffer_ms // 1000)
        self._stream = _sounddevice().InputStream(
            device=device.index,
            samplerate=rate,
            blocksize=block,
            channels=1,
            dtype="int16",
            callback=self._callback,
        )

    def _callback(self, indata: Any, frames: int, time_info: Any, status: Any) -> None:
        self.ring.write(np.asarray(indata[:, 0], dtype=np.int16))

    def start(self) -> None:
        """Start capturing."""
        self._stream.start()

    def close(self) -> None:
        """Stop and release the device."""
        self._stream.stop()
        self._stream.close()

    def read(self, samples: int) -> Pcm:
        """The next captured samples (silence on underrun)."""
        return self.ring.read(samples)


class DeviceSink:
    """A speaker stream: the bridge's downlink → ring buffer → PortAudio callback."""

    def __init__(self, device: DeviceInfo, rate: int, block: int, buffer_ms: int = 200) -> None:
        """Open ``device`` at ``rate`` Hz in blocks of ``block`` samples (not started)."""
        self.ring = RingBuffer(rate * buffer_ms // 1000)
        self._stream = _sounddevice().OutputStream(
            device=device.index,
            samplerate=rate,
            blocksize=block,
            channels=1,
            dtype="int16",
            callback=self._callback,
        )

    def _callback(self, outdata: Any, frames: int, time_info: Any, status: Any) -> None:
        outdata[:, 0] = self.ring.read(frames)

    def start(self) -> None:
        """Start playing."""
        self._stream.start()

    def close(self) -> None:
        """Stop and release the device."""
        self._stream.stop()
        self._stream.close()

    def write(self, frame: Pcm) -> None:
        """Queue a frame for the speaker (the oldest audio is dropped if it backs up)."""
        self.ring.write(frame)
