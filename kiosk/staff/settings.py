"""Settings staff may change at the desk: saved to ``kiosk.toml``, checked like at start.

The staff area's settings screen changes a few settings (idle time, languages offered). A
change is validated by exactly the code that reads the file at start
(:func:`kiosk.core.config.from_mapping` on the file's new content), so a value the kiosk would
refuse
at its next start is refused now, with the same explanation. The file is written atomically
(:func:`kiosk.core.store.write_atomically`) and the previous version kept as ``kiosk.toml.bak``.
Settings the screen does not change are kept as they are in the file (TOML comments are not:
the ``.bak`` keeps them).

When the kiosk runs on built-in defaults (no file), the file is created where the kiosk looks
for it (:func:`kiosk.core.config.default_config_path`). The shipped demo school's file is never
written: in demo mode a change applies to the running kiosk only.
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.core import paths
from kiosk.core.config import (
    DEFAULT_LANGUAGES,
    Config,
    ConfigError,
    default_config_path,
    from_mapping,
    load,
)
from kiosk.core.languages import Language, language
from kiosk.core.store import write_atomically


@dataclass(frozen=True)
class SettingsFile:
    """Where the desk settings are saved."""

    path: Path
    #: False when the file does not exist yet (it will be created at the first save).
    exists: bool
    #: False for the shipped demo school's file: changes apply to the running kiosk only.
    writable: bool


def settings_file(config: Config) -> SettingsFile:
    """The configuration file a save writes to."""
    path = config.source or default_config_path()
    shipped = _is_within(path, paths.DATA_DIR)
    return SettingsFile(path=path, exists=path.exists(), writable=not shipped)


def _is_within(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def available_languages() -> list[Language]:
    """Languages that have a catalog (French first), in the usual order, then any other."""
    codes = [paths.SOURCE_LANGUAGE]
    codes += [c for c in DEFAULT_LANGUAGES if c != paths.SOURCE_LANGUAGE]
    if paths.LOCALES_DIR.is_dir():
        codes += sorted(
            p.name for p in paths.LOCALES_DIR.iterdir() if p.is_dir() and p.name not in codes
        )
    return [language(code) for code in codes if paths.catalog_exists([code])]


def family_counts(
    entered: dict[tuple[str, str], str],
    labels: dict[tuple[str, str], str],
    kept: dict[str, dict[str, int]],
) -> tuple[dict[str, dict[str, int]], list[str]]:
    """``[questionnaire] families`` from the staff screen's boxes, and what is wrong in them.

    `entered` maps (question id, answer id) to the text typed (empty: not set); `labels` names
    each box for the messages; `kept` is the current setting (entries for questions that are
    not on the screen are kept as they are).
    """
    families: dict[str, dict[str, int]] = {
        item_id: dict(per) for item_id, per in kept.items()
        if item_id not in {item for item, _option in entered}
    }
    problems = []
    for (item_id, option_id), text in entered.items():
        text = text.strip()
        if not text:
            continue
        label = labels.get((item_id, option_id), f"{item_id}.{option_id}")
        if not text.isdigit() or int(text) > 100_000:
            problems.append(f"« {label} » : un nombre entier de familles de 0 à 100000, "
                            f"pas « {text[:20]} ».")
            continue
        families.setdefault(item_id, {})[option_id] = int(text)
    return families, problems


def save(config: Config, changes: dict[str, dict[str, Any]]) -> Config:
    """Validate `changes` ({section: {key: value}}) as part of the file, write it, return it.

    Raises :class:`ConfigError` (nothing written) for a value the kiosk would refuse at start,
    :class:`OSError` when the file cannot be written. In demo mode (shipped file), nothing is
    written and the validated settings are returned.
    """
    target = settings_file(config)
    raw: dict[str, Any] = {}
    if target.exists:
        load(target.path)  # the file as it is must still be valid (else: its error, unchanged)
        raw = tomllib.loads(target.path.read_text(encoding="utf-8"))
    for section, values in changes.items():
        current = raw.setdefault(section, {})
        if not isinstance(current, dict):  # pragma: no cover - load() refused it above
            raise ConfigError(target.path, section, current, f"a [{section}] section")
        current.update(values)
    if not target.writable:
        merged = {name: dict(values) for name, values in _as_mapping(config).items()}
        for section, values in changes.items():
            merged[section].update(values)
        return dataclasses.replace(from_mapping(merged, config.source), source=config.source)
    new = from_mapping(raw, target.path)
    import tomli_w

    payload = tomli_w.dumps(raw).encode("utf-8")
    if target.exists:
        write_atomically(target.path.with_name(target.path.name + ".bak"),
                         target.path.read_bytes())
    write_atomically(target.path, payload)
    return new


def _as_mapping(config: Config) -> dict[str, dict[str, Any]]:
    from kiosk.core.config import to_mapping

    return to_mapping(config)
