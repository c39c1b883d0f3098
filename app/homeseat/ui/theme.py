"""The calm light theme: palette, state colours and the application style sheet.

Runs on the Qt main thread. State colours follow call-centre habit (green Ready, amber Not Ready,
blue on a call, purple wrap-up, grey disconnected), and every coloured state also has a word, so
colour is never the only cue.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from homeseat.core.agent_state import AgentState
from homeseat.paths import resources_dir

__all__ = [
    "styled",
    "StateColors",
    "state_colors",
    "DISCONNECTED_COLORS",
    "apply_theme",
    "style_sheet",
]


@dataclass(frozen=True, slots=True)
class StateColors:
    """Foreground (text, dot) and a light background tint for one state."""

    fg: str
    bg: str


_STATE_COLORS: dict[AgentState, StateColors] = {
    AgentState.READY: StateColors("#1b7f3b", "#e3f4e8"),
    AgentState.NOT_READY: StateColors("#a15c00", "#fdf0da"),
    AgentState.OFFERED: StateColors("#00796b", "#dcf3ef"),
    AgentState.BUSY: StateColors("#1f5fbf", "#e2ecfb"),
    AgentState.WRAP_UP: StateColors("#6b3fa0", "#eee6f8"),
    AgentState.SIGNED_OUT: StateColors("#5f6b7a", "#eceff3"),
}

#: The overlay colour for an agent whose client lost the hub.
DISCONNECTED_COLORS = StateColors("#b3261e", "#fbe6e4")


def state_colors(state: AgentState) -> StateColors:
    """Colours for ``state``."""
    return _STATE_COLORS[state]


# Object names (setObjectName) are the hooks; widgets never hard-code colours themselves except
# for the state control, whose colour follows the state.
_STYLE_SHEET = string.Template("""
QMainWindow, QDialog { background: #f3f5f8; }
QFrame#Card {
    background: #ffffff; border: 1px solid #dfe4ea; border-radius: 10px;
}
QLabel#CardTitle { font-size: 11pt; font-weight: 600; color: #1f2933; }
QLabel#Muted, QLabel#EmptyHint { color: #66717f; }
QLabel#EmptyTitle { font-size: 11pt; font-weight: 600; color: #3e4a59; }
QFrame#TopBar {
    background: #ffffff; border: none; border-bottom: 1px solid #dfe4ea;
}
QLabel#AgentName { font-size: 13pt; font-weight: 600; color: #1f2933; }
QLabel#AgentTeam { color: #66717f; }
QLabel#Avatar {
    background: #2f6fde; color: #ffffff; border-radius: 20px; font-weight: 600;
    font-size: 12pt;
}
QLabel#TimeInState { font-size: 16pt; font-weight: 600; color: #1f2933; }
QLabel#TimeCaption { color: #66717f; }
QLabel#Pending {
    color: #a15c00; background: #fdf0da; border-radius: 6px; padding: 3px 8px;
}
QFrame#WrapUpBox { background: #eee6f8; border-radius: 8px; }
QLabel#WrapUpTitle { color: #6b3fa0; font-weight: 600; }
QLabel#WrapUpLeft { color: #6b3fa0; }
QToolButton#StateButton {
    border-radius: 8px; padding: 8px 34px 8px 18px; font-size: 12pt; font-weight: 600;
    min-width: 150px;
}
QToolButton#StateButton::menu-indicator {
    image: url($icons/chevron-down.svg); width: 14px; height: 14px;
    subcontrol-origin: padding; subcontrol-position: right center; right: 12px;
}
QPushButton {
    background: #ffffff; border: 1px solid #c9d1db; border-radius: 6px; padding: 5px 14px;
}
QPushButton:hover { background: #f0f4f9; }
QPushButton:disabled { color: #a3acb7; background: #f5f7f9; border-color: #e1e5ea; }
QPushButton#Primary {
    background: #2f6fde; color: #ffffff; border: 1px solid #2f6fde; font-weight: 600;
}
QPushButton#Primary:hover { background: #2860c4; }
QPushButton#Primary:disabled { background: #9bb8ee; border-color: #9bb8ee; color: #ffffff; }
QPushButton#DialKey {
    font-size: 12pt; min-width: 44px; min-height: 26px; border-radius: 14px; padding: 2px;
}
QLineEdit, QComboBox {
    background: #ffffff; border: 1px solid #c9d1db; border-radius: 6px; padding: 5px 8px;
}
QLineEdit:focus, QComboBox:focus { border-color: #2f6fde; }
QLineEdit:disabled { background: #f5f7f9; color: #8a94a1; }
QLabel#Notice {
    background: #fdf0da; color: #7a4600; border-radius: 6px; padding: 8px;
}
QLabel#ErrorText {
    background: #fbe6e4; color: #8c1d18; border-radius: 6px; padding: 8px;
}
QLabel#InsecureWarning {
    background: #b3261e; color: #ffffff; border-radius: 4px; padding: 1px 8px; font-weight: 600;
}
QLabel#Counter {
    border-radius: 12px; padding: 3px 10px; font-weight: 600;
}
QTableView {
    background: #ffffff; border: none; gridline-color: #edf0f3;
    selection-background-color: #dbe7fb; selection-color: #1f2933;
    alternate-background-color: #f8fafc;
}
QHeaderView::section {
    background: #f3f5f8; color: #3e4a59; border: none; border-bottom: 1px solid #dfe4ea;
    padding: 6px 8px; font-weight: 600;
}
QStatusBar { background: #ffffff; border-top: 1px solid #dfe4ea; }
QStatusBar QLabel { padding: 0 6px; }
QSplitter::handle { background: transparent; }
QComboBox::drop-down { border: none; width: 22px; }
QComboBox::down-arrow { image: url($icons/chevron-down.svg); width: 12px; height: 12px; }
QToolButton#AccountButton { border: none; border-radius: 6px; padding: 4px; }
QToolButton#AccountButton:hover { background: #eef2f7; }
QToolButton#AccountButton::menu-indicator { image: none; width: 0; }
""")


_W = TypeVar("_W", bound=QWidget)


def styled(widget: _W, name: str) -> _W:
    """Give ``widget`` the object name the style sheet styles it by; returns the widget."""
    widget.setObjectName(name)
    return widget


def style_sheet(icons_dir: Path | None = None) -> str:
    """The application style sheet, with image URLs pointing at ``icons_dir``."""
    folder = (icons_dir or resources_dir() / "icons").as_posix()
    return _STYLE_SHEET.substitute(icons=folder)


def apply_theme(app: QApplication, icons_dir: Path | None = None) -> None:
    """Use the Fusion style with a light palette and the HomeSeat style sheet."""
    app.setStyle("Fusion")
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#f3f5f8"))
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#1f2933"))
    palette.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.AlternateBase, QColor("#f8fafc"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#1f2933"))
    palette.setColor(QPalette.ColorRole.Button, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.ButtonText, QColor("#1f2933"))
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#2f6fde"))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.ToolTipBase, QColor("#1f2933"))
    palette.setColor(QPalette.ColorRole.ToolTipText, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.PlaceholderText, QColor("#8a94a1"))
    app.setPalette(palette)
    app.setStyleSheet(style_sheet(icons_dir))
