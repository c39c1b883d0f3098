"""Alert words and colours for the lead's pane, and the rules read from the configuration.

Qt main thread (the labels read the installed translators when called).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from homeseat.config.model import AlertThresholds
from homeseat.core.alerts import AlertKind, AlertRules

__all__ = ["rules_from", "alert_label", "ALERT_ROW_BG", "ALERT_FG", "ACKED_ROW_BG"]

#: Row tint of an agent with a loud (not acknowledged) alert, and the text colour of alerts.
ALERT_ROW_BG = "#fde2df"
ALERT_FG = "#8c1d18"
#: Faint tint that keeps an acknowledged alert findable without shouting.
ACKED_ROW_BG = "#fbf3e6"


def rules_from(thresholds: AlertThresholds) -> AlertRules:
    """The pure rules from the ``alerts`` configuration section."""
    return AlertRules(
        wrap_up_seconds=thresholds.wrap_up_too_long_seconds,
        break_seconds=thresholds.break_too_long_seconds,
        not_ready_seconds=thresholds.not_ready_too_long_seconds,
        disconnected_seconds=thresholds.disconnected_seconds,
        poor_mos=thresholds.poor_mos,
        audio_check_failed=thresholds.audio_check_failed,
    )


def alert_label(kind: AlertKind) -> str:
    """What the alert means, in a few words."""
    if kind is AlertKind.HELP:
        return QCoreApplication.translate("Alert", "Asks for help")
    if kind is AlertKind.DISCONNECTED:
        return QCoreApplication.translate("Alert", "Disconnected")
    if kind is AlertKind.WRAP_UP_LONG:
        return QCoreApplication.translate("Alert", "Wrap-up too long")
    if kind is AlertKind.BREAK_LONG:
        return QCoreApplication.translate("Alert", "Break too long")
    if kind is AlertKind.NOT_READY_LONG:
        return QCoreApplication.translate("Alert", "Not Ready too long")
    if kind is AlertKind.POOR_MOS:
        return QCoreApplication.translate("Alert", "Poor line quality")
    return QCoreApplication.translate("Alert", "Audio check failed")
