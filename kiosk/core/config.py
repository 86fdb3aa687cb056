"""The school's `kiosk.toml`: typed settings with defaults, and one clear error for a bad file.

Every setting has a default, so an empty file (or no file at all) gives a working kiosk.
A bad file never produces a traceback: :class:`ConfigError` names the file, the key, the
bad value and what was expected, and the command line turns it into exit status 2.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_type_hints
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from kiosk.core import paths

DEFAULT_LANGUAGES = ("fr", "en", "ar", "es", "pt", "tr", "ro", "uk", "ru", "zh", "fa", "sq")
CONFIG_FILE_NAME = "kiosk.toml"


class ConfigError(Exception):
    """A configuration file that cannot be used, with a message fit for a secretary."""

    def __init__(self, file: Path | str | None, key: str, value: object, expected: str) -> None:
        self.file = str(file) if file is not None else "(configuration)"
        self.key = key
        self.value = value
        self.expected = expected
        super().__init__(self.describe())

    def describe(self) -> str:
        shown = _show(self.value)
        where = f"{self.file}: " if self.file else ""
        if self.key:
            return f"{where}{self.key} = {shown}: expected {self.expected}."
        return f"{where}{self.expected}"


def _show(value: object) -> str:
    if isinstance(value, str):
        text = value if len(value) <= 80 else value[:77] + "..."
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, bool):
        return "true" if value else "false"
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


# --- validators -----------------------------------------------------------------------------
# A validator returns None when the value is acceptable, else the text "expected ...".

Validator = Callable[[Any], str | None]


def between(low: float, high: float, unit: str = "") -> Validator:
    suffix = f" {unit}" if unit else ""

    def check(value: Any) -> str | None:
        if low <= value <= high:
            return None
        return f"a number between {low:g} and {high:g}{suffix}"

    return check


def one_of(*choices: object) -> Validator:
    def check(value: Any) -> str | None:
        if value in choices:
            return None
        return "one of " + ", ".join(_show(c) for c in choices)

    return check


def matches(pattern: str, description: str) -> Validator:
    compiled = re.compile(pattern)

    def check(value: Any) -> str | None:
        return None if compiled.fullmatch(value) else description

    return check


def max_length(limit: int) -> Validator:
    def check(value: Any) -> str | None:
        if len(value) > limit:
            return f"at most {limit} characters"
        if any(ord(ch) < 32 and ch not in "\n" for ch in value):
            return "text without control characters"
        return None

    return check


def _school_year(value: Any) -> str | None:
    if value == "auto":
        return None
    match = re.fullmatch(r"(\d{4})-(\d{4})", value)
    if match and int(match.group(2)) == int(match.group(1)) + 1:
        return None
    return 'a school year such as "2026-2027" (two consecutive years), or "auto"'


def _timezone(value: Any) -> str | None:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, IsADirectoryError, OSError):
        return 'a time zone name such as "Europe/Paris"'
    return None


def _languages(value: Any) -> str | None:
    if not value:
        return "at least one language code, such as [\"fr\"]"
    for code in value:
        if not re.fullmatch(r"[a-z]{2,3}(_[A-Z][a-z]{3})?(_[A-Z]{2})?", code):
            return f'language codes such as "fr" or "zh_Hans" ({_show(code)} is not one)'
    if len(set(value)) != len(value):
        return "each language once"
    if not paths.catalog_exists(value):
        missing = [code for code in value if not paths.catalog_exists([code])]
        return (
            "languages that have a catalog in locales/ "
            f"(no catalog for {', '.join(missing)})"
        )
    return None


def _url(value: Any) -> str | None:
    if value == "" or re.fullmatch(r"https?://[^\s<>\"']+", value):
        return None
    return 'an address starting with "https://" (or "" for none)'


def _clock(value: Any) -> str | None:
    if re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", value):
        return None
    return 'a time of day such as "16:00"'


def _day(value: Any) -> str | None:
    if value == "":
        return None
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return 'a date such as "2027-01-05" (year-month-day), or "" for none'
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return 'a date such as "2027-01-05" (year-month-day), or "" for none'
    return None


def _weekday(value: Any) -> str | None:
    return one_of(*WEEKDAYS)(value)


def _category_families(value: Any) -> str | None:
    """[questionnaire.families]: {item id: {option id: number of families}}."""
    for item_id, per_option in value.items():
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]{0,39}", item_id):
            return (f"question ids such as P_LEVEL ({_show(item_id)} is not one)")
        for option_id, count in per_option.items():
            if not re.fullmatch(r"[A-Za-z0-9_-]{1,40}", option_id):
                return (f"answer ids such as college under {item_id} "
                        f"({_show(option_id)} is not one)")
            if not 0 <= count <= 100_000:
                return (f"a number of families between 0 and 100000 for {item_id}.{option_id} "
                        f"(not {count})")
    return None


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def setting(default: Any, *checks: Validator, doc: str = "") -> Any:
    """Declare one setting: its default, its checks and a line of documentation."""
    if isinstance(default, list):
        return field(
            default_factory=lambda: list(default), metadata={"checks": checks, "doc": doc}
        )
    if isinstance(default, dict):
        return field(
            default_factory=lambda: dict(default), metadata={"checks": checks, "doc": doc}
        )
    return field(default=default, metadata={"checks": checks, "doc": doc})


# --- sections ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SchoolSettings:
    """Who the school is; shown to parents and printed on tickets."""

    name: str = setting("École", max_length(120), doc="The school's name, as parents know it.")
    address: str = setting("", max_length(300), doc="Postal address, shown on Help and tickets.")
    phone: str = setting("", max_length(40), doc="Phone number parents can call.")
    year: str = setting(
        "auto", _school_year, doc='School year, e.g. "2026-2027"; "auto" follows the calendar.'
    )
    families: int = setting(
        0, between(0, 100_000), doc="Number of families, for questionnaire response rates."
    )
    timezone: str = setting("Europe/Paris", _timezone, doc="The school's time zone.")


@dataclass(frozen=True)
class KioskSettings:
    """How the kiosk behaves at the reception desk."""

    languages: list[str] = setting(
        list(DEFAULT_LANGUAGES), _languages, doc="Languages offered on the welcome screen."
    )
    idle_timeout: int = setting(
        90, between(10, 3600, "seconds"), doc="Seconds without a key or touch before asking."
    )
    idle_countdown: int = setting(
        20, between(5, 300, "seconds"), doc="Seconds of the 'Are you still there?' countdown."
    )
    bidi: str = setting(
        "app",
        one_of("app", "terminal"),
        doc='"app" reorders right-to-left text itself; "terminal" leaves it to the terminal.',
    )
    terminal_name: str = setting(
        "Accueil", max_length(40), doc="Name of this kiosk, printed on tickets."
    )
    data_dir: str = setting(
        "", max_length(4096), doc="Data folder; empty means the platform's data folder."
    )


@dataclass(frozen=True)
class OnlineSettings:
    """Where the online versions (the QR codes' targets) live."""

    base_url: str = setting(
        "", _url, doc="Address where `kiosk publish` output is put online; empty: none."
    )
    resources_url: str = setting(
        "", _url, doc="Page of digital-help resources for families (questionnaire ticket)."
    )
    ent_url: str = setting(
        "", _url, doc="The school's ENT (digital workspace), where the guides' QR codes lead."
    )


@dataclass(frozen=True)
class PrinterSettings:
    """The ticket printer."""

    printer: str = setting(
        "preview",
        max_length(300),
        doc='"preview", "network:HOST:PORT", "usb:VENDOR:PRODUCT", "serial:DEVICE[:BAUD]", '
        '"file:PATH" or "cups:QUEUE".',
    )
    profile: str = setting("", max_length(80), doc="python-escpos printer profile, e.g. TM-T20II.")
    paper_width: int = setting(80, one_of(58, 80), doc="Paper width in millimetres: 58 or 80.")
    timeout: float = setting(
        5.0, between(0.5, 60, "seconds"), doc="Seconds before a network printer is given up."
    )
    font: str = setting(
        "", max_length(4096), doc="Font file for scripts the printer cannot print; empty: search."
    )


@dataclass(frozen=True)
class RetentionSettings:
    """How long personal details are kept (RGPD)."""

    bookings_days: int = setting(
        30, between(0, 3650, "days"), doc="Days after a meeting or workshop before names go."
    )
    help_requests_days: int = setting(
        7, between(0, 3650, "days"), doc="Days help requests stay on the staff dashboard."
    )
    callbacks_days: int = setting(
        30, between(1, 3650, "days"),
        doc="Days a call-back request is kept at most (a request done goes at the next purge).",
    )
    audit_days: int = setting(
        365, between(30, 3650, "days"), doc="Days the staff audit log is kept."
    )
    loans_days: int = setting(
        90, between(1, 3650, "days"),
        doc="Days after an equipment loan ended (or a request went unanswered) before names go.",
    )


@dataclass(frozen=True)
class QuestionnaireSettings:
    """The co-education questionnaire."""

    file: str = setting("", max_length(4096), doc="Questionnaire file; empty: the shipped one.")
    min_group_size: int = setting(
        5, between(2, 100),
        doc="Fewest responses any result figure may describe (screen, report, exports).",
    )
    families: dict[str, dict[str, int]] = setting(
        {}, _category_families,
        doc="Families per category, e.g. [questionnaire.families.P_LEVEL] college = 300.",
    )
    opens: str = setting(
        "", _day, doc='First day answers are taken, e.g. "2027-01-05"; "": from now on.'
    )
    closes: str = setting(
        "", _day, doc='Last day answers are taken, e.g. "2027-02-05"; "": no end.'
    )
    one_per_family: bool = setting(
        False, doc="Ask for a one-time code (kiosk questionnaire codes) before the questions."
    )


@dataclass(frozen=True)
class BookingSettings:
    """Appointments and workshops."""

    lead_time_hours: int = setting(
        12, between(0, 24 * 30, "hours"), doc="How far ahead a slot must be to be booked."
    )
    max_future_per_person: int = setting(
        1, between(1, 20), doc="Future bookings a family may hold with the same person."
    )
    code_attempts: int = setting(
        5, between(1, 50), doc="Wrong booking codes in a row before a pause."
    )
    code_pause_seconds: int = setting(
        60, between(5, 3600, "seconds"), doc="Length of that pause."
    )


@dataclass(frozen=True)
class LoanSettings:
    """Equipment loans (tablets, computers) to families."""

    days: int = setting(30, between(1, 365, "days"), doc="Usual length of a loan, in days.")


@dataclass(frozen=True)
class AnnouncementSettings:
    """The weekly publication rhythm for announcements."""

    publication_day: str = setting("monday", _weekday, doc="Day new announcements come out.")
    publication_time: str = setting("16:00", _clock, doc="Time of day they come out.")
    new_days: int = setting(7, between(1, 60, "days"), doc='Days an announcement shows "new".')


def _spoken_languages(value: Any) -> str | None:
    return _languages(value) if value else None


@dataclass(frozen=True)
class AudioSettings:
    """Reading the screens aloud (espeak-ng, and the school's own recordings)."""

    enabled: bool = setting(True, doc="Offer the listen key where a sound output is found.")
    auto_read: list[str] = setting(
        [], _spoken_languages, doc='Languages whose screens are read aloud as they open.'
    )
    volume: int = setting(80, between(0, 100, "%"), doc="Volume of the voice, 0 to 100.")
    player: str = setting(
        "auto", max_length(300),
        doc='"auto" (pw-play, paplay or aplay, found at start) or a command; {file}: the sound.',
    )


@dataclass(frozen=True)
class Config:
    """All settings of one school's kiosk."""

    school: SchoolSettings = field(default_factory=SchoolSettings)
    kiosk: KioskSettings = field(default_factory=KioskSettings)
    online: OnlineSettings = field(default_factory=OnlineSettings)
    printer: PrinterSettings = field(default_factory=PrinterSettings)
    retention: RetentionSettings = field(default_factory=RetentionSettings)
    questionnaire: QuestionnaireSettings = field(default_factory=QuestionnaireSettings)
    booking: BookingSettings = field(default_factory=BookingSettings)
    loans: LoanSettings = field(default_factory=LoanSettings)
    announcements: AnnouncementSettings = field(default_factory=AnnouncementSettings)
    audio: AudioSettings = field(default_factory=AudioSettings)
    #: The file these settings came from (None: built-in defaults).
    source: Path | None = field(default=None, compare=False)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.school.timezone)

    def school_year(self, today: dt.date | None = None) -> str:
        """The school year in force: the configured one, or the one containing `today`."""
        if self.school.year != "auto":
            return self.school.year
        return school_year_of(today or dt.datetime.now(self.tz).date())


