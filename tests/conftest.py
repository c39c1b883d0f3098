"""Shared pytest fixtures for every test folder.

Keep this file small: put reusable helpers (functions, not fixtures) in ``tests/helpers.py``.

Fixtures:
    certs: throwaway CA + server certificate (session-wide); ``certs.ca_file`` is what clients
        trust, ``certs.client_context()`` an ssl context that trusts it.
    demo_db: path of a fresh copy of an SQLite hub database seeded with the demo accounts
        (``homeseat.hub.demo``: lead1/agent1..8 in alpha, lead2/agent9..10 in beta, password
        ``demo1234``). Seeding (argon2) happens once per session; each test gets its own copy.
    make_hub: async factory ``await make_hub(**config_overrides)`` → a started ``HubServer`` on
        127.0.0.1, a free port, TLS from ``certs``, the ``demo_db`` file and a 1 s disconnect
        grace. Every hub it made is stopped after the test. Pass ``db_path=`` to reuse a file
        (e.g. to restart a hub on the same database).
    hub: ``await make_hub()`` with the defaults.

To talk to a hub: ``async with ws_client(hub, certs) as ws`` (``tests.helpers``), or a real
client session through ``tests.sessions.make_session(hub.url, certs.ca_file)``.
"""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from tests.helpers import HubFactory

from homeseat.devcerts import DevCerts, make_dev_certs
from homeseat.hub import HubConfig, HubServer, Storage
from homeseat.hub.demo import seed_demo

# Every log record of the run is read for secrets and customer data (fails the run on a leak).
pytest_plugins = ["tests.log_scan"]


@pytest.fixture(scope="session")
def certs(tmp_path_factory: pytest.TempPathFactory) -> DevCerts:
    """A throwaway CA and a server certificate for 127.0.0.1, ::1 and localhost."""
    return make_dev_certs(tmp_path_factory.mktemp("certs"))


@pytest.fixture(scope="session")
def _demo_db_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hub-template") / "hub.sqlite3"
    storage = Storage(path)
    try:
        seed_demo(storage)
    finally:
        storage.close()  # checkpoints the WAL: the file alone is the whole database
    return path


@pytest.fixture
def demo_db(tmp_path: Path, _demo_db_template: Path) -> Path:
    """A fresh copy of the seeded demo database, for this test only."""
    path = tmp_path / "hub.sqlite3"
    shutil.copyfile(_demo_db_template, path)
    return path


@pytest.fixture
async def make_hub(certs: DevCerts, demo_db: Path) -> AsyncIterator[HubFactory]:
    """Start hubs with config overrides; all are stopped at the end of the test."""
    started: list[HubServer] = []

    async def make(**overrides: Any) -> HubServer:
        settings: dict[str, Any] = {
            "host": "127.0.0.1",
            "port": 0,
            "db_path": demo_db,
            "tls_cert": certs.cert_file,
            "tls_key": certs.key_file,
            "disconnect_grace_seconds": 1.0,
        }
        settings.update(overrides)
        server = HubServer(HubConfig(**settings))
        await server.start()
        started.append(server)
        return server

    yield make
    for server in reversed(started):
        await server.stop()


@pytest.fixture
async def hub(make_hub: HubFactory) -> HubServer:
    """A running hub with the demo accounts (see the module docstring)."""
    return await make_hub()
