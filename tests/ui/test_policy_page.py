"""The policy page over a real configuration service and real files (offscreen widgets)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QLabel, QLineEdit, QSpinBox

from homeseat.config.paths import ConfigPaths
from homeseat.config.service import ConfigService
from homeseat.paths import resources_dir
from homeseat.ui.policy_page import Column, PolicyPage

POLICY: dict[str, Any] = {
    "schema": 1,
    "serial": 12,
    "defaults": {"chat": {"capacity": 4}, "language": "en"},
    "locked": {
        "hub": {"url": "wss://hub.contact-center.example:8765"},
        "security": {"idle_lock_minutes": 5},
        "masking": {"phone": {"keep_end": 4}},
        "alerts": {"break_too_long_seconds": 600},
    },
    "reasons": {
        "/hub": "The platform address is set by IT.",
        "/security/idle_lock_minutes": "Information-security policy IS-07.",
        "/masking": "Customer data protection: identifiers are always masked.",
    },
}


@pytest.fixture
def service(tmp_path: Path) -> ConfigService:
    paths = ConfigPaths(tmp_path / "policy.json", tmp_path / "settings.json", tmp_path / "state")
    paths.managed.write_text(json.dumps(POLICY), "utf-8")
    svc = ConfigService(paths)
    svc.load()
    return svc


@pytest.fixture
def page(qtbot: Any, service: ConfigService) -> PolicyPage:
    widget = PolicyPage(service)
    qtbot.addWidget(widget)
    widget.resize(1100, 640)
    widget.show()
    return widget


def test_rows_show_value_source_and_lock(page: PolicyPage, service: ConfigService) -> None:
    assert page.table.rowCount() == len(service.effective.values)
    url = page.editor("/hub/url")
    assert isinstance(url, QLineEdit)
    assert url.text() == "wss://hub.contact-center.example:8765"
    assert not url.isEnabled()
    assert page.cell_text("/hub/url", Column.LOCK) == "The platform address is set by IT."
    assert page.cell_text("/hub/url", Column.SOURCE).startswith("IT, locked (")
    assert "serial 12" in page.cell_text("/hub/url", Column.SOURCE)
    assert page.cell_text("/hub/url", Column.APPLIES) == "after restart"
    assert page.cell_text("/alerts/break_too_long_seconds", Column.LOCK) == (
        "Set by your IT department"
    )
    capacity = page.editor("/chat/capacity")
    assert isinstance(capacity, QSpinBox)
    assert capacity.value() == 4
    assert capacity.isEnabled()
    assert page.cell_text("/chat/capacity", Column.SOURCE).startswith("IT default (")
    assert page.cell_text("/wrap_up_seconds", Column.SOURCE) == "Built-in default"
    assert page.cell_text("/chat/capacity", Column.APPLIES) == "live"
    assert isinstance(page.editor("/reason_codes"), QLabel)  # lists are read-only here
    assert "Managed file: in force (serial 12)" in page.summary.text()
    assert "4 locked" in page.summary.text()


def test_user_change_applies_live_and_is_saved(
    qtbot: Any, page: PolicyPage, service: ConfigService
) -> None:
    combo = page.editor("/language")
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData("zh_CN"))
    combo.activated.emit(combo.currentIndex())
    assert service.settings.language == "zh_CN"
    assert page.cell_text("/language", Column.SOURCE) == "Your setting"
    assert "applies now" in page.message.text()
    saved = json.loads(service.paths.user.read_text("utf-8"))
    assert saved["settings"]["language"] == "zh_CN"

    box = page.editor("/audio/bypass")
    assert isinstance(box, QCheckBox)
    # Click on the box itself (the editor fills a wide cell).
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert service.settings.audio.bypass is True

    device = page.editor("/audio/input_device")
    assert isinstance(device, QLineEdit)
    device.setText("USB Headset")
    device.editingFinished.emit()
    assert service.settings.audio.input_device == "USB Headset"
    device.setText("")
    device.editingFinished.emit()
    assert service.settings.audio.input_device is None


def test_restart_only_keys_say_so(page: PolicyPage, service: ConfigService) -> None:
    engine = page.editor("/audio/engine")
    assert isinstance(engine, QComboBox)
    engine.setCurrentIndex(engine.findData("webrtc"))
    engine.activated.emit(engine.currentIndex())
    assert service.settings.audio.engine == "webrtc"
    assert "applies after restart" in page.message.text()
    assert page.restart_notice.isVisibleTo(page)
    assert "/audio/engine" in page.restart_notice.text()


def test_refused_change_reverts_and_says_why(page: PolicyPage, service: ConfigService) -> None:
    heartbeat = page.editor("/hub/heartbeat_seconds")
    assert isinstance(heartbeat, QDoubleSpinBox)
    heartbeat.setValue(0.5)  # the rule is > 0.5
    heartbeat.editingFinished.emit()
    assert service.settings.hub.heartbeat_seconds == 10.0
    assert "Not changed: /hub/heartbeat_seconds" in page.message.text()
    assert heartbeat.value() == 10.0


def test_reset_returns_to_the_it_default(page: PolicyPage, service: ConfigService) -> None:
    service.set_user_value("/chat/capacity", 1)
    capacity = page.editor("/chat/capacity")
    assert isinstance(capacity, QSpinBox)
    assert capacity.value() == 1  # followed the service
    reset = page._resets["/chat/capacity"]
    assert reset.isEnabled()
    reset.click()
    assert service.settings.chat.capacity == 4
    assert capacity.value() == 4
    assert not reset.isEnabled()


def test_follows_a_new_policy_file_live(page: PolicyPage, service: ConfigService) -> None:
    policy = {**POLICY, "serial": 13, "locked": {**POLICY["locked"], "chat": {"capacity": 2}}}
    tmp = service.paths.managed.with_suffix(".tmp")
    tmp.write_text(json.dumps(policy), "utf-8")
    os.replace(tmp, service.paths.managed)
    service.poll()
    capacity = page.editor("/chat/capacity")
    assert isinstance(capacity, QSpinBox)
    assert capacity.value() == 2
    assert not capacity.isEnabled()
    assert "serial 13" in page.summary.text()
    service.paths.managed.write_bytes(b"{broken")
    service.poll()
    assert "refused, the last good version stays" in page.summary.text()
    assert capacity.value() == 2


def test_filter(page: PolicyPage) -> None:
    page.filter_edit.setText("masking")
    shown = [r for r in range(page.table.rowCount()) if not page.table.isRowHidden(r)]
    assert shown
    assert all(page.cell_text_at(r, Column.KEY).startswith("/masking") for r in shown)


def test_screenshot_with_locked_settings(qtbot: Any, tmp_path: Path) -> None:
    """The example policy IT ships, plus two user values. HOMESEAT_SCREENSHOT_DIR=docs/images
    regenerates the picture in docs/config.md."""
    paths = ConfigPaths(tmp_path / "policy.json", tmp_path / "settings.json", tmp_path / "st")
    shutil.copyfile(resources_dir() / "config" / "policy.example.json", paths.managed)
    service = ConfigService(paths)
    service.load()
    service.set_user_value("/audio/input_device", "Jabra Evolve2 40")
    page = PolicyPage(service)
    qtbot.addWidget(page)
    page.resize(1280, 860)
    page.show()
    edit = page.editor("/chat/capacity")
    assert isinstance(edit, QSpinBox)
    edit.setValue(2)
    edit.editingFinished.emit()
    assert "Saved: /chat/capacity applies now." in page.message.text()
    assert "21 locked" in page.summary.text()
    target = Path(os.environ.get("HOMESEAT_SCREENSHOT_DIR", tmp_path)) / "policy-page.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    assert page.grab().save(str(target))
    assert target.stat().st_size > 10_000
