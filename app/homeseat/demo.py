"""``homeseat demo``: a whole contact center on one machine, in one command.

Threads and loops: the hub runs in its own thread with its own asyncio loop (as it would on a
server); the two windows and the six robot agents run on the Qt main thread's qasync loop (as the
client does). Start order: certificates and database → hub thread → windows (signed in) → robots.
Stop order: robots → windows and their sessions → hub thread. Everything lives in a temporary
folder that is removed at the end.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from homeseat import __version__

__all__ = ["run_demo", "HubThread", "DEMO_PASSWORD", "AGENT_USER", "LEAD_USER", "ROBOT_USERS"]

log = logging.getLogger(__name__)

DEMO_PASSWORD = "demo1234"
AGENT_USER = "agent1"
LEAD_USER = "lead1"
#: Robot agents; the last one drops its connection now and then. agent8 stays signed out.
ROBOT_USERS = ("agent2", "agent3", "agent4", "agent5", "agent6", "agent7")


class HubThread:
    """Runs a HubServer on its own thread and asyncio loop.

    Args:
        make_server: builds the (not yet started) server; called on the hub thread.
        name: thread name.
    """

    def __init__(self, make_server: Callable[[], Any], name: str = "demo-hub") -> None:
        self._make_server = make_server
        self._thread = threading.Thread(target=self._main, name=name, daemon=True)
        self._ready = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._server: Any = None
        self.error: BaseException | None = None
        self.url = ""

    def start(self, timeout: float = 20.0) -> str:
        """Start the thread and wait until the hub listens; returns its URL."""
        self._thread.start()
        if not self._ready.wait(timeout):
            raise TimeoutError("the demo hub did not start in time")
        if self.error is not None:
            raise RuntimeError(f"the demo hub failed to start: {self.error!r}") from self.error
        return self.url

    def stop(self, timeout: float = 10.0) -> None:
        """Ask the hub to stop and wait for its thread."""
        loop, stop = self._loop, self._stop
        if loop is not None and stop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):  # the loop may have ended already
                loop.call_soon_threadsafe(stop.set)
        self._thread.join(timeout)
        if self._thread.is_alive():
            log.error("the demo hub thread did not stop within %.0f s", timeout)

    def _main(self) -> None:
        try:
            asyncio.run(self._serve())
        except BaseException as exc:
            # Never die silently at a thread boundary: keep the error and say it.
            self.error = exc
            log.error("demo hub thread failed", exc_info=exc)
        finally:
            self._ready.set()

    async def _serve(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        server = self._server = self._make_server()
        await server.start()
        self.url = server.url
        self._ready.set()
        try:
            await self._stop.wait()
        finally:
            await server.stop()


def _make_hub_factory(folder: Path) -> tuple[Callable[[], Any], Path]:
    """A factory for the demo hub (TLS with a throwaway CA, seeded SQLite) and the CA file."""
    from homeseat.devcerts import make_dev_certs
    from homeseat.hub.config import HubConfig
    from homeseat.hub.demo import seed_demo
    from homeseat.hub.knowledge import seed_demo_cards
    from homeseat.hub.server import HubServer
    from homeseat.hub.storage import Storage

    certs = make_dev_certs(folder / "certs")
    db_path = folder / "hub.sqlite3"

    def make() -> Any:
        # Runs on the hub thread: SQLite connections belong to the thread that opened them.
        storage = Storage(db_path)
        seed_demo(storage)
        storage.grant("lead1", "surge", actor="demo")  # demo lead sets surge levels (issue 5)
        seed_demo_cards(db_path)  # the sample knowledge cards (issue 7)
        config = HubConfig(
            host="127.0.0.1",
            port=0,
            db_path=db_path,
            tls_cert=certs.cert_file,
            tls_key=certs.key_file,
        )
        return HubServer(config, storage=storage)  # the server closes the storage at stop

    return make, certs.ca_file


def run_demo(
    *,
    duration: float | None = None,
    screenshot_dir: Path | None = None,
    language: str = "system",
    seed: int | None = None,
) -> int:
    """Run the demo until a window is closed, Quit is chosen or ``duration`` passes."""
    from homeseat.ui.demo_client import DemoClient  # Qt and the client stack load here

    with tempfile.TemporaryDirectory(prefix="homeseat-demo-") as tmp:
        folder = Path(tmp)
        make_server, ca_file = _make_hub_factory(folder)
        hub = HubThread(make_server)
        try:
            url = hub.start()
        except (RuntimeError, TimeoutError) as exc:
            print(f"homeseat demo: {exc}")
            hub.stop()
            return 1
        print(
            f"homeseat demo {__version__}: hub at {url} (users agent1..agent8, lead1; "
            f"password {DEMO_PASSWORD})",
            flush=True,
        )
        page = url.replace("wss://", "https://", 1) + "/chat/"
        print(f"customer chat page: {page} (demo CA: the browser will ask)", flush=True)
        demo = DemoClient(
            url=url,
            ca_file=ca_file,
            folder=folder,
            language=language,
            rng=random.Random(seed),
        )
        try:
            code = demo.run(duration=duration, screenshot_dir=screenshot_dir)
        finally:
            hub.stop()
        if hub.error is not None:
            return 1
        return code
