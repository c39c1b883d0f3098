"""The settings *keys*: every leaf of :class:`ClientSettings`, addressed by a JSON pointer.

A key is a field whose type is not itself a settings section: ``/hub/url``, ``/reason_codes``
(a whole list is one key: lists are replaced, never merged), ``/masking/phone/keep_end``. Each key
validates a value on its own, strictly (a JSON string is not a number, ``"yes"`` is not a boolean),
so one bad key in a file never hides the good ones. Pure functions; any thread.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Annotated, Any

from pydantic import BaseModel, TypeAdapter
from pydantic.fields import FieldInfo

from homeseat.config.model import ClientSettings

__all__ = [
    "KeySpec",
    "settings_keys",
    "section_pointers",
    "to_pointer",
    "from_pointer",
    "under",
    "flatten",
    "unflatten",
    "describe_schema",
]


def to_pointer(path: tuple[str | int, ...]) -> str:
    """RFC 6901 pointer of ``path`` (``()`` is ``""``, the whole document)."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


def from_pointer(pointer: str) -> tuple[str, ...]:
    """Split an RFC 6901 pointer; raises ValueError when it does not start with ``/``."""
    if pointer == "":
        return ()
    if not pointer.startswith("/"):
        raise ValueError("a JSON pointer starts with '/'")
    return tuple(p.replace("~1", "/").replace("~0", "~") for p in pointer[1:].split("/"))


def under(pointer: str, prefix: str) -> bool:
    """True when ``pointer`` is ``prefix`` or lies inside it."""
    return pointer == prefix or pointer.startswith(prefix + "/") or prefix == ""


@dataclass(frozen=True)
class KeySpec:
    """One configurable key."""

    pointer: str
    path: tuple[str, ...]
    info: FieldInfo = field(repr=False)
    default: Any  # JSON form
    description: str
    live: bool
    adapter: TypeAdapter[Any] = field(repr=False, compare=False)

    def validate(self, value: Any) -> Any:
        """Validate a JSON value strictly; returns the typed value or raises ValidationError."""
        return self.adapter.validate_json(json.dumps(value), strict=True)

    def to_json(self, typed: Any) -> Any:
        """The JSON form of a typed value (what files hold)."""
        return self.adapter.dump_python(typed, mode="json")

    @property
    def rule(self) -> str:
        """A short human statement of what the key accepts, from its JSON Schema."""
        return describe_schema(self.adapter.json_schema())

    def rule_at(self, inner: tuple[str | int, ...]) -> str:
        """The rule of a part of the value, e.g. ``(2, "code")`` in a list of codes."""
        schema = self.adapter.json_schema()
        defs = schema.get("$defs", {})
        node: Mapping[str, Any] = schema
        for part in inner:
            node = _resolve(node, defs)
            if isinstance(part, int) and "items" in node:
                node = node["items"]
            elif isinstance(part, str) and part in node.get("properties", {}):
                node = node["properties"][part]
            else:
                break
        return describe_schema(_resolve(node, defs) if inner else node, defs)


def _resolve(node: Mapping[str, Any], defs: Mapping[str, Any]) -> Mapping[str, Any]:
    if "$ref" in node:
        resolved: Mapping[str, Any] = defs.get(str(node["$ref"]).rsplit("/", 1)[-1], node)
        return resolved
    return node


def _adapter(info: FieldInfo) -> TypeAdapter[Any]:
    annotation: Any = info.annotation
    if info.metadata:
        annotation = Annotated[annotation, *info.metadata]
    return TypeAdapter(annotation)


def _is_section(info: FieldInfo) -> bool:
    ann = info.annotation
    return isinstance(ann, type) and issubclass(ann, BaseModel)


def _walk(
    model: type[BaseModel], prefix: tuple[str, ...], defaults: Mapping[str, Any]
) -> Iterator[KeySpec]:
    for name, info in model.model_fields.items():
        path = (*prefix, name)
        if _is_section(info):
            assert isinstance(info.annotation, type)
            yield from _walk(info.annotation, path, defaults[name])
            continue
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        yield KeySpec(
            pointer=to_pointer(path),
            path=path,
            info=info,
            default=defaults[name],
            description=info.description or "",
            live=extra.get("x-applies") != "restart",
            adapter=_adapter(info),
        )


