"""Knowledge cards and how they are ranked: pure data and arithmetic, no storage, no Qt.

The store (``homeseat.knowledge.store``) finds candidates with SQLite FTS5 and hands this module
one :class:`Candidate` per card with its text relevance; :func:`rank` turns those into the final
order, and every factor it used is kept on the :class:`ScoredCard` so a ranking can be explained:

``score = relevance × (1 + freshness) × surge_factor × language + pin_bonus`` where

* ``relevance`` adds, for each query word, its rarity (BM25's idf) times the weights of the
  fields it occurs in (title 8, tags 4, script 2, body 1: see ``homeseat.knowledge.search``), so
  a rare word in the title counts far more than a common one deep in the body;
* ``freshness`` decays from :attr:`RankWeights.freshness` for a card changed just now to 0 with a
  half-life of :attr:`RankWeights.half_life_days` (a new policy beats last year's one);
* ``surge_factor`` favours cards with a short script when the surge level is 2 or more (服务降级);
* ``language`` halves cards in the other language than the query's (a Chinese query may still
  find an English card, below the Chinese ones);
* ``pin_bonus`` puts cards pinned by operations (hot topics, 问题集中度) above everything else.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

__all__ = [
    "SURGE_SHORT_SCRIPTS",
    "Card",
    "Candidate",
    "RankWeights",
    "ScoredCard",
    "rank",
    "merge_pins",
    "script_for",
    "visible",
]

#: From this surge level on, short scripts come first (服务降级).
SURGE_SHORT_SCRIPTS = 2


@dataclass(frozen=True, slots=True)
class Card:
    """One knowledge card.

    Attributes:
        id: stable identifier chosen by the knowledge manager (``refund.card.window``).
        title: one line, shown in lists.
        body: Markdown explanation for the agent.
        script: what the agent says or sends to the customer.
        short_script: the simplified script used in a surge (may be empty).
        tags: keywords that weigh more than the body when searching.
        scenario: where it applies (``refund``, ``delivery`` …), free text.
        audience: teams that see the card; empty means everyone.
        valid_from: first moment the card applies (None: always did).
        valid_to: moment it stops applying (None: open-ended).
        lang: ``zh`` or ``en``.
        version: the knowledge base's change counter when this card last changed.
        updated_at: wall clock of that change (drives freshness).
    """

    id: str
    title: str
    body: str = ""
    script: str = ""
    short_script: str = ""
    tags: tuple[str, ...] = ()
    scenario: str = ""
    audience: tuple[str, ...] = ()
    valid_from: datetime | None = None
    valid_to: datetime | None = None
    lang: str = "zh"
    version: int = 0
    updated_at: datetime | None = None


def visible(card: Card, now: datetime, team: str | None) -> bool:
    """Whether ``card`` applies at ``now`` to a member of ``team`` (None: any team)."""
    if card.valid_from is not None and now < card.valid_from:
        return False
    if card.valid_to is not None and now >= card.valid_to:
        return False
    return not card.audience or team is None or team in card.audience


def script_for(card: Card, surge_level: int) -> str:
    """The script to offer first: the short one in a surge, when the card has one."""
    if surge_level >= SURGE_SHORT_SCRIPTS and card.short_script:
        return card.short_script
    return card.script or card.short_script


@dataclass(frozen=True, slots=True)
class RankWeights:
    """The knobs of :func:`rank` (and the field weights the store's relevance uses)."""

    title: float = 8.0
    tags: float = 4.0
    script: float = 2.0
    body: float = 1.0
    freshness: float = 0.15
    half_life_days: float = 90.0
    surge_short_script: float = 1.25
    other_language: float = 0.5
    pin_bonus: float = 1000.0


@dataclass(frozen=True, slots=True)
class Candidate:
    """A card the full-text index matched, with its text relevance (higher is better)."""

    card_id: str
    relevance: float
    updated_at: datetime | None
    has_short_script: bool
    pinned: bool
    same_language: bool = True


@dataclass(frozen=True, slots=True)
class ScoredCard:
    """A ranked result and why it got its score."""

    card_id: str
    score: float
    relevance: float
    freshness: float
    surge_factor: float
    pinned: bool
    explain: dict[str, float] = field(default_factory=dict, compare=False)


def _freshness(updated_at: datetime | None, now: datetime, weights: RankWeights) -> float:
    if updated_at is None:
        return 0.0
    age_days = max(0.0, (now - updated_at).total_seconds() / 86400.0)
    return weights.freshness * math.pow(0.5, age_days / weights.half_life_days)


def rank(
    candidates: Iterable[Candidate],
    *,
    now: datetime,
    surge_level: int = 0,
    weights: RankWeights | None = None,
    limit: int = 10,
) -> list[ScoredCard]:
    """Order candidates by the formula in the module docstring (ties: card id).

    Args:
        candidates: what the index matched.
        now: the wall clock (freshness is relative to it).
        surge_level: the platform's surge level; from 2 on short scripts are favoured.
        weights: the knobs (defaults when None).
        limit: how many to return.
    """
    w = weights or RankWeights()
    scored: list[ScoredCard] = []
    for c in candidates:
        fresh = _freshness(c.updated_at, now, w)
        surge = (
            w.surge_short_script
            if surge_level >= SURGE_SHORT_SCRIPTS and c.has_short_script
            else 1.0
        )
        bonus = w.pin_bonus if c.pinned else 0.0
        language = 1.0 if c.same_language else w.other_language
        score = c.relevance * (1.0 + fresh) * surge * language + bonus
        scored.append(
            ScoredCard(
                card_id=c.card_id,
                score=score,
                relevance=c.relevance,
                freshness=fresh,
                surge_factor=surge,
                pinned=c.pinned,
                explain={
                    "relevance": round(c.relevance, 4),
                    "freshness": round(fresh, 4),
                    "surge": surge,
                    "language": language,
                    "pin": bonus,
                },
            )
        )
    scored.sort(key=lambda s: (-s.score, s.card_id))
    return scored[:limit]


def merge_pins(pins: Sequence[str], results: Sequence[ScoredCard]) -> list[str]:
    """Card ids in display order: pins first (in pin order), then results not pinned."""
    pinned = set(pins)
    return [*pins, *(r.card_id for r in results if r.card_id not in pinned)]
