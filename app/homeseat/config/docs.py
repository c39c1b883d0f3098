"""The key reference of docs/config.md, generated from the settings model.

``homeseat config docs --write docs/config.md`` replaces the text between the two markers; a test
fails when the file is out of date. Pure functions; any thread.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from homeseat.config.keys import describe_schema, section_pointers, settings_keys

__all__ = ["BEGIN", "END", "render_reference", "update_document", "document_is_current"]

BEGIN = "<!-- BEGIN GENERATED KEY REFERENCE (homeseat config docs --write docs/config.md) -->"
END = "<!-- END GENERATED KEY REFERENCE -->"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _default(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    if len(text) <= 60:
        return f"`{_cell(text)}`"
    if isinstance(value, list):
        return f"{len(value)} entries (`homeseat config show`)"
    return f"`{_cell(text[:57])}…`"


def _item_rows(pointer: str, schema: dict[str, Any], applies: str) -> list[str]:
    """Rows for the fields of a list of objects (``/sip/accounts/*/registrar``)."""
    defs = schema.get("$defs", {})
    ref = str(schema.get("items", {}).get("$ref", "")).rsplit("/", 1)[-1]
    item = defs.get(ref)
    if not item or "properties" not in item:
        return []
    rows = []
    for name, prop in item["properties"].items():
        required = name in item.get("required", [])
        default = "required" if required else _default(prop.get("default"))
        rows.append(
            f"| `{pointer}/*/{name}` | {_cell(describe_schema(prop, defs))} | {default} | "
            f"{applies} | {_cell(prop.get('description', ''))} |"
        )
    return rows


def render_reference() -> str:
    """Markdown tables of every key: pointer, type, default, when it applies and its meaning."""
    keys = settings_keys()
    sections = section_pointers()
    lines: list[str] = []
    for section, title in sections.items():
        members = [k for k in keys.values() if k.pointer.rsplit("/", 1)[0] == section]
        if not members:
            continue
        lines += [
            f"### `{section or '/'}` — {title}",
            "",
            "| key | type | default | applies | meaning |",
            "|---|---|---|---|---|",
        ]
        for key in members:
            applies = "live" if key.live else "after restart"
            lines.append(
                f"| `{key.pointer}` | {_cell(key.rule)} | {_default(key.default)} | "
                f"{applies} | {_cell(key.description)} |"
            )
            lines += _item_rows(key.pointer, key.adapter.json_schema(), applies)
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _splice(text: str) -> str:
    head, sep, rest = text.partition(BEGIN)
    if not sep or END not in rest:
        raise ValueError("the document has no generated-reference markers")
    tail = rest.split(END, 1)[1]
    return f"{head}{BEGIN}\n\n{render_reference()}\n{END}{tail}"


def update_document(path: Path) -> bool:
    """Regenerate the reference inside ``path``; returns True when the file changed."""
    text = path.read_text("utf-8")
    new = _splice(text)
    if new != text:
        path.write_text(new, "utf-8")
        return True
    return False


def document_is_current(path: Path) -> bool:
    """True when ``path`` holds the reference the model generates today."""
    text = path.read_text("utf-8")
    return _splice(text) == text
