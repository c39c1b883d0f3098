"""Softphone benchmark: call setup time, CPU per active call, microphone-to-RTP latency.

Everything real and on loopback: our pjsua2 engine, Debian's Kamailio and baresip (setup time
and CPU), and for the latency a minimal SIP answerer in this script whose RTP socket timestamps
each packet as it arrives. Usage::

    python tests/bench/bench_sip.py              # 10 setups, 10 s CPU windows, 20 onsets
    python tests/bench/bench_sip.py --quick      # fewer of each

Latency method: a "microphone" thread writes 10 ms blocks into the bridge's ring buffer at
real-time pace (as PortAudio's callback would); at known moments a block starts a 1 kHz tone
after silence. The time from writing that block to the arrival of the first RTP packet whose
PCMU payload carries the tone is the added latency (ring buffer wait + conference bridge +
encoder + send; loopback adds microseconds).
"""

from __future__ import annotations

import argparse
import re
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # run as a script from anywhere
from tests.integration.sip_lab import SipLab

from homeseat.audio.bridge import CallAudioBridge, MemorySink, RingBuffer
from homeseat.core.calls import CallEventKind
from homeseat.sip.engine import SipEngine
from homeseat.sip.events import AccountConfig, CallChanged, EngineConfig, SrtpUse, Transport

K = CallEventKind
RATE = 16_000
BLOCK = RATE // 100  # 10 ms, a typical PortAudio block


def _ulaw_to_linear(data: bytes) -> np.ndarray:
    u = ~np.frombuffer(data, dtype=np.uint8)
    sign = u & 0x80
    exponent = (u >> 4) & 0x07
    mantissa = u & 0x0F
    magnitude = ((mantissa.astype(np.int32) << 3) + 0x84) << exponent
    return np.where(sign != 0, 0x84 - magnitude, magnitude - 0x84)


def bench_setup_and_cpu(calls: int, window_s: float) -> dict[str, float]:
    """Median/p95 INVITE→200 setup time via Kamailio, and CPU per active call."""
    with tempfile.TemporaryDirectory() as tmp, SipLab(Path(tmp)) as lab:
        lab.register()
        lab.peer("bob")
        setups = []
        for _ in range(calls):
            mark = lab.events.mark()
            t0 = time.perf_counter()
            call_id = lab.engine.dial("alice", "bob")
            lab.wait_call(K.ANSWERED, call_id, after=mark)
            setups.append(1000 * (time.perf_counter() - t0))
            lab.engine.hangup(call_id)
            lab.wait_call(K.END, call_id, after=mark)
        c0, w0 = time.process_time(), time.perf_counter()
        time.sleep(window_s)
        idle = (time.process_time() - c0) / (time.perf_counter() - w0)
        call_id = lab.engine.dial("alice", "bob")
        lab.wait_call(K.ANSWERED, call_id)
        time.sleep(1.0)
        c0, w0 = time.process_time(), time.perf_counter()
        time.sleep(window_s)
        active = (time.process_time() - c0) / (time.perf_counter() - w0)
        lab.engine.hangup(call_id)
        lab.wait_call(K.END, call_id)
    setups.sort()
    return {
        "setup_median_ms": statistics.median(setups),
        "setup_p95_ms": setups[max(0, int(0.95 * len(setups)) - 1)],
        "cpu_idle_percent": 100 * idle,
        "cpu_one_call_percent": 100 * active,
        "cpu_per_call_percent": 100 * (active - idle),
    }


class RtpAnswerer:
    """A minimal SIP UAS on UDP: answers one INVITE with PCMU and timestamps RTP arrivals."""

    def __init__(self) -> None:
        self.sip = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sip.bind(("127.0.0.1", 0))
        self.rtp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.rtp.bind(("127.0.0.1", 0))
        self.port = self.sip.getsockname()[1]
        self.arrivals: list[tuple[float, bytes]] = []
        self._stop = threading.Event()
        threading.Thread(target=self._sip_loop, daemon=True).start()
        threading.Thread(target=self._rtp_loop, daemon=True).start()

    def _sip_loop(self) -> None:
        self.sip.settimeout(0.2)
        while not self._stop.is_set():
            try:
                data, addr = self.sip.recvfrom(65536)
            except TimeoutError:
                continue
            text = data.decode(errors="replace")
            method = text.split(" ", 1)[0]
            if method in ("INVITE", "BYE", "OPTIONS"):
                self.sip.sendto(self._reply(text, method == "INVITE"), addr)

    def _reply(self, request: str, with_sdp: bool) -> bytes:
        headers = [
            line
            for line in request.split("\r\n")
            if re.match(r"(?i)^(via|from|call-id|cseq|record-route):", line)
        ]
        to = next(line for line in request.split("\r\n") if re.match(r"(?i)^to:", line))
        if ";tag=" not in to:
            to += ";tag=bench"
        body = ""
        if with_sdp:
            port = self.rtp.getsockname()[1]
            body = (
                "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                f"m=audio {port} RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=sendrecv\r\n"
            )
        lines = [
            "SIP/2.0 200 OK",
            *headers,
            to,
            f"Contact: <sip:bench@127.0.0.1:{self.port}>",
        ]
        if body:
            lines.append("Content-Type: application/sdp")
        lines.append(f"Content-Length: {len(body)}")
        return ("\r\n".join(lines) + "\r\n\r\n" + body).encode()

    def _rtp_loop(self) -> None:
        self.rtp.settimeout(0.2)
        while not self._stop.is_set():
            try:
                data = self.rtp.recv(2048)
            except TimeoutError:
                continue
            self.arrivals.append((time.perf_counter(), data[12:]))

    def close(self) -> None:
        self._stop.set()


