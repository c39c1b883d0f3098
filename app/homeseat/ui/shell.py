"""The client shell: one user's session, sign-in dialog, main window and tray, in order.

Runs on the Qt main thread, on the qasync event loop. Start order: session (not yet connected) →
sign-in (keyring resume, else the dialog) → window and tray → team subscription for leads. Stop
order: timers → window and tray → session (closed, *not* signed out: quitting is not signing
out) → local store.
"""

from __future__ import annotations

import asyncio
import enum
import logging
from urllib.parse import urlsplit

from PySide6.QtCore import QSettings

from homeseat.audio.suppress import create_mic_stage
from homeseat.config.model import ClientSettings
from homeseat.config.service import ConfigService
from homeseat.core.agent_state import AgentStateMachine, AgentStatus, StateEvent
from homeseat.platform.config_sync import ConfigSync
from homeseat.platform.local import ClientStore
from homeseat.platform.session import Link, PlatformSession, SessionInfo, SignInError
from homeseat.platform.supervision import SupervisionClient
from homeseat.security.secrets import SecretStore
from homeseat.ui.audio_wiring import AudioCheckFeature, attach_audio_check
from homeseat.ui.bridge import SessionBridge
from homeseat.ui.chat_pane import masker_from_settings
from homeseat.ui.i18n import Translations
from homeseat.ui.icons import Icons
from homeseat.ui.knowledge_wiring import (
    KnowledgeFeature,
    follow_chat,
    follow_surge,
    knowledge_path,
)
from homeseat.ui.main_window import LEAD_ROLES, MainWindow
from homeseat.ui.phone_wiring import PhoneFeature, history_path
from homeseat.ui.protection import Protection, attach_protection
from homeseat.ui.settings_dialog import SettingsDialog
from homeseat.ui.sign_in import SignInDialog
from homeseat.ui.team_supervision import SupervisionBridge, SupervisionUi, attach_supervision
from homeseat.ui.texts import ended_text, sign_in_error_text
from homeseat.ui.tray import Tray

__all__ = ["Outcome", "ClientShell"]

log = logging.getLogger(__name__)

_LAST_USER_KEY = "sign_in/last_username"


class Outcome(enum.Enum):
    """Why a signed-in period ended."""

    QUIT = "quit"
    SIGN_OUT = "sign_out"
    ENDED = "ended"  # the hub ended the session (replaced, revoked, ...)


