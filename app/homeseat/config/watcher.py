"""Polling file watcher: notices a changed, new, removed or unreadable file within one interval.

Runs as an asyncio task on the event-loop thread (the Qt main thread under qasync). Polling, not
inotify/ReadDirectoryChanges: it works the same on every OS, on network home folders and for files
replaced by rename (how editors and IT tools save), and two small files every couple of seconds
cost nothing. Each tick stats every file; when (mtime, size, inode) changed — and on every
``rehash_every``-th tick anyway, for file systems with coarse timestamps — it reads the file and
compares a SHA-256, so only a real change of content is reported.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = ["FileEvent", "PollingWatcher", "read_capped"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FileEvent:
    """What a watched file holds now.

    Attributes:
        path: the file.
        data: its bytes (at most ``cap + 1``, so a huge file is seen as too large, not read
            whole), or None when it is missing or unreadable.
        error: why it could not be read (None when missing or read).
    """

    path: Path
    data: bytes | None
    error: OSError | None = None

    @property
    def missing(self) -> bool:
        """True when the file does not exist."""
        return self.data is None and self.error is None


def read_capped(path: Path, cap: int) -> FileEvent:
    """Read ``path`` (at most ``cap + 1`` bytes)."""
    try:
        with path.open("rb") as handle:
            return FileEvent(path, handle.read(cap + 1))
    except FileNotFoundError:
        return FileEvent(path, None)
    except OSError as exc:
        return FileEvent(path, None, exc)


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)


def _digest(event: FileEvent) -> str:
    if event.data is not None:
        return hashlib.sha256(event.data).hexdigest()
    return "missing" if event.error is None else f"error:{event.error.errno}"


class PollingWatcher:
    """Watches a few files and calls ``on_change`` for each real change of content.

    Args:
        paths: files to watch (they need not exist).
        on_change: called on the event-loop thread with the file's new content.
        cap: read at most this many bytes plus one.
        interval: seconds between ticks.
        on_tick: called after every tick (e.g. to expire a policy whose time has come).
        rehash_every: read and hash even unchanged-looking files every this many ticks.
    """

    def __init__(
        self,
        paths: Sequence[Path],
        on_change: Callable[[FileEvent], None],
        *,
        cap: int,
        interval: float = 2.0,
        on_tick: Callable[[], None] | None = None,
        rehash_every: int = 10,
    ) -> None:
        self._paths = tuple(paths)
        self._on_change = on_change
        self._on_tick = on_tick
        self._cap = cap
        self._interval = interval
        self._rehash_every = max(1, rehash_every)
        self._stamps: dict[Path, tuple[int, int, int] | None] = {}
        self._digests: dict[Path, str] = {}
        self._task: asyncio.Task[None] | None = None
        self._ticks = 0

    def prime(self, event: FileEvent) -> None:
        """Record content already loaded, so the first tick does not report it again."""
        self._stamps[event.path] = _stamp(event.path)
        self._digests[event.path] = _digest(event)

    def start(self) -> None:
        """Start polling (idempotent). Must be called with a running event loop."""
        if self._task is None or self._task.done():
            self._task = asyncio.get_running_loop().create_task(self._run(), name="config-watch")

    async def stop(self) -> None:
        """Stop polling and wait for the task to end."""
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    @property
    def running(self) -> bool:
        """True while the polling task is alive."""
        return self._task is not None and not self._task.done()

    def poll(self) -> list[FileEvent]:
        """One tick: report and return the files whose content changed."""
        self._ticks += 1
        rehash = self._ticks % self._rehash_every == 0
        changed: list[FileEvent] = []
        for path in self._paths:
            stamp = _stamp(path)
            if not rehash and path in self._stamps and stamp == self._stamps[path]:
                continue
            self._stamps[path] = stamp
            event = read_capped(path, self._cap)
            digest = _digest(event)
            if self._digests.get(path) == digest:
                continue
            self._digests[path] = digest
            changed.append(event)
            self._deliver(event)
        if self._on_tick is not None:
            try:
                self._on_tick()
            except Exception:
                log.exception("configuration tick failed")
        return changed

    def _deliver(self, event: FileEvent) -> None:
        try:
            self._on_change(event)
        except Exception:
            # A bad file must never stop the watching: log it, keep polling.
            log.exception("handling a change of %s failed", event.path.name)

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self._interval)
            try:
                self.poll()
            except Exception:
                log.exception("configuration watcher tick failed")
