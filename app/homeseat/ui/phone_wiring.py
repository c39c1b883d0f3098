"""Wires the softphone into the client: engine, controller, history, pane, hub reports.

Runs on the Qt main thread (also the asyncio loop's, through qasync). Created after sign-in when
the settings name a SIP account: :meth:`PhoneFeature.start` starts the SIP engine and registers,
:meth:`attach` puts the phone pane in place of the window's placeholder, :meth:`close` stops
the engine (every pjsua2 object destroyed) and closes the history. Call state goes to the
platform session (``request``: reported exactly once); each finished call's quality goes to the
hub through :class:`~homeseat.platform.supervision.SupervisionClient`.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QSplitter

from homeseat.audio.bridge import CallAudioBridge, MemorySink, MicStage, SilenceSource
from homeseat.audio.devices import (
    DeviceRole,
    DeviceSink,
    DeviceSource,
    NoAudioDevice,
    list_devices,
    pick_device,
)
from homeseat.config.model import ClientSettings
from homeseat.core.masking import Masker
from homeseat.platform.session import PlatformSession
from homeseat.platform.supervision import SupervisionClient
from homeseat.protocol.supervision import CallQuality
from homeseat.security.secrets import SecretStore
from homeseat.sip.agent_link import CallAgentLink
from homeseat.sip.engine import AudioFactory, SipEngine
from homeseat.sip.events import EngineError
from homeseat.sip.history import CallHistory
from homeseat.sip.settings import account_config, engine_config
from homeseat.ui.icons import Icons
from homeseat.ui.main_window import MainWindow
from homeseat.ui.phone_controller import PhoneController
from homeseat.ui.phone_pane import SoftphonePane

__all__ = ["PhoneFeature", "history_path"]

log = logging.getLogger(__name__)


def history_path(client_store_path: str) -> str:
    """The call history lives next to the client store (in memory for a memory store)."""
    if client_store_path == ":memory:":
        return ":memory:"
    return str(Path(client_store_path).with_name("calls.sqlite3"))


class PhoneFeature:
    """The softphone of one signed-in agent.

    Args:
        settings: the client settings (``sip`` section; the first account is the line).
        session: the signed-in platform session (agent state and hub reports).
        secrets: the keyring (SIP password under ``sip:<account id>``).
        username: the agent's user name (replaces ``{username}`` in the account).
        history: the call-history file (see :func:`history_path`).
        audio_factory: the per-call audio (default: the system's sound devices; silence and a
            message when there is none).
        mic_stage: builds the microphone stage (noise suppression) for a sample rate.
    """

    def __init__(
        self,
        settings: ClientSettings,
        session: PlatformSession,
        secrets: SecretStore,
        username: str,
        history: str,
        *,
        audio_factory: AudioFactory | None = None,
        mic_stage: Callable[[int], MicStage] | None = None,
        bind_address: str = "",
    ) -> None:
        if not settings.sip.accounts:
            raise ValueError("the settings name no SIP account")
        self._settings = settings
        self._session = session
        account = settings.sip.accounts[0]
        self._account = account_config(
            settings.sip, account, username, secrets.get(account.keyring_account)
        )
        self._mic_stage = mic_stage
        self.history = CallHistory(history)
        self.controller = PhoneController(
            self._account.account_id, CallAgentLink(session.request), self.history
        )
        self.controller.call_finished.connect(self._report)
        self.engine = SipEngine(
            engine_config(settings.sip, bind_address=bind_address),
            self.controller.post,
            audio_factory=audio_factory or self._device_audio,
        )
        self._supervision = SupervisionClient(session)
        self._tasks: set[asyncio.Task[None]] = set()
        self.pane: SoftphonePane | None = None

    def start(self) -> None:
        """Start the SIP engine and register (raises ``SipEngineError`` when it cannot)."""
        self.engine.start()
        self.controller.attach(self.engine)
        self.engine.add_account(self._account)

    def attach(self, window: MainWindow, icons: Icons, masker: Masker) -> SoftphonePane:
        """Replace the window's placeholder phone pane by the softphone."""
        pane = SoftphonePane(icons, self.controller, masker)
        placeholder = window.phone  # kept (hidden): the window still owns and updates it
        splitter = placeholder.parentWidget()
        if not isinstance(splitter, QSplitter):
            raise RuntimeError("the main window's phone pane is not in a splitter")
        splitter.insertWidget(splitter.indexOf(placeholder), pane)
        placeholder.hide()
        self.pane = pane
        return pane

    def close(self) -> None:
        """Stop the engine (hang up, unregister, destroy pjsua2), then close the history."""
        for task in list(self._tasks):
            task.cancel()
        self.engine.stop()
        self.history.close()

    def _report(self, report: CallQuality) -> None:
        try:
            task = asyncio.get_running_loop().create_task(self._supervision.report_call(report))
        except RuntimeError:
            log.warning("no event loop: the call-quality report is not sent")
            return
        self._tasks.add(task)
        task.add_done_callback(self._report_done)

    def _report_done(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.warning("call-quality report failed: %s", task.exception())

    def _device_audio(self, call_id: str, rate: int, frame: int) -> CallAudioBridge:
        """Sound devices for a call (engine thread); silence and a message when there are none."""
        stage = self._mic_stage(rate) if self._mic_stage else None
        try:
            devices = list_devices()
            mic = DeviceSource(pick_device(devices, DeviceRole.MICROPHONE), rate, frame)
            speaker = DeviceSink(pick_device(devices, DeviceRole.SPEAKER), rate, frame)
            mic.start()
            speaker.start()
        except (NoAudioDevice, OSError) as exc:
            self.controller.post(EngineError(str(exc), "audio", call_id))
            return CallAudioBridge(rate, frame, SilenceSource(), MemorySink(1.0, rate))

        def release() -> None:
            mic.close()
            speaker.close()

        return CallAudioBridge(rate, frame, mic, speaker, mic_stage=stage, on_close=release)
