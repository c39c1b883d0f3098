"""The accepted hub push: verified, kept on disk with its signature, re-verified at start.

Used by :class:`~homeseat.config.service.ConfigService` on its thread (the event-loop thread).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from homeseat.config.documents import MAX_DOCUMENT_BYTES, PolicyDocument
from homeseat.config.paths import write_atomic
from homeseat.config.signing import (
    PushRefused,
    Refusal,
    SerialStore,
    parse_envelope,
    verify_push,
)
from homeseat.config.status import DocState, PushResult, Seen
from homeseat.config.validation import Problem
from homeseat.config.watcher import read_capped

__all__ = ["PushStore"]

log = logging.getLogger(__name__)


class PushStore:
    """The last accepted push and the highest accepted serial.

    Args:
        pushed: file holding the accepted envelope.
        push_state: file holding the highest accepted serial.
    """

    def __init__(self, pushed: Path, push_state: Path) -> None:
        self._path = pushed
        self._serials = SerialStore(push_state)
        self.doc: PolicyDocument | None = None
        self.seen = Seen(DocState.MISSING)

    def load(self, pin: bytes | None, now: datetime) -> None:
        """(Re)load the stored push, checking it against ``pin``, its expiry and the serial."""
        event = read_capped(self._path, MAX_DOCUMENT_BYTES * 2)
        self.doc = None
        if event.data is None:
            self.seen = Seen(DocState.MISSING, at=now)
            if event.error is not None:
                problem = Problem(
                    "", "readable file", f"cannot read the stored push: {event.error.strerror}"
                )
                self.seen = Seen(DocState.REFUSED, problems=(problem,), at=now)
            return
        try:
            doc = verify_push(parse_envelope(event.data), pin, highest_serial=None, now=now)
            highest = self._serials.highest()
            if highest is not None and doc.serial < highest:
                raise PushRefused(
                    Refusal.ROLLBACK,
                    f"stored serial {doc.serial} is older than the accepted serial {highest}",
                    doc.serial,
                )
        except PushRefused as refused:
            state = DocState.EXPIRED if refused.reason is Refusal.EXPIRED else DocState.REFUSED
            problem = Problem("", refused.reason.value, refused.message)
            self.seen = Seen(state, refused.serial, problems=(problem,), at=now)
            return
        self.doc = doc
        state = DocState.PARTIAL if doc.problems else DocState.OK
        self.seen = Seen(state, doc.serial, doc.sha256, doc.problems, now)

    def accept(
        self, envelope: bytes | str | Mapping[str, Any], pin: bytes | None, now: datetime
    ) -> PushResult:
        """Verify a push; when accepted it becomes :attr:`doc` and is kept on disk."""
        try:
            signed = parse_envelope(envelope)
            sha = hashlib.sha256(signed.policy).hexdigest()
            resend = self.doc is not None and self.doc.sha256 == sha
            highest = None if resend else self._serials.highest()
            doc = verify_push(signed, pin, highest_serial=highest, now=now)
        except PushRefused as refused:
            log.warning("configuration push refused: %s", refused)
            return PushResult(False, refused.reason, refused.message, refused.serial, now)
        problems = list(doc.problems)
        if not resend:
            try:
                write_atomic(self._path, signed.to_bytes())
                self._serials.record(doc.serial)
            except OSError as exc:
                # Applied anyway (it is verified); only rollback protection across a restart
                # is weaker, which the status says.
                problems.append(
                    Problem("", "writable state folder", f"cannot keep the push: {exc.strerror}")
                )
        self.doc = doc
        state = DocState.PARTIAL if problems else DocState.OK
        self.seen = Seen(state, doc.serial, doc.sha256, tuple(problems), now)
        message = "already in force" if resend else f"serial {doc.serial} applied"
        return PushResult(True, None, message, doc.serial, now, resend, tuple(problems))
