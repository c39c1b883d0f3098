"""The first-run wizard's pages: hub URL, sign-in, audio check, network check, done.

Qt main thread. Pages are plain views: they show what they are given and expose their widgets;
the wizard (:mod:`homeseat.ui.first_run`) runs the steps and feeds the results back.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from homeseat.audio.check import AudioCheckResult, Verdict
from homeseat.core.first_run import (
    HubUrlProblem,
    Level,
    NetworkReport,
    SipCheck,
    SipState,
)
from homeseat.ui.audio_check import AudioCheckDialog, verdict_text
from homeseat.ui.theme import styled

__all__ = [
    "LEVEL_COLORS",
    "WizardPage",
    "HubPage",
    "SignInPage",
    "AudioPage",
    "NetworkPage",
    "DonePage",
    "hub_url_problem_text",
    "milliseconds",
]

#: Text and background colours of a result line, by level (same palette as the audio check).
LEVEL_COLORS = {
    Level.GOOD: ("#1b7f3b", "#e3f4e8"),
    Level.WARN: ("#8a5a00", "#fff4dc"),
    Level.FAIL: ("#a50e0e", "#fdecea"),
    Level.SKIPPED: ("#5f6b7a", "#eef1f5"),
}


def hub_url_problem_text(problem: HubUrlProblem) -> str:
    """Why the URL was refused, in the UI language."""
    texts = {
        HubUrlProblem.EMPTY: QCoreApplication.translate(
            "FirstRun", "Enter the platform address your IT department gave you."
        ),
        HubUrlProblem.NOT_WEBSOCKET: QCoreApplication.translate(
            "FirstRun", "The address starts with wss:// (for example wss://hub.example.com:8765)."
        ),
        HubUrlProblem.INSECURE: QCoreApplication.translate(
            "FirstRun", "Unencrypted ws:// addresses are not allowed. Use the wss:// address."
        ),
        HubUrlProblem.NO_HOST: QCoreApplication.translate(
            "FirstRun", "The address has no server name, or contains spaces."
        ),
        HubUrlProblem.BAD_PORT: QCoreApplication.translate(
            "FirstRun", "The port number in the address is not valid."
        ),
    }
    return texts[problem]


def milliseconds(value: float) -> str:
    """``0.4`` below 10 ms (loopback, a LAN), whole numbers above."""
    return f"{value:.1f}" if value < 10 else f"{value:.0f}"


def _paint_result(label: QLabel, level: Level) -> None:
    fg, bg = LEVEL_COLORS[level]
    label.setStyleSheet(
        f"QLabel {{ color: {fg}; background: {bg}; border-radius: 6px; padding: 8px 10px; }}"
    )


class WizardPage(QWidget):
    """A page: a title, a line of explanation, and its own body."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = styled(QLabel(), "AgentName")
        self.intro = styled(QLabel(), "Muted")
        self.intro.setWordWrap(True)
        self.body = QVBoxLayout()
        self.body.setSpacing(10)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        layout.addLayout(self.body)
        layout.addStretch(1)

    def retranslate(self) -> None:
        """Re-read every text in the current language (pages override)."""

    def changeEvent(self, event: QEvent) -> None:
        """Follow language switches."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class HubPage(WizardPage):
    """The platform address: pre-filled by IT's policy, read-only when IT locked it."""

    def __init__(self, url: str, *, locked: bool, lock_reason: str = "") -> None:
        super().__init__()
        self.locked = locked
        self._lock_reason = lock_reason
        self.url = QLineEdit(url)
        self.url.setReadOnly(locked)
        if locked:  # read-only must look it, not like a field that ignores the keyboard
            self.url.setStyleSheet("QLineEdit { background: #eef1f5; color: #3c4654; }")
        self.url.setMaxLength(300)
        self.note = styled(QLabel(), "Muted")
        self.note.setWordWrap(True)
        self.error = styled(QLabel(), "ErrorText")
        self.error.setWordWrap(True)
        self.error.hide()
        self._label = QLabel()
        form = QFormLayout()
        form.addRow(self._label, self.url)
        self.body.addLayout(form)
        self.body.addWidget(self.note)
        self.body.addWidget(self.error)
        self.retranslate()

    def show_problem(self, problem: HubUrlProblem | None) -> None:
        """Show why the URL cannot be used (None hides the message)."""
        if problem is None:
            self.error.hide()
            return
        self.error.setText(hub_url_problem_text(problem))
        self.error.show()

    def retranslate(self) -> None:
        """Re-read every text in the current language."""
        self.title.setText(self.tr("Welcome to HomeSeat"))
        self.intro.setText(
            self.tr(
                "Four short steps get you ready for your first shift: the platform address, "
                "sign-in, a headset check and a network check. It takes about two minutes."
            )
        )
        self._label.setText(self.tr("Platform address"))
        self.url.setPlaceholderText("wss://hub.example.com:8765")
        if self.locked:
            reason = self._lock_reason or self.tr("Set by your IT department.")
            self.note.setText(self.tr("Set by IT: {0}").format(reason))
        else:
            self.note.setText(
                self.tr("Your IT department or team lead gives you this address.")
                if not self.url.text()
                else self.tr("Filled in by your IT department; change it only if IT tells you.")
            )


