"""The lead's window with 300 agents and alerts, an agent's timeline, the agent's surge banner.

Real windows and widgets offscreen (the sessions are real but not connected: the team and the
timeline are fed directly). Screenshots go to ``$HOMESEAT_SCREENSHOT_DIR`` when it is set:

    HOMESEAT_SCREENSHOT_DIR=docs/screenshots QT_QPA_PLATFORM=offscreen \\
        .venv/bin/python -m pytest -q tests/ui/test_team_screenshots.py
"""

from __future__ import annotations

import asyncio
import os
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QWidget
from tests.ui.helpers import WindowFactory

from homeseat.config.model import ClientSettings
from homeseat.core.agent_state import AgentState
from homeseat.core.alerts import AlertKind
from homeseat.platform.session import PlatformSession, SessionInfo
from homeseat.platform.supervision import SupervisionClient
from homeseat.protocol import AgentPresence
from homeseat.protocol.audio_check import AudioCheckSummary
from homeseat.protocol.supervision import (
    CallQuality,
    LeadNotice,
    SurgeLevel,
    Timeline,
    TimelineSegment,
)
from homeseat.ui.agent_detail import AgentDetailDialog
from homeseat.ui.i18n import Translations
from homeseat.ui.icons import Icons
from homeseat.ui.main_window import MainWindow
from homeseat.ui.team_supervision import SupervisionBridge, SupervisionUi, attach_supervision

_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂"
_WEIGHTS = (
    (AgentState.READY, 30),
    (AgentState.BUSY, 40),
    (AgentState.WRAP_UP, 10),
    (AgentState.NOT_READY, 12),
    (AgentState.OFFERED, 4),
    (AgentState.SIGNED_OUT, 4),
)


def _save(widget: QWidget, name: str, tmp_path: Path) -> None:
    shots = os.environ.get("HOMESEAT_SCREENSHOT_DIR")
    for _ in range(3):  # let layouts settle as the event loop would before a frame
        QApplication.processEvents()
    image = widget.grab()
    assert not image.isNull()
    assert image.save(str((Path(shots) if shots else tmp_path) / name))


def _team(now: datetime, count: int = 300) -> list[AgentPresence]:
    rng = random.Random(5)
    states = [s for s, w in _WEIGHTS for _ in range(w)]
    agents: list[AgentPresence] = []
    for i in range(count):
        state = rng.choice(states)
        handled = rng.randrange(0, 30) if state is not AgentState.SIGNED_OUT else 0
        agents.append(
            AgentPresence(
                user_id=100 + i,
                username=f"agent{i:03d}",
                display_name=rng.choice(_SURNAMES) + rng.choice(_GIVEN) + rng.choice(_GIVEN),
                team=("一组", "二组", "三组")[i % 3],
                state=state,
                reason=rng.choice(("training", "meeting", "technical"))
                if state is AgentState.NOT_READY
                else None,
                channel=rng.choice(("call", "call", "chat"))
                if state in (AgentState.BUSY, AgentState.OFFERED)
                else None,
                since=now - timedelta(seconds=rng.uniform(5, 100)),
                connected=state is not AgentState.SIGNED_OUT,
                last_seen=now - timedelta(hours=1),
                client_version=rng.choice(("1.4.2", "1.4.2", "1.4.1")),
                handled_today=handled,
                handle_seconds_today=handled * rng.uniform(180, 420),
                mos=round(rng.uniform(3.7, 4.4), 1) if handled else None,
                audio_check=AudioCheckSummary(
                    verdict="pass",
                    noise_floor_dbfs=-60,
                    speech_level_dbfs=-22,
                    engine="spectral",
                    at=now - timedelta(hours=2),
                ),
            )
        )
    # A few agents who need their lead (names that sort first: the top of the table).
    failed = AudioCheckSummary(
        verdict="fail",
        problems=["noisy_room"],
        noise_floor_dbfs=-28,
        speech_level_dbfs=-30,
        engine="spectral",
        at=now - timedelta(minutes=20),
    )
    special = {
        0: {
            "display_name": "丁丽",
            "state": AgentState.WRAP_UP,
            "since": now - timedelta(minutes=6),
        },
        1: {
            "display_name": "万娜",
            "state": AgentState.BUSY,
            "channel": "call",
            "help_requested": now - timedelta(minutes=1),
            "help_text": "客户要求退款，超出权限",
        },
        2: {
            "display_name": "于雪",
            "state": AgentState.READY,
            "connected": False,
            "last_seen": now - timedelta(minutes=3),
        },
        3: {"display_name": "乔强", "state": AgentState.READY, "connected": True, "mos": 2.9},
        4: {
            "display_name": "严敏",
            "state": AgentState.READY,
            "connected": True,
            "audio_check": failed,
        },
        5: {
            "display_name": "丰磊",
            "state": AgentState.NOT_READY,
            "reason": "break",
            "since": now - timedelta(minutes=22),
        },
    }
    for i, update in special.items():
        agents[i] = agents[i].model_copy(update=update)
    return agents


def _attach(
    window: MainWindow, session: PlatformSession, settings: ClientSettings, role: str, **kw: Any
) -> tuple[SupervisionUi, SupervisionClient, SupervisionBridge]:
    client = SupervisionClient(session)
    bridge = SupervisionBridge()
    client.add_listener(bridge)
    info = SessionInfo(
        7, "agent1", kw.get("name", "王伟"), role, "alpha", False, permissions=frozenset({"surge"})
    )
    tr = window._translations
    ui = attach_supervision(window, client, bridge, settings, tr, Icons(), info)
    window._test_supervision = (client, bridge)  # type: ignore[attr-defined]  # keep alive
    return ui, client, bridge


