"""Turning card text and queries into index terms (Chinese and English), and queries into FTS5.

Pure functions, no I/O; used on whatever thread calls the store.

Chinese has no spaces, so Chinese runs are indexed as overlapping character bigrams
(``退款到账`` → ``退款 款到 到账``): every two-character word (退款, 发票) is an index term by
construction, with no dictionary to load or keep current, and a longer word is a phrase of
consecutive bigrams. A lone character is indexed as itself. English is lower-cased, split on
non-letters, stripped of stop words and reduced by a light stemmer (plurals, -ing, -ed, final
-e) so ``refunds``/``refunded`` find ``refund``. The tokens are written space-separated and FTS5's
``unicode61`` tokenizer indexes them as they are.

A query becomes *groups*; each group is a set of alternative phrases (the word itself, its
synonyms, its typo corrections, a prefix while typing) joined with OR, and groups are joined with
AND (precise) or OR (recall); the store tries AND first and falls back to OR.
"""

from __future__ import annotations

import functools
import operator
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from homeseat.knowledge.synonyms import Synonyms
from homeseat.knowledge.typos import Vocabulary

__all__ = [
    "Phrase",
    "Group",
    "normalize",
    "stem",
    "index_terms",
    "index_text",
    "has_cjk",
    "build_query",
    "to_match",
]

_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[a-z0-9]+")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Function words that match everything and so rank nothing.
_STOP_EN = _words(
    """a an the and or but if of to in on at by for from with about into as is are was were be
    been being am do does did doing have has had i me my we our you your he she it its they them
    their this that these those what which who whom how when where why can could would should will
    shall may might must not no yes please hi hello thanks thank just so than too very there here
    get got want need"""
)
# Chinese bigrams that carry no topic: pronouns, question words, politeness.
_STOP_ZH = _words(
    """我的 你们 我们 他们 什么 怎么 怎样 如何 可以 能不 不能 一下 请问 你好 您好
    谢谢 是不 不是 有没 没有 为什 么时 时候 这个 那个 一个 还是 已经 现在 的话
    吗我 了吗 了我 是什 么办 帮我 麻烦 一直 还没 收到"""
)


def normalize(text: str) -> str:
    """NFKC (full-width → half-width) and lower case."""
    return unicodedata.normalize("NFKC", text).lower()


def has_cjk(text: str) -> bool:
    """Whether ``text`` contains Chinese characters."""
    return _CJK.search(text) is not None


@functools.lru_cache(maxsize=200_000)  # the same words recur: indexing 1,000 cards stems ~100k
def stem(word: str) -> str:
    """A light English stemmer: plural, -ing, -ed and final -e; stable on its own output."""
    if len(word) <= 3 or not word.isascii() or word.isdigit():
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)]
            if len(base) >= 4 and base[-1] == base[-2] and base[-1] not in "lsz":
                base = base[:-1]  # shipping → ship
            word = base
            break
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


def _cjk_terms(run: str) -> list[str]:
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def index_terms(text: str) -> list[str]:
    """Index terms of ``text`` in order (bigrams for Chinese, stems for English)."""
    terms: list[str] = []
    append, extend = terms.append, terms.extend
    for run in _RUN.findall(normalize(text)):
        if run[0].isascii():
            if run not in _STOP_EN:
                append(stem(run))
        elif len(run) == 1:
            append(run)
        else:
            extend(map(operator.add, run[:-1], run[1:]))  # overlapping bigrams, at C speed
    return terms


def index_text(text: str) -> str:
    """:func:`index_terms` as one space-separated string, ready for FTS5's unicode61."""
    return " ".join(index_terms(text))


@dataclass(frozen=True, slots=True)
class Phrase:
    """Consecutive index terms; ``prefix`` lets the last one be the start of a term."""

    terms: tuple[str, ...]
    prefix: bool = False


@dataclass(frozen=True, slots=True)
class Group:
    """Alternatives for one word of the query (any of them may match)."""

    alternatives: tuple[Phrase, ...]
    source: str  # the query text it came from, for explanations


def _phrase(text: str) -> Phrase | None:
    terms = tuple(index_terms(text))
    return Phrase(terms) if terms else None


def build_query(
    text: str,
    *,
    as_you_type: bool = False,
    synonyms: Synonyms | None = None,
    vocabulary: Vocabulary | None = None,
) -> list[Group]:
    """The groups of a query (empty when it has nothing searchable).

    Args:
        text: what the agent typed or the customer said.
        as_you_type: the last word may be unfinished: also match it as a prefix.
        synonyms: colloquial ↔ canonical words (e.g. 退钱 ↔ 退款, money back ↔ refund).
        vocabulary: the index's English terms, for typo correction (none without it).
    """
    norm = normalize(text)
    groups: list[Group] = []
    if synonyms is not None:
        for start, end, members in synonyms.find(norm):
            # The word as typed, or the group's canonical word (the one cards are written
            # with). Not every member: a card that happens to use three of them would get
            # three times the credit for one word of the query.
            said = norm[start:end]
            alts = tuple(p for p in (_phrase(m) for m in dict.fromkeys((said, members[0]))) if p)
            if alts:
                groups.append(Group(alts, norm[start:end]))
            norm = norm[:start] + " " * (end - start) + norm[end:]
    runs = list(_RUN.finditer(norm))
    typing_last = as_you_type and bool(norm) and not norm[-1].isspace()
    for i, m in enumerate(runs):
        run = m.group()
        last = typing_last and i == len(runs) - 1 and m.end() == len(norm)
        if run[0].isascii():
            groups.extend(_english_group(run, last, vocabulary))
        else:
            groups.extend(_chinese_groups(run, last))
    return groups


def _english_group(word: str, typing: bool, vocabulary: Vocabulary | None) -> list[Group]:
    if word in _STOP_EN or (typing and len(word) < 2):
        return []
    base = stem(word)
    alts = [Phrase((base,))]
    if typing:
        alts.append(Phrase((word,), prefix=True))
        if base != word:
            alts.append(Phrase((base,), prefix=True))
    if vocabulary is not None and not word.isdigit():
        alts.extend(Phrase((t,)) for t in vocabulary.corrections(base))
    return [Group(tuple(dict.fromkeys(alts)), word)]


def _chinese_groups(run: str, typing: bool) -> list[Group]:
    if len(run) == 1:
        return [Group((Phrase((run,), prefix=typing),), run)]
    groups = [Group((Phrase((b,)),), b) for b in _cjk_terms(run) if b not in _STOP_ZH]
    if typing:
        # The last character may start a word being typed: 退款到 → 到*
        groups.append(Group((Phrase((run[-1],), prefix=True),), run[-1]))
    return groups


def _quote(phrase: Phrase) -> str:
    body = '"' + " ".join(phrase.terms) + '"'
    return body + "*" if phrase.prefix else body


def to_match(groups: Sequence[Group], operator: str = "AND") -> str:
    """The FTS5 MATCH expression for ``groups`` joined by ``operator`` (AND or OR)."""
    parts: list[str] = []
    for g in groups:
        alts = " OR ".join(_quote(p) for p in g.alternatives)
        parts.append(f"({alts})" if len(g.alternatives) > 1 else alts)
    return f" {operator} ".join(dict.fromkeys(parts))


def english_terms(terms: Iterable[str]) -> list[str]:
    """The ASCII terms of an index vocabulary (what typo correction works on)."""
    return [t for t in terms if t.isascii() and t.isalpha()]
