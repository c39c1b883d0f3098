"""The first-run wizard on real widgets against a real hub: policy URL → sign-in → audio check
(real pipeline on recorded files) → network check (real round trips) → the main window."""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QSettings
from tests.audio_clips import mix_at_snr, pink_noise, speech
from tests.sessions import wait_for

from homeseat.audio.check import FileCheckIO, speaker_test_tone
from homeseat.audio.offline import write_wav
from homeseat.config.model import ClientSettings, HubSettings
from homeseat.config.paths import ConfigPaths
from homeseat.core.first_run import Level, SipState, Step
from homeseat.devcerts import DevCerts
from homeseat.hub import HubServer
from homeseat.hub.demo import DEMO_PASSWORD
from homeseat.platform.local import open_client_store
from homeseat.security.secrets import MemorySecretStore
from homeseat.ui.first_run import FirstRunDeps, FirstRunWizard
from homeseat.ui.first_run_checks import NoSipProbe
from homeseat.ui.first_run_config import hub_choice, needs_first_run, save_hub_url
from homeseat.ui.i18n import Translations
from homeseat.ui.icons import Icons
from homeseat.ui.shell import ClientShell

RATE = 16_000
SHOTS = os.environ.get("HOMESEAT_SCREENSHOTS", "")


async def shoot(wizard: FirstRunWizard, name: str) -> None:
    """Save a screenshot when HOMESEAT_SCREENSHOTS names a folder (docs/screenshots)."""
    if SHOTS:
        await asyncio.sleep(0.05)  # the layout follows the last text change, as on screen
        wizard.grab().save(str(Path(SHOTS) / name))


def policy_paths(tmp_path: Path, policy: dict[str, object] | None) -> ConfigPaths:
    managed = tmp_path / "policy.json"
    if policy is not None:
        managed.write_text(json.dumps(policy), encoding="utf-8")
    return ConfigPaths(managed, tmp_path / "settings.json", tmp_path / "state")


def audio_files(tmp_path: Path) -> FileCheckIO:
    """A quiet room with real speech, and a loop-back recording in which the tone is heard."""
    clean = speech(RATE, lead_s=0.8)
    rec, loop = tmp_path / "mic.wav", tmp_path / "loop.wav"
    write_wav(rec, mix_at_snr(clean, pink_noise(len(clean), RATE, seed=1), 35.0), RATE)
    write_wav(loop, speaker_test_tone(RATE) * np.float32(0.1), RATE)
    return FileCheckIO(rec, tmp_path / "played", loop)


def shell_factory(
    tmp_path: Path, translations: Translations, icons: Icons, ui_state: QSettings
) -> tuple[Callable[[ClientSettings], ClientShell], list[ClientShell]]:
    made: list[ClientShell] = []

    def make(settings: ClientSettings) -> ClientShell:
        shell = ClientShell(
            settings,
            translations=translations,
            icons=icons,
            store=open_client_store(tmp_path / f"client-{len(made)}.sqlite3"),
            secrets=MemorySecretStore(),
            client_version="0.1.0",
            ui_state=ui_state,
            use_tray=False,
        )
        made.append(shell)
        return shell

    return make, made


def base_settings(certs: DevCerts, language: str = "en") -> ClientSettings:
    # The placeholder URL: the wizard takes the hub from the policy, as on a fresh install.
    return ClientSettings(
        hub=HubSettings(ca_file=certs.ca_file, heartbeat_seconds=2.0), language=language
    )


def at(wizard: FirstRunWizard) -> Step:
    """The page shown (a call, so that mypy does not narrow it across clicks)."""
    return wizard.step


async def until(predicate: Callable[[], bool], what: str, within: float = 20.0) -> None:
    await wait_for(predicate, within, what)


