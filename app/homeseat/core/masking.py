"""The one masking engine for customer identifiers, on screen and in logs.

Finds and masks Chinese mobile and landline numbers, international numbers (``+`` and a country
code), 18-digit resident ID numbers (only when the GB 11643 checksum holds), bank card numbers
(13–19 digits, only when the Luhn check holds) and e-mail addresses, in free text or in a known
field. What stays visible is configurable per kind (:class:`MaskRule`); a kind can be switched
off. Masked digits become ``*`` one for one and separators stay, so a masked number keeps its
shape ("138****5678") and masking is idempotent.

Pure Python (``re`` only), no I/O; safe to share between threads (immutable after construction).
:class:`MaskingLogFilter` plugs the same engine into :mod:`logging`.
"""

from __future__ import annotations

import enum
import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

__all__ = [
    "IdentifierKind",
    "MaskRule",
    "MaskingConfig",
    "Found",
    "Masker",
    "MaskingLogFilter",
    "install_log_masking",
    "DEFAULT_RULES",
    "luhn_valid",
    "cn_id_valid",
    "cn_id_check_char",
]

MASK_CHAR = "*"


class IdentifierKind(enum.StrEnum):
    """What kind of customer identifier a piece of text is."""

    CN_ID = "cn_id"
    BANK_CARD = "bank_card"
    EMAIL = "email"
    CN_MOBILE = "cn_mobile"
    CN_LANDLINE = "cn_landline"
    INTL_PHONE = "intl_phone"


@dataclass(frozen=True, slots=True)
class MaskRule:
    """How one kind is masked.

    Attributes:
        enabled: False leaves this kind in plain text (for example an IT policy that shows
            e-mail addresses to agents).
        keep_start: digits (or, for e-mail, characters of the local part) left visible at the
            start. For phone numbers the country prefix (+86) is never counted.
        keep_end: digits left visible at the end (ignored for e-mail, whose domain stays).
        mask_char: what replaces a hidden digit (one character).
    """

    enabled: bool = True
    keep_start: int = 0
    keep_end: int = 4
    mask_char: str = MASK_CHAR

    def __post_init__(self) -> None:
        if self.keep_start < 0 or self.keep_end < 0:
            raise ValueError("keep_start and keep_end must not be negative")
        if len(self.mask_char) != 1 or self.mask_char.isalnum():
            raise ValueError("mask_char must be one character that is not a letter or digit")


#: The defaults: enough to recognise a number when the customer reads it back, not enough to use.
DEFAULT_RULES: Mapping[IdentifierKind, MaskRule] = {
    IdentifierKind.CN_ID: MaskRule(keep_start=3, keep_end=4),
    IdentifierKind.BANK_CARD: MaskRule(keep_start=4, keep_end=4),
    IdentifierKind.EMAIL: MaskRule(keep_start=1, keep_end=0),
    IdentifierKind.CN_MOBILE: MaskRule(keep_start=3, keep_end=4),
    IdentifierKind.CN_LANDLINE: MaskRule(keep_start=0, keep_end=2),  # the area code stays
    IdentifierKind.INTL_PHONE: MaskRule(keep_start=2, keep_end=2),
}


@dataclass(frozen=True, slots=True)
class MaskingConfig:
    """Rules per kind; kinds not named use :data:`DEFAULT_RULES`."""

    rules: Mapping[IdentifierKind, MaskRule] = field(default_factory=dict)

    def rule(self, kind: IdentifierKind) -> MaskRule:
        """The rule in force for ``kind``."""
        return self.rules.get(kind) or DEFAULT_RULES[kind]

    @classmethod
    def from_mapping(cls, data: Mapping[str, Mapping[str, object]]) -> MaskingConfig:
        """Build from plain data (a configuration file): ``{"cn_mobile": {"keep_end": 2}}``.

        Raises:
            ValueError: an unknown kind or option, or a value of the wrong type.
        """
        rules: dict[IdentifierKind, MaskRule] = {}
        for name, options in data.items():
            try:
                kind = IdentifierKind(name)
            except ValueError:
                known = ", ".join(k.value for k in IdentifierKind)
                raise ValueError(f"unknown identifier kind {name!r} (known: {known})") from None
            base = DEFAULT_RULES[kind]
            values: dict[str, object] = {
                "enabled": base.enabled,
                "keep_start": base.keep_start,
                "keep_end": base.keep_end,
                "mask_char": base.mask_char,
            }
            for key, value in options.items():
                if key not in values:
                    raise ValueError(f"{name}: unknown option {key!r}")
                wanted = {"enabled": bool, "mask_char": str}.get(key, int)
                if type(value) is not wanted:
                    raise ValueError(f"{name}.{key}: expected {wanted.__name__}")
                values[key] = value
            rules[kind] = MaskRule(
                enabled=bool(values["enabled"]),
                keep_start=int(str(values["keep_start"])),
                keep_end=int(str(values["keep_end"])),
                mask_char=str(values["mask_char"]),
            )
        return cls(rules)