def school_year_of(day: dt.date) -> str:
    """French school years start in September; from 1 August the kiosk prepares the next one."""
    start = day.year if day.month >= 8 else day.year - 1
    return f"{start}-{start + 1}"


def school_year_start(year: str) -> dt.date:
    """The first day of a school year as :func:`school_year_of` counts it (1 August)."""
    return dt.date(int(year[:4]), 8, 1)


def previous_school_year(year: str) -> str:
    """The school year before `year` ("2026-2027" → "2025-2026")."""
    start = int(year[:4])
    return f"{start - 1}-{start}"


SECTIONS: dict[str, type] = {
    f.name: f.type if isinstance(f.type, type) else get_type_hints(Config)[f.name]
    for f in dataclasses.fields(Config)
    if f.name != "source"
}


def _check_type(expected: Any, value: Any) -> str | None:
    """None when `value` has the TOML type the setting needs, else "expected ..." text."""
    if expected is bool:
        return None if isinstance(value, bool) else "true or false"
    if expected is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
        return None if ok else "a whole number"
    if expected is float:
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        return None if ok else "a number"
    if expected is str:
        return None if isinstance(value, str) else "text in quotes"
    if expected == dict[str, dict[str, int]]:
        if isinstance(value, dict) and all(
            isinstance(per, dict) and all(
                isinstance(n, int) and not isinstance(n, bool) for n in per.values())
            for per in value.values()
        ):
            return None
        return ("a table per question of whole numbers, such as "
                "[questionnaire.families.P_LEVEL] college = 300")
    if expected == list[str]:
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return None
        return 'a list of texts, such as ["fr", "en"]'
    raise TypeError(f"unsupported setting type {expected!r}")  # pragma: no cover


