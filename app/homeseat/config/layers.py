"""Merging the layers, key by key: built-in < managed defaults < user < managed locked.

Each layer holds already-validated keys (``{pointer: JSON value}``). The merge records where every
effective key came from. Keys valid on their own can still clash with each other inside a section
(a ``ws://`` hub URL without ``allow_insecure``). Layers are added lowest first; a layer whose keys
clash with what is below loses its keys in that section, except a LOCKED layer, which displaces
the lower layers' keys instead, so what IT locked wins. Every clash is reported as a problem.
Pure functions; any thread.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from pydantic import ValidationError

from homeseat.config.keys import from_pointer, section_pointers, settings_keys, to_pointer, under
from homeseat.config.model import ClientSettings
from homeseat.config.validation import Problem, error_text

__all__ = ["Layer", "Source", "LayerValues", "Effective", "merge", "BUILTIN_ORIGIN"]

BUILTIN_ORIGIN = "built-in"


class Layer(StrEnum):
    """Where a value comes from, lowest precedence first."""

    BUILTIN = "default"
    MANAGED = "managed"
    USER = "user"
    LOCKED = "locked"


@dataclass(frozen=True)
class Source:
    """The origin of one effective key.

    Attributes:
        layer: which layer supplied the value.
        origin: the file path, ``hub push`` or ``built-in``.
        serial: the policy serial when the value came from a policy.
    """

    layer: Layer
    origin: str
    serial: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"layer": self.layer.value, "origin": self.origin, "serial": self.serial}


@dataclass(frozen=True)
class LayerValues:
    """Validated keys of one document in one layer."""

    layer: Layer
    origin: str
    values: Mapping[str, Any]
    serial: int | None = None


@dataclass(frozen=True)
class Effective:
    """The merged settings and how they were reached.

    Attributes:
        settings: the typed settings the app uses.
        values: ``{pointer: JSON value}`` of every key.
        sources: ``{pointer: Source}`` of every key.
        locked: ``{pointer: reason}`` of keys a user cannot change.
        problems: clashes between keys that made some of them be dropped.
    """

    settings: ClientSettings
    values: Mapping[str, Any]
    sources: Mapping[str, Source]
    locked: Mapping[str, str] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()


def _builtin() -> dict[str, Any]:
    return {p: copy.deepcopy(k.default) for p, k in settings_keys().items()}


def _nested(values: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for pointer, value in values.items():
        path = from_pointer(pointer)
        node = out
        for part in path[:-1]:
            node = node.setdefault(part, {})
        node[path[-1]] = value
    return out


def _section_of(loc: tuple[str | int, ...]) -> str:
    """The deepest section pointer that ``loc`` (a pydantic error location) lies in."""
    sections = section_pointers()
    best = ""
    for i in range(len(loc) + 1):
        candidate = to_pointer(loc[:i])
        if candidate in sections:
            best = candidate
    return best


def merge(layers: Sequence[LayerValues], locked: Mapping[str, str] | None = None) -> Effective:
    """Merge ``layers`` (lowest precedence first) over the built-in defaults.

    Args:
        layers: validated keys per document, in precedence order. USER values of a key in
            ``locked`` are ignored.
        locked: ``{pointer: reason}`` of locked keys (the LOCKED layers hold their values; a lock
            whose value was invalid keeps the value of the layers below the user's).

    Returns:
        The effective settings with the source of every key.
    """
    locked = dict(locked or {})
    active = [
        LayerValues(
            lv.layer,
            lv.origin,
            {p: v for p, v in lv.values.items() if not (lv.layer is Layer.USER and p in locked)},
            lv.serial,
        )
        for lv in layers
    ]
    problems: list[Problem] = []
    accepted: list[LayerValues] = []
    for lv in active:
        candidate = [*accepted, lv]
        # Every round drops some keys, so this ends; keys that clash are dropped from the layer
        # just added unless it is a LOCKED one, which first displaces the lower layers' keys.
        while True:
            try:
                _build(candidate)
            except ValidationError as exc:
                err = exc.errors()[0]
                section = _section_of(tuple(err["loc"]))
                victim = candidate[-1]
                if victim.layer is Layer.LOCKED:
                    victim = next(
                        (
                            c
                            for c in candidate[:-1]
                            if c.layer is not Layer.LOCKED
                            and any(under(p, section) for p in c.values)
                        ),
                        victim,
                    )
                if not any(under(p, section) for p in victim.values):
                    raise  # built-in defaults broken: a programming error, not a file's
                problems.append(
                    Problem(
                        section,
                        "keys of a section must agree",
                        f"{error_text(err['msg'])}; ignoring {victim.layer.value} keys in "
                        f"{section or '(all)'}",
                        origin=victim.origin,
                    )
                )
                candidate = [_without(c, section) if c is victim else c for c in candidate]
                continue
            accepted = candidate
            break
    settings, values, sources = _build(accepted)
    return Effective(settings, values, sources, locked, tuple(problems))


def _without(lv: LayerValues, section: str) -> LayerValues:
    kept = {p: v for p, v in lv.values.items() if not under(p, section)}
    return LayerValues(lv.layer, lv.origin, kept, lv.serial)


def _build(
    layers: Sequence[LayerValues],
) -> tuple[ClientSettings, dict[str, Any], dict[str, Source]]:
    values = _builtin()
    sources = {p: Source(Layer.BUILTIN, BUILTIN_ORIGIN) for p in values}
    for lv in layers:
        for pointer, value in lv.values.items():
            values[pointer] = value
            sources[pointer] = Source(lv.layer, lv.origin, lv.serial)
    return ClientSettings.model_validate(_nested(values)), values, sources
