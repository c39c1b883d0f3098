"""Protocol v1, knowledge base: sync by version, pins, feedback and the usage report.

The hub numbers every change to its knowledge base (``version``). A client sends
:class:`KbSync` with the highest version it has; the hub answers with :class:`KbDelta` chunks
(cards and tombstones after that version, in version order, each chunk well under the frame
limit) until ``through == latest``. When the hub's base changes it tells every signed-in client
:class:`KbChanged` and they sync again. Pins (hot topics, 问题集中度) go to everyone at once as
:class:`KbPins`. Feedback and "card used" events travel in :class:`KbFeedback` batches that the
hub acknowledges with :class:`~homeseat.protocol.messages.Ack` (the client keeps them until then).
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from homeseat.protocol.messages import Message

__all__ = [
    "CARD_ID_PATTERN",
    "FeedbackKind",
    "KbCard",
    "KbRemoved",
    "KbEvent",
    "KbUsageRow",
    "KbSync",
    "KbFeedback",
    "KbPin",
    "KbUsageRequest",
    "KbDelta",
    "KbChanged",
    "KbPins",
    "KbUsage",
    "KB_CLIENT_MESSAGES",
    "KB_HUB_MESSAGES",
]

#: What a card id may look like (stable, chosen by the knowledge manager).
CARD_ID_PATTERN = r"^[A-Za-z0-9_.:-]{1,64}$"
CardId = Annotated[str, Field(pattern=CARD_ID_PATTERN)]
Tag = Annotated[str, Field(min_length=1, max_length=40)]
Team = Annotated[str, Field(min_length=1, max_length=64)]
FeedbackKind = Literal["helpful", "not_helpful", "used"]


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class KbCard(_Part):
    """One card as the hub distributes it. Sizes keep any card well inside one frame."""

    id: CardId
    title: Annotated[str, Field(min_length=1, max_length=200)]
    body: Annotated[str, Field(max_length=6000)] = ""
    script: Annotated[str, Field(max_length=2000)] = ""
    short_script: Annotated[str, Field(max_length=500)] = ""
    tags: Annotated[list[Tag], Field(max_length=20)] = []
    scenario: Annotated[str, Field(max_length=64)] = ""
    audience: Annotated[list[Team], Field(max_length=50)] = []  # empty: every team
    valid_from: datetime | None = None
    valid_to: datetime | None = None
    lang: Literal["zh", "en"] = "zh"
    version: Annotated[int, Field(ge=1)]
    updated_at: datetime


class KbRemoved(_Part):
    """A card deleted at ``version``."""

    id: CardId
    version: Annotated[int, Field(ge=1)]


class KbEvent(_Part):
    """Feedback on a card or the fact it was used. ``ref`` is the client's own event number."""

    ref: Annotated[int, Field(ge=1)]
    card_id: CardId
    kind: FeedbackKind
    at: datetime
    context: Annotated[str, Field(max_length=200)] = ""  # e.g. "chat", "call", "search"


class KbUsageRow(_Part):
    """Per-card usage counts."""

    card_id: CardId
    title: str
    used: int
    helpful: int
    not_helpful: int


# ----------------------------------------------------------------------------- client → hub


class KbSync(Message):
    """Ask for the changes after ``since`` (0: everything)."""

    type: Literal["kb.sync"] = "kb.sync"
    since: Annotated[int, Field(ge=0)] = 0


class KbFeedback(Message):
    """A batch of feedback/usage events; acknowledged with ``ack`` naming this ``id``."""

    type: Literal["kb.feedback"] = "kb.feedback"
    events: Annotated[list[KbEvent], Field(min_length=1, max_length=100)]


class KbPin(Message):
    """Pin or unpin a hot-topic card for everyone (team leads and admins only)."""

    type: Literal["kb.pin"] = "kb.pin"
    card_id: CardId
    pinned: bool = True


class KbUsageRequest(Message):
    """Ask for the per-card usage report (team leads and admins only)."""

    type: Literal["kb.usage.get"] = "kb.usage.get"


# ----------------------------------------------------------------------------- hub → client


class KbDelta(Message):
    """Changes after the client's version, in version order; the client may store ``through``
    as its version once it applied this chunk. More chunks follow while ``through < latest``."""

    type: Literal["kb.delta"] = "kb.delta"
    cards: list[KbCard] = Field(default_factory=list)
    removed: list[KbRemoved] = Field(default_factory=list)
    through: Annotated[int, Field(ge=0)]
    latest: Annotated[int, Field(ge=0)]


class KbChanged(Message):
    """The hub's knowledge base moved to ``latest``: clients behind it should sync."""

    type: Literal["kb.changed"] = "kb.changed"
    latest: Annotated[int, Field(ge=0)]


class KbPins(Message):
    """The pinned cards, in order, for everyone (sent after a sync and whenever pins change)."""

    type: Literal["kb.pins"] = "kb.pins"
    cards: Annotated[list[CardId], Field(max_length=50)]


class KbUsage(Message):
    """The per-card usage report."""

    type: Literal["kb.usage"] = "kb.usage"
    rows: list[KbUsageRow]


KB_CLIENT_MESSAGES = (KbSync, KbFeedback, KbPin, KbUsageRequest)
KB_HUB_MESSAGES = (KbDelta, KbChanged, KbPins, KbUsage)