def from_mapping(raw: Mapping[str, Any], file: Path | str | None = None) -> Config:
    """Build a :class:`Config` from parsed TOML, or raise :class:`ConfigError`."""
    sections: dict[str, Any] = {}
    for section_name, section_value in raw.items():
        if section_name not in SECTIONS:
            raise ConfigError(
                file, f"[{section_name}]", "", "one of the sections " + _names(SECTIONS)
            )
        section_cls = SECTIONS[section_name]
        if not isinstance(section_value, dict):
            raise ConfigError(file, section_name, section_value, f"a [{section_name}] section")
        hints = get_type_hints(section_cls)
        known = {f.name: f for f in dataclasses.fields(section_cls)}
        values: dict[str, Any] = {}
        for key, value in section_value.items():
            label = f"[{section_name}] {key}"
            if key not in known:
                raise ConfigError(file, label, value, "a known setting: " + _names(known))
            problem = _check_type(hints[key], value)
            if problem is None:
                if hints[key] is float:
                    value = float(value)
                for check in known[key].metadata.get("checks", ()):
                    problem = check(value)
                    if problem:
                        break
            if problem:
                raise ConfigError(file, label, value, problem)
            values[key] = value
        sections[section_name] = section_cls(**values)
    config = Config(**sections, source=Path(file) if file else None)
    if config.kiosk.idle_countdown >= config.kiosk.idle_timeout:
        raise ConfigError(
            file,
            "[kiosk] idle_countdown",
            config.kiosk.idle_countdown,
            f"fewer seconds than idle_timeout ({config.kiosk.idle_timeout})",
        )
    q = config.questionnaire
    if q.opens and q.closes and q.closes < q.opens:
        raise ConfigError(
            file, "[questionnaire] closes", q.closes, f"a day on or after opens ({q.opens})"
        )
    return config


