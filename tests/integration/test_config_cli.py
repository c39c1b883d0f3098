"""``homeseat config``: validate, schema, show, keygen, sign and docs, on real files."""

from __future__ import annotations

import io
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from homeseat.config.cli import main
from homeseat.config.documents import parse_public_key
from homeseat.config.signing import load_private_key, parse_envelope, public_key_text, verify_push

CORPUS = Path(__file__).resolve().parents[1] / "config_corpus"
ROOT = Path(__file__).resolve().parents[2]


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def test_validate_reports_pointer_value_and_rule() -> None:
    code, out, _err = _run("validate", str(CORPUS / "wrong_types.json"))
    assert code == 1
    line = next(x for x in out.splitlines() if "/defaults/chat/capacity" in x)
    assert 'value "4"' in line
    assert "[rule: integer, 0 ≤ x ≤ 10]" in line
    code, out, _err = _run("validate", "--json", str(CORPUS / "utf16le_no_bom.json"))
    assert code == 1
    report = json.loads(out)
    assert report["valid"] is False
    assert report["problems"][0]["rule"] == "UTF-8"


def test_validate_accepts_the_shipped_examples() -> None:
    for path in sorted((ROOT / "resources" / "config").glob("*.json")):
        code, out, err = _run("validate", str(path))
        assert code == 0, (path.name, out, err)


def test_validate_missing_file_is_an_io_error(tmp_path: Path) -> None:
    code, _out, err = _run("validate", str(tmp_path / "nope.json"))
    assert code == 2
    assert "No such file" in err


def test_schema_is_2020_12_json() -> None:
    code, out, _err = _run("schema")
    assert code == 0
    schema = json.loads(out)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    code, out, _err = _run("schema", "--of", "settings")
    assert "hub" in json.loads(out)["properties"]


def test_show_prints_each_key_with_its_source(tmp_path: Path) -> None:
    policy = tmp_path / "policy.json"
    policy.write_text(
        json.dumps(
            {
                "schema": 1,
                "serial": 7,
                "defaults": {"chat": {"capacity": 5}},
                "locked": {"language": "en"},
                "reasons": {"/language": "English-speaking team"},
            }
        )
    )
    settings = tmp_path / "settings.json"
    settings.write_text(json.dumps({"schema": 1, "settings": {"audio": {"bypass": True}}}))
    args = ["--policy", str(policy), "--settings", str(settings), "--state-dir", str(tmp_path)]
    code, out, _err = _run("show", "--json", *args)
    assert code == 0
    body = json.loads(out)
    assert body["settings"]["/chat/capacity"]["source"] == {
        "layer": "managed",
        "origin": str(policy),
        "serial": 7,
    }
    assert body["settings"]["/language"]["locked"] == "English-speaking team"
    assert body["settings"]["/audio/bypass"]["source"]["layer"] == "user"
    assert body["settings"]["/wrap_up_seconds"]["source"]["layer"] == "default"
    assert body["settings"]["/hub/url"]["applies"] == "restart"
    assert body["status"]["healthy"] is True
    code, out, _err = _run("show", *args)
    line = next(x for x in out.splitlines() if x.startswith("/language "))
    assert "locked" in line
    assert "English-speaking team" in line


def test_keygen_sign_and_verify(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    key_file = tmp_path / "it.pem"
    monkeypatch.setenv("HS_TEST_PASS", "correct horse battery")
    code, out, _err = _run("keygen", "--out", str(key_file), "--passphrase-env", "HS_TEST_PASS")
    assert code == 0
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    public = json.loads(out)["signing_key"]
    key = load_private_key(key_file.read_bytes(), b"correct horse battery")
    assert public_key_text(key) == public
    assert _run("keygen", "--out", str(key_file))[0] == 2  # never overwrites by accident

    policy = tmp_path / "policy.json"
    policy.write_bytes(b'{"schema": 1, "serial": 3, "defaults": {"chat": {"capacity": 4}}}\n')
    code, out, _err = _run(
        "sign", str(policy), "--key", str(key_file), "--passphrase-env", "HS_TEST_PASS"
    )
    assert code == 0, out
    signed_path = tmp_path / "policy.json.signed.json"
    signed = parse_envelope(signed_path.read_bytes())
    assert signed.policy == policy.read_bytes()  # the exact bytes
    from datetime import UTC, datetime

    verify_push(signed, parse_public_key(public), highest_serial=2, now=datetime.now(UTC))
    assert _run("validate", str(signed_path), "--pin", public)[0] == 0
    other = "A" * 43 + "="
    code, out, _err = _run("validate", str(signed_path), "--pin", other)
    assert code == 1
    assert "unknown_key" in out

    # A file with problems is not signed.
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema": 1, "serial": 3, "defaults": {"chat": {"capacity": "4"}}}')
    code, _out, err = _run(
        "sign", str(bad), "--key", str(key_file), "--passphrase-env", "HS_TEST_PASS"
    )
    assert code == 1
    assert "not signed" in err
    assert not (tmp_path / "bad.json.signed.json").exists()


def test_docs_check_detects_a_stale_file(tmp_path: Path) -> None:
    assert _run("docs", "--check", str(ROOT / "docs" / "config.md"))[0] == 0
    stale = tmp_path / "config.md"
    text = (ROOT / "docs" / "config.md").read_text("utf-8")
    stale.write_text(text.replace("| `/chat/capacity` |", "| `/chat/old_name` |"), "utf-8")
    assert _run("docs", "--check", str(stale))[0] == 1
    assert _run("docs", "--write", str(stale))[0] == 0
    assert stale.read_text("utf-8") == text


def test_runs_as_a_program_with_the_policy_from_the_environment(tmp_path: Path) -> None:
    policy = tmp_path / "policy.json"
    policy.write_text('{"schema": 1, "serial": 2, "locked": {"updates": {"channel": "off"}}}')
    env = {
        **os.environ,
        "HOMESEAT_POLICY": str(policy),
        "HOMESEAT_SETTINGS": str(tmp_path / "s.json"),
        "HOMESEAT_CONFIG_STATE": str(tmp_path / "state"),
    }
    proc = subprocess.run(
        [sys.executable, "-m", "homeseat.config.cli", "show", "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["settings"]["/updates/channel"]["value"] == "off"
