"""The update notice: the real hub announces a recommended client version at sign-in and the
main window of an older client shows it, quietly, in the status bar (in both languages)."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest
from tests.helpers import HubFactory
from tests.sessions import wait_for

from homeseat.config.model import ClientSettings, HubSettings
from homeseat.devcerts import DevCerts
from homeseat.hub import HubConfig
from homeseat.hub.cli import main as hub_main
from homeseat.hub.demo import DEMO_PASSWORD
from homeseat.platform.local import open_client_store
from homeseat.security.secrets import MemorySecretStore
from homeseat.ui.i18n import Translations
from homeseat.ui.icons import Icons
from homeseat.ui.shell import ClientShell


def shell_for(
    url: str, certs: DevCerts, folder: Path, tr: Translations, icons: Icons
) -> ClientShell:
    return ClientShell(
        ClientSettings(hub=HubSettings(url=url, ca_file=certs.ca_file), language="en"),
        translations=tr,
        icons=icons,
        store=open_client_store(folder / "client.sqlite3"),
        secrets=MemorySecretStore(),
        client_version="0.1.0",
        ui_state=None,
        use_tray=False,
    )


@pytest.mark.parametrize(
    ("recommended", "shown"), [("99.1.0", True), ("0.0.1", False), (None, False)]
)
async def test_main_window_shows_the_hubs_recommendation(
    make_hub: HubFactory,
    certs: DevCerts,
    tmp_path: Path,
    qtbot: object,
    translations: Translations,
    icons: Icons,
    recommended: str | None,
    shown: bool,
) -> None:
    hub = await make_hub(recommended_client=recommended)
    shell = shell_for(hub.url, certs, tmp_path, translations, icons)
    try:
        info = await shell.sign_in("agent4", DEMO_PASSWORD, False)
        assert info.recommended_client == recommended
        window = await shell.open_window()
        notice = window.update_notice
        assert notice.isVisible() is shown
        if shown:
            assert notice.text() == "Update available: HomeSeat 99.1.0 (this is 0.1.0)"
            assert "keeps working" in notice.toolTip()
            shots = os.environ.get("HOMESEAT_SCREENSHOTS")
            if shots:  # the status bar, where the notice sits (docs/screenshots)
                window.statusBar().grab().save(str(Path(shots) / "update-notice-en.png"))
            translations.set_language("zh_CN")
            assert notice.text() == "有可用更新：居家座席 99.1.0（当前为 0.1.0）"
            if shots:
                await asyncio.sleep(0.05)
                window.statusBar().grab().save(str(Path(shots) / "update-notice-zh_CN.png"))
        else:
            assert notice.text() == ""
    finally:
        translations.set_language("en")
        await shell.close()
        await wait_for(lambda: not hub.online_usernames(), 5, "the hub to see the client leave")


def test_hub_refuses_a_recommendation_that_is_not_a_version() -> None:
    with pytest.raises(ValueError, match="recommended_client"):
        HubConfig(recommended_client="latest")
    assert HubConfig(recommended_client="1.4.2").recommended_client == "1.4.2"


def test_hub_cli_refuses_a_bad_recommendation_before_serving(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "hub.sqlite3")
    code = hub_main(["serve", "--db", db, "--insecure", "--recommended-client", "1.x"])
    assert code != 0
    assert "recommended_client '1.x' is not like 1.4.2" in capsys.readouterr().err
