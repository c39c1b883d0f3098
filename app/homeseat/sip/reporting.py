"""What the hub learns about a finished call: its line quality, never the number.

Pure functions, any thread. The controller emits the report when a call ends; the app hands it
to ``SupervisionClient.report_call`` so leads see each agent's last MOS.
"""

from __future__ import annotations

from datetime import datetime

from homeseat.core.calls import Call
from homeseat.core.quality import QualityScore
from homeseat.protocol.supervision import CallQuality

__all__ = ["quality_report"]


def quality_report(call: Call, score: QualityScore | None, ended_at: datetime) -> CallQuality:
    """The hub's record of ``call`` (ended) with its last quality estimate, if any."""
    end = call.ended_at if call.ended_at is not None else call.started_at
    return CallQuality(
        at=ended_at,
        direction="inbound" if call.direction.value == "inbound" else "outbound",
        seconds=min(86400.0, call.talk_seconds(end)),
        mos=min(5.0, max(1.0, score.mos)) if score else None,
        jitter_ms=min(10000.0, score.jitter_ms) if score else None,
        loss_percent=score.loss_percent if score else None,
        rtt_ms=min(60000.0, score.rtt_ms) if score else None,
    )
