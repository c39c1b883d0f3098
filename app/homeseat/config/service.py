"""The configuration service: loads, watches and merges the layers, takes pushes and user changes.

Runs on the event-loop thread (asyncio; the Qt main thread under qasync): every method is called
there and every listener is called there. File reads are a few KiB, capped, so they do not block
the loop noticeably.

Layers, lowest first: built-in defaults < managed defaults < user settings < managed locked. The
"managed" layers come from the managed policy file and from the last accepted hub push; of the
two, the one with the higher serial is laid over the other (a tie goes to the file). A file that
cannot be read or parsed leaves its last good version in force; a file with some bad keys applies
the rest. Expired policies stop applying on the next watcher tick.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import ValidationError

from homeseat.config.documents import (
    MAX_DOCUMENT_BYTES,
    POLICY_SCHEMA_VERSION,
    DocumentError,
    PolicyDocument,
    parse_policy,
    parse_user_settings,
)
from homeseat.config.keys import settings_keys, unflatten
from homeseat.config.layers import Effective, Layer, LayerValues, merge
from homeseat.config.model import ClientSettings
from homeseat.config.paths import ConfigPaths, write_atomic
from homeseat.config.pushes import PushStore
from homeseat.config.status import DocState, DocumentStatus, PolicyStatus, PushResult, Seen
from homeseat.config.validation import Problem, error_text
from homeseat.config.watcher import FileEvent, PollingWatcher, read_capped

__all__ = ["ConfigService", "ConfigChange", "SettingRefused", "PUSH_ORIGIN"]

log = logging.getLogger(__name__)
PUSH_ORIGIN = "hub push"
Listener = Callable[["ConfigChange"], None]
StatusListener = Callable[[PolicyStatus], None]


class SettingRefused(Exception):
    """A user change that was not made; ``reason`` for programs, ``message`` for people."""

    def __init__(
        self,
        reason: Literal["unknown", "locked", "invalid", "conflict", "io"],
        message: str,
        pointer: str,
    ) -> None:
        super().__init__(f"{pointer}: {message}")
        self.reason = reason
        self.message = message
        self.pointer = pointer


@dataclass(frozen=True)
class ConfigChange:
    """The effective configuration changed.

    Attributes:
        before: the previous effective configuration.
        after: the new one.
        changed: keys whose value changed.
        restart_needed: those of ``changed`` that only apply after a restart.
    """

    before: Effective
    after: Effective
    changed: tuple[str, ...]
    restart_needed: tuple[str, ...]

    @property
    def settings(self) -> ClientSettings:
        """The new typed settings."""
        return self.after.settings


def _utc_now() -> datetime:
    return datetime.now(UTC)


class ConfigService:
    """Layered, watched, pushable configuration (event-loop thread).

    Args:
        paths: where the managed file, user file and push state live.
        now: the wall clock (aware datetimes), for expiry.
        poll_seconds: watcher interval.
    """

    def __init__(
        self,
        paths: ConfigPaths,
        *,
        now: Callable[[], datetime] = _utc_now,
        poll_seconds: float = 2.0,
    ) -> None:
        self._paths = paths
        self._now = now
        self._pushes = PushStore(paths.pushed, paths.push_state)
        self._managed: PolicyDocument | None = None
        self._user_values: dict[str, Any] = {}
        self._user_sha: str | None = None
        self._seen: dict[str, Seen] = {
            "managed": Seen(DocState.MISSING),
            "user": Seen(DocState.MISSING),
        }
        self._last_push: PushResult | None = None
        self._effective = merge([])
        self._in_force: tuple[str, ...] = ()
        self._listeners: list[Listener] = []
        self._status_listeners: list[StatusListener] = []
        self._watcher = PollingWatcher(
            (paths.managed, paths.user),
            self._on_file,
            cap=MAX_DOCUMENT_BYTES,
            interval=poll_seconds,
            on_tick=self._on_tick,
        )

    # ------------------------------------------------------------------ lifecycle

    def load(self) -> Effective:
        """Read every source once (no notifications). Call before :meth:`start`."""
        for path, apply in (
            (self._paths.managed, self._read_managed),
            (self._paths.user, self._read_user),
        ):
            event = read_capped(path, MAX_DOCUMENT_BYTES)
            self._watcher.prime(event)
            apply(event)
        self._pushes.load(self._pin(), self._now())
        self._effective = self._merge(self._user_values)
        self._in_force = self._in_force_key()
        return self._effective

    def start(self) -> None:
        """Start watching the files (needs a running event loop)."""
        self._watcher.start()

    async def stop(self) -> None:
        """Stop watching."""
        await self._watcher.stop()

    def poll(self) -> None:
        """Check the files now (what the watcher does every interval)."""
        self._watcher.poll()

    # ------------------------------------------------------------------ reading

    @property
    def effective(self) -> Effective:
        """The effective configuration with sources and locks."""
        return self._effective

    @property
    def settings(self) -> ClientSettings:
        """The effective typed settings."""
        return self._effective.settings

    @property
    def paths(self) -> ConfigPaths:
        """The files in use."""
        return self._paths

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener`` on every change of the effective settings; returns an unsubscribe."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def subscribe_status(self, listener: StatusListener) -> Callable[[], None]:
        """Call ``listener`` whenever the status may have changed (to report it to the hub)."""
        self._status_listeners.append(listener)
        return lambda: (
            self._status_listeners.remove(listener) if listener in self._status_listeners else None
        )

    def status(self) -> PolicyStatus:
        """The policy status of this client, ready to report."""
        docs = (
            self._doc_status("managed", str(self._paths.managed), self._managed),
            self._doc_status("push", PUSH_ORIGIN, self._pushes.doc),
            self._doc_status("user", str(self._paths.user), None),
        )
        digest = hashlib.sha256(
            json.dumps(self._effective.values, sort_keys=True, default=str).encode()
        ).hexdigest()
        return PolicyStatus(
            documents=docs,
            last_push=self._last_push,
            conflicts=self._effective.problems,
            locked_keys=len(self._effective.locked),
            effective_sha256=digest,
            at=self._now(),
        )

    # ------------------------------------------------------------------ user changes

    def set_user_value(self, pointer: str, value: Any) -> ConfigChange | None:
        """Set a user value (JSON form) and save it; raises :class:`SettingRefused`.

        Returns:
            The change (None when the effective settings did not change).
        """
        spec = settings_keys().get(pointer)
        if spec is None:
            raise SettingRefused("unknown", "no such setting", pointer)
        reason = self._effective.locked.get(pointer)
        if reason is not None:
            raise SettingRefused("locked", f"locked by IT: {reason}", pointer)
        try:
            spec.validate(value)
        except (ValidationError, TypeError, ValueError) as exc:
            message = (
                error_text(exc.errors()[0]["msg"]) if isinstance(exc, ValidationError) else str(exc)
            )
            raise SettingRefused("invalid", f"{message} (expected {spec.rule})", pointer) from None
        return self._save_user({**self._user_values, pointer: value}, pointer)

    def reset_user_value(self, pointer: str) -> ConfigChange | None:
        """Forget the user's value of ``pointer`` (the managed or built-in value applies)."""
        if pointer not in self._user_values:
            return None
        values = {p: v for p, v in self._user_values.items() if p != pointer}
        return self._save_user(values, pointer)

    def user_value(self, pointer: str) -> tuple[bool, Any]:
        """``(True, value)`` when the user set ``pointer``, else ``(False, None)``."""
        return (pointer in self._user_values, self._user_values.get(pointer))

    def _save_user(self, values: dict[str, Any], pointer: str) -> ConfigChange | None:
        candidate = self._merge(values)
        clash = [p for p in candidate.problems if p.origin == str(self._paths.user)]
        if clash and not any(p.origin == str(self._paths.user) for p in self._effective.problems):
            raise SettingRefused("conflict", clash[0].message, pointer)
        data = (
            json.dumps(
                {"schema": POLICY_SCHEMA_VERSION, "settings": unflatten(values)},
                indent=2,
                ensure_ascii=False,
            )
            + "\n"
        ).encode("utf-8")
        try:
            write_atomic(self._paths.user, data)
        except OSError as exc:
            raise SettingRefused("io", f"cannot save settings: {exc.strerror}", pointer) from None
        self._watcher.prime(FileEvent(self._paths.user, data))
        self._user_values = values
        self._user_sha = hashlib.sha256(data).hexdigest()
        self._seen["user"] = Seen(DocState.OK, sha256=self._user_sha, at=self._now())
        change = self._commit(candidate)
        self._emit_status()
        return change

    # ------------------------------------------------------------------ pushes

    def apply_push(self, envelope: bytes | str | Mapping[str, Any]) -> PushResult:
        """Verify and apply a signed policy pushed by the hub.

        A refused push leaves the configuration exactly as it was. The result is also kept in
        :meth:`status` (``last_push``).
        """
        result = self._pushes.accept(envelope, self._pin(), self._now())
        self._last_push = result
        if result.accepted:
            self._recompute()
        self._emit_status()
        return result

    def _pin(self) -> bytes | None:
        return self._managed.signing_key if self._managed else None

    # ------------------------------------------------------------------ files

    def _on_file(self, event: FileEvent) -> None:
        if event.path == self._paths.managed:
            old_pin = self._pin()
            self._read_managed(event)
            if self._pin() != old_pin:
                # A new pin may accept or drop the stored push.
                self._pushes.load(self._pin(), self._now())
        else:
            self._read_user(event)
        self._recompute()
        self._emit_status()

    def _read_managed(self, event: FileEvent) -> None:
        now = self._now()
        if event.missing:
            # Removed on purpose by IT: its policy stops applying.
            self._managed = None
            self._seen["managed"] = Seen(DocState.MISSING, at=now)
            return
        if event.data is None:
            assert event.error is not None
            problem = Problem("", "readable file", f"cannot read: {event.error.strerror}")
            self._seen["managed"] = Seen(DocState.REFUSED, problems=(problem,), at=now)
            return
        sha = hashlib.sha256(event.data).hexdigest()
        try:
            doc = parse_policy(event.data)
        except DocumentError as exc:
            log.warning("managed policy refused; the last good one stays: %s", exc.problems[0])
            self._seen["managed"] = Seen(DocState.REFUSED, None, sha, exc.problems, now)
            return
        self._managed = doc
        state = (
            DocState.EXPIRED
            if doc.expired(now)
            else DocState.PARTIAL
            if doc.problems
            else DocState.OK
        )
        self._seen["managed"] = Seen(state, doc.serial, sha, doc.problems, now)

    def _read_user(self, event: FileEvent) -> None:
        now = self._now()
        if event.missing:
            self._user_values, self._user_sha = {}, None
            self._seen["user"] = Seen(DocState.MISSING, at=now)
            return
        if event.data is None:
            assert event.error is not None
            problem = Problem("", "readable file", f"cannot read: {event.error.strerror}")
            self._seen["user"] = Seen(DocState.REFUSED, problems=(problem,), at=now)
            return
        sha = hashlib.sha256(event.data).hexdigest()
        try:
            doc = parse_user_settings(event.data)
        except DocumentError as exc:
            self._seen["user"] = Seen(DocState.REFUSED, None, sha, exc.problems, now)
            return
        self._user_values, self._user_sha = dict(doc.values), sha
        state = DocState.PARTIAL if doc.problems else DocState.OK
        self._seen["user"] = Seen(state, None, sha, doc.problems, now)

    def _on_tick(self) -> None:
        if self._in_force_key() != self._in_force:
            now = self._now()
            if self._managed is not None and self._managed.expired(now):
                self._seen["managed"] = replace(
                    self._seen["managed"], state=DocState.EXPIRED, at=now
                )
            if self._pushes.doc is not None and self._pushes.doc.expired(now):
                self._pushes.seen = replace(self._pushes.seen, state=DocState.EXPIRED, at=now)
            self._recompute()
            self._emit_status()

    # ------------------------------------------------------------------ merging

    def _policies(self) -> list[tuple[PolicyDocument, str]]:
        """Policies in force, lowest precedence first."""
        now = self._now()
        found = [
            (d, o, rank)
            for d, o, rank in (
                (self._pushes.doc, PUSH_ORIGIN, 0),
                (self._managed, str(self._paths.managed), 1),
            )
            if d is not None and not d.expired(now)
        ]
        found.sort(key=lambda item: (item[0].serial, item[2]))
        return [(d, o) for d, o, _ in found]

    def _in_force_key(self) -> tuple[str, ...]:
        return tuple(d.sha256 for d, _ in self._policies())

    def _merge(self, user_values: Mapping[str, Any]) -> Effective:
        policies = self._policies()
        layers = [LayerValues(Layer.MANAGED, o, d.defaults, d.serial) for d, o in policies]
        layers.append(LayerValues(Layer.USER, str(self._paths.user), user_values))
        layers += [LayerValues(Layer.LOCKED, o, d.locked, d.serial) for d, o in policies]
        locked: dict[str, str] = {}
        for doc, _ in policies:
            locked.update(doc.lock_reasons)
        return merge(layers, locked)

    def _recompute(self) -> ConfigChange | None:
        self._in_force = self._in_force_key()
        return self._commit(self._merge(self._user_values))

    def _commit(self, after: Effective) -> ConfigChange | None:
        before, self._effective = self._effective, after
        changed = tuple(p for p in after.values if after.values[p] != before.values.get(p))
        if not changed and before.locked == after.locked and before.sources == after.sources:
            return None
        keys = settings_keys()
        change = ConfigChange(before, after, changed, tuple(p for p in changed if not keys[p].live))
        for listener in list(self._listeners):
            try:
                listener(change)
            except Exception:
                log.exception("a configuration listener failed")
        return change

    def _emit_status(self) -> None:
        if not self._status_listeners:
            return
        status = self.status()
        for listener in list(self._status_listeners):
            try:
                listener(status)
            except Exception:
                log.exception("a policy status listener failed")

    def _doc_status(
        self, kind: Literal["managed", "push", "user"], origin: str, doc: PolicyDocument | None
    ) -> DocumentStatus:
        seen = self._pushes.seen if kind == "push" else self._seen[kind]
        in_force: tuple[int | None, str | None]
        if kind == "user":
            in_force = (None, self._user_sha)
        elif doc is not None and not doc.expired(self._now()):
            in_force = (doc.serial, doc.sha256)
        else:
            in_force = (None, None)
        return DocumentStatus(
            kind,
            origin,
            seen.state,
            seen.serial,
            seen.sha256,
            in_force[0],
            in_force[1],
            seen.problems,
            seen.at,
        )
