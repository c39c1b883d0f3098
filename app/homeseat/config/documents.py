"""Reading policy files and user settings files from bytes, refusing bad ones precisely.

A policy file (managed file or hub push) is::

    {"schema": 1, "serial": 7, "expires": "2026-01-01T00:00:00Z",
     "defaults": {...}, "locked": {...}, "reasons": {"/hub/url": "why"},
     "signing_key": "<base64 Ed25519 public key>"}

Whole-file problems (too large, not UTF-8, not JSON, no schema/serial) refuse the file: a
:class:`DocumentError` lists them. Problems with single keys leave the rest of the file in force:
they are listed in the document's ``problems``. Pure functions; any thread.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from homeseat.config.keys import section_pointers, settings_keys
from homeseat.config.validation import Problem, render_value, validate_settings

__all__ = [
    "MAX_DOCUMENT_BYTES",
    "MAX_DEPTH",
    "POLICY_SCHEMA_VERSION",
    "DocumentError",
    "PolicyDocument",
    "UserDocument",
    "decode_json",
    "parse_policy",
    "parse_user_settings",
    "parse_public_key",
    "DEFAULT_LOCK_REASON",
]

#: Largest policy/settings file accepted (a full policy is a few KiB; a push must fit one frame).
MAX_DOCUMENT_BYTES = 32 * 1024
#: Deepest nesting accepted (the model is 4 levels deep; lists of objects add 2).
MAX_DEPTH = 12
POLICY_SCHEMA_VERSION = 1
DEFAULT_LOCK_REASON = "Set by your IT department"

_POLICY_FIELDS = ("schema", "serial", "expires", "defaults", "locked", "reasons", "signing_key")


class DocumentError(ValueError):
    """A whole document refused; ``problems`` says why (at least one)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.format() for p in problems))
        self.problems = tuple(problems)


def _refuse(rule: str, message: str, pointer: str = "", value: str | None = None) -> DocumentError:
    return DocumentError([Problem(pointer, rule, message, value)])


def _decode_text(data: bytes) -> str:
    if len(data) > MAX_DOCUMENT_BYTES:
        raise _refuse(
            f"at most {MAX_DOCUMENT_BYTES} bytes",
            f"file too large: {len(data)} bytes (limit {MAX_DOCUMENT_BYTES})",
        )
    if not data.strip():
        raise _refuse("a JSON object", "file is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _refuse("UTF-8", "file is UTF-16 (it has a UTF-16 byte-order mark); save it as UTF-8")
    if b"\x00" in data[:64]:
        # JSON text starts with ASCII; NULs between ASCII bytes mean UTF-16/32 without a BOM.
        raise _refuse(
            "UTF-8", "file looks like UTF-16 or UTF-32 without a byte-order mark; save it as UTF-8"
        )
    try:
        return data.decode("utf-8-sig")  # accept the BOM Windows editors add
    except UnicodeDecodeError as exc:
        raise _refuse(
            "UTF-8",
            f"file is not valid UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start} "
            "(saved as Latin-1 or GBK?); save it as UTF-8",
        ) from None


def _depth(value: Any, limit: int, level: int = 1) -> int:
    if level > limit:
        return level
    if isinstance(value, Mapping):
        return max([_depth(v, limit, level + 1) for v in value.values()], default=level)
    if isinstance(value, list):
        return max([_depth(v, limit, level + 1) for v in value], default=level)
    return level - 1


def _too_deep() -> DocumentError:
    return _refuse(
        f"nesting depth ≤ {MAX_DEPTH}", f"file is nested more than {MAX_DEPTH} levels deep"
    )


def _json_kind(value: Any) -> str:
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool):
        return "a boolean"
    if value is None:
        return "null"
    return "a number"


