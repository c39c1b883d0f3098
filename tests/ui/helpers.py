"""Small helpers shared by the UI tests (imported, not fixtures)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from homeseat.config.model import ClientSettings, HubSettings
from homeseat.core.agent_state import Clock
from homeseat.devcerts import DevCerts
from homeseat.hub import HubServer
from homeseat.platform.local import open_client_store
from homeseat.platform.session import PlatformSession
from homeseat.security.secrets import MemorySecretStore
from homeseat.ui.i18n import Translations
from homeseat.ui.icons import Icons
from homeseat.ui.main_window import MainWindow
from homeseat.ui.shell import ClientShell

__all__ = ["ManualClock", "WindowFactory", "test_shell"]

#: make_window(role="agent", name=..., **settings_overrides) -> (window, session)
WindowFactory = Callable[..., tuple[MainWindow, PlatformSession]]


class ManualClock(Clock):
    """A monotonic clock the test moves by hand (wall clock stays real)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def monotonic(self) -> float:
        return self.now


def test_shell(
    hub: HubServer,
    certs: DevCerts,
    name: str,
    folder: Path,
    translations: Translations,
    icons: Icons,
) -> ClientShell:
    """A real client shell for ``hub`` (English, fast reconnects, no tray, memory keyring)."""
    settings = ClientSettings(
        hub=HubSettings(
            url=hub.url,
            ca_file=certs.ca_file,
            reconnect_min_seconds=0.05,
            reconnect_max_seconds=0.5,
            heartbeat_seconds=2.0,
        ),
        language="en",
    )
    return ClientShell(
        settings,
        translations=translations,
        icons=icons,
        store=open_client_store(folder / f"{name}.sqlite3"),
        secrets=MemorySecretStore(),
        client_version="ui-test",
        ui_state=None,
        use_tray=False,
    )


test_shell.__test__ = False  # type: ignore[attr-defined]  # a helper, not a test
