"""The audio check from the account menu to the hub (real shell and hub, files for audio)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.audio_clips import mix_at_snr, pink_noise, speech
from tests.sessions import wait_for

from homeseat.audio.check import FileCheckIO
from homeseat.audio.offline import write_wav
from homeseat.config.model import ClientSettings, HubSettings
from homeseat.devcerts import DevCerts
from homeseat.hub import HubServer
from homeseat.hub.demo import DEMO_PASSWORD
from homeseat.platform.local import open_client_store
from homeseat.security.secrets import MemorySecretStore
from homeseat.ui.i18n import Translations
from homeseat.ui.icons import Icons
from homeseat.ui.shell import ClientShell


async def test_agent_runs_the_check_from_the_menu_and_the_hub_keeps_the_verdict(
    qtbot: Any,
    hub: HubServer,
    certs: DevCerts,
    tmp_path: Path,
    translations: Translations,
    icons: Icons,
) -> None:
    rate = 16_000
    clean = speech(rate, lead_s=0.8)
    recording = tmp_path / "mic.wav"
    write_wav(recording, mix_at_snr(clean, pink_noise(len(clean), rate), 30.0), rate)
    settings = ClientSettings(hub=HubSettings(url=hub.url, ca_file=certs.ca_file), language="en")
    shell = ClientShell(
        settings,
        translations=translations,
        icons=icons,
        store=open_client_store(tmp_path / "agent.sqlite3"),
        secrets=MemorySecretStore(),
        client_version="ui-test",
        ui_state=None,
        use_tray=False,
    )
    try:
        await shell.sign_in("agent4", DEMO_PASSWORD, remember=False)
        window = await shell.open_window()
        feature = shell.audio_check
        assert feature is not None
        menu = window.account_button.menu()
        assert menu is not None
        assert menu.actions()[0].text() == "Audio check…"
        feature.io_factory = lambda: FileCheckIO(recording, tmp_path / "played")
        menu.actions()[0].trigger()
        dialog = feature.dialog
        assert dialog is not None
        assert dialog.isVisible()
        dialog.record_button.click()
        await wait_for(lambda: dialog.check_result is not None, 60, "the analysis")
        await wait_for(
            lambda: (p := hub.presence_of("agent4")) is not None and p.audio_check is not None,
            10,
            "the first verdict at the hub",
        )
        presence = hub.presence_of("agent4")
        assert presence is not None
        assert presence.audio_check is not None
        assert presence.audio_check.verdict == "warn"
        assert presence.audio_check.problems == ["speaker_untested"]
        dialog.heard.click()
        await wait_for(
            lambda: (
                (p := hub.presence_of("agent4")) is not None
                and p.audio_check is not None
                and p.audio_check.verdict == "pass"
            ),
            10,
            "the verdict after the speaker test",
        )
        translations.set_language("zh_CN")
        assert menu.actions()[0].text() == "音频检测…"
        translations.set_language("en")
        dialog.reject()
        await wait_for(lambda: feature.dialog is None, 5, "the dialog closed")
    finally:
        await shell.close()
