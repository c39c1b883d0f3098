"""Reason codes and wrap-up codes: what an agent may pick, in both shipped languages."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["LabeledCode", "DEFAULT_REASON_CODES", "DEFAULT_WRAP_UP_CODES"]


class LabeledCode(BaseModel):
    """A code the platform understands, with the label an agent reads."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str = Field(pattern=r"^[a-z0-9_]{1,40}$")
    label_en: str = Field(min_length=1, max_length=60)
    label_zh: str = Field(min_length=1, max_length=60)

    def label(self, language: str) -> str:
        """The label in ``language`` ("zh..." gives Chinese, anything else English)."""
        return self.label_zh if language.startswith("zh") else self.label_en


DEFAULT_REASON_CODES: tuple[LabeledCode, ...] = (
    LabeledCode(code="break", label_en="Break", label_zh="休息"),
    LabeledCode(code="lunch", label_en="Lunch", label_zh="用餐"),
    LabeledCode(code="training", label_en="Training", label_zh="培训"),
    LabeledCode(code="meeting", label_en="Meeting", label_zh="会议"),
    LabeledCode(code="technical", label_en="Technical problem", label_zh="技术故障"),
)

DEFAULT_WRAP_UP_CODES: tuple[LabeledCode, ...] = (
    LabeledCode(code="resolved", label_en="Resolved", label_zh="已解决"),
    LabeledCode(code="follow_up", label_en="Needs follow-up", label_zh="需跟进"),
    LabeledCode(code="callback", label_en="Callback scheduled", label_zh="已约回电"),
    LabeledCode(code="complaint", label_en="Complaint", label_zh="投诉"),
    LabeledCode(code="other", label_en="Other", label_zh="其他"),
)