class SignInPage(WizardPage):
    """User name, password and "remember me"; busy while the hub answers."""

    def __init__(self, *, hub_label: str, can_remember: bool, remember: bool) -> None:
        super().__init__()
        self._can_remember = can_remember
        self.hub = styled(QLabel(hub_label), "Muted")
        self.username = QLineEdit()
        self.username.setMaxLength(64)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMaxLength(256)
        self.remember = QCheckBox()
        self.remember.setChecked(remember and can_remember)
        self.remember.setEnabled(can_remember)
        self._user_label = QLabel()
        self._password_label = QLabel()
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.addRow(self._user_label, self.username)
        form.addRow(self._password_label, self.password)
        form.addRow("", self.remember)
        self.error = styled(QLabel(), "ErrorText")
        self.error.setWordWrap(True)
        self.error.hide()
        self.done = QLabel()
        self.done.setWordWrap(True)
        self.done.hide()
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(4)
        self.progress.hide()
        self.body.addWidget(self.hub)
        self.body.addLayout(form)
        self.body.addWidget(self.error)
        self.body.addWidget(self.done)
        self.body.addWidget(self.progress)
        self.retranslate()

    def set_hub(self, hub_label: str) -> None:
        """The hub the agent signs in to (shown small, helps IT on the phone)."""
        self.hub.setText(hub_label)

    def set_busy(self, busy: bool) -> None:
        """Lock the fields while the hub answers."""
        for widget in (self.username, self.password, self.remember):
            widget.setEnabled(not busy)
        if not busy:
            self.remember.setEnabled(self._can_remember)
        self.progress.setVisible(busy)
        if busy:
            self.error.hide()

    def show_error(self, text: str) -> None:
        """Show why the sign-in failed."""
        self.done.hide()
        self.error.setText(text)
        self.error.show()

    def show_signed_in(self, display_name: str) -> None:
        """Confirm the sign-in (the fields stay, the password is cleared)."""
        self.error.hide()
        self.password.clear()
        self.done.setText(self.tr("Signed in as {0}.").format(display_name))
        _paint_result(self.done, Level.GOOD)
        self.done.show()

    def retranslate(self) -> None:
        """Re-read every text in the current language."""
        self.title.setText(self.tr("Sign in"))
        self.intro.setText(self.tr("Use the agent account your team lead or IT gave you."))
        self._user_label.setText(self.tr("User name"))
        self._password_label.setText(self.tr("Password"))
        self.username.setPlaceholderText(self.tr("Your agent user name"))
        self.remember.setText(self.tr("Keep me signed in on this computer"))
        if not self._can_remember:
            self.remember.setToolTip(
                self.tr("This computer has no secure password store, so you sign in each time.")
            )


class AudioPage(WizardPage):
    """The audio check, embedded (the same check as in the main window's menu)."""

    def __init__(self, check: AudioCheckDialog) -> None:
        super().__init__()
        self.check = check
        # The check is a dialog elsewhere; here it is part of the page (its Close button goes).
        check.setWindowFlags(Qt.WindowType.Widget)
        check.buttons.hide()
        check.setMinimumWidth(0)
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.verdict.hide()
        self.body.addWidget(check)
        self.skip_note = styled(QLabel(), "Muted")
        self.skip_note.setWordWrap(True)
        self.body.addWidget(self.skip_note)
        self.retranslate()

    def show_result(self, result: AudioCheckResult) -> None:
        """Nothing more to show than the embedded check does; kept for symmetry and tests."""
        self.skip_note.setVisible(result.verdict is not Verdict.PASS)

    def retranslate(self) -> None:
        """Re-read every text in the current language."""
        self.title.setText(self.tr("Check your headset"))
        self.intro.setText(self.tr("Put your headset on. You can repeat this check at any time."))
        self.skip_note.setText(
            self.tr("You can go on without a good result; your team lead sees the verdict.")
        )


