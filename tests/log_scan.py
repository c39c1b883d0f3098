"""A pytest plugin that reads every log record the test suite writes and fails the run if one
carries a secret (a password, a token the hub issued) or a customer identifier in plain form.

It wraps the hub's token generator to learn every token issued during the run (so it looks for
the real ones, not a guess at their shape), knows the passwords the tests use, and runs the
product's own masking engine over every record to find phone, ID, bank-card numbers and e-mail
addresses that should have been masked. Registered from ``tests/conftest.py``.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterator

import pytest

from homeseat.core.masking import Masker

__all__ = ["LogScanner", "TEST_PASSWORDS"]

#: Passwords the tests type (demo accounts, admin and unlock tests).
TEST_PASSWORDS = ("demo1234", "admin-pass-1", "correct horse battery", "wrong-password")


class LogScanner(logging.Handler):
    """Keeps every record's final text; :meth:`leaks` says what must not be there."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.texts: list[tuple[str, str]] = []
        self.tokens: set[str] = set()

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = record.getMessage()
            if record.exc_info and record.exc_info[1] is not None:
                text += " " + repr(record.exc_info[1])
        except Exception:  # a bad format string is the logger's problem, not a leak
            return
        self.texts.append((record.name, text))

    def leaks(self) -> list[str]:
        """One line per offending record."""
        masker = Masker()
        found: list[str] = []
        for name, text in self.texts:
            why = [f"password {p!r}" for p in TEST_PASSWORDS if p in text]
            why += ["an issued token" for t in self.tokens if t in text][:1]
            why += [f"{f.kind.value} {text[f.start : f.end]!r}" for f in masker.find(text)]
            if why:
                found.append(f"{name}: {', '.join(why)} in: {text[:160]!r}")
        return found


@pytest.fixture(scope="session", autouse=True)
def log_scanner(request: pytest.FixtureRequest) -> Iterator[LogScanner]:
    """Collect every INFO+ record of the run, and remember every token the hub issues."""
    scanner = LogScanner()
    root = logging.getLogger()
    old_level = root.level
    root.setLevel(min(old_level or logging.WARNING, logging.INFO))
    root.addHandler(scanner)
    original = secrets.token_urlsafe

    def recording(nbytes: int | None = None) -> str:
        token = original(nbytes)
        scanner.tokens.add(token)
        return token

    # ``auth`` calls ``secrets.token_urlsafe`` through the module, so this sees every token.
    monkey = pytest.MonkeyPatch()
    monkey.setattr(secrets, "token_urlsafe", recording)
    request.config.stash[_KEY] = scanner
    try:
        yield scanner
    finally:
        monkey.undo()
        root.removeHandler(scanner)
        root.setLevel(old_level)


_KEY = pytest.StashKey[LogScanner]()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the run when any record leaked a secret or a customer identifier."""
    scanner = session.config.stash.get(_KEY, None)
    if scanner is None:
        return
    leaks = scanner.leaks()
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if leaks:
        if reporter is not None:
            reporter.write_sep(
                "=", f"log scan: {len(leaks)} record(s) leak secrets or PII", red=True
            )
            for line in leaks[:50]:
                reporter.write_line(line)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
    elif reporter is not None:
        n = len(scanner.texts)
        reporter.write_line(f"log scan: {n} records, {len(scanner.tokens)} issued tokens: clean")
