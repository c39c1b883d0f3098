"""Checking a settings document key by key: what is valid applies, every problem is named.

A :class:`Problem` carries the JSON pointer *in the file*, the offending value (shortened, and
never the value of anything that looks like a secret), the rule the value breaks and a message.
Pure functions; any thread.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from homeseat.config.keys import section_pointers, settings_keys, to_pointer

__all__ = ["Problem", "render_value", "validate_settings", "error_text", "MAX_VALUE_CHARS"]

#: Values in messages are cut to this many characters.
MAX_VALUE_CHARS = 60
_SECRET_NAME = re.compile(r"pass|secret|token|private|credential|pwd", re.IGNORECASE)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a document.

    Attributes:
        pointer: RFC 6901 pointer into the file ("" for the whole file).
        rule: what the value must be (e.g. ``integer, 0 ≤ x ≤ 3600``), or a rule id.
        message: what is wrong, for people.
        value: the offending value as short JSON text, ``None`` when there is none to show.
        origin: the file or push the problem was found in (set by the caller).
    """

    pointer: str
    rule: str
    message: str
    value: str | None = None
    origin: str | None = None

    def with_origin(self, origin: str) -> Problem:
        """The same problem, attributed to ``origin``."""
        return Problem(self.pointer, self.rule, self.message, self.value, origin)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (status reports, ``config validate --json``)."""
        return {
            "pointer": self.pointer,
            "rule": self.rule,
            "message": self.message,
            "value": self.value,
            "origin": self.origin,
        }

    def format(self) -> str:
        """One line for a terminal or a log."""
        where = self.pointer or "(file)"
        value = f" value {self.value}" if self.value is not None else ""
        return f"{where}:{value} — {self.message} [rule: {self.rule}]"


def render_value(value: Any, name: str = "") -> str:
    """Short JSON text of ``value``; secrets (by key name) are never shown."""
    if _SECRET_NAME.search(name):
        return "«redacted»"
    try:
        text = json.dumps(value, ensure_ascii=False, default=str)
    except (TypeError, ValueError, RecursionError):
        text = type(value).__name__
    if len(text) > MAX_VALUE_CHARS:
        text = text[: MAX_VALUE_CHARS - 1] + "…"
    return text


def error_text(msg: str) -> str:
    """A pydantic message without its "Value error, " prefix."""
    return msg.removeprefix("Value error, ").removeprefix("Assertion failed, ")


def _redact_deep(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {
            k: ("«redacted»" if _SECRET_NAME.search(str(k)) else _redact_deep(v))
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_redact_deep(v) for v in value]
    return value


def validate_settings(doc: Any, base: str = "") -> tuple[dict[str, Any], list[Problem]]:
    """Validate a (partial) nested settings document key by key.

    Args:
        doc: the parsed JSON, expected to be an object shaped like ClientSettings.
        base: the pointer of ``doc`` inside its file (e.g. ``/defaults``), for messages.

    Returns:
        ``({key pointer: JSON value}, problems)``: every valid key, and a problem per bad one.
    """
    keys = settings_keys()
    sections = section_pointers()
    values: dict[str, Any] = {}
    problems: list[Problem] = []

    def walk(node: Any, path: tuple[str, ...]) -> None:
        here = to_pointer(path)
        if not isinstance(node, Mapping):
            problems.append(
                Problem(
                    base + here,
                    "object",
                    f"expected an object, found {_kind(node)}",
                    render_value(_redact_deep(node)),
                )
            )
            return
        for name, value in node.items():
            pointer = to_pointer((*path, name))
            if pointer in sections:
                walk(value, (*path, name))
            elif pointer in keys:
                _check_key(pointer, value, values, problems, base)
            else:
                known = sorted(
                    p.rsplit("/", 1)[-1]
                    for p in (*keys, *sections)
                    if p and p.rsplit("/", 1)[0] == here
                )
                problems.append(
                    Problem(
                        base + pointer,
                        "known keys here: " + ", ".join(known),
                        f"unknown key {render_value(name)}",
                        render_value(_redact_deep(value), str(name)),
                    )
                )

    walk(doc, ())
    return values, problems


def _check_key(
    pointer: str, value: Any, values: dict[str, Any], problems: list[Problem], base: str
) -> None:
    spec = settings_keys()[pointer]
    try:
        spec.validate(value)
    except ValidationError as exc:
        for err in exc.errors():
            inner = tuple(p for p in err["loc"] if not _is_union_tag(p))
            missing = err["type"] == "missing"
            shown = None if missing else _dig(value, inner)
            problems.append(
                Problem(
                    base + pointer + to_pointer(inner),
                    spec.rule_at(inner),
                    "missing required field" if missing else error_text(err["msg"]),
                    None
                    if missing
                    else render_value(_redact_deep(shown), str(inner[-1]) if inner else ""),
                )
            )
        return
    except (ValueError, RecursionError) as exc:  # e.g. an integer too long to convert
        problems.append(Problem(base + pointer, spec.rule, str(exc)[:200]))
        return
    values[pointer] = value


def _is_union_tag(part: Any) -> bool:
    # pydantic names the union member it tried ("str", "function-after[...]"): not a location.
    return isinstance(part, str) and (
        part in {"str", "int", "float", "bool", "none", "list", "tuple"}
        or "[" in part
        or part.startswith(("constrained-", "function-", "lax-", "strict-"))
    )


def _dig(value: Any, path: tuple[str | int, ...]) -> Any:
    for part in path:
        in_list = isinstance(value, list) and isinstance(part, int) and 0 <= part < len(value)
        if in_list or (isinstance(value, Mapping) and part in value):
            value = value[part]
        else:
            return value
    return value


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if value is None:
        return "null"
    return "an object"