async def test_wizard_walks_from_the_policy_url_to_the_main_window(
    hub: HubServer,
    certs: DevCerts,
    tmp_path: Path,
    qtbot: object,
    translations: Translations,
    icons: Icons,
) -> None:
    paths = policy_paths(
        tmp_path, {"schema": 1, "serial": 3, "defaults": {"hub": {"url": hub.url}}}
    )
    settings = base_settings(certs)
    choice = hub_choice(settings, paths)
    assert (choice.url, choice.locked, choice.source) == (hub.url, False, "policy")
    ui_state = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    assert needs_first_run(ui_state)
    make, made = shell_factory(tmp_path, translations, icons, ui_state)
    settings_file = tmp_path / "client.json"
    wizard = FirstRunWizard(
        FirstRunDeps(
            settings=settings,
            hub=choice,
            make_shell=make,
            audio_io=audio_files(tmp_path),
            sip_probe=NoSipProbe(),
            icons=icons,
            save_hub_url=lambda url: save_hub_url(settings_file, url),
            audio_engine="spectral",
        )
    )
    wizard.resize(640, 600)
    outcome = asyncio.ensure_future(wizard.run())
    await until(wizard.isVisible, "the wizard to show")

    # 1. The platform address, pre-filled from the policy.
    assert at(wizard) is Step.HUB
    assert wizard.hub_page.url.text() == hub.url
    assert not wizard.hub_page.url.isReadOnly()
    assert wizard.step_label.text() == "Step 1 of 4"
    await shoot(wizard, "first-run-1-hub.png")
    wizard.next.click()

    # 2. Sign-in: a wrong password is explained, the right one goes on by itself.
    assert at(wizard) is Step.SIGN_IN
    assert wizard.sign_in_page.hub.text() == hub.url.removeprefix("wss://")
    page = wizard.sign_in_page
    page.username.setText("agent1")
    page.password.setText("wrong-password")
    wizard.next.click()
    assert wizard.busy
    assert wizard.next.text() == "Signing in…"
    await until(lambda: page.error.isVisible(), "the refusal")
    assert page.error.text() == "Wrong user name or password."
    assert at(wizard) is Step.SIGN_IN
    page.password.setText(DEMO_PASSWORD)
    await shoot(wizard, "first-run-2-sign-in.png")
    wizard.next.click()
    await until(lambda: at(wizard) is Step.AUDIO, "the audio step")
    assert wizard.model.username == "agent1"
    assert "agent1" in hub.online_usernames()
    assert not needs_first_run(ui_state)  # the shell remembered the user: no wizard next time
    assert json.loads(settings_file.read_text())["hub"]["url"] == hub.url
    wizard.back.click()  # back to the sign-in page shows who is signed in ...
    assert at(wizard) is Step.SIGN_IN
    assert page.done.text() == "Signed in as 张伟."
    assert not wizard.back.isEnabled()  # ... but not back to another hub under a live session
    wizard.next.click()
    assert at(wizard) is Step.AUDIO

    # 3. The audio check: recorded speech through the real pipeline, tone heard in loop-back.
    assert wizard.next.text() == "Skip for now"
    wizard.audio_check.record_button.click()
    await until(lambda: wizard.audio_check.check_result is not None, "the audio verdict", 60)
    assert wizard.audio_check.verdict.text() == "Ready: your audio is good"
    assert wizard.next.text() == "Next"

    def hub_has_verdict() -> bool:
        seen = hub.presence_of("agent1")
        return seen is not None and seen.audio_check is not None

    await until(hub_has_verdict, "the hub to receive the audio verdict")
    presence = hub.presence_of("agent1")
    assert presence is not None
    assert presence.audio_check is not None
    assert presence.audio_check.verdict == "pass"
    await shoot(wizard, "first-run-3-audio.png")
    wizard.next.click()

    # 4. The network check: real round trips to the hub; no SIP account configured here.
    assert at(wizard) is Step.NETWORK
    await until(lambda: wizard.model.network is not None, "the network check")
    report = wizard.model.network
    assert report is not None
    assert len(report.round_trips_ms) == 3
    assert all(0 < ms < 5000 for ms in report.round_trips_ms)
    assert report.sip.state is SipState.NOT_CONFIGURED
    assert report.sip.level is Level.SKIPPED
    assert "round trip" in wizard.network_page.hub_result.text()
    assert wizard.network_page.sip_result.text() == "no phone line is set up on this computer"
    await shoot(wizard, "first-run-4-network.png")
    wizard.network_page.again.click()  # check again: a fresh measurement replaces the first
    await until(lambda: wizard.model.network is not report, "the second check")
    wizard.next.click()

    # 5. Done: the summary, then the wizard hands over the signed-in shell.
    assert at(wizard) is Step.DONE
    assert "Signed in as" in wizard.done_page.summary.text()
    assert "Ready: your audio is good" in wizard.done_page.summary.text()
    assert wizard.next.text() == "Open HomeSeat"
    await shoot(wizard, "first-run-5-done.png")
    wizard.next.click()
    shell = await asyncio.wait_for(outcome, 10)
    assert shell is made[-1]
    assert shell.session.info is not None
    assert shell.session.info.username == "agent1"

    # Then the main window, without a second sign-in.
    running = asyncio.ensure_future(shell.run())
    await until(lambda: shell.window is not None and shell.window.isVisible(), "the main window")
    assert shell.window is not None
    assert "agent1" in hub.online_usernames()
    shell.request_quit()
    assert await asyncio.wait_for(running, 10) == 0
    await shell.close()
    await wait_for(lambda: not hub.online_usernames(), 5, "the hub to see the client leave")
    wizard.deleteLater()


