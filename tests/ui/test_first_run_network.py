"""The wizard's SIP check against a real registrar (Kamailio on loopback): registered, refused,
no password, nothing configured; and how the network page words each outcome."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from homeseat.config.model import ClientSettings, SipAccount, SipSettings
from homeseat.core.first_run import Level, NetworkReport, SipCheck, SipState
from homeseat.security.secrets import MemorySecretStore
from homeseat.sip.labregistrar import LabRegistrar, LabRegistrarConfig
from homeseat.ui.first_run_checks import EngineSipProbe
from homeseat.ui.first_run_pages import NetworkPage
from homeseat.ui.i18n import Translations


@pytest.fixture
def registrar(tmp_path: Path) -> Iterator[LabRegistrar]:
    lab = LabRegistrar(LabRegistrarConfig(users={"agent5": "sip-secret"}, workdir=tmp_path / "k"))
    lab.start()
    try:
        yield lab
    finally:
        lab.stop()


def with_account(registrar: LabRegistrar) -> ClientSettings:
    account = SipAccount(
        id="main",
        registrar=f"127.0.0.1:{registrar.ports.udp}",
        user="{username}",  # one account in the policy for every agent
        transport="udp",
        srtp="disabled",
        register_seconds=60,
    )
    return ClientSettings(sip=SipSettings(accounts=(account,), codecs=("PCMU/8000/1",)))


async def test_sip_probe_registers_and_explains_refusals(
    registrar: LabRegistrar, qtbot: object, translations: Translations
) -> None:
    settings = with_account(registrar)
    secrets = MemorySecretStore()
    secrets.set("sip:main", "sip-secret")
    probe = EngineSipProbe(secrets, timeout=15, bind_address="127.0.0.1")

    registered = await probe.check(settings, "agent5")
    assert registered.state is SipState.REGISTERED, registered.detail
    assert registered.account == "main"
    assert registered.detail.startswith("200")

    secrets.set("sip:main", "not-the-password")
    refused = await probe.check(settings, "agent5")
    assert refused.state is SipState.FAILED
    assert "not-the-password" not in refused.detail  # never a password in what is shown

    missing = await EngineSipProbe(MemorySecretStore()).check(settings, "agent5")
    assert missing == SipCheck(SipState.NO_PASSWORD, "main", "keyring entry sip:main")
    nothing = await probe.check(ClientSettings(), "agent5")
    assert nothing.state is SipState.NOT_CONFIGURED

    page = NetworkPage()
    qtbot.addWidget(page)  # type: ignore[attr-defined]
    page.show_report(NetworkReport((0.4, 0.5, 0.6), registered))
    assert page.hub_result.text() == "0.5 ms round trip (good)"
    assert page.sip_result.text() == "phone line main registered"
    assert page.advice.text() == "Your connection is ready for calls and chats."
    page.show_report(NetworkReport((220.0, 260.0, 240.0), refused))
    assert page.hub_result.text() == "240 ms round trip (slow)"
    assert page.sip_result.text().startswith("phone line main refused: ")
    assert "call IT support" in page.advice.text()
    assert NetworkReport((240.0,), refused).level is Level.FAIL
    translations.set_language("zh_CN")
    assert page.sip_result.text().startswith("电话线路 main 被拒绝：")
