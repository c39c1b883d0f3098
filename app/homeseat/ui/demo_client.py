"""The client side of ``homeseat demo``: agent and lead windows, signed in, and the robots.

Runs on the Qt main thread's qasync loop (the hub runs elsewhere, see :mod:`homeseat.demo`).
Stop order: robots → windows and their sessions (closed, not signed out) → local stores.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import signal
from pathlib import Path

import qasync
from PySide6.QtCore import QTimer

from homeseat import __version__
from homeseat.config.model import ClientSettings, HubSettings
from homeseat.demo import AGENT_USER, DEMO_PASSWORD, LEAD_USER, ROBOT_USERS
from homeseat.demo_customers import CustomerCrowd
from homeseat.demo_robots import Robot
from homeseat.platform.local import open_client_store
from homeseat.platform.session import SignInError
from homeseat.security.secrets import MemorySecretStore
from homeseat.ui.app import create_application, use_offscreen_without_display
from homeseat.ui.i18n import Translations
from homeseat.ui.icons import Icons
from homeseat.ui.main_window import MainWindow
from homeseat.ui.shell import ClientShell

__all__ = ["DemoClient", "SCREENSHOT_DELAY"]

log = logging.getLogger(__name__)

#: Seconds after the windows open before screenshots are taken (robots have moved by then).
SCREENSHOT_DELAY = 5.5


class DemoClient:
    """Two signed-in windows and six robots against the demo hub.

    Args:
        url: the hub's wss:// URL.
        ca_file: the demo CA the clients trust.
        folder: temporary folder for the local client stores.
        language: "system", "en" or "zh_CN".
        rng: random source for the robots.
    """

    def __init__(
        self, *, url: str, ca_file: Path, folder: Path, language: str, rng: random.Random
    ) -> None:
        self._folder = folder
        self._rng = rng
        self._settings = ClientSettings(
            hub=HubSettings(url=url, ca_file=ca_file, reconnect_max_seconds=5.0),
            language=language,
        )
        self._shells: list[ClientShell] = []
        self._robots: list[Robot] = []
        # Scripted customers on the hub's chat page protocol (issue 6).
        self._customers = CustomerCrowd(url, ca_file, random.Random(rng.random()))
        self._quit: asyncio.Future[None] | None = None

    def run(self, *, duration: float | None, screenshot_dir: Path | None) -> int:
        """Run until a window quits, Ctrl+C, or ``duration``; returns the exit code."""
        if screenshot_dir is not None:
            screenshot_dir.mkdir(parents=True, exist_ok=True)
        if use_offscreen_without_display():
            print("homeseat demo: no display, the windows are drawn offscreen", flush=True)
        app = create_application()
        translations = Translations(app)
        translations.set_language(self._settings.language)
        icons = Icons()

        async def main() -> int:
            self._quit = asyncio.get_running_loop().create_future()
            wake = QTimer()  # lets Python see Ctrl+C while Qt waits in C++
            wake.start(250)
            wake.timeout.connect(lambda: None)
            signal.signal(signal.SIGINT, lambda *_: self._request_quit())
            try:
                return await self._main(translations, icons, duration, screenshot_dir)
            finally:
                wake.stop()
                await self._shutdown()

        return int(qasync.run(main()))

    # ------------------------------------------------------------------ internals

    async def _main(
        self,
        translations: Translations,
        icons: Icons,
        duration: float | None,
        screenshot_dir: Path | None,
    ) -> int:
        try:
            agent = await self._open(AGENT_USER, translations, icons)
            lead = await self._open(LEAD_USER, translations, icons)
        except SignInError as exc:
            print(f"homeseat demo: sign-in failed: {exc.code}: {exc.message}", flush=True)
            return 1
        agent.move(30, 30)
        lead.move(90, 110)
        for user in ROBOT_USERS:
            robot = Robot(
                user,
                DEMO_PASSWORD,
                self._settings.hub,
                reason_codes=self._settings.reason_codes,
                wrap_up_codes=self._settings.wrap_up_codes,
                rng=random.Random(self._rng.random()),
                pace=0.8,
                flaky=user == ROBOT_USERS[-1],
            )
            try:
                await robot.start()
            except SignInError as exc:
                print(f"homeseat demo: robot {user} could not sign in: {exc.code}", flush=True)
                return 1
            self._robots.append(robot)
        self._customers.start()

        waits: list[asyncio.Future[object]] = [
            asyncio.ensure_future(shell.wait()) for shell in self._shells
        ]
        assert self._quit is not None
        waits.append(self._quit)  # type: ignore[arg-type]
        if duration is not None:
            waits.append(asyncio.ensure_future(asyncio.sleep(duration)))
        shots: asyncio.Task[bool] | None = None
        if screenshot_dir is not None:
            shots = asyncio.ensure_future(
                self._screenshots(agent, lead, screenshot_dir, translations.language)
            )
        await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
        for pending in waits:
            if not pending.done():
                pending.cancel()
        ok = True
        if shots is not None:
            if not shots.done():
                # Quitting before the screenshots: still take them, they were asked for.
                with contextlib.suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(asyncio.shield(shots), SCREENSHOT_DELAY + 5)
            ok = shots.done() and not shots.cancelled() and shots.result()
        return 0 if ok else 1

    async def _open(self, user: str, translations: Translations, icons: Icons) -> MainWindow:
        shell = ClientShell(
            self._settings,
            translations=translations,
            icons=icons,
            store=open_client_store(self._folder / f"client-{user}.sqlite3"),
            secrets=MemorySecretStore(),
            client_version=__version__,
            ui_state=None,
            use_tray=False,
        )
        self._shells.append(shell)
        await shell.sign_in(user, DEMO_PASSWORD, remember=False)
        return await shell.open_window()

    async def _screenshots(
        self, agent: MainWindow, lead: MainWindow, folder: Path, language: str
    ) -> bool:
        """Take PNGs of both windows once the robots have moved (agent goes Ready first)."""
        await asyncio.sleep(1.0)
        # As the agent would: click Ready, so the agent window shows a live state.
        agent.state_bar.menu.ready_action.trigger()
        await asyncio.sleep(SCREENSHOT_DELAY - 1.0)
        ok = True
        for window, role in ((agent, "agent"), (lead, "lead")):
            path = folder / f"{role}-{language}.png"
            if window.grab().save(str(path)):
                print(f"screenshot: {path}", flush=True)
            else:
                log.error("could not save %s", path)
                ok = False
        return ok

    def _request_quit(self) -> None:
        if self._quit is not None and not self._quit.done():
            self._quit.set_result(None)

    async def _shutdown(self) -> None:
        await self._customers.stop()
        for robot in self._robots:
            try:
                await robot.stop()
            except Exception:
                log.exception("robot %s did not stop cleanly", robot.username)
        self._robots.clear()
        for shell in self._shells:
            try:
                await shell.close()
            except Exception:
                log.exception("a demo window did not close cleanly")
        self._shells.clear()
