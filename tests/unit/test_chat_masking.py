"""The masking engine: examples per kind, checksums, configuration, logs, and properties."""

from __future__ import annotations

import logging
import string

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from homeseat.core.masking import (
    IdentifierKind,
    Masker,
    MaskingConfig,
    MaskingLogFilter,
    MaskRule,
    cn_id_check_char,
    cn_id_valid,
    install_log_masking,
    luhn_valid,
)

K = IdentifierKind
MASKER = Masker()


def _luhn_complete(prefix: str) -> str:
    """``prefix`` plus the check digit that makes it Luhn-valid."""
    for d in "0123456789":
        if luhn_valid(prefix + d):
            return prefix + d
    raise AssertionError("unreachable")


# ----------------------------------------------------------------------------- examples


@pytest.mark.parametrize(
    ("text", "expected", "kind"),
    [
        ("电话13812345678谢谢", "电话138****5678谢谢", K.CN_MOBILE),
        ("call +86 138 1234 5678 now", "call +86 138 **** 5678 now", K.CN_MOBILE),
        ("0086-13812345678", "0086-138****5678", K.CN_MOBILE),
        ("座机010-12345678", "座机010-******78", K.CN_LANDLINE),
        ("(0755) 2345678", "(0755) *****78", K.CN_LANDLINE),
        ("0755-23456789-123", "0755-******89-123", K.CN_LANDLINE),
        ("+44 20 7946 0958", "+44 20 **** **58", K.INTL_PHONE),
        ("身份证11010519491231002X", "身份证110***********002X", K.CN_ID),
        ("卡号6222021234567890128。", "卡号6222***********0128。", K.BANK_CARD),
        ("card 4111 1111 1111 1111", "card 4111 **** **** 1111", K.BANK_CARD),
        ("邮箱zhang.san@example.com.cn", "邮箱z***@example.com.cn", K.EMAIL),
    ],
)
def test_each_kind_is_found_and_masked(text: str, expected: str, kind: IdentifierKind) -> None:
    assert [f.kind for f in MASKER.find(text)] == [kind]
    assert MASKER.mask(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "order 1234567890123456",  # 16 digits, Luhn fails: an order number, not a card
        "ID 110105194912310021",  # 18 digits, wrong check character
        "2024-01-15 12:30, price 12.50, qty 3",
        "12345678901",  # 11 digits not starting 13-19
        "+86 is the country code",
        "",
    ],
)
def test_things_that_are_not_identifiers_stay(text: str) -> None:
    assert MASKER.mask(text) == text


def test_id_checksum_and_luhn() -> None:
    assert cn_id_check_char("11010519491231002") == "X"
    assert cn_id_valid("11010519491231002X")
    assert cn_id_valid("11010519491231002x")
    assert not cn_id_valid("110105194912310021")
    assert luhn_valid("4111111111111111")
    assert not luhn_valid("4111111111111112")
    assert not luhn_valid("")
    assert not luhn_valid("41a1")
    with pytest.raises(ValueError, match="17 ASCII digits"):
        cn_id_check_char("123")


def test_several_identifiers_in_one_line_are_all_masked() -> None:
    text = "我是张三, 13912345678, a@b.com, 身份证11010519491231002X"
    masked = MASKER.mask(text)
    assert masked == "我是张三, 139****5678, ***@b.com, 身份证110***********002X"


def test_rules_are_configurable_per_kind() -> None:
    config = MaskingConfig.from_mapping(
        {"cn_mobile": {"keep_start": 0, "keep_end": 2}, "email": {"enabled": False}}
    )
    masker = Masker(config)
    assert masker.mask("13812345678 x@y.cn") == "*********78 x@y.cn"
    assert config.rule(K.CN_ID) == MaskRule(keep_start=3, keep_end=4)  # untouched default
    with pytest.raises(ValueError, match="unknown identifier kind 'phone'"):
        MaskingConfig.from_mapping({"phone": {}})
    with pytest.raises(ValueError, match="unknown option 'keep'"):
        MaskingConfig.from_mapping({"email": {"keep": 1}})
    with pytest.raises(ValueError, match="expected int"):
        MaskingConfig.from_mapping({"email": {"keep_start": "1"}})
    with pytest.raises(ValueError, match="negative"):
        MaskRule(keep_start=-1)


def test_field_values_are_masked_even_when_malformed() -> None:
    assert MASKER.mask_value(K.CN_MOBILE, "13812345678") == "138****5678"
    assert MASKER.mask_value(K.CN_ID, "1234") == "***4"  # short: at most a quarter shown
    assert MASKER.mask_value(K.EMAIL, "a@b.cn") == "***@b.cn"
    assert MASKER.mask_value(K.EMAIL, "no-at-sign") == "***"
    assert MASKER.mask_value(K.BANK_CARD, "") == ""


