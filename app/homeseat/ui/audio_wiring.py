"""Puts the audio check into the main window: an "Audio check…" entry in the account menu.

Runs on the Qt main thread. The dialog records with the sound card (or any
:class:`~homeseat.audio.check.CheckAudioIO` the caller provides); each verdict is reported to
the hub through the platform session, which keeps the latest and re-sends it after a reconnect.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QObject, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QToolButton, QWidget

from homeseat.audio.check import AudioCheckResult, CheckAudioIO, DeviceCheckIO, to_summary
from homeseat.audio.engines import engine_for_setting
from homeseat.protocol.audio_check import AudioCheckSummary
from homeseat.ui.audio_check import AudioCheckDialog
from homeseat.ui.i18n import Translations

__all__ = ["AudioCheckReporter", "AudioCheckFeature", "attach_audio_check"]

log = logging.getLogger(__name__)


class AudioCheckReporter(Protocol):
    """Where verdicts go (``PlatformSession`` provides it)."""

    async def report_audio_check(self, check: AudioCheckSummary) -> bool:
        """Send the verdict to the hub; True if sent now (else it is sent on reconnect)."""
        ...


class AudioCheckFeature(QObject):
    """The menu action, the open dialog (at most one) and the reporting of its verdicts.

    A child of the window: it goes when the window goes, and so do its connections.
    """

    def __init__(
        self,
        parent: QWidget,
        reporter: AudioCheckReporter,
        translations: Translations,
        engine: str = "auto",
        io_factory: Callable[[], CheckAudioIO] = DeviceCheckIO,
    ) -> None:
        """Create the action (the caller adds it to a menu)."""
        super().__init__(parent)
        self._parent = parent
        self._reporter = reporter
        self._engine = engine_for_setting(engine)
        self.io_factory = io_factory  # how the dialog records and plays (sound card by default)
        self.dialog: AudioCheckDialog | None = None
        self.reports: list[asyncio.Task[bool]] = []
        self.action = QAction(parent)
        self.action.triggered.connect(self.open)
        translations.language_changed.connect(self._language_changed)
        self.retranslate()

    def retranslate(self) -> None:
        """Re-read the action's text."""
        self.action.setText(QCoreApplication.translate("AudioCheckFeature", "Audio check…"))

    @Slot(str)
    def _language_changed(self, _language: str) -> None:
        self.retranslate()

    def open(self) -> AudioCheckDialog:
        """Show the dialog (raise it if it is already open)."""
        if self.dialog is None:
            self.dialog = AudioCheckDialog(self.io_factory(), self._engine, self._parent)
            self.dialog.verdict_ready.connect(self._report)
            self.dialog.finished.connect(self._closed)
        self.dialog.show()
        self.dialog.raise_()
        return self.dialog

    def _closed(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None

    def _report(self, result: AudioCheckResult) -> None:
        task = asyncio.ensure_future(self._reporter.report_audio_check(to_summary(result)))
        task.add_done_callback(self._report_done)
        self.reports.append(task)

    def _report_done(self, task: asyncio.Task[bool]) -> None:
        # A failure here would die silently at the task boundary: log it.
        self.reports.remove(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("reporting the audio check failed", exc_info=task.exception())


def attach_audio_check(
    window: QWidget,
    menu_owner: QToolButton,
    reporter: AudioCheckReporter,
    translations: Translations,
    engine: str = "auto",
    io_factory: Callable[[], CheckAudioIO] = DeviceCheckIO,
) -> AudioCheckFeature:
    """Add "Audio check…" at the top of ``menu_owner``'s menu (the account button)."""
    feature = AudioCheckFeature(window, reporter, translations, engine, io_factory)
    menu = menu_owner.menu()
    if menu is not None:
        actions = menu.actions()
        if actions:
            menu.insertAction(actions[0], feature.action)
        else:
            menu.addAction(feature.action)
    return feature