async def test_quitting_the_wizard_closes_what_it_opened(
    hub: HubServer,
    certs: DevCerts,
    tmp_path: Path,
    qtbot: object,
    translations: Translations,
    icons: Icons,
) -> None:
    ui_state = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    make, made = shell_factory(tmp_path, translations, icons, ui_state)
    wizard = FirstRunWizard(
        FirstRunDeps(
            settings=base_settings(certs),
            hub=hub_choice(base_settings(certs), policy_paths(tmp_path, None)),
            make_shell=make,
            audio_io=audio_files(tmp_path),
            sip_probe=NoSipProbe(),
            icons=icons,
        )
    )
    outcome = asyncio.ensure_future(wizard.run())
    await until(wizard.isVisible, "the wizard to show")
    # No policy and the built-in placeholder: nothing is pre-filled, and an empty or
    # non-WebSocket address is refused with a reason before anything connects.
    assert wizard.hub_page.url.text() == ""
    wizard.next.click()
    assert at(wizard) is Step.HUB
    assert wizard.hub_page.error.text() == "Enter the platform address your IT department gave you."
    wizard.hub_page.url.setText("https://hub.example.com")
    wizard.next.click()
    assert "wss://" in wizard.hub_page.error.text()
    wizard.hub_page.url.setText(f"{hub.url}/")
    wizard.next.click()
    assert at(wizard) is Step.SIGN_IN
    assert wizard.model.hub_url == hub.url  # trailing slash dropped
    wizard.sign_in_page.username.setText("agent2")
    wizard.sign_in_page.password.setText(DEMO_PASSWORD)
    wizard.next.click()
    await until(lambda: at(wizard) is Step.AUDIO, "the sign-in")
    assert "agent2" in hub.online_usernames()
    wizard.quit.click()
    assert await asyncio.wait_for(outcome, 10) is None
    assert len(made) == 1
    await wait_for(lambda: "agent2" not in hub.online_usernames(), 10, "the hub to see it leave")
    wizard.deleteLater()


@pytest.mark.parametrize("language", ["zh_CN"])
async def test_wizard_pages_in_chinese_with_a_locked_url(
    hub: HubServer,
    certs: DevCerts,
    tmp_path: Path,
    qtbot: object,
    translations: Translations,
    icons: Icons,
    language: str,
) -> None:
    translations.set_language(language)
    paths = policy_paths(
        tmp_path,
        {
            "schema": 1,
            "serial": 1,
            "locked": {"hub": {"url": hub.url}},
            "reasons": {"/hub": "平台地址由信息技术部统一设置。"},
        },
    )
    settings = base_settings(certs, language)
    choice = hub_choice(settings, paths)
    assert choice.locked
    assert choice.url == hub.url
    ui_state = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    make, _ = shell_factory(tmp_path, translations, icons, ui_state)
    wizard = FirstRunWizard(
        FirstRunDeps(
            settings=settings,
            hub=choice,
            make_shell=make,
            audio_io=audio_files(tmp_path),
            sip_probe=NoSipProbe(),
            icons=icons,
            audio_engine="spectral",
        )
    )
    wizard.resize(640, 600)
    outcome = asyncio.ensure_future(wizard.run())
    await until(wizard.isVisible, "the wizard to show")
    assert wizard.hub_page.url.isReadOnly()
    assert wizard.hub_page.title.text() == "欢迎使用居家座席"
    assert "平台地址由信息技术部统一设置" in wizard.hub_page.note.text()
    assert wizard.step_label.text() == "第 1 步，共 4 步"
    await shoot(wizard, "first-run-1-hub-zh_CN.png")
    wizard.next.click()
    wizard.sign_in_page.username.setText("agent3")
    wizard.sign_in_page.password.setText(DEMO_PASSWORD)
    await shoot(wizard, "first-run-2-sign-in-zh_CN.png")
    wizard.next.click()
    await until(lambda: at(wizard) is Step.AUDIO, "the sign-in")
    wizard.audio_check.record_button.click()
    await until(lambda: wizard.audio_check.check_result is not None, "the audio verdict", 60)
    await shoot(wizard, "first-run-3-audio-zh_CN.png")
    wizard.next.click()
    await until(lambda: wizard.model.network is not None, "the network check")
    assert wizard.network_page.title.text() == "检查网络连接"
    await shoot(wizard, "first-run-4-network-zh_CN.png")
    wizard.next.click()
    assert wizard.next.text() == "打开居家座席"
    await shoot(wizard, "first-run-5-done-zh_CN.png")
    wizard.next.click()
    shell = await asyncio.wait_for(outcome, 10)
    assert shell is not None
    await shell.close()
    await wait_for(lambda: not hub.online_usernames(), 5, "the hub to see the client leave")
    wizard.deleteLater()
