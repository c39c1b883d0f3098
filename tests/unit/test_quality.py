"""The E-model estimate: known anchor points and monotonic behaviour."""

from __future__ import annotations

import pytest

from homeseat.core.quality import (
    CODECS,
    UNKNOWN_CODEC,
    LineStats,
    QualityGrade,
    codec_impairment,
    delay_impairment,
    estimate,
    mos_from_r,
)


def test_mos_mapping_anchor_points() -> None:
    # G.107 Annex B: R 93.2 (defaults) gives 4.41; the bands' edges 80 → 4.03, 70 → 3.60.
    assert mos_from_r(93.2) == pytest.approx(4.41, abs=0.01)
    assert mos_from_r(80.0) == pytest.approx(4.03, abs=0.01)
    assert mos_from_r(70.0) == pytest.approx(3.60, abs=0.01)
    assert mos_from_r(50.0) == pytest.approx(2.58, abs=0.01)
    assert mos_from_r(-5.0) == 1.0
    assert mos_from_r(120.0) == 4.5


def test_delay_impairment_knee() -> None:
    assert delay_impairment(0.0) == 0.0
    assert delay_impairment(100.0) == pytest.approx(2.4)
    assert delay_impairment(177.3) == pytest.approx(0.024 * 177.3)
    # past the knee the slope is 0.024 + 0.11
    slope = delay_impairment(301.0) - delay_impairment(300.0)
    assert slope == pytest.approx(0.134)


def test_clean_g711_line_is_good() -> None:
    score = estimate(LineStats(jitter_ms=0.0, loss=0.0, rtt_ms=0.0, codec="PCMU/8000/1"))
    assert score.grade is QualityGrade.GOOD
    assert score.mos == pytest.approx(4.39, abs=0.02)
    assert score.one_way_delay_ms == pytest.approx(40.0)


def test_loss_jitter_and_rtt_each_lower_the_score() -> None:
    base = LineStats(jitter_ms=2.0, loss=0.0, rtt_ms=20.0, codec="PCMA/8000/1")
    ref = estimate(base).mos
    assert estimate(LineStats(2.0, 0.05, 20.0, "PCMA/8000/1")).mos < ref
    assert estimate(LineStats(40.0, 0.0, 20.0, "PCMA/8000/1")).mos < ref
    assert estimate(LineStats(2.0, 0.0, 600.0, "PCMA/8000/1")).mos < ref
    # Bursty loss hurts more than random loss of the same rate.
    random_loss = estimate(LineStats(2.0, 0.05, 20.0, "PCMA/8000/1")).mos
    bursty = estimate(LineStats(2.0, 0.05, 20.0, "PCMA/8000/1", burst_ratio=2.0)).mos
    assert bursty < random_loss


def test_known_poor_line() -> None:
    # 10 % random loss on G.711 with PLC: Ie,eff = 95·10/(10+25.1) ≈ 27.1 → R ≈ 65: poor.
    score = estimate(LineStats(jitter_ms=5.0, loss=0.10, rtt_ms=100.0, codec="PCMU"))
    assert score.grade is QualityGrade.POOR
    assert score.r == pytest.approx(93.2 - 27.07 - 0.024 * 100.0, abs=0.1)
    assert 3.0 < score.mos < 3.5
    assert score.loss_percent == 10.0


def test_codec_lookup() -> None:
    assert codec_impairment("speex/16000/1") is CODECS["speex"]
    assert codec_impairment("G722") is CODECS["g722"]
    assert codec_impairment("whatever/8000") is UNKNOWN_CODEC
    # A codec with its own impairment scores below G.711 on a clean line.
    assert estimate(LineStats(0, 0, 0, "GSM/8000/1")).mos < estimate(LineStats(0, 0, 0, "PCMU")).mos


def test_out_of_range_inputs_are_clamped() -> None:
    score = estimate(LineStats(jitter_ms=-3.0, loss=1.7, rtt_ms=-1.0, codec="PCMU"))
    assert score.loss_percent == 100.0
    assert 1.0 <= score.mos <= 4.5
