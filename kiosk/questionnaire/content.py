"""The co-education questionnaire's content (``data/questionnaire.toml``) and the answers of
one parent.

* :mod:`kiosk.questionnaire.loading` reads and validates the questionnaire file (the shipped
  one, or the school's own copy named by ``[questionnaire] file``). A bad file raises
  :class:`QuestionnaireError` naming the file, the item and the problem.
* :class:`Questionnaire` is the content as data: sections, Part 1 domains, items (1–5 scale
  statements, single and multiple choices), the key indicators of Part 2 and the rule that
  decides whether a parent is offered help (:meth:`Questionnaire.needs_orientation`).
* :class:`ContentTranslator` translates the content through the separate gettext domain
  ``questionnaire`` (French msgids) and says when a text has no translation, so a school's
  reworded item is shown in French with a line saying so.

The anonymous responses are stored by :mod:`kiosk.questionnaire.responses`; the Babel
extractor of the content's texts is :mod:`kiosk.questionnaire.extract`.

Answers are a mapping ``item id → value``: ``1``–``5`` or :data:`NOT_APPLICABLE` for a
statement, an option id for a single choice, a non-empty list of option ids for a multiple
choice. A skipped question is simply absent.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.core import paths
from kiosk.core.config import ConfigError

QUESTIONNAIRE_FILE = paths.DATA_DIR / "questionnaire.toml"
#: The gettext domain of the questionnaire's content (French msgids).
CONTENT_DOMAIN = "questionnaire"
#: The answer "does not apply / I don't know" to a statement.
NOT_APPLICABLE = "na"
SCALE = (1, 2, 3, 4, 5)
KINDS = ("scale", "single", "multiple")
MAX_TEXT = 600


Answer = int | str | list[str]


class QuestionnaireError(ConfigError):
    """A questionnaire file that cannot be used: which file, which item, what is wrong.

    A :class:`~kiosk.core.config.ConfigError`, so the command line reports it the same way
    (one message, exit status 2) when the kiosk starts.
    """

    def __init__(self, file: Path | str | None, item: str, problem: str) -> None:
        self.item = item
        self.problem = problem
        super().__init__(file if file is not None else "(questionnaire)", item, None, problem)

    def describe(self) -> str:
        where = f"item {self.item}: " if self.item else ""
        return f"{self.file}: {where}{self.problem}"


# --- the content -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Option:
    """One choice of a single or multiple choice question."""

    id: str
    text: str
    #: Choosing it clears the other choices (e.g. "none of these").
    exclusive: bool = False


@dataclass(frozen=True)
class Item:
    """One question: a Part 1 statement (1–5 scale) or a choice question."""

    id: str
    section: str
    kind: str
    text: str
    domain: str = ""
    options: tuple[Option, ...] = ()
    enabled: bool = True
    #: Results are also broken down by this item's answer (category, level).
    breakdown: bool = False

    @property
    def is_scale(self) -> bool:
        return self.kind == "scale"

    @property
    def is_multiple(self) -> bool:
        return self.kind == "multiple"

    def option(self, option_id: str) -> Option | None:
        for option in self.options:
            if option.id == option_id:
                return option
        return None

    def toggled(self, current: object, option_id: str) -> list[str]:
        """A multiple choice's options after `option_id` is ticked or unticked (an exclusive
        option clears the others; another option clears the exclusive ones)."""
        chosen = [c for c in current if isinstance(c, str)] if isinstance(current, list) else []
        option = self.option(option_id)
        if option is None:
            return chosen
        if option_id in chosen:
            return [c for c in chosen if c != option_id]
        if option.exclusive:
            return [option_id]
        exclusive = {o.id for o in self.options if o.exclusive}
        return [c for c in chosen if c not in exclusive] + [option_id]

    def accepts(self, value: object) -> bool:
        """True when `value` is a valid answer to this item."""
        if self.kind == "scale":
            return value == NOT_APPLICABLE or (
                isinstance(value, int) and not isinstance(value, bool) and value in SCALE
            )
        ids = {o.id for o in self.options}
        if self.kind == "single":
            return isinstance(value, str) and value in ids
        return (
            isinstance(value, list)
            and bool(value)
            and all(isinstance(v, str) and v in ids for v in value)
            and len(set(value)) == len(value)
        )


@dataclass(frozen=True)
class Domain:
    """A Part 1 domain (A Encadrement…)."""

    id: str
    title: str


@dataclass(frozen=True)
class Section:
    """A part of the questionnaire."""

    id: str
    title: str


@dataclass(frozen=True)
class Indicator:
    """A key figure of Part 2 (share of families …), also used for the orientation."""

    id: str
    label: str
    item: str
    chosen: tuple[str, ...] = ()
    not_chosen: tuple[str, ...] = ()

    def holds(self, answers: Mapping[str, object]) -> bool | None:
        """True/False for a response that answered the item; None when it was skipped."""
        value = answers.get(self.item)
        if value is None:
            return None
        chosen = set(value) if isinstance(value, list | tuple) else {value}
        if self.chosen and chosen & set(self.chosen):
            return True
        if self.not_chosen:
            return not (chosen & set(self.not_chosen))
        return False


@dataclass(frozen=True)
class Questionnaire:
    """The questionnaire as the school configured it."""

    version: int
    minutes: int
    scale: tuple[str, ...]
    not_applicable: str
    sections: tuple[Section, ...]
    domains: tuple[Domain, ...]
    #: Every item of the file, disabled ones included (past responses stay readable).
    all_items: tuple[Item, ...]
    indicators: tuple[Indicator, ...] = ()
    orientation_when: tuple[str, ...] = ()
    source: Path | None = field(default=None, compare=False)

    @property
    def items(self) -> list[Item]:
        """The items asked, in order (disabled ones left out)."""
        return [item for item in self.all_items if item.enabled]

    @property
    def statements(self) -> list[Item]:
        return [item for item in self.items if item.is_scale]

    def item(self, item_id: str) -> Item | None:
        for item in self.all_items:
            if item.id == item_id:
                return item
        return None

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)

    def domain(self, domain_id: str) -> Domain | None:
        return next((d for d in self.domains if d.id == domain_id), None)

    def domain_items(self, domain_id: str) -> list[Item]:
        return [item for item in self.statements if item.domain == domain_id]

    def clean(self, answers: Mapping[str, object]) -> dict[str, Answer]:
        """Only the valid answers to items asked, in the questionnaire's order."""
        out: dict[str, Answer] = {}
        for item in self.items:
            value = answers.get(item.id)
            if value is not None and item.accepts(value):
                if isinstance(value, list):
                    order = [o.id for o in item.options]
                    out[item.id] = sorted(value, key=order.index)
                else:
                    out[item.id] = value  # type: ignore[assignment]
        return out

    def needs_orientation(self, answers: Mapping[str, object]) -> bool:
        """True when the parent should be offered workshops, partners and equipment loans."""
        wanted = set(self.orientation_when)
        return any(ind.holds(answers) for ind in self.indicators if ind.id in wanted)

    def texts(self) -> Iterator[tuple[str, str]]:
        """(where, French text) of every text parents see, for translation."""
        for index, label in enumerate(self.scale, start=1):
            yield f"scale {index}", label
        yield "not_applicable", self.not_applicable
        for section in self.sections:
            yield f"section {section.id}", section.title
        for domain in self.domains:
            yield f"domain {domain.id}", domain.title
        for item in self.all_items:
            yield f"item {item.id}", item.text
            for option in item.options:
                yield f"item {item.id} option {option.id}", option.text


# --- loading and validation ------------------------------------------------------------------


class ContentTranslator:
    """Translates the questionnaire's texts into one language (gettext domain ``questionnaire``).

    A text without translation (a school's own wording) comes back in French;
    :meth:`is_translated` tells the screen to say so.
    """

    def __init__(self, catalog: gettext.NullTranslations, code: str) -> None:
        self._catalog = catalog
        self.code = code

    def __call__(self, text: str) -> str:
        return self._catalog.gettext(text)

    def is_translated(self, text: str) -> bool:
        return self.code == paths.SOURCE_LANGUAGE or self._catalog.gettext(text) != text
