"""A pjsua2 conference port that carries one call's audio to and from a CallAudioBridge.

Created and connected on the SIP engine thread; its two callbacks run on pjmedia's clock
thread (the null sound device's), where they only convert bytes and call the bridge.

Ports are pooled, never destroyed while the clock runs: deleting a Python-subclassed port lets
the clock thread call into an object being freed (a use-after-free that crashed the process at
random). A call binds a free port (:meth:`BridgePort.bind`) and unbinds it when it ends; the
engine deletes the pool only after stopping the sound clock at shutdown.
"""

from __future__ import annotations

import logging
from typing import Any

import numpy as np
import pjsua2 as pj

from homeseat.audio.bridge import CallAudioBridge

__all__ = ["BridgePort"]

log = logging.getLogger(__name__)


class BridgePort(pj.AudioMediaPort):  # type: ignore[misc]  # pjsua2 has no type hints
    """The conference port of one call: pulls uplink frames, pushes downlink frames."""

    def __init__(self, rate: int, frame_samples: int, name: str) -> None:
        """Create an unbound port at ``rate`` with ``frame_samples`` per frame (engine thread)."""
        super().__init__()
        self.rate = rate
        self.frame_samples = frame_samples
        self.bridge: CallAudioBridge | None = None  # read once per callback (atomic swap)
        self.media: Any = None  # the call's AudioMedia while bound
        self._failed = False
        fmt = pj.MediaFormatAudio()
        fmt.type = pj.PJMEDIA_TYPE_AUDIO
        fmt.clockRate = rate
        fmt.channelCount = 1
        fmt.bitsPerSample = 16
        fmt.frameTimeUsec = int(1_000_000 * frame_samples / rate)
        self.createPort(name, fmt)

    def bind(self, bridge: CallAudioBridge) -> None:
        """Carry ``bridge``'s audio from now on (engine thread)."""
        self._failed = False
        self.bridge = bridge

    def unbind(self) -> None:
        """Stop carrying audio; the port goes back to the pool (engine thread)."""
        media, self.media = self.media, None
        self.bridge = None
        if media is not None:
            try:
                media.stopTransmit(self)
                self.stopTransmit(media)
            except Exception:  # the call's media may already be gone
                log.debug("port already disconnected", exc_info=True)

    def onFrameRequested(self, frame: pj.MediaFrame) -> None:
        """pjmedia wants the next uplink frame (clock thread)."""
        bridge = self.bridge
        if bridge is None:
            return
        try:
            pcm = bridge.uplink()
            frame.type = pj.PJMEDIA_FRAME_TYPE_AUDIO
            frame.buf = pj.ByteVector(pcm.astype("<i2").tobytes())
            frame.size = 2 * len(pcm)
        except Exception:
            self._report()

    def onFrameReceived(self, frame: pj.MediaFrame) -> None:
        """pjmedia delivers one downlink frame (clock thread)."""
        bridge = self.bridge
        if bridge is None:
            return
        try:
            if frame.type != pj.PJMEDIA_FRAME_TYPE_AUDIO or frame.size == 0:
                return
            data = bytes(frame.buf)
            bridge.downlink(np.frombuffer(data, dtype="<i2").astype(np.int16))
        except Exception:
            self._report()

    def _report(self) -> None:
        if not self._failed:  # once per port: the clock thread calls 50 times a second
            self._failed = True
            log.exception("call audio bridge failed; the call continues without it")
