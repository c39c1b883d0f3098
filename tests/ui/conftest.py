"""UI test fixtures: offscreen Qt, a qasync event loop per test, real windows and sessions.

Async UI tests run on a qasync ``QEventLoop`` so awaiting (sign-in, hub traffic) also processes
Qt events, exactly as in the app.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any QApplication exists

from collections.abc import Iterator, Mapping
from typing import Any

import pytest
import qasync
from PySide6.QtWidgets import QApplication
from tests.ui.helpers import ManualClock, WindowFactory

from homeseat.config.model import ClientSettings
from homeseat.core.agent_state import AgentStateMachine, EventKind, StateEvent
from homeseat.core.outbox import MemoryOutboxStore, Outbox
from homeseat.platform.session import PlatformSession, SessionInfo
from homeseat.security.secrets import MemorySecretStore
from homeseat.ui.app import create_application
from homeseat.ui.bridge import SessionBridge
from homeseat.ui.i18n import Translations
from homeseat.ui.icons import Icons
from homeseat.ui.main_window import MainWindow


def _qapp() -> QApplication:
    # The app's own factory: themed, and closing the last window does not stop the loop.
    return create_application(["homeseat-tests"])


def pytest_asyncio_loop_factories(config: pytest.Config, item: pytest.Item) -> Mapping[str, Any]:
    """Async tests under tests/ui run on a qasync loop (the app's loop)."""
    return {"qasync": lambda: qasync.QEventLoop(_qapp())}


@pytest.fixture(scope="session")
def qapp_cls() -> type[QApplication]:
    """pytest-qt: the application class (the instance is shared with the loop factory)."""
    return QApplication


@pytest.fixture(scope="session")
def qapp(qapp_args: list[str]) -> QApplication:
    """The one QApplication, themed like the app."""
    return _qapp()


@pytest.fixture
def translations(qapp: QApplication) -> Iterator[Translations]:
    """Translations set to English; reset to English afterwards."""
    tr = Translations(qapp)
    tr.set_language("en")
    yield tr
    tr.set_language("en")
    tr.deleteLater()


@pytest.fixture(scope="session")
def icons(qapp: QApplication) -> Icons:
    """The shipped icons."""
    return Icons()


@pytest.fixture
def settings() -> ClientSettings:
    """Default client settings (the default codes)."""
    return ClientSettings()


@pytest.fixture
def clock() -> ManualClock:
    """A clock the test advances."""
    return ManualClock()


@pytest.fixture
def make_window(
    qtbot: Any,
    settings: ClientSettings,
    translations: Translations,
    icons: Icons,
    clock: ManualClock,
) -> WindowFactory:
    """Build a main window over a real (not connected) PlatformSession, already signed in."""

    def build(
        role: str = "agent", name: str = "Wang Wei 王伟", **overrides: Any
    ) -> tuple[MainWindow, PlatformSession]:
        cfg = settings.model_copy(update=overrides) if overrides else settings
        machine = AgentStateMachine(
            {c.code for c in cfg.reason_codes}, {c.code for c in cfg.wrap_up_codes}, clock
        )
        session = PlatformSession(
            cfg.hub,
            machine=machine,
            outbox=Outbox(MemoryOutboxStore()),
            secrets=MemorySecretStore(),
            client_id="ui-test-client",
            client_version="test",
        )
        bridge = SessionBridge()
        session.add_listener(bridge)
        session.request(StateEvent(EventKind.SIGN_IN))
        info = SessionInfo(
            user_id=7,
            username="agent1",
            display_name=name,
            role=role,
            team="alpha",
            insecure=False,
        )
        window = MainWindow(
            cfg, session, info, bridge, translations, icons, monotonic=clock.monotonic
        )
        window._test_bridge = bridge  # type: ignore[attr-defined]  # keep the bridge alive
        qtbot.addWidget(window)
        window.resize(1200, 760)
        window.show()
        return window, session

    return build