@dataclass(frozen=True, slots=True)
class Found:
    """One identifier in a text: ``text[start:end]`` is of ``kind``."""

    kind: IdentifierKind
    start: int
    end: int


# ----------------------------------------------------------------------------- checks

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def cn_id_check_char(first17: str) -> str:
    """The GB 11643-1999 check character of the first 17 digits of a resident ID number."""
    if len(first17) != 17 or not first17.isascii() or not first17.isdigit():
        raise ValueError("need exactly 17 ASCII digits")
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def cn_id_valid(number: str) -> bool:
    """True for an 18-character resident ID number whose check character is right."""
    if len(number) != 18 or not number[:17].isascii() or not number[:17].isdigit():
        return False
    return cn_id_check_char(number[:17]) == number[17].upper()


def luhn_valid(digits: str) -> bool:
    """True when a string of ASCII digits passes the Luhn check (bank cards)."""
    if not digits or not digits.isascii() or not digits.isdigit():
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


# ----------------------------------------------------------------------------- patterns

# Identifiers never start or end inside a longer run of digits/letters: (?<![\w]) / (?![\w])
# would treat CJK characters as word characters, so the boundaries name ASCII explicitly and a
# number right after Chinese text ("电话13812345678") is still found.
_B = r"(?<![0-9A-Za-z_+])"
_E = r"(?![0-9A-Za-z_])"
_SEP = r"[ \-]?"

_PATTERNS: tuple[tuple[IdentifierKind, re.Pattern[str]], ...] = (
    (
        IdentifierKind.EMAIL,
        re.compile(
            r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
        ),
    ),
    (IdentifierKind.CN_ID, re.compile(_B + r"\d{17}[\dXx]" + _E)),
    # Cards are written as one run of digits or in groups of four ("6222 0212 3456 7890 128").
    (
        IdentifierKind.BANK_CARD,
        re.compile(_B + r"(?:\d{13,19}|\d{4}(?:[ \-]\d{4}){2,3}(?:[ \-]\d{1,4})?)" + _E),
    ),
    (
        IdentifierKind.CN_MOBILE,
        re.compile(
            r"(?:(?<![0-9A-Za-z_])\+86[ \-]?|(?<![0-9A-Za-z_+])(?:0086|86)[ \-]?|"
            + _B
            + r")1[3-9]\d"
            + _SEP
            + r"\d{4}"
            + _SEP
            + r"\d{4}"
            + _E
        ),
    ),
    (
        IdentifierKind.CN_LANDLINE,
        re.compile(
            r"(?:(?<![0-9A-Za-z_])\+86[ \-]?" + r"[1-9]\d{1,2}|" + _B + r"0[1-9]\d{1,2})"
            r"(?:[ \-]|\)\s?)?\d{7,8}(?:-\d{1,5})?"
            + _E
            + r"|(?<![0-9A-Za-z_])\(0[1-9]\d{1,2}\)\s?\d{7,8}"
            + _E
        ),
    ),
    (
        IdentifierKind.INTL_PHONE,
        re.compile(r"(?<![0-9A-Za-z_])\+[1-9]\d{0,2}(?:[ \-.]?\(?\d{1,4}\)?){2,6}" + _E),
    ),
)


def _digits(text: str) -> str:
    return "".join(ch for ch in text if "0" <= ch <= "9")


def _accept(kind: IdentifierKind, text: str) -> bool:
    if kind is IdentifierKind.CN_ID:
        return cn_id_valid(text)
    if kind is IdentifierKind.BANK_CARD:
        digits = _digits(text)
        return 13 <= len(digits) <= 19 and luhn_valid(digits)
    if kind is IdentifierKind.INTL_PHONE:
        return 7 <= len(_digits(text)) <= 15 and not text.startswith("+86")
    return True


def _prefix_len(kind: IdentifierKind, text: str) -> int:
    """Characters of a country prefix that are never masked nor counted (+86, 0086, 86)."""
    if kind is IdentifierKind.CN_MOBILE:
        m = re.match(r"(?:\+86|0086|86)[ \-]?(?=1)", text)
        if m and len(_digits(text)) > 11:
            return m.end()
    if kind is IdentifierKind.CN_LANDLINE:
        m = re.match(r"(?:\+86[ \-]?\d{2,3}|\(0\d{2,3}\)|0\d{2,3})[ \-]?\s?", text)
        if m and len(_digits(text[m.end() :])) >= 7:
            return m.end()
    if kind is IdentifierKind.INTL_PHONE:
        m = re.match(r"\+\d{1,3}[ \-.]?", text)
        if m:
            return m.end()
    return 0


