"""Translations: every tr() string is in the .ts files, translated in zh_CN, compiled in the .qm;
and switching the language relabels a live window.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTranslator
from tests.ui.helpers import WindowFactory

from homeseat.core.agent_state import EventKind, StateEvent
from homeseat.ui.i18n import Translations, resolve_language, translations_dir
from homeseat.ui.team_model import Category, Column

SOURCES = Path(__file__).resolve().parents[2] / "app" / "homeseat"
_PLACEHOLDER = re.compile(r"%(?:\d|n)|\{[a-z_]*\}")


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    numerus: bool
    forms: tuple[str, ...]
    finished: bool


def _read_ts(path: Path) -> dict[tuple[str, str], Message]:
    messages: dict[tuple[str, str], Message] = {}
    for ctx in ET.parse(path).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            source = msg.findtext("source") or ""
            tr = msg.find("translation")
            assert tr is not None
            numerus = msg.get("numerus") == "yes"
            forms = (
                tuple(f.text or "" for f in tr.iter("numerusform")) if numerus else (tr.text or "",)
            )
            finished = tr.get("type") is None and all(forms)
            messages[(name, source)] = Message(name, source, numerus, forms, finished)
    return messages


@pytest.fixture(scope="module")
def code_messages(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Message]:
    """What pyside6-lupdate finds in the code right now."""
    lupdate = shutil.which("pyside6-lupdate")
    assert lupdate is not None, "pyside6-lupdate not found (install PySide6)"
    out = tmp_path_factory.mktemp("ts") / "probe.ts"
    files = sorted(str(p) for p in SOURCES.rglob("*.py") if "__pycache__" not in p.parts)
    subprocess.run(
        [
            lupdate,
            *files,
            "-no-obsolete",
            "-locations",
            "none",
            "-tr-function-alias",
            "translate+=_tr",  # as scripts/update-translations.sh
            "-ts",
            str(out),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    found = _read_ts(out)
    assert len(found) > 50
    return found


def test_every_string_is_translated_in_zh_cn(code_messages: dict[tuple[str, str], Message]) -> None:
    shipped = _read_ts(translations_dir() / "homeseat_zh_CN.ts")
    missing = sorted(k for k in code_messages if k not in shipped)
    assert not missing, f"run scripts/update-translations.sh; not in homeseat_zh_CN.ts: {missing}"
    unfinished = sorted(k for k in code_messages if not shipped[k].finished)
    assert not unfinished, f"untranslated in homeseat_zh_CN.ts: {unfinished}"
    stale = sorted(k for k in shipped if k not in code_messages)
    assert not stale, f"no longer in the code (run scripts/update-translations.sh): {stale}"
    for key, msg in shipped.items():
        for form in msg.forms:
            assert sorted(_PLACEHOLDER.findall(form)) == sorted(
                set(_PLACEHOLDER.findall(msg.source))
            ), f"placeholders differ in {key}: {form!r}"


def _text_argument(call: ast.Call) -> ast.expr | None:
    """The source-text argument of a translation call, or None if ``call`` is not one."""
    func = call.func
    if isinstance(func, ast.Attribute) and func.attr == "tr" and call.args:
        return call.args[0]  # self.tr(text, ...)
    is_translate = isinstance(func, ast.Attribute) and func.attr == "translate"
    if (is_translate or (isinstance(func, ast.Name) and func.id == "_tr")) and len(call.args) > 1:
        return call.args[1]  # QCoreApplication.translate(context, text, ...), _tr(context, text)
    return None


def _wrapper_bodies(tree: ast.AST) -> set[int]:
    # Inside ``def _tr(context, text)`` (lupdate knows it as an alias of translate, see
    # scripts/update-translations.sh) the arguments are variables by design; its callers are
    # checked instead. A one-argument wrapper hides its strings and is reported.
    ids: set[int] = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.FunctionDef)
            and node.name == "_tr"
            and [a.arg for a in node.args.args] == ["context", "text"]
        ):
            ids.update(id(n) for n in ast.walk(node))
    return ids


def test_translation_calls_use_literals_lupdate_can_see() -> None:
    """A variable passed to tr()/translate() never reaches the .ts files (lupdate skips it)."""
    hidden: list[str] = []
    for path in sorted(SOURCES.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = _wrapper_bodies(tree)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or id(node) in skip:
                continue
            text = _text_argument(node)
            if text is not None and not (
                isinstance(text, ast.Constant) and isinstance(text.value, str)
            ):
                hidden.append(f"{path.relative_to(SOURCES)}:{node.lineno}")
    assert not hidden, f"translation calls with a non-literal text (invisible to lupdate): {hidden}"


def test_english_ts_has_every_string_and_plural_forms(
    code_messages: dict[tuple[str, str], Message],
) -> None:
    shipped = _read_ts(translations_dir() / "homeseat_en.ts")
    missing = sorted(k for k in code_messages if k not in shipped)
    assert not missing, f"run scripts/update-translations.sh; not in homeseat_en.ts: {missing}"
    plurals = [m for m in shipped.values() if m.numerus]
    assert plurals
    for msg in plurals:
        assert msg.finished, f"English plural forms missing for {msg.source!r}"
        assert len(msg.forms) == 2


def test_compiled_qm_matches_the_ts() -> None:
    folder = translations_dir()
    shipped = _read_ts(folder / "homeseat_zh_CN.ts")
    translator = QTranslator()
    assert translator.load(str(folder / "homeseat_zh_CN.qm"))
    for msg in shipped.values():
        if msg.numerus:
            # QTranslator gives the raw form; QCoreApplication.translate fills in %n.
            got = translator.translate(msg.context, msg.source, None, 5)
            assert got == msg.forms[0], msg.source
        else:
            assert translator.translate(msg.context, msg.source) == msg.forms[0], (
                f"homeseat_zh_CN.qm is stale for {msg.source!r}: run scripts/update-translations.sh"
            )
    english = QTranslator()
    assert english.load(str(folder / "homeseat_en.qm"))
    assert (
        english.translate("MainWindow", "%n report(s) waiting to be sent", None, 1)
        == "%n report waiting to be sent"
    )


def test_system_language_follows_the_locale() -> None:
    from PySide6.QtCore import QLocale

    assert resolve_language("system", QLocale("zh_CN")) == "zh_CN"
    assert resolve_language("system", QLocale("zh_TW")) == "zh_CN"
    assert resolve_language("system", QLocale("de_DE")) == "en"
    assert resolve_language("en", QLocale("zh_CN")) == "en"


def test_switch_to_chinese_relabels_a_live_window(
    make_window: WindowFactory, translations: Translations
) -> None:
    window, session = make_window(role="lead", name="Li Na 李娜")
    window.state_bar.menu.ready_action.trigger()
    assert window.state_bar.state_button.text() == "Ready"
    assert window.team is not None

    assert translations.set_language("zh_CN") == "zh_CN"
    bar = window.state_bar
    assert bar.state_button.text() == "就绪"
    assert bar._time_caption.text() == "当前状态时长"
    assert bar._team_label.text() == "班长 · alpha"
    assert window.state_label.text() == "状态：就绪"
    assert window.reports_label.text() == "2 条状态记录待上报"
    assert window.chats.empty_title.text() == "暂无会话"
    assert window.phone.title.text() == "电话"
    assert window.knowledge.search.placeholderText() == "搜索知识卡片…"
    assert window.team.model.headerData(Column.AGENT, Qt.Orientation.Horizontal) == "座席"
    assert window.team.counter_text(Category.WRAP_UP) == "话后处理  0"
    assert bar.menu.action_for_reason("break").text() == "休息"
    assert window.windowTitle() == "居家座席 – Li Na 李娜"

    session.request(StateEvent(EventKind.GO_NOT_READY, reason="lunch"))
    assert bar.state_button.text() == "未就绪 · 用餐"

    translations.set_language("en")
    assert bar.state_button.text() == "Not Ready · Lunch"
    assert window.team.model.headerData(Column.AGENT, Qt.Orientation.Horizontal) == "Agent"


def test_chinese_font_is_used_for_chinese(translations: Translations) -> None:
    from PySide6.QtGui import QFontDatabase
    from PySide6.QtWidgets import QApplication

    translations.set_language("zh_CN")
    if "Noto Sans CJK SC" in QFontDatabase.families():
        assert QApplication.font().families()[0] == "Noto Sans CJK SC"
