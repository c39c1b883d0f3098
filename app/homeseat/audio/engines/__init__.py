"""Noise-suppression engines and the registry that builds them for a device rate.

Pure factory functions, no state; engines run on the caller's thread. The default is chosen by
measurement (tests/bench/bench_ns.py, figures in docs/benchmarks.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from homeseat.audio.suppress import Suppressor, SuppressorError
from homeseat.audio.suppress_adapt import RateAdapter

__all__ = [
    "DEFAULT_ENGINE",
    "FALLBACK_ENGINE",
    "ENGINE_NAMES",
    "EngineInfo",
    "engine_info",
    "create_native",
    "create_engine",
    "engine_for_setting",
]

#: Chosen by the rule in tests/bench/bench_ns.py (docs/benchmarks.md): the best ΔSI-SDR at
#: 0 dB SNR (+5.8 dB) among engines keeping the block budget and 40 ms of delay.
DEFAULT_ENGINE = "dfn3"
#: Chosen by the same rule: the best overall ΔSI-SDR (+1.1 dB) within CPU RTF 0.05 (0.012);
#: numpy only, so it runs on every platform at any rate.
FALLBACK_ENGINE = "spectral"


@dataclass(frozen=True)
class EngineInfo:
    """What a user or IT needs to pick an engine."""

    name: str
    description: str
    native_rates: tuple[int, ...]  # empty: any rate
    cheap: bool


_INFO: tuple[EngineInfo, ...] = (
    EngineInfo("dfn3", "DeepFilterNet3 neural suppressor (high quality)", (48_000,), cheap=False),
    EngineInfo("spectral", "log-spectral-amplitude suppressor (numpy)", (), cheap=True),
    EngineInfo("webrtc", "WebRTC noise suppressor, level 3", (16_000, 32_000, 48_000), cheap=True),
    EngineInfo("none", "no suppression", (), cheap=True),
)

ENGINE_NAMES: tuple[str, ...] = tuple(i.name for i in _INFO)


def engine_info() -> tuple[EngineInfo, ...]:
    """Every engine this build knows (whether its package is installed is checked on create)."""
    return _INFO


def _native_rate(info: EngineInfo, rate: int) -> int:
    """The engine rate closest in spirit to the device: the device's own when supported."""
    if not info.native_rates or rate in info.native_rates:
        return rate
    higher = [r for r in info.native_rates if r >= rate]
    return min(higher) if higher else max(info.native_rates)


def _factory(name: str) -> Callable[[int], Suppressor]:
    if name == "dfn3":
        from homeseat.audio.engines.dfn import DeepFilterNet

        return lambda _rate: DeepFilterNet()
    if name == "spectral":
        from homeseat.audio.engines.spectral import SpectralSuppressor

        return SpectralSuppressor
    if name == "webrtc":
        from homeseat.audio.engines.webrtc_ns import WebRtcNoiseSuppressor

        return WebRtcNoiseSuppressor
    if name == "none":
        from homeseat.audio.engines.passthrough import Passthrough

        return Passthrough
    raise SuppressorError(f"unknown engine {name!r} (known: {', '.join(ENGINE_NAMES)})")


def create_native(name: str, rate: int) -> Suppressor:
    """Create engine ``name`` at its own rate nearest to ``rate`` (no adapter)."""
    info = {i.name: i for i in _INFO}.get(name)
    if info is None:
        raise SuppressorError(f"unknown engine {name!r} (known: {', '.join(ENGINE_NAMES)})")
    return _factory(name)(_native_rate(info, rate))


def create_engine(name: str, rate: int, block: int | None = None) -> RateAdapter:
    """Create engine ``name`` for a device at ``rate`` Hz delivering ``block``-sample chunks.

    Raises:
        SuppressorError: unknown name, or its package is not installed on this machine.
    """
    return RateAdapter(create_native(name, rate), rate, block)


#: Settings values (homeseat.config.model.AudioSettings.engine) that are not engine names.
_SETTING_ALIASES = {"auto": DEFAULT_ENGINE, "off": "none"}


def engine_for_setting(value: str) -> str:
    """Map a settings value to an engine name (``auto`` → the default, ``off`` → ``none``).

    Unknown names pass through: :func:`create_engine` refuses them with a clear message, and
    the pipeline builder then falls back to the cheap engine and says so.
    """
    return _SETTING_ALIASES.get(value, value)
