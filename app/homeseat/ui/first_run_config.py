"""Where the first-run wizard's hub URL comes from, where it goes, and when the wizard runs.

Any thread (plain file reads and writes, a few KiB). The URL is pre-filled from IT's managed
policy (``/etc/homeseat/policy.json`` and its siblings, see docs/config.md); a URL IT *locked*
is shown read-only. The URL the agent confirms is written to the client settings file the app
reads at the next start, so the wizard is not needed again.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings

from homeseat.config.layers import Layer
from homeseat.config.model import ClientSettings
from homeseat.config.paths import ConfigPaths, write_atomic
from homeseat.config.service import ConfigService

__all__ = [
    "HubChoice",
    "LAST_USER_KEY",
    "hub_choice",
    "needs_first_run",
    "save_hub_url",
    "PLACEHOLDER_HUB",
]

log = logging.getLogger(__name__)

#: Where the shell remembers the last user name (``ui.ini``); set by the first sign-in ever.
LAST_USER_KEY = "sign_in/last_username"
#: The built-in hub URL: a placeholder that must never be shown as if IT had set it.
PLACEHOLDER_HUB = ClientSettings().hub.url
_HUB_POINTER = "/hub/url"


@dataclass(frozen=True, slots=True)
class HubChoice:
    """The pre-filled hub URL and whether the agent may change it.

    Attributes:
        url: what to pre-fill ("" when nobody set one).
        locked: IT locked the URL.
        reason: IT's reason for the lock (may be "").
        source: ``policy``, ``settings`` or ``none`` (for logs and tests).
    """

    url: str
    locked: bool
    reason: str
    source: str


def needs_first_run(ui_state: QSettings | None) -> bool:
    """True when no user has signed in with HomeSeat on this computer (for this OS user)."""
    if ui_state is None:
        return False
    return not str(ui_state.value(LAST_USER_KEY, "") or "")


def hub_choice(settings: ClientSettings, paths: ConfigPaths | None = None) -> HubChoice:
    """The hub URL to pre-fill: a locked policy URL, else the settings file's, else the policy's.

    A policy file that cannot be read does not stop the wizard: its problems are logged and the
    agent types the URL.
    """
    try:
        effective = ConfigService(paths or ConfigPaths.default()).load()
    except Exception:
        log.exception("the managed policy could not be read; the agent types the hub URL")
        effective = None
    if effective is not None:
        source = effective.sources.get(_HUB_POINTER)
        url = str(effective.values.get(_HUB_POINTER, ""))
        if _HUB_POINTER in effective.locked:
            return HubChoice(url, True, effective.locked[_HUB_POINTER], "policy")
        from_policy = source is not None and source.layer in (Layer.MANAGED, Layer.LOCKED)
        if settings.hub.url != PLACEHOLDER_HUB:
            return HubChoice(settings.hub.url, False, "", "settings")
        if from_policy and url:
            return HubChoice(url, False, "", "policy")
    if settings.hub.url != PLACEHOLDER_HUB:
        return HubChoice(settings.hub.url, False, "", "settings")
    return HubChoice("", False, "", "none")


def save_hub_url(path: Path, url: str) -> bool:
    """Write ``url`` into the settings file at ``path`` (other keys kept); False if not saved.

    A settings file that exists but does not parse is left alone (it is the agent's or IT's,
    and the app will report it at the next start); the URL then has to be typed again.
    """
    data: dict[str, Any] = {}
    if path.exists():
        try:
            loaded = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            log.warning("not saving the hub URL: %s cannot be read (%s)", path, exc)
            return False
        if not isinstance(loaded, dict):
            log.warning("not saving the hub URL: %s is not a JSON object", path)
            return False
        data = loaded
    hub = data.get("hub")
    data["hub"] = {**(hub if isinstance(hub, dict) else {}), "url": url}
    try:
        ClientSettings.model_validate(data)
    except ValueError as exc:
        log.warning("not saving the hub URL: the settings would not validate (%s)", exc)
        return False
    try:
        write_atomic(path, (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode())
    except OSError as exc:
        log.warning("not saving the hub URL to %s: %s", path, exc)
        return False
    return True
