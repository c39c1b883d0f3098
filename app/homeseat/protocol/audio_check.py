"""Protocol v1, audio check: an agent's pre-shift audio-check verdict, reported to the hub.

The client runs the check (``homeseat.audio.check``) and sends :class:`AudioCheckReport`; the
hub answers :class:`~homeseat.protocol.messages.Ack`, keeps the latest summary in the agent's
presence (``AgentPresence.audio_check``) and so shows it to the agent's leads.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from homeseat.protocol.messages import Message

__all__ = ["AudioCheckSummary", "AudioCheckReport"]

Code = Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[a-z0-9_]+$")]
Level = Annotated[float, Field(ge=-150, le=0)]


class AudioCheckSummary(BaseModel):
    """The verdict of one audio check and the figures a lead needs to act on it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    verdict: Literal["pass", "warn", "fail"]
    problems: Annotated[list[Code], Field(max_length=12)] = []  # e.g. "noisy_room"
    noise_floor_dbfs: Level  # background before suppression
    speech_level_dbfs: Level  # -120 when no speech was heard
    engine: Annotated[str, Field(min_length=1, max_length=20, pattern=r"^[a-z0-9_]+$")]
    at: datetime  # when the check ran (client clock)


class AudioCheckReport(Message):
    """The agent's latest audio check (sent after every check, and again after a reconnect)."""

    type: Literal["audio.check"] = "audio.check"
    check: AudioCheckSummary