def decode_json(data: bytes) -> dict[str, Any]:
    """Bytes → a JSON object, or raise :class:`DocumentError` with one precise problem."""
    text = _decode_text(data)

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in items:
            if key in out:
                raise _refuse("unique keys", f"duplicate key {render_value(key)}")
            out[key] = value
        return out

    def constant(name: str) -> Any:
        raise _refuse("JSON numbers", f"{name} is not a JSON number")

    try:
        parsed = json.loads(text, object_pairs_hook=pairs, parse_constant=constant)
    except json.JSONDecodeError as exc:
        raise _refuse(
            "JSON syntax", f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
        ) from None
    except RecursionError:
        raise _too_deep() from None
    except DocumentError:
        raise
    except ValueError:  # an integer with more digits than Python converts (4300)
        raise _refuse("JSON numbers", "a number in the file has too many digits") from None
    if not isinstance(parsed, dict):
        raise _refuse(
            "a JSON object", f"the top level must be a JSON object, found {_json_kind(parsed)}"
        )
    if _depth(parsed, MAX_DEPTH) > MAX_DEPTH:
        raise _too_deep()
    return parsed


def parse_public_key(text: str) -> bytes:
    """Base64 (optionally ``ed25519:``-prefixed) Ed25519 public key → 32 raw bytes."""
    body = text.removeprefix("ed25519:")
    try:
        raw = base64.b64decode(body, validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("not base64") from None
    if len(raw) != 32:
        raise ValueError(f"an Ed25519 public key is 32 bytes, this is {len(raw)}")
    return raw


@dataclass(frozen=True)
class PolicyDocument:
    """A policy file that can be applied (possibly with some keys refused)."""

    serial: int
    expires: datetime | None
    defaults: Mapping[str, Any]
    locked: Mapping[str, Any]
    #: pointer → reason for every locked key, including locks whose value was invalid.
    lock_reasons: Mapping[str, str]
    signing_key: bytes | None
    sha256: str
    problems: tuple[Problem, ...] = field(default=())

    def expired(self, now: datetime) -> bool:
        """True once ``expires`` has passed."""
        return self.expires is not None and now >= self.expires


def parse_policy(data: bytes) -> PolicyDocument:
    """Parse a policy file; raises :class:`DocumentError` when the whole file must be refused."""
    doc = decode_json(data)
    fatal: list[Problem] = []
    problems: list[Problem] = []
    schema = doc.get("schema")
    if schema != POLICY_SCHEMA_VERSION or isinstance(schema, bool):
        fatal.append(
            Problem(
                "/schema",
                f"exactly {POLICY_SCHEMA_VERSION}",
                "missing or unsupported policy schema version",
                None if "schema" not in doc else render_value(schema),
            )
        )
    serial = doc.get("serial")
    if not isinstance(serial, int) or isinstance(serial, bool) or not 0 <= serial < 2**53:
        fatal.append(
            Problem(
                "/serial",
                "integer, 0 ≤ x < 2^53",
                "missing or invalid serial number",
                None if "serial" not in doc else render_value(serial),
            )
        )
    expires = _expires(doc, fatal)
    if fatal:
        raise DocumentError(fatal)
    assert isinstance(serial, int)
    for name, value in doc.items():
        if name not in _POLICY_FIELDS:
            problems.append(
                Problem(
                    f"/{name}",
                    "known fields: " + ", ".join(_POLICY_FIELDS),
                    f"unknown policy field {render_value(name)}",
                    render_value(value, name),
                )
            )
    defaults, bad = validate_settings(doc.get("defaults", {}), "/defaults")
    problems += bad
    locked, bad = validate_settings(doc.get("locked", {}), "/locked")
    problems += bad
    # A lock whose value is invalid still locks the key (at the value of the layers below):
    # IT meant to stop users changing it, and a typo must not open it up.
    locked_keys = set(locked)
    for p in bad:
        key = _key_of(p.pointer.removeprefix("/locked"))
        if key is not None:
            locked_keys.add(key)
    reasons = _reasons(doc.get("reasons", {}), locked_keys, problems)
    signing_key = None
    if "signing_key" in doc:
        try:
            if not isinstance(doc["signing_key"], str):
                raise ValueError("not a string")
            signing_key = parse_public_key(doc["signing_key"])
        except ValueError as exc:
            problems.append(
                Problem(
                    "/signing_key",
                    "base64 Ed25519 public key (32 bytes)",
                    f"invalid signing key: {exc}; hub pushes will be refused",
                    render_value(doc["signing_key"]),
                )
            )
    return PolicyDocument(
        serial=serial,
        expires=expires,
        defaults=defaults,
        locked=locked,
        lock_reasons=reasons,
        signing_key=signing_key,
        sha256=hashlib.sha256(data).hexdigest(),
        problems=tuple(problems),
    )


def _expires(doc: Mapping[str, Any], fatal: list[Problem]) -> datetime | None:
    raw = doc.get("expires")
    if raw is None:
        return None
    rule = "ISO 8601 date-time with a time zone, e.g. 2026-01-31T18:00:00Z"
    if not isinstance(raw, str):
        fatal.append(Problem("/expires", rule, "invalid expiry", render_value(raw)))
        return None
    try:
        when = datetime.fromisoformat(raw)
    except ValueError:
        fatal.append(Problem("/expires", rule, "invalid expiry date", render_value(raw)))
        return None
    if when.tzinfo is None:
        fatal.append(Problem("/expires", rule, "expiry has no time zone", render_value(raw)))
        return None
    return when


def _key_of(pointer: str) -> str | None:
    """The settings key a problem pointer falls in (``/hub/url/x`` → ``/hub/url``)."""
    for key in settings_keys():
        if pointer == key or pointer.startswith(key + "/"):
            return key
    return None


def _reasons(raw: Any, locked: set[str], problems: list[Problem]) -> dict[str, str]:
    given: dict[str, str] = {}
    if not isinstance(raw, Mapping):
        problems.append(
            Problem(
                "/reasons",
                "object of pointer → text",
                "reasons must be an object",
                render_value(raw),
            )
        )
        raw = {}
    known = {*settings_keys(), *section_pointers()}
    for pointer, text in raw.items():
        where = "/reasons/" + pointer.replace("~", "~0").replace("/", "~1")
        if pointer not in known:
            problems.append(
                Problem(
                    where,
                    "a settings key or section pointer, e.g. /hub/url",
                    "reason for an unknown key",
                    render_value(text),
                )
            )
        elif not isinstance(text, str) or not 0 < len(text) <= 200:
            problems.append(
                Problem(where, "string, 1–200 characters", "invalid reason", render_value(text))
            )
        else:
            given[pointer] = text
    out: dict[str, str] = {}
    for key in locked:
        # The most specific pointer wins: /masking/phone beats /masking.
        best = max(
            (p for p in given if key == p or key.startswith(p + "/") or p == ""),
            key=len,
            default=None,
        )
        out[key] = given[best] if best is not None else DEFAULT_LOCK_REASON
    return out


@dataclass(frozen=True)
class UserDocument:
    """The user's own settings file: ``{"schema": 1, "settings": {...}}``."""

    values: Mapping[str, Any]
    sha256: str
    problems: tuple[Problem, ...] = ()


def parse_user_settings(data: bytes) -> UserDocument:
    """Parse a user settings file; raises :class:`DocumentError` when it must be refused."""
    doc = decode_json(data)
    if "schema" not in doc and "settings" not in doc:
        # A plain settings object (what ``homeseat --config`` and the first-run wizard write):
        # read as the settings of the current schema.
        doc = {"schema": POLICY_SCHEMA_VERSION, "settings": doc}
    if doc.get("schema") != POLICY_SCHEMA_VERSION:
        raise _refuse(
            f"exactly {POLICY_SCHEMA_VERSION}",
            "missing or unsupported settings schema version",
            "/schema",
            render_value(doc.get("schema")),
        )
    problems = [
        Problem(f"/{k}", "known fields: schema, settings", f"unknown field {render_value(k)}")
        for k in doc
        if k not in ("schema", "settings")
    ]
    values, bad = validate_settings(doc.get("settings", {}), "/settings")
    return UserDocument(values, hashlib.sha256(data).hexdigest(), tuple(problems + bad))
