"""The first-run wizard: platform address, sign-in, headset check, network check, main window.

Runs on the Qt main thread, on the qasync loop: sign-in and the checks are tasks on that loop
(the audio recording and the SIP registration run on their own threads and come back through
queued signals / awaitables), so the wizard never blocks and never uses ``exec()``.

The wizard signs in through a real :class:`~homeseat.ui.shell.ClientShell` made for the chosen
hub, and hands that shell back signed in: the app then opens the main window without asking
again (``ClientShell.run``). Quitting the wizard closes the shell it made.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from PySide6.QtCore import QEvent, QSize, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from homeseat.audio.check import AudioCheckResult, CheckAudioIO, to_summary
from homeseat.audio.engines import DEFAULT_ENGINE
from homeseat.config.model import ClientSettings
from homeseat.core.first_run import FirstRunModel, Step, check_hub_url
from homeseat.platform.session import SignInError
from homeseat.ui.audio_check import AudioCheckDialog
from homeseat.ui.first_run_checks import HubPinger, SipProbe, run_network_check
from homeseat.ui.first_run_config import HubChoice
from homeseat.ui.first_run_pages import (
    AudioPage,
    DonePage,
    HubPage,
    NetworkPage,
    SignInPage,
    WizardPage,
)
from homeseat.ui.icons import Icons
from homeseat.ui.shell import ClientShell
from homeseat.ui.texts import sign_in_error_text
from homeseat.ui.theme import styled

__all__ = ["FirstRunDeps", "FirstRunWizard", "STEPS"]

log = logging.getLogger(__name__)

#: The pages, in order.
STEPS = (Step.HUB, Step.SIGN_IN, Step.AUDIO, Step.NETWORK, Step.DONE)


@dataclass(frozen=True)
class FirstRunDeps:
    """What the wizard works with (all passed in: the wizard builds nothing global).

    Attributes:
        settings: the client settings (the hub URL is replaced by the one chosen).
        hub: the pre-filled hub URL and whether IT locked it.
        make_shell: builds a (signed-out) shell for the given settings.
        audio_io: the audio check's recorder/player (sound card, or files in tests).
        sip_probe: how the network check tests the SIP registration.
        icons: icon cache.
        can_remember: a secure keyring exists ("keep me signed in" is possible).
        save_hub_url: called with the chosen URL once signed in (persist it), or None.
        audio_engine: the noise-suppression engine the audio check uses.
    """

    settings: ClientSettings
    hub: HubChoice
    make_shell: Callable[[ClientSettings], ClientShell]
    audio_io: CheckAudioIO
    sip_probe: SipProbe
    icons: Icons
    can_remember: bool = True
    save_hub_url: Callable[[str], object] | None = None
    audio_engine: str = DEFAULT_ENGINE


class FirstRunWizard(QDialog):
    """The wizard window; :meth:`run` returns the signed-in shell, or None when the agent quits."""

    def __init__(self, deps: FirstRunDeps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._deps = deps
        self.model = FirstRunModel(deps.hub.url, hub_locked=deps.hub.locked)
        self.shell: ClientShell | None = None
        self._shell_url = ""
        self._task: asyncio.Task[None] | None = None
        self._pinger: HubPinger | None = None
        self._audio: AudioCheckResult | None = None
        self.setWindowIcon(deps.icons.app())
        self.setModal(True)
        self.setMinimumSize(QSize(600, 540))

        logo = QLabel()
        logo.setPixmap(deps.icons.app().pixmap(QSize(40, 40)))
        self.step_label = styled(QLabel(), "Muted")
        head = QHBoxLayout()
        head.setSpacing(12)
        head.addWidget(logo)
        head.addWidget(self.step_label, 1)

        self.hub_page = HubPage(deps.hub.url, locked=deps.hub.locked, lock_reason=deps.hub.reason)
        self.sign_in_page = SignInPage(
            hub_label=self._hub_label(deps.hub.url),
            can_remember=deps.can_remember,
            remember=deps.settings.remember_sign_in,
        )
        self.audio_check = AudioCheckDialog(deps.audio_io, deps.audio_engine)
        self.audio_page = AudioPage(self.audio_check)
        self.network_page = NetworkPage()
        self.done_page = DonePage()
        self._pages: dict[Step, WizardPage] = {
            Step.HUB: self.hub_page,
            Step.SIGN_IN: self.sign_in_page,
            Step.AUDIO: self.audio_page,
            Step.NETWORK: self.network_page,
            Step.DONE: self.done_page,
        }
        self.stack = QStackedWidget()
        for step in STEPS:
            self.stack.addWidget(self._pages[step])

        self.back = QPushButton()
        self.back.setAutoDefault(False)
        self.next = styled(QPushButton(), "Primary")
        self.next.setDefault(True)
        self.quit = QPushButton()
        self.quit.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.quit)
        buttons.addStretch(1)
        buttons.addWidget(self.back)
        buttons.addWidget(self.next)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 18)
        layout.setSpacing(14)
        layout.addLayout(head)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)

        self.next.clicked.connect(self.go_next)
        self.back.clicked.connect(self.go_back)
        self.quit.clicked.connect(self.reject)
        self.hub_page.url.textEdited.connect(lambda _text: self.hub_page.show_problem(None))
        self.sign_in_page.password.returnPressed.connect(self.go_next)
        self.audio_check.verdict_ready.connect(self._on_audio)
        self.network_page.again.clicked.connect(self._start_network_check)
        self.retranslate()
        self._show(Step.HUB)

    # ------------------------------------------------------------------ public

    @property
    def step(self) -> Step:
        """The page shown."""
        return STEPS[self.stack.currentIndex()]

    @property
    def busy(self) -> bool:
        """True while a sign-in or network check runs."""
        return self._task is not None and not self._task.done()

    async def run(self) -> ClientShell | None:
        """Show the wizard and wait: the signed-in shell, or None (the shell is then closed)."""
        loop = asyncio.get_running_loop()
        done: asyncio.Future[int] = loop.create_future()

        def finished(result: int) -> None:
            if not done.done():
                done.set_result(result)

        self.finished.connect(finished)
        self.open()
        # Logged once the show has been processed: the startup benchmark waits for this line.
        QTimer.singleShot(0, lambda: log.info("first-run wizard shown"))
        try:
            accepted = await done == QDialog.DialogCode.Accepted.value
        finally:
            self.finished.disconnect(finished)
        await self._settle()
        if accepted and self.shell is not None and self.model.username:
            shell, self.shell = self.shell, None
            return shell
        await self._close_shell()
        return None

    def go_next(self) -> None:
        """The Next button (Enter): validate this page, then move on or start its work."""
        if self.busy:
            return
        step = self.step
        if step is Step.HUB:
            self._leave_hub()
        elif step is Step.SIGN_IN:
            if self.model.username:
                self._show(Step.AUDIO)
            else:
                self._start_sign_in()
        elif step is Step.AUDIO:
            verdict = self._audio.verdict.value if self._audio is not None else "skipped"
            self.model = self.model.audio_done(verdict)
            self._show(Step.NETWORK)
            self._start_network_check()
        elif step is Step.NETWORK:
            if self.model.may_leave(Step.NETWORK):
                self._show_done()
        else:
            self.accept()

    def go_back(self) -> None:
        """The Back button; never back to the address once signed in (that session stays)."""
        if self.busy:
            return
        index = STEPS.index(self.step)
        if index == 0 or (self.step is Step.SIGN_IN and self.model.username):
            return
        self._show(STEPS[index - 1])

    def retranslate(self) -> None:
        """Re-read every text in the current language."""
        self.setWindowTitle(self.tr("Set up HomeSeat"))
        self.quit.setText(self.tr("Quit"))
        self.back.setText(self.tr("Back"))
        self._update_buttons()

    # ------------------------------------------------------------------ Qt

    def changeEvent(self, event: QEvent) -> None:
        """Follow language switches."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def reject(self) -> None:
        """Quit: cancel work under way first."""
        if self._task is not None and not self._task.done():
            self._task.cancel()
        super().reject()

    # ------------------------------------------------------------------ steps

    def _show(self, step: Step) -> None:
        self.stack.setCurrentIndex(STEPS.index(step))
        self.model = self.model.entered(step)
        if step is Step.HUB:
            (self.next if self.hub_page.locked else self.hub_page.url).setFocus()
            self.hub_page.url.deselect()
        elif step is Step.SIGN_IN:
            fields = self.sign_in_page
            (fields.password if fields.username.text() else fields.username).setFocus()
        self._update_buttons()

    def _update_buttons(self) -> None:
        step = STEPS[self.stack.currentIndex()] if self.stack.count() else Step.HUB
        index = STEPS.index(step)
        counted = len(STEPS) - 1  # the last page is the summary, not a step
        self.step_label.setText(
            self.tr("Step {0} of {1}").format(index + 1, counted)
            if step is not Step.DONE
            else self.tr("All set")
        )
        self.back.setVisible(index > 0 and step is not Step.DONE)
        self.back.setEnabled(not self.busy and not (step is Step.SIGN_IN and self.model.username))
        busy = self.busy
        if step is Step.SIGN_IN and not self.model.username:
            text = self.tr("Signing in…") if busy else self.tr("Sign in")
        elif step is Step.AUDIO and self._audio is None:
            text = self.tr("Skip for now")
        elif step is Step.DONE:
            text = self.tr("Open HomeSeat")
        else:
            text = self.tr("Next")
        self.next.setText(text)
        self.next.setMinimumWidth(self.next.sizeHint().width())  # "Open HomeSeat" is longer
        self.next.setEnabled(
            not busy and (step is not Step.NETWORK or self.model.network is not None)
        )

    def _leave_hub(self) -> None:
        checked = check_hub_url(
            self.hub_page.url.text(), allow_insecure=self._deps.settings.hub.allow_insecure
        )
        if not isinstance(checked, str):
            self.hub_page.show_problem(checked)
            return
        self.hub_page.show_problem(None)
        self.hub_page.url.setText(checked)
        self.model = self.model.with_hub(checked)
        self.sign_in_page.set_hub(self._hub_label(checked))
        self._show(Step.SIGN_IN)

    def _start_sign_in(self) -> None:
        page = self.sign_in_page
        user, password = page.username.text().strip(), page.password.text()
        if not user or not password:
            page.show_error(self.tr("Enter your user name and password."))
            (page.username if not user else page.password).setFocus()
            return
        page.set_busy(True)
        self._task = asyncio.get_running_loop().create_task(
            self._sign_in(user, password, page.remember.isChecked()), name="first-run-sign-in"
        )
        self._watch(self._task)

    async def _sign_in(self, user: str, password: str, remember: bool) -> None:
        page = self.sign_in_page
        try:
            shell = await self._shell_for(self.model.hub_url)
            info = await shell.sign_in(user, password, remember)
        except SignInError as exc:
            page.set_busy(False)
            page.show_error(sign_in_error_text(exc.code))
            page.password.selectAll()
            page.password.setFocus()
            self._update_buttons()
            return
        except asyncio.CancelledError:
            page.set_busy(False)
            raise
        except Exception:
            # Never die silently at the task boundary: log it and tell the agent.
            log.exception("first-run sign-in failed unexpectedly")
            page.set_busy(False)
            page.show_error(
                self.tr("Sign-in failed because of an unexpected error. Contact IT support.")
            )
            self._update_buttons()
            return
        page.set_busy(False)
        page.show_signed_in(info.display_name)
        self.model = self.model.signed_in(info.username)
        if self._deps.save_hub_url is not None:
            self._deps.save_hub_url(self.model.hub_url)
        self._pinger = HubPinger(shell.session)
        if self._audio is not None:
            await shell.session.report_audio_check(to_summary(self._audio))
        self._show(Step.AUDIO)

    async def _shell_for(self, url: str) -> ClientShell:
        """The shell for ``url``: the one made before if the URL is the same, else a new one."""
        if self.shell is not None and self._shell_url == url:
            return self.shell
        await self._close_shell()
        hub = self._deps.settings.hub.model_copy(update={"url": url})
        settings = self._deps.settings.model_copy(update={"hub": hub})
        self.shell = self._deps.make_shell(settings)
        self._shell_url = url
        return self.shell

    def _on_audio(self, result: AudioCheckResult) -> None:
        self._audio = result
        self.audio_page.show_result(result)
        self._update_buttons()
        shell = self.shell
        if shell is not None and self.model.username:
            # Leads see the verdict (and the session re-sends it after a reconnect).
            asyncio.get_running_loop().create_task(
                shell.session.report_audio_check(to_summary(result)), name="report-audio-check"
            )

    def _start_network_check(self) -> None:
        if self.busy or self.shell is None or self._pinger is None:
            return
        self.network_page.set_running(True)
        self._task = asyncio.get_running_loop().create_task(
            self._network_check(self.shell, self._pinger), name="first-run-network"
        )
        self._watch(self._task)

    async def _network_check(self, shell: ClientShell, pinger: HubPinger) -> None:
        try:
            report = await run_network_check(
                shell.session, pinger, self._deps.sip_probe, shell.settings, self.model.username
            )
        finally:
            self.network_page.set_running(False)
        self.network_page.show_report(report)
        self.model = self.model.network_done(report)
        self._update_buttons()

    def _show_done(self) -> None:
        info = self.shell.session.info if self.shell is not None else None
        who = info.display_name if info is not None else self.model.username
        verdict = self._audio.verdict if self._audio is not None else None
        self.done_page.set_summary(who, verdict, self.model.network)
        self._show(Step.DONE)

    def _watch(self, task: asyncio.Task[None]) -> None:
        # The buttons follow the task: "busy" is only over once the task is done.
        self._update_buttons()
        task.add_done_callback(lambda _task: self._update_buttons())

    async def _settle(self) -> None:
        task, self._task = self._task, None
        if task is not None and not task.done():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _close_shell(self) -> None:
        shell, self.shell = self.shell, None
        self._pinger = None
        if shell is not None:
            await shell.close()

    @staticmethod
    def _hub_label(url: str) -> str:
        return urlsplit(url).netloc if url else ""
