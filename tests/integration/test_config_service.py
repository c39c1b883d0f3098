"""The configuration service on real files: layers, user changes, bad files, hot reload."""

from __future__ import annotations

import asyncio
import json
import os
from pathlib import Path
from typing import Any

import pytest

from homeseat.config.layers import Layer
from homeseat.config.paths import ConfigPaths
from homeseat.config.service import ConfigChange, ConfigService, SettingRefused
from homeseat.config.status import DocState


def _write(path: Path, doc: Any) -> None:
    data = doc if isinstance(doc, bytes) else json.dumps(doc, ensure_ascii=False).encode()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)  # how deployment tools write: never a half file


def _policy(
    serial: int,
    defaults: dict[str, Any] | None = None,
    locked: dict[str, Any] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    return {
        "schema": 1,
        "serial": serial,
        "defaults": defaults or {},
        "locked": locked or {},
        **extra,
    }


@pytest.fixture
def paths(tmp_path: Path) -> ConfigPaths:
    return ConfigPaths(
        tmp_path / "etc" / "policy.json", tmp_path / "user" / "settings.json", tmp_path / "state"
    )


def test_each_layer_from_files(paths: ConfigPaths) -> None:
    _write(
        paths.managed,
        _policy(
            4,
            defaults={"chat": {"capacity": 5}, "language": "zh_CN", "alerts": {"poor_mos": 3.0}},
            locked={"alerts": {"poor_mos": 3.2}},
            reasons={"/alerts": "Agreed with operations"},
        ),
    )
    _write(paths.user, {"schema": 1, "settings": {"language": "en", "alerts": {"poor_mos": 4.0}}})
    service = ConfigService(paths)
    eff = service.load()
    assert eff.settings.wrap_up_seconds == 60  # built-in
    assert eff.sources["/wrap_up_seconds"].layer is Layer.BUILTIN
    assert eff.settings.chat.capacity == 5  # managed default
    assert eff.sources["/chat/capacity"].origin == str(paths.managed)
    assert eff.sources["/chat/capacity"].serial == 4
    assert eff.settings.language == "en"  # user beats managed default
    assert eff.sources["/language"].layer is Layer.USER
    assert eff.settings.alerts.poor_mos == 3.2  # locked beats user
    assert eff.locked["/alerts/poor_mos"] == "Agreed with operations"
    assert service.status().healthy


def test_locked_key_refuses_a_user_change(paths: ConfigPaths) -> None:
    _write(
        paths.managed,
        _policy(1, locked={"security": {"idle_lock_minutes": 5}}, reasons={"/security": "IS-07"}),
    )
    service = ConfigService(paths)
    service.load()
    with pytest.raises(SettingRefused) as err:
        service.set_user_value("/security/idle_lock_minutes", 60)
    assert err.value.reason == "locked"
    assert "IS-07" in err.value.message
    assert service.settings.security.idle_lock_minutes == 5
    assert not paths.user.exists()
    # A hand-edited user file cannot unlock it either.
    _write(paths.user, {"schema": 1, "settings": {"security": {"idle_lock_minutes": 60}}})
    service.poll()
    assert service.settings.security.idle_lock_minutes == 5


def test_user_changes_apply_live_or_say_restart(paths: ConfigPaths) -> None:
    service = ConfigService(paths)
    service.load()
    changes: list[ConfigChange] = []
    service.subscribe(changes.append)
    change = service.set_user_value("/audio/input_device", "USB Headset")
    assert change is not None
    assert change.changed == ("/audio/input_device",)
    assert change.restart_needed == ()
    assert service.settings.audio.input_device == "USB Headset"
    change = service.set_user_value("/hub/heartbeat_seconds", 20.0)
    assert change is not None
    assert change.restart_needed == ()
    change = service.set_user_value("/sip/codecs", ["PCMA/8000/1"])
    assert change is not None
    assert change.restart_needed == ("/sip/codecs",)
    assert len(changes) == 3
    saved = json.loads(paths.user.read_text("utf-8"))
    assert saved["settings"]["audio"] == {"input_device": "USB Headset"}
    # Survives a restart.
    again = ConfigService(paths)
    assert again.load().settings.sip.codecs == ("PCMA/8000/1",)
    assert again.effective.sources["/sip/codecs"].layer is Layer.USER
    # Invalid, unknown and clashing changes are refused and change nothing.
    for pointer, value, reason in (
        ("/chat/capacity", "3", "invalid"),
        ("/chat/capacity", 99, "invalid"),
        ("/chat/nope", 1, "unknown"),
        ("/hub/url", "ws://lab:1", "conflict"),
    ):
        with pytest.raises(SettingRefused) as err:
            service.set_user_value(pointer, value)
        assert err.value.reason == reason
    assert len(changes) == 3
    assert service.reset_user_value("/audio/input_device") is not None
    assert service.settings.audio.input_device is None


def test_one_bad_key_applies_the_rest(paths: ConfigPaths) -> None:
    _write(
        paths.managed,
        _policy(
            2,
            defaults={
                "chat": {"capacity": "many", "auto_accept": True},
                "language": "en",
            },
        ),
    )
    service = ConfigService(paths)
    service.load()
    assert service.settings.chat.auto_accept is True
    assert service.settings.language == "en"
    assert service.settings.chat.capacity == 3
    managed = service.status().documents[0]
    assert managed.state is DocState.PARTIAL
    assert [p.pointer for p in managed.problems] == ["/defaults/chat/capacity"]
    assert managed.in_force_serial == 2


def test_invalid_file_keeps_the_last_good_one(paths: ConfigPaths) -> None:
    _write(paths.managed, _policy(2, locked={"chat": {"capacity": 6}}))
    service = ConfigService(paths)
    service.load()
    good = service.status().documents[0].in_force_sha256
    for broken in (b"{not json", b"\xff\xfe{\x00}\x00", json.dumps([1]).encode(), b""):
        _write(paths.managed, broken)
        service.poll()
        assert service.settings.chat.capacity == 6
        assert service.effective.locked == {"/chat/capacity": "Set by your IT department"}
        managed = service.status().documents[0]
        assert managed.state is DocState.REFUSED
        assert managed.problems
        assert managed.in_force_serial == 2
        assert managed.in_force_sha256 == good
    # Removing the file is deliberate: its policy stops applying.
    paths.managed.unlink()
    service.poll()
    assert service.settings.chat.capacity == 3
    assert service.status().documents[0].state is DocState.MISSING


def test_expired_policy_stops_applying_on_the_next_tick(paths: ConfigPaths) -> None:
    from datetime import UTC, datetime, timedelta

    clock = [datetime(2026, 1, 1, tzinfo=UTC)]
    _write(
        paths.managed,
        _policy(
            1,
            defaults={"chat": {"capacity": 7}},
            expires=(clock[0] + timedelta(hours=1)).isoformat(),
        ),
    )
    service = ConfigService(paths, now=lambda: clock[0])
    service.load()
    assert service.settings.chat.capacity == 7
    clock[0] += timedelta(hours=2)
    service.poll()
    assert service.settings.chat.capacity == 3
    assert service.status().documents[0].state is DocState.EXPIRED


class _Waiter:
    """Wakes on every status report of the service; every wait is bounded."""

    def __init__(self, service: ConfigService) -> None:
        self._event = asyncio.Event()
        service.subscribe_status(lambda _status: self._event.set())

    async def until(self, predicate: Any) -> None:
        async with asyncio.timeout(5.0):
            while not predicate():
                self._event.clear()
                await self._event.wait()


async def test_hot_reload_on_file_change(paths: ConfigPaths) -> None:
    _write(paths.managed, _policy(1, defaults={"language": "zh_CN"}))
    service = ConfigService(paths, poll_seconds=0.05)
    service.load()
    changes: list[ConfigChange] = []
    statuses: list[object] = []
    service.subscribe(changes.append)
    service.subscribe_status(statuses.append)
    waiter = _Waiter(service)
    service.start()
    try:
        _write(
            paths.managed, _policy(2, defaults={"language": "en"}, locked={"chat": {"capacity": 1}})
        )
        await waiter.until(lambda: service.settings.language == "en")
        assert service.settings.chat.capacity == 1
        assert changes[-1].changed == ("/language", "/chat/capacity")
        assert statuses
        # The user file is watched too (edited by hand or by another tool).
        _write(paths.user, {"schema": 1, "settings": {"audio": {"bypass": True}}})
        await waiter.until(lambda: service.settings.audio.bypass)
        # A broken save is refused while the watcher keeps running.
        _write(paths.managed, b'{"schema": 1, "serial": ')
        await waiter.until(lambda: service.status().documents[0].state is DocState.REFUSED)
        _write(paths.managed, _policy(3, defaults={"language": "zh_CN"}))
        await waiter.until(lambda: service.settings.language == "zh_CN")
        assert service.settings.chat.capacity == 3
    finally:
        await service.stop()


async def test_listener_errors_do_not_stop_the_watcher(paths: ConfigPaths) -> None:
    service = ConfigService(paths, poll_seconds=0.05)
    service.load()

    def explode(_change: ConfigChange) -> None:
        raise RuntimeError("listener bug")

    service.subscribe(explode)
    waiter = _Waiter(service)
    service.start()
    try:
        _write(paths.managed, _policy(1, defaults={"chat": {"capacity": 2}}))
        await waiter.until(lambda: service.settings.chat.capacity == 2)
        _write(paths.managed, _policy(2, defaults={"chat": {"capacity": 4}}))
        await waiter.until(lambda: service.settings.chat.capacity == 4)
    finally:
        await service.stop()


def test_unreadable_file_keeps_the_last_good_one(paths: ConfigPaths) -> None:
    if os.geteuid() == 0:
        # root reads any file: make it unreadable by making it a directory instead.
        _write(paths.managed, _policy(1, defaults={"chat": {"capacity": 2}}))
        service = ConfigService(paths)
        service.load()
        paths.managed.unlink()
        paths.managed.mkdir()
    else:
        _write(paths.managed, _policy(1, defaults={"chat": {"capacity": 2}}))
        service = ConfigService(paths)
        service.load()
        paths.managed.chmod(0)
    service.poll()
    assert service.settings.chat.capacity == 2
    managed = service.status().documents[0]
    assert managed.state is DocState.REFUSED
    assert "cannot read" in managed.problems[0].message
