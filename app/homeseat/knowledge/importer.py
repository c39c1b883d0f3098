"""Reading cards that knowledge managers write: JSONL, CSV, or a folder of Markdown files.

Pure parsing plus file reads, on the caller's thread (the CLI). Every record is checked on its
own: a bad record becomes a :class:`RecordError` naming the file, the line (or file) and the
field, and the good records are still imported.

Fields (JSONL keys, CSV columns, Markdown front matter): ``id`` and ``title`` are required;
``body``, ``script``, ``short_script``, ``tags`` (a list, or text separated by ``|``, ``,`` or
``，``), ``scenario``, ``audience`` (teams, same separators), ``valid_from``/``valid_to`` (ISO
8601; a time without zone is taken as UTC) and ``lang`` (``zh``/``en``; guessed from the text
when missing). A Markdown card is ``---`` front matter, a ``# Title`` line, the body, and
optional ``## Script`` / ``## 话术`` and ``## Short script`` / ``## 简版话术`` sections.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from homeseat.core.knowledge import Card
from homeseat.knowledge.text import has_cjk
from homeseat.protocol.knowledge import CARD_ID_PATTERN

__all__ = ["RecordError", "ImportResult", "read_cards", "parse_record"]

_SPLIT = re.compile(r"\s*[|,，;；]\s*")


@dataclass(frozen=True, slots=True)
class RecordError:
    """One record that could not be imported, and why."""

    where: str  # file:line or file
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What a file yielded: good cards and per-record errors."""

    cards: list[Card]
    errors: list[RecordError]


def _list(value: Any) -> Any:
    if value is None:
        return []
    if isinstance(value, str):
        return [v for v in _SPLIT.split(value.strip()) if v]
    return value


def _moment(value: Any) -> Any:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        moment = datetime.fromisoformat(value.strip())
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return value


_Tag = Annotated[str, Field(min_length=1, max_length=40)]
_Team = Annotated[str, Field(min_length=1, max_length=64)]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    id: Annotated[str, Field(pattern=CARD_ID_PATTERN)]
    title: Annotated[str, Field(min_length=1, max_length=200)]
    body: Annotated[str, Field(max_length=6000)] = ""
    script: Annotated[str, Field(max_length=2000)] = ""
    short_script: Annotated[str, Field(max_length=500)] = ""
    tags: Annotated[list[_Tag], Field(max_length=20)]
    scenario: Annotated[str, Field(max_length=64)] = ""
    audience: Annotated[
        list[Annotated[str, Field(min_length=1, max_length=64)]], Field(max_length=50)
    ]
    valid_from: datetime | None = None
    valid_to: datetime | None = None
    lang: str | None = None

    @field_validator("tags", "audience", mode="before")
    @classmethod
    def _split(cls, value: Any) -> Any:
        return _list(value)

    @field_validator("valid_from", "valid_to", mode="before")
    @classmethod
    def _zone(cls, value: Any) -> Any:
        return _moment(value)

    @field_validator("lang", mode="before")
    @classmethod
    def _lang(cls, value: Any) -> Any:
        if value in (None, ""):
            return None
        if value not in ("zh", "en"):
            raise ValueError("must be 'zh' or 'en'")
        return value


def parse_record(data: dict[str, Any]) -> Card:
    """Validate one record; raises ``ValueError`` with a one-line reason."""
    data = {k: v for k, v in data.items() if not (isinstance(k, str) and k.startswith("_"))}
    data.setdefault("tags", [])
    data.setdefault("audience", [])
    try:
        rec = _Record.model_validate(data)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"]) or "(record)"
        more = f" (+{exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        raise ValueError(f"field {where}: {first['msg']}{more}") from None
    if rec.valid_from and rec.valid_to and rec.valid_to <= rec.valid_from:
        raise ValueError("field valid_to: must be after valid_from")
    lang = rec.lang or ("zh" if has_cjk(rec.title + rec.body) else "en")
    return Card(
        id=rec.id,
        title=rec.title,
        body=rec.body,
        script=rec.script,
        short_script=rec.short_script,
        tags=tuple(rec.tags),
        scenario=rec.scenario,
        audience=tuple(rec.audience),
        valid_from=rec.valid_from,
        valid_to=rec.valid_to,
        lang=lang,
    )


