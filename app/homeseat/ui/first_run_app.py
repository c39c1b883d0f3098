"""Starting the app through the first-run wizard (the first sign-in on this computer).

Qt main thread, qasync loop. :func:`run_first_run` builds the wizard's real parts (the policy's
hub URL, the sound card, the SIP probe) and returns the signed-in shell, or None when the agent
quits. ``homeseat.ui.app.run_client`` calls it when :func:`needs_first_run` says so.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from homeseat.audio.check import CheckAudioIO, DeviceCheckIO
from homeseat.config.model import ClientSettings
from homeseat.security.secrets import SecretStore
from homeseat.ui.first_run import FirstRunDeps, FirstRunWizard
from homeseat.ui.first_run_checks import EngineSipProbe, SipProbe
from homeseat.ui.first_run_config import hub_choice, needs_first_run, save_hub_url
from homeseat.ui.icons import Icons
from homeseat.ui.shell import ClientShell

__all__ = ["run_first_run", "needs_first_run"]


async def run_first_run(
    settings: ClientSettings,
    make_shell: Callable[[ClientSettings], ClientShell],
    *,
    secrets: SecretStore,
    settings_path: Path | None,
    on_open: Callable[[FirstRunWizard], None] | None = None,
    audio_io: CheckAudioIO | None = None,
    sip_probe: SipProbe | None = None,
) -> ClientShell | None:
    """Run the wizard; the signed-in shell, or None when the agent quit it.

    Args:
        settings: the client settings read at start.
        make_shell: builds a signed-out shell for some settings (the wizard picks the hub).
        secrets: the keyring (sign-in token, SIP password).
        settings_path: where the chosen hub URL is saved (None: not saved).
        on_open: told about the wizard once it exists (Ctrl+C handling closes it).
        audio_io: the audio check's device (default: the sound card).
        sip_probe: how SIP registration is checked (default: a short-lived engine).
    """
    deps = FirstRunDeps(
        settings=settings,
        hub=hub_choice(settings),
        make_shell=make_shell,
        audio_io=audio_io or DeviceCheckIO(),
        sip_probe=sip_probe or EngineSipProbe(secrets),
        icons=Icons(),
        can_remember=secrets.available,
        save_hub_url=partial(save_hub_url, settings_path) if settings_path else None,
        audio_engine=settings.audio.engine,  # analyse_recording maps "auto"/"off" itself
    )
    wizard = FirstRunWizard(deps)
    if on_open is not None:
        on_open(wizard)
    try:
        return await wizard.run()
    finally:
        wizard.deleteLater()