def test_log_filter_masks_formatted_messages(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("test.masking")
    handler_filter = MaskingLogFilter(MASKER)
    logger.addFilter(handler_filter)
    try:
        with caplog.at_level(logging.INFO, logger="test.masking"):
            logger.info("customer %s wrote from %s", "13812345678", "a.b@c.com")
    finally:
        logger.removeFilter(handler_filter)
    assert caplog.records[0].getMessage() == "customer 138****5678 wrote from a***@c.com"
    assert "13812345678" not in caplog.text


# ----------------------------------------------------------------------------- properties

mobiles = st.builds(
    lambda second, rest: f"1{second}{rest}",
    st.sampled_from("3456789"),
    st.text(string.digits, min_size=9, max_size=9),
)
ids = st.text(string.digits, min_size=17, max_size=17).map(lambda d: d + cn_id_check_char(d))
cards = st.integers(12, 18).flatmap(
    lambda n: st.text(string.digits, min_size=n, max_size=n).map(_luhn_complete)
)
emails = st.builds(
    lambda user, host: f"{user}@{host}.com",
    st.text(string.ascii_lowercase + string.digits + "._", min_size=1, max_size=20),
    st.text(string.ascii_lowercase, min_size=1, max_size=12),
)
# Surrounding text that cannot glue onto an identifier (no ASCII letters/digits at the edges).
fillers = st.text("你好，谢谢。 请问!?", max_size=10)


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


@settings(max_examples=150, deadline=None)
@given(
    kind_value=st.one_of(
        mobiles.map(lambda v: (K.CN_MOBILE, v)),
        ids.map(lambda v: (K.CN_ID, v)),
        cards.map(lambda v: (K.BANK_CARD, v)),
        emails.map(lambda v: (K.EMAIL, v)),
    ),
    before=fillers,
    after=fillers,
)
@example(kind_value=(K.BANK_CARD, "000001000000411552"), before="", after="")  # also an ID
def test_any_valid_identifier_in_text_is_masked(
    kind_value: tuple[IdentifierKind, str], before: str, after: str
) -> None:
    kind, value = kind_value
    text = before + value + after
    found = MASKER.find(text)
    if kind is K.BANK_CARD and cn_id_valid(value):
        kind = K.CN_ID  # 18 digits valid as both: the ID number wins; masked either way
    assert [(f.kind, f.start, f.end) for f in found] == [
        (kind, len(before), len(text) - len(after))
    ]
    masked = MASKER.mask(text)
    assert value not in masked
    assert masked.startswith(before)
    assert masked.endswith(after)
    if kind is not K.EMAIL:
        # Digits are masked one for one: the shape stays, and most digits are hidden.
        assert len(masked) == len(text)
        assert len(_digits(masked)) <= 8


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=80))
def test_masking_is_idempotent_and_never_reveals_more(text: str) -> None:
    once = MASKER.mask(text)
    assert MASKER.mask(once) == once
    assert len(_digits(once)) <= len(_digits(text))


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=["Nd"], blacklist_characters="@")))
def test_text_without_digits_or_at_sign_is_untouched(text: str) -> None:
    assert MASKER.mask(text) == text


@settings(max_examples=100, deadline=None)
@given(ids, st.integers(0, 16), st.sampled_from("0123456789"))
def test_a_corrupted_id_number_is_not_taken_for_one(value: str, pos: int, digit: str) -> None:
    corrupted = value[:pos] + digit + value[pos + 1 :]
    assert cn_id_valid(corrupted) == (corrupted == value)


def test_install_log_masking_covers_a_loggers_handlers() -> None:
    logger = logging.getLogger("test.masking.install")
    logger.propagate = False
    records: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(self.format(record))

    handler = Keep()
    logger.addHandler(handler)
    try:
        assert install_log_masking(logger=logger) == 1
        assert install_log_masking(logger=logger) == 0  # once is enough
        logger.warning("card %s", "4111 1111 1111 1111")
    finally:
        logger.removeHandler(handler)
    assert records == ["card 4111 **** **** 1111"]


def test_the_mask_character_is_configurable_and_never_a_digit() -> None:
    masker = Masker(MaskingConfig({K.CN_MOBILE: MaskRule(keep_start=3, keep_end=4, mask_char="•")}))
    once = masker.mask("13812345678")
    assert once == "138••••5678"
    assert masker.mask(once) == once
    with pytest.raises(ValueError, match="mask_char"):
        MaskRule(mask_char="0")
