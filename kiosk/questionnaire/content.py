"""The co-education questionnaire's content (``data/questionnaire.toml``) and the answers of
one parent.

* :func:`load` reads and validates the questionnaire file (the shipped one, or the school's
  own copy named by ``[questionnaire] file``). A bad file raises :class:`QuestionnaireError`
  naming the file, the item and the problem; nothing half-valid is ever used.
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
import re
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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

_ID_RE = re.compile(r"[A-Z][A-Z0-9_]{0,31}")
_OPTION_RE = re.compile(r"[a-z][a-z0-9_]{0,31}")

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

_TOP_KEYS = {"version", "minutes", "scale", "not_applicable", "sections", "domains", "items",
             "indicators", "orientation"}
_ITEM_KEYS = {"id", "section", "kind", "text", "domain", "options", "enabled", "breakdown"}


def load(path: Path | None = None) -> Questionnaire:
    """Read and validate a questionnaire file (default: the shipped one)."""
    path = path or QUESTIONNAIRE_FILE
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise QuestionnaireError(path, "", "the file does not exist.") from None
    except UnicodeDecodeError as exc:
        raise QuestionnaireError(path, "", f"the file is not UTF-8 text (byte {exc.start}).")\
            from None
    except OSError as exc:
        raise QuestionnaireError(path, "", f"the file cannot be read ({exc.strerror}).")\
            from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise QuestionnaireError(path, "", f"this is not valid TOML: {exc}.") from None
    return from_mapping(raw, path)


def _text(file: object, item: str, value: object, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise QuestionnaireError(_p(file), item, f"{what} must be a non-empty text in quotes.")
    if len(value) > MAX_TEXT:
        raise QuestionnaireError(_p(file), item, f"{what} is longer than {MAX_TEXT} characters.")
    if re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", value):
        raise QuestionnaireError(_p(file), item, f"{what} holds control characters.")
    return " ".join(value.split())


def _p(file: object) -> str | None:
    return None if file is None else str(file)


def _table_list(file: object, raw: Mapping[str, Any], key: str) -> list[dict[str, Any]]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise QuestionnaireError(_p(file), "", f"[[{key}]] must be a list of tables.")
    return value


def from_mapping(raw: Mapping[str, Any], file: Path | str | None = None) -> Questionnaire:
    """Build a :class:`Questionnaire` from parsed TOML, or raise :class:`QuestionnaireError`."""
    f = _p(file)
    unknown = sorted(set(raw) - _TOP_KEYS)
    if unknown:
        raise QuestionnaireError(
            f, "", f"unknown key {unknown[0]!r} (known: {', '.join(sorted(_TOP_KEYS))})."
        )
    version = raw.get("version", 1)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise QuestionnaireError(f, "", "version must be a whole number from 1.")
    minutes = raw.get("minutes", 10)
    if not isinstance(minutes, int) or isinstance(minutes, bool) or not 1 <= minutes <= 120:
        raise QuestionnaireError(f, "", "minutes must be a whole number from 1 to 120.")
    scale = raw.get("scale")
    if not isinstance(scale, list) or len(scale) != len(SCALE):
        raise QuestionnaireError(f, "", "scale must list exactly 5 texts, from 1 to 5.")
    scale_texts = tuple(_text(f, "", s, f"scale text {i}") for i, s in enumerate(scale, 1))
    na_text = _text(f, "", raw.get("not_applicable"), "not_applicable")

    sections: list[Section] = []
    for entry in _table_list(f, raw, "sections"):
        sid = entry.get("id")
        if not isinstance(sid, str) or not _OPTION_RE.fullmatch(sid):
            raise QuestionnaireError(f, "", f"section id {sid!r} must be a short lower-case word.")
        if any(s.id == sid for s in sections):
            raise QuestionnaireError(f, "", f"section {sid!r} is defined twice.")
        sections.append(Section(sid, _text(f, "", entry.get("title"), f"section {sid} title")))
    if not sections:
        raise QuestionnaireError(f, "", "at least one [[sections]] is needed.")

    domains: list[Domain] = []
    for entry in _table_list(f, raw, "domains"):
        did = entry.get("id")
        if not isinstance(did, str) or not re.fullmatch("[A-Z]", did):
            raise QuestionnaireError(f, "", f"domain id {did!r} must be one capital letter.")
        if any(d.id == did for d in domains):
            raise QuestionnaireError(f, "", f"domain {did!r} is defined twice.")
        domains.append(Domain(did, _text(f, "", entry.get("title"), f"domain {did} title")))

    items: list[Item] = []
    for index, entry in enumerate(_table_list(f, raw, "items"), start=1):
        items.append(_item(f, index, entry, sections, domains, items))
    if not any(item.enabled for item in items):
        raise QuestionnaireError(f, "", "no item is enabled: there would be nothing to ask.")

    indicators: list[Indicator] = []
    for entry in _table_list(f, raw, "indicators"):
        indicators.append(_indicator(f, entry, items, indicators))

    orientation = raw.get("orientation", {})
    if not isinstance(orientation, dict) or set(orientation) - {"when"}:
        raise QuestionnaireError(f, "", '[orientation] takes one key: when = ["indicator", …].')
    when = orientation.get("when", [])
    known = {i.id for i in indicators}
    if not isinstance(when, list) or not all(isinstance(w, str) and w in known for w in when):
        raise QuestionnaireError(
            f, "", f"[orientation] when must list indicator ids among: {', '.join(sorted(known))}."
        )
    return Questionnaire(
        version=version,
        minutes=minutes,
        scale=scale_texts,
        not_applicable=na_text,
        sections=tuple(sections),
        domains=tuple(domains),
        all_items=tuple(items),
        indicators=tuple(indicators),
        orientation_when=tuple(when),
        source=Path(file) if file is not None else None,
    )


def _item(
    f: str | None,
    index: int,
    entry: Mapping[str, Any],
    sections: Sequence[Section],
    domains: Sequence[Domain],
    previous: Sequence[Item],
) -> Item:
    item_id = entry.get("id")
    if not isinstance(item_id, str) or not _ID_RE.fullmatch(item_id):
        raise QuestionnaireError(
            f, f"#{index}", f"id {item_id!r} must be capital letters, digits or _ (e.g. A1)."
        )
    if any(item.id == item_id for item in previous):
        raise QuestionnaireError(f, item_id, "this id is used twice; ids must be unique.")
    unknown = sorted(set(entry) - _ITEM_KEYS)
    if unknown:
        raise QuestionnaireError(
            f, item_id, f"unknown key {unknown[0]!r} (known: {', '.join(sorted(_ITEM_KEYS))})."
        )
    section = entry.get("section")
    if not isinstance(section, str) or section not in {s.id for s in sections}:
        raise QuestionnaireError(
            f, item_id, f"section {section!r} is not one of: {', '.join(s.id for s in sections)}."
        )
    kind = entry.get("kind")
    if kind not in KINDS:
        raise QuestionnaireError(f, item_id, f"kind {kind!r} is not one of: {', '.join(KINDS)}.")
    text = _text(f, item_id, entry.get("text"), "text")
    enabled = entry.get("enabled", True)
    breakdown = entry.get("breakdown", False)
    for key, value in (("enabled", enabled), ("breakdown", breakdown)):
        if not isinstance(value, bool):
            raise QuestionnaireError(f, item_id, f"{key} must be true or false.")
    domain = entry.get("domain", "")
    if not isinstance(domain, str):
        raise QuestionnaireError(f, item_id, "domain must be one capital letter in quotes.")
    if kind == "scale":
        _check_scale(f, item_id, entry, domain, domains, breakdown)
        options: tuple[Option, ...] = ()
    else:
        if domain:
            raise QuestionnaireError(f, item_id, "only scale statements belong to a domain.")
        options = _options(f, item_id, entry.get("options"))
    return Item(
        id=item_id,
        section=str(section),
        kind=str(kind),
        text=text,
        domain=str(domain),
        options=options,
        enabled=enabled,
        breakdown=breakdown,
    )


def _check_scale(f: str | None, item_id: str, entry: Mapping[str, Any], domain: str,
                 domains: Sequence[Domain], breakdown: bool) -> None:
    """A scale statement belongs to a known domain and has no options (nor breakdown)."""
    if domain not in {d.id for d in domains}:
        raise QuestionnaireError(
            f, item_id,
            f"domain {domain!r} is not one of: {', '.join(d.id for d in domains) or '(none)'}.",
        )
    if "options" in entry:
        raise QuestionnaireError(f, item_id, "a scale statement takes no options.")
    if breakdown:
        raise QuestionnaireError(f, item_id, "only choice questions can be a breakdown.")


def _options(f: str | None, item_id: str, raw_options: object) -> tuple[Option, ...]:
    """The options of a choice question: 2 to 9, each with its own short id."""
    if not isinstance(raw_options, list) or len(raw_options) < 2:
        raise QuestionnaireError(f, item_id, "a choice question needs at least 2 options.")
    if len(raw_options) > 9:
        raise QuestionnaireError(f, item_id, "at most 9 options (number keys 1 to 9).")
    options: list[Option] = []
    for raw_option in raw_options:
        if not isinstance(raw_option, dict) or set(raw_option) - {"id", "text", "exclusive"}:
            raise QuestionnaireError(
                f, item_id, 'each option is { id = "…", text = "…" } (and exclusive = true).'
            )
        oid = raw_option.get("id")
        if not isinstance(oid, str) or not _OPTION_RE.fullmatch(oid):
            raise QuestionnaireError(
                f, item_id, f"option id {oid!r} must be a short lower-case word."
            )
        if any(o.id == oid for o in options):
            raise QuestionnaireError(f, item_id, f"option {oid!r} is listed twice.")
        exclusive = raw_option.get("exclusive", False)
        if not isinstance(exclusive, bool):
            raise QuestionnaireError(f, item_id, f"option {oid}: exclusive must be true/false.")
        options.append(
            Option(oid, _text(f, item_id, raw_option.get("text"), f"option {oid} text"),
                   exclusive)
        )
    return tuple(options)


def _indicator(
    f: str | None, entry: Mapping[str, Any], items: Sequence[Item], previous: Sequence[Indicator]
) -> Indicator:
    iid = entry.get("id")
    if not isinstance(iid, str) or not _OPTION_RE.fullmatch(iid):
        raise QuestionnaireError(f, "", f"indicator id {iid!r} must be a short lower-case word.")
    if any(i.id == iid for i in previous):
        raise QuestionnaireError(f, "", f"indicator {iid!r} is defined twice.")
    if set(entry) - {"id", "label", "item", "chosen", "not_chosen"}:
        raise QuestionnaireError(f, "", f"indicator {iid}: keys are id, label, item, chosen, "
                                        "not_chosen.")
    item_id = entry.get("item")
    item = next((i for i in items if isinstance(item_id, str) and i.id == item_id), None)
    if item is None or item.is_scale:
        raise QuestionnaireError(
            f, str(item_id), f"indicator {iid}: the item must be a choice question of this file."
        )
    chosen = entry.get("chosen", [])
    not_chosen = entry.get("not_chosen", [])
    option_ids = {o.id for o in item.options}
    for key, value in (("chosen", chosen), ("not_chosen", not_chosen)):
        if not isinstance(value, list) or not all(
            isinstance(v, str) and v in option_ids for v in value
        ):
            raise QuestionnaireError(
                f, item.id, f"indicator {iid}: {key} must list options of {item.id} "
                            f"({', '.join(sorted(option_ids))})."
            )
    if not chosen and not not_chosen:
        raise QuestionnaireError(f, item.id, f"indicator {iid}: give chosen or not_chosen.")
    label = _text(f, item.id, entry.get("label"), f"indicator {iid} label")
    return Indicator(iid, label, item.id, tuple(chosen), tuple(not_chosen))


def load_for(config_file: str, base: Path | None = None) -> Questionnaire:
    """The questionnaire named by ``[questionnaire] file`` (relative to the config's folder)."""
    if not config_file:
        return load()
    path = Path(config_file).expanduser()
    if not path.is_absolute() and base is not None:
        path = base / path
    return load(path)


# --- translation of the content ----------------------------------------------------------------


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
