"""The Babel extractor of the questionnaire's translatable texts (see ``babel-questionnaire.cfg``).

It also extracts the texts of demo content files with the same ``[[…]]`` shape (partners,
loan information): the keys each file lists in its ``translate``.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator, Mapping
from typing import IO, Any

from kiosk.questionnaire.loading import from_mapping


def extract_questionnaire(
    fileobj: IO[bytes], keywords: object, comment_tags: object, options: object
) -> Iterator[tuple[int, str | None, str, list[str]]]:
    """Babel extraction method for questionnaire-like TOML files (texts parents see).

    Also extracts the ``name``/``hours``/``text`` of demo content files with the same
    ``[[…]]`` shape (partners, loan information), see ``babel-questionnaire.cfg``.
    """
    raw_bytes = fileobj.read()
    text = raw_bytes.decode("utf-8")
    lines = text.split("\n")
    raw = tomllib.loads(text)

    def line_of(message: str) -> int:
        probe = message[:30]
        for number, line in enumerate(lines, start=1):
            if probe in " ".join(line.split()):
                return number
        return 0

    if "items" in raw:
        questionnaire = from_mapping(raw, getattr(fileobj, "name", None))
        for where, message in questionnaire.texts():
            yield line_of(message), None, message, [where]
        return
    for where, message in _content_texts(raw):
        yield line_of(message), None, message, [where]


def _content_texts(raw: Mapping[str, Any], prefix: str = "") -> Iterator[tuple[str, str]]:
    """Texts marked for translation in a content file: keys listed in its `translate`."""
    wanted = raw.get("translate", [])
    for key, value in raw.items():
        if isinstance(value, str) and key in wanted:
            yield f"{prefix}{key}", value
        elif isinstance(value, list):
            for index, entry in enumerate(value):
                if isinstance(entry, dict):
                    sub = dict(entry)
                    sub.setdefault("translate", wanted)
                    yield from _content_texts(sub, f"{prefix}{key}[{index}].")
        elif isinstance(value, dict):
            sub = dict(value)
            sub.setdefault("translate", wanted)
            yield from _content_texts(sub, f"{prefix}{key}.")