def test_lead_window_with_300_agents_and_alerts(
    make_window: WindowFactory, settings: ClientSettings, translations: Translations, tmp_path: Path
) -> None:
    window, session = make_window(role="lead", name="王组长")
    ui, client, _ = _attach(window, session, settings, "lead", name="王组长")
    client.surge["alpha"] = SurgeLevel(team="alpha", level=1, message="", since=datetime.now(UTC))
    assert ui.surge_control is not None
    ui.surge_control.refresh()
    pane = window.team
    assert pane is not None
    pane.apply_snapshot(_team(datetime.now(UTC)))
    pane.alerts.refresh()
    loud = {a.kind for a in pane.model.book.loud_alerts()}
    assert {
        AlertKind.WRAP_UP_LONG,
        AlertKind.HELP,
        AlertKind.DISCONNECTED,
        AlertKind.POOR_MOS,
        AlertKind.AUDIO_FAILED,
        AlertKind.BREAK_LONG,
    } <= loud
    assert pane.alerts.isVisible()
    assert pane.alerts.list.item(0).text().startswith("万娜 · Asks for help")
    window.resize(1440, 900)
    for language in ("en", "zh_CN"):
        translations.set_language(language)
        _save(window, f"lead-team-{language}.png", tmp_path)
    translations.set_language("en")
    assert pane.title.text() == "My team (288 of 300 signed in)" or pane.title.text().startswith(
        "My team ("
    )


async def test_agent_timeline_dialog(translations: Translations, tmp_path: Path) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    start = now - timedelta(hours=4, minutes=10)
    plan = [
        (AgentState.NOT_READY, "signed_in", 3),
        (AgentState.READY, None, 6),
        (AgentState.BUSY, "call", 14),
        (AgentState.WRAP_UP, None, 2),
        (AgentState.READY, None, 9),
        (AgentState.BUSY, "chat", 22),
        (AgentState.WRAP_UP, None, 3),
        (AgentState.NOT_READY, "break", 15),
        (AgentState.READY, None, 4),
        (AgentState.BUSY, "call", 31),
        (AgentState.WRAP_UP, None, 4),
        (AgentState.NOT_READY, "lunch", 45),
        (AgentState.READY, None, 7),
        (AgentState.BUSY, "call", 18),
        (AgentState.WRAP_UP, None, 2),
        (AgentState.READY, None, 12),
        (AgentState.BUSY, "call", 26),
        (AgentState.WRAP_UP, None, 7),
    ]
    segments: list[TimelineSegment] = []
    at = start
    for state, extra, minutes in plan:
        end = at + timedelta(minutes=minutes)
        reason = extra if state is AgentState.NOT_READY else None
        channel = extra if state is AgentState.BUSY else None
        segments.append(
            TimelineSegment(state=state, reason=reason, channel=channel, start=at, end=end)
        )
        at = end
    segments.append(TimelineSegment(state=AgentState.READY, start=at))
    calls = [
        CallQuality(at=start + timedelta(minutes=m), direction=d, seconds=s, mos=q)
        for m, d, s, q in (
            (25, "inbound", 840, 4.3),
            (109, "inbound", 1860, 4.1),
            (190, "outbound", 1080, 3.2),
            (238, "inbound", 1560, 4.2),
        )
    ]
    timeline = Timeline(
        agent="agent001", day_start=start.replace(hour=0, minute=0), segments=segments, calls=calls
    )

    async def load(username: str) -> Timeline:
        assert username == "agent001"
        return timeline

    for language in ("en", "zh_CN"):
        translations.set_language(language)
        dialog = AgentDetailDialog("万娜", "agent001", load, Icons())
        dialog.resize(820, 470)
        dialog.show()
        await asyncio.wait_for(dialog.task, 5)
        assert set(dialog.legend_labels) == {
            AgentState.READY,
            AgentState.BUSY,
            AgentState.WRAP_UP,
            AgentState.NOT_READY,
        }
        assert dialog.calls.rowCount() == 4
        newest = dialog.calls.item(0, 3)
        assert newest is not None
        assert newest.text() == "4.2"  # newest first
        if language == "en":
            # 3 + 15 + 45 minutes Not Ready; the legend says so.
            assert dialog.legend_labels[AgentState.NOT_READY].text() == "Not Ready 1:03:00"
        _save(dialog, f"agent-timeline-{language}.png", tmp_path)
        dialog.close()
    translations.set_language("en")


def test_agent_window_shows_surge_banner_notice_and_hand(
    make_window: WindowFactory, settings: ClientSettings, translations: Translations, tmp_path: Path
) -> None:
    window, session = make_window(role="agent", name="张伟")
    ui, _, bridge = _attach(window, session, settings, "agent", name="张伟")
    assert ui.surge.isHidden()
    now = datetime.now(UTC)
    bridge.on_surge(SurgeLevel(team="beta", level=2, message="other team", since=now))
    assert ui.surge.isHidden()  # not this agent's team
    bridge.on_surge(
        SurgeLevel(team="alpha", level=3, message="话务高峰：暂停休息，全员接听", since=now)
    )
    assert ui.surge.isVisible()
    assert ui.surge.text() == "Surge level 3 – emergency: 话务高峰：暂停休息，全员接听"
    bridge.on_notice(
        LeadNotice(
            kind="message", lead="lead1", lead_name="王组长", text="请优先接听VIP队列", at=now
        )
    )
    assert ui.notices.isVisible()
    assert ui.hand is not None
    assert ui.hand.isVisible()
    assert ui.hand.text() == "Raise hand"
    window.resize(1280, 700)
    for language in ("en", "zh_CN"):
        translations.set_language(language)
        _save(window, f"agent-surge-{language}.png", tmp_path)
    translations.set_language("en")
    bridge.on_surge(SurgeLevel(team="alpha", level=0, since=now))
    assert ui.surge.isHidden()