def _names(names: Mapping[str, Any]) -> str:
    return ", ".join(sorted(names))


def load(path: Path | None) -> Config:
    """Read and validate a configuration file; None or a missing default file gives defaults."""
    if path is None:
        return Config()
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise ConfigError(path, "", None, "The configuration file does not exist.") from None
    except IsADirectoryError:
        raise ConfigError(path, "", None, "This is a folder, not a configuration file.") from None
    except PermissionError:
        raise ConfigError(path, "", None, "The kiosk may not read this file.") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(
            path, "", None, f"The file is not UTF-8 text (byte {exc.start})."
        ) from None
    except OSError as exc:
        raise ConfigError(path, "", None, f"The file cannot be read ({exc.strerror}).") from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, "", None, f"This is not valid TOML: {exc}.") from None
    return from_mapping(raw, path)


def to_mapping(config: Config) -> dict[str, dict[str, Any]]:
    """The settings as plain TOML-ready values (for writing and for the reference)."""
    return {
        name: dataclasses.asdict(getattr(config, name))
        for name in SECTIONS
    }


def reference() -> list[tuple[str, str, Any, str]]:
    """(section, key, default, documentation) for every setting, for the README and --help."""
    rows = []
    for section_name, section_cls in SECTIONS.items():
        defaults = dataclasses.asdict(section_cls())
        for f in dataclasses.fields(section_cls):
            rows.append((section_name, f.name, defaults[f.name], f.metadata.get("doc", "")))
    return rows


def default_config_path() -> Path:
    """Where the kiosk looks for `kiosk.toml` when no --config is given."""
    import platformdirs

    return Path(platformdirs.user_config_dir(paths.APP_NAME, appauthor=False)) / CONFIG_FILE_NAME


def replace(config: Config, section: str, **changes: Any) -> Config:
    """A copy of `config` with some settings of one section changed, validated like a file."""
    raw = to_mapping(config)
    raw[section].update(changes)
    return from_mapping(raw, config.source)
