"""Starting the desktop app: the QApplication, the qasync loop, and the client shell.

Everything here runs on the Qt main thread. The asyncio loop *is* the Qt event loop (qasync), so
the session's coroutines and the widgets share one thread and never need locks.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

import qasync
from PySide6.QtCore import QCoreApplication, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from homeseat import __version__
from homeseat.config.model import ClientSettings
from homeseat.config.service import ConfigChange, ConfigService
from homeseat.platform.local import default_data_dir, open_client_store
from homeseat.security.secrets import SecretStore
from homeseat.ui.first_run_app import needs_first_run, run_first_run
from homeseat.ui.i18n import Translations
from homeseat.ui.icons import Icons
from homeseat.ui.shell import ClientShell
from homeseat.ui.theme import apply_theme

__all__ = ["create_application", "run_client", "has_display", "use_offscreen_without_display"]

log = logging.getLogger(__name__)


def has_display() -> bool:
    """False on a Linux/BSD machine with neither X11 nor Wayland (and no platform forced)."""
    if os.environ.get("QT_QPA_PLATFORM") or sys.platform.startswith(("win", "darwin")):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def use_offscreen_without_display() -> bool:
    """Render offscreen when there is no display (demo, selftest); True if it did so."""
    if has_display():
        return False
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    return True


def create_application(argv: Sequence[str] | None = None) -> QApplication:
    """The one QApplication, named, themed and with our icon.

    The app decides itself when to quit (the shell's ordered stop), so closing the last window
    does not stop the event loop under a running coroutine.
    """
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QCoreApplication.setOrganizationName("HomeSeat")
    QCoreApplication.setApplicationName("HomeSeat")
    QCoreApplication.setApplicationVersion(__version__)
    app = QApplication(list(argv) if argv is not None else sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)
    app.setDesktopFileName("homeseat")
    apply_theme(app)
    app.setWindowIcon(Icons().app())
    return app


def run_client(
    settings: ClientSettings,
    *,
    data_dir: Path | None = None,
    settings_path: Path | None = None,
    config: ConfigService | None = None,
) -> int:
    """Run the agent desktop until the agent quits; returns the process exit code.

    The first time anyone signs in on this computer the first-run wizard runs instead of the
    sign-in dialog; the hub URL it confirms is saved to ``settings_path`` (None: not saved).
    """
    app = create_application()
    translations = Translations(app)
    translations.set_language(settings.language)
    folder = data_dir or default_data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    # Not a secret: only the last user name, to pre-fill the sign-in dialog.
    ui_state = QSettings(str(folder / "ui.ini"), QSettings.Format.IniFormat)
    secrets = SecretStore()
    if not secrets.available:
        log.warning("no secure keyring: sign-ins are not remembered on this computer")

    def make_shell(current: ClientSettings) -> ClientShell:
        return ClientShell(
            current,
            translations=translations,
            icons=Icons(),
            store=open_client_store(folder / "client.sqlite3"),
            secrets=secrets,
            client_version=__version__,
            ui_state=ui_state,
            config=config,
        )

    first_run = needs_first_run(ui_state)  # nobody signed in here yet: the wizard guides
    shells: list[ClientShell] = [] if first_run else [make_shell(settings)]

    async def main() -> int:
        # Ctrl+C in a terminal quits in order; the timer lets Python see the signal while Qt
        # sits in its C++ event loop.
        wake = QTimer()
        wake.start(250)
        wake.timeout.connect(lambda: None)
        wizards: list[QDialog] = []

        def interrupted(*_: object) -> None:
            for wizard in wizards:
                wizard.reject()
            if shells:
                shells[0].request_quit()

        signal.signal(signal.SIGINT, interrupted)
        if config is not None:
            config.start()  # managed and user files are watched and applied live
            config.subscribe(lambda change: _apply_language(translations, change))
        try:
            if first_run:
                shell = await run_first_run(
                    settings,
                    make_shell,
                    secrets=secrets,
                    settings_path=settings_path,
                    on_open=wizards.append,
                )
                wizards.clear()
                if shell is None:
                    return 0
                shells.append(shell)
            return await shells[0].run()
        finally:
            wake.stop()
            for shell in shells:
                await shell.close()
            if config is not None:
                await config.stop()

    try:
        return int(qasync.run(main()))
    except asyncio.CancelledError:
        return 1


def _apply_language(translations: Translations, change: ConfigChange) -> None:
    """A changed language applies at once (every widget retranslates on the change event)."""
    if any(key.strip("/") == "language" for key in change.changed):
        translations.set_language(change.settings.language)
