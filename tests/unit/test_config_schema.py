"""The JSON Schema is valid 2020-12, accepts the shipped examples, and docs/config.md is current."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from homeseat.config.docs import document_is_current, render_reference
from homeseat.config.keys import settings_keys
from homeseat.config.schema import (
    DRAFT,
    envelope_schema,
    policy_schema,
    settings_schema,
    user_settings_schema,
)
from homeseat.config.signing import generate_private_key, sign_policy
from homeseat.paths import resources_dir

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((resources_dir() / "config").glob("policy*.json"))


@pytest.mark.parametrize(
    "schema", [policy_schema(), settings_schema(), user_settings_schema(), envelope_schema()]
)
def test_schemas_are_valid_2020_12(schema: dict[str, object]) -> None:
    assert schema["$schema"] == DRAFT
    jsonschema.Draft202012Validator.check_schema(schema)


def test_examples_ship_and_validate() -> None:
    assert len(EXAMPLES) >= 3
    validator = jsonschema.Draft202012Validator(policy_schema())
    for path in EXAMPLES:
        errors = list(validator.iter_errors(json.loads(path.read_text("utf-8"))))
        assert not errors, (path.name, errors[:1])
    user = json.loads((resources_dir() / "config" / "settings.example.json").read_text("utf-8"))
    jsonschema.Draft202012Validator(user_settings_schema()).validate(user)


def test_schema_refuses_what_the_validator_refuses() -> None:
    validator = jsonschema.Draft202012Validator(policy_schema())
    bad = [
        {"schema": 1},
        {"schema": 2, "serial": 1},
        {"schema": 1, "serial": 1, "defaults": {"chat": {"capacity": "3"}}},
        {"schema": 1, "serial": 1, "defaults": {"languag": "en"}},
        {"schema": 1, "serial": 1, "locked": {"audio": {"suppression_strength": 2}}},
        {"schema": 1, "serial": 1, "lockd": {}},
    ]
    for doc in bad:
        assert not validator.is_valid(doc), doc


def test_envelope_schema_accepts_a_signed_policy() -> None:
    signed = sign_policy(b'{"schema": 1, "serial": 1}', generate_private_key())
    jsonschema.Draft202012Validator(envelope_schema()).validate(signed.to_dict())


def test_docs_reference_is_current() -> None:
    assert document_is_current(ROOT / "docs" / "config.md"), (
        "docs/config.md is stale: run homeseat config docs --write docs/config.md"
    )


def test_reference_lists_every_key() -> None:
    text = render_reference()
    for pointer in settings_keys():
        assert f"| `{pointer}` |" in text
