"""From the managed configuration (``sip`` section) to the engine's configuration.

Pure functions, any thread. Passwords are not settings: the caller reads the account's
password from the keyring (entry ``sip:<id>``) and passes it in.
"""

from __future__ import annotations

from homeseat.config.model import SipAccount, SipSettings
from homeseat.sip.events import AccountConfig, EngineConfig, SrtpUse, Transport

__all__ = ["engine_config", "account_config", "MissingSipPassword"]


class MissingSipPassword(LookupError):
    """No password in the keyring for a SIP account (the message names the entry)."""


def engine_config(sip: SipSettings, *, bind_address: str = "") -> EngineConfig:
    """The engine settings: codec priority from the configuration (unknown codecs are ignored)."""
    return EngineConfig(bind_address=bind_address, codecs=tuple(sip.codecs))


def _host(value: str) -> str:
    return value.removeprefix("sips:").removeprefix("sip:")


def account_config(
    sip: SipSettings, account: SipAccount, username: str, password: str | None
) -> AccountConfig:
    """The engine's account for ``account`` as used by agent ``username``.

    Raises:
        MissingSipPassword: ``password`` is None or empty.
    """
    if not password:
        raise MissingSipPassword(
            f"no password for SIP account {account.id!r} in the keyring "
            f"(entry {account.keyring_account!r}); ask IT support to provision it"
        )
    acc = account.for_agent(username)
    registrar = _host(acc.registrar)
    return AccountConfig(
        account_id=acc.id,
        user=acc.auth_user or acc.user,
        domain=_host(acc.domain) if acc.domain else registrar,
        password=password,
        transport=Transport(acc.transport),
        srtp=SrtpUse(acc.srtp),
        ca_file=sip.ca_file,
        verify_server=sip.verify_server,
        reg_timeout_s=acc.register_seconds,
    )
