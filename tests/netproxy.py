"""A userspace TCP proxy that can cut or black-hole connections (network-failure tests).

``tc netem`` is not available here; this stands between a client and a server on loopback:
``cut()`` resets every open connection at once (a dropped Wi-Fi), ``blackhole()`` keeps them
open but silently drops every byte both ways (a dead router: only timeouts can tell),
``heal()`` forwards again, and ``delay`` holds every chunk that long before forwarding it (a
congested uplink; TCP turns packet loss into exactly such stalls). Runs on the test's loop.
"""

from __future__ import annotations

import asyncio
import contextlib

__all__ = ["NetProxy"]


class NetProxy:
    """Forwards ``127.0.0.1:<port>`` to ``target_host:target_port``."""

    def __init__(self, target_host: str, target_port: int) -> None:
        self._target = (target_host, target_port)
        self._server: asyncio.Server | None = None
        self._pairs: set[tuple[asyncio.StreamWriter, asyncio.StreamWriter]] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        self.dropping = False
        self.delay = 0.0  # seconds every chunk waits before it is forwarded
        self.port = 0

    async def start(self) -> None:
        """Listen on a free loopback port."""
        self._server = await asyncio.start_server(self._accept, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        """Close everything."""
        self.cut()
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
        for task in list(self._tasks):
            task.cancel()

    def cut(self) -> None:
        """Reset every open connection (both sides see it at once)."""
        for client, upstream in list(self._pairs):
            for writer in (client, upstream):
                with contextlib.suppress(Exception):
                    writer.transport.abort()
        self._pairs.clear()

    def blackhole(self) -> None:
        """Keep connections open but drop every byte, both ways, until :meth:`heal`."""
        self.dropping = True

    def heal(self) -> None:
        """Forward again (connections black-holed meanwhile stay broken, as in real life)."""
        self.dropping = False

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            up_reader, up_writer = await asyncio.open_connection(*self._target)
        except OSError:
            writer.transport.abort()
            return
        pair = (writer, up_writer)
        self._pairs.add(pair)
        for src, dst in ((reader, up_writer), (up_reader, writer)):
            task = asyncio.create_task(self._pump(src, dst, pair))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _pump(
        self,
        src: asyncio.StreamReader,
        dst: asyncio.StreamWriter,
        pair: tuple[asyncio.StreamWriter, asyncio.StreamWriter],
    ) -> None:
        try:
            while data := await src.read(65536):
                if self.delay:
                    await asyncio.sleep(self.delay)
                if not self.dropping:
                    dst.write(data)
                    await dst.drain()
        except (ConnectionError, OSError):
            pass
        finally:
            self._pairs.discard(pair)
            with contextlib.suppress(Exception):
                dst.close()