class Masker:
    """Finds and masks customer identifiers according to a :class:`MaskingConfig`.

    Args:
        config: the rules; the defaults mask everything and keep a few digits.
    """

    def __init__(self, config: MaskingConfig | None = None) -> None:
        self._config = config or MaskingConfig()

    @property
    def config(self) -> MaskingConfig:
        """The rules in force."""
        return self._config

    def find(self, text: str, kinds: Iterable[IdentifierKind] | None = None) -> list[Found]:
        """Every identifier in ``text``, without overlaps, in text order.

        Where candidates overlap, the more specific kind wins (ID number, then bank card,
        e-mail, mobile, landline, international), then the longer one.
        """
        wanted = set(kinds) if kinds is not None else set(IdentifierKind)
        candidates: list[tuple[int, int, int, IdentifierKind]] = []
        for rank, (kind, pattern) in enumerate(_PATTERNS):
            if kind not in wanted:
                continue
            for m in pattern.finditer(text):
                if _accept(kind, m.group()):
                    candidates.append((rank, -(m.end() - m.start()), m.start(), kind))
        taken: list[Found] = []
        for _rank, _length, start, kind in sorted(candidates):
            end = start - _length
            if all(end <= f.start or start >= f.end for f in taken):
                taken.append(Found(kind, start, end))
        return sorted(taken, key=lambda f: f.start)

    def mask(self, text: str) -> str:
        """``text`` with every identifier whose kind is enabled masked."""
        kinds = [k for k in IdentifierKind if self._config.rule(k).enabled]
        if not kinds or not any(ch.isdigit() or ch == "@" for ch in text):
            return text  # fast path: most chat lines and log records carry no identifier
        out: list[str] = []
        pos = 0
        for found in self.find(text, kinds):
            out.append(text[pos : found.start])
            out.append(self.mask_value(found.kind, text[found.start : found.end]))
            pos = found.end
        out.append(text[pos:])
        return "".join(out)

    def mask_value(self, kind: IdentifierKind, value: str) -> str:
        """Mask one value known to be of ``kind`` (a form field), whatever its format.

        A field is masked even when its value does not validate (a mistyped ID number is still
        somebody's ID number).
        """
        rule = self._config.rule(kind)
        if not rule.enabled or not value:
            return value
        if kind is IdentifierKind.EMAIL:
            return _mask_email(value, rule)
        prefix = _prefix_len(kind, value)
        body, extension = value[prefix:], ""
        if kind is IdentifierKind.CN_LANDLINE:
            m = re.search(r"-\d{1,5}$", body)
            if m and len(_digits(body[: m.start()])) >= 7:
                body, extension = body[: m.start()], body[m.start() :]  # extensions identify no one
        return value[:prefix] + _mask_digits(body, rule) + extension


def _mask_digits(text: str, rule: MaskRule) -> str:
    """Replace the digits (and an ID's X) between the kept ones with ``*``, keeping separators."""
    positions = [
        i for i, ch in enumerate(text) if ch.isdigit() or ch in "Xx" or ch == rule.mask_char
    ]
    count = len(positions)
    keep_start, keep_end = rule.keep_start, rule.keep_end
    if keep_start + keep_end >= count:
        # Too short to keep that much: show at most a quarter, so something is always hidden.
        keep_end = min(keep_end, count // 4)
        keep_start = 0
    hidden = set(positions[keep_start : count - keep_end])
    return "".join(rule.mask_char if i in hidden else ch for i, ch in enumerate(text))


def _mask_email(value: str, rule: MaskRule) -> str:
    local, at, domain = value.rpartition("@")
    if not at:
        return _mask_digits(value, rule) if any(c.isdigit() for c in value) else rule.mask_char * 3
    keep = min(rule.keep_start, max(0, len(local) - 1))
    return local[:keep] + rule.mask_char * 3 + "@" + domain


class MaskingLogFilter(logging.Filter):
    """A logging filter that masks identifiers in every record's final message.

    Attach it to handlers (``handler.addFilter(MaskingLogFilter(masker))``) so no module can log
    a customer's number in plain text by mistake.
    """

    def __init__(self, masker: Masker) -> None:
        super().__init__()
        self._masker = masker

    def filter(self, record: logging.LogRecord) -> bool:
        """Mask the formatted message in place; never drops a record."""
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: let the handler report it as usual
            return True
        masked = self._masker.mask(message)
        if masked != message or record.args:
            record.msg, record.args = masked, None
        return True


def install_log_masking(masker: Masker | None = None, logger: logging.Logger | None = None) -> int:
    """Mask identifiers in everything ``logger``'s handlers write (default: the root logger).

    Call once after configuring logging (the entry points do). Returns the number of handlers
    that got the filter; handlers added later are not covered.
    """
    target = logger or logging.getLogger()
    log_filter = MaskingLogFilter(masker or Masker())
    count = 0
    for handler in target.handlers:
        if not any(isinstance(f, MaskingLogFilter) for f in handler.filters):
            handler.addFilter(log_filter)
            count += 1
    return count
