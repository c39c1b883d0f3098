"""Layer precedence, per key: built-in < managed < user < locked, with the source of each key."""

from __future__ import annotations

from homeseat.config.layers import Layer, LayerValues, Source, merge


def _managed(values: dict[str, object], serial: int = 1) -> LayerValues:
    return LayerValues(Layer.MANAGED, "/etc/homeseat/policy.json", values, serial)


def _user(values: dict[str, object]) -> LayerValues:
    return LayerValues(Layer.USER, "settings.json", values)


def _locked(values: dict[str, object], serial: int = 1) -> LayerValues:
    return LayerValues(Layer.LOCKED, "/etc/homeseat/policy.json", values, serial)


def test_builtin_only() -> None:
    eff = merge([])
    assert eff.settings.chat.capacity == 3
    assert eff.sources["/chat/capacity"] == Source(Layer.BUILTIN, "built-in")
    assert not eff.locked
    assert not eff.problems


def test_managed_default_beats_builtin() -> None:
    eff = merge([_managed({"/chat/capacity": 5})])
    assert eff.settings.chat.capacity == 5
    assert eff.sources["/chat/capacity"].layer is Layer.MANAGED
    assert eff.sources["/chat/capacity"].serial == 1
    assert eff.sources["/language"].layer is Layer.BUILTIN  # per key, not per file


def test_user_beats_managed_default() -> None:
    eff = merge([_managed({"/chat/capacity": 5}), _user({"/chat/capacity": 2})])
    assert eff.settings.chat.capacity == 2
    assert eff.sources["/chat/capacity"] == Source(Layer.USER, "settings.json")


def test_locked_beats_user() -> None:
    eff = merge(
        [
            _managed({"/chat/capacity": 5}),
            _user({"/chat/capacity": 2}),
            _locked({"/chat/capacity": 4}),
        ],
        {"/chat/capacity": "Team standard"},
    )
    assert eff.settings.chat.capacity == 4
    assert eff.sources["/chat/capacity"].layer is Layer.LOCKED
    assert eff.locked == {"/chat/capacity": "Team standard"}


def test_invalid_lock_still_locks_at_the_value_below_the_user() -> None:
    # The locked value was refused by validation, but the key stays locked.
    eff = merge(
        [_managed({"/audio/bypass": False}), _user({"/audio/bypass": True})],
        {"/audio/bypass": "Always process the microphone"},
    )
    assert eff.settings.audio.bypass is False
    assert eff.sources["/audio/bypass"].layer is Layer.MANAGED


def test_lists_are_replaced_whole() -> None:
    codes = [{"code": "only", "label_en": "Only", "label_zh": "唯一"}]
    eff = merge([_managed({"/reason_codes": codes})])
    assert [c.code for c in eff.settings.reason_codes] == ["only"]


def test_a_user_key_that_clashes_is_dropped_and_reported() -> None:
    eff = merge([_managed({"/hub/heartbeat_seconds": 5.0}), _user({"/hub/url": "ws://lab:1"})])
    assert eff.settings.hub.url == "wss://hub.example.invalid:8765"
    assert eff.settings.hub.heartbeat_seconds == 5.0  # the managed key of the section stays
    assert len(eff.problems) == 1
    assert eff.problems[0].pointer == "/hub"
    assert eff.problems[0].origin == "settings.json"
    assert "allow_insecure" in eff.problems[0].message


def test_a_locked_key_pushes_out_what_clashes_below() -> None:
    eff = merge(
        [
            _managed({"/hub/url": "ws://lab:1", "/hub/allow_insecure": True}),
            _locked({"/hub/allow_insecure": False}),
        ],
        {"/hub/allow_insecure": "TLS only"},
    )
    assert eff.settings.hub.allow_insecure is False
    assert eff.settings.hub.url.startswith("wss://")
    assert eff.problems[0].origin == "/etc/homeseat/policy.json"


def test_clash_in_one_section_keeps_the_other_sections() -> None:
    eff = merge(
        [
            _user(
                {
                    "/hub/reconnect_min_seconds": 50.0,
                    "/hub/reconnect_max_seconds": 10.0,
                    "/chat/capacity": 1,
                }
            )
        ]
    )
    assert eff.settings.chat.capacity == 1
    assert eff.settings.hub.reconnect_max_seconds == 30.0
    assert "reconnect_min_seconds" in eff.problems[0].message
