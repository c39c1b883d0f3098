"""docs/protocol.md is generated from the protocol models and must be current."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from homeseat.protocol.messages import ClientMessage, HubMessage
from homeseat.protocol.schema_doc import DEFAULT_PATH, main, message_types, render

REPO = Path(__file__).resolve().parents[2]


def test_protocol_doc_is_current() -> None:
    assert DEFAULT_PATH == REPO / "docs" / "protocol.md"
    assert DEFAULT_PATH.read_text(encoding="utf-8") == render(), (
        "docs/protocol.md is stale: run .venv/bin/python -m homeseat.protocol.schema_doc"
    )


def test_render_is_deterministic() -> None:
    assert render() == render()


def test_every_message_type_has_a_section() -> None:
    text = render()
    headings = re.findall(r"^### `([a-z.]+)` \(", text, flags=re.MULTILINE)
    expected = [
        str(m.model_fields["type"].default)
        for m in [*message_types(ClientMessage), *message_types(HubMessage)]
    ]
    assert headings == expected


def test_check_mode_reports_a_stale_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "protocol.md"
    assert main(["--check", "--path", str(path)]) == 1
    assert "is missing" in capsys.readouterr().err
    path.write_text(render() + "edited by hand\n", encoding="utf-8")
    assert main(["--check", "--path", str(path)]) == 1
    err = capsys.readouterr().err
    assert "stale" in err
    assert "python -m homeseat.protocol.schema_doc" in err


def test_write_mode_regenerates_then_check_passes(tmp_path: Path) -> None:
    path = tmp_path / "docs" / "protocol.md"
    path.parent.mkdir()
    path.write_text("old\n", encoding="utf-8")
    assert main(["--path", str(path)]) == 0
    assert path.read_text(encoding="utf-8") == render()
    assert main(["--check", "--path", str(path)]) == 0