@cache
def settings_keys() -> Mapping[str, KeySpec]:
    """Every key of :class:`ClientSettings`, in model order, by pointer."""
    defaults = ClientSettings().model_dump(mode="json")
    return {k.pointer: k for k in _walk(ClientSettings, (), defaults)}


@cache
def section_pointers() -> Mapping[str, str]:
    """Pointer of every section (``""`` for the root) → its one-line description."""
    out: dict[str, str] = {}

    def walk(model: type[BaseModel], prefix: tuple[str, ...], title: str | None) -> None:
        out[to_pointer(prefix)] = title or (model.__doc__ or "").strip().splitlines()[0]
        for name, info in model.model_fields.items():
            if _is_section(info):
                assert isinstance(info.annotation, type)
                walk(info.annotation, (*prefix, name), info.description)

    walk(ClientSettings, (), None)
    return out


def flatten(values: Mapping[str, Any]) -> dict[str, Any]:
    """Nested JSON settings → {pointer: value} for known keys (unknown entries are skipped)."""
    keys = settings_keys()
    out: dict[str, Any] = {}

    def walk(node: Mapping[str, Any], path: tuple[str, ...]) -> None:
        for name, value in node.items():
            pointer = to_pointer((*path, name))
            if pointer in keys:
                out[pointer] = value
            elif isinstance(value, Mapping):
                walk(value, (*path, name))

    walk(values, ())
    return out


def unflatten(values: Mapping[str, Any]) -> dict[str, Any]:
    """{pointer: value} → nested JSON settings."""
    out: dict[str, Any] = {}
    for pointer, value in values.items():
        path = from_pointer(pointer)
        node = out
        for part in path[:-1]:
            node = node.setdefault(part, {})
        node[path[-1]] = value
    return out


# ----------------------------------------------------------------------------- rule text


def describe_schema(schema: Mapping[str, Any], defs: Mapping[str, Any] | None = None) -> str:
    """Summarise a JSON Schema fragment: ``integer, 0 ≤ x ≤ 3600``, ``one of: a, b``…"""
    defs = defs if defs is not None else schema.get("$defs", {})
    if "$ref" in schema:
        name = str(schema["$ref"]).rsplit("/", 1)[-1]
        return describe_schema(defs[name], defs) if name in defs else f"{name} object"
    if schema.get("type") == "object" and "properties" in schema:
        required = schema.get("required", [])
        fields = ", ".join(f"{p}{'' if p in required else '?'}" for p in schema["properties"])
        return f"object {{{fields}}}"
    if "anyOf" in schema:
        parts = [describe_schema(s, defs) for s in schema["anyOf"]]
        return " or ".join(dict.fromkeys(parts))
    if "enum" in schema:
        return "one of: " + ", ".join(json.dumps(v, ensure_ascii=False) for v in schema["enum"])
    if "const" in schema:
        return "exactly " + json.dumps(schema["const"], ensure_ascii=False)
    kind = schema.get("type", "any")
    bits: list[str] = []
    if kind == "array":
        bits.append("list of " + describe_schema(schema.get("items", {}), defs))
        if "maxItems" in schema:
            bits.append(f"at most {schema['maxItems']} entries")
    elif kind == "string":
        bits.append("path" if schema.get("format") == "path" else "string")
        if "pattern" in schema:
            bits.append(f"matching {schema['pattern']}")
        lo, hi = schema.get("minLength", 0), schema.get("maxLength")
        if lo == hi:
            bits.append(f"exactly {lo} character{'s' if lo != 1 else ''}")
        elif lo or hi is not None:
            bits.append(f"{lo}–{hi if hi is not None else '∞'} characters")
    elif kind in ("integer", "number"):
        bits.append(kind)
        lo = (
            f"{schema['minimum']} ≤ "
            if "minimum" in schema
            else f"{schema['exclusiveMinimum']} < "
            if "exclusiveMinimum" in schema
            else ""
        )
        hi = (
            f" ≤ {schema['maximum']}"
            if "maximum" in schema
            else f" < {schema['exclusiveMaximum']}"
            if "exclusiveMaximum" in schema
            else ""
        )
        if lo or hi:
            bits.append(f"{lo}x{hi}")
    elif kind == "boolean":
        bits.append("true or false")
    elif kind == "null":
        bits.append("null")
    else:
        bits.append(str(kind))
    return ", ".join(bits)
