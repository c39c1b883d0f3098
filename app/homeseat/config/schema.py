"""JSON Schema (draft 2020-12) of the settings, the policy file and the user settings file.

Generated from :class:`ClientSettings`, so the schema, the validator and docs/config.md never
disagree. Keys carry ``x-applies: restart`` when they only take effect after a restart. The
schema checks shape and ranges; the few rules that tie keys together (a ``ws://`` URL needs
``allow_insecure``) are checked by ``homeseat config validate``. Pure functions; any thread.
"""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

from homeseat.config.documents import MAX_DOCUMENT_BYTES, POLICY_SCHEMA_VERSION
from homeseat.config.model import ClientSettings
from homeseat.config.signing import ENVELOPE_FORMAT

__all__ = ["DRAFT", "settings_schema", "policy_schema", "user_settings_schema", "envelope_schema"]

DRAFT = "https://json-schema.org/draft/2020-12/schema"
_BASE_ID = "https://homeseat.invalid/schema/"
_POINTER = r"^(/([^/~]|~[01])*)*$"


@cache
def _settings() -> dict[str, Any]:
    return ClientSettings.model_json_schema(mode="validation")


def settings_schema() -> dict[str, Any]:
    """The schema of a complete or partial settings object."""
    schema = copy.deepcopy(_settings())
    return {"$schema": DRAFT, "$id": _BASE_ID + "settings-1.json", **schema}


def _with_settings_defs(doc: dict[str, Any]) -> dict[str, Any]:
    settings = copy.deepcopy(_settings())
    defs = settings.pop("$defs", {})
    defs["ClientSettings"] = settings
    doc["$defs"] = defs
    return doc


def policy_schema() -> dict[str, Any]:
    """The schema of a policy file (managed file or the policy inside a signed push)."""
    return _with_settings_defs(
        {
            "$schema": DRAFT,
            "$id": _BASE_ID + "policy-1.json",
            "title": "HomeSeat policy file",
            "description": f"Managed configuration. At most {MAX_DOCUMENT_BYTES} bytes, UTF-8.",
            "type": "object",
            "additionalProperties": False,
            "required": ["schema", "serial"],
            "properties": {
                "schema": {"const": POLICY_SCHEMA_VERSION, "description": "Format version."},
                "serial": {
                    "type": "integer",
                    "minimum": 0,
                    "maximum": 2**53 - 1,
                    "description": "Raise on every change; pushes with a serial not above the "
                    "highest accepted one are refused as rollbacks.",
                },
                "expires": {
                    "type": "string",
                    "format": "date-time",
                    "description": "When this policy stops applying (with a time zone).",
                },
                "defaults": {
                    "$ref": "#/$defs/ClientSettings",
                    "description": "Values a user may change.",
                },
                "locked": {
                    "$ref": "#/$defs/ClientSettings",
                    "description": "Values a user cannot change.",
                },
                "reasons": {
                    "type": "object",
                    "description": "Why a key or a section is locked, shown to the user.",
                    "propertyNames": {"pattern": _POINTER},
                    "additionalProperties": {"type": "string", "minLength": 1, "maxLength": 200},
                },
                "signing_key": {
                    "type": "string",
                    "pattern": r"^(ed25519:)?[A-Za-z0-9+/]{43}=$",
                    "description": "Ed25519 public key (base64) that hub pushes must be signed "
                    "with. Only honoured in the managed file.",
                },
            },
        }
    )


def user_settings_schema() -> dict[str, Any]:
    """The schema of the user's own settings file (written by the app)."""
    return _with_settings_defs(
        {
            "$schema": DRAFT,
            "$id": _BASE_ID + "user-settings-1.json",
            "title": "HomeSeat user settings",
            "type": "object",
            "additionalProperties": False,
            "required": ["schema"],
            "properties": {
                "schema": {"const": POLICY_SCHEMA_VERSION},
                "settings": {"$ref": "#/$defs/ClientSettings"},
            },
        }
    )


def envelope_schema() -> dict[str, Any]:
    """The schema of a signed push (what ``homeseat config sign`` writes)."""
    b64 = {"type": "string", "contentEncoding": "base64"}
    return {
        "$schema": DRAFT,
        "$id": _BASE_ID + "signed-policy-1.json",
        "title": "HomeSeat signed policy",
        "type": "object",
        "additionalProperties": False,
        "required": ["format", "policy", "signature"],
        "properties": {
            "format": {"const": ENVELOPE_FORMAT},
            "policy": {**b64, "description": "The exact bytes of the policy file."},
            "signature": {**b64, "description": "Ed25519 signature of those bytes."},
            "key": {**b64, "description": "The signer's public key (must be the pinned one)."},
        },
    }
