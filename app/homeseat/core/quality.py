"""Line quality: an estimated MOS from RTCP figures, by a simplified ITU-T G.107 E-model. Pure.

The E-model rates a connection with ``R = Ro − Is − Id − Ie,eff + A`` and maps R to a mean
opinion score (MOS, 1–4.5). What a softphone measures (jitter, loss, round-trip time, codec) is
turned into the model's inputs with the simplifications below; every constant is named here.

* ``Ro − Is`` = **93.2**: G.107's default value with all other parameters at their defaults.
* ``A`` (advantage factor) = **0**: a wired contact-center line, no mobility bonus.
* ``Id``, the delay impairment, uses the widely used approximation of G.107's curve
  (Cole & Rosenbluth, 2001): ``Id = 0.024·d + 0.11·(d − 177.3)·H(d − 177.3)`` with ``d`` the
  one-way mouth-to-ear delay in ms and ``H`` the step function. It ignores echo (a softphone has
  echo control), which keeps Id ≈ Idd of G.107 for d ≤ 100 ms.
* ``d`` = RTT/2 (network) + :data:`JITTER_BUFFER_FACTOR` × mean jitter (playout buffer)
  + the codec's framing and look-ahead + :data:`DEVICE_DELAY_MS` (sound card buffers).
* ``Ie,eff = Ie + (95 − Ie) · Ppl / (Ppl / BurstR + Bpl)`` (G.107 §3.6) with ``Ppl`` the packet
  loss in percent and ``BurstR`` = 1 (random loss) unless told otherwise. ``Ie`` and ``Bpl`` per
  codec come from ITU-T G.113 Appendix I where it lists them (G.711 with PLC, G.729A, GSM-EFR);
  the others are marked *assumed* in :data:`CODECS`. Wideband codecs are rated on the narrowband
  scale (G.107, not G.107.1), so a perfect G.722 line scores like a perfect G.711 line: 4.4.
* ``MOS = 1 + 0.035·R + R·(R − 60)·(100 − R)·7·10⁻⁶`` for 0 < R < 100 (G.107 Annex B).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

__all__ = [
    "CodecImpairment",
    "CODECS",
    "UNKNOWN_CODEC",
    "RO_MINUS_IS",
    "ADVANTAGE",
    "JITTER_BUFFER_FACTOR",
    "DEVICE_DELAY_MS",
    "LineStats",
    "QualityGrade",
    "QualityScore",
    "codec_impairment",
    "delay_impairment",
    "effective_equipment_impairment",
    "r_factor",
    "mos_from_r",
    "grade",
    "estimate",
]

#: Basic signal-to-noise ratio minus simultaneous impairments at G.107 defaults.
RO_MINUS_IS = 93.2
#: Advantage factor: 0 for a wired line.
ADVANTAGE = 0.0
#: The playout (jitter) buffer holds about this many times the mean interarrival jitter.
JITTER_BUFFER_FACTOR = 2.0
#: Capture and playback buffering in the sound path, both ends together, in ms.
DEVICE_DELAY_MS = 20.0


@dataclass(frozen=True, slots=True)
class CodecImpairment:
    """E-model figures of one codec.

    Attributes:
        ie: equipment impairment factor (loss-free).
        bpl: packet-loss robustness factor (random loss, with packet loss concealment).
        delay_ms: framing plus look-ahead: the codec's own one-way delay.
        source: where ``ie`` and ``bpl`` come from.
    """

    ie: float
    bpl: float
    delay_ms: float
    source: str


#: Per codec (lower-case pjsua2 codec name without rate), the E-model figures used.
CODECS: dict[str, CodecImpairment] = {
    "pcmu": CodecImpairment(0.0, 25.1, 20.0, "G.113 App. I, G.711 with PLC"),
    "pcma": CodecImpairment(0.0, 25.1, 20.0, "G.113 App. I, G.711 with PLC"),
    "g722": CodecImpairment(0.0, 25.1, 21.5, "assumed: as G.711 on the narrowband scale"),
    "g729": CodecImpairment(11.0, 19.0, 25.0, "G.113 App. I, G.729A"),
    "gsm": CodecImpairment(20.0, 10.0, 20.0, "G.113 App. I Ie of GSM-FR; Bpl assumed"),
    "ilbc": CodecImpairment(11.0, 32.0, 40.0, "assumed: commonly cited iLBC figures"),
    "speex": CodecImpairment(11.0, 19.0, 30.0, "assumed: as G.729A"),
    "opus": CodecImpairment(0.0, 30.0, 26.5, "assumed: transparent at call bitrates"),
    "l16": CodecImpairment(0.0, 4.3, 20.0, "G.113 App. I, G.711 without PLC (no PLC for L16)"),
}
#: Figures used for a codec not in :data:`CODECS` (deliberately pessimistic).
UNKNOWN_CODEC = CodecImpairment(15.0, 10.0, 30.0, "assumed: unknown codec")


def codec_impairment(codec: str) -> CodecImpairment:
    """The figures for ``codec`` given as ``PCMU``, ``PCMU/8000`` or ``speex/16000/1``."""
    return CODECS.get(codec.split("/", 1)[0].strip().lower(), UNKNOWN_CODEC)


@dataclass(frozen=True, slots=True)
class LineStats:
    """What was measured on a call (from RTCP and the stream), the E-model's input.

    Attributes:
        jitter_ms: mean interarrival jitter of received packets.
        loss: fraction of packets lost, 0..1 (received direction; the worse direction when
            both are known).
        rtt_ms: round-trip time from RTCP (0 when not known yet).
        codec: the codec in use, pjsua2 style (``PCMU/8000/1``).
        burst_ratio: G.107 BurstR; 1 for random loss.
    """

    jitter_ms: float
    loss: float
    rtt_ms: float
    codec: str
    burst_ratio: float = 1.0


class QualityGrade(enum.StrEnum):
    """A coarse verdict for an indicator, by G.107's user-satisfaction bands."""

    GOOD = "good"  # R ≥ 80: satisfied (MOS ≥ 4.03)
    FAIR = "fair"  # 70 ≤ R < 80: some users dissatisfied (MOS ≥ 3.60)
    POOR = "poor"  # R < 70


