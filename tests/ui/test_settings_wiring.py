"""The running app's configuration: the settings window over the real config service, and a
signed push from the real hub applied to a signed-in shell (and its status back at the hub)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.sessions import wait_for

from homeseat.config.paths import ConfigPaths
from homeseat.config.service import ConfigService
from homeseat.config.signing import generate_private_key, public_key_text, sign_policy
from homeseat.devcerts import DevCerts
from homeseat.hub import HubServer
from homeseat.hub.config_push import client_statuses, publish
from homeseat.hub.demo import DEMO_PASSWORD
from homeseat.platform.local import open_client_store
from homeseat.security.secrets import MemorySecretStore
from homeseat.ui.i18n import Translations
from homeseat.ui.icons import Icons
from homeseat.ui.shell import ClientShell


async def test_settings_window_and_a_hub_push_reach_the_running_shell(
    qtbot: Any,  # first: its teardown (which pumps Qt events) runs after the hub's
    hub: HubServer,
    certs: DevCerts,
    translations: Translations,
    icons: Icons,
    tmp_path: Path,
) -> None:
    key = generate_private_key()
    paths = ConfigPaths(tmp_path / "policy.json", tmp_path / "settings.json", tmp_path / "state")
    managed = {
        "schema": 1,
        "serial": 1,
        "signing_key": public_key_text(key),
        "locked": {"language": "en"},
        "reasons": {"/language": "Campaign language"},
    }
    paths.managed.write_text(json.dumps(managed), encoding="utf-8")
    user = {"hub": {"url": hub.url, "ca_file": str(certs.ca_file), "heartbeat_seconds": 2.0}}
    paths.user.write_text(json.dumps(user), encoding="utf-8")
    config = ConfigService(paths)
    settings = config.load().settings
    assert (settings.hub.url, settings.hub.heartbeat_seconds) == (hub.url, 2.0)
    shell = ClientShell(
        settings,
        translations=translations,
        icons=icons,
        store=open_client_store(tmp_path / "client.sqlite3"),
        secrets=MemorySecretStore(),
        client_version="ui-test",
        use_tray=False,
        config=config,
    )
    try:
        await shell.sign_in("agent1", DEMO_PASSWORD)
        window = await shell.open_window()
        assert window.settings_action.isVisible()
        window.settings_action.trigger()
        dialog = shell.settings_dialog
        assert dialog is not None
        assert dialog.isVisible()

        await wait_for(lambda: bool(client_statuses(hub.storage)), what="the first status")
        envelope = sign_policy(
            json.dumps({"schema": 1, "serial": 2, "defaults": {"chat": {"capacity": 5}}}).encode(),
            key,
        )
        publish(hub.storage, envelope.to_bytes(), scope="all", actor="it")
        assert hub.config_pushes is not None
        hub.config_pushes.poll()
        await wait_for(lambda: config.settings.chat.capacity == 5, what="the push applied")

        def reported() -> bool:
            rows = client_statuses(hub.storage)
            push = rows[0].status.get("last_push") if rows else None
            return isinstance(push, dict) and push.get("serial") == 2

        await wait_for(reported, what="the status at the hub")
    finally:
        await shell.close()