def bench_latency(onsets: int) -> list[float]:
    """Microphone block written → first RTP packet carrying it, per tone onset, in ms."""
    ring = RingBuffer(RATE)  # generous: the bench must measure, not drop

    class RingSource:
        def read(self, samples: int) -> np.ndarray:
            return ring.read(samples)

    def factory(call_id: str, rate: int, frame: int) -> CallAudioBridge:
        return CallAudioBridge(rate, frame, RingSource(), MemorySink(5.0, rate))

    answerer = RtpAnswerer()
    engine = SipEngine(
        EngineConfig(bind_address="127.0.0.1", codecs=("PCMU/8000",), clock_rate=RATE),
        lambda ev: events.append(ev),
        audio_factory=factory,
    )
    events: list[object] = []
    engine.start()
    try:
        engine.add_account(
            AccountConfig(
                "bench",
                "bench",
                f"127.0.0.1:{answerer.port}",
                "",
                transport=Transport.UDP,
                srtp=SrtpUse.DISABLED,
                register=False,
            )
        )
        call_id = engine.dial("bench", "answerer")
        deadline = time.monotonic() + 10
        while not any(isinstance(e, CallChanged) and e.event.kind is K.ANSWERED for e in events):
            if time.monotonic() > deadline:
                raise RuntimeError("the answerer did not answer")
            time.sleep(0.01)
        t = np.arange(BLOCK) / RATE
        written: list[float] = []
        next_at = time.perf_counter()
        blocks = 0
        onset_every = 50  # 0.5 s: 0.25 s tone, 0.25 s silence
        while len(written) < onsets:
            phase = blocks % onset_every
            tone = phase < onset_every // 2
            block = (0.5 * 32767 * np.sin(2 * np.pi * 1000 * t)).astype(np.int16)
            ring.write(block if tone else np.zeros(BLOCK, dtype=np.int16))
            if phase == 0 and blocks > 100:
                written.append(time.perf_counter())
            blocks += 1
            next_at += BLOCK / RATE
            time.sleep(max(0.0, next_at - time.perf_counter()))
        time.sleep(0.3)
        engine.hangup(call_id)
        time.sleep(0.3)
    finally:
        engine.stop()
        answerer.close()
    latencies = []
    arrivals = list(answerer.arrivals)
    for w in written:
        for at, payload in arrivals:
            if at >= w and np.abs(_ulaw_to_linear(payload)).max() > 4000:
                latencies.append(1000 * (at - w))
                break
    return latencies


def main() -> None:
    """Run the benchmarks and print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    calls, window, onsets = (3, 3.0, 8) if args.quick else (10, 10.0, 20)
    lat = sorted(bench_latency(onsets))
    res = bench_setup_and_cpu(calls, window)
    print("| figure | value |\n|---|---|")
    print(f"| call setup via Kamailio, median ({calls} calls) | {res['setup_median_ms']:.1f} ms |")
    print(f"| call setup via Kamailio, p95 | {res['setup_p95_ms']:.1f} ms |")
    print(f"| process CPU, registered and idle | {res['cpu_idle_percent']:.1f} % of a core |")
    print(f"| process CPU, one active call | {res['cpu_one_call_percent']:.1f} % of a core |")
    print(f"| CPU per active call (difference) | {res['cpu_per_call_percent']:.1f} % of a core |")
    print(
        f"| mic block → RTP packet, median ({len(lat)} onsets) | {statistics.median(lat):.1f} ms |"
    )
    print(f"| mic block → RTP packet, max | {max(lat):.1f} ms |")


if __name__ == "__main__":
    main()
