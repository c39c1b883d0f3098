"""Cards between the core model and the protocol's wire model. Pure; any thread."""

from __future__ import annotations

from datetime import UTC, datetime

from homeseat.core.knowledge import Card
from homeseat.protocol.knowledge import KbCard

__all__ = ["card_to_wire", "card_from_wire"]


def card_to_wire(card: Card) -> KbCard:
    """The ``kb.delta`` form of a stored card (it must have a version)."""
    return KbCard(
        id=card.id,
        title=card.title,
        body=card.body,
        script=card.script,
        short_script=card.short_script,
        tags=list(card.tags),
        scenario=card.scenario,
        audience=list(card.audience),
        valid_from=card.valid_from,
        valid_to=card.valid_to,
        lang="en" if card.lang == "en" else "zh",
        version=card.version,
        updated_at=card.updated_at or datetime.now(UTC),
    )


def card_from_wire(wire: KbCard) -> Card:
    """The core card of a ``kb.delta`` entry."""
    return Card(
        id=wire.id,
        title=wire.title,
        body=wire.body,
        script=wire.script,
        short_script=wire.short_script,
        tags=tuple(wire.tags),
        scenario=wire.scenario,
        audience=tuple(wire.audience),
        valid_from=wire.valid_from,
        valid_to=wire.valid_to,
        lang=wire.lang,
        version=wire.version,
        updated_at=wire.updated_at,
    )