class NetworkPage(WizardPage):
    """Hub round trip and SIP registration, with a button to check again."""

    def __init__(self) -> None:
        super().__init__()
        self.hub_name = QLabel()
        self.hub_result = QLabel()
        self.hub_result.setWordWrap(True)
        self.sip_name = QLabel()
        self.sip_result = QLabel()
        self.sip_result.setWordWrap(True)
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        grid.addWidget(self.hub_name, 0, 0)
        grid.addWidget(self.hub_result, 0, 1)
        grid.addWidget(self.sip_name, 1, 0)
        grid.addWidget(self.sip_result, 1, 1)
        self.advice = styled(QLabel(), "Muted")
        self.advice.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(4)
        self.progress.hide()
        self.again = QPushButton()
        self.body.addLayout(grid)
        self.body.addWidget(self.progress)
        self.body.addWidget(self.advice)
        self.body.addWidget(self.again, 0, Qt.AlignmentFlag.AlignLeft)
        self.report: NetworkReport | None = None
        self.retranslate()

    def set_running(self, running: bool) -> None:
        """Show that a check is under way."""
        self.progress.setVisible(running)
        self.again.setEnabled(not running)
        if running:
            for label in (self.hub_result, self.sip_result):
                label.setText(self.tr("checking…"))
                _paint_result(label, Level.SKIPPED)

    def show_report(self, report: NetworkReport) -> None:
        """Show a finished check."""
        self.report = report
        self._render()

    def _render(self) -> None:
        report = self.report
        if report is None:
            return
        median = report.median_ms
        if median is None:
            hub = self.tr("no answer from the platform ({0})").format(report.error or "-")
        else:
            hub = self.tr("{0} ms round trip ({1})").format(
                milliseconds(median), self._level_word(report.hub_level)
            )
        self.hub_result.setText(hub)
        _paint_result(self.hub_result, report.hub_level)
        self.sip_result.setText(self._sip_text(report.sip))
        _paint_result(self.sip_result, report.sip.level)
        self.advice.setText(self._advice(report))

    def _level_word(self, level: Level) -> str:
        if level is Level.GOOD:
            return self.tr("good")
        if level is Level.WARN:
            return self.tr("slow")
        return self.tr("too slow")

    def _sip_text(self, sip: SipCheck) -> str:
        texts = {
            SipState.NOT_CONFIGURED: self.tr("no phone line is set up on this computer"),
            SipState.REGISTERED: self.tr("phone line {0} registered").format(sip.account),
            SipState.FAILED: self.tr("phone line {0} refused: {1}").format(sip.account, sip.detail),
            SipState.NO_PASSWORD: self.tr("phone line {0} has no saved password").format(
                sip.account
            ),
            SipState.TIMEOUT: self.tr("the phone server did not answer"),
            SipState.UNAVAILABLE: self.tr("the phone could not start: {0}").format(sip.detail),
        }
        return texts[sip.state]

    def _advice(self, report: NetworkReport) -> str:
        if report.level is Level.GOOD:
            return self.tr("Your connection is ready for calls and chats.")
        lines = []
        if report.hub_level is not Level.GOOD:
            lines.append(
                self.tr(
                    "Use a cable instead of Wi-Fi if you can, and pause large downloads or "
                    "video streams at home."
                )
            )
        if report.sip.level is Level.FAIL:
            lines.append(
                self.tr("Calls cannot reach you until the phone line works: call IT support.")
            )
        return "\n".join(lines)

    def retranslate(self) -> None:
        """Re-read every text in the current language."""
        self.title.setText(self.tr("Check your connection"))
        self.intro.setText(
            self.tr("HomeSeat measures the way to the platform and signs your phone line in.")
        )
        self.hub_name.setText(self.tr("Platform"))
        self.sip_name.setText(self.tr("Phone line"))
        self.again.setText(self.tr("Check again"))
        self._render()


class DonePage(WizardPage):
    """What was checked; the next button opens the main window."""

    def __init__(self) -> None:
        super().__init__()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.body.addWidget(self.summary)
        self._facts: tuple[str, Verdict | None, NetworkReport | None] = ("", None, None)
        self.retranslate()

    def set_summary(self, who: str, audio: Verdict | None, network: NetworkReport | None) -> None:
        """Fill in the summary of the whole wizard."""
        self._facts = (who, audio, network)
        self._render()

    def _render(self) -> None:
        who, audio, network = self._facts
        if not who:
            self.summary.setText("")
            return
        signed = self.tr("Signed in as {0}").format(who)
        sound = verdict_text(audio) if audio is not None else self.tr("Headset not checked yet")
        if network is None or network.median_ms is None:
            net = self.tr("Connection not measured")
        else:
            net = self.tr("Platform round trip {0} ms").format(milliseconds(network.median_ms))
        self.summary.setText("\n".join(f"• {line}" for line in (signed, sound, net)))

    def retranslate(self) -> None:
        """Re-read every text in the current language."""
        self.title.setText(self.tr("You are ready"))
        self.intro.setText(
            self.tr(
                "HomeSeat opens its main window now. You start as Not Ready: choose Ready when "
                "your shift begins."
            )
        )
        self._render()
