"""Every broken file of the corpus, dropped on a running client: no crash, a precise status,
and the last good policy stays (refused files) or the good keys apply (partial files)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from homeseat.config.documents import MAX_DOCUMENT_BYTES
from homeseat.config.paths import ConfigPaths
from homeseat.config.service import ConfigService
from homeseat.config.status import DocState

CORPUS = Path(__file__).resolve().parents[1] / "config_corpus"
EXPECTED: dict[str, Any] = {
    k: v
    for k, v in json.loads((CORPUS / "expected.json").read_text("utf-8")).items()
    if not k.startswith("_")
}
GOOD = {"schema": 1, "serial": 1, "locked": {"wrap_up_seconds": 45}}


def _service(tmp_path: Path) -> ConfigService:
    paths = ConfigPaths(tmp_path / "policy.json", tmp_path / "settings.json", tmp_path / "state")
    paths.managed.write_text(json.dumps(GOOD), "utf-8")
    service = ConfigService(paths)
    service.load()
    assert service.settings.wrap_up_seconds == 45
    return service


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_managed_file(tmp_path: Path, name: str) -> None:
    service = _service(tmp_path)
    shutil.copyfile(CORPUS / name, service.paths.managed)
    service.poll()
    expected = EXPECTED[name]
    managed = service.status().documents[0]
    reported = [(p.pointer, p.message) for p in managed.problems] + [
        (p.pointer, p.message) for p in service.status().conflicts
    ]
    for pointer, words, _rule in expected["problems"]:
        assert any(words in message for _p, message in reported), (words, reported)
        if expected["outcome"] == "refused" or pointer.startswith("/reasons"):
            assert (pointer, next(m for p, m in reported if words in m)) in reported
    if expected["outcome"] == "refused":
        assert managed.state is DocState.REFUSED
        assert managed.in_force_serial == 1
        assert service.settings.wrap_up_seconds == 45  # the last good file stays
    else:
        assert managed.state is DocState.PARTIAL or service.status().conflicts
        assert service.settings.wrap_up_seconds == 60  # the new file replaced the old one
        for pointer, value in expected.get("applied", {}).items():
            assert service.effective.values[pointer] == value, pointer
        assert set(expected.get("locked", [])) <= set(service.effective.locked)
    json.dumps(service.status().to_dict())  # always reportable


def test_huge_managed_file_is_not_read_whole(tmp_path: Path) -> None:
    service = _service(tmp_path)
    with service.paths.managed.open("wb") as handle:
        handle.write(b'{"schema": 1, "serial": 2, "defaults": {"x": "')
        handle.write(b"y" * (8 * 1024 * 1024))
        handle.write(b'"}}')
    service.poll()
    managed = service.status().documents[0]
    assert managed.state is DocState.REFUSED
    assert managed.problems[0].message == (
        f"file too large: {MAX_DOCUMENT_BYTES + 1} bytes (limit {MAX_DOCUMENT_BYTES})"
    )
    assert service.settings.wrap_up_seconds == 45


@pytest.mark.parametrize(
    "name",
    ["invalid_json.json", "latin1_bytes.json", "array_top_level.json", "utf16le_no_bom.json"],
)
def test_broken_user_file(tmp_path: Path, name: str) -> None:
    service = _service(tmp_path)
    service.set_user_value("/chat/capacity", 1)
    shutil.copyfile(CORPUS / name, service.paths.user)
    service.poll()
    user = service.status().documents[2]
    assert user.state is DocState.REFUSED
    assert user.problems
    assert service.settings.chat.capacity == 1  # the last good user file stays
