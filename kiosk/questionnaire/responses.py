"""The questionnaire's anonymous responses, one file per school year.

:class:`ResponseBook` stores one anonymous document per submission (answers, language,
questionnaire version, date and hour without minutes, and the channel: ``"kiosk"`` or
``"paper"`` for a sheet typed in by staff) in the school year's ``responses.json``;
:class:`Response` is one submission as read back.

It refuses an answer outside the questionnaire's dates (:mod:`kiosk.questionnaire.dates`) and,
when the school asks for one answer per family, a kiosk answer without a valid one-time code
(:mod:`kiosk.questionnaire.family_codes`): the code is spent, never stored with the answers.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kiosk.core.store import DataFile, Store
    from kiosk.questionnaire.content import Questionnaire
    from kiosk.questionnaire.family_codes import FamilyCodes

from kiosk.questionnaire.dates import AnswerWindow

TABLE = "responses"
KIOSK = "kiosk"
PAPER = "paper"
#: How an answer reached the kiosk: typed by the parent, or from a paper sheet by staff.
CHANNELS = (KIOSK, PAPER)

#: A stored answer as read back: 1–5, "na", an option id, or a tuple of option ids.
StoredAnswer = int | str | tuple[str, ...]


#: Every (item id, answer) pair met so far → a small number (see :attr:`Response.codes`).
_PAIR_CODES: dict[tuple[str, object], int] = {}
PAIRS: list[tuple[str, object]] = []
_PAIR_LOCK = threading.Lock()
#: More distinct pairs than a questionnaire can have: past this, stop numbering (a damaged
#: file full of odd values must not grow the table without end).
MAX_PAIRS = 200_000


def pair_code(item_id: str, value: object) -> int | None:
    """The number of one (item, answer) pair, the same for equal pairs in this process."""
    key = (item_id, value)
    code = _PAIR_CODES.get(key)
    if code is None:
        with _PAIR_LOCK:
            code = _PAIR_CODES.get(key)
            if code is None:
                if len(PAIRS) >= MAX_PAIRS:
                    return None
                code = _PAIR_CODES[key] = len(PAIRS)
                PAIRS.append(key)
    return code


@dataclass(frozen=True)
class Response:
    """One anonymous submission (multiple choices as tuples: every value is hashable).

    :attr:`codes` numbers its (item, answer) pairs once, when the response is read, so that
    the results of thousands of responses are a count of small numbers
    (:func:`kiosk.questionnaire.results.compute`). Values that are not answers (booleans, numbers
    with a
    fraction, lists of non-texts…) get no number: they are never counted.
    """

    answers: Mapping[str, StoredAnswer]
    language: str
    #: Date and hour, e.g. "2026-11-23T10" (no minutes: nothing to match with a visit).
    hour: str
    version: int
    codes: tuple[int, ...] | None = field(default=None, compare=False, repr=False)
    #: "kiosk" or "paper" (responses stored before channels existed came from the kiosk).
    channel: str = KIOSK

    def __post_init__(self) -> None:
        if self.codes is not None:
            return
        codes: list[int] = []
        try:
            items = list(self.answers.items())
        except (AttributeError, TypeError):
            items = []
        for key, value in items:
            if isinstance(value, list):
                value = tuple(value)
            if isinstance(value, bool) or not isinstance(value, int | str | tuple):
                continue
            if isinstance(value, tuple) and not all(isinstance(v, str) for v in value):
                continue
            code = pair_code(str(key), value)
            if code is None:
                return  # numbering full: the results count the answers directly
            codes.append(code)
        object.__setattr__(self, "codes", tuple(codes))


def response_from(doc: Mapping[str, Any]) -> Response | None:
    """A stored document as a :class:`Response` (None for a document that is not one)."""
    answers = doc.get("answers")
    if not isinstance(answers, dict):
        return None
    version = doc.get("version", 1)
    kept: dict[str, StoredAnswer] = {}
    for key, value in answers.items():
        if isinstance(value, list):
            if value and all(isinstance(v, str) for v in value):
                kept[str(key)] = tuple(value)
        elif isinstance(value, int | str) and not isinstance(value, bool):
            kept[str(key)] = value
    return Response(
        answers=kept,
        language=str(doc.get("language", "")),
        hour=str(doc.get("hour", "")),
        version=version if isinstance(version, int) else 1,
        channel=PAPER if doc.get("channel") == PAPER else KIOSK,
    )


class ResponseBook:
    """The questionnaire's responses, one file per school year."""

    def __init__(self, store: Store, now: Callable[[], dt.datetime], *,
                 window: AnswerWindow | None = None,
                 family_codes: FamilyCodes | None = None) -> None:
        self._store = store
        self._now = now
        #: The days answers are taken (default: always).
        self.window = window or AnswerWindow()
        #: Set when the school wants one answer per family: a kiosk answer spends a code.
        self.family_codes = family_codes
        store.check_records("responses", {TABLE: response_from})  # None: not a response

    def _file(self, year: str | None = None) -> DataFile:
        return self._store.file("responses", year=year)

    @property
    def needs_code(self) -> bool:
        """Whether a parent at the kiosk must give a one-time family code."""
        return self.family_codes is not None

    def add_response(
        self, questionnaire: Questionnaire, answers: Mapping[str, object], language: str,
        *, channel: str = KIOSK, code: str | None = None,
    ) -> Response:
        """Store one submission (only valid answers; hour without minutes) and return it.

        Raises :class:`~kiosk.questionnaire.dates.QuestionnaireClosed` outside the dates (a
        paper sheet may still be typed in after the closing day), and
        :class:`~kiosk.questionnaire.family_codes.CodeRefused` for a kiosk answer without a
        valid code when one answer per family is asked. Nothing is stored then.
        """
        if channel not in CHANNELS:
            raise ValueError(f"unknown channel {channel!r}")
        now: dt.datetime = self._now()
        self.window.check(now.date(), late_paper=channel == PAPER)
        clean = questionnaire.clean(answers)
        response = Response(
            answers={k: tuple(v) if isinstance(v, list) else v for k, v in clean.items()},
            language=language,
            hour=now.strftime("%Y-%m-%dT%H"),
            version=questionnaire.version,
            channel=channel,
        )
        spent = self.family_codes if channel == KIOSK else None
        if spent is not None:
            from kiosk.questionnaire.family_codes import CodeRefused, CodeState

            if code is None:
                raise CodeRefused(CodeState.UNKNOWN)
            spent.spend(code)
        try:
            with self._file().transaction() as db:
                db.table(TABLE).insert(
                    {
                        "answers": clean,
                        "language": response.language,
                        "hour": response.hour,
                        "version": response.version,
                        "channel": channel,
                    }
                )
        except BaseException:
            if spent is not None and code is not None:
                spent.give_back(code)
            raise
        return response

    def channel_counts(self, year: str | None = None) -> dict[str, int]:
        """How many responses came by each channel ("kiosk", "paper")."""
        counts = dict.fromkeys(CHANNELS, 0)
        for response in self.responses(year):
            counts[response.channel] += 1
        return counts

    def add_many(self, docs: Sequence[Mapping[str, Any]], year: str | None = None) -> None:
        """Store already-built documents at once (demo seeding, imports)."""
        with self._file(year).transaction() as db:
            db.table(TABLE).insert_multiple(dict(doc) for doc in docs)

    def responses(self, year: str | None = None) -> list[Response]:
        """Every response of a school year (the current one by default)."""
        found = (response_from(doc) for doc in self._file(year).table(TABLE).all())
        return [r for r in found if r is not None]

    def count(self, year: str | None = None) -> int:
        return len(self._file(year).table(TABLE))

    @property
    def year(self) -> str:
        """The school year in force (the store's)."""
        return self._store.year

    def earlier_years(self, year: str) -> list[str]:
        """The school years before `year` that have a responses file, the latest first."""
        earlier = [y for y in self._store.years() if y < year]
        return [y for y in reversed(earlier) if self._file(y).exists()]

    def previous_year(self) -> str | None:
        """The latest earlier school year that has responses, if any."""
        earlier = [y for y in self._store.years() if y < self._store.year]
        for year in reversed(earlier):
            path = self._file(year).path
            if path.exists() and self.count(year):
                return year
        return None
