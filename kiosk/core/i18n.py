"""Languages, translations, locale formatting and right-to-left display.

* The **language registry** (:class:`~kiosk.core.languages.Language`): code, native name,
  direction and script, from Babel's CLDR data and ``data/languages.toml``.
* One **gettext translation object per language** (:class:`Translator`), never a global
  ``install()``: the language belongs to the parent's session. French is the source language
  of the catalogs (the msgids are French).
* **Babel formatting** of dates and numbers for the session's locale; times on the 24-hour
  clock (HH:MM) in every language.
* :meth:`I18n.display` / :meth:`I18n.display_lines`: the single place that turns a logical
  string into what a terminal that does no bidi of its own must show (line by line after
  wrapping, :mod:`kiosk.core.display`); with the ``bidi = "terminal"`` setting the text is
  left for the terminal to reorder.

The language registry is :mod:`kiosk.core.languages`, the text-cleaning rule
:mod:`kiosk.core.text`, bidi reordering and text measurement :mod:`kiosk.core.display`.
"""

from __future__ import annotations

import datetime as dt
import gettext
import logging
import threading
from collections.abc import Callable, Iterable
from decimal import Decimal
from pathlib import Path

from kiosk.core import paths
from kiosk.core.display import RTL_RE, confine_bidi, drop_bidi_controls, visual_line, wrap
from kiosk.core.languages import Language, language
from kiosk.core.text import strip_controls

log = logging.getLogger(__name__)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it now (translated at render time)."""
    return message


class Translator:
    """The translations of one language, with formatting helpers for its locale."""

    def __init__(self, lang: Language, catalog: gettext.NullTranslations) -> None:
        self.language = lang
        self._catalog = catalog

    @property
    def code(self) -> str:
        return self.language.code

    @property
    def rtl(self) -> bool:
        return self.language.rtl

    def gettext(self, message: str) -> str:
        return self._catalog.gettext(message)

    __call__ = gettext

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._catalog.ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        return self._catalog.pgettext(context, message)

    # Babel formatting -------------------------------------------------------------------------

    def date(self, value: dt.date, format: str = "full") -> str:
        from babel.dates import format_date

        return str(format_date(value, format=format, locale=self.language.locale))

    def time(self, value: dt.time | dt.datetime) -> str:
        """HH:MM on the 24-hour clock, as the school writes times, in every language.

        The one place that formats a time for parents and staff (tickets, screens): Babel's
        short form is a 12-hour clock in some locales ("5:00 م" in Arabic, "5:00 m.d." in
        Albanian), which would disagree with the French part of a ticket."""
        return f"{value.hour:02d}:{value.minute:02d}"

    def datetime(self, value: dt.datetime, format: str = "medium") -> str:
        """The date in the locale's `format`, then the time as :meth:`time` writes it."""
        return f"{self.date(value.date(), format)} {self.time(value)}"

    def weekday(self, value: dt.date) -> str:
        from babel.dates import format_date

        return str(format_date(value, format="EEEE", locale=self.language.locale))

    def number(self, value: int | float | Decimal) -> str:
        from babel.numbers import format_decimal

        return str(format_decimal(value, locale=self.language.locale))

    def percent(self, value: float) -> str:
        from babel.numbers import format_percent

        return str(format_percent(value, locale=self.language.locale))


class I18n:
    """The kiosk's languages: registry, catalogs and the display function.

    One instance per kiosk, built from the configuration (enabled languages, bidi mode).
    """

    def __init__(
        self,
        codes: Iterable[str],
        *,
        bidi: str = "app",
        locales_dir: Path = paths.LOCALES_DIR,
    ) -> None:
        self.codes = list(codes)
        self.bidi = bidi
        self.locales_dir = locales_dir
        self._translators: dict[str, Translator] = {}
        self._domains: dict[str, gettext.NullTranslations] = {}
        self._lock = threading.Lock()

    @property
    def languages(self) -> list[Language]:
        return [language(code) for code in self.codes]

    def translator(self, code: str) -> Translator:
        """The translator of `code` (French, the source language, translates to itself)."""
        with self._lock:
            found = self._translators.get(code)
            if found is None:
                found = Translator(language(code), self._catalog(code))
                self._translators[code] = found
            return found

    def catalog(self, code: str, domain: str) -> gettext.NullTranslations:
        """The gettext catalog of another domain (e.g. ``questionnaire`` content) for `code`.

        The UI domain is :meth:`translator`'s; a missing catalog gives French (the msgids).
        """
        key = f"{domain}:{code}"
        with self._lock:
            found = self._domains.get(key)
            if found is None:
                found = self._domains[key] = self._catalog(code, domain)
            return found

    def _catalog(
        self, code: str, domain: str = paths.GETTEXT_DOMAIN
    ) -> gettext.NullTranslations:
        ensure_compiled(code, self.locales_dir, domain)
        try:
            return gettext.translation(domain, localedir=self.locales_dir, languages=[code])
        except OSError:
            if code != paths.SOURCE_LANGUAGE:
                log.warning("no compiled catalog for %s: showing French", code)
            return gettext.NullTranslations()

    # Display ------------------------------------------------------------------------------------

    def display(self, text: str, *, rtl: bool | None = None) -> str:
        """What the terminal should show for one logical string (no wrapping).

        `rtl` is the paragraph's base direction: True for text in a right-to-left language,
        False for a left-to-right one, None to take it from the first strong character.
        """
        text = strip_controls(text)
        if self.bidi != "app":
            return "\n".join(confine_bidi(line) for line in text.split("\n"))
        if not RTL_RE.search(text):
            return drop_bidi_controls(text)
        return "\n".join(visual_line(line, rtl) for line in text.split("\n"))

    def display_lines(self, text: str, width: int, *, rtl: bool | None = None) -> list[str]:
        """Wrap `text` to `width` cells in logical order, then reorder each line for display."""
        text = strip_controls(text)
        lines = wrap(text, width)
        if self.bidi != "app":
            return [confine_bidi(line) for line in lines]
        if not RTL_RE.search(text):
            return [drop_bidi_controls(line) for line in lines]
        return [visual_line(line, rtl) for line in lines]


def ensure_compiled(
    code: str, locales_dir: Path = paths.LOCALES_DIR, domain: str = paths.GETTEXT_DOMAIN
) -> None:
    """Compile `code`'s catalog with Babel when its `.mo` is missing or older than its `.po`.

    `make run` and `make test` compile every catalog at set-up; this keeps a kiosk whose
    catalog a translator just edited from showing stale text. A read-only install is left as
    it is.
    """
    po = locales_dir / code / "LC_MESSAGES" / f"{domain}.po"
    mo = po.with_suffix(".mo")
    try:
        if not po.exists() or (mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime):
            return
        compile_catalog(po, mo)
    except OSError as exc:
        log.warning("cannot compile %s: %s", po, exc)


def compile_catalog(po: Path, mo: Path) -> None:
    """Compile one `.po` file to `.mo` with Babel (atomically)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    from kiosk.core.store import write_atomically

    with po.open("rb") as handle:
        catalog = read_po(handle, locale=po.parent.parent.name)
    import io

    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    write_atomically(mo, buffer.getvalue())


Gettext = Callable[[str], str]