@dataclass(frozen=True, slots=True)
class QualityScore:
    """The estimate and the figures it came from."""

    r: float
    mos: float
    grade: QualityGrade
    one_way_delay_ms: float
    loss_percent: float
    jitter_ms: float
    rtt_ms: float
    codec: str


def delay_impairment(one_way_delay_ms: float) -> float:
    """Id for a one-way mouth-to-ear delay in ms (Cole & Rosenbluth approximation)."""
    d = max(0.0, one_way_delay_ms)
    return 0.024 * d + (0.11 * (d - 177.3) if d > 177.3 else 0.0)


def effective_equipment_impairment(codec: CodecImpairment, loss: float, burst: float) -> float:
    """Ie,eff for packet loss ``loss`` (0..1) and burst ratio ``burst`` (G.107 §3.6)."""
    ppl = 100.0 * min(1.0, max(0.0, loss))
    burst = max(1.0, burst)
    return codec.ie + (95.0 - codec.ie) * ppl / (ppl / burst + codec.bpl)


def r_factor(stats: LineStats) -> tuple[float, float]:
    """(R, one-way delay in ms) for ``stats``."""
    codec = codec_impairment(stats.codec)
    delay = (
        max(0.0, stats.rtt_ms) / 2.0
        + JITTER_BUFFER_FACTOR * max(0.0, stats.jitter_ms)
        + codec.delay_ms
        + DEVICE_DELAY_MS
    )
    ie_eff = effective_equipment_impairment(codec, stats.loss, stats.burst_ratio)
    r = RO_MINUS_IS - delay_impairment(delay) - ie_eff + ADVANTAGE
    return r, delay


def mos_from_r(r: float) -> float:
    """G.107 Annex B: the estimated MOS for a transmission rating R."""
    if r <= 0.0:
        return 1.0
    if r >= 100.0:
        return 4.5
    return 1.0 + 0.035 * r + r * (r - 60.0) * (100.0 - r) * 7e-6


def grade(r: float) -> QualityGrade:
    """The verdict for R."""
    if r >= 80.0:
        return QualityGrade.GOOD
    if r >= 70.0:
        return QualityGrade.FAIR
    return QualityGrade.POOR


def estimate(stats: LineStats) -> QualityScore:
    """The E-model estimate for ``stats``."""
    r, delay = r_factor(stats)
    return QualityScore(
        r=round(r, 2),
        mos=round(mos_from_r(r), 2),
        grade=grade(r),
        one_way_delay_ms=round(delay, 1),
        loss_percent=round(100.0 * min(1.0, max(0.0, stats.loss)), 2),
        jitter_ms=round(stats.jitter_ms, 2),
        rtt_ms=round(stats.rtt_ms, 2),
        codec=stats.codec,
    )