def _jsonl(path: Path) -> Iterator[tuple[str, dict[str, Any] | str]]:
    raw = path.read_bytes().removeprefix(b"\xef\xbb\xbf")
    for number, chunk in enumerate(raw.split(b"\n"), 1):
        where = f"{path.name}:{number}"
        try:
            line = chunk.decode("utf-8")
        except UnicodeDecodeError:
            yield where, "not UTF-8 text"
            continue
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            yield where, f"not valid JSON ({exc.msg})"
            continue
        yield where, data if isinstance(data, dict) else "a record must be a JSON object"


def _csv(path: Path) -> Iterator[tuple[str, dict[str, Any] | str]]:
    text = path.read_text(encoding="utf-8-sig")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    for row in reader:
        where = f"{path.name}:{reader.line_num}"
        if None in row:
            yield where, "more cells than header columns"
            continue
        yield where, {k.strip(): v for k, v in row.items() if k and v is not None and v != ""}


_SECTION = re.compile(r"^##\s+(.+?)\s*$", re.MULTILINE)
_SECTIONS = {
    "script": "script",
    "话术": "script",
    "short script": "short_script",
    "简版话术": "short_script",
    "short_script": "short_script",
}


def _markdown(path: Path) -> dict[str, Any] | str:
    try:
        text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError:
        return "not UTF-8 text"
    data: dict[str, Any] = {}
    if text.startswith("---\n"):
        end = text.find("\n---", 4)
        if end < 0:
            return "front matter is not closed with ---"
        for number, line in enumerate(text[4:end].splitlines(), 2):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            key, sep, value = line.partition(":")
            if not sep:
                return f"front matter line {number}: expected 'key: value'"
            value = value.strip()
            if value.startswith("[") and value.endswith("]"):
                data[key.strip()] = [v.strip(" '\"") for v in value[1:-1].split(",") if v.strip()]
            else:
                data[key.strip()] = value.strip("'\"")
        text = text[end + 4 :].lstrip("\n")
    heading = re.match(r"#\s+(.+)\n?", text)
    if heading:
        data.setdefault("title", heading.group(1).strip())
        text = text[heading.end() :]
    data.setdefault("id", path.stem)
    parts = _SECTION.split(text)
    data["body"] = parts[0].strip()
    for name, content in zip(parts[1::2], parts[2::2], strict=True):
        field = _SECTIONS.get(name.strip().lower())
        if field is None:
            data["body"] += f"\n\n## {name}\n{content.rstrip()}"
        else:
            data[field] = content.strip()
    return data


def _records(path: Path) -> Iterator[tuple[str, dict[str, Any] | str]]:
    if path.is_dir():
        for md in sorted(path.rglob("*.md")):
            yield str(md.relative_to(path)), _markdown(md)
    elif path.suffix.lower() in (".jsonl", ".ndjson", ".json"):
        yield from _jsonl(path)
    elif path.suffix.lower() == ".csv":
        yield from _csv(path)
    elif path.suffix.lower() == ".md":
        yield path.name, _markdown(path)
    else:
        raise ValueError(f"{path}: unknown format (use .jsonl, .csv, .md or a folder of .md)")


def read_cards(path: Path) -> ImportResult:
    """Read every record of ``path``; bad records are reported, never fatal.

    Raises:
        ValueError: the path cannot be read at all (unknown format).
        OSError: the file or folder cannot be opened.
    """
    cards: list[Card] = []
    errors: list[RecordError] = []
    seen: dict[str, str] = {}
    for where, record in _records(path):
        if isinstance(record, str):
            errors.append(RecordError(where, record))
            continue
        try:
            card = parse_record(record)
        except (ValueError, TypeError) as exc:
            errors.append(RecordError(where, str(exc)))
            continue
        if card.id in seen:
            errors.append(
                RecordError(where, f"duplicate id {card.id!r} (first at {seen[card.id]})")
            )
            continue
        seen[card.id] = where
        cards.append(card)
    return ImportResult(cards, errors)