class ClientShell:
    """Owns one user's session, windows and local store (and closes them, in order).

    Args:
        settings: validated client settings.
        translations: the installed language.
        icons: icon cache.
        store: the local client store (installation id, outbox); the shell closes it.
        secrets: where refresh tokens are kept.
        client_version: reported to the hub.
        ui_state: small non-secret UI memory (last user name); None remembers nothing.
        use_tray: show a tray icon when the desktop has one.
        config: the configuration service; when given, hub pushes reach it and its status
            is reported to the hub (IT sees what runs here).
    """

    def __init__(
        self,
        settings: ClientSettings,
        *,
        translations: Translations,
        icons: Icons,
        store: ClientStore,
        secrets: SecretStore,
        client_version: str,
        ui_state: QSettings | None = None,
        use_tray: bool = True,
        config: ConfigService | None = None,
    ) -> None:
        self.settings = settings
        self._translations = translations
        self._icons = icons
        self._store = store
        self._secrets = secrets
        self._ui_state = ui_state
        self.machine = AgentStateMachine(
            {c.code for c in settings.reason_codes}, {c.code for c in settings.wrap_up_codes}
        )
        self.session = PlatformSession(
            settings.hub,
            machine=self.machine,
            outbox=store.outbox(),
            secrets=secrets,
            client_id=store.client_id,
            client_version=client_version,
        )
        self.bridge = SessionBridge()
        self.session.add_listener(self.bridge)
        self.config_sync = ConfigSync(self.session, config) if config is not None else None
        self._config = config
        self.settings_dialog: SettingsDialog | None = None
        self.knowledge = KnowledgeFeature(self.session, knowledge_path(store.path))  # issue 7
        self.supervision = SupervisionClient(self.session)  # issue 5
        self.supervision_bridge = SupervisionBridge()
        self.supervision.add_listener(self.supervision_bridge)
        self.supervision_ui: SupervisionUi | None = None
        self.protection: Protection | None = None
        self.phone: PhoneFeature | None = None
        self.audio_check: AudioCheckFeature | None = None  # issue 4
        self.window: MainWindow | None = None
        self.tray: Tray | None = (
            Tray(settings.reason_codes, translations, icons) if use_tray else None
        )
        self._outcome: asyncio.Future[tuple[Outcome, str]] | None = None
        self._dialog: SignInDialog | None = None
        self._closed = False
        self.bridge.ended.connect(self._on_ended)
        if self.tray is not None:
            menu = self.tray.menu
            menu.requested.connect(self._tray_request)
            menu.sign_out_requested.connect(lambda: self._finish(Outcome.SIGN_OUT))
            menu.quit_requested.connect(lambda: self._finish(Outcome.QUIT))
            menu.show_requested.connect(self._raise_window)
            self.bridge.status_changed.connect(self._tray_status)

    # ------------------------------------------------------------------ sign-in

    async def sign_in(self, username: str, password: str, remember: bool = True) -> SessionInfo:
        """Sign in with a password (raises SignInError) and remember the user name."""
        info = await self.session.sign_in(username, password, remember=remember)
        if self._ui_state is not None:
            self._ui_state.setValue(_LAST_USER_KEY, info.username)
        return info

    async def sign_in_interactive(self, message: str | None = None) -> bool:
        """Resume from the keyring if possible, else ask; False when the agent quits."""
        info, link = self.session.info, self.session.link
        if message is None and info is not None and link is not Link.SIGNED_OUT:
            return True  # signed in already (by the first-run wizard)
        last = str(self._ui_state.value(_LAST_USER_KEY, "")) if self._ui_state else ""
        if last and self.settings.remember_sign_in and self._secrets.available:
            try:
                if await self.session.resume(last) is not None:
                    return True
            except SignInError as exc:
                log.info("resume refused: %s", exc.code)
                message = message or sign_in_error_text(exc.code)
        dialog = SignInDialog(
            self.sign_in,
            hub_label=urlsplit(self.settings.hub.url).netloc,
            icon=self._icons.app(),
            can_remember=self._secrets.available,
            remember=self.settings.remember_sign_in,
            username=last,
        )
        if message:
            dialog.show_plain_error(message)
        self._dialog = dialog
        try:
            return await dialog.run()
        finally:
            self._dialog = None
            dialog.deleteLater()

    # ------------------------------------------------------------------ window

    async def open_window(self) -> MainWindow:
        """Show the main window for the signed-in user (and subscribe leads to their team)."""
        info = self.session.info
        if info is None:
            raise RuntimeError("open_window needs a signed-in session")
        window = MainWindow(
            self.settings,
            self.session,
            info,
            self.bridge,
            self._translations,
            self._icons,
        )
        window.sign_out_requested.connect(lambda: self._finish(Outcome.SIGN_OUT))
        window.settings_requested.connect(self.show_settings)
        window.settings_action.setVisible(self._config is not None)
        window.quit_requested.connect(lambda: self._finish(Outcome.QUIT))
        window.close_requested.connect(self._on_close_requested)
        self.phone = self._start_phone(window, info)  # issue 3: the softphone, if configured
        self.protection = attach_protection(  # issue 9: idle lock, watermark
            window, self.session, self.machine, self.settings, info
        )
        self.supervision_ui = attach_supervision(  # issue 5
            window,
            self.supervision,
            self.supervision_bridge,
            self.settings,
            self._translations,
            self._icons,
            info,
        )
        self.audio_check = attach_audio_check(  # issue 4: "Audio check…" in the account menu
            window,
            window.account_button,
            self.session,
            self._translations,
            self.settings.audio.engine,
        )
        panel = self.knowledge.attach(window.knowledge, info.team)
        follow_surge(panel, self.supervision, info.team)  # short scripts first from level 2
        if window.chat_area is not None:  # a card's script goes into the open chat's reply box
            panel.insert_requested.connect(window.chat_area.insert_script)
            follow_chat(panel, window.chat_area)  # customer lines → suggested cards
        self.window = window
        self._outcome = asyncio.get_running_loop().create_future()
        window.resize(1280, 800 if info.role in LEAD_ROLES else 680)
        window.show()
        if self.tray is not None:
            self.tray.set_status(self.machine.status, self.machine.allowed())
            self.tray.show()
        if info.role in LEAD_ROLES:
            # After the window is wired to the bridge, so the snapshot is not missed.
            await self.session.subscribe_team()
        return window

    def _start_phone(self, window: MainWindow, info: SessionInfo) -> PhoneFeature | None:
        """Start the softphone when a SIP account is configured; the placeholder says why not."""
        if not self.settings.sip.accounts:
            return None
        audio = self.settings.audio
        try:
            feature = PhoneFeature(
                self.settings,
                self.session,
                self._secrets,
                info.username,
                history_path(self._store.path),
                mic_stage=lambda rate: create_mic_stage(
                    rate, audio.engine, strength=audio.suppression_strength, bypass=audio.bypass
                ),
            )
            feature.start()
        except Exception:  # a phone that cannot start must not take the desktop with it
            log.exception("the softphone could not start")
            return None
        feature.attach(window, self._icons, masker_from_settings(self.settings.masking))
        return feature

    def show_settings(self) -> None:
        """Open (or raise) the settings page; without a config service there is nothing to edit."""
        if self._config is None or self.window is None:
            return
        if self.settings_dialog is None:
            self.settings_dialog = SettingsDialog(self._config, self.window)
        self.settings_dialog.show()
        self.settings_dialog.raise_()

    async def wait(self) -> tuple[Outcome, str]:
        """Wait until the agent quits or signs out, or the hub ends the session."""
        if self._outcome is None:
            raise RuntimeError("no window is open")
        return await self._outcome

    @property
    def secrets_available(self) -> bool:
        """True when sign-ins can be remembered (a secure keyring exists)."""
        return self._secrets.available

    def request_quit(self) -> None:
        """Quit (as the Quit menu entry does), also from the sign-in dialog."""
        if self._dialog is not None:
            self._dialog.reject()
        self._finish(Outcome.QUIT)

    # ------------------------------------------------------------------ run & stop

    async def run(self) -> int:
        """Sign in, work, sign out or quit; loops back to sign-in after a sign-out."""
        message: str | None = None
        while True:
            if not await self.sign_in_interactive(message):
                return 0
            await self.open_window()
            outcome, message_text = await self.wait()
            self._close_window()
            if outcome is Outcome.QUIT:
                return 0
            if outcome is Outcome.SIGN_OUT:
                await self.session.sign_out()
                message = None
            else:
                await self.session.close()
                message = message_text

    async def close(self) -> None:
        """Ordered stop: timers and windows, then the session (no sign-out), then the store."""
        if self._closed:
            return
        self._closed = True
        self._close_window()
        if self.tray is not None:
            self.tray.close()
        if self.config_sync is not None:
            self.config_sync.close()
        await self.session.close()
        self.knowledge.close()
        self._store.close()

    # ------------------------------------------------------------------ internals

    def _close_window(self) -> None:
        window, self.window = self.window, None
        protection, self.protection = self.protection, None
        if protection is not None:
            protection.stop()
        phone, self.phone = self.phone, None
        if phone is not None:
            phone.close()  # hang up, unregister, destroy pjsua2 before the window goes
        if window is not None:
            window.stop()
            window.close_requested.disconnect(self._on_close_requested)
            window.close()
            window.deleteLater()

    def _finish(self, outcome: Outcome, message: str = "") -> None:
        if self._outcome is not None and not self._outcome.done():
            self._outcome.set_result((outcome, message))

    def _on_close_requested(self) -> None:
        # With a tray the app keeps running there (the agent stays reachable); without one,
        # closing the window quits.
        if self.tray is not None and self.tray.available:
            return
        self._finish(Outcome.QUIT)

    def _on_ended(self, reason: str, message: str) -> None:
        self._finish(Outcome.ENDED, ended_text(reason))

    def _tray_request(self, event: StateEvent) -> None:
        if self.window is not None:
            self.window.request(event)

    def _tray_status(self, status: AgentStatus) -> None:
        if self.tray is not None:
            self.tray.set_status(status, self.machine.allowed())

    def _raise_window(self) -> None:
        if self.window is not None:
            self.window.showNormal()
            self.window.raise_()
            self.window.activateWindow()
