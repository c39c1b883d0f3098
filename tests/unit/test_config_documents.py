"""Broken policy files: each refused (or applied without its bad keys) with a precise message."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from homeseat.config.cli import check_file
from homeseat.config.documents import (
    MAX_DOCUMENT_BYTES,
    DocumentError,
    decode_json,
    parse_policy,
    parse_user_settings,
)
from homeseat.config.validation import Problem, render_value

CORPUS = Path(__file__).resolve().parents[1] / "config_corpus"
EXPECTED: dict[str, Any] = {
    k: v
    for k, v in json.loads((CORPUS / "expected.json").read_text("utf-8")).items()
    if not k.startswith("_")
}


def _matches(problems: list[Problem], expected: list[list[str]]) -> None:
    for pointer, words, rule in expected:
        hits = [p for p in problems if p.pointer == pointer and words in p.message]
        assert hits, f"no problem at {pointer!r} saying {words!r} in {problems}"
        assert rule in hits[0].rule, (hits[0].rule, rule)
    assert len(problems) == len(expected), problems


def test_every_corpus_file_has_an_expectation() -> None:
    files = {p.name for p in CORPUS.iterdir() if p.name != "expected.json"}
    assert files == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_file(name: str) -> None:
    data = (CORPUS / name).read_bytes()
    expected = EXPECTED[name]
    _kind, problems, _notes = check_file(data, "policy")
    _matches(problems, expected["problems"])
    if expected["outcome"] == "refused":
        with pytest.raises(DocumentError):
            parse_policy(data)
    else:
        doc = parse_policy(data)  # usable: the good keys apply
        assert doc.problems or any(p.rule == "keys of a section must agree" for p in problems)


def test_huge_file_is_refused_without_parsing() -> None:
    filler = {f"k{i}": "x" * 50 for i in range(1000)}
    data = json.dumps({"schema": 1, "serial": 1, "defaults": filler}).encode()
    assert len(data) > MAX_DOCUMENT_BYTES
    with pytest.raises(DocumentError) as err:
        parse_policy(data)
    assert err.value.problems[0].message == (
        f"file too large: {len(data)} bytes (limit {MAX_DOCUMENT_BYTES})"
    )


def test_utf8_bom_is_accepted() -> None:
    doc = parse_policy(b"\xef\xbb\xbf" + b'{"schema": 1, "serial": 9}')
    assert doc.serial == 9
    assert not doc.problems


def test_secret_values_never_appear_in_problems() -> None:
    data = json.dumps(
        {
            "schema": 1,
            "serial": 1,
            "defaults": {
                "sip": {
                    "accounts": [{"id": "a", "registrar": "h", "user": "u", "password": "hunter2"}]
                },
                "sip_password": "hunter2",
                "hub": {"token": {"value": "hunter2"}},
            },
        }
    ).encode()
    _kind, problems, _notes = check_file(data, "policy")
    assert len(problems) == 3
    for problem in problems:
        assert "hunter2" not in json.dumps(problem.to_dict())


def test_long_values_are_shortened() -> None:
    text = render_value("x" * 500)
    assert len(text) == 60
    assert text.endswith("…")


def test_reasons_pick_the_most_specific_pointer() -> None:
    doc = parse_policy(
        json.dumps(
            {
                "schema": 1,
                "serial": 1,
                "locked": {"masking": {"phone": {"keep_end": 2}, "email": {"keep_end": 0}}},
                "reasons": {"/masking": "PIPL", "/masking/phone": "Phones show 2 digits"},
            }
        ).encode()
    )
    assert doc.lock_reasons == {
        "/masking/phone/keep_end": "Phones show 2 digits",
        "/masking/email/keep_end": "PIPL",
    }


def test_user_settings_file() -> None:
    doc = parse_user_settings(b'{"schema": 1, "settings": {"language": "en", "x": 1}}')
    assert doc.values == {"/language": "en"}
    assert doc.problems[0].pointer == "/settings/x"
    with pytest.raises(DocumentError):
        parse_user_settings(b'{"settings": {}}')


def test_decode_json_only_accepts_objects() -> None:
    assert decode_json(b'{"a": 1}') == {"a": 1}
    for data in (b"1", b"null", b"true", b"[]"):
        with pytest.raises(DocumentError, match="top level must be a JSON object"):
            decode_json(data)


def test_a_plain_settings_object_is_read_as_schema_1_settings() -> None:
    from homeseat.config.documents import parse_user_settings

    plain = parse_user_settings(b'{"chat": {"capacity": 4}, "language": "zh_CN"}')
    wrapped = parse_user_settings(
        b'{"schema": 1, "settings": {"chat": {"capacity": 4}, "language": "zh_CN"}}'
    )
    assert dict(plain.values) == dict(wrapped.values)
    assert plain.problems == ()
