"""Reading the questionnaire file: :func:`load` (the shipped file or the school's own copy,
named by ``[questionnaire] file``) validates every key and raises
:class:`~kiosk.questionnaire.content.QuestionnaireError` naming the file, the item and the
problem; nothing half-valid is ever used."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from kiosk.questionnaire.content import (
    KINDS,
    MAX_TEXT,
    QUESTIONNAIRE_FILE,
    SCALE,
    Domain,
    Indicator,
    Item,
    Option,
    Questionnaire,
    QuestionnaireError,
    Section,
)

_ID_RE = re.compile(r"[A-Z][A-Z0-9_]{0,31}")
_OPTION_RE = re.compile(r"[a-z][a-z0-9_]{0,31}")


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
    version, minutes = _whole(f, raw, "version", 1, 1, 10**6), _whole(f, raw, "minutes", 10, 1, 120)
    scale = raw.get("scale")
    if not isinstance(scale, list) or len(scale) != len(SCALE):
        raise QuestionnaireError(f, "", "scale must list exactly 5 texts, from 1 to 5.")
    sections = _sections(f, raw)
    domains = _domains(f, raw)
    items: list[Item] = []
    for index, entry in enumerate(_table_list(f, raw, "items"), start=1):
        items.append(_item(f, index, entry, sections, domains, items))
    if not any(item.enabled for item in items):
        raise QuestionnaireError(f, "", "no item is enabled: there would be nothing to ask.")
    indicators: list[Indicator] = []
    for entry in _table_list(f, raw, "indicators"):
        indicators.append(_indicator(f, entry, items, indicators))
    return Questionnaire(
        version=version,
        minutes=minutes,
        scale=tuple(_text(f, "", s, f"scale text {i}") for i, s in enumerate(scale, 1)),
        not_applicable=_text(f, "", raw.get("not_applicable"), "not_applicable"),
        sections=tuple(sections),
        domains=tuple(domains),
        all_items=tuple(items),
        indicators=tuple(indicators),
        orientation_when=_orientation_when(f, raw, indicators),
        source=Path(file) if file is not None else None,
    )


def _whole(f: str | None, raw: Mapping[str, Any], key: str, default: int, low: int,
           high: int) -> int:
    value = raw.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        if high >= 10**6:
            raise QuestionnaireError(f, "", f"{key} must be a whole number from {low}.")
        raise QuestionnaireError(f, "", f"{key} must be a whole number from {low} to {high}.")
    return value


def _sections(f: str | None, raw: Mapping[str, Any]) -> list[Section]:
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
    return sections


def _domains(f: str | None, raw: Mapping[str, Any]) -> list[Domain]:
    domains: list[Domain] = []
    for entry in _table_list(f, raw, "domains"):
        did = entry.get("id")
        if not isinstance(did, str) or not re.fullmatch("[A-Z]", did):
            raise QuestionnaireError(f, "", f"domain id {did!r} must be one capital letter.")
        if any(d.id == did for d in domains):
            raise QuestionnaireError(f, "", f"domain {did!r} is defined twice.")
        domains.append(Domain(did, _text(f, "", entry.get("title"), f"domain {did} title")))
    return domains


def _orientation_when(f: str | None, raw: Mapping[str, Any],
                      indicators: Sequence[Indicator]) -> tuple[str, ...]:
    orientation = raw.get("orientation", {})
    if not isinstance(orientation, dict) or set(orientation) - {"when"}:
        raise QuestionnaireError(f, "", '[orientation] takes one key: when = ["indicator", …].')
    when = orientation.get("when", [])
    known = {i.id for i in indicators}
    if not isinstance(when, list) or not all(isinstance(w, str) and w in known for w in when):
        raise QuestionnaireError(
            f, "", f"[orientation] when must list indicator ids among: {', '.join(sorted(known))}."
        )
    return tuple(when)


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
