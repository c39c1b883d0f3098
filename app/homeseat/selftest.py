"""``homeseat selftest``: can this computer run HomeSeat? One line per check.

Runs on the main thread, offscreen when there is no display. Output lines are
``OK|FAIL  name  detail``. The exit code is 1 when a *required* check fails, else 0.

Required: configuration, Qt (main window opens and closes, translations load), pjsua2 (the SIP
stack initialises), PortAudio (the library loads; "0 devices" still passes: a headset may be
plugged in later), webrtcvad. Optional: keyring. Without a secure keyring HomeSeat still works,
but cannot remember a sign-in, so agents type their password at every start; the FAIL line says
so, and the exit code ignores it (it is a comfort, not a capability).
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

__all__ = ["Check", "run_selftest", "run_checks", "format_check"]


@dataclass(frozen=True, slots=True)
class Check:
    """The result of one check."""

    name: str
    ok: bool
    detail: str
    required: bool = True


def format_check(check: Check) -> str:
    """``OK    name        detail`` (FAIL lines of optional checks say so)."""
    status = "OK" if check.ok else "FAIL"
    detail = check.detail if check.required or check.ok else f"{check.detail} (optional)"
    return f"{status:<4}  {check.name:<13} {detail}"


@contextlib.contextmanager
def _quiet_stdout() -> Iterator[None]:
    """Silence C libraries that print to fd 1/2 (pjlib logs before its log level is set)."""
    sys.stdout.flush()
    sys.stderr.flush()
    saved = os.dup(1), os.dup(2)
    with open(os.devnull, "wb") as null:
        os.dup2(null.fileno(), 1)
        os.dup2(null.fileno(), 2)
        try:
            yield
        finally:
            # pjlib printf()s into C stdio's buffer; flush it while fd 1 is still /dev/null,
            # else it surfaces at exit (it does in the PyInstaller bundle).
            with contextlib.suppress(Exception):
                import ctypes

                ctypes.CDLL(None).fflush(None)
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            os.close(saved[0])
            os.close(saved[1])


def _guard(name: str, required: bool, probe: Callable[[], str]) -> Check:
    # A check that crashes is a FAIL with the reason, never an unexplained traceback.
    try:
        return Check(name, True, probe(), required)
    except Exception as exc:
        return Check(name, False, f"{type(exc).__name__}: {exc}", required)


def check_config(path: Path | None) -> Check:
    """The settings file (or the defaults) validates."""
    from homeseat.cli import ConfigFileError, default_config_path, load_settings

    try:
        settings = load_settings(path)
    except ConfigFileError as exc:
        lines = [line.strip() for line in str(exc).splitlines()]
        return Check("configuration", False, "; ".join(lines))
    source = path or default_config_path()
    where = str(source) if source.exists() else f"defaults (no {source})"
    return Check(
        "configuration",
        True,
        f"{where}; hub {settings.hub.url}; {len(settings.reason_codes)} reasons, "
        f"{len(settings.wrap_up_codes)} wrap-up codes",
    )


def check_qt(path: Path | None) -> Check:
    """PySide6 loads, the main window opens and closes, translations and fonts are there."""

    def probe() -> str:
        import PySide6
        from PySide6.QtCore import qVersion
        from PySide6.QtGui import QFontDatabase, QGuiApplication

        from homeseat.cli import ConfigFileError, load_settings
        from homeseat.config.model import ClientSettings
        from homeseat.core.agent_state import AgentStateMachine, EventKind, StateEvent
        from homeseat.core.outbox import MemoryOutboxStore, Outbox
        from homeseat.platform.session import PlatformSession, SessionInfo
        from homeseat.security.secrets import MemorySecretStore
        from homeseat.ui.app import create_application
        from homeseat.ui.bridge import SessionBridge
        from homeseat.ui.i18n import Translations
        from homeseat.ui.icons import Icons
        from homeseat.ui.main_window import MainWindow

        try:
            settings = load_settings(path)
        except ConfigFileError:
            settings = ClientSettings()  # reported by the configuration check
        app = create_application(["homeseat-selftest"])
        translations = Translations(app)
        for language in ("zh_CN", "en"):
            if translations.set_language(language) != language:
                raise RuntimeError(f"translation {language} did not load")
        translations.set_language(settings.language)
        machine = AgentStateMachine(
            {c.code for c in settings.reason_codes}, {c.code for c in settings.wrap_up_codes}
        )
        # A real, unconnected session: the window is built exactly as after a sign-in.
        session = PlatformSession(
            settings.hub,
            machine=machine,
            outbox=Outbox(MemoryOutboxStore()),
            secrets=MemorySecretStore(),
            client_id="selftest-client",
            client_version="selftest",
        )
        bridge = SessionBridge()
        session.add_listener(bridge)
        session.request(StateEvent(EventKind.SIGN_IN))
        info = SessionInfo(0, "selftest", "Selftest", "lead", "selftest", False)
        window = MainWindow(settings, session, info, bridge, translations, Icons())
        window.show()
        app.processEvents()
        shown = window.isVisible() and bool(window.state_bar.state_button.text())
        window.stop()
        window.close()
        window.deleteLater()
        app.processEvents()
        if not shown:
            raise RuntimeError("the main window did not show")
        cjk = "Noto Sans CJK SC" in QFontDatabase.families()
        font = "Noto Sans CJK SC" if cjk else "no CJK font (Chinese may not render)"
        platform = QGuiApplication.platformName()
        return (
            f"PySide6 {PySide6.__version__}, Qt {qVersion()}, platform {platform}, "
            f"main window opened and closed, translations en+zh_CN, font {font}"
        )

    return _guard("qt", True, probe)


def check_pjsua2() -> Check:
    """The SIP stack initialises (no worker threads) and shuts down."""

    def probe() -> str:
        import pjsua2 as pj

        with _quiet_stdout():
            ep = pj.Endpoint()
            ep.libCreate()
            try:
                cfg = pj.EpConfig()
                cfg.uaConfig.threadCnt = 0
                cfg.logConfig.level = 0
                cfg.logConfig.consoleLevel = 0
                ep.libInit(cfg)
                version = ep.libVersion().full
                ep.audDevManager().setNullDev()
            finally:
                ep.libDestroy()
        return f"pjsua2 {version}: Endpoint libCreate/libInit(threadCnt=0)/libDestroy"

    return _guard("pjsua2", True, probe)


def check_portaudio() -> Check:
    """PortAudio loads and lists devices (zero devices still passes)."""

    def probe() -> str:
        import sounddevice as sd

        version = str(sd.get_portaudio_version()[1]).split(",")[0]
        devices = sd.query_devices()
        inputs = sum(1 for d in devices if d["max_input_channels"] > 0)
        outputs = sum(1 for d in devices if d["max_output_channels"] > 0)
        note = "" if len(devices) else " (no sound hardware now; a headset can be added later)"
        return f"{version}: {len(devices)} devices, {inputs} in, {outputs} out{note}"

    return _guard("portaudio", True, probe)


def check_webrtcvad() -> Check:
    """The voice-activity detector loads and classifies a silent frame."""

    def probe() -> str:
        import webrtcvad

        vad = webrtcvad.Vad(2)
        if vad.is_speech(b"\x00\x00" * 160, 16000):
            raise RuntimeError("silence classified as speech")
        return "loaded; 10 ms of silence at 16 kHz is not speech"

    return _guard("webrtcvad", True, probe)


def check_keyring() -> Check:
    """A secure keyring backend exists (optional: otherwise sign-ins are not remembered)."""

    def probe() -> Check:
        from homeseat.security.secrets import SecretStore

        store = SecretStore()
        if store.available:
            return Check("keyring", True, f"{store.backend_name} (secure)", False)
        return Check(
            "keyring",
            False,
            f"{store.backend_name} is not a secure store: HomeSeat will not remember sign-ins "
            "and agents enter their password at every start (install or unlock a keyring such "
            "as GNOME Keyring / KWallet; Windows and macOS have one built in)",
            False,
        )

    try:
        return probe()
    except Exception as exc:
        return Check("keyring", False, f"{type(exc).__name__}: {exc}", False)


def run_checks(config_path: Path | None) -> list[Check]:
    """Run every check, in a fixed order."""
    return [
        check_config(config_path),
        check_qt(config_path),
        check_pjsua2(),
        check_portaudio(),
        check_webrtcvad(),
        check_keyring(),
    ]


def run_selftest(config_path: Path | None = None, out: TextIO | None = None) -> int:
    """Print the checks to ``out`` (stdout); 1 when a required check failed, else 0."""
    from homeseat.ui.app import use_offscreen_without_display

    stream = out or sys.stdout
    use_offscreen_without_display()
    checks = run_checks(config_path)
    for check in checks:
        print(format_check(check), file=stream)
    failed = [c.name for c in checks if not c.ok and c.required]
    optional = [c.name for c in checks if not c.ok and not c.required]
    if failed:
        print(f"selftest FAILED: {', '.join(failed)}", file=stream)
        return 1
    extra = f" ({len(optional)} optional check failed: {', '.join(optional)})" if optional else ""
    print(f"selftest passed{extra}", file=stream)
    return 0
