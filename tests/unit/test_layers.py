"""Layer rules that import-linter cannot express: services never import Qt widgets.

import-linter forbids only whole external packages (``PySide6``), and services may use QtCore one
day, so the "no widgets below the UI" rule is checked here on the source itself.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "app" / "homeseat"
SERVICES = (
    "hub",
    "platform",
    "security",
    "config",
    "sip",
    "audio",
    "knowledge",
    "core",
    "protocol",
)
FORBIDDEN = ("PySide6.QtWidgets",)


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
            found.extend((node.lineno, f"{node.module}.{alias.name}") for alias in node.names)
    return found


@pytest.mark.parametrize("layer", SERVICES)
def test_services_do_not_import_widgets(layer: str) -> None:
    offenders = [
        f"{path.relative_to(PACKAGE.parent)}:{line}: {name}"
        for path in sorted((PACKAGE / layer).rglob("*.py"))
        for line, name in _imports(path)
        if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN)
    ]
    assert not offenders, "widgets imported below the UI:\n" + "\n".join(offenders)


def test_the_scan_sees_widget_imports(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("from PySide6 import QtWidgets\nimport PySide6.QtWidgets as W\n")
    names = [name for _, name in _imports(sample)]
    assert "PySide6.QtWidgets" in names
    assert names.count("PySide6.QtWidgets") == 2
