"""Sample messages of the knowledge protocol module (codec tests)."""

from __future__ import annotations

from datetime import UTC, datetime

from homeseat.protocol import Message
from homeseat.protocol.knowledge import (
    KbCard,
    KbChanged,
    KbDelta,
    KbEvent,
    KbFeedback,
    KbPin,
    KbPins,
    KbRemoved,
    KbSync,
    KbUsage,
    KbUsageRequest,
    KbUsageRow,
)

__all__ = ["KB_CLIENT_SAMPLES", "KB_HUB_SAMPLES"]

_AT = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)

KB_CLIENT_SAMPLES: list[Message] = [
    KbSync(id="kbs-1", since=42),
    KbFeedback(
        id="kbf-1",
        events=[
            KbEvent(ref=7, card_id="zh.refund.timeline", kind="used", at=_AT, context="chat"),
            KbEvent(ref=8, card_id="zh.refund.timeline", kind="helpful", at=_AT),
        ],
    ),
    KbPin(id="kbp-1", card_id="zh.delivery.delay", pinned=True),
    KbUsageRequest(id="kbu-1"),
]

KB_HUB_SAMPLES: list[Message] = [
    KbDelta(
        id="kbs-1",
        cards=[
            KbCard(
                id="zh.refund.timeline",
                title="退款到账时间说明",
                body="退款审核通过后**原路退回**。",
                script="您好，您的退款已审核通过。",
                short_script="退款已通过。",
                tags=["退款", "到账"],
                scenario="refund",
                audience=["alpha"],
                valid_from=_AT,
                lang="zh",
                version=43,
                updated_at=_AT,
            )
        ],
        removed=[KbRemoved(id="old.card", version=44)],
        through=44,
        latest=50,
    ),
    KbChanged(latest=51),
    KbPins(cards=["zh.delivery.delay"]),
    KbUsage(
        id="kbu-1",
        rows=[
            KbUsageRow(
                card_id="zh.refund.timeline",
                title="退款到账时间说明",
                used=3,
                helpful=2,
                not_helpful=0,
            )
        ],
    ),
]
